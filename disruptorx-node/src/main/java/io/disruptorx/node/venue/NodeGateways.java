package io.disruptorx.node.venue;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.gateway.Gateway;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.protocol.venue.VenueClient;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
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

    private NodeGateways(final Gateway gateway, final GatewayConfig config, final IdleStrategy idle)
    {
        this.gateway = gateway;
        this.config = config;
        this.runner = new AgentRunner(idle, this::onError, null, gateway);
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
        final NodeGateways gateways = start(node.newVenueClient(), config, idle);
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
        final Gateway gateway;
        try
        {
            gateway = Gateway.launch(config, venue, new SystemNanoClock(), new SystemEpochNanoClock());
        }
        catch (final RuntimeException ex)
        {
            venue.close();
            throw ex;
        }
        return new NodeGateways(gateway, config, idle);
    }

    /**
     * Exposes the gateway's counters ({@link GatewayMetrics}, label {@code gateway="binary"}); once per registry.
     *
     * @param metrics the host's registry, e.g. the embedded node's.
     */
    public void registerMetrics(final MetricsRegistry metrics)
    {
        GatewayMetrics.register(metrics, PROTOCOL, gateway.core().counters());
    }

    /**
     * @return the gateway (ports, counters).
     */
    public Gateway gateway()
    {
        return gateway;
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
        out.flush();
    }

    /**
     * Stops the gateway thread, ends client sessions and releases the node's output ring.
     */
    @Override
    public void close()
    {
        runner.close();
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
