package io.disruptorx.bench.gateway;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import io.disruptorx.bench.fix.FixLegs;
import io.disruptorx.bench.fix.FixLoad;
import io.disruptorx.bench.fix.FixWireLoad;
import io.disruptorx.bench.fix.FixWireSessions;
import io.disruptorx.bench.fix.QfjAnchorVenue;
import io.disruptorx.bench.fix.QfjLoad;
import io.disruptorx.core.net.TestPorts;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.venue.NodeGateways;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /**
     * The two loads, each with the window its saturated run keeps in flight here.
     */
    enum Load
    {
        QFJ(64),
        WIRE(256);

        private final int window;

        Load(final int window)
        {
            this.window = window;
        }

        FixLoad open(final int port, final String user, final String compId, final String password) throws Exception
        {
            return this == QFJ ? new QfjLoad(port, user, compId, password, "BENCH", ACCOUNTS) :
                new FixWireLoad(port, user, compId, password, "BENCH", ACCOUNTS);
        }
    }

    @ParameterizedTest
    @EnumSource(Load.class)
    void shouldAcknowledgeEveryOrderThroughTheNodesFixGateway(final Load kind) throws Exception
    {
        final int port = TestPorts.port();
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir.resolve("node"))
            .withForcePolicy(ForcePolicy.NEVER, 1_000_000L).withSnapshotEvery(0, 0), null, null);
            NodeGateways gateways = GatewayQuickBench.startGateways(node, false, port, dir.resolve("fix"));
            FixLoad load = kind.open(port, FixLegs.FIX_USER, FixLegs.COMP_ID, GatewayQuickBench.PASSWORD))
        {
            assertEveryOrderAnswered(load, kind.window);
            assertThat(gateways.gateway().core().counters().internalErrors()).isZero();
            // 500 warm-up and 1,000 paced orders at least, every pair trading: nothing refused by the FIX edge
            assertThat(gateways.gateway().core().counters().commandsSent()).isGreaterThanOrEqualTo(1_500);
        }
    }

    @ParameterizedTest
    @EnumSource(Load.class)
    void shouldAcknowledgeEveryOrderThroughTheQuickFixAnchor(final Load kind) throws Exception
    {
        final int port = TestPorts.port();
        try (QfjAnchorVenue venue = new QfjAnchorVenue(port, "ANCHOR", new String[]{"qfjb"}, dir.resolve("anchor"));
            FixLoad load = kind.open(port, "qfjb", "ANCHOR", "x"))
        {
            assertEveryOrderAnswered(load, kind.window);
        }
    }

    @Test
    void shouldMeasureBothLegsInAlternatedRoundsWithBothListening() throws Exception
    {
        final int port = TestPorts.port();
        final int anchorPort = TestPorts.port();
        final FixRounds.Plan plan = new FixRounds.Plan(0.3, 1, 2, 2, 0.1, 0.3, 2, 0.1, 0.3);
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir.resolve("node"))
            .withForcePolicy(ForcePolicy.NEVER, 1_000_000L).withSnapshotEvery(0, 0), null, null);
            NodeGateways gateways = GatewayQuickBench.startGateways(node, false, port, dir.resolve("fix"));
            QfjAnchorVenue venue = FixLegs.anchorVenue(anchorPort, dir.resolve("anchor"), 1);
            FixLoad ours = FixLegs.connect(FixLegs.Client.WIRE, 1, port, FixLegs::fixUser, FixLegs.COMP_ID,
                GatewayQuickBench.PASSWORD, "BENCH");
            FixLoad anchor = FixLegs.connectAnchor(FixLegs.Client.WIRE, 1, anchorPort, "BENCH"))
        {
            final FixComparison comparison = new FixRounds(ours, anchor, plan).run();

            assertThat(comparison.fixSaturated()).hasSize(2);
            assertThat(Arrays.stream(comparison.fixSaturated()).min().orElseThrow()).isPositive();
            assertThat(comparison.qfjSaturated()).hasSize(2);
            assertThat(Arrays.stream(comparison.qfjSaturated()).min().orElseThrow()).isPositive();
            assertThat(comparison.sameRate()).isEqualTo(Math.min(comparison.fixRate(), comparison.qfjRate()));
            assertThat(comparison.fixSameP99()).hasSize(2);
            assertThat(Arrays.stream(comparison.fixSameP99()).min().orElseThrow()).isPositive();
            assertThat(comparison.qfjSameP99()).hasSize(2);
            assertThat(Arrays.stream(comparison.qfjSameP99()).min().orElseThrow()).isPositive();
            assertThat(comparison.fixP99()).isPositive();
            assertThat(comparison.qfjP99()).isPositive();
            assertThat(gateways.gateway().core().counters().internalErrors()).isZero();
            assertThat(gateways.gateway().core().counters().commandsSent()).isPositive();
        }
    }

    @Test
    void shouldAcknowledgeEveryOrderOfFourSessionsThroughTheNodesFixGateway() throws Exception
    {
        final int port = TestPorts.port();
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir.resolve("node"))
            .withForcePolicy(ForcePolicy.NEVER, 1_000_000L).withSnapshotEvery(0, 0), null, null);
            NodeGateways gateways = GatewayQuickBench.startGateways(node, false, port, dir.resolve("fix"));
            FixLoad load = FixLegs.connect(FixLegs.Client.WIRE, FixLegs.MAX_SESSIONS, port, FixLegs::fixUser,
                FixLegs.COMP_ID, GatewayQuickBench.PASSWORD, "BENCH"))
        {
            assertThat(gateways.gateway().core().counters().logins()).isEqualTo(FixLegs.MAX_SESSIONS);
            assertEveryOrderAnswered(load, 256);
            assertEverySessionCarriedItsShare((FixWireSessions)load);
            assertThat(gateways.gateway().core().counters().internalErrors()).isZero();
            assertThat(gateways.gateway().core().counters().commandsSent()).isGreaterThanOrEqualTo(1_500);
            assertThat(((FixWireSessions)load).duplicateAnswers()).isZero();
        }
    }

    @Test
    void shouldAcknowledgeEveryOrderOfFourSessionsThroughTheQuickFixAnchor() throws Exception
    {
        final int port = TestPorts.port();
        try (QfjAnchorVenue venue = FixLegs.anchorVenue(port, dir.resolve("anchor"), FixLegs.MAX_SESSIONS);
            FixLoad load = FixLegs.connect(FixLegs.Client.WIRE, FixLegs.MAX_SESSIONS, port, FixLegs::anchorUser,
                "ANCHOR", "x", "BENCH"))
        {
            assertEveryOrderAnswered(load, 256);
            assertEverySessionCarriedItsShare((FixWireSessions)load);
            assertThat(((FixWireSessions)load).duplicateAnswers()).isZero();
        }
    }

    /**
     * After the last run (saturated), each session answered its share of the orders, pair by pair in turn: the
     * shares of four sessions differ by at most one pair.
     */
    private static void assertEverySessionCarriedItsShare(final FixWireSessions load)
    {
        final long[] answered = load.answeredBySession();
        assertThat(answered).hasSize(FixLegs.MAX_SESSIONS);
        final long total = Arrays.stream(answered).sum();
        assertThat(total).isEqualTo(load.answered());
        for (final long each : answered)
        {
            assertThat(each).isBetween(total / FixLegs.MAX_SESSIONS - 2, total / FixLegs.MAX_SESSIONS + 2);
        }
    }

    @Test
    void shouldRefuseMoreSessionsWithTheQuickFixInitiatorLoad()
    {
        assertThatThrownBy(() -> FixLegs.connect(FixLegs.Client.QFJ, 2, TestPorts.port(), FixLegs::fixUser,
            FixLegs.COMP_ID, GatewayQuickBench.PASSWORD, "BENCH"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wire load");
        assertThatThrownBy(() -> FixLegs.connect(FixLegs.Client.WIRE, FixLegs.MAX_SESSIONS + 1, TestPorts.port(),
            FixLegs::fixUser, FixLegs.COMP_ID, GatewayQuickBench.PASSWORD, "BENCH"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 4");
    }

    /**
     * 1,000/s for 0.5 s of warm-up and 1 s measured (500 then 1,000 orders), then a short saturated run.
     */
    private static void assertEveryOrderAnswered(final FixLoad load, final int window)
    {
        final QfjLoad.Run paced = load.paced(1_000, 0.5, 1);
        assertThat(paced.latency().count()).isEqualTo(1_000);
        assertThat(paced.rejects()).isZero();
        assertThat(paced.latency().max()).isGreaterThanOrEqualTo(paced.latency().p99());

        final QfjLoad.Run saturated = load.saturated(window, 0.2, 0.5);
        assertThat(saturated.completed()).isPositive();
        assertThat(saturated.rejects()).isZero();
    }
}
