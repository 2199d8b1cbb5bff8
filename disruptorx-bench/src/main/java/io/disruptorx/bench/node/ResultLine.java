package io.disruptorx.bench.node;


/**
 * The last stdout line of {@code dx bench node}, parsed by scripts: exactly
 * {@code RESULT node rate=<orders/s> p50_us=<n> p99_us=<n> p999_us=<n> journal_rps=<n> replay_rps=<n>}, every value
 * a whole number.
 */
public final class ResultLine
{
    private ResultLine()
    {
    }

    /**
     * @param rate       offered orders per second of the latency run.
     * @param latency    its percentiles (nanoseconds; printed in whole microseconds).
     * @param journalRps journal append records per second with a force per batch.
     * @param replayRps  journal replay records per second.
     * @return the line, without a line separator.
     */
    public static String format(
        final long rate, final LatencySummary latency, final double journalRps, final double replayRps)
    {
        return "RESULT node rate=" + rate + " p50_us=" + LatencySummary.micros(latency.p50()) + " p99_us=" +
            LatencySummary.micros(latency.p99()) + " p999_us=" + LatencySummary.micros(latency.p999()) +
            " journal_rps=" + Math.round(journalRps) + " replay_rps=" + Math.round(replayRps);
    }
}
