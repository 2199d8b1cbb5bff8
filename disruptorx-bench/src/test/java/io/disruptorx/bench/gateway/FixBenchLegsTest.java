package io.disruptorx.bench.gateway;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.disruptorx.bench.fix.FixLegs;
import io.disruptorx.bench.fix.FixWireLoad;
import io.disruptorx.bench.fix.QfjAnchorVenue;
import io.disruptorx.bench.fix.QfjLoad;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.venue.NodeGateways;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The FIX legs of the gateway bench measure real acknowledgements: every order either load (the QuickFIX/J
 * initiator or the lean wire client sending QuickFIX/J's messages) sends is answered, by our FIX gateway on the
 * node and by the QuickFIX/J anchor, and counted once.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FixBenchLegsTest
{
    private static final String[] ACCOUNTS = {"3", "4"};

    @TempDir
    Path dir;

    @Test
    void shouldAcknowledgeEveryPacedOrderThroughTheNodesFixGateway() throws Exception
    {
        final int port = FixLegs.freePort();
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir.resolve("node"))
            .withForcePolicy(ForcePolicy.NEVER, 1_000_000L).withSnapshotEvery(0, 0), null, null);
            NodeGateways gateways = GatewayQuickBench.startGateways(node, false, port, dir.resolve("fix"));
            QfjLoad load = new QfjLoad(port, FixLegs.FIX_USER, FixLegs.COMP_ID, GatewayQuickBench.PASSWORD,
                "BENCH", ACCOUNTS))
        {
            // 1,000/s for 0.5 s of warm-up and 1 s measured: 500 then 1,000 orders
            final QfjLoad.Run paced = load.paced(1_000, 0.5, 1);
            assertThat(paced.latency().count()).isEqualTo(1_000);
            assertThat(paced.rejects()).isZero();

            final QfjLoad.Run saturated = load.saturated(64, 0.2, 0.5);
            assertThat(saturated.completed()).isPositive();
            assertThat(saturated.rejects()).isZero();
            assertThat(gateways.gateway().core().counters().internalErrors()).isZero();
        }
    }

    @Test
    void shouldAcknowledgeEveryOrderOfTheWireLoadThroughTheNodesFixGateway() throws Exception
    {
        final int port = FixLegs.freePort();
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir.resolve("node"))
            .withForcePolicy(ForcePolicy.NEVER, 1_000_000L).withSnapshotEvery(0, 0), null, null);
            NodeGateways gateways = GatewayQuickBench.startGateways(node, false, port, dir.resolve("fix"));
            FixWireLoad load = new FixWireLoad(port, FixLegs.FIX_USER, FixLegs.COMP_ID, GatewayQuickBench.PASSWORD,
                "BENCH", ACCOUNTS))
        {
            final QfjLoad.Run paced = load.paced(1_000, 0.5, 1);
            assertThat(paced.latency().count()).isEqualTo(1_000);
            assertThat(paced.rejects()).isZero();

            final QfjLoad.Run saturated = load.saturated(256, 0.2, 0.5);
            assertThat(saturated.completed()).isPositive();
            assertThat(saturated.rejects()).isZero();
            assertThat(gateways.gateway().core().counters().internalErrors()).isZero();
            // every pair of orders trades: two NewOrderSingles each, nothing refused by the FIX edge
            assertThat(gateways.gateway().core().counters().commandsSent()).isGreaterThanOrEqualTo(1_500);
        }
    }

    @Test
    void shouldAcknowledgeEveryOrderOfTheWireLoadThroughTheQuickFixAnchor() throws Exception
    {
        final int port = FixLegs.freePort();
        try (QfjAnchorVenue venue = new QfjAnchorVenue(port, "ANCHOR", "qfjb", dir.resolve("anchor"));
            FixWireLoad load = new FixWireLoad(port, "qfjb", "ANCHOR", "x", "BENCH", ACCOUNTS))
        {
            final QfjLoad.Run paced = load.paced(1_000, 0.5, 1);
            assertThat(paced.latency().count()).isEqualTo(1_000);
            assertThat(paced.rejects()).isZero();

            final QfjLoad.Run saturated = load.saturated(256, 0.2, 0.5);
            assertThat(saturated.completed()).isPositive();
            assertThat(saturated.rejects()).isZero();
        }
    }

    @Test
    void shouldAcknowledgeEveryPacedOrderThroughTheQuickFixAnchor() throws Exception
    {
        final int port = FixLegs.freePort();
        try (QfjAnchorVenue venue = new QfjAnchorVenue(port, "ANCHOR", "qfjb", dir.resolve("anchor"));
            QfjLoad load = new QfjLoad(port, "qfjb", "ANCHOR", "x", "BENCH", ACCOUNTS))
        {
            final QfjLoad.Run paced = load.paced(1_000, 0.5, 1);
            assertThat(paced.latency().count()).isEqualTo(1_000);
            assertThat(paced.rejects()).isZero();
            assertThat(paced.latency().max()).isGreaterThanOrEqualTo(paced.latency().p99());
        }
    }
}
