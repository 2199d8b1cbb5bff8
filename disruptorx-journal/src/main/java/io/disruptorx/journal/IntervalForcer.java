package io.disruptorx.journal;

import java.io.UncheckedIOException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Forces the journal for {@link ForcePolicy#INTERVAL} on a thread of its own, so the appending thread (in a node's
 * {@code shared} mode, the thread that also runs the engine and the output) does not wait for the device, and keeps
 * {@code INTERVAL}'s promise exactly: <em>when a batch end returns (its commands may be reported), every batch that
 * is not yet on the device ended less than the interval before</em>. The appender forcing itself gave the same
 * bound: it forced at a batch end once the interval had passed since its last force began, and waited for it.
 *
 * <p>The appender, at each batch end after the batch is written, requests a force of everything written so far when
 * the forcer is idle and the oldest batch not yet covered by a request ended half the interval ago or more. Then,
 * while the oldest batch not yet forced (covered by no finished force) ended the interval ago or more, it waits for
 * the forcer: a gate that stays open as long as forces take less than half the interval, and closes, holding back
 * the batch and with it every report, while a force is slower. The forcer thread sleeps (parks) while no force is
 * requested, never spins, and publishes the last sequence its finished forces cover ({@link #forcedSequence()}). The
 * appender's thread takes no lock: a request is a volatile store and an unpark. Only the appender's thread calls the
 * methods but {@link #forces()} and {@link #forcedSequence()}.
 */
final class IntervalForcer implements AutoCloseable
{
    /** The force the forcer runs: everything written to the file so far, to the device. */
    @FunctionalInterface
    interface Force
    {
        /**
         * @throws UncheckedIOException when the force fails.
         */
        void force();
    }

    /** For tests: run on the forcer thread right before each force; normally none (one volatile read a force). */
    static volatile Runnable beforeForce;

    private static final long NONE = Long.MIN_VALUE;
    private static final long WAIT_NANOS = 1_000_000;

    private final long interval;
    private final long requestAfter;
    private final LongSupplier clock;
    private final Force force;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long requested;
    private volatile long done;
    private long requestedSequence;
    private volatile long forcedSequence;
    private volatile long forces;
    private volatile Throwable failure;
    private volatile Thread waiter;
    private long unrequestedSince = NONE;
    private long requestedSince = NONE;

    /**
     * @param interval   the policy's interval, nanoseconds, positive.
     * @param clock      the journal's clock.
     * @param force      forces everything written so far.
     * @param threadName the forcer thread's name.
     */
    IntervalForcer(final long interval, final LongSupplier clock, final Force force, final String threadName)
    {
        if (interval <= 0)
        {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        this.interval = interval;
        this.requestAfter = interval / 2;
        this.clock = clock;
        this.force = force;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Called at a batch end, once the batch is written: requests a force when due and returns once the oldest batch
     * not on the device ended less than the interval ago (waiting for the forcer while it did not).
     *
     * @param lastSequence the last sequence written (a force requested now covers it).
     * @param wrote        whether the batch wrote anything.
     * @throws UncheckedIOException when a force failed (the journal can no longer promise anything).
     */
    void batchEnd(final long lastSequence, final boolean wrote)
    {
        long now = clock.getAsLong();
        if (wrote && unrequestedSince == NONE)
        {
            unrequestedSince = now;
        }
        while (true)
        {
            checkFailure();
            boolean idle = done == requested;
            if (idle && unrequestedSince != NONE && now - unrequestedSince >= requestAfter)
            {
                requestedSince = unrequestedSince;
                unrequestedSince = NONE;
                requestedSequence = lastSequence;
                requested = requested + 1;
                LockSupport.unpark(thread);
                idle = false;
            }
            final long oldest = idle ? unrequestedSince : requestedSince;
            if (oldest == NONE || now - oldest < interval)
            {
                return;
            }
            await();
            now = clock.getAsLong();
        }
    }

    /**
     * Waits until no force is running or requested (before the appender forces, switches or closes the file).
     *
     * @throws UncheckedIOException when a force failed.
     */
    void awaitIdle()
    {
        while (done != requested)
        {
            checkFailure();
            await();
        }
        checkFailure();
    }

    /**
     * Tells the forcer that the appender has just forced everything written itself (at a roll or a close).
     */
    void forcedAll()
    {
        unrequestedSince = NONE;
        requestedSince = NONE;
    }

    /**
     * @return forces the forcer has finished.
     */
    long forces()
    {
        return forces;
    }

    /**
     * @return the last sequence the forcer's finished forces cover (published after each force; any thread), 0
     * before the first.
     */
    long forcedSequence()
    {
        return forcedSequence;
    }

    /**
     * Stops the forcer thread once its force (if any) has finished.
     */
    @Override
    public void close()
    {
        running = false;
        ForcerThreads.wakeAndJoin(thread);
    }

    private void await()
    {
        waiter = Thread.currentThread();
        if (done != requested && failure == null)
        {
            LockSupport.parkNanos(this, WAIT_NANOS);
        }
        waiter = null;
    }

    private void checkFailure()
    {
        ForcerThreads.rethrow(failure);
    }

    private void run()
    {
        while (running)
        {
            final long target = requested;
            if (target == done)
            {
                LockSupport.park(this);
                continue;
            }
            final long sequence = requestedSequence;
            try
            {
                final Runnable hook = beforeForce;
                if (hook != null)
                {
                    hook.run();
                }
                force.force();
            }
            catch (final RuntimeException | Error ex)
            {
                failure = ex;
                LockSupport.unpark(waiter);
                return;
            }
            forces = forces + 1;
            forcedSequence = sequence;
            done = target;
            LockSupport.unpark(waiter);
        }
    }
}
