package io.disruptorx.bench.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The dashboard bench's {@code --pin}: the node's thread ({@code dx-node-shared}) alone on the last CPU, every other
 * thread of this process (the producer, the feed's servers, the HTTP server and the dashboard, the JVM's own) and of
 * the pages' process on the others, with util-linux's {@code taskset}. Threads started afterwards inherit their
 * starter's CPUs, so the next run's node thread starts on the shared CPUs and is moved by its own run's pinning.
 */
final class CorePinning
{
    private static final String NODE_THREAD = "dx-node-shared";
    private static final long TASKSET_SECONDS = 10;
    /**
     * The CPUs this process may use before any pinning (initialised on the first pinning, before its {@code taskset}:
     * once pinned the JVM sees only the CPUs its thread may use).
     */
    private static final int CPUS = Runtime.getRuntime().availableProcessors();

    private CorePinning()
    {
    }

    /**
     * @param childPid the pages' process.
     * @return {@code node thread 12345 on CPU 1, the rest on 0}.
     * @throws IllegalStateException when there is one CPU, no shared node thread, or {@code taskset} fails.
     */
    static String pin(final long childPid)
    {
        final int cpus = CPUS;
        if (cpus < 2)
        {
            throw new IllegalStateException("--pin needs two CPUs, this JVM sees " + cpus);
        }
        final String rest = cpus == 2 ? "0" : "0-" + (cpus - 2);
        final String own = Long.toString(ProcessHandle.current().pid());
        final String node = nodeThread();
        taskset("-a", "-p", "-c", rest, own);
        taskset("-a", "-p", "-c", rest, Long.toString(childPid));
        taskset("-p", "-c", Integer.toString(cpus - 1), node);
        return "node thread " + node + " on CPU " + (cpus - 1) + ", the rest on " + rest;
    }

    private static String nodeThread()
    {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task")))
        {
            final List<String> found = new ArrayList<>();
            tasks.forEach(task ->
            {
                try
                {
                    if (Files.readString(task.resolve("comm")).trim().equals(NODE_THREAD))
                    {
                        found.add(task.getFileName().toString());
                    }
                }
                catch (final IOException ex)
                {
                    // the thread ended while it was read: not the running node's
                    return;
                }
            });
            if (found.size() != 1)
            {
                throw new IllegalStateException("--pin needs exactly one " + NODE_THREAD + " thread (shared " +
                    "threading), found " + found.size());
            }
            return found.get(0);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("listing /proc/self/task", ex);
        }
    }

    private static void taskset(final String... args)
    {
        final List<String> command = new ArrayList<>(List.of("taskset"));
        command.addAll(List.of(args));
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(TASKSET_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0)
            {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("running " + String.join(" ", command), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), ex);
        }
    }
}
