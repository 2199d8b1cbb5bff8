package io.disruptorx.bench.gateway;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.disruptorx.core.tls.TlsConfig;
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

/**
 * The gateway benchmark's TLS leg on a real node, with each provider of the listener: every paced order is
 * acknowledged through the gateway's TLS 1.3 listener by the bench's own {@code SSLEngine} client, none refused,
 * and a saturated window completes orders; the TLS comparison's rounds run every leg (plain, the A/A control, both
 * providers) in every round, each on accounts of its own, without a leg's session timing out meanwhile; the quick
 * plan's legs (plain, the A/A control, the JDK provider) in its rounds.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TlsBenchLegTest
{
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TlsConfig.Provider.class)
    void shouldAcknowledgeEveryPacedOrderThroughTheTlsListener(final TlsConfig.Provider provider) throws Exception
    {
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir.resolve("node"))
            .withForcePolicy(ForcePolicy.NEVER, 1_000_000L).withSnapshotEvery(0, 0), null, null);
            NodeGateways gateways = NodeGateways.start(node, GatewayQuickBench.setUp(node)))
        {
            // 2,000/s: 0.5 s warm-up (twice: the leg's own and the run's) and 1 s measured
            final TlsLeg.Result result = TlsLeg.measure(gateways.gateway(), dir.resolve("tls"), "tlsb",
                GatewayQuickBench.PASSWORD, 2_000, 0.5, 1, 64, provider);

            assertThat(result.protocol()).isEqualTo("TLSv1.3");
            assertThat(result.provider()).isEqualTo(provider);
            assertThat(result.paced().latency().count()).isEqualTo(2_000);
            assertThat(result.paced().rejects()).isZero();
            assertThat(result.light().rate()).isEqualTo(TlsLeg.LIGHT_RATE);
            assertThat(result.light().latency().count()).isEqualTo(10_000);
            assertThat(result.light().rejects()).isZero();
            assertThat(result.saturated().completed()).isPositive();
            assertThat(result.saturated().rejects()).isZero();
            assertThat(gateways.gateway().core().counters().internalErrors()).isZero();
        }
    }

    @Test
    void shouldRunEveryLegInEveryRoundOnAccountsOfItsOwn() throws Exception
    {
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir.resolve("node"))
            .withForcePolicy(ForcePolicy.NEVER, 1_000_000L).withSnapshotEvery(0, 0), null, null);
            NodeGateways gateways = NodeGateways.start(node, GatewayQuickBench.setUp(node)))
        {
            final TlsRounds rounds = GatewayQuickBench.compareTls(gateways, dir, List.of(TlsConfig.Provider.JDK,
                TlsConfig.Provider.OPENSSL), 0.1, 0.2, false);

            assertThat(rounds.names()).containsExactly("plain", "plain-aa", "tls-jdk", "tls-openssl");
            assertThat(rounds.rounds()).isEqualTo(4);
            for (int leg = 0; leg < 4; leg++)
            {
                assertThat(rounds.medianSaturated(leg)).isPositive();
                assertThat(rounds.medianP50(leg, 0)).isPositive();
            }
            assertThat(rounds.ratios(0)).containsOnly(1.0);
            assertThat(rounds.p50Added(0, 0)).containsOnly(0L);
            assertThat(gateways.gateway().core().counters().internalErrors()).isZero();
        }
    }

    @Test
    void shouldRunTheQuickPlansLegsInItsRounds() throws Exception
    {
        final GatewayPlan quick = GatewayPlan.quickPlan();
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir.resolve("node"))
            .withForcePolicy(ForcePolicy.NEVER, 1_000_000L).withSnapshotEvery(0, 0), null, null);
            NodeGateways gateways = NodeGateways.start(node, GatewayQuickBench.setUp(node)))
        {
            final TlsRounds rounds = GatewayQuickBench.compareTls(gateways, TlsLeg.certificates(dir.resolve("tls")),
                quick.providers(), 0.1, 0.2, true);

            assertThat(rounds.names()).isEqualTo(quick.tlsLegs()).containsExactly("plain", "plain-aa", "tls-jdk");
            assertThat(rounds.rounds()).isEqualTo(quick.tlsRounds());
            for (int leg = 0; leg < rounds.names().size(); leg++)
            {
                assertThat(rounds.medianSaturated(leg)).isPositive();
                for (int rate = 0; rate < TlsRounds.PACED_RATES.length; rate++)
                {
                    assertThat(rounds.medianP50(leg, rate)).isPositive();
                }
            }
            assertThat(gateways.gateway().core().counters().internalErrors()).isZero();
        }
    }
}
