package io.disruptorx.journal;

import java.io.UncheckedIOException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/**
 * Forces the journal for {@link ForcePolicy#EVERY_BATCH} on a thread of its own while the appender goes on writing:
 * overlapping a force with the next batch's write (group commit, pipelined). A batch end only writes its batch (into
 * the page cache) and publishes its last sequence ({@link #written}); the forcer thread, whenever what was written
 * goes beyond what its last force started with, forces everything written so far and then publishes the last
 * sequence that force covers ({@link #forcedSequence()}). So a force starts as soon as the one before ends, covering
 * every batch written meanwhile, and the appender never waits for the device.
 *
 * <p>The host must release a command (apply it, report it) only once {@link #forcedSequence()} covers it; a consumer
 * thread waits for that with {@link #awaitForced}, woken by the forcer after each force. A force covers a sequence
 * only when the sequence was written before the force began (the forcer reads the written sequence first), so the
 * published position is never ahead of the device. After a failed force nothing more is published: the position
 * stays where the last good force left it, the consumer's wait returns false, and the appender's next batch end
 * throws (fail-stop).
 *
 * <p>Before the appender forces, switches or closes the file itself (a roll, a close) it {@link #pause pauses} the
 * forcer: no force starts after that, and one running is waited for; {@link #resume} lets it go on. Start of a force
 * and a pause exclude each other without a lock: the forcer marks itself forcing and then checks the pause, the
 * appender sets the pause and then checks the mark (volatile accesses, sequentially consistent).
 */
final class PipelinedForcer implements AutoCloseable
{
    /** For tests: run on the forcer thread right before each force; normally none (one volatile read a force). */
    static volatile Runnable beforeForce;

    private static final long WAIT_NANOS = 1_000_000;
    private static final int SPINS = 100;

    private final IntervalForcer.Force force;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean paused;
    private volatile boolean forcing;
    private volatile long written;
    private volatile long started;
    private volatile long forcedSequence;
    private volatile long forces;
    private volatile Throwable failure;
    private volatile Thread consumer;
    private volatile Thread appender;

    /**
     * @param force      forces everything written so far.
     * @param written    the last sequence already on the device (recovered), where the published position starts.
     * @param threadName the forcer thread's name.
     */
    PipelinedForcer(final IntervalForcer.Force force, final long written, final String threadName)
    {
        this.force = force;
        this.written = written;
        this.started = written;
        this.forcedSequence = written;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * The appender has written everything up to a sequence (a batch end): the forcer forces it, now or right after
     * the force in progress.
     *
     * @param sequence the last sequence written.
     * @throws UncheckedIOException when a force failed (the journal can no longer promise anything).
     */
    void written(final long sequence)
    {
        checkFailure();
        if (sequence > written)
        {
            written = sequence;
            LockSupport.unpark(thread);
        }
    }

    /**
     * Waits, on one consumer thread at a time, until a finished force covers a sequence.
     *
     * @param sequence     the sequence to be durable.
     * @param whileWaiting other work to do while the force runs (returns how much it did), or {@code null}.
     * @return true once it is covered; false when a force failed (it never will be).
     */
    boolean awaitForced(final long sequence, final IntSupplier whileWaiting)
    {
        int idle = 0;
        while (forcedSequence < sequence)
        {
            if (failure != null)
            {
                return false;
            }
            if (whileWaiting != null && whileWaiting.getAsInt() > 0)
            {
                idle = 0;
                continue;
            }
            if (++idle < SPINS)
            {
                Thread.onSpinWait();
                continue;
            }
            consumer = Thread.currentThread();
            if (forcedSequence < sequence && failure == null)
            {
                LockSupport.parkNanos(this, whileWaiting == null ? WAIT_NANOS : WAIT_NANOS / 20);
            }
            consumer = null;
        }
        return true;
    }

    /**
     * Stops forces from starting and waits for one in progress (before the appender forces, switches or closes the
     * file itself).
     *
     * @throws UncheckedIOException when a force failed.
     */
    void pause()
    {
        appender = Thread.currentThread();
        paused = true;
        while (forcing)
        {
            LockSupport.parkNanos(this, WAIT_NANOS);
        }
        appender = null;
        checkFailure();
    }

    /**
     * While paused: the appender has just forced everything up to a sequence itself.
     *
     * @param sequence the last sequence it forced.
     */
    void forcedAll(final long sequence)
    {
        written = Math.max(written, sequence);
        started = Math.max(started, sequence);
        if (sequence > forcedSequence)
        {
            forcedSequence = sequence;
        }
        LockSupport.unpark(consumer);
    }

    /**
     * Lets forces start again after {@link #pause}.
     */
    void resume()
    {
        paused = false;
        LockSupport.unpark(thread);
    }

    /**
     * @return forces the forcer has finished.
     */
    long forces()
    {
        return forces;
    }

    /**
     * @return the last sequence a finished force covers (any thread).
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

    private void checkFailure()
    {
        ForcerThreads.rethrow(failure);
    }

    private void run()
    {
        while (running)
        {
            final long target = written;
            if (paused || target <= started)
            {
                LockSupport.park(this);
                continue;
            }
            forcing = true;
            if (paused)
            {
                forcing = false;
                LockSupport.unpark(appender);
                continue;
            }
            started = target;
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
                forcing = false;
                LockSupport.unpark(consumer);
                LockSupport.unpark(appender);
                return;
            }
            forces = forces + 1;
            if (target > forcedSequence)
            {
                forcedSequence = target;
            }
            forcing = false;
            LockSupport.unpark(consumer);
            LockSupport.unpark(appender);
        }
    }
}
