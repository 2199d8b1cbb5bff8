package io.disruptorx.gateway.edge;

import java.io.PrintWriter;

import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.net.ConnectionLimiter;
import io.disruptorx.core.net.RelayedPeers;
import io.disruptorx.gateway.Gateway;
import io.disruptorx.gateway.config.GatewayConfig;
import org.agrona.concurrent.Agent;

/**
 * One configured protocol edge over a {@link Gateway}: its core (sessions, users, reports) and reference data.
 */
public interface ProtocolEdge
{
    /**
     * @return the edge's name, also its section under {@code gateways} (e.g. {@code fix}) and the {@code edge}
     * label of its TLS listener's metrics.
     */
    String name();

    /**
     * @return the port the edge's plain listener binds on {@link #start}, for a TLS listener that relays to it on
     * loopback.
     */
    int port();

    /**
     * Opens the edge (binds its listener) over a gateway.
     *
     * @param gateway the gateway; the agent must run on the gateway's thread.
     * @param config  the gateway's settings (instruments, users).
     * @return the edge's agent.
     */
    Agent start(Gateway gateway, GatewayConfig config);

    /**
     * Prints how a client connects, one line or more, each starting with {@code prefix}.
     *
     * @param prefix e.g. {@code "dx node: "}.
     * @param out    where the lines go.
     */
    void describe(String prefix, PrintWriter out);

    /**
     * @return a fresh limiter with the limits of the edge's plain listener, for a TLS listener in front of it (which
     * applies them to its clients' own addresses, counting on its own); the defaults unless the edge says otherwise.
     */
    default ConnectionLimiter newConnectionLimiter()
    {
        return ConnectionLimiter.defaults();
    }

    /**
     * @return where a TLS listener in front of the edge records its clients' certificate subjects for the edge's
     * logons (mutual TLS: a certificate names a user), or {@code null} when the edge maps no certificates.
     */
    default RelayedPeers relayedPeers()
    {
        return null;
    }

    /**
     * Exposes the edge's own counters, if it has any; once per registry.
     *
     * @param metrics the host's registry.
     */
    default void registerMetrics(final MetricsRegistry metrics)
    {
    }
}
