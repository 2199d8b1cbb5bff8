package io.disruptorx.core.wait;

import java.util.Locale;
import java.util.function.Supplier;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.LiteBlockingWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * Named presets of wait strategies: the Disruptor's own plus {@link AdaptiveWaitStrategy}.
 * <p>
 * A blocking strategy holds a lock and condition per ring, so each ring needs its own instance: the presets are
 * suppliers.
 */
public enum WaitStrategies
{
    /** Burns a core per consumer; lowest latency, only with a core to spare per spinning thread. */
    BUSY_SPIN(BusySpinWaitStrategy::new),
    /** Spins briefly then yields; good when threads do not exceed cores. */
    YIELDING(YieldingWaitStrategy::new),
    /** Lock and condition; no CPU when idle, microseconds to wake. */
    BLOCKING(BlockingWaitStrategy::new),
    /** Blocking that skips the signal when nobody waits. */
    LITE_BLOCKING(LiteBlockingWaitStrategy::new),
    /** Spin, yield, then parkNanos(100 ns nominal); the Disruptor's low-CPU preset. */
    SLEEPING(SleepingWaitStrategy::new),
    /** Spin, yield, then park with a bounded doubling timeout and explicit wake-up; see the class. */
    ADAPTIVE(AdaptiveWaitStrategy::defaults);

    private final Supplier<WaitStrategy> factory;

    WaitStrategies(final Supplier<WaitStrategy> factory)
    {
        this.factory = factory;
    }

    /**
     * @return a fresh strategy instance for one ring.
     */
    public WaitStrategy create()
    {
        return factory.get();
    }

    /**
     * Parses a preset name such as {@code busy-spin}, {@code BUSY_SPIN} or {@code adaptive}.
     *
     * @param name the preset name.
     * @return the preset.
     * @throws IllegalArgumentException naming the accepted values.
     */
    public static WaitStrategies parse(final String name)
    {
        final String normalised = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (final WaitStrategies preset : values())
        {
            if (preset.name().equals(normalised))
            {
                return preset;
            }
        }
        throw new IllegalArgumentException("unknown wait strategy '" + name
            + "': expected one of busy-spin, yielding, blocking, lite-blocking, sleeping, adaptive");
    }

    /**
     * Picks a default by core count. Busy-spin with more spinning threads than cores collapses (measured here: a
     * 3-stage pipeline did 13M/s busy-spinning vs 65M/s yielding on 2 cores), so busy-spin is chosen only when
     * every spinning thread has its own core and one core is left for the OS; yielding when threads fit in the
     * cores; adaptive otherwise.
     *
     * @param spinningThreads consumer and producer threads that would spin.
     * @param cores           available processors.
     * @return the preset to use.
     */
    public static WaitStrategies defaultFor(final int spinningThreads, final int cores)
    {
        if (cores >= spinningThreads + 1 && cores >= 4)
        {
            return BUSY_SPIN;
        }
        if (cores >= spinningThreads)
        {
            return YIELDING;
        }
        return ADAPTIVE;
    }

    /**
     * @param spinningThreads consumer and producer threads that would spin.
     * @return the default preset for this machine.
     */
    public static WaitStrategies defaultFor(final int spinningThreads)
    {
        return defaultFor(spinningThreads, Runtime.getRuntime().availableProcessors());
    }
}
