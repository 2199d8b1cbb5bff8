package io.disruptorx.bench.node;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time of this process's live threads, summed by what they belong to in the dashboard cost bench: the
 * HTTP server's I/O thread that runs the dashboard's ticks and writes the pages' updates ({@code dx-http-io-*}), the
 * rest of the dashboard ({@code dx-dashboard} timer, the other {@code dx-http-*} server threads; the pages' clients
 * run in a process of their own), the dashboard's feed subscriber ({@code dx-dashboard-md}), the node's own threads
 * ({@code dx-node-*}) and the feed's servers ({@code dx-md-servers*}, or as Agrona's runner renames their shared
 * thread, {@code [dx-md-retransmit,...]}: retransmission, recovery), from a start
 * ({@link #ThreadCpu()}) to a reading ({@link #describe()}); threads started in between count from zero.
 */
final class ThreadCpu
{
    /** {@link #perSecond()}'s index of the HTTP server's I/O thread. */
    static final int HTTP_IO = 0;
    /** {@link #perSecond()}'s index of the dashboard's other threads. */
    static final int DASHBOARD_OTHER = 1;
    /** {@link #perSecond()}'s index of the feed's servers' thread. */
    static final int FEED_SERVERS = 4;
    private static final String[] GROUPS =
        {"http io", "dashboard other", "feed subscriber", "node thread", "feed servers"};
    private static final double NANOS_PER_MILLI = 1e6;
    private static final double NANOS_PER_SECOND = 1e9;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> started = new HashMap<>();
    private final long startNanos;

    /**
     * Starts counting: notes every live thread's CPU time so far.
     */
    ThreadCpu()
    {
        for (final long id : threads.getAllThreadIds())
        {
            started.put(id, threads.getThreadCpuTime(id));
        }
        startNanos = System.nanoTime();
    }

    /**
     * @return CPU milliseconds per second since the start by group, e.g.
     * {@code cpu ms/s: http io 4.1, dashboard other 0.3, feed subscriber 0.0, node thread 990.0, feed servers 20.1}.
     */
    String describe()
    {
        final double[] perSecond = perSecond();
        final StringBuilder out = new StringBuilder("cpu ms/s:");
        for (int i = 0; i < GROUPS.length; i++)
        {
            out.append(i == 0 ? " " : ", ").append(GROUPS[i]).append(String.format(Locale.ROOT, " %.1f",
                perSecond[i]));
        }
        final double seconds = (System.nanoTime() - startNanos) / NANOS_PER_SECOND;
        String separator = " (dashboard other:";
        for (final ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds()))
        {
            final long cpu = info == null || group(info.getThreadName()) != DASHBOARD_OTHER ? -1 :
                threads.getThreadCpuTime(info.getThreadId());
            if (cpu > 0)
            {
                out.append(separator).append(' ').append(info.getThreadName()).append(String.format(Locale.ROOT,
                    " %.1f", (cpu - Math.max(0, started.getOrDefault(info.getThreadId(), 0L))) / NANOS_PER_MILLI /
                    seconds));
                separator = ",";
            }
        }
        return separator.equals(",") ? out.append(')').toString() : out.toString();
    }

    /**
     * @return CPU milliseconds per second since the start by group, in the order {@link #describe()} names them
     *     ({@link #HTTP_IO}, {@link #DASHBOARD_OTHER}, feed subscriber, node thread, {@link #FEED_SERVERS}).
     */
    double[] perSecond()
    {
        final double elapsedNanos = System.nanoTime() - startNanos;
        final long[] nanos = new long[GROUPS.length];
        for (final ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds()))
        {
            final int group = info == null ? -1 : group(info.getThreadName());
            final long cpu = group < 0 ? -1 : threads.getThreadCpuTime(info.getThreadId());
            if (cpu > 0)
            {
                nanos[group] += cpu - Math.max(0, started.getOrDefault(info.getThreadId(), 0L));
            }
        }
        final double[] perSecond = new double[GROUPS.length];
        for (int i = 0; i < GROUPS.length; i++)
        {
            perSecond[i] = nanos[i] / NANOS_PER_MILLI / (elapsedNanos / NANOS_PER_SECOND);
        }
        return perSecond;
    }

    private static int group(final String name)
    {
        if (name.equals("dx-dashboard-md"))
        {
            return 2;
        }
        if (name.startsWith("dx-http-io-"))
        {
            return 0;
        }
        if (name.equals("dx-dashboard") || name.startsWith("dx-http-"))
        {
            return 1;
        }
        if (name.startsWith("dx-node-"))
        {
            return 3;
        }
        return name.startsWith("dx-md-servers") || name.startsWith("[dx-md-") ? 4 : -1;
    }
}
