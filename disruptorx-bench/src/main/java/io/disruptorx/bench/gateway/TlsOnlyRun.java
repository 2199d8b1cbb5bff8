package io.disruptorx.bench.gateway;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import io.disruptorx.bench.fix.FixLegs;
import io.disruptorx.core.tls.TlsConfig;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.venue.NodeGateways;

/**
 * {@code dx bench gateway --tls-only}: the node and gateways as the whole benchmark starts them, then only the TLS
 * comparison ({@link TlsRounds}) of the plan ({@link GatewayPlan#onlyTls}: the full run's two providers, 4 legs in
 * 4 rounds of 3 s + 10 s passes, unless {@code --quick} or {@code --tls-providers} say otherwise). No binary, FIX or
 * JSON leg runs first, so the gateway path is warmed up by the comparison's own per-leg warm-up only. The RESULT
 * line has the TLS and A/A keys and {@code na} for the others.
 */
final class TlsOnlyRun
{
    private TlsOnlyRun()
    {
    }

    /**
     * @param plan      a plan of {@link GatewayPlan#onlyTls}.
     * @param policy    the node's journal force policy.
     * @param yielding  whether the gateway thread yields when idle (else backs off).
     * @param directory the run's data directory.
     * @param certs     the TLS certificates, being made.
     * @param phases    the run's phases.
     * @param client    the engine of the bench's TLS client ({@code --tls-client}).
     * @throws IOException when a leg cannot connect.
     */
    static void run(
        final GatewayPlan plan, final ForcePolicy policy, final boolean yielding, final Path directory,
        final CompletableFuture<TlsLeg.Certs> certs, final Phases phases, final TlsConfig.Provider client)
        throws IOException
    {
        final TlsRounds tlsRounds;
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(directory.resolve("node"))
            .withForcePolicy(policy, 1_000_000L).withSnapshotEvery(0, 0), null, null);
            NodeGateways gateways = GatewayQuickBench.startGateways(node, yielding, FixLegs.freePort(),
                directory.resolve("fix")))
        {
            System.out.printf(Locale.ROOT, "TLS comparison only (--tls-only); node journal force policy %s, gateway " +
                "thread %s when idle%n", policy, yielding ? "yielding" : "backing off");
            final TlsLeg.Certs tlsCerts = certs.join();
            phases.done("node and gateways start (and the TLS certificates, made meanwhile)");
            tlsRounds = GatewayQuickBench.compareTls(gateways, tlsCerts, plan.providers(), plan.tlsWarmup(),
                plan.tlsMeasure(), plan.quick(), client);
            phases.done("TLS comparison");
        }
        phases.done("gateways and node closed");
        tlsRounds.printSummary();
        phases.summary();
        GatewayResult.printTlsOnly(tlsRounds, plan.providers());
    }
}
