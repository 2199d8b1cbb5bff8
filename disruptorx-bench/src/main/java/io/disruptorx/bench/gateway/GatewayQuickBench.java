package io.disruptorx.bench.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.disruptorx.bench.fix.FixLegs;
import io.disruptorx.bench.json.JsonLeg;
import io.disruptorx.core.tls.TlsConfig;
import io.disruptorx.gateway.auth.ApiKeyCredential;
import io.disruptorx.gateway.auth.PasswordAuthenticator;
import io.disruptorx.gateway.auth.PasswordHash;
import io.disruptorx.gateway.auth.SessionKind;
import io.disruptorx.gateway.auth.User;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.gateway.config.GatewaySecurityConfig;
import io.disruptorx.gateway.fix.FixGateway;
import io.disruptorx.gateway.fix.FixSettings;
import io.disruptorx.gateway.json.JsonConfig;
import io.disruptorx.gateway.json.JsonEdge;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import io.disruptorx.gateway.reference.InstrumentSpec;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.venue.NodeGateways;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import quickfix.ConfigError;

/**
 * {@code dx bench gateway}: the binary gateway (SoupBinTCP, native SBE) on an embedded node, driven over loopback
 * TCP by one client: order-to-acknowledgement latency at fixed offered rates (coordinated-omission corrected),
 * the most orders per second one gateway acknowledges with a full window, and the allocation of the gateway's
 * own path per order in steady state. Then the FIX comparison ({@link FixRounds}): our FIX 4.4 gateway on the same
 * node and gateway thread and a QuickFIX/J acceptor that only acknowledges (the anchor), each driven by its own
 * connection of the same QuickFIX/J load, in alternated rounds. Then the JSON leg ({@link JsonLeg}): WebSocket API
 * order entry with the JDK's client against the node's JSON edge, measured as a FIX leg alone. The TLS comparison
 * ({@link TlsRounds}) runs, right after the plain runs on the same node, the plain load, a second plain connection
 * (the A/A control) and the binary load through the gateway's TLS 1.3 listener (one connection per provider) in
 * alternated rounds. Ends with one {@code RESULT gateway ...} line.
 *
 * <p>Arguments: {@code --quick} (under 90 s, the same RESULT line: {@link GatewayPlan#quickPlan}; the binary leg
 * paced at 50k orders/s only, the TLS comparison with the JDK provider only and short passes),
 * {@code --force-policy POLICY} (the
 * node's journal policy, default NEVER so that the figures are the gateway's and the rings', not the disk's;
 * EVERY_BATCH adds the device's force to every acknowledgement), {@code --gateway-idle backoff|yielding} (the
 * gateway thread's idle strategy: the node's default backs off to 100 us parks; yielding never parks),
 * {@code --fix-load wire|qfj} (the load of both FIX legs, {@link FixLegs.Client}), {@code --fix-sessions N} (FIX
 * sessions of that load in both legs, 1 to {@link FixLegs#MAX_SESSIONS}; more than one: the wire load only),
 * {@code --fix-rounds N} (the FIX comparison's saturated rounds, {@link FixRounds.Plan}: 4 quick, 6 full),
 * {@code --fix-only} (only the FIX comparison, {@link FixLegBench#fixOnly}, up to 8 warm-up passes per leg),
 * {@code --json-only} (only the JSON leg,
 * {@link JsonLegBench#jsonOnly}), {@code --tls-only} (only the TLS
 * comparison of the plan, {@link TlsOnlyRun}; the RESULT line has na for the other keys), {@code --tls-providers
 * jdk,openssl} (the TLS legs' providers; the RESULT line's {@code binary_tls_*} are the one with the higher
 * median of per-round saturated ratios to plain, named by {@code binary_tls_provider}), {@code --tls-client
 * openssl|jdk} (the engine of the bench's own TLS client, {@link TlsLeg#DEFAULT_CLIENT}: BoringSSL's unless told).
 */
public final class GatewayQuickBench
{
    private static final int WINDOW = 4_096;
    /** {@code --fix-only}'s most FIX warm-up passes per leg: its JVM is cold (no binary or TLS leg ran first). */
    private static final int FIX_ONLY_WARMUPS = 8;
    /**
     * The gateway's silence limit for the bench's clients. Each TLS comparison leg sits idle (no heartbeat) while
     * another leg runs a pass: up to {@link GatewayPlan#longestTlsPassSeconds} (18 s in the full plan) and the
     * drain after it (at most 30 s); with the gateway's usual 15 s the full run's idle legs were disconnected
     * during the second leg's warm-up, and their next order overflowed the client's send buffer.
     */
    static final long HEARTBEAT_TIMEOUT_NANOS = 120_000_000_000L;
    static final String PASSWORD = "bench";
    static final String SYMBOL = "BENCH";
    static final String JSON_KEY = "bench-key";
    static final String JSON_SECRET = "bench-secret";
    private static final String JSON_USER = "jsonb";
    /** The TLS legs' users, one per provider (each leg's client order ids start at 1). */
    private static final String[] TLS_USERS = {"tlsb", "tlso"};
    /** The A/A control's user (SoupBinTCP user names are at most 6 characters): a second plain connection. */
    private static final String AA_USER = "benchc";
    /** The plain leg's user in the TLS comparison (a fresh connection: client order ids start at 1). */
    private static final String ROUNDS_USER = "benchp";
    /**
     * Each user's first account (buys; sells on the next): every leg of the TLS comparison trades accounts of its
     * own, since every session of an account receives its reports (an idle leg would not read them).
     */
    private static final Map<String, Long> FIRST_ACCOUNTS = Map.of("bench", 1L, FixLegs.FIX_USER, 3L, JSON_USER, 5L,
        "tlsb", 7L, "tlso", 9L, AA_USER, 11L, ROUNDS_USER, 13L);
    static final String[] JSON_ACCOUNTS = {"5", "6"};
    /** The highest account {@link #setUp} funds (every user's accounts are 1 to this). */
    private static final long LAST_ACCOUNT = FixLegs.EXTRA_FIRST_ACCOUNT + 2L * (FixLegs.MAX_SESSIONS - 1) - 1;
    /**
     * Each account's deposit of each asset: the engine refuses a deposit that would take an asset's supply past
     * {@code Long.MAX_VALUE} (BALANCE_OVERFLOW), so all of them together must stay under it (with {@code / 8} the
     * accounts after the eighth were never created and every order of theirs was refused as UNKNOWN_ACCOUNT).
     */
    private static final long DEPOSIT = Long.MAX_VALUE / (4 * LAST_ACCOUNT);

    private GatewayQuickBench()
    {
    }

    /**
     * @param args {@code [--quick] [--force-policy NEVER|INTERVAL|EVERY_BATCH] [--gateway-idle backoff|yielding]
     *             [--fix-load wire|qfj] [--fix-sessions N] [--fix-rounds N] [--fix-only | --json-only | --tls-only]
     *             [--tls-providers jdk,openssl]
     *             [--tls-client openssl|jdk]}.
     * @throws IOException when the data directory cannot be made.
     * @throws ConfigError  when QuickFIX/J refuses its settings.
     */
    public static void main(final String[] args) throws IOException, ConfigError
    {
        final Phases phases = new Phases();
        boolean quick = false;
        ForcePolicy policy = ForcePolicy.NEVER;
        boolean yielding = false;
        FixLegs.Client fixClient = FixLegs.Client.WIRE;
        int fixSessions = 1;
        int fixRounds = 0;
        String only = "";
        List<TlsConfig.Provider> providers = null;
        TlsConfig.Provider tlsClient = TlsLeg.DEFAULT_CLIENT;
        for (int i = 0; i < args.length; i++)
        {
            if ("--quick".equals(args[i]))
            {
                quick = true;
            }
            else if ("--force-policy".equals(args[i]) && i + 1 < args.length)
            {
                policy = ForcePolicy.valueOf(args[++i].toUpperCase(Locale.ROOT).replace('-', '_'));
            }
            else if ("--gateway-idle".equals(args[i]) && i + 1 < args.length)
            {
                yielding = idle(args[++i]);
            }
            else if ("--fix-load".equals(args[i]) && i + 1 < args.length)
            {
                fixClient = FixLegs.Client.valueOf(args[++i].toUpperCase(Locale.ROOT));
            }
            else if ("--fix-sessions".equals(args[i]) && i + 1 < args.length)
            {
                fixSessions = Integer.parseInt(args[++i]);
            }
            else if ("--fix-rounds".equals(args[i]) && i + 1 < args.length)
            {
                fixRounds = Integer.parseInt(args[++i]);
            }
            else if (List.of("--fix-only", "--json-only", "--tls-only").contains(args[i]))
            {
                only = args[i];
            }
            else if ("--tls-providers".equals(args[i]) && i + 1 < args.length)
            {
                providers = providers(args[++i]);
            }
            else if ("--tls-client".equals(args[i]) && i + 1 < args.length)
            {
                tlsClient = TlsConfig.Provider.valueOf(args[++i].toUpperCase(Locale.ROOT));
            }
            else
            {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        final FixRounds.Plan quickFix = quick ? FixRounds.Plan.quick() : FixRounds.Plan.full();
        final FixRounds.Plan fixPlan = fixRounds == 0 ? quickFix : quickFix.withRounds(fixRounds);
        if ("--fix-only".equals(only))
        {
            FixLegBench.fixOnly(fixPlan.withMaxWarmups(FIX_ONLY_WARMUPS), policy, yielding, fixClient, fixSessions);
            return;
        }
        if ("--json-only".equals(only))
        {
            JsonLegBench.jsonOnly(quick, policy, yielding);
            return;
        }
        final GatewayPlan chosen = quick ? GatewayPlan.quickPlan() : GatewayPlan.fullPlan();
        final GatewayPlan withProviders = providers == null ? chosen : chosen.withProviders(providers);
        final GatewayPlan plan = "--tls-only".equals(only) ? withProviders.onlyTls() : withProviders;
        System.out.println(plan.describe());
        final Path directory = Files.createTempDirectory("dx-bench-gateway");
        try
        {
            // keytool takes seconds: the TLS legs' certificates are made while the allocation check and the node's
            // start, which measure no time, run
            final CompletableFuture<TlsLeg.Certs> certs = CompletableFuture.supplyAsync(
                () -> TlsLeg.certificatesUnchecked(directory.resolve("tls")));
            final long allocated = GatewayPath.allocationPerPair();
            System.out.printf(Locale.ROOT, "gateway path (decode, session, engine, routing, store, encode; no " +
                "socket): %d bytes allocated per order pair over %,d pairs after warm-up%n", allocated,
                GatewayPath.ALLOCATION_PAIRS);
            phases.done("allocation check");
            if (plan.tlsOnly())
            {
                TlsOnlyRun.run(plan, policy, yielding, directory, certs, phases, tlsClient);
                return;
            }
            run(plan, fixPlan, policy, yielding, fixClient, fixSessions, directory, certs, phases, tlsClient);
        }
        finally
        {
            delete(directory);
        }
    }

    private static void run(
        final GatewayPlan plan, final FixRounds.Plan fixPlan, final ForcePolicy policy, final boolean yielding,
        final FixLegs.Client fixClient, final int fixSessions, final Path directory,
        final CompletableFuture<TlsLeg.Certs> certs, final Phases phases, final TlsConfig.Provider tlsClient)
        throws IOException, ConfigError
    {
        final boolean quick = plan.quick();
        final List<TlsConfig.Provider> providers = plan.providers();
        final List<GatewayLoad.Run> runs = new ArrayList<>();
        final GatewayLoad.Run saturated;
        final FixComparison fix;
        final FixLegs.Leg json;
        final TlsRounds tlsRounds;
        final int fixPort = FixLegs.freePort();
        final AtomicReference<FixGateway> fixGateway = new AtomicReference<>();
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(directory.resolve("node"))
            .withForcePolicy(policy, 1_000_000L).withSnapshotEvery(0, 0), null, null);
            NodeGateways gateways = startGateways(node, yielding, fixPort, directory.resolve("fix"),
                fixGateway::set))
        {
            System.out.printf(Locale.ROOT, "node journal force policy %s; gateway on 127.0.0.1:%d, its thread " +
                "%s when idle%n", policy, gateways.gateway().nativePort(), yielding ? "yielding" : "backing off");
            final TlsLeg.Certs tlsCerts = certs.join();
            phases.done("node and gateways start (and the TLS certificates, made meanwhile)");
            try (GatewayLoad load = new GatewayLoad(
                new InetSocketAddress("127.0.0.1", gateways.gateway().nativePort()), "bench", PASSWORD))
            {
                // JIT warm-up of the socket, gateway and node path before the first measured rate
                System.out.println("warm-up (not measured): " +
                    load.paced(plan.warmupRate(), plan.warmupPass(), plan.warmupPass()).describe());
                for (final long rate : plan.binaryRates())
                {
                    final GatewayLoad.Run run = load.paced(rate, plan.warmup(), plan.measure());
                    System.out.println(run.describe());
                    runs.add(run);
                }
                if (quick && !GatewayResult.headline(runs).sustained())
                {
                    final GatewayLoad.Run run = load.paced(GatewayPlan.FALLBACK_RATE, plan.warmup(), plan.measure());
                    System.out.println(run.describe() + " (50k/s was not sustained)");
                    runs.add(run);
                }
                saturated = load.saturated(WINDOW, plan.warmup(), plan.measure());
                System.out.println(saturated.describe() + " (window " + WINDOW + ", closed loop)");
            }
            phases.done("binary leg");
            tlsRounds = compareTls(gateways, tlsCerts, providers, plan.tlsWarmup(), plan.tlsMeasure(), quick,
                tlsClient);
            phases.done("TLS comparison");
            fix = FixLegBench.compare(fixPort, fixGateway.get(), directory, fixPlan, fixClient, fixSessions);
            phases.done("FIX comparison (ours and the anchor, alternated)");
            System.out.printf(Locale.ROOT, "JSON edge (WebSocket API) on 127.0.0.1:%d, JDK WebSocket load%n",
                gateways.jsonPort());
            json = JsonLeg.measure(gateways.jsonPort(), JSON_KEY, JSON_SECRET, SYMBOL, JSON_ACCOUNTS, quick);
            phases.done("JSON leg");
            System.out.printf(Locale.ROOT, "gateway counters: %,d commands, %,d reports, %d internal errors%n",
                gateways.gateway().core().counters().commandsSent(),
                gateways.gateway().core().counters().reportsStored(),
                gateways.gateway().core().counters().internalErrors());
        }
        phases.done("gateways and node closed");
        tlsRounds.printSummary();
        fix.printSummary();
        phases.summary();
        GatewayResult.print(GatewayResult.headline(runs), saturated, fix, json, tlsRounds, providers);
    }

    /**
     * The TLS comparison in rounds ({@link TlsRounds}): a plain connection, a second one (the A/A control) and one
     * TLS connection per provider, each a user with accounts of its own, alike warmed up, alternated. The
     * certificates, one set for every provider's listener, are made beforehand ({@code keytool} takes seconds), so
     * that no leg waits idle past the heartbeat timeout. The bench's TLS client runs on
     * {@link TlsLeg#DEFAULT_CLIENT}'s engine.
     */
    static TlsRounds compareTls(
        final NodeGateways gateways, final TlsLeg.Certs certs, final List<TlsConfig.Provider> providers,
        final double warmup, final double measure, final boolean quick) throws IOException
    {
        return compareTls(gateways, certs, providers, warmup, measure, quick, TlsLeg.DEFAULT_CLIENT);
    }

    /**
     * {@link #compareTls(NodeGateways, TlsLeg.Certs, List, double, double, boolean)} with the bench's TLS client on
     * the given engine ({@code --tls-client}).
     */
    static TlsRounds compareTls(
        final NodeGateways gateways, final TlsLeg.Certs certs, final List<TlsConfig.Provider> providers,
        final double warmup, final double measure, final boolean quick, final TlsConfig.Provider client)
        throws IOException
    {
        final List<AutoCloseable> opened = new ArrayList<>();
        try
        {
            final InetSocketAddress plainAddress = new InetSocketAddress("127.0.0.1", gateways.gateway().nativePort());
            final List<TlsRounds.Leg> legs = new ArrayList<>();
            final GatewayLoad plain = new GatewayLoad(plainAddress, ROUNDS_USER, PASSWORD, firstAccount(ROUNDS_USER));
            opened.add(plain);
            legs.add(new TlsRounds.Leg(GatewayPlan.PLAIN_LEGS.get(0), plain, null));
            final GatewayLoad control = new GatewayLoad(plainAddress, AA_USER, PASSWORD, firstAccount(AA_USER));
            opened.add(control);
            legs.add(new TlsRounds.Leg(GatewayPlan.PLAIN_LEGS.get(1), control, null));
            for (int i = 0; i < providers.size(); i++)
            {
                final TlsConfig.Provider provider = providers.get(i);
                final String user = TLS_USERS[provider.ordinal()];
                final TlsLeg.Connection connection = TlsLeg.open(gateways.gateway(), certs, user, PASSWORD,
                    firstAccount(user), provider, client);
                opened.add(connection);
                legs.add(new TlsRounds.Leg(GatewayPlan.tlsLegName(provider), connection.load(), connection.channel()));
            }
            final TlsRounds rounds = new TlsRounds(legs, quick);
            System.out.printf(Locale.ROOT, "TLS against plain: %d legs in %d rounds (rates ascending: %s paced, then " +
                "saturated; %s; at %,d/s all legs in one pass, orders interleaved); plain-aa is a second plain " +
                "connection (A/A: the noise)%n", legs.size(), rounds.rounds(), Arrays.toString(TlsRounds.PACED_RATES),
                quick ? "each leg once in each place" : "each before each other in half", TlsRounds.JUDGED_RATE);
            rounds.run(GatewayPlan.HEADLINE_RATE, warmup, measure, WINDOW);
            return rounds;
        }
        finally
        {
            for (int i = opened.size() - 1; i >= 0; i--)
            {
                closeQuietly(opened.get(i));
            }
        }
    }

    private static void closeQuietly(final AutoCloseable closeable)
    {
        try
        {
            closeable.close();
        }
        catch (final Exception ex)
        {
            System.out.println("closing a TLS comparison leg: " + ex);
        }
    }

    static NodeGateways startGateways(
        final EmbeddedNode node, final boolean yielding, final int fixPort, final Path fixDirectory)
    {
        return startGateways(node, yielding, fixPort, fixDirectory, fix -> { });
    }

    static NodeGateways startGateways(
        final EmbeddedNode node, final boolean yielding, final int fixPort, final Path fixDirectory,
        final Consumer<FixGateway> fixStarted)
    {
        final GatewayConfig config = setUp(node);
        final IdleStrategy idle = yielding ? new YieldingIdleStrategy() :
            new BackoffIdleStrategy(100, 10, 1_000, NodeGateways.MAX_PARK_NANOS);
        final FixSettings fix = new FixSettings("127.0.0.1", fixPort, FixLegs.COMP_ID, fixDirectory, true, 30);
        final User jsonUser = config.users().stream().map(e -> e.user()).filter(u -> u.name().equals(JSON_USER))
            .findFirst().orElseThrow();
        final JsonConfig json = new JsonConfig(new InetSocketAddress("127.0.0.1", 0),
            JsonEdge.DEFAULT_MAX_PAYLOAD_BYTES, 5_000, List.of(new ApiKeyCredential(JSON_KEY, jsonUser,
            ApiKeyCredential.SignatureAlgorithm.HMAC_SHA256, JSON_SECRET.getBytes(StandardCharsets.UTF_8))));
        return NodeGateways.start(node.newVenueClient(), config, json, GatewaySecurityConfig.NONE, idle,
            gateway ->
            {
                final FixGateway started = FixGateway.launch(fix, gateway.core(),
                    new InstrumentDirectory(config.instruments()));
                fixStarted.accept(started);
                return started;
            });
    }

    private static boolean idle(final String name)
    {
        if ("yielding".equals(name) || "backoff".equals(name))
        {
            return "yielding".equals(name);
        }
        throw new IllegalArgumentException("--gateway-idle: backoff or yielding, was " + name);
    }

    static GatewayConfig setUp(final EmbeddedNode node)
    {
        final NodeClient client = node.newClient(true);
        client.addInstrument(1, 1, 0, 1, 1, 2, 0, 0, 0, 10_000, 0, 1_000);
        long last = 0;
        for (long account = 1; account <= LAST_ACCOUNT; account++)
        {
            client.adjustBalance(account, 0, DEPOSIT);
            last = client.adjustBalance(account, 1, DEPOSIT);
        }
        while (node.appliedSequence() < last)
        {
            Thread.yield();
        }
        final User user = user("bench");
        final User fixUser = new User(FixLegs.FIX_USER, new long[]{3, 4}, SessionKind.TRADING, 1_000_000_000L,
            1_000_000_000L, false);
        final User jsonUser = new User(JSON_USER, new long[]{5, 6}, SessionKind.TRADING, 1_000_000_000L,
            1_000_000_000L, false);
        final User tlsUser = user(TLS_USERS[0]);
        final User tlsUser2 = user(TLS_USERS[1]);
        final User controlUser = user(AA_USER);
        final User roundsUser = user(ROUNDS_USER);
        final SecureRandom random = new SecureRandom();
        return new GatewayConfig(new InetSocketAddress("127.0.0.1", 0), null, 1_000_000_000L, HEARTBEAT_TIMEOUT_NANOS,
            10_000_000_000L, 1 << 20, Integer.MAX_VALUE, Map.of(), List.of(new InstrumentSpec(1, SYMBOL, 2, 0, 1, 1)),
            entries(random, user, fixUser, jsonUser, tlsUser, tlsUser2, controlUser, roundsUser));
    }

    /** The users' entries with the bench's password, and the FIX load's further sessions' users. */
    private static List<PasswordAuthenticator.Entry> entries(final SecureRandom random, final User... users)
    {
        final List<PasswordAuthenticator.Entry> entries = new ArrayList<>();
        for (final User user : users)
        {
            entries.add(new PasswordAuthenticator.Entry(user, PasswordHash.create(PASSWORD, 1_000, random)));
        }
        for (int session = 1; session < FixLegs.MAX_SESSIONS; session++)
        {
            final long first = FixLegs.firstAccount(session);
            entries.add(new PasswordAuthenticator.Entry(new User(FixLegs.fixUser(session), new long[]{first, first + 1},
                SessionKind.TRADING, 1_000_000_000L, 1_000_000_000L, false),
                PasswordHash.create(PASSWORD, 1_000, random)));
        }
        return entries;
    }

    private static User user(final String name)
    {
        final long first = firstAccount(name);
        return new User(name, new long[]{first, first + 1}, SessionKind.TRADING, 1_000_000_000L, 1_000_000_000L,
            false);
    }

    /**
     * @param user a user of {@link #setUp}.
     * @return its first account (buys; sells on the next).
     */
    static long firstAccount(final String user)
    {
        return FIRST_ACCOUNTS.get(user);
    }

    private static List<TlsConfig.Provider> providers(final String names)
    {
        final List<TlsConfig.Provider> providers = new ArrayList<>();
        for (final String name : names.split(","))
        {
            providers.add(TlsConfig.Provider.valueOf(name.trim().toUpperCase(Locale.ROOT)));
        }
        return List.copyOf(providers);
    }

    static void delete(final Path directory)
    {
        try (Stream<Path> paths = Files.walk(directory))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
