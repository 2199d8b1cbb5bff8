package io.disruptorx.node.venue;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.disruptorx.audit.AuditRing;
import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.gateway.Gateway;
import io.disruptorx.gateway.auth.UserDirectory;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.gateway.config.GatewaySecurityConfig;
import io.disruptorx.gateway.json.ApiKeyTable;
import io.disruptorx.gateway.json.JsonConfig;
import io.disruptorx.gateway.json.JsonEdge;
import io.disruptorx.gateway.json.JsonGateway;
import io.disruptorx.gateway.json.MarketStreams;
import io.disruptorx.http.Routes;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.protocol.venue.VenueClient;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.CompositeAgent;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.SystemNanoClock;

/**
 * The order-entry gateway of a venue: a {@link Gateway} on an embedded node's {@link EmbeddedNode#newVenueClient()
 * venue client}, or on any other venue host's client such as a cluster's, run by its own agent thread. Start it
 * after the node and close it before the node: closing ends every client session (End of Session) and closes the
 * venue client, which releases the node's output ring. On an embedded node its counters are on the node's
 * {@code /metrics} ({@link GatewayMetrics}).
 */
public final class NodeGateways implements AutoCloseable
{
    /** Spins briefly, then yields, then parks up to 100 us: quick to wake, gentle on a small machine. */
    public static final long MAX_PARK_NANOS = 100_000L;

    /** The binary gateway's {@code gateway} label on {@code /metrics}. */
    public static final String PROTOCOL = "binary";

    private final Gateway gateway;
    private final GatewayConfig config;
    private final AgentRunner runner;
    private final AtomicLong agentErrors = new AtomicLong();
    private final JsonGateway json;
    private final JsonServers jsonServers;
    private final GatewayEdge edge;

    private NodeGateways(final Gateway gateway, final GatewayConfig config, final IdleStrategy idle,
        final JsonGateway json, final JsonServers jsonServers, final GatewayEdge edge, final Agent protocol)
    {
        this.edge = edge;
        this.gateway = gateway;
        this.config = config;
        this.json = json;
        this.jsonServers = jsonServers;
        final List<Agent> agents = new ArrayList<>(List.of(gateway));
        if (json != null)
        {
            agents.add(json);
        }
        if (protocol != null)
        {
            agents.add(protocol);
        }
        this.runner = new AgentRunner(idle, this::onError, null,
            agents.size() == 1 ? gateway : new CompositeAgent(agents));
        AgentRunner.startOnThread(runner);
    }

    /**
     * @param node   a running node.
     * @param config gateway settings.
     * @return the gateway, listening and running on its thread.
     */
    public static NodeGateways start(final EmbeddedNode node, final GatewayConfig config)
    {
        return start(node, config, new BackoffIdleStrategy(100, 10, 1_000, MAX_PARK_NANOS));
    }

    /**
     * @param node   a running node.
     * @param config gateway settings.
     * @param idle   how the gateway thread waits when there is nothing to do.
     * @return the gateway, listening and running on its thread.
     */
    public static NodeGateways start(final EmbeddedNode node, final GatewayConfig config, final IdleStrategy idle)
    {
        return start(node, config, null, idle);
    }

    /**
     * @param node   a running node.
     * @param config gateway settings.
     * @param json   the JSON edge's settings ({@code gateways.json}), or {@code null} for none.
     * @param idle   how the gateway thread waits when there is nothing to do.
     * @return the gateways, listening and running on their thread.
     */
    public static NodeGateways start(
        final EmbeddedNode node, final GatewayConfig config, final JsonConfig json, final IdleStrategy idle)
    {
        final NodeGateways gateways = start(node.newVenueClient(), config, json, idle);
        try
        {
            gateways.registerMetrics(node.metrics());
        }
        catch (final RuntimeException ex)
        {
            gateways.close();
            throw ex;
        }
        return gateways;
    }

    /**
     * Starts a gateway in front of any venue host, for example a cluster through its
     * {@code ClusterVenueClient}.
     *
     * @param venue  the venue client; the gateway owns it from now on and closes it when it closes.
     * @param config gateway settings.
     * @return the gateway, listening and running on its thread.
     */
    public static NodeGateways start(final VenueClient venue, final GatewayConfig config)
    {
        return start(venue, config, new BackoffIdleStrategy(100, 10, 1_000, MAX_PARK_NANOS));
    }

    /**
     * @param venue  the venue client; the gateway owns it from now on.
     * @param config gateway settings.
     * @param idle   how the gateway thread waits when there is nothing to do.
     * @return the gateway, listening and running on its thread.
     */
    public static NodeGateways start(final VenueClient venue, final GatewayConfig config, final IdleStrategy idle)
    {
        return start(venue, config, null, idle);
    }

    /**
     * @param venue  the venue client; the gateway owns it from now on.
     * @param config gateway settings.
     * @param json   the JSON edge's settings ({@code gateways.json}), or {@code null} for none.
     * @param idle   how the gateway thread waits when there is nothing to do.
     * @return the gateways, listening and running on their thread.
     */
    public static NodeGateways start(
        final VenueClient venue, final GatewayConfig config, final JsonConfig json, final IdleStrategy idle)
    {
        return start(venue, config, json, GatewaySecurityConfig.NONE, idle);
    }

    /**
     * Starts the binary gateway with the user file and audit trail of {@code gateways.security}.
     *
     * @param venue    the venue client; the gateway owns it from now on.
     * @param config   gateway settings.
     * @param security where the user file and the audit log are.
     * @return the gateway, listening and running on its thread.
     */
    public static NodeGateways start(
        final VenueClient venue, final GatewayConfig config, final GatewaySecurityConfig security)
    {
        return start(venue, config, null, security, new BackoffIdleStrategy(100, 10, 1_000, MAX_PARK_NANOS));
    }

    /**
     * Starts the gateways with the user file and audit trail of {@code gateways.security} (docs/security.md).
     *
     * @param venue    the venue client; the gateway owns it from now on.
     * @param config   gateway settings.
     * @param json     the JSON edge's settings ({@code gateways.json}), or {@code null} for none.
     * @param security where the user file and the audit log are.
     * @param idle     how the gateway thread waits when there is nothing to do.
     * @return the gateways, listening and running on their thread.
     */
    public static NodeGateways start(
        final VenueClient venue, final GatewayConfig config, final JsonConfig json,
        final GatewaySecurityConfig security, final IdleStrategy idle)
    {
        return start(venue, config, json, security, idle, null);
    }

    /**
     * @param node     a running node.
     * @param config   gateway settings.
     * @param idle     how the gateway thread waits when there is nothing to do.
     * @param protocol makes a further protocol edge over the gateway (its core and reference data), an agent that
     *                 runs on the gateway's thread after the gateway in each duty cycle; {@code null} for none.
     * @return the gateway, listening and running on its thread.
     */
    public static NodeGateways start(
        final EmbeddedNode node, final GatewayConfig config, final IdleStrategy idle,
        final Function<Gateway, Agent> protocol)
    {
        return start(node.newVenueClient(), config, null, GatewaySecurityConfig.NONE, idle, protocol);
    }

    /**
     * Starts every gateway: the binary one, the JSON edge, and a further protocol edge such as FIX.
     *
     * @param venue    the venue client; the gateway owns it from now on.
     * @param config   gateway settings.
     * @param json     the JSON edge's settings ({@code gateways.json}), or {@code null} for none.
     * @param security where the user file and the audit log are.
     * @param idle     how the gateway thread waits when there is nothing to do.
     * @param protocol makes a further protocol edge over the gateway (FIX), run on the gateway's thread;
     *                 {@code null} for none. When it throws, the gateway is closed and the exception passed on.
     * @return the gateways, listening and running on their thread.
     */
    public static NodeGateways start(
        final VenueClient venue, final GatewayConfig config, final JsonConfig json,
        final GatewaySecurityConfig security, final IdleStrategy idle, final Function<Gateway, Agent> protocol)
    {
        return start(venue, config, json, security, idle, protocol, null);
    }

    /**
     * Starts every gateway, the JSON edge with the public market streams ({@link JsonMarketData}).
     *
     * @param venue    the venue client; the gateway owns it from now on.
     * @param config   gateway settings.
     * @param json     the JSON edge's settings ({@code gateways.json}), or {@code null} for none.
     * @param security where the user file and the audit log are.
     * @param idle     how the gateway thread waits when there is nothing to do.
     * @param protocol makes a further protocol edge over the gateway (FIX), or {@code null}.
     * @param streams  the JSON edge's public market streams, fed and run by the caller, or {@code null} for none.
     * @return the gateways, listening and running on their thread.
     */
    public static NodeGateways start(
        final VenueClient venue, final GatewayConfig config, final JsonConfig json,
        final GatewaySecurityConfig security, final IdleStrategy idle, final Function<Gateway, Agent> protocol,
        final MarketStreams streams)
    {
        final Gateway gateway;
        final GatewayEdge edge;
        try
        {
            edge = GatewayEdge.open(config, security);
        }
        catch (final RuntimeException ex)
        {
            venue.close();
            throw ex;
        }
        try
        {
            gateway = Gateway.launch(config, edge.security(), venue, new SystemNanoClock(),
                new SystemEpochNanoClock());
        }
        catch (final RuntimeException ex)
        {
            venue.close();
            edge.close();
            throw ex;
        }
        Agent extra = null;
        if (protocol != null)
        {
            try
            {
                extra = protocol.apply(gateway);
            }
            catch (final RuntimeException ex)
            {
                gateway.onClose();
                edge.close();
                throw ex;
            }
        }
        if (json == null)
        {
            return new NodeGateways(gateway, config, idle, null, null, edge, extra);
        }
        final JsonGateway jsonGateway = new JsonGateway(gateway.core(), config.instruments(), json.assets(),
            new SystemNanoClock(), json.answerTimeoutMs() * 1_000_000L);
        final Routes routes = Routes.create();
        JsonEdge.mount(routes, jsonGateway, new ApiKeyTable(json.keys()), System::currentTimeMillis,
            json.maxPayloadBytes(), streams, edge.security().authenticator());
        final JsonServers servers;
        try
        {
            servers = JsonServers.start(json, routes);
        }
        catch (final RuntimeException ex)
        {
            if (extra != null)
            {
                extra.onClose();
            }
            gateway.onClose();
            edge.close();
            throw ex;
        }
        return new NodeGateways(gateway, config, idle, jsonGateway, servers, edge, extra);
    }

    /**
     * @return the JSON edge's HTTP port, or -1 when it is not running.
     */
    public int jsonPort()
    {
        return jsonServers == null ? -1 : jsonServers.port();
    }

    /**
     * @return the JSON edge's HTTPS and WSS port ({@code gateways.json.tls}), or -1 when it has none.
     */
    public int jsonTlsPort()
    {
        return jsonServers == null ? -1 : jsonServers.tlsPort();
    }

    /**
     * @return the JSON edge's gateway-thread part (counters), or {@code null}.
     */
    public JsonGateway json()
    {
        return json;
    }

    /**
     * Exposes the gateway's counters ({@link GatewayMetrics}, label {@code gateway="binary"}); once per registry.
     *
     * @param metrics the host's registry, e.g. the embedded node's.
     */
    public void registerMetrics(final MetricsRegistry metrics)
    {
        GatewayMetrics.register(metrics, PROTOCOL, gateway.core().counters());
        if (jsonServers != null)
        {
            jsonServers.registerMetrics(metrics, json.counters());
        }
    }

    /**
     * @return the gateway (ports, counters).
     */
    public Gateway gateway()
    {
        return gateway;
    }

    /**
     * @return the user file the gateways log in against (hot reloaded), or null when the configuration lists the
     *     users itself.
     */
    public UserDirectory users()
    {
        return edge.users();
    }

    /**
     * @return the audit ring the gateways record into, or null without an audit log.
     */
    public AuditRing auditRing()
    {
        return edge.auditRing();
    }

    /**
     * @return exceptions that escaped the gateway's duty cycle (bugs; the thread keeps running).
     */
    public long agentErrors()
    {
        return agentErrors.get();
    }

    /**
     * Prints where clients connect.
     *
     * @param prefix line prefix, e.g. {@code "dx node: "}.
     * @param out    destination.
     */
    public void describe(final String prefix, final PrintWriter out)
    {
        if (gateway.nativePort() >= 0)
        {
            out.printf(Locale.ROOT, "%sbinary order entry (SoupBinTCP, native SBE) on %s:%d, session %s%n",
                prefix, config.nativeAddress().getHostString(), gateway.nativePort(), gateway.sessionName());
        }
        if (gateway.poePort() >= 0)
        {
            out.printf(Locale.ROOT, "%sbinary order entry (SoupBinTCP, parity POE) on %s:%d%n", prefix,
                config.poeAddress().getHostString(), gateway.poePort());
        }
        if (jsonServers != null)
        {
            jsonServers.describe(prefix, out);
        }
        edge.describe(prefix, out);
        out.flush();
    }

    /**
     * Stops the gateway thread, ends client sessions and releases the node's output ring.
     */
    @Override
    public void close()
    {
        if (jsonServers != null)
        {
            jsonServers.close();
        }
        runner.close();
        edge.close();
    }

    private void onError(final Throwable error)
    {
        if (agentErrors.getAndIncrement() == 0)
        {
            System.err.println("dx: gateway duty cycle failed (counted; further failures are only counted): " + error);
        }
        gateway.core().counters().internalError();
    }
}
