package io.disruptorx.bench.node;

import java.util.Locale;

import io.disruptorx.node.embedded.ThreadingMode;

/**
 * The last stdout line of {@code dx bench node}, parsed by scripts: exactly
 * {@code RESULT node rate=<orders/s> mode=<shared|dedicated> floor_us=<n> durable_p50_us=<n> durable_p99_us=<n>
 * p50_us=<n> p99_us=<n> p999_us=<n> journal_rps=<n> replay_rps=<n>}, every value but the mode a whole number.
 * {@code floor_us} is the device's synchronous 4 KiB write p50, {@code durable_*} the node's latency with a force
 * per batch ({@code EVERY_BATCH}), {@code p50/p99/p999} its latency with a force every millisecond
 * ({@code INTERVAL}), both in the threading mode named. Two keys follow, added after the issue fixed the others
 * (so a parser of the first ten still reads them): {@code hiccup_p99_us=<n> hiccup_p999_us=<n>}, the
 * {@link HiccupMeter}'s p99 and p99.9 during the {@code INTERVAL} run, the part of its tail the platform gave every
 * thread.
 */
public final class ResultLine
{
    private ResultLine()
    {
    }

    /**
     * @param rate       offered orders per second of the latency runs.
     * @param mode       the node's threading mode in both runs.
     * @param floorNanos the device's synchronous 4 KiB write p50.
     * @param durable    percentiles with a force per batch (nanoseconds; printed in whole microseconds).
     * @param interval   percentiles with a force every millisecond.
     * @param journalRps journal append records per second with a force per batch.
     * @param replayRps  journal replay records per second.
     * @param hiccups    the hiccup meter during the {@code INTERVAL} run.
     * @return the line, without a line separator.
     */
    public static String format(
        final long rate, final ThreadingMode mode, final long floorNanos, final LatencySummary durable,
        final LatencySummary interval, final double journalRps, final double replayRps, final LatencySummary hiccups)
    {
        return "RESULT node rate=" + rate + " mode=" + mode.name().toLowerCase(Locale.ROOT) +
            " floor_us=" + LatencySummary.micros(floorNanos) +
            " durable_p50_us=" + LatencySummary.micros(durable.p50()) +
            " durable_p99_us=" + LatencySummary.micros(durable.p99()) +
            " p50_us=" + LatencySummary.micros(interval.p50()) +
            " p99_us=" + LatencySummary.micros(interval.p99()) +
            " p999_us=" + LatencySummary.micros(interval.p999()) +
            " journal_rps=" + Math.round(journalRps) + " replay_rps=" + Math.round(replayRps) +
            " hiccup_p99_us=" + LatencySummary.micros(hiccups.p99()) +
            " hiccup_p999_us=" + LatencySummary.micros(hiccups.p999());
    }
}
