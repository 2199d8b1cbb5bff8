package io.disruptorx.bench.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.disruptorx.marketdata.server.FeedServer;
import io.disruptorx.marketdata.server.RetransmitCounters;

/**
 * What the node's feed did for its subscribers from a start ({@link #FeedActivity(FeedServer)}) to a reading
 * ({@link #describe()}), per second: packets sent on the lines (one per line and destination), retransmission
 * requests received and messages retransmitted, snapshots served, and the host's UDP datagrams dropped because a
 * receiver's socket buffer was full (Linux's {@code /proc/net/snmp} {@code RcvbufErrors}, for the whole host: on
 * this bench's loopback, the feed's subscribers).
 */
final class FeedActivity
{
    private static final double NANOS_PER_SECOND = 1e9;

    private final FeedServer feed;
    private final long[] started;
    private final long startNanos;

    /**
     * @param feed the node's feed.
     */
    FeedActivity(final FeedServer feed)
    {
        this.feed = feed;
        this.started = read();
        this.startNanos = System.nanoTime();
    }

    /**
     * @return e.g. {@code feed/s: packets 40000, retransmit requests 0.0, retransmitted 0.0, snapshots 0.0,
     * udp receive buffer drops 0.0}.
     */
    String describe()
    {
        final double seconds = (System.nanoTime() - startNanos) / NANOS_PER_SECOND;
        final long[] now = read();
        return String.format(Locale.ROOT, "feed/s: packets %.0f, retransmit requests %.1f, retransmitted %.1f, " +
            "snapshots %.1f, udp receive buffer drops %.1f", (now[0] - started[0]) / seconds,
            (now[1] - started[1]) / seconds, (now[2] - started[2]) / seconds, (now[3] - started[3]) / seconds,
            (now[4] - started[4]) / seconds);
    }

    private long[] read()
    {
        final RetransmitCounters retransmit = feed.retransmitServer().counters();
        return new long[] {feed.packetsSent(), retransmit.requestsReceived(), retransmit.messagesRetransmitted(),
            feed.recoveryServer().counters().snapshotsServed(), receiveBufferErrors()};
    }

    private static long receiveBufferErrors()
    {
        try
        {
            final List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp"));
            for (int i = 0; i + 1 < lines.size(); i++)
            {
                if (lines.get(i).startsWith("Udp:") && lines.get(i + 1).startsWith("Udp:"))
                {
                    final String[] names = lines.get(i).split("\\s+");
                    final String[] values = lines.get(i + 1).split("\\s+");
                    for (int k = 0; k < names.length && k < values.length; k++)
                    {
                        if (names[k].equals("RcvbufErrors"))
                        {
                            return Long.parseLong(values[k]);
                        }
                    }
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            return 0;
        }
        return 0;
    }
}
