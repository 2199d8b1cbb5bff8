package io.disruptorx.core.wait;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;

/**
 * A wait strategy that spins, then yields, then parks with a growing timeout, so that an idle consumer costs
 * almost no CPU while a busy one never leaves the spin phase.
 * <p>
 * Phases, per call to {@link #waitFor}:
 * <ol>
 *     <li>spin {@code spinTries} times with {@link Thread#onSpinWait()};</li>
 *     <li>yield {@code yieldTries} times with {@link Thread#yield()};</li>
 *     <li>park, starting at {@code minParkNanos} and doubling each time up to {@code maxParkNanos}.</li>
 * </ol>
 * A parked waiter registers itself in a small slot table; {@link #signalAllWhenBlocking()} reads one volatile
 * counter and, only when someone is registered, takes each registered thread out of the table and unparks it (the
 * scan stops once the counter reads zero, usually after the first slot). A waiter is woken once per registration:
 * the producer's next publishes, while the woken thread is still being scheduled, find the table empty and cost one
 * volatile read instead of a scan and an unpark per publish. A woken waiter that still has nothing to consume
 * registers again before it parks again. A wake-up that races with the
 * registration is never lost for longer than {@code maxParkNanos}: that is the worst-case added latency, and the
 * reason the maximum park is bounded.
 * <p>
 * Only producers signal. A consumer behind another handler (a later pipeline stage) whose sequence is already
 * published waits for that handler, which never signals; so once the cursor has reached the wanted sequence the
 * park phase uses short parks of at most {@link #DEPENDENT_PARK_NANOS} instead of the doubling ones. That costs
 * some CPU only while an upstream handler is busy with the event, never when the ring is idle.
 * <p>
 * Bounds: {@code spinTries >= 0}, {@code yieldTries >= 0}, {@code 1 <= minParkNanos <= maxParkNanos <= 1 s}.
 */
public final class AdaptiveWaitStrategy implements WaitStrategy
{
    /** Waiters beyond this many park on their timeout alone (still bounded by {@code maxParkNanos}). */
    public static final int MAX_REGISTERED_WAITERS = 64;

    /** Longest park while the event is published and only an upstream handler is behind. */
    public static final long DEPENDENT_PARK_NANOS = 50_000L;

    private static final long MAX_PARK_LIMIT_NANOS = 1_000_000_000L;

    private final int spinTries;
    private final int yieldTries;
    private final long minParkNanos;
    private final long maxParkNanos;
    private final AtomicInteger parkedCount = new AtomicInteger();
    private final AtomicReferenceArray<Thread> parked = new AtomicReferenceArray<>(MAX_REGISTERED_WAITERS);

    /**
     * @param spinTries    iterations of {@link Thread#onSpinWait()} before yielding.
     * @param yieldTries   iterations of {@link Thread#yield()} before parking.
     * @param minParkNanos first park timeout.
     * @param maxParkNanos cap of the doubling park timeout; also the worst-case latency of a missed signal.
     */
    public AdaptiveWaitStrategy(final int spinTries, final int yieldTries, final long minParkNanos,
        final long maxParkNanos)
    {
        if (spinTries < 0)
        {
            throw new IllegalArgumentException("spinTries must be >= 0: " + spinTries);
        }
        if (yieldTries < 0)
        {
            throw new IllegalArgumentException("yieldTries must be >= 0: " + yieldTries);
        }
        if (minParkNanos < 1 || minParkNanos > maxParkNanos || maxParkNanos > MAX_PARK_LIMIT_NANOS)
        {
            throw new IllegalArgumentException("expected 1 <= minParkNanos <= maxParkNanos <= 1s, got min="
                + minParkNanos + " max=" + maxParkNanos);
        }
        this.spinTries = spinTries;
        this.yieldTries = yieldTries;
        this.minParkNanos = minParkNanos;
        this.maxParkNanos = maxParkNanos;
    }

    /**
     * Defaults chosen by core count: with spare cores spinning is cheap, so spin longer; on one or two cores a
     * spinning consumer steals the producer's core, so spin briefly and get to yielding and parking sooner.
     *
     * @param availableProcessors the core count to size for.
     * @return a strategy with defaults for that many cores.
     */
    public static AdaptiveWaitStrategy forCores(final int availableProcessors)
    {
        if (availableProcessors >= 4)
        {
            return new AdaptiveWaitStrategy(10_000, 100, 1_000, 1_000_000);
        }
        return new AdaptiveWaitStrategy(200, 50, 1_000, 1_000_000);
    }

    /**
     * @return a strategy with defaults for this machine's core count.
     */
    public static AdaptiveWaitStrategy defaults()
    {
        return forCores(Runtime.getRuntime().availableProcessors());
    }

    @Override
    public long waitFor(final long sequence, final Sequence cursor, final Sequence dependentSequence,
        final SequenceBarrier barrier) throws AlertException
    {
        long available = dependentSequence.get();
        if (available >= sequence)
        {
            return available;
        }
        final int spins = spinTries;
        for (int i = 0; i < spins; i++)
        {
            barrier.checkAlert();
            Thread.onSpinWait();
            available = dependentSequence.get();
            if (available >= sequence)
            {
                return available;
            }
        }
        final int yields = yieldTries;
        for (int i = 0; i < yields; i++)
        {
            barrier.checkAlert();
            Thread.yield();
            available = dependentSequence.get();
            if (available >= sequence)
            {
                return available;
            }
        }
        return parkUntil(sequence, cursor, dependentSequence, barrier);
    }

    private long parkUntil(final long sequence, final Sequence cursor, final Sequence dependentSequence,
        final SequenceBarrier barrier) throws AlertException
    {
        final Thread self = Thread.currentThread();
        int slot = register(self);
        try
        {
            long parkNanos = minParkNanos;
            long available;
            final long dependentPark = Math.min(minParkNanos, DEPENDENT_PARK_NANOS);
            while ((available = dependentSequence.get()) < sequence)
            {
                barrier.checkAlert();
                if (slot >= 0 && parked.get(slot) != self)
                {
                    slot = register(self);
                    continue;
                }
                if (cursor.get() >= sequence)
                {
                    LockSupport.parkNanos(this, dependentPark);
                }
                else
                {
                    LockSupport.parkNanos(this, parkNanos);
                    parkNanos = Math.min(parkNanos << 1, maxParkNanos);
                }
            }
            return available;
        }
        finally
        {
            deregister(slot, self);
        }
    }

    /**
     * Counts the waiter, then takes a free slot (or none when all are taken: that waiter parks on its timeout).
     * The caller checks its sequence again after this and before it parks.
     */
    private int register(final Thread self)
    {
        parkedCount.getAndIncrement();
        for (int i = 0; i < MAX_REGISTERED_WAITERS; i++)
        {
            if (parked.get(i) == null && parked.compareAndSet(i, null, self))
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * Leaves the table unless a signaller already took this waiter out of it (and uncounted it).
     */
    private void deregister(final int slot, final Thread self)
    {
        if (slot < 0 || parked.compareAndSet(slot, self, null))
        {
            parkedCount.getAndDecrement();
        }
    }

    @Override
    public void signalAllWhenBlocking()
    {
        for (int i = 0; i < MAX_REGISTERED_WAITERS && parkedCount.get() > 0; i++)
        {
            final Thread waiter = parked.get(i);
            if (waiter != null && parked.compareAndSet(i, waiter, null))
            {
                parkedCount.getAndDecrement();
                LockSupport.unpark(waiter);
            }
        }
    }

    /**
     * @return number of threads in the park phase and not yet woken by a signal (for tests and diagnostics).
     */
    public int parkedWaiters()
    {
        return parkedCount.get();
    }

    /**
     * @return spin iterations before yielding.
     */
    public int spinTries()
    {
        return spinTries;
    }

    /**
     * @return yield iterations before parking.
     */
    public int yieldTries()
    {
        return yieldTries;
    }

    /**
     * @return first park timeout in nanoseconds.
     */
    public long minParkNanos()
    {
        return minParkNanos;
    }

    /**
     * @return cap of the park timeout in nanoseconds.
     */
    public long maxParkNanos()
    {
        return maxParkNanos;
    }

    @Override
    public String toString()
    {
        return "AdaptiveWaitStrategy{spinTries=" + spinTries + ", yieldTries=" + yieldTries
            + ", minParkNanos=" + minParkNanos + ", maxParkNanos=" + maxParkNanos + '}';
    }
}
