package io.disruptorx.systemtest;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.aeron.driver.MediaDriver;
import io.disruptorx.cluster.ClusterTimeouts;
import io.disruptorx.cluster.client.ClusterClientConfig;
import io.disruptorx.cluster.client.ClusterVenueClient;
import io.disruptorx.core.process.ChildJvm;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.node.cluster.ClientDriver;
import io.disruptorx.node.cluster.LocalCluster;
import io.disruptorx.protocol.sbe.event.AdminResultDecoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderFilledDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderType;
import io.disruptorx.protocol.sbe.orderentry.SelfTradePrevention;
import io.disruptorx.protocol.sbe.orderentry.Side;
import io.disruptorx.protocol.sbe.orderentry.TimeInForce;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.RoutingTableStore;
import io.disruptorx.shard.routing.ShardIds;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.disruptorx.systemtest.ShardProcesses.LINK;
import static io.disruptorx.systemtest.ShardProcesses.NATIVE;
import static io.disruptorx.systemtest.ShardProcesses.startDx;
import static io.disruptorx.systemtest.ShardProcesses.writeGatewayConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dx shard-gateway} as a process with a shard of each kind named in its shard list: a {@code dx shard-host}
 * by its link {@code HOST:PORT}, and a cluster of three member JVMs by {@code cluster:} and the members' ingress
 * endpoints. The routing table puts instrument 1 on the cluster shard; alice and bob trade it through the gateway's
 * SoupBinTCP listener, and both fills come back with order ids of the cluster shard.
 *
 * <p>How it can fail: a gateway that takes a cluster's address for a shard host's (it cannot connect), that opens no
 * cluster client or media driver, or whose events from the cluster are not routed back to the sessions.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ShardGatewayClusterShardTest
{
    private static final String PASSWORD = "shard";
    private static final int PRICE_EXPONENT = -2;
    private static final int INSTRUMENT = 1;
    private static final long LINE_WAIT_MS = 60_000;

    @TempDir
    Path dir;

    @Test
    void shouldTradeOnAClusterShardNamedByItsMembersInTheGatewaysShardList() throws Exception
    {
        final RoutingTableStore store = new RoutingTableStore(dir.resolve("routes.txt"));
        store.save(RoutingTable.initial(List.of("shard-0", "shard-1"), 64));
        final int cluster = store.load().orElseThrow().shardOf(INSTRUMENT);
        final Path root = Path.of("target", "cluster-system-tests", "shard-gateway-" + System.nanoTime())
            .toAbsolutePath();
        final int base = 22_000 + (int)((ProcessHandle.current().pid() + System.nanoTime() / 1000) % 100) * 200;
        try (LocalCluster members = new LocalCluster(root, 3, base, ClusterTimeouts.tuned(), List.of(),
            List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC")))
        {
            members.startAll(Duration.ofSeconds(60));
            listAndFund(members.ingressEndpoints(), root.resolve("setup-aeron"));
            try (ChildJvm host = startDx(List.of("shard-host", "--data-dir", dir.resolve("embedded").toString()),
                dir.resolve("shard-host.err")))
            {
                final String link = "127.0.0.1:" + host.awaitMatch(LINK, LINE_WAIT_MS).group(1);
                final String[] shards = new String[2];
                shards[cluster] = "cluster:" + members.ingressEndpoints();
                shards[1 - cluster] = link;
                try (ChildJvm gateway = startDx(List.of("shard-gateway", "--config",
                    writeGatewayConfig(dir, "", PASSWORD).toString(), "--shard", shards[0], "--shard", shards[1],
                    "--table", dir.resolve("routes.txt").toString(), "--admin-port", "0",
                    "--cluster-gateway-id", "9", "--aeron-dir", root.resolve("gateway-aeron").toString()),
                    dir.resolve("gateway.err")))
                {
                    assertThat(gateway.awaitMatch(Pattern.compile("shard-" + cluster + " is a cluster"), LINE_WAIT_MS))
                        .isNotNull();
                    final int entry = Integer.parseInt(gateway.awaitMatch(NATIVE, LINE_WAIT_MS).group(1));
                    final InetSocketAddress address = new InetSocketAddress("127.0.0.1", entry);
                    final List<NativeSession.Received> received = new ArrayList<>();
                    try (NativeSession alice = NativeSession.login(address, "alice", PASSWORD, PRICE_EXPONENT,
                        received);
                        NativeSession bob = NativeSession.login(address, "bob", PASSWORD, PRICE_EXPONENT, received))
                    {
                        alice.client().newOrder(1, 1, INSTRUMENT, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
                            SelfTradePrevention.CANCEL_NEWEST, 10_100, PRICE_EXPONENT, 5, 0);
                        bob.client().newOrder(2, 3, INSTRUMENT, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
                            SelfTradePrevention.CANCEL_NEWEST, 10_100, PRICE_EXPONENT, 5, 0);
                        awaitReports(received, alice, bob, r -> r.template() == OrderFilledDecoder.TEMPLATE_ID, 2);
                        assertThat(received).filteredOn(r -> r.template() == OrderFilledDecoder.TEMPLATE_ID)
                            .hasSize(2).allSatisfy(fill ->
                            {
                                assertThat(fill.quantity()).isEqualTo(5);
                                assertThat(ShardIds.shardOf(fill.orderId())).as("order id of the cluster shard")
                                    .isEqualTo(cluster);
                            });
                    }
                    assertThat(gateway.stop()).isEqualTo(143);
                }
                assertThat(host.stop()).isEqualTo(143);
            }
        }
    }

    /**
     * Lists instrument 1 on the cluster and funds alice's and bob's accounts (1 and 3) there, through a cluster client
     * of the test's own.
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
            assertThat(client.offer(buffer, 0, encoder.addInstrument(buffer, 0, 0, INSTRUMENT, 1, 0, 1, 1, 2, 0, 0,
                0, 10_000, 1_000, 1_000))).isPositive();
            for (final long account : new long[] {1, 3})
            {
                assertThat(client.offer(buffer, 0, encoder.adjustBalance(buffer, 0, 0, account, 0,
                    1_000_000_000_000L))).isPositive();
                assertThat(client.offer(buffer, 0, encoder.adjustBalance(buffer, 0, 0, account, 1,
                    1_000_000_000L))).isPositive();
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
