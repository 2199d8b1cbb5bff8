package io.disruptorx.bench.gateway;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.disruptorx.bench.fix.FixLegs;
import io.disruptorx.bench.fix.FixWireLoad;
import io.disruptorx.bench.fix.QfjLoad;
import io.disruptorx.core.net.TestPorts;
import io.disruptorx.gateway.core.ProtocolError;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.venue.NodeGateways;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One FIX session driven far past what the node's FIX gateway can absorb: the load keeps 65,536 NewOrderSingles
 * (about 13 MB) unanswered, so Artio's streams between its engine and the gateway fill both ways. With Artio's
 * default claim retries the engine thread and the gateway thread each waited for the other to make room, and the
 * session went silent (issue 9). Every order must be answered exactly once, nothing refused or lost, and the
 * session must go on answering afterwards.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FixOverloadTest
{
    private static final int OVERLOAD_WINDOW = 65_536;
    private static final String[] ACCOUNTS = {"3", "4"};

    @TempDir
    Path dir;

    @Test
    void shouldAnswerEveryOrderOnceAndKeepTheSessionGoingWhenDrivenFarPastCapacity()
    {
        final int port = TestPorts.port();
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir.resolve("node"))
            .withForcePolicy(ForcePolicy.NEVER, 1_000_000L).withSnapshotEvery(0, 0), null, null);
            NodeGateways gateways = GatewayQuickBench.startGateways(node, false, port, dir.resolve("fix"));
            FixWireLoad load = new FixWireLoad(port, FixLegs.FIX_USER, FixLegs.COMP_ID, GatewayQuickBench.PASSWORD,
                "BENCH", ACCOUNTS))
        {
            // the load fails when the gateway takes no bytes for 30 s, and when an order is still unanswered 30 s
            // after the run
            final QfjLoad.Run overload = load.saturated(OVERLOAD_WINDOW, 0.5, 2);
            assertThat(overload.completed()).isPositive();
            assertThat(overload.rejects()).isZero();
            final long overloadCommands = gateways.gateway().core().counters().commandsSent();
            assertThat(overloadCommands).isGreaterThanOrEqualTo(OVERLOAD_WINDOW);

            final QfjLoad.Run after = load.paced(1_000, 0.2, 0.5);
            assertThat(after.latency().count()).isEqualTo(500);
            assertThat(after.rejects()).isZero();

            assertThat(load.duplicateAnswers()).isZero();
            assertThat(gateways.gateway().core().counters().internalErrors()).isZero();
            assertThat(gateways.gateway().core().counters().protocolErrors(ProtocolError.SEQUENCE_UNAVAILABLE))
                .isZero();
        }
    }
}
