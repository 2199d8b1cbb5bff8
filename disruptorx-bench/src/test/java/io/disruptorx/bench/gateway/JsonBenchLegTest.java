package io.disruptorx.bench.gateway;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.disruptorx.bench.fix.QfjLoad;
import io.disruptorx.bench.json.JsonLoad;
import io.disruptorx.core.net.TestPorts;
import io.disruptorx.gateway.json.ApiError;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.venue.NodeGateways;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON leg of the gateway bench measures real answers: every signed {@code order.place} the JDK WebSocket load
 * sends through the node's JSON edge is accepted by the venue and answered once, none refused (no replayed or
 * expired signature, no throttle).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class JsonBenchLegTest
{
    @TempDir
    Path dir;

    @Test
    void shouldAnswerEveryPacedOrderThroughTheNodesJsonEdge() throws Exception
    {
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir.resolve("node"))
            .withForcePolicy(ForcePolicy.NEVER, 1_000_000L).withSnapshotEvery(0, 0), null, null);
            NodeGateways gateways = GatewayQuickBench.startGateways(node, false, TestPorts.port(),
                dir.resolve("fix"));
            JsonLoad load = new JsonLoad("ws://127.0.0.1:" + gateways.jsonPort() + "/ws-api/v3",
                GatewayQuickBench.JSON_KEY, GatewayQuickBench.JSON_SECRET, "BENCH", new String[] {"5", "6"}))
        {
            // 1,000/s for 0.5 s of warm-up and 1 s measured: 500 then 1,000 orders
            final QfjLoad.Run paced = load.paced(1_000, 0.5, 1);
            assertThat(paced.latency().count()).isEqualTo(1_000);
            assertThat(paced.rejects()).as("refused, the first: %s", load.firstRefusal()).isZero();

            final QfjLoad.Run saturated = load.saturated(64, 0.2, 0.5);
            assertThat(saturated.completed()).isPositive();
            assertThat(saturated.rejects()).as("refused, the first: %s", load.firstRefusal()).isZero();
            assertThat(gateways.json().counters().errors(ApiError.TIMEOUT)).isZero();
            assertThat(gateways.gateway().core().counters().internalErrors()).isZero();
        }
    }
}
