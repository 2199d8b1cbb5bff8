package io.disruptorx.marketdata.server;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.disruptorx.marketdata.wire.MoldUdp64;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Packs sequenced messages into MoldUDP64 packets and sends each packet to every line (A, B, ...). A packet
 * is sent when the next message would not fit the payload limit and at the end of a batch
 * ({@link #flush()}); when nothing was sent for a heartbeat interval, {@link #onTimer(long)} sends a
 * heartbeat carrying the next sequence. Every message also goes into the {@link MessageStore} before its
 * packet leaves, so a re-request can never outrun the store.
 *
 * <p>Single-threaded: the thread that receives the engine's events calls every method. Steady state
 * allocates nothing.
 */
public final class FeedPublisher
{
    private final byte[] session;
    private final MessageStore store;
    private final PacketSink[] lines;
    private final int maxPayload;
    private final long heartbeatIntervalNanos;
    private final NanoClock clock;
    private final ByteBuffer packetBuffer;
    private final UnsafeBuffer packet;

    private long nextSequence = 1;
    private long packetFirstSequence;
    private int packetCount;
    private int packetLength;
    private long lastSendNanos;
    private boolean ended;
    private volatile boolean transmitting = true;

    private volatile long messagesPublished;
    private volatile long packetsSent;
    private volatile long heartbeatsSent;

    /**
     * @param session                MoldUDP64 session name.
     * @param store                  recent messages, for retransmission and the recovery servers.
     * @param maxPayload             largest UDP payload (header included), e.g. 1400 for a safe MTU.
     * @param heartbeatIntervalNanos idle time before a heartbeat.
     * @param lines                  where every packet goes.
     */
    public FeedPublisher(
        final byte[] session,
        final MessageStore store,
        final int maxPayload,
        final long heartbeatIntervalNanos,
        final PacketSink... lines)
    {
        this(SystemNanoClock.INSTANCE, session, store, maxPayload, heartbeatIntervalNanos, lines);
    }

    /**
     * @param clock                  the time of the last send, for heartbeats.
     * @param session                MoldUDP64 session name.
     * @param store                  recent messages, for retransmission and the recovery servers.
     * @param maxPayload             largest UDP payload (header included), e.g. 1400 for a safe MTU.
     * @param heartbeatIntervalNanos idle time before a heartbeat.
     * @param lines                  where every packet goes.
     */
    public FeedPublisher(
        final NanoClock clock,
        final byte[] session,
        final MessageStore store,
        final int maxPayload,
        final long heartbeatIntervalNanos,
        final PacketSink... lines)
    {
        this.clock = clock;
        if (maxPayload < MoldUdp64.HEADER_LENGTH + MoldUdp64.MESSAGE_LENGTH_FIELD + store.maxMessageLength())
        {
            throw new IllegalArgumentException("maxPayload " + maxPayload + " cannot hold one message");
        }
        this.session = session.clone();
        this.store = store;
        this.lines = lines.clone();
        this.maxPayload = maxPayload;
        this.heartbeatIntervalNanos = heartbeatIntervalNanos;
        this.packetBuffer = ByteBuffer.allocateDirect(maxPayload).order(ByteOrder.BIG_ENDIAN);
        this.packet = new UnsafeBuffer(packetBuffer);
    }

    /**
     * Continues a session from a later sequence: call before the first message (the store must start there too).
     *
     * @param sequence the first sequence this publisher will send.
     */
    public void startAt(final long sequence)
    {
        if (messagesPublished != 0 || nextSequence != 1 || sequence < 1)
        {
            throw new IllegalStateException("a publisher starts at a sequence before its first message");
        }
        nextSequence = sequence;
        messagesPublished = sequence - 1;
    }

    /**
     * Turns sending on or off; while off, messages still go into the store and packets are formed as usual but
     * go nowhere (a cluster member replaying its log fills its store without transmitting).
     *
     * @param transmitting whether packets leave.
     */
    public void transmitting(final boolean transmitting)
    {
        this.transmitting = transmitting;
    }

    /**
     * @return whether packets leave.
     */
    public boolean transmitting()
    {
        return transmitting;
    }

    /**
     * Adds one message to the current packet, sending the packet first when the message would not fit.
     *
     * @param sequence its feed sequence: must be the next one.
     * @param buffer   holding it.
     * @param offset   where it starts.
     * @param length   its length.
     */
    public void onMessage(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        if (sequence != nextSequence)
        {
            throw new IllegalStateException("feed sequence " + sequence + ", expected " + nextSequence);
        }
        if (length > store.maxMessageLength())
        {
            throw new IllegalArgumentException("message of " + length + " bytes exceeds the store's slot");
        }
        store.append(sequence, buffer, offset, length);
        if (packetCount > 0 &&
            (packetLength + MoldUdp64.MESSAGE_LENGTH_FIELD + length > maxPayload ||
            packetCount == MoldUdp64.MAX_MESSAGE_COUNT))
        {
            sendPacket();
        }
        if (packetCount == 0)
        {
            packetFirstSequence = sequence;
            packetLength = MoldUdp64.HEADER_LENGTH;
        }
        final UnsafeBuffer packet = this.packet;
        final int position = packetLength;
        packet.putShort(position, (short)length, ByteOrder.BIG_ENDIAN);
        packet.putBytes(position + MoldUdp64.MESSAGE_LENGTH_FIELD, buffer, offset, length);
        packetLength = position + MoldUdp64.MESSAGE_LENGTH_FIELD + length;
        packetCount++;
        nextSequence = sequence + 1;
        messagesPublished = sequence;
    }

    /**
     * End of batch: sends the partly filled packet, if any, and lets the store release what is past its retention
     * (as of the last send: an idle publisher releases nothing, which only keeps messages longer).
     */
    public void flush()
    {
        if (packetCount > 0)
        {
            sendPacket();
        }
        store.expire(lastSendNanos);
    }

    /**
     * Sends a heartbeat when nothing went out for the heartbeat interval. Call it when idle.
     *
     * @param nowNanos monotonic time.
     */
    public void onTimer(final long nowNanos)
    {
        flush();
        if (!ended && nowNanos - lastSendNanos >= heartbeatIntervalNanos)
        {
            sendEmpty(MoldUdp64.HEARTBEAT_COUNT);
            heartbeatsSent++;
            lastSendNanos = nowNanos;
        }
    }

    /**
     * Sends any partial packet and then the end-of-session packet; heartbeats stop.
     */
    public void endOfSession()
    {
        flush();
        sendEmpty(MoldUdp64.END_OF_SESSION_COUNT);
        ended = true;
    }

    /**
     * @param nowNanos time of the last send, so the first heartbeat waits a full interval.
     */
    public void resetHeartbeatClock(final long nowNanos)
    {
        lastSendNanos = nowNanos;
    }

    /**
     * @return the sequence the next message must carry.
     */
    public long nextSequence()
    {
        return nextSequence;
    }

    /**
     * @return messages published so far (the last sequence).
     */
    public long messagesPublished()
    {
        return messagesPublished;
    }

    /**
     * @return data packets sent (per line, not counting heartbeats).
     */
    public long packetsSent()
    {
        return packetsSent;
    }

    /**
     * @return heartbeats sent.
     */
    public long heartbeatsSent()
    {
        return heartbeatsSent;
    }

    private void sendPacket()
    {
        MoldUdp64.writeHeader(packet, 0, session, packetFirstSequence, packetCount);
        sendToLines(packetLength);
        packetsSent++;
        packetCount = 0;
        packetLength = 0;
        lastSendNanos = clock.nanoTime();
    }

    private void sendEmpty(final int count)
    {
        MoldUdp64.writeHeader(packet, 0, session, nextSequence, count);
        sendToLines(MoldUdp64.HEADER_LENGTH);
    }

    private void sendToLines(final int length)
    {
        final ByteBuffer packetBuffer = this.packetBuffer;
        if (transmitting)
        {
            for (final PacketSink line : lines)
            {
                line.send(packetBuffer, length);
            }
        }
        packetBuffer.clear();
    }
}
