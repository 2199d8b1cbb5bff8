package io.disruptorx.bench.gateway;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.venue.NodeGateways;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GatewayBenchTest
{
    @TempDir
    Path dir;

    @Test
    void shouldDecodeProcessAndEncodeFourReportsPerOrderPair()
    {
        final GatewayPath path = new GatewayPath();

        for (int i = 1; i <= 100; i++)
        {
            // accepted buy, accepted sell, and one fill for each side
            assertThat(path.orderPair()).isEqualTo(4);
            assertThat(path.lastSequence()).isEqualTo(4L * i);
        }
        assertThat(path.encodedBytes()).isPositive();
    }

    @Test
    void shouldAcknowledgeEveryPacedOrderThroughTheNodesGatewayOverLoopback() throws Exception
    {
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir)
            .withForcePolicy(ForcePolicy.NEVER, 1_000_000L).withSnapshotEvery(0, 0), null, null);
            NodeGateways gateways = NodeGateways.start(node, GatewayQuickBench.setUp(node));
            GatewayLoad load = new GatewayLoad(new InetSocketAddress("127.0.0.1", gateways.gateway().nativePort()),
                "bench", GatewayQuickBench.PASSWORD))
        {
            // 2,000/s for 0.5 s of warm-up and 1 s measured: 1,000 then 2,000 orders
            final GatewayLoad.Run run = load.paced(2_000, 0.5, 1);

            assertThat(run.latency().count()).isEqualTo(2_000);
            assertThat(run.rejects()).isZero();
            assertThat(run.latency().max()).isGreaterThanOrEqualTo(run.latency().p99());
            assertThat(gateways.gateway().core().counters().internalErrors()).isZero();
        }
    }
}
