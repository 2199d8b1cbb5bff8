package io.disruptorx.marketdata.client;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteOrder;

import io.disruptorx.marketdata.SequencedMessageHandler;
import io.disruptorx.marketdata.wire.RecoveryProtocol;
import io.disruptorx.protocol.soupbintcp.SoupBinTcp;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Blocking client of the {@link io.disruptorx.marketdata.server.RecoveryServer}: fetches a snapshot or
 * retransmits a range over TCP. Runs off the feed client's thread (it blocks).
 */
public final class TcpRecoveryClient
{
    /** Largest snapshot {@link #fetchSnapshot} accepts by default, in bytes of frames (about 7 million orders). */
    public static final int DEFAULT_MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;

    private final InetSocketAddress address;
    private final int timeoutMillis;
    private final int maxSnapshotBytes;
    private volatile Socket inUse;
    private volatile boolean aborted;

    /**
     * @param address       recovery server.
     * @param timeoutMillis connect and read timeout.
     */
    public TcpRecoveryClient(final InetSocketAddress address, final int timeoutMillis)
    {
        this(address, timeoutMillis, DEFAULT_MAX_SNAPSHOT_BYTES);
    }

    /**
     * @param address          recovery server.
     * @param timeoutMillis    connect and read timeout.
     * @param maxSnapshotBytes largest snapshot accepted (frames, with their length fields); a larger one fails the
     *                         fetch with an {@link IOException}.
     */
    public TcpRecoveryClient(final InetSocketAddress address, final int timeoutMillis, final int maxSnapshotBytes)
    {
        if (maxSnapshotBytes < 1)
        {
            throw new IllegalArgumentException("maxSnapshotBytes: positive, got " + maxSnapshotBytes);
        }
        this.address = address;
        this.timeoutMillis = timeoutMillis;
        this.maxSnapshotBytes = maxSnapshotBytes;
    }

    /**
     * Closes the connection of a fetch or retransmission in progress on another thread, which then fails with an
     * {@link IOException}, as does every later one; used to stop a fetch when its owner closes.
     */
    public void abort()
    {
        aborted = true;
        final Socket current = inUse;
        if (current != null)
        {
            try
            {
                current.close();
            }
            catch (final IOException ignore)
            {
                // closing only to wake the fetching thread; it sees the socket closed either way
            }
        }
    }

    /**
     * Fetches a snapshot.
     *
     * @param instrumentId one instrument, or 0 for all.
     * @param out          receives the frames from 'B' to 'F'.
     * @return bytes written to {@code out}, or -1 when the server refused.
     * @throws IOException on connection trouble, or a snapshot larger than the maximum.
     */
    public int fetchSnapshot(final int instrumentId, final ExpandableArrayBuffer out) throws IOException
    {
        try (Socket socket = connect())
        {
            final DataOutputStream output = request(socket, RecoveryProtocol.SNAPSHOT_REQUEST,
                RecoveryProtocol.SNAPSHOT_REQUEST_LENGTH);
            output.writeInt(instrumentId);
            output.flush();
            final DataInputStream input = new DataInputStream(socket.getInputStream());
            int position = 0;
            final byte[] frame = new byte[SoupBinTcp.MAX_PACKET_LENGTH];
            while (true)
            {
                final int length = readPacket(input, frame);
                if (frame[0] == RecoveryProtocol.RETRANSMIT_END)
                {
                    return -1;
                }
                if (length + SoupBinTcp.LENGTH_FIELD > maxSnapshotBytes - position)
                {
                    throw new IOException("snapshot larger than " + maxSnapshotBytes + " bytes, refused");
                }
                out.putShort(position, (short)length, ByteOrder.BIG_ENDIAN);
                out.putBytes(position + SoupBinTcp.LENGTH_FIELD, frame, 0, length);
                position += SoupBinTcp.LENGTH_FIELD + length;
                if (frame[0] == RecoveryProtocol.SNAPSHOT_END)
                {
                    return position;
                }
            }
        }
    }

    /**
     * Retransmits a range by request/response.
     *
     * @param fromSequence first sequence.
     * @param count        how many.
     * @param handler      receives each message.
     * @return the server's status ({@link RecoveryProtocol#STATUS_OK} and so on).
     * @throws IOException on connection trouble.
     */
    public byte retransmit(final long fromSequence, final int count, final SequencedMessageHandler handler)
        throws IOException
    {
        try (Socket socket = connect())
        {
            final DataOutputStream output = request(socket, RecoveryProtocol.RETRANSMIT_REQUEST,
                RecoveryProtocol.RETRANSMIT_REQUEST_LENGTH);
            output.writeLong(fromSequence);
            output.writeInt(count);
            output.flush();
            final DataInputStream input = new DataInputStream(socket.getInputStream());
            final byte[] frame = new byte[SoupBinTcp.MAX_PACKET_LENGTH];
            final UnsafeBuffer view = new UnsafeBuffer(frame);
            while (true)
            {
                final int length = readPacket(input, frame);
                if (frame[0] == RecoveryProtocol.RETRANSMIT_END)
                {
                    if (length < 2)
                    {
                        throw new IOException("END frame without a status");
                    }
                    return frame[1];
                }
                if (frame[0] == RecoveryProtocol.MESSAGE && length >= 9)
                {
                    handler.onMessage(view.getLong(1, ByteOrder.BIG_ENDIAN), view, 9, length - 9);
                }
            }
        }
    }

    /**
     * Starts a request: the packet header, for the caller to write the payload after and flush.
     */
    private static DataOutputStream request(final Socket socket, final byte type, final int payloadLength)
        throws IOException
    {
        final DataOutputStream output = new DataOutputStream(socket.getOutputStream());
        output.writeShort(1 + payloadLength);
        output.writeByte(type);
        return output;
    }

    /**
     * Reads one SoupBinTCP-framed packet, type byte first, into {@code packet}.
     *
     * @return the packet's length (type byte and payload).
     */
    private static int readPacket(final DataInputStream input, final byte[] packet) throws IOException
    {
        final int length = input.readUnsignedShort();
        if (length < 1)
        {
            throw new IOException("empty frame");
        }
        input.readFully(packet, 0, length);
        return length;
    }

    private Socket connect() throws IOException
    {
        final Socket socket = new Socket();
        inUse = socket;
        try
        {
            if (aborted)
            {
                throw new IOException("aborted");
            }
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(timeoutMillis);
            socket.connect(address, timeoutMillis);
            return socket;
        }
        catch (final IOException | RuntimeException ex)
        {
            socket.close();
            throw ex;
        }
    }
}
