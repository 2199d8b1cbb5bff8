package io.disruptorx.bench.node;

import java.nio.file.Path;

import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.marketdata.server.FeedServerConfig;
import io.disruptorx.node.embedded.NodeTracing;
import io.disruptorx.node.embedded.ThreadingMode;
import io.disruptorx.node.feed.NodeFeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard leg's pages are real: on a short, slow run of the node bench with its feed and HTTP server, two
 * WebSocket clients in a child JVM subscribed as the page is take the dashboard's updates, and the run completes;
 * with their process stopped through the run, the run completes and the process answers once continued.
 */
@Timeout(120)
class DashboardCostBenchTest
{
    @TempDir
    Path dir;

    @Test
    void shouldOpenPagesThatTakeTheDashboardsUpdatesDuringARun()
    {
        final DashboardCostBench.Pages pages = new DashboardCostBench.Pages(2, false);
        final NodeLatencyBench.Run run;
        try (NodeFeed feed = NodeFeed.start(FeedServerConfig.builder().session("DXTEST").build()))
        {
            run = NodeLatencyBench.run(dir, ThreadingMode.SHARED, ForcePolicy.NEVER, 1_000_000, 2_000, 0.5, 1.5, true,
                NodeTracing.OFF, feed.sink(), node -> pages.attach(node, feed));
        }
        assertThat(run.latency().count()).isPositive();
        assertThat(pages.updates()).as(pages.describe()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldKeepThePagesOpenWhileTheirClientsProcessIsStoppedAndHearFromItAfterwards()
    {
        final DashboardCostBench.Pages pages = new DashboardCostBench.Pages(2, true);
        final NodeLatencyBench.Run run;
        try (NodeFeed feed = NodeFeed.start(FeedServerConfig.builder().session("DXTEST").build()))
        {
            run = NodeLatencyBench.run(dir, ThreadingMode.SHARED, ForcePolicy.NEVER, 1_000_000, 2_000, 0.5, 1.5, true,
                NodeTracing.OFF, feed.sink(), node -> pages.attach(node, feed));
        }
        assertThat(run.latency().count()).isPositive();
        assertThat(pages.describe()).startsWith("2 pages (clients stopped) took ").contains("pages' process cpu");
    }

    @Test
    void shouldSetTheDifferencesBetweenSuccessiveZeroPageRunsBesideThoseOfEachRunWithPages()
    {
        final long[] zero = {1_000_000, 1_500_000, 1_200_000};
        final long[] open = {2_000_000, 1_000_000, 1_300_000};

        assertThat(DashboardCostBench.noise(zero, open)).isEqualTo("NOISE dashboard p99 " +
            "zero_vs_zero_us=[500,-300] median_abs=400.0 max_abs=500.0 " +
            "pages_vs_zero_us=[1000,-500,100] median=100.0 higher=2/3");
    }
}
