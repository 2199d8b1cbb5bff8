package io.disruptorx.node.cli;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.book.BookUpdater;
import io.disruptorx.marketdata.book.MarketBook;
import io.disruptorx.marketdata.client.SnapshotSessionReader;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A market data client of a node's SoupBinTCP feed over any socket (plain, or a JDK {@code SSLSocket} for the TLS
 * listener), one connection per session: the SoupBinTCP 3.00 framing here (login, sequenced data, heartbeats, end
 * of session), the book from the project's market data client library ({@link SnapshotSessionReader} for the
 * snapshot session, {@link BookUpdater} for the live session from the sequence the snapshot names).
 */
final class SoupFeedClient implements AutoCloseable
{
    private final Callable<Socket> connect;
    private Socket socket;
    private DataInputStream input;
    private OutputStream output;
    private final MarketBook book = new MarketBook();
    private final MarketDataListener listener;
    private SnapshotSessionReader snapshot;
    private BookUpdater updater;
    private long nextSequence;

    /**
     * @param connect  opens a connection to the feed (for TLS, handshaken), one per session.
     * @param listener told about the live session's trades and book changes.
     */
    SoupFeedClient(final Callable<Socket> connect, final MarketDataListener listener)
    {
        this.connect = connect;
        this.listener = listener;
    }

    /**
     * Logs in to the snapshot session and reads it to its end.
     *
     * @param session   the snapshot session's name.
     * @param timeoutMs longest wait.
     * @return the reader, holding the book and where the live session continues.
     * @throws IOException on socket trouble, a refused login or no end in time.
     */
    SnapshotSessionReader readSnapshot(final String session, final long timeoutMs) throws IOException
    {
        snapshot = new SnapshotSessionReader(book, new MarketDataListener()
        {
        });
        login(session, 1, timeoutMs);
        final boolean ended = read(() -> false, timeoutMs);
        socket.close();
        if (!ended)
        {
            throw new IOException("no end of the snapshot session in " + timeoutMs + " ms");
        }
        return snapshot;
    }

    /**
     * Logs in to the live session at a sequence; later messages go to the book and the listener.
     *
     * @param session   the feed's session.
     * @param sequence  the first message wanted.
     * @param timeoutMs longest wait.
     * @throws IOException on socket trouble or a refused login.
     */
    void follow(final String session, final long sequence, final long timeoutMs) throws IOException
    {
        snapshot = null;
        updater = new BookUpdater(book, listener);
        nextSequence = sequence;
        login(session, sequence, timeoutMs);
    }

    /**
     * Reads the session (answering silence with heartbeats) until {@code done} holds, the session ends or time runs
     * out.
     *
     * @param done      when to stop.
     * @param timeoutMs longest wait.
     * @return whether the session ended.
     * @throws IOException on socket trouble.
     */
    boolean read(final BooleanSupplier done, final long timeoutMs) throws IOException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        final byte[] packet = new byte[65_536];
        while (!done.getAsBoolean() && System.nanoTime() < deadline)
        {
            final int length;
            try
            {
                length = input.readUnsignedShort();
            }
            catch (final SocketTimeoutException ex)
            {
                send('R', "");
                continue;
            }
            input.readFully(packet, 0, length);
            final char type = (char)packet[0];
            if (type == 'Z')
            {
                return true;
            }
            if (type == 'S')
            {
                final UnsafeBuffer message = new UnsafeBuffer(packet, 1, length - 1);
                if (snapshot != null)
                {
                    snapshot.onMessage(message, 0, length - 1);
                }
                else
                {
                    updater.onMessage(nextSequence++, message, 0, length - 1);
                }
            }
        }
        return false;
    }

    /**
     * @return the book.
     */
    MarketBook book()
    {
        return book;
    }

    /**
     * @return the live session's undecodable and inconsistent messages.
     */
    long faults()
    {
        return updater == null ? 0 : updater.undecodable() + updater.inconsistencies();
    }

    private void login(final String session, final long sequence, final long timeoutMs) throws IOException
    {
        try
        {
            socket = connect.call();
        }
        catch (final IOException ex)
        {
            throw ex;
        }
        catch (final Exception ex)
        {
            throw new IOException(ex);
        }
        socket.setSoTimeout(500);
        input = new DataInputStream(socket.getInputStream());
        output = socket.getOutputStream();
        send('L', String.format("%-6s%-10s%10s%20d", "", "", session, sequence));
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline)
        {
            final int length;
            try
            {
                length = input.readUnsignedShort();
            }
            catch (final SocketTimeoutException ex)
            {
                continue;
            }
            final byte[] packet = new byte[length];
            input.readFully(packet);
            if (packet[0] == 'A')
            {
                return;
            }
            if (packet[0] == 'J')
            {
                throw new IOException("login to " + session + " refused: " + (char)packet[1]);
            }
        }
        throw new IOException("no answer to the login to " + session);
    }

    private void send(final char type, final String body) throws IOException
    {
        final byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        final byte[] packet = new byte[3 + bytes.length];
        packet[0] = (byte)((bytes.length + 1) >>> 8);
        packet[1] = (byte)(bytes.length + 1);
        packet[2] = (byte)type;
        System.arraycopy(bytes, 0, packet, 3, bytes.length);
        output.write(packet);
        output.flush();
    }

    @Override
    public void close() throws IOException
    {
        if (socket != null)
        {
            socket.close();
        }
    }
}
