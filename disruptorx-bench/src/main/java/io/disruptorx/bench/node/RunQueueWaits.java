package io.disruptorx.bench.node;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per thread of this process, from Linux's {@code /proc/self/task/<tid>/schedstat}: the time it ran on a CPU and the
 * time it waited, runnable, for one (the run queue), between an opening ({@link #open()}) and a reading
 * ({@link #describe(double)}); every thread, the JIT's and the collector's included. A thread that waits for a
 * CPU while runnable is what "more busy threads than cores" costs: on this 2-core machine with a 4 ms scheduler tick,
 * a wait of milliseconds stalls whatever the thread was doing. Without {@code schedstat} (not Linux, or the kernel
 * built without it) the reading says so.
 */
final class RunQueueWaits
{
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final double NANOS_PER_MILLI = 1e6;
    private static final int LISTED = 8;

    private final Map<String, long[]> opened;
    private final long openedNanos;

    private RunQueueWaits(final Map<String, long[]> opened, final long openedNanos)
    {
        this.opened = opened;
        this.openedNanos = openedNanos;
    }

    /**
     * @return the threads' times now.
     */
    static RunQueueWaits open()
    {
        return new RunQueueWaits(read(), System.nanoTime());
    }

    /**
     * @param minMillis threads that ran or waited less than this are left out.
     * @return the busiest threads since the opening: CPU and run-queue wait in ms, and the window.
     */
    String describe(final double minMillis)
    {
        final long window = System.nanoTime() - openedNanos;
        final Map<String, long[]> now = read();
        if (now.isEmpty())
        {
            return "threads' CPU and run-queue waits: unavailable (no /proc/self/task/*/schedstat)";
        }
        final List<Map.Entry<String, long[]>> deltas = new ArrayList<>();
        for (final Map.Entry<String, long[]> entry : now.entrySet())
        {
            final long[] before = opened.getOrDefault(entry.getKey(), new long[2]);
            final long[] delta = {entry.getValue()[0] - before[0], entry.getValue()[1] - before[1]};
            if (delta[0] >= minMillis * NANOS_PER_MILLI || delta[1] >= minMillis * NANOS_PER_MILLI)
            {
                deltas.add(Map.entry(entry.getKey(), delta));
            }
        }
        deltas.sort((a, b) -> Long.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]));
        final StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
            "threads in %,.0f ms (ms on a CPU / ms runnable waiting for one):", window / NANOS_PER_MILLI));
        for (int i = 0; i < deltas.size() && i < LISTED; i++)
        {
            final Map.Entry<String, long[]> entry = deltas.get(i);
            text.append(String.format(Locale.ROOT, " %s %,.0f / %,.0f;", entry.getKey().replaceFirst("#\\d+$", ""),
                entry.getValue()[0] / NANOS_PER_MILLI, entry.getValue()[1] / NANOS_PER_MILLI));
        }
        return text.toString();
    }

    /** Thread name with its id (names repeat) to {CPU ns, run-queue wait ns}. */
    private static Map<String, long[]> read()
    {
        final Map<String, long[]> times = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS))
        {
            for (final Path task : tasks)
            {
                try
                {
                    final String[] fields = Files.readString(task.resolve("schedstat")).trim().split(" ");
                    final String name = Files.readString(task.resolve("comm")).trim();
                    times.put(name + "#" + task.getFileName(),
                        new long[]{Long.parseLong(fields[0]), Long.parseLong(fields[1])});
                }
                catch (final IOException | RuntimeException ex)
                {
                    continue;
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            return Map.of();
        }
        return times;
    }
}
