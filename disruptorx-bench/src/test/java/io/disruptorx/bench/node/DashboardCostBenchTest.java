package io.disruptorx.bench.node;

import java.nio.file.Path;
import java.util.List;

import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.marketdata.server.FeedServerConfig;
import io.disruptorx.node.embedded.NodeTracing;
import io.disruptorx.node.embedded.ThreadingMode;
import io.disruptorx.node.feed.NodeFeed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dashboard leg's pages are real: on a short, slow run of the node bench with its feed and HTTP server, two
 * WebSocket clients in a child JVM subscribed as the page is take the dashboard's updates, and the run completes (the
 * JDK's clients, and the lean raw ones that read the frames themselves);
 * with their process stopped through the run, the run completes and the process answers once continued; the summary's
 * control pairs (successive 0-page runs) beside the pages' cost, and the venue's CPU apart from the harness's.
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
    void shouldOpenLeanRawPagesThatTakeTheDashboardsUpdatesFrameByFrame()
    {
        final DashboardCostBench.Pages pages = new DashboardCostBench.Pages(3, false, "raw");
        final NodeLatencyBench.Run run;
        try (NodeFeed feed = NodeFeed.start(FeedServerConfig.builder().session("DXTEST").build()))
        {
            run = NodeLatencyBench.run(dir, ThreadingMode.SHARED, ForcePolicy.NEVER, 1_000_000, 2_000, 0.5, 1.5, true,
                NodeTracing.OFF, feed.sink(), node -> pages.attach(node, feed));
        }
        assertThat(run.latency().count()).isPositive();
        assertThat(pages.describe()).startsWith("3 pages (raw clients), harness: took ");
        assertThat(pages.updates()).as(pages.describe()).isGreaterThanOrEqualTo(3);
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
        assertThat(pages.describe()).startsWith("2 pages (clients stopped), harness: took ")
            .contains("pages' process cpu").contains("venue: cpu ms/s: http io ");
        assertThat(pages.cpu()).hasSize(4);
    }

    @Test
    void shouldSetTheControlPairsOfSuccessiveZeroPageRunsBesideEachRunWithPagesAndItsNeighbours()
    {
        // two rounds of 0, N, 0, 0 pages
        final int[] pages = {0, 1, 0, 0, 0, 1, 0, 0};
        final long[] p99 = {1_000_000, 2_000_000, 1_500_000, 1_200_000, 1_100_000, 1_300_000, 1_400_000, 1_000_000};

        assertThat(DashboardCostBench.noise(pages, p99)).isEqualTo("NOISE dashboard p99 " +
            "control_us=[-300,-100,-400] median=-300.0 median_abs=300.0 max_abs=400.0 higher=0/3 " +
            "pages_vs_zero_us=[1000,500,200,-100] median=350.0 higher=3/4");
    }

    @Test
    void shouldSetTheSyntheticLoadsRunsBesideTheirZeroPageNeighboursApartFromThePages()
    {
        // one round of 0, N, 0, synthetic, 0, 0 and the next's first run
        final int[] configs = {0, 1, 0, 2, 0, 0, 0};
        final long[] p99 = {1_000_000, 2_000_000, 1_500_000, 1_900_000, 1_200_000, 1_100_000, 1_300_000};

        assertThat(DashboardCostBench.noise(configs, p99)).isEqualTo("NOISE dashboard p99 " +
            "control_us=[-100,200] median=50.0 median_abs=150.0 max_abs=200.0 higher=1/2 " +
            "pages_vs_zero_us=[1000,500] median=750.0 higher=2/2 " +
            "synthetic_vs_zero_us=[400,700] median=550.0 higher=2/2");
    }

    @Test
    void shouldRunTheSyntheticLoadInThePagesProcessWithNoPageAndRejectAMalformedOne()
    {
        final DashboardCostBench.Pages load = new DashboardCostBench.Pages(0, false,
            DashboardCostBench.synthetic("4,6,3"), false);
        final NodeLatencyBench.Run run;
        try (NodeFeed feed = NodeFeed.start(FeedServerConfig.builder().session("DXTEST").build()))
        {
            run = NodeLatencyBench.run(dir, ThreadingMode.SHARED, ForcePolicy.NEVER, 1_000_000, 2_000, 0.5, 1.5, true,
                NodeTracing.OFF, feed.sink(), node -> load.attach(node, feed));
        }
        assertThat(run.latency().count()).isPositive();
        assertThat(load.describe()).startsWith("0 pages (burn:4:6:3), harness: took ");
        assertThat(load.updates()).as("the synthetic bursts, " + load.describe()).isPositive();
        assertThatThrownBy(() -> DashboardCostBench.synthetic("8")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("--synthetic=IO_MS,CLIENTS_MS[,PIECES]");
        assertThatThrownBy(() -> DashboardCostBench.synthetic("8,-1")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("0 to 1000");
        assertThatThrownBy(() -> DashboardCostBench.synthetic("8,30,0")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("pieces");
        assertThat(DashboardCostBench.synthetic("8,30")).isEqualTo("burn:8:30:1");
    }

    @Test
    void shouldSummariseWhatTheVenueAndTheHarnessUsedPerConfiguration()
    {
        final List<List<double[]>> cpu = List.of(
            List.of(new double[] {1.0, 0.1, 40.0, 5.0}, new double[] {1.2, 0.1, 44.0, 6.0}),
            List.of(new double[] {10.0, 0.2, 45.0, 30.0}));

        assertThat(DashboardCostBench.cpu(new String[] {"0-pages", "5-pages"}, cpu)).isEqualTo("CPU dashboard ms/s " +
            "0-pages: venue http_io=1.1(1.0..1.2) dashboard_other=0.1(0.1..0.1) feed_servers=42.0(40.0..44.0) " +
            "harness pages_process=5.5(5.0..6.0); " +
            "5-pages: venue http_io=10.0(10.0..10.0) dashboard_other=0.2(0.2..0.2) feed_servers=45.0(45.0..45.0) " +
            "harness pages_process=30.0(30.0..30.0)");
    }
}
