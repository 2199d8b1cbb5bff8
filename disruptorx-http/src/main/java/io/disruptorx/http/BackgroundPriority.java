package io.disruptorx.http;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Puts threads that serve people, not orders (the dashboard's timer, the monitoring HTTP server's threads), at the
 * operating system's lowest priority, so that on a machine whose cores the venue's threads fill they run in the time
 * those threads leave and never take a core from them when they wake. On Linux the default is the
 * {@code SCHED_IDLE} policy (such a thread never preempts a normal one and gets a core only when no normal thread
 * wants it, or a sliver of it); the system property {@value #PROPERTY} chooses {@code idle} (the default),
 * {@code nice} (nice 19: a small share, still rarely preempting) or {@code normal} (leave threads alone).
 * <p>
 * Java has no call for this: the thread's kernel id is read from {@code /proc/thread-self} and the policy set by
 * util-linux's {@code chrt} (or {@code renice}), which an unprivileged process may do to its own threads (lowering
 * only). Where that is not possible (not Linux, no such tool) the thread keeps its priority and the first failure is
 * printed once.
 */
public final class BackgroundPriority
{
    /** The system property that chooses the priority: {@code idle}, {@code nice} or {@code normal}. */
    public static final String PROPERTY = "dx.background.priority";

    private static final long TOOL_TIMEOUT_SECONDS = 5;
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private BackgroundPriority()
    {
    }

    /**
     * @return the chosen priority: {@code idle}, {@code nice} or {@code normal}.
     */
    public static String mode()
    {
        final String mode = System.getProperty(PROPERTY, "idle").trim().toLowerCase(Locale.ROOT);
        return mode.equals("nice") || mode.equals("normal") ? mode : "idle";
    }

    /**
     * Lowers the calling thread's priority.
     *
     * @return whether it was lowered (false with {@code normal} or where it cannot be done).
     */
    public static boolean lowerCurrentThread()
    {
        final Path self = Path.of("/proc/thread-self");
        if (!Files.exists(self))
        {
            return false;
        }
        try
        {
            final Path link = Files.readSymbolicLink(self);
            return lower(Long.parseLong(link.getFileName().toString()));
        }
        catch (final IOException | RuntimeException ex)
        {
            warn("cannot read the thread's id: " + ex);
            return false;
        }
    }

    /**
     * Lowers the priority of every thread of this process whose operating system name (a Java thread's name, cut to
     * 15 characters) starts with the prefix: for threads made by code that takes no thread factory.
     *
     * @param prefix the names' start, at most 15 characters.
     * @return threads lowered.
     */
    public static int lowerThreadsNamed(final String prefix)
    {
        int lowered = 0;
        final Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks))
        {
            return 0;
        }
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks))
        {
            for (final Path task : threads)
            {
                final String name = readName(task);
                if (name != null && name.startsWith(prefix) && lower(Long.parseLong(task.getFileName().toString())))
                {
                    lowered++;
                }
            }
        }
        catch (final IOException ex)
        {
            warn("cannot list the process's threads: " + ex);
        }
        return lowered;
    }

    private static String readName(final Path task)
    {
        try
        {
            return Files.readString(task.resolve("comm")).trim();
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    /**
     * A thread factory whose daemon threads, named {@code prefix1}, {@code prefix2}, ..., lower their own priority
     * when they start.
     *
     * @param prefix the threads' names' start.
     * @return the factory.
     */
    public static ThreadFactory threads(final String prefix)
    {
        final AtomicInteger count = new AtomicInteger();
        return r -> named(prefix + count.incrementAndGet(), r);
    }

    /**
     * @param name the thread's name.
     * @param task what it runs, after lowering its own priority.
     * @return a daemon thread, not started.
     */
    public static Thread named(final String name, final Runnable task)
    {
        final Thread thread = new Thread(() ->
        {
            lowerCurrentThread();
            task.run();
        }, name);
        thread.setDaemon(true);
        return thread;
    }

    private static boolean lower(final long tid)
    {
        final String mode = mode();
        if (mode.equals("normal"))
        {
            return false;
        }
        final String id = Long.toString(tid);
        final ProcessBuilder tool = mode.equals("nice") ? new ProcessBuilder("renice", "-n", "19", "-p", id) :
            new ProcessBuilder("chrt", "--idle", "--pid", "0", id);
        try
        {
            final Process process = tool.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
            if (!process.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                warn(String.join(" ", tool.command()) + " did not finish");
                return false;
            }
            if (process.exitValue() != 0)
            {
                warn(String.join(" ", tool.command()) + " exited with " + process.exitValue());
                return false;
            }
            return true;
        }
        catch (final IOException ex)
        {
            warn("cannot run " + tool.command().get(0) + ": " + ex.getMessage());
            return false;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void warn(final String reason)
    {
        if (WARNED.compareAndSet(false, true))
        {
            System.err.println("dx: background threads keep their priority: " + reason);
        }
    }
}
