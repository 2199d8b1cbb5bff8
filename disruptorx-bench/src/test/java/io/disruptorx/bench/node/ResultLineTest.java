package io.disruptorx.bench.node;

import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.disruptorx.node.embedded.ThreadingMode;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ResultLineTest
{
    /** The keys issue 15 fixed, in its order. */
    private static final Pattern ISSUE_FORMAT = Pattern.compile(
        "RESULT node rate=\\d+ mode=(shared|dedicated) floor_us=\\d+ durable_p50_us=\\d+ durable_p99_us=\\d+ " +
        "p50_us=\\d+ p99_us=\\d+ p999_us=\\d+ journal_rps=\\d+ replay_rps=\\d+");
    /** Those, then the keys added at the end (documented in docs/benchmarks.md). */
    private static final Pattern FORMAT =
        Pattern.compile(ISSUE_FORMAT.pattern() + " hiccup_p99_us=\\d+ hiccup_p999_us=\\d+");

    @Test
    void shouldPrintWholeMicrosecondsAndRecordsPerSecondInTheAgreedOrder()
    {
        final LatencySummary durable = new LatencySummary(1_000, 190_400, 200_000, 401_600, 900_000, 2_000_000);
        final LatencySummary interval = new LatencySummary(1_000, 12_499, 20_000, 48_500, 199_999, 900_000);
        final LatencySummary hiccups = new LatencySummary(5_000, 60_000, 90_000, 1_500_400, 2_999_600, 4_000_000);

        final String line = ResultLine.format(100_000, ThreadingMode.SHARED, 187_501, durable, interval, 1_234_567.6,
            9_876_543.2, hiccups);

        assertThat(line).isEqualTo("RESULT node rate=100000 mode=shared floor_us=188 durable_p50_us=190 " +
            "durable_p99_us=402 p50_us=12 p99_us=49 p999_us=200 journal_rps=1234568 replay_rps=9876543 " +
            "hiccup_p99_us=1500 hiccup_p999_us=3000");
        assertThat(FORMAT.matcher(line).matches()).isTrue();
        assertThat(ISSUE_FORMAT.matcher(line).lookingAt()).isTrue();
    }

    @Test
    void shouldTakePercentilesFromTheHistogram()
    {
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        for (long i = 1; i <= 1_000; i++)
        {
            histogram.recordValue(i * 1_000);
        }

        final LatencySummary summary = LatencySummary.of(histogram);

        assertThat(summary.count()).isEqualTo(1_000);
        assertThat(LatencySummary.micros(summary.p50())).isEqualTo(500);
        assertThat(LatencySummary.micros(summary.p99())).isEqualTo(990);
        assertThat(LatencySummary.micros(summary.p999())).isEqualTo(999);
        assertThat(LatencySummary.micros(summary.max())).isEqualTo(1_000);
    }
}
