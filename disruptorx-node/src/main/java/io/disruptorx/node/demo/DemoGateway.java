package io.disruptorx.node.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import io.disruptorx.gateway.Gateway;
import io.disruptorx.gateway.auth.ApiKeyCredential;
import io.disruptorx.gateway.auth.PasswordAuthenticator;
import io.disruptorx.gateway.auth.PasswordHash;
import io.disruptorx.gateway.auth.SessionKind;
import io.disruptorx.gateway.auth.User;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.gateway.config.GatewaySecurityConfig;
import io.disruptorx.gateway.edge.EdgeProvider;
import io.disruptorx.gateway.edge.InstalledEdges;
import io.disruptorx.gateway.edge.ProtocolEdge;
import io.disruptorx.gateway.json.AssetSpec;
import io.disruptorx.gateway.json.JsonConfig;
import io.disruptorx.gateway.json.JsonEdge;
import io.disruptorx.gateway.json.MarketStreams;
import io.disruptorx.gateway.reference.InstrumentSpec;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.feed.NodeFeed;
import io.disruptorx.node.venue.JsonMarketData;
import io.disruptorx.node.venue.NodeGateways;
import io.disruptorx.protocol.venue.VenueClient;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/**
 * The demo's binary gateway and the simulated traders that use it over real sockets: a market maker ({@code mm})
 * and a taker ({@code taker}) on accounts of their own, a user for {@code dx order} ({@code demo}) and a drop copy
 * of the three ({@code copy}); every password is {@value #PASSWORD}. The instruments are the demo's (prices with
 * two decimals, whole quantities).
 */
public final class DemoGateway implements AutoCloseable
{
    /** Password of every demo gateway user. */
    public static final String PASSWORD = "demo";
    /** The JSON edge's API key of user demo. */
    public static final String JSON_KEY = "demo-key";
    /** Its HMAC-SHA256 secret. */
    public static final String JSON_SECRET = "demo-secret";
    /** The JSON edge listens this far above the native port. */
    public static final int JSON_PORT_OFFSET = 80;
    private static final IdleStrategy IDLE = new BackoffIdleStrategy(100, 10, 1_000, NodeGateways.MAX_PARK_NANOS);
    /** Default native port; parity's POE listens on the next one. */
    public static final int DEFAULT_PORT = 31100;
    private static final int MAX_PORT = 65_535;
    /** The FIX acceptor (when dx-fix.jar is installed) listens this far above the native port. */
    public static final int FIX_PORT_OFFSET = 2;

    private final NodeGateways gateways;
    private final JsonMarketData marketData;
    private final int instruments;
    private final long firstAccount;
    private final int rate;
    private GatewayTraders traders;
    private Thread thread;

    private DemoGateway(
        final NodeGateways gateways, final JsonMarketData marketData, final int instruments, final long firstAccount,
        final int rate)
    {
        this.gateways = gateways;
        this.marketData = marketData;
        this.instruments = instruments;
        this.firstAccount = firstAccount;
        this.rate = rate;
    }

    /**
     * Starts the gateway (native dialect on {@code port}, POE on the next port; any free ports if those are taken)
     * and prints how to connect.
     *
     * @param node         the running node.
     * @param port         native port, 0 for any free port.
     * @param instruments  the demo's instruments, 1 to this.
     * @param firstAccount first of the gateway traders' three accounts.
     * @param rate         orders per second the gateway traders send.
     * @param out          where the connection hint goes.
     * @return the gateway.
     */
    public static DemoGateway start(
        final EmbeddedNode node, final int port, final int instruments, final long firstAccount, final int rate,
        final PrintWriter out)
    {
        final DemoGateway gateway = start(node::newVenueClient, port, instruments, firstAccount, rate, out);
        gateway.gateways.registerMetrics(node.metrics());
        return gateway;
    }

    /**
     * As {@link #start(EmbeddedNode, int, int, long, int, PrintWriter)}, with the user file and the audit log of
     * {@link DemoSecurity} in the demo's data directory.
     *
     * @param node          the running node.
     * @param port          native port, 0 for any free port.
     * @param instruments   the demo's instruments, 1 to this.
     * @param firstAccount  first of the gateway traders' three accounts.
     * @param rate          orders per second the gateway traders send.
     * @param out           where the connection hint goes.
     * @param dataDirectory where {@code users.conf} and {@code audit/} go.
     * @param feed          the node's feed, which the JSON edge's public streams ({@code /stream}) subscribe to;
     *                      {@code null} for no streams.
     * @return the gateway.
     */
    public static DemoGateway start(
        final EmbeddedNode node, final int port, final int instruments, final long firstAccount, final int rate,
        final PrintWriter out, final Path dataDirectory, final NodeFeed feed)
    {
        final JsonMarketData marketData = feed == null ? null : JsonMarketData.start(feed,
            config(port, instruments, firstAccount).instruments());
        final DemoGateway gateway;
        try
        {
            gateway = start(node::newVenueClient, port, instruments, firstAccount, rate, out,
                DemoSecurity.write(dataDirectory, firstAccount), dataDirectory.resolve("fix"), marketData);
        }
        catch (final RuntimeException ex)
        {
            if (marketData != null)
            {
                marketData.close();
            }
            throw ex;
        }
        gateway.gateways.registerMetrics(node.metrics());
        return gateway;
    }

    /**
     * @return the gateways: their user file and audit ring, for the dashboard's sign-in.
     */
    public NodeGateways gateways()
    {
        return gateways;
    }

    /**
     * Starts the gateway in front of any venue host, for example a cluster, and prints how to connect.
     *
     * @param venues       makes the gateway's venue client (called again when the ports are taken).
     * @param port         native port, 0 for any free port.
     * @param instruments  the demo's instruments, 1 to this.
     * @param firstAccount first of the gateway traders' three accounts.
     * @param rate         orders per second the gateway traders send.
     * @param out          where the connection hint goes.
     * @return the gateway.
     */
    public static DemoGateway start(
        final Supplier<VenueClient> venues, final int port, final int instruments, final long firstAccount,
        final int rate, final PrintWriter out)
    {
        return start(venues, port, instruments, firstAccount, rate, out, GatewaySecurityConfig.NONE, null, null);
    }

    private static DemoGateway start(
        final Supplier<VenueClient> venues, final int port, final int instruments, final long firstAccount,
        final int rate, final PrintWriter out, final GatewaySecurityConfig security, final Path fixDirectory,
        final JsonMarketData marketData)
    {
        final MarketStreams streams = marketData == null ? null : marketData.streams();
        final GatewayConfig config = config(port, instruments, firstAccount);
        final EdgeProvider fixProvider = fixDirectory == null ? null : InstalledEdges.load().find(InstalledEdges.FIX);
        ProtocolEdge fix = fixProvider == null ? null : fixProvider.demo("127.0.0.1",
            port == 0 || port > MAX_PORT - FIX_PORT_OFFSET ? freePort() : port + FIX_PORT_OFFSET, fixDirectory);
        NodeGateways gateways;
        try
        {
            gateways = NodeGateways.start(venues.get(), config, json(port == 0 || port > MAX_PORT - JSON_PORT_OFFSET ?
                0 : port + JSON_PORT_OFFSET, config), security, IDLE, fixAgent(fix, config), streams);
        }
        catch (final RuntimeException ex)
        {
            if (port == 0)
            {
                throw ex;
            }
            out.printf(Locale.ROOT, "dx demo: port %d or %d is taken (%s), the gateway takes free ports%n", port,
                port + 1, ex.getMessage());
            fix = fixProvider == null ? null : fixProvider.demo("127.0.0.1", freePort(), fixDirectory);
            gateways = NodeGateways.start(venues.get(), config.withAddresses(new InetSocketAddress("127.0.0.1", 0),
                new InetSocketAddress("127.0.0.1", 0)), json(0, config), security, IDLE, fixAgent(fix, config),
                streams);
        }
        gateways.describe("dx demo: ", out);
        if (fix != null)
        {
            fix.describe("dx demo: ", out);
        }
        else if (fixDirectory != null)
        {
            out.println("dx demo: no FIX 4.4 acceptor: " + InstalledEdges.FIX_JAR + " is not on the class path " +
                "(./dx puts it there once disruptorx-gateway-fix is built)");
        }
        out.printf(Locale.ROOT, "dx demo: try ./dx order new --port %d --instrument 1 --side BUY --price 99.50 " +
            "--quantity 3 (user demo, password demo); traders mm and taker trade through it%n",
            gateways.gateway().nativePort());
        out.printf(Locale.ROOT, "dx demo: parity's POE clients connect to port %d: instruments DX1 to DX%d, " +
            "prices in cents, whole quantities (docs/gateways.md)%n", gateways.gateway().poePort(), instruments);
        out.printf(Locale.ROOT, "dx demo: JSON (Binance-shaped, API key %s, HMAC secret %s): q=\"symbol=DX1&side=BUY" +
            "&type=LIMIT&timeInForce=GTC&quantity=3&price=99.50&timestamp=$(date +%%s%%3N)\"; curl -s -X POST " +
            "-H 'X-MBX-APIKEY: %s' \"http://127.0.0.1:%d/api/v3/order?$q&signature=$(printf %%s \"$q\" | " +
            "openssl dgst -sha256 -hmac %s | sed 's/.* //')\"%n", JSON_KEY, JSON_SECRET, JSON_KEY,
            gateways.jsonPort(), JSON_SECRET);
        if (streams != null)
        {
            out.printf(Locale.ROOT, "dx demo: public streams on ws://127.0.0.1:%d%s: send {\"method\":\"SUBSCRIBE\"," +
                "\"params\":[\"dx1@trade\",\"dx1@depth\",\"dx1@bookTicker\"],\"id\":1}; depth snapshot GET " +
                "/api/v3/depth?symbol=DX1%n", gateways.jsonPort(), JsonEdge.STREAMS_PATH);
        }
        out.flush();
        return new DemoGateway(gateways, marketData, instruments, firstAccount, rate);
    }

    /**
     * Funds the traders' accounts on a fresh venue (after the instruments are listed) and starts them.
     *
     * @param node  the node.
     * @param fresh whether the venue was just created (otherwise the journal already funded them).
     */
    public void startTraders(final EmbeddedNode node, final boolean fresh)
    {
        if (fresh)
        {
            final NodeClient client = node.newClient(true);
            long last = 0;
            for (long account = firstAccount; account < firstAccount + 3; account++)
            {
                for (int asset = 0; asset <= instruments; asset++)
                {
                    last = client.adjustBalance(account, asset, SimulatedTraders.FUNDS);
                }
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (node.appliedSequence() < last && System.nanoTime() < deadline)
            {
                Thread.yield();
            }
        }
        startTraders();
    }

    /**
     * Starts the traders on accounts the venue has already funded.
     */
    public void startTraders()
    {
        traders = new GatewayTraders(new InetSocketAddress("127.0.0.1", gateways.gateway().nativePort()),
            PASSWORD, instruments, firstAccount, rate);
        thread = new Thread(traders, "dx-demo-gateway-traders");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * @param out where the line goes.
     */
    public void printSummary(final PrintWriter out)
    {
        out.printf(Locale.ROOT, "  binary gateway: %,d orders sent by mm and taker over SoupBinTCP, %,d reports " +
            "received; gateway rejects by its own checks %,d, internal errors %d%n",
            traders == null ? 0 : traders.ordersSent(), traders == null ? 0 : traders.reportsReceived(),
            traders == null ? 0 : traders.gatewayRejects(), gateways.gateway().core().counters().internalErrors());
        out.flush();
    }

    /**
     * Stops the traders (they log out) and the gateway.
     */
    @Override
    public void close()
    {
        if (traders != null)
        {
            traders.stop();
            try
            {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        gateways.close();
        if (marketData != null)
        {
            marketData.close();
        }
    }

    private static GatewayConfig config(final int port, final int instruments, final long firstAccount)
    {
        final List<InstrumentSpec> specs = new ArrayList<>();
        for (int i = 1; i <= instruments; i++)
        {
            specs.add(new InstrumentSpec(i, "DX" + i, 2, 0, 1, 1));
        }
        final SecureRandom random = new SecureRandom();
        final List<PasswordAuthenticator.Entry> users = List.of(
            user("mm", new long[]{firstAccount}, SessionKind.TRADING, random),
            user("taker", new long[]{firstAccount + 1}, SessionKind.TRADING, random),
            user("demo", new long[]{firstAccount + 2}, SessionKind.TRADING, random),
            user("copy", new long[]{firstAccount, firstAccount + 1, firstAccount + 2}, SessionKind.DROP_COPY, random));
        final int poePort = port == 0 || port == MAX_PORT ? 0 : port + 1;
        return new GatewayConfig(new InetSocketAddress("127.0.0.1", port), new InetSocketAddress("127.0.0.1", poePort),
            1_000_000_000L, 15_000_000_000L, 10_000_000_000L, 1 << 16, 100_000, Map.of(), specs, users);
    }

    private static int freePort()
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static Function<Gateway, Agent> fixAgent(final ProtocolEdge fix, final GatewayConfig config)
    {
        return fix == null ? null : InstalledEdges.agents(List.of(fix), config);
    }

    private static JsonConfig json(final int port, final GatewayConfig config)
    {
        final User demo = config.users().stream().map(PasswordAuthenticator.Entry::user)
            .filter(user -> user.name().equals("demo")).findFirst().orElseThrow();
        final List<AssetSpec> assets = new ArrayList<>(List.of(new AssetSpec(SimulatedTraders.QUOTE_ASSET, "USD", 2)));
        config.instruments().forEach(instrument -> assets.add(new AssetSpec(instrument.id(), instrument.symbol(),
            instrument.quantityScale())));
        return new JsonConfig(new InetSocketAddress("127.0.0.1", port), JsonEdge.DEFAULT_MAX_PAYLOAD_BYTES, 5_000,
            List.of(new ApiKeyCredential(JSON_KEY, demo, ApiKeyCredential.SignatureAlgorithm.HMAC_SHA256,
                JSON_SECRET.getBytes(StandardCharsets.UTF_8))), assets);
    }

    private static PasswordAuthenticator.Entry user(
        final String name, final long[] accounts, final SessionKind kind, final SecureRandom random)
    {
        return new PasswordAuthenticator.Entry(new User(name, accounts, kind, 1_000_000, 100_000, false),
            PasswordHash.create(PASSWORD, 10_000, random));
    }
}
