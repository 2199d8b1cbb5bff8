package io.disruptorx.node.shard;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.typesafe.config.Config;
import io.disruptorx.core.config.ConfigLoader;
import io.disruptorx.core.config.ConfigValidationException;
import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.gateway.auth.Authenticator;
import io.disruptorx.gateway.auth.PasswordAuthenticator;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.gateway.config.GatewayConfigBinder;
import io.disruptorx.gateway.config.GatewaySecurityConfig;
import io.disruptorx.gateway.json.JsonConfig;
import io.disruptorx.gateway.reference.InstrumentSpec;
import io.disruptorx.node.cli.ShutdownHook;
import io.disruptorx.node.http.NodeHttpServer;
import io.disruptorx.node.http.ShardGatewayHttp;
import io.disruptorx.node.venue.NodeGateways;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.shard.cli.GatewayShards;
import io.disruptorx.shard.cli.TopUpConfig;
import io.disruptorx.shard.move.AdminAccess;
import io.disruptorx.shard.move.MoveAdminServer;
import io.disruptorx.shard.move.MovingVenueClient;
import io.disruptorx.shard.move.ShardMover;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.RoutingTableStore;
import io.disruptorx.shard.transfer.TopUpPolicies;
import io.disruptorx.shard.transfer.TopUpVenueClient;
import io.disruptorx.shard.transfer.TransferCoordinator;
import io.disruptorx.shard.transfer.TransferDesk;
import io.disruptorx.shard.venue.ShardedVenueClient;
import org.agrona.concurrent.BackoffIdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dx shard-gateway}: the order-entry gateway in front of several shards, each a {@code dx shard-host} process
 * (an embedded node, over the shard link) or a three-member cluster (over its cluster client; {@link ShardClients}),
 * routing by the stored routing table, and the coordinator of online moves: {@code dx shard move} and
 * {@code dx shard apply} reach its move admin (loopback only, an OPERATOR's login), and its {@link ShardMover}
 * carries each move through the shards' real command paths in the gateway's own duty cycle, with the move journal
 * next to the routing table. It also moves accounts' funds between shards on request ({@code dx shard transfer}:
 * a {@link TransferDesk} on a {@link TransferCoordinator} whose journal sits next to the routing table too), and
 * serves the JSON edge ({@code gateways.json}) when its config has one: a balance query there is answered with the
 * account's funds summed over every shard. With a {@code shard-gateway.top-up} section in its config
 * ({@link TopUpConfig}) it tops up the shard of an order that lacks funds from another shard of the account
 * ({@link TopUpVenueClient}). Before it connects it runs its side of a move on scratch shards
 * ({@link MoverWarmUp}), so that its first move is not run cold, and it prints each move's answer with the times of
 * its steps.
 */
@Command(
    name = "shard-gateway",
    mixinStandardHelpOptions = true,
    description = {"Runs the order-entry gateway in front of shards (dx shard-host processes or clusters) until",
        "Ctrl-C, and moves instruments between them on request (dx shard move, dx shard apply). docs/scaling.md."})
public final class ShardGatewayCommand implements Callable<Integer>
{
    private static final long CONNECT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int WARM_UP_MOVES = 8;
    private static final int WARM_UP_ORDERS = 1_000;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE",
        description = "HOCON file with the gateways section of dx node (listeners, instruments, users).")
    private Path configFile;

    @Option(names = "--shard", paramLabel = "ADDRESS",
        description = {"Once per shard, in the routing table's shard order: a shard host's link HOST:PORT, or a",
            "three-member cluster, cluster:0=HOST:PORT,1=HOST:PORT,2=HOST:PORT (the members' ingress).",
            "Default: the links of shard-gateway.shards in the --config file."})
    private List<String> shards;

    @Option(names = "--cluster-gateway-id", defaultValue = "1",
        description = "This gateway's id as a client of each cluster shard; unique among its clients, stable " +
            "across restarts (default ${DEFAULT-VALUE}).")
    private long clusterGatewayId;

    @Option(names = "--gateway-id", paramLabel = "ID",
        description = "This gateway's id among the gateways in front of the same shards (0..1023): in its move ids " +
            "and the move lock (docs/scaling.md, Two gateways moving at once); unique, stable across restarts " +
            "(default: --cluster-gateway-id).")
    private Integer gatewayId;

    @Option(names = "--aeron-dir", paramLabel = "DIR",
        description = "The cluster clients' embedded media driver (default: under the temporary directory).")
    private Path aeronDir;

    @Option(names = "--table", required = true, paramLabel = "FILE",
        description = "The routing table (dx shard init); moves store its next versions here.")
    private Path table;

    @Option(names = "--journal", paramLabel = "FILE", description = "The move journal (default: TABLE.moves).")
    private Path journal;

    @Option(names = "--transfer-journal", paramLabel = "FILE",
        description = "The transfer coordinator's journal (default: TABLE.transfers).")
    private Path transferJournal;

    @Option(names = "--single-gateway", description = {"Asserts that no other shard gateway runs in front of these",
        "shards: a move sends its restores with the source's MoveOut, its halt one round trip shorter. Without it",
        "(the default) they go after MoveOut's answer, as a venue with several gateways needs; also with it once",
        "this gateway sees another (docs/scaling.md, More than one gateway)."})
    private boolean singleGateway;

    @Option(names = "--other-gateways", description = "Other shard gateways run in front of the same shards: the "
        + "default (restores after MoveOut), stated; not with --single-gateway.")
    private boolean otherGateways;

    @Option(names = "--admin-port", defaultValue = "9620",
        description = "Move admin port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0: any free port).")
    private int adminPort;

    @Option(names = "--http", paramLabel = "HOST:PORT",
        description = "Serve /metrics, /health and the dashboard (the shard card) here (default: none).")
    private String http;

    @Override
    public Integer call()
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        if (singleGateway && otherGateways)
        {
            err.println("dx shard-gateway: --single-gateway and --other-gateways contradict each other: give one");
            return 2;
        }
        final GatewayConfig gatewayConfig;
        final GatewaySecurityConfig security;
        final JsonConfig json;
        final TopUpPolicies topUps;
        try
        {
            final Config parsed = new ConfigLoader().parse(configFile);
            gatewayConfig = GatewayConfigBinder.bind(parsed.withoutPath(JsonConfig.SECTION), configFile.toString());
            security = GatewaySecurityConfig.bind(parsed, configFile.toString());
            json = gatewayConfig == null ? null : JsonConfig.bind(parsed, configFile.toString(),
                gatewayConfig.users().stream().map(e -> e.user()).toList());
            if (shards == null || shards.isEmpty())
            {
                final GatewayShards listed = GatewayShards.read(configFile);
                shards = listed == null ? List.of() : listed.links();
            }
            topUps = TopUpConfig.read(configFile);
        }
        catch (final ConfigValidationException ex)
        {
            err.println("dx shard-gateway: " + ex.getMessage());
            return 2;
        }
        final RoutingTableStore store = new RoutingTableStore(table);
        final Optional<RoutingTable> routes = store.load();
        if (gatewayConfig == null || routes.isEmpty() || routes.get().shardCount() != shards.size())
        {
            err.println("dx shard-gateway: needs a gateways section in " + configFile + " and a routing table at " +
                table + " (dx shard init) naming as many shards as --shard (or shard-gateway.shards in the config) " +
                "gives (" + shards.size() + ")");
            return 2;
        }
        final long warmUpStarted = System.nanoTime();
        MoverWarmUp.run(WARM_UP_MOVES, WARM_UP_ORDERS);
        out.println("dx shard-gateway: move path warmed up in " +
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - warmUpStarted) + " ms");
        try (ShardClients clients = ShardClients.connect(shards, clusterGatewayId, aeronDir != null ? aeronDir :
            Path.of(System.getProperty("java.io.tmpdir"), "dx-shard-gateway-" + ProcessHandle.current().pid()),
            CONNECT_NANOS))
        {
            for (int i = 0; i < shards.size(); i++)
            {
                out.println("dx shard-gateway: " + routes.get().shardName(i) + " is " + clients.describe(i));
            }
            final ShardedVenueClient sharded = new ShardedVenueClient(routes.get(), clients.clients());
            final ShardMover mover = new ShardMover(sharded, clients.books(), store,
                journal != null ? journal : Path.of(table + ".moves"), () -> System.currentTimeMillis() * 1_000_000L);
            final RoutingTable routing = routes.get();
            final int id = gatewayId != null ? gatewayId : (int)clusterGatewayId;
            final MovingVenueClient venue = new MovingVenueClient(sharded, mover).gatewayId(id)
                .singleGateway(singleGateway).logMovesTo(line ->
            {
                out.println("dx shard-gateway: " + line);
                out.flush();
            }).withTransfers(new TransferDesk(new TransferCoordinator(
                transferJournal != null ? transferJournal : Path.of(table + ".transfers"), sharded),
                routing::shardName));
            final TopUpVenueClient topUp = topUps == null || !topUps.anyEnabled() || shards.size() < 2 ? null :
                new TopUpVenueClient(venue, sharded, shards.size(), venue.transfers().coordinator(), topUps, id,
                    System::currentTimeMillis);
            if (topUp != null)
            {
                out.println("dx shard-gateway: automatic top-ups for " + topUps.policies().size() + " accounts");
            }
            return run(venue, topUp, gatewayConfig, json, security, out, http == null ? null : dashboard(sharded,
                clients, gatewayConfig, topUp));
        }
    }

    /**
     * @return what serves the dashboard once the gateways run (their sessions on it too).
     */
    private Function<NodeGateways, NodeHttpServer> dashboard(final ShardedVenueClient sharded,
        final ShardClients clients, final GatewayConfig gatewayConfig, final TopUpVenueClient topUp)
    {
        final int[] instruments = gatewayConfig.instruments().stream().mapToInt(InstrumentSpec::id).toArray();
        final InetSocketAddress address = address(http);
        return gateways ->
        {
            final MetricsRegistry metrics = new MetricsRegistry();
            gateways.registerMetrics(metrics);
            if (topUp != null)
            {
                topUp.registerMetrics(metrics);
            }
            return ShardGatewayHttp.serve(address, metrics, sharded, clients::connected, instruments);
        };
    }

    private int run(
        final MovingVenueClient venue, final TopUpVenueClient topUp, final GatewayConfig gatewayConfig,
        final JsonConfig json, final GatewaySecurityConfig security, final PrintWriter out,
        final Function<NodeGateways, NodeHttpServer> dashboard)
    {
        final CountDownLatch stop = new CountDownLatch(1);
        final CountDownLatch stopped = new CountDownLatch(1);
        ShutdownHook.stopAndWait("dx-shard-gateway-stop", stop, stopped);
        final VenueClient orders = topUp != null ? topUp : venue;
        try (NodeGateways gateways = NodeGateways.start(orders, gatewayConfig, json, security,
                new BackoffIdleStrategy(100, 10, 1_000, NodeGateways.MAX_PARK_NANOS));
            MoveAdminServer admin = new MoveAdminServer(adminPort, venue, access(gateways, gatewayConfig),
                TimeUnit.MINUTES.toMillis(2)))
        {
            out.println("dx shard-gateway: routing table version " + venue.table().version() + " over " +
                venue.table().shards());
            out.println("dx shard-gateway: move admin on 127.0.0.1:" + admin.port());
            gateways.describe("dx shard-gateway: ", out);
            try (NodeHttpServer server = dashboard == null ? null : dashboard.apply(gateways))
            {
                if (server != null)
                {
                    out.println("dx shard-gateway: dashboard http://" + http.substring(0, http.lastIndexOf(':')) +
                        ":" + server.port() + "/dashboard/");
                    out.flush();
                }
                stop.await();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            stopped.countDown();
        }
        return 0;
    }

    /**
     * The move admin logs in against the gateways' users: the user file of {@code gateways.security} (hot reloaded;
     * give an operator there), else the {@code users} of the gateways section, which are traders or drop copies and
     * so can log in but never move.
     */
    private static AdminAccess access(final NodeGateways gateways, final GatewayConfig gatewayConfig)
    {
        final Authenticator users = gateways.users() != null ? gateways.users() :
            new PasswordAuthenticator(gatewayConfig.users());
        return new AdminAccess(users, gateways.auditRing(), () -> System.currentTimeMillis() * 1_000_000L);
    }

    private static InetSocketAddress address(final String hostPort)
    {
        final int colon = hostPort.lastIndexOf(':');
        if (colon <= 0)
        {
            throw new IllegalArgumentException("a shard link is HOST:PORT, was " + hostPort);
        }
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
