package io.disruptorx.systemtest;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import io.aeron.driver.MediaDriver;
import io.disruptorx.cluster.ClusterTimeouts;
import io.disruptorx.cluster.FreePorts;
import io.disruptorx.cluster.client.ClusterClientConfig;
import io.disruptorx.cluster.client.ClusterVenueClient;
import io.disruptorx.core.process.ChildJvm;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.node.cluster.ClientDriver;
import io.disruptorx.node.cluster.LocalCluster;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.protocol.sbe.event.AdminResultDecoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderCancelledDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderFilledDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderType;
import io.disruptorx.protocol.sbe.orderentry.SelfTradePrevention;
import io.disruptorx.protocol.sbe.orderentry.Side;
import io.disruptorx.protocol.sbe.orderentry.TimeInForce;
import io.disruptorx.shard.cli.ShardCommand;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.RoutingTableStore;
import io.disruptorx.shard.routing.ShardIds;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static io.disruptorx.core.net.JsonEdgeRequests.JSON;
import static io.disruptorx.core.net.JsonEdgeRequests.balances;
import static io.disruptorx.systemtest.ShardProcesses.ADMIN;
import static io.disruptorx.systemtest.ShardProcesses.JSON_EDGE;
import static io.disruptorx.systemtest.ShardProcesses.LINK;
import static io.disruptorx.systemtest.ShardProcesses.NATIVE;
import static io.disruptorx.systemtest.ShardProcesses.instrument;
import static io.disruptorx.systemtest.ShardProcesses.startDx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dx shard-gateway} as a process with a shard of each kind named in its shard list: a {@code dx shard-host}
 * by its link {@code HOST:PORT}, and a cluster of three member JVMs by {@code cluster:} and the members' ingress
 * endpoints; the processes are started once for the class. The cluster is shard 0, which keeps the venue's move
 * lock. Instrument {@code T} is the first the routing table puts on the cluster, {@code M} the first it puts on the
 * shard host.
 *
 * <p>Trading: alice and bob trade {@code T} through the gateway's SoupBinTCP listener, and both fills come back
 * with order ids of the cluster shard.
 *
 * <p>Moving: alice, bob and alice rest buys of {@code M} at 101.00 (in that order) on the shard host; {@code dx shard
 * move M --to} the cluster shard (the gateway's move admin, as its operator) moves all three; each account's
 * balances, summed over the shards by the gateway's JSON edge (free, locked and in transfer), are what they were
 * before, and each asset's total is the deposits. A sell of bob fills alice's first order under its original id,
 * in a trade of the cluster shard (the trade id carries the shard); had the move put bob's order first, his sell
 * would meet his own order and be cancelled by self-trade prevention. Then the instrument moves back (two orders), the
 * balances are again unchanged, a sell of alice fills bob's order, ahead of her later one, in a trade of the shard
 * host, and a cancel by the original id finds her last order there.
 *
 * <p>How it can fail: a gateway that takes a cluster's address for a shard host's (it cannot connect), that opens no
 * cluster client or media driver, or whose events from the cluster are not routed back to the sessions; a move onto
 * or off the cluster through the processes that loses, renumbers or reorders orders, leaves them on the shard they
 * left, or loses, duplicates or strands a hold (an account's balances change across a move, a total is off).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ShardGatewayClusterShardTest
{
    private static final String PASSWORD = "shard";
    private static final int PRICE_EXPONENT = -2;
    /** The cluster is shard 0, where the venue's move lock lives: every move claims and releases it there. */
    private static final int CLUSTER = 0;
    private static final int EMBEDDED = 1;
    private static final long LINE_WAIT_MS = 60_000;
    private static final String SIGTERM_EXIT = "exit status of a JVM ended by SIGTERM after its shutdown hooks";
    private static final long ALICE = 1;
    private static final long BOB = 3;
    private static final int USD = 0;
    private static final int BTC = 1;
    /** Each trader's deposits on the cluster shard ({@link #listAndFund}), by asset. */
    private static final long[] CLUSTER_DEPOSIT = {1_000_000_000_000L, 1_000_000_000L};
    /** Each trader's deposits on the embedded shard ({@link #prepareEmbedded}), by asset. */
    private static final long[] EMBEDDED_DEPOSIT = {100_000_000L, 1_000L};
    private static final Pattern BALANCE = Pattern.compile("\\{\"asset\":\"(\\w+)\",\"free\":\"([0-9.]+)\"," +
        "\"locked\":\"([0-9.]+)\",\"inTransfer\":\"([0-9.]+)\"}");

    @TempDir
    static Path dir;

    private static LocalCluster members;
    private static ChildJvm host;
    private static ChildJvm gateway;
    private static int traded;
    private static int moved;
    private static InetSocketAddress entry;
    private static int admin;
    private static String api;

    /**
     * The routing table, the shard host's data (instrument {@code M} listed, the traders funded), the three members
     * (instrument {@code T} listed, the traders funded), the shard host, and the gateway in front of both with its
     * move admin and JSON edge.
     */
    @BeforeAll
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    static void startShardsAndGateway() throws Exception
    {
        final RoutingTableStore store = new RoutingTableStore(dir.resolve("routes.txt"));
        store.save(RoutingTable.initial(List.of("shard-0", "shard-1"), 64));
        final RoutingTable table = store.load().orElseThrow();
        traded = IntStream.range(1, 64).filter(id -> table.shardOf(id) == CLUSTER).findFirst().orElseThrow();
        moved = IntStream.range(1, 64).filter(id -> table.shardOf(id) == EMBEDDED).findFirst().orElseThrow();
        prepareEmbedded(dir.resolve("embedded"));
        // the shard host's JVM starts while the members do: neither needs the other
        host = startDx(List.of("shard-host", "--data-dir", dir.resolve("embedded").toString()),
            dir.resolve("shard-host.err"));
        final Path root = Path.of("target", "cluster-system-tests", "shard-gateway-" + System.nanoTime())
            .toAbsolutePath();
        final int base = FreePorts.block(200);
        members = new LocalCluster(root, 3, base, ClusterTimeouts.tuned(), List.of(),
            List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC"));
        members.startAll(Duration.ofSeconds(60));
        listAndFund(members.ingressEndpoints(), root.resolve("setup-aeron"));
        final String link = "127.0.0.1:" + host.awaitMatch(LINK, LINE_WAIT_MS).group(1);
        gateway = startDx(List.of("shard-gateway", "--config", writeGatewayConfig().toString(), "--shard",
            "cluster:" + members.ingressEndpoints(), "--shard", link, "--table", dir.resolve("routes.txt").toString(),
            "--admin-port", "0", "--cluster-gateway-id", "9", "--aeron-dir", root.resolve("gateway-aeron").toString()),
            dir.resolve("gateway.err"));
        assertThat(gateway.awaitMatch(Pattern.compile("shard-" + CLUSTER + " is a cluster"), LINE_WAIT_MS))
            .isNotNull();
        admin = Integer.parseInt(gateway.awaitMatch(ADMIN, LINE_WAIT_MS).group(1));
        entry = new InetSocketAddress("127.0.0.1", Integer.parseInt(gateway.awaitMatch(NATIVE, LINE_WAIT_MS)
            .group(1)));
        api = "http://127.0.0.1:" + gateway.awaitMatch(JSON, LINE_WAIT_MS).group(1);
        System.out.println("ShardGatewayClusterShardTest: instrument " + traded + " on the cluster (shard-" + CLUSTER +
            "), instrument " + moved + " starts on the shard host (shard-" + EMBEDDED + ")");
    }

    @AfterAll
    static void stopGatewayAndShards() throws Exception
    {
        try
        {
            if (gateway != null)
            {
                assertThat(gateway.stop()).as(SIGTERM_EXIT).isEqualTo(143);
            }
            if (host != null)
            {
                assertThat(host.stop()).as(SIGTERM_EXIT).isEqualTo(143);
            }
        }
        finally
        {
            if (gateway != null)
            {
                gateway.close();
            }
            if (host != null)
            {
                host.close();
            }
            if (members != null)
            {
                members.close();
            }
        }
    }

    @Test
    void shouldTradeOnAClusterShardNamedByItsMembersInTheGatewaysShardList()
    {
        final List<NativeSession.Received> received = new ArrayList<>();
        try (NativeSession alice = NativeSession.login(entry, "alice", PASSWORD, PRICE_EXPONENT, received);
            NativeSession bob = NativeSession.login(entry, "bob", PASSWORD, PRICE_EXPONENT, received))
        {
            alice.client().newOrder(1, ALICE, traded, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
                SelfTradePrevention.CANCEL_NEWEST, 10_100, PRICE_EXPONENT, 5, 0);
            bob.client().newOrder(2, BOB, traded, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
                SelfTradePrevention.CANCEL_NEWEST, 10_100, PRICE_EXPONENT, 5, 0);
            awaitReports(received, alice, bob, r -> r.template() == OrderFilledDecoder.TEMPLATE_ID, 2);
            assertThat(received).filteredOn(r -> r.template() == OrderFilledDecoder.TEMPLATE_ID)
                .hasSize(2).allSatisfy(fill ->
                {
                    assertThat(fill.quantity()).isEqualTo(5);
                    assertThat(ShardIds.shardOf(fill.orderId())).as("order id of the cluster shard")
                        .isEqualTo(CLUSTER);
                });
        }
    }

    @Test
    void shouldMoveRestingOrdersOntoTheClusterShardAndBackWithTheirIdsPriorityAndFunds() throws Exception
    {
        final List<NativeSession.Received> received = new ArrayList<>();
        try (NativeSession alice = NativeSession.login(entry, "alice", PASSWORD, PRICE_EXPONENT, received);
            NativeSession bob = NativeSession.login(entry, "bob", PASSWORD, PRICE_EXPONENT, received))
        {
            // each order waits for the one before: two sessions' orders reach the venue in the order they are
            // accepted, not sent
            final NativeSession[] owners = {alice, bob, alice};
            final long[] quantities = {5, 4, 3};
            final long[] ids = new long[3];
            for (int i = 0; i < 3; i++)
            {
                final long clientOrderId = 101 + i;
                limit(owners[i], clientOrderId, owners[i] == alice ? ALICE : BOB, Side.BUY, quantities[i]);
                awaitReports(received, alice, bob, r -> r.template() == OrderAcceptedDecoder.TEMPLATE_ID &&
                    r.clientOrderId() == clientOrderId, 1);
                ids[i] = received.stream().filter(r -> r.clientOrderId() == clientOrderId).findFirst()
                    .orElseThrow().orderId();
                assertThat(ShardIds.shardOf(ids[i])).as("order %d rests on the shard host", clientOrderId)
                    .isEqualTo(EMBEDDED);
            }
            final String[] before = {balances(api, "ak", "as"), balances(api, "bk", "bs")};
            assertThat(before[0]).as("alice's buys hold 8 x 101.00").contains("\"locked\":\"808.00\"");
            assertThat(before[1]).as("bob's buy holds 4 x 101.00").contains("\"locked\":\"404.00\"");
            assertTotals(before);

            assertThat(move(CLUSTER)).contains("moved instrument " + moved + " shard-" + EMBEDDED + " -> shard-" +
                CLUSTER + ": 3 orders");
            assertThat(new String[] {balances(api, "ak", "as"), balances(api, "bk", "bs")})
                .as("each account's funds across the move onto the cluster").containsExactly(before);

            received.clear();
            limit(bob, 104, BOB, Side.SELL, 5);
            awaitReports(received, alice, bob, r -> r.template() == OrderFilledDecoder.TEMPLATE_ID, 2);
            assertThat(received).filteredOn(r -> r.template() == OrderFilledDecoder.TEMPLATE_ID)
                .allSatisfy(fill -> assertThat(ShardIds.shardOf(fill.tradeId())).as("a trade of the cluster")
                    .isEqualTo(CLUSTER))
                .filteredOn(r -> r.account() == ALICE).singleElement().satisfies(fill ->
                {
                    assertThat(fill.orderId()).as("alice's first order, first at 101.00").isEqualTo(ids[0]);
                    assertThat(fill.quantity()).isEqualTo(5);
                });
            final String[] afterFill = {balances(api, "ak", "as"), balances(api, "bk", "bs")};
            assertTotals(afterFill);

            assertThat(move(EMBEDDED)).contains("moved instrument " + moved + " shard-" + CLUSTER + " -> shard-" +
                EMBEDDED + ": 2 orders");
            assertThat(new String[] {balances(api, "ak", "as"), balances(api, "bk", "bs")})
                .as("each account's funds across the move off the cluster").containsExactly(afterFill);

            received.clear();
            limit(alice, 105, ALICE, Side.SELL, 4);
            awaitReports(received, alice, bob, r -> r.template() == OrderFilledDecoder.TEMPLATE_ID, 2);
            assertThat(received).filteredOn(r -> r.template() == OrderFilledDecoder.TEMPLATE_ID)
                .allSatisfy(fill -> assertThat(ShardIds.shardOf(fill.tradeId())).as("a trade of the shard host")
                    .isEqualTo(EMBEDDED))
                .filteredOn(r -> r.account() == BOB).singleElement().satisfies(fill ->
                {
                    assertThat(fill.orderId()).as("bob's order, ahead of alice's later one").isEqualTo(ids[1]);
                    assertThat(fill.quantity()).isEqualTo(4);
                });
            received.clear();
            alice.client().cancel(106, ALICE, ids[2], 0);
            awaitReports(received, alice, bob, r -> r.template() == OrderCancelledDecoder.TEMPLATE_ID, 1);
            assertThat(received).filteredOn(r -> r.template() == OrderCancelledDecoder.TEMPLATE_ID).singleElement()
                .satisfies(cancel ->
                {
                    assertThat(cancel.orderId()).isEqualTo(ids[2]);
                    assertThat(cancel.quantity()).isEqualTo(3);
                });
            assertTotals(new String[] {balances(api, "ak", "as"), balances(api, "bk", "bs")});
        }
    }

    /**
     * Runs {@code dx shard move M --to shard-TO} against the gateway's move admin as the operator.
     *
     * @return its answer.
     */
    private static String move(final int to)
    {
        final StringWriter answer = new StringWriter();
        final StringWriter error = new StringWriter();
        final int exit = new CommandLine(new ShardCommand()).setOut(new PrintWriter(answer))
            .setErr(new PrintWriter(error)).execute("move", Integer.toString(moved), "--to", "shard-" + to,
                "--admin", "127.0.0.1:" + admin, "--user", "ops", "--password-file",
                dir.resolve("ops.password").toString());
        System.out.println("ShardGatewayClusterShardTest: dx shard move answered: " + answer.toString().trim());
        assertThat(exit).as("dx shard move: %s %s", answer, error).isZero();
        return answer.toString();
    }

    private static void limit(
        final NativeSession session, final long clientOrderId, final long account, final Side side,
        final long quantity)
    {
        session.client().newOrder(clientOrderId, account, moved, side, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.CANCEL_NEWEST, 10_100, PRICE_EXPONENT, quantity, 0);
    }

    /**
     * Each asset's free, locked and in-transfer amounts over both traders (the JSON edge's sums over the shards) add
     * up to their deposits on both shards.
     *
     * @param balances the traders' {@code balances} arrays.
     */
    private static void assertTotals(final String[] balances)
    {
        final long[] total = new long[2];
        for (final String account : balances)
        {
            final Matcher matcher = BALANCE.matcher(account);
            while (matcher.find())
            {
                final int asset = "USD".equals(matcher.group(1)) ? USD : BTC;
                final int scale = asset == USD ? 2 : 0;
                for (int amount = 2; amount <= 4; amount++)
                {
                    total[asset] += new BigDecimal(matcher.group(amount)).movePointRight(scale).longValueExact();
                }
            }
        }
        for (final int asset : new int[] {USD, BTC})
        {
            assertThat(total[asset]).as("asset %d over both traders and shards: %s", asset, Arrays.toString(balances))
                .isEqualTo(2 * (CLUSTER_DEPOSIT[asset] + EMBEDDED_DEPOSIT[asset]));
        }
    }

    /**
     * Lists instrument {@code M} (base BTC, quote USD in cents, no fees) on the shard host's data and funds alice
     * and bob there.
     */
    private static void prepareEmbedded(final Path data)
    {
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(data).withSegmentSize(4 * 1024 * 1024),
            null, null))
        {
            final NodeClient client = node.newClient(true);
            client.addInstrument(moved, BTC, USD, 1, 1, 2, 0, 0, 0, 10_000, 1_000, 1_000);
            long last = 0;
            for (final long account : new long[] {ALICE, BOB})
            {
                client.adjustBalance(account, USD, EMBEDDED_DEPOSIT[USD]);
                last = client.adjustBalance(account, BTC, EMBEDDED_DEPOSIT[BTC]);
            }
            while (node.appliedSequence() < last)
            {
                Thread.yield();
            }
        }
    }

    /**
     * The gateway's config: a user file with the traders alice and bob and the operator ops (the move admin's
     * login), the JSON edge with an API key for each trader and the asset names, and instruments 1 and {@code M}.
     */
    private static Path writeGatewayConfig() throws IOException
    {
        return ShardProcesses.writeGatewayConfig(dir, ShardProcesses.writeUsers(dir, PASSWORD) + JSON_EDGE,
            PASSWORD, instrument(traded, "T-USD") + instrument(moved, "M-USD"));
    }

    /**
     * Lists instrument {@code T} on the cluster and funds alice's and bob's accounts (1 and 3) there, through a
     * cluster client of the test's own.
     */
    private static void listAndFund(final String ingress, final Path aeronDirectory)
    {
        final SbeCommandEncoder encoder = new SbeCommandEncoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final int[] results = new int[1];
        try (MediaDriver driver = ClientDriver.launch(aeronDirectory);
            ClusterVenueClient client = ClusterVenueClient.create(
                ClusterClientConfig.of(2, ingress, driver.aeronDirectoryName())))
        {
            assertThat(client.awaitConnected(TimeUnit.SECONDS.toNanos(30))).isTrue();
            assertThat(client.offer(buffer, 0, encoder.addInstrument(buffer, 0, 0, traded, BTC, USD, 1, 1, 2,
                0, 0, 0, 10_000, 1_000, 1_000))).isPositive();
            for (final long account : new long[] {ALICE, BOB})
            {
                for (final int asset : new int[] {USD, BTC})
                {
                    assertThat(client.offer(buffer, 0, encoder.adjustBalance(buffer, 0, 0, account, asset,
                        CLUSTER_DEPOSIT[asset]))).isPositive();
                }
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (results[0] < 5 && System.nanoTime() < deadline)
            {
                if (client.poll((sequence, event, offset, length) ->
                {
                    header.wrap(event, offset);
                    if (header.templateId() == AdminResultDecoder.TEMPLATE_ID)
                    {
                        results[0]++;
                    }
                }, 16) == 0)
                {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
            }
            assertThat(results[0]).as("the instrument listed and four deposits answered").isEqualTo(5);
        }
    }

    private static void awaitReports(
        final List<NativeSession.Received> received, final NativeSession alice, final NativeSession bob,
        final Predicate<NativeSession.Received> kind, final int count)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (received.stream().filter(kind).count() < count && System.nanoTime() < deadline)
        {
            alice.client().poll(alice);
            bob.client().poll(bob);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertThat(received.stream().filter(kind).count()).as("reports so far: %s", received).isEqualTo(count);
    }
}
