package io.disruptorx.marketdata.server;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.disruptorx.marketdata.wire.MoldUdp64;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * MoldUDP64 heartbeats for a feed whose publishing thread is busy or parked in the node's ring: an agent that
 * sends a heartbeat on lines A and B (sockets of their own, never through loss injection) when nothing left for
 * the interval, carrying the next sequence of the last batch sent, so an idle feed still reveals tail loss. After
 * the end of session it repeats the end-of-session packet every interval, so a subscriber whose copy was lost
 * still learns the last sequence.
 */
public final class FeedHeartbeats implements Agent
{
    private final byte[] session;
    private final PacketSink lineA;
    private final PacketSink lineB;
    private final long intervalNanos;
    private final NanoClock clock;
    private final ByteBuffer packetBuffer = ByteBuffer.allocateDirect(MoldUdp64.HEADER_LENGTH)
        .order(ByteOrder.BIG_ENDIAN);
    private final UnsafeBuffer packet = new UnsafeBuffer(packetBuffer);
    private volatile long nextSequence = 1;
    private volatile long lastDataNanos;
    private volatile boolean ended;
    private volatile boolean transmitting = true;
    private long lastHeartbeatNanos;
    private long heartbeatsSent;

    /**
     * @param session       MoldUDP64 session.
     * @param lineA         line A's heartbeat socket.
     * @param lineB         line B's heartbeat socket.
     * @param intervalNanos send silence before a heartbeat.
     * @param clock         the time of the duty cycle and of {@link #onSent}.
     */
    public FeedHeartbeats(
        final byte[] session,
        final PacketSink lineA,
        final PacketSink lineB,
        final long intervalNanos,
        final NanoClock clock)
    {
        this.session = session.clone();
        this.lineA = lineA;
        this.lineB = lineB;
        this.intervalNanos = intervalNanos;
        this.clock = clock;
        this.lastDataNanos = clock.nanoTime();
    }

    /**
     * The publishing thread sent data packets.
     *
     * @param next the sequence the next message will carry.
     */
    public void onSent(final long next)
    {
        nextSequence = next;
        lastDataNanos = clock.nanoTime();
    }

    /**
     * The session ended; from now on the end of session is repeated every interval.
     *
     * @param next the sequence after the last message.
     */
    public void onEndOfSession(final long next)
    {
        nextSequence = next;
        lastDataNanos = clock.nanoTime();
        ended = true;
    }

    /**
     * Mutes or unmutes the heartbeats (any thread), with the feed's data: a cluster member sends nothing while it
     * replays its log.
     *
     * @param transmitting whether heartbeats leave.
     */
    public void transmitting(final boolean transmitting)
    {
        this.transmitting = transmitting;
    }

    @Override
    public String roleName()
    {
        return "dx-md-heartbeat";
    }

    @Override
    public int doWork()
    {
        final long now = clock.nanoTime();
        if (!transmitting || now - Math.max(lastDataNanos, lastHeartbeatNanos) < intervalNanos)
        {
            return 0;
        }
        final boolean ended = this.ended;
        MoldUdp64.writeHeader(packet, 0, session, nextSequence,
            ended ? MoldUdp64.END_OF_SESSION_COUNT : MoldUdp64.HEARTBEAT_COUNT);
        lineA.send(packetBuffer, MoldUdp64.HEADER_LENGTH);
        packetBuffer.clear();
        lineB.send(packetBuffer, MoldUdp64.HEADER_LENGTH);
        packetBuffer.clear();
        lastHeartbeatNanos = now;
        heartbeatsSent++;
        return 1;
    }

    /**
     * @return heartbeats (and repeated ends of session) sent; read on the agent's thread.
     */
    public long heartbeatsSent()
    {
        return heartbeatsSent;
    }
}
