package io.disruptorx.bench.node;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How often this process's threads were switched out by the kernel, by what they belong to in the dashboard cost
 * bench, and the JVM's collections, from a start ({@link #ThreadSwitches()}) to a reading ({@link #describe()}):
 * a voluntary switch is a thread going to sleep, so the number per second is how often it is woken; an involuntary one
 * is the kernel taking the core from it (preempted by another thread, or its time slice over). Read from Linux's
 * {@code /proc/self/task/<tid>/status} (nothing is printed elsewhere); threads started in between count from zero.
 */
final class ThreadSwitches
{
    private static final double NANOS_PER_SECOND = 1e9;
    private static final String[] GROUPS = {"http io", "dashboard other", "feed subscriber", "node thread"};

    private final Map<String, long[]> started;
    private final long startNanos;
    private final long[] gcStarted;

    /**
     * Starts counting.
     */
    ThreadSwitches()
    {
        started = read();
        gcStarted = collections();
        startNanos = System.nanoTime();
    }

    /**
     * @return e.g. {@code wake-ups/s: http io 20.1, dashboard other 1.0, feed subscriber 0.0, node thread 4.0;
     * node thread preempted/s 12.0; gc 1 (6 ms)}.
     */
    String describe()
    {
        final double seconds = (System.nanoTime() - startNanos) / NANOS_PER_SECOND;
        final long[] gc = collections();
        final long[] voluntary = new long[GROUPS.length];
        final long[] involuntary = new long[GROUPS.length];
        for (final Map.Entry<String, long[]> thread : read().entrySet())
        {
            final long[] now = thread.getValue();
            final int group = (int)now[0];
            final long[] before = started.getOrDefault(thread.getKey(), new long[] {group, 0, 0});
            voluntary[group] += now[1] - before[1];
            involuntary[group] += now[2] - before[2];
        }
        final StringBuilder out = new StringBuilder("wake-ups/s:");
        for (int i = 0; i < GROUPS.length; i++)
        {
            out.append(i == 0 ? " " : ", ").append(GROUPS[i])
                .append(String.format(Locale.ROOT, " %.1f", voluntary[i] / seconds));
        }
        out.append(String.format(Locale.ROOT, "; preempted/s: dashboard %.1f, node thread %.1f; gc %d (%d ms)",
            involuntary[0] / seconds, involuntary[3] / seconds, gc[0] - gcStarted[0], gc[1] - gcStarted[1]));
        return out.toString();
    }

    private static long[] collections()
    {
        long count = 0;
        long millis = 0;
        for (final GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans())
        {
            count += Math.max(0, collector.getCollectionCount());
            millis += Math.max(0, collector.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    /**
     * @return by thread id and name: {group, voluntary switches, involuntary switches}, for the grouped threads.
     */
    private static Map<String, long[]> read()
    {
        final Map<String, long[]> threads = new HashMap<>();
        final Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks))
        {
            return threads;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tasks))
        {
            for (final Path task : dirs)
            {
                readTask(task, threads);
            }
        }
        catch (final IOException ex)
        {
            return threads;
        }
        return threads;
    }

    private static void readTask(final Path task, final Map<String, long[]> threads)
    {
        try
        {
            final String name = Files.readString(task.resolve("comm")).trim();
            final int group = group(name);
            if (group < 0)
            {
                return;
            }
            long voluntary = 0;
            long involuntary = 0;
            for (final String line : Files.readAllLines(task.resolve("status")))
            {
                if (line.startsWith("voluntary_ctxt_switches:"))
                {
                    voluntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
                else if (line.startsWith("nonvoluntary_ctxt_switches:"))
                {
                    involuntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            threads.put(task.getFileName() + "/" + name, new long[] {group, voluntary, involuntary});
        }
        catch (final IOException | RuntimeException ex)
        {
            // the thread ended while it was read: it is left out
            return;
        }
    }

    /** Thread names as the kernel has them: a Java thread's name cut to 15 characters. */
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
        return name.equals("dx-node-shared") ? 3 : -1;
    }
}
