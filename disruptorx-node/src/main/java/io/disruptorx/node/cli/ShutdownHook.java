package io.disruptorx.node.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A JVM shutdown hook that a command registers while it runs (so Ctrl-C or SIGTERM stops it cleanly) and removes
 * when it returns on its own, so commands run in one JVM (tests) do not pile hooks up.
 */
public final class ShutdownHook implements AutoCloseable
{
    private final Thread thread;

    private ShutdownHook(final Thread thread)
    {
        this.thread = thread;
    }

    /**
     * @param name       thread name.
     * @param onShutdown what the hook does; it may block until the command has stopped.
     * @return the registered hook.
     */
    public static ShutdownHook register(final String name, final Runnable onShutdown)
    {
        final Thread thread = new Thread(onShutdown, name);
        Runtime.getRuntime().addShutdownHook(thread);
        return new ShutdownHook(thread);
    }

    /**
     * A hook for a command that runs until asked to stop: it counts {@code stop} down and waits (up to a minute)
     * until the command counts {@code stopped} down, its clean stop done.
     *
     * @param name    thread name.
     * @param stop    what the command waits on.
     * @param stopped what the command counts down once it has stopped.
     * @return the registered hook.
     */
    public static ShutdownHook stopAndWait(final String name, final CountDownLatch stop, final CountDownLatch stopped)
    {
        return register(name, () ->
        {
            stop.countDown();
            try
            {
                stopped.await(1, TimeUnit.MINUTES);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * Removes the hook, unless the JVM is already shutting down (then the hook is running or has run).
     */
    @Override
    public void close()
    {
        try
        {
            Runtime.getRuntime().removeShutdownHook(thread);
        }
        catch (final IllegalStateException ex)
        {
            return;
        }
    }
}
