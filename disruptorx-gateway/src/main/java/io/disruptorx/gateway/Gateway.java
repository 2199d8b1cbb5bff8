package io.disruptorx.gateway;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.disruptorx.core.net.ConnectionLimiter;
import io.disruptorx.core.net.RelayedPeers;
import io.disruptorx.core.tls.TlsContext;
import io.disruptorx.gateway.auth.Authenticator;
import io.disruptorx.gateway.auth.PasswordAuthenticator;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.gateway.core.CoreSettings;
import io.disruptorx.gateway.core.GatewayAudit;
import io.disruptorx.gateway.core.GatewayCore;
import io.disruptorx.gateway.dialect.NativeDialect;
import io.disruptorx.gateway.dialect.PoeDialect;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import io.disruptorx.gateway.soupbintcp.SoupBinTcpServer;
import io.disruptorx.gateway.soupbintcp.SoupBinTcpSettings;
import io.disruptorx.gateway.soupbintcp.SoupBinTcpTls;
import io.disruptorx.protocol.venue.VenueClient;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;

/**
 * A gateway as its host runs it: one {@link GatewayCore} and its protocol servers, composed into one Agrona
 * {@link Agent} (the host picks the thread and idle strategy, e.g. an {@code AgentRunner}). Closing it ends every
 * client session and closes the venue client. TLS listeners of the SoupBinTCP dialects ({@link #listenTls}) run on
 * the same thread: no relay and no I/O thread between a TLS client and its session.
 */
public final class Gateway implements Agent
{
    private static final int INITIAL_ORDERS = 16 * 1024;

    private final GatewayCore core;
    private final VenueClient venue;
    private final List<SoupBinTcpServer> servers;
    private final SoupBinTcpServer nativeServer;
    private final SoupBinTcpServer poeServer;
    private final SoupBinTcpSettings settings;
    private final RelayedPeers peers;
    private final NanoClock clock;
    private final ConcurrentLinkedQueue<SoupBinTcpServer> added = new ConcurrentLinkedQueue<>();

    private Gateway(
        final GatewayCore core,
        final VenueClient venue,
        final SoupBinTcpServer nativeServer,
        final SoupBinTcpServer poeServer,
        final SoupBinTcpSettings settings,
        final RelayedPeers peers,
        final NanoClock clock)
    {
        this.clock = clock;
        this.peers = peers;
        this.core = core;
        this.venue = venue;
        this.nativeServer = nativeServer;
        this.poeServer = poeServer;
        this.settings = settings;
        this.servers = new ArrayList<>();
        if (nativeServer != null)
        {
            servers.add(nativeServer);
        }
        if (poeServer != null)
        {
            servers.add(poeServer);
        }
    }

    /**
     * Builds the core with the configured users and binds the listeners.
     *
     * @param config     settings.
     * @param venue      the venue; the gateway owns it from now on.
     * @param clock      monotonic time.
     * @param epochClock wall time (report timestamps of the gateway's own reports, the session name).
     * @return the gateway, listening.
     */
    public static Gateway launch(
        final GatewayConfig config, final VenueClient venue, final NanoClock clock, final EpochNanoClock epochClock)
    {
        return launch(config, new PasswordAuthenticator(config.users()), venue, clock, epochClock);
    }

    /**
     * Builds the core with another authenticator (the security seam) and binds the listeners.
     *
     * @param config        settings; its users only name the accounts tracked from the start.
     * @param authenticator who may log in.
     * @param venue         the venue; the gateway owns it from now on.
     * @param clock         monotonic time.
     * @param epochClock    wall time.
     * @return the gateway, listening.
     */
    public static Gateway launch(
        final GatewayConfig config,
        final Authenticator authenticator,
        final VenueClient venue,
        final NanoClock clock,
        final EpochNanoClock epochClock)
    {
        return launch(config, new EdgeSecurity(authenticator, null, GatewayAudit.NONE, List.of()), venue, clock,
            epochClock);
    }

    /**
     * Builds the core with the edge's security (users and roles, login throttle, audit trail) and binds the
     * listeners.
     *
     * @param config     settings; its users only name the accounts tracked from the start.
     * @param security   authenticator, login throttle, audit and the accounts to track.
     * @param venue      the venue; the gateway owns it from now on.
     * @param clock      monotonic time.
     * @param epochClock wall time.
     * @return the gateway, listening.
     */
    public static Gateway launch(
        final GatewayConfig config,
        final EdgeSecurity security,
        final VenueClient venue,
        final NanoClock clock,
        final EpochNanoClock epochClock)
    {
        final TreeSet<Long> tracked = new TreeSet<>(config.maxOpenOrders().keySet());
        tracked.addAll(security.trackedAccounts());
        for (final PasswordAuthenticator.Entry entry : config.users())
        {
            for (int i = 0; i < entry.user().accountCount(); i++)
            {
                tracked.add(entry.user().account(i));
            }
        }
        final InstrumentDirectory instruments = new InstrumentDirectory(config.instruments());
        final GatewayCore core = new GatewayCore(new CoreSettings(config.reportStoreCapacity(),
            config.defaultMaxOpenOrders(), Map.copyOf(config.maxOpenOrders()), List.copyOf(tracked), INITIAL_ORDERS),
            instruments, security.authenticator(), venue, clock, epochClock, security.loginThrottle(),
            security.audit());
        final String sessionName = SoupBinTcpSettings.sessionNameAt(epochClock.nanoTime() / 1_000_000L);
        final SoupBinTcpSettings settings = new SoupBinTcpSettings(sessionName, config.heartbeatIntervalNanos(),
            config.heartbeatTimeoutNanos(), config.loginTimeoutNanos(), config.maxConnections(),
            config.maxConnectionsPerAddress());
        final Authenticator authenticator = security.authenticator();
        final RelayedPeers peers = new RelayedPeers();
        if (authenticator.mapsCertificates())
        {
            peers.knownSubjects(subject -> authenticator.userForCertificate(subject) != null);
        }
        SoupBinTcpServer nativeServer = null;
        SoupBinTcpServer poeServer = null;
        try
        {
            if (config.nativeAddress() != null)
            {
                nativeServer = new SoupBinTcpServer(
                    config.nativeAddress(), core, new NativeDialect(instruments), settings, clock, peers);
            }
            if (config.poeAddress() != null)
            {
                poeServer = new SoupBinTcpServer(config.poeAddress(), core,
                    new PoeDialect(instruments, epochClock.nanoTime()), settings, clock, peers);
            }
        }
        catch (final RuntimeException ex)
        {
            if (nativeServer != null)
            {
                nativeServer.close();
            }
            throw ex;
        }
        return new Gateway(core, venue, nativeServer, poeServer, settings, peers, clock);
    }

    @Override
    public int doWork()
    {
        int work = core.doWork();
        if (!added.isEmpty())
        {
            servers.add(added.poll());
        }
        for (int i = 0; i < servers.size(); i++)
        {
            final SoupBinTcpServer server = servers.get(i);
            work += server.doWork();
            if (server.isClosed())
            {
                servers.remove(i--);
            }
        }
        return work;
    }

    @Override
    public void onClose()
    {
        SoupBinTcpServer server;
        while ((server = added.poll()) != null)
        {
            servers.add(server);
        }
        for (final SoupBinTcpServer listener : servers)
        {
            listener.close();
        }
        venue.close();
    }

    @Override
    public String roleName()
    {
        return "dx-gateway";
    }

    /**
     * @return the session core (counters, state for monitoring).
     */
    public GatewayCore core()
    {
        return core;
    }

    /**
     * @return the native dialect's port, or -1 when it is not listening.
     */
    public int nativePort()
    {
        return nativeServer == null ? -1 : nativeServer.port();
    }

    /**
     * @return open connections of the native listener (logged in or not), 0 when it is not listening; read it on
     * the gateway's thread.
     */
    public int nativeConnections()
    {
        return nativeServer == null ? 0 : nativeServer.connectionCount();
    }

    /**
     * Opens a TLS listener of the native dialect, served by the gateway thread from its next duty cycle on with the
     * plain listener's sessions, limits and timers.
     *
     * @param listen  where TLS clients connect (port 0 for a free one).
     * @param context its certificates, protocols, cipher suites, client authentication and provider.
     * @return the listener; closing it closes its connections on the gateway thread.
     * @throws IllegalStateException when the native dialect does not listen.
     */
    public GatewayTlsListener listenNativeTls(final InetSocketAddress listen, final TlsContext context)
    {
        return listenTls(nativeServer, "native", listen, context);
    }

    /**
     * As {@link #listenNativeTls}, for the POE dialect.
     *
     * @param listen  where TLS clients connect (port 0 for a free one).
     * @param context its TLS settings.
     * @return the listener.
     * @throws IllegalStateException when the POE dialect does not listen.
     */
    public GatewayTlsListener listenPoeTls(final InetSocketAddress listen, final TlsContext context)
    {
        return listenTls(poeServer, "POE", listen, context);
    }

    private GatewayTlsListener listenTls(
        final SoupBinTcpServer plain, final String dialect, final InetSocketAddress listen, final TlsContext context)
    {
        if (plain == null)
        {
            throw new IllegalStateException("a TLS listener of the " + dialect + " dialect, which does not listen");
        }
        final SoupBinTcpTls tls = new SoupBinTcpTls(context);
        final SoupBinTcpServer server;
        try
        {
            server = new SoupBinTcpServer(listen, core, plain.dialect(), settings, clock, peers, tls);
        }
        catch (final RuntimeException ex)
        {
            tls.close();
            throw ex;
        }
        added.add(server);
        return new GatewayTlsListener(server, tls);
    }

    /**
     * @return the POE dialect's port, or -1 when it is not listening.
     */
    public int poePort()
    {
        return poeServer == null ? -1 : poeServer.port();
    }

    /**
     * @return this run's SoupBinTCP session name.
     */
    public String sessionName()
    {
        return settings.sessionName();
    }

    /**
     * @return where TLS listeners in front of the SoupBinTCP listeners record their clients' own addresses and
     * certificate subjects; subjects are mapped to users only when the authenticator maps certificates
     * ({@link RelayedPeers#mapsSubjects()}; without it mutual TLS only checks trust).
     */
    public RelayedPeers relayedPeers()
    {
        return peers;
    }

    /**
     * @return a fresh limiter with the SoupBinTCP listeners' connection limits, for a TLS listener in front of one
     * (which applies them to its clients' own addresses, counting on its own).
     */
    public ConnectionLimiter newConnectionLimiter()
    {
        return new ConnectionLimiter(settings.maxConnections(), settings.maxConnectionsPerAddress());
    }
}
