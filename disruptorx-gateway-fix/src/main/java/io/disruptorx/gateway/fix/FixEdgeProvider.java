package io.disruptorx.gateway.fix;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

import com.typesafe.config.Config;
import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.net.ConnectionLimiter;
import io.disruptorx.core.net.RelayedPeers;
import io.disruptorx.gateway.Gateway;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.gateway.edge.EdgeProvider;
import io.disruptorx.gateway.edge.InstalledEdges;
import io.disruptorx.gateway.edge.ProtocolEdge;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import org.agrona.concurrent.Agent;

/**
 * The FIX 4.4 acceptor as an edge the node finds with {@link java.util.ServiceLoader} when {@code dx-fix.jar} is on
 * its class path: {@code gateways.fix} of a node configuration ({@link FixConfigBinder}), or the demo's acceptor
 * (CompID {@value #DEMO_COMP_ID}, the demo's users).
 */
public final class FixEdgeProvider implements EdgeProvider
{
    /** The demo acceptor's CompID: clients send it as TargetCompID(56). */
    public static final String DEMO_COMP_ID = "DXEX";
    private static final int DEMO_HEARTBEAT_SECONDS = 30;

    @Override
    public String name()
    {
        return InstalledEdges.FIX;
    }

    @Override
    public ProtocolEdge bind(final Config root, final String source, final Path dataDirectory)
    {
        final FixSettings settings = FixConfigBinder.bind(root, source, dataDirectory);
        return settings == null ? null :
            new FixEdge(settings, false, settings.newConnectionLimiter(), new RelayedPeers(),
                new FixConnectionCounters());
    }

    @Override
    public ProtocolEdge demo(final String host, final int port, final Path directory)
    {
        final FixSettings settings = new FixSettings(host, port, DEMO_COMP_ID, directory, false,
            DEMO_HEARTBEAT_SECONDS);
        return new FixEdge(settings, true, settings.newConnectionLimiter(), new RelayedPeers(),
            new FixConnectionCounters());
    }

    /**
     * One acceptor's settings, the limiter of its listener, the counts of what it closes and the certificate subjects
     * its TLS listener records, opened over a gateway. The subjects are used when the gateway's users name certificates
     * (the binary gateway then has relayed peers of its own), and the TLS listener closes a certificate of no user.
     */
    private record FixEdge(FixSettings settings, boolean demo, ConnectionLimiter limiter, RelayedPeers peers,
        FixConnectionCounters connections) implements ProtocolEdge
    {
        @Override
        public String name()
        {
            return InstalledEdges.FIX;
        }

        @Override
        public int port()
        {
            return settings.port();
        }

        @Override
        public Agent start(final Gateway gateway, final GatewayConfig config)
        {
            final RelayedPeers certificates = gateway.relayedPeers();
            if (certificates != null && certificates.mapsSubjects())
            {
                peers.knownSubjects(certificates::isKnown);
            }
            return FixGateway.launch(settings, limiter, gateway.core(), new InstrumentDirectory(config.instruments()),
                peers, connections);
        }

        @Override
        public RelayedPeers relayedPeers()
        {
            return peers;
        }

        @Override
        public ConnectionLimiter newConnectionLimiter()
        {
            return settings.newConnectionLimiter();
        }

        @Override
        public void registerMetrics(final MetricsRegistry metrics)
        {
            metrics.counter("dx_gateway_connections_refused_total", "Connections closed at accept: the edge's " +
                "connection limit, in all or per source address, was reached", limiter::refused, "edge", name());
            final String closed = "dx_gateway_connections_closed_total";
            final String help = "Connections the edge closed itself, by kind: no Logon answered within the login " +
                "timeout, bytes that are not FIX, a first message that is not a Logon, a message over the size limit";
            metrics.counter(closed, help, connections::loginTimeouts, "edge", name(), "kind", "login_timeout");
            metrics.counter(closed, help, connections::notFix, "edge", name(), "kind", "not_fix");
            metrics.counter(closed, help, connections::notLoggedIn, "edge", name(), "kind", "not_logged_in");
            metrics.counter(closed, help, connections::oversized, "edge", name(), "kind", "oversized");
        }

        @Override
        public void describe(final String prefix, final PrintWriter out)
        {
            out.printf(Locale.ROOT, "%sFIX 4.4 (Artio) on %s:%d: TargetCompID(56) %s; SenderCompID(49) and " +
                "Username(553) %s, Password(554) %s%n", prefix, settings.host(), settings.port(), settings.compId(),
                demo ? "demo" : "your user", demo ? "demo" : "its password");
            if (demo)
            {
                out.printf(Locale.ROOT, "%sQuickFIX/J initiator settings: [SESSION] BeginString=FIX.4.4 " +
                    "SenderCompID=demo TargetCompID=%s ConnectionType=initiator SocketConnectHost=%s " +
                    "SocketConnectPort=%d HeartBtInt=%d ResetOnLogon=Y (set 553=demo and 554=demo on the Logon " +
                    "in toAdmin); an order: 35=D 11=1 55=DX1 54=1 40=2 44=99.50 38=3 59=1%n", prefix,
                    settings.compId(), settings.host(), settings.port(), DEMO_HEARTBEAT_SECONDS);
            }
        }
    }
}
