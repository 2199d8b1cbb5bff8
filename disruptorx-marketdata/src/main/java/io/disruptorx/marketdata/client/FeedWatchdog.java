package io.disruptorx.marketdata.client;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.disruptorx.marketdata.FeedState;

/**
 * Tells a subscriber that waits in vain: when it has not been in step with the feed for the timeout (nothing
 * arrives, or a gap cannot be recovered), {@link #check(long)} says what it could not reach, so {@code dx
 * md-client} can stop with one clear line instead of saying RECOVERING forever. Call from the client's thread.
 */
public final class FeedWatchdog
{
    private final FeedClientRunner runner;
    private final long timeoutNanos;
    private long lastHealthyNanos;
    private long lastPacketNanos;
    private long packets;

    /**
     * @param runner       the subscriber.
     * @param timeoutNanos how long it may go without being in step with the feed, or without any packet.
     * @param nowNanos     the start.
     */
    public FeedWatchdog(final FeedClientRunner runner, final long timeoutNanos, final long nowNanos)
    {
        this.runner = runner;
        this.timeoutNanos = timeoutNanos;
        this.lastHealthyNanos = nowNanos;
        this.lastPacketNanos = nowNanos;
    }

    /**
     * @param nowNanos the time.
     * @return null while all is well, else one line saying what the subscriber could not reach.
     */
    public String check(final long nowNanos)
    {
        final FeedClientCounters counters = runner.client().counters();
        final long received = counters.packetsA() + counters.packetsB() + counters.packetsRetransmitted();
        if (received != packets)
        {
            packets = received;
            lastPacketNanos = nowNanos;
        }
        final FeedState state = runner.state();
        if (state != FeedState.RECOVERING && nowNanos - lastPacketNanos < timeoutNanos)
        {
            lastHealthyNanos = nowNanos;
        }
        if (nowNanos - lastHealthyNanos < timeoutNanos && nowNanos - lastPacketNanos < timeoutNanos)
        {
            return null;
        }
        return describe(counters);
    }

    private String describe(final FeedClientCounters counters)
    {
        final FeedEndpoints endpoints = runner.endpoints();
        final long seconds = TimeUnit.NANOSECONDS.toSeconds(timeoutNanos);
        final StringBuilder line = new StringBuilder("no feed for ").append(seconds).append(" s: ");
        if (counters.packetsA() + counters.packetsB() == 0)
        {
            line.append("nothing arrived on ").append(lines(endpoints));
        }
        else if (runner.state() != FeedState.RECOVERING)
        {
            line.append("the lines went silent (last sequence ").append(runner.client().nextSequence() - 1)
                .append(")");
        }
        else
        {
            line.append("stuck RECOVERING at sequence ").append(runner.client().nextSequence());
        }
        final String snapshotError = runner.lastSnapshotError();
        if (snapshotError != null && counters.snapshotsLoaded() == 0)
        {
            line.append("; snapshot server ").append(hostPort(endpoints.recoveryServer())).append(": ")
                .append(snapshotError);
        }
        if (counters.requestsSent() > 0 && counters.packetsRetransmitted() == 0)
        {
            line.append("; no answer from the retransmission server ").append(hostPort(endpoints.retransmitServer()))
                .append(" to ").append(counters.requestsSent()).append(" requests");
        }
        return line.toString();
    }

    private static String lines(final FeedEndpoints endpoints)
    {
        final String a = (endpoints.multicast() ? "group " : "") + "line A " + hostPort(endpoints.lineA());
        return endpoints.lineB() == null ? a : a + " or line B " + hostPort(endpoints.lineB());
    }

    private static String hostPort(final InetSocketAddress address)
    {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
