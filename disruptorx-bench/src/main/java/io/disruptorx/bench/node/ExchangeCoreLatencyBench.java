package io.disruptorx.bench.node;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.bench.engine.ExchangeCoreLoader;

/**
 * The exchange-core anchor of the node latency benchmark: {@link OfferedFlow} at fixed offered rates into
 * exchange-core 0.5.3 (no journalling), latency from each command's intended send time ({@link PacedSchedule}, which
 * corrects coordinated omission) to exchange-core's results consumer, as
 * {@link NodeQuickBench} measures our node. The producer yields while it waits, which at
 * high rates amounts to spinning on a shared core.
 *
 * <p>Needs {@link ExchangeCoreLoader#JVM_OPTIONS}. Arguments: {@code --rates=10000,50000,100000,200000},
 * {@code --warmup=SECONDS}, {@code --seconds=SECONDS}, {@code --wait=YIELDING}. One table line per rate on stdout.
 */
public final class ExchangeCoreLatencyBench
{
    private static final long SPIN_BELOW_NANOS = 200_000;
    private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final String RUNNER = "io.disruptorx.bench.node.exchangecore.ExchangeCoreLatencyRunner";

    private ExchangeCoreLatencyBench()
    {
    }

    /**
     * @param args see the class comment.
     */
    public static void main(final String[] args)
    {
        if (!ExchangeCoreLoader.jvmOptionsPresent())
        {
            throw new IllegalStateException("run with " + String.join(" ", ExchangeCoreLoader.JVM_OPTIONS));
        }
        final long[] rates = Arrays.stream(option(args, "--rates", "10000,50000,100000,200000").split(","))
            .mapToLong(Long::parseLong).toArray();
        final double warmup = Double.parseDouble(option(args, "--warmup", "3"));
        final double seconds = Double.parseDouble(option(args, "--seconds", "10"));
        final String wait = option(args, "--wait", "YIELDING");
        System.out.println(
            "| venue | offered/s | completed/s | p50 us | p90 us | p99 us | p99.9 us | max us | refused |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (final long rate : rates)
        {
            System.out.println(row(wait, rate, warmup, seconds));
        }
    }

    /**
     * Runs exchange-core at one rate on a fresh instance; needs {@link ExchangeCoreLoader#JVM_OPTIONS}.
     *
     * @param wait    exchange-core's wait strategy name (e.g. {@code YIELDING}).
     * @param rate    offered commands per second.
     * @param warmup  seconds offered before measuring.
     * @param seconds seconds measured.
     * @return one markdown table row.
     */
    static String row(final String wait, final long rate, final double warmup, final double seconds)
    {
        try (PacedVenue venue = ExchangeCoreLoader.newInstance(
            RUNNER, PacedVenue.class, new Class<?>[]{String.class}, wait))
        {
            return run(venue, "exchange-core " + wait, rate, warmup, seconds);
        }
    }

    /**
     * Drives a venue at a fixed rate and summarises the measured part.
     *
     * @param venue   the venue.
     * @param name    its name in the table.
     * @param rate    offered commands per second.
     * @param warmup  seconds offered before measuring.
     * @param seconds seconds measured.
     * @return one markdown table row.
     */
    static String run(final PacedVenue venue, final String name, final long rate, final double warmup,
        final double seconds)
    {
        final PacedSchedule schedule = new PacedSchedule(System.nanoTime() + 1_000_000, rate);
        final long warmupCommands = schedule.commandsIn(warmup);
        final long total = warmupCommands + schedule.commandsIn(seconds);
        final long measureFrom = schedule.intendedNanos(warmupCommands);
        venue.measureFrom(measureFrom);
        long index = 0;
        while (index < total)
        {
            final long now = System.nanoTime();
            final long due = Math.min(schedule.dueBy(now), total);
            if (index >= due)
            {
                final long gap = schedule.intendedNanos(index) - now;
                if (gap > SPIN_BELOW_NANOS)
                {
                    LockSupport.parkNanos(gap - SPIN_BELOW_NANOS / 2);
                }
                else
                {
                    Thread.yield();
                }
                continue;
            }
            while (index < due)
            {
                venue.send(index, schedule.intendedNanos(index));
                index++;
            }
        }
        final long deadline = System.nanoTime() + DRAIN_TIMEOUT_NANOS;
        while (venue.reports() < total)
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException(name + ": only " + venue.reports() + " of " + total + " results");
            }
            LockSupport.parkNanos(100_000);
        }
        final double completed = (total - warmupCommands) * 1e9 / (venue.lastReportNanos() - measureFrom);
        final LatencySummary l = LatencySummary.of(venue.histogram());
        return String.format("| %s | %,d | %,.0f%s | %,d | %,d | %,d | %,d | %,d | %,d |", name, rate, completed,
            completed >= 0.98 * rate ? "" : " (not sustained)", LatencySummary.micros(l.p50()),
            LatencySummary.micros(l.p90()), LatencySummary.micros(l.p99()), LatencySummary.micros(l.p999()),
            LatencySummary.micros(l.max()), venue.refused());
    }

    private static String option(final String[] args, final String name, final String fallback)
    {
        for (final String arg : args)
        {
            if (arg.startsWith(name + "="))
            {
                return arg.substring(name.length() + 1);
            }
        }
        return fallback;
    }
}
