package io.disruptorx.systemtest;

import java.io.IOException;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.disruptorx.core.process.ChildJvm;
import io.disruptorx.protocol.sbe.orderentry.EntryRejectReason;
import io.disruptorx.protocol.sbe.orderentry.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderCancelledDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderFilledDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderRejectedDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderType;
import io.disruptorx.protocol.sbe.orderentry.SelfTradePrevention;
import io.disruptorx.protocol.sbe.orderentry.Side;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.RoutingTableStore;
import io.disruptorx.shard.routing.ShardIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.disruptorx.systemtest.ShardMoveSessions.INSTRUMENT;
import static io.disruptorx.systemtest.ShardMoveSessions.PRICE_EXPONENT;
import static io.disruptorx.systemtest.ShardMoveSessions.awaitReports;
import static io.disruptorx.systemtest.ShardMoveSessions.book;
import static io.disruptorx.systemtest.ShardMoveSessions.buy;
import static io.disruptorx.systemtest.ShardMoveSessions.isFinal;
import static io.disruptorx.systemtest.ShardMoveSessions.move;
import static io.disruptorx.systemtest.ShardMoveSessions.parkUntil;
import static io.disruptorx.systemtest.ShardMoveSessions.prepareShard;
import static io.disruptorx.systemtest.ShardMoveSessions.probe;
import static io.disruptorx.systemtest.ShardProcesses.ADMIN;
import static io.disruptorx.systemtest.ShardProcesses.LINE_WAIT_MS;
import static io.disruptorx.systemtest.ShardProcesses.NATIVE;
import static io.disruptorx.systemtest.ShardProcesses.awaitPort;
import static io.disruptorx.systemtest.ShardProcesses.link;
import static io.disruptorx.systemtest.ShardProcesses.startShardHost;
import static io.disruptorx.systemtest.ShardProcesses.writeOperatedGatewayConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two {@code dx shard-gateway} processes in front of the same two {@code dx shard-host} processes, each gateway with
 * its own routing table file and move journal (copies of one initial table): alice trades through the first, bob
 * through the second. {@code dx shard move} asks the first gateway (as configured by default, so its restores wait
 * for MoveOut's answer, as its log line says); the second learns the move from the shards' events. While the move
 * runs bob sends an IOC order every millisecond through the second gateway: each is answered, either
 * {@code INSTRUMENT_HALTED} or traded as usual, and once the second gateway has followed the move one trades on the
 * target. Then bob's sell through the second gateway fills alice's order
 * (first in priority) on the target, bob's cancel by an order's original id finds it there, both table files say
 * version 2 with the instrument on the target, and the second gateway, restarted on its files, still cancels a moved
 * order by its original id. After the hosts stop, the source holds no order of the instrument and the target none left.
 *
 * <p>How it can fail: the second gateway routing by the old table after the move (its orders answered halted by the
 * source for ever, its cancels {@code UNKNOWN_ORDER}), a probe not answered, or a moved order lost or doubled.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ShardTwoGatewaySystemTest
{
    private static final Pattern MOVED = Pattern.compile("moved instrument .*; steps ended at \\(ms\\): .*");
    private static final String PASSWORD = "shard";
    private static final long FIRST_PROBE = 1_000;
    private static final long PROBE_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final String SIGTERM_EXIT = "exit status of a JVM ended by SIGTERM after its shutdown hooks";

    @TempDir
    Path dir;

    @Test
    void shouldHaveASecondGatewayFollowAMoveTheFirstMakes() throws Exception
    {
        final Path dirA = Files.createDirectories(dir.resolve("gateway-a"));
        final Path dirB = Files.createDirectories(dir.resolve("gateway-b"));
        final RoutingTable initial = RoutingTable.initial(List.of("shard-0", "shard-1"), 64);
        new RoutingTableStore(dirA.resolve("routes.txt")).save(initial);
        new RoutingTableStore(dirB.resolve("routes.txt")).save(initial);
        final int source = initial.shardOf(INSTRUMENT);
        final int target = 1 - source;
        final Path[] data = {dir.resolve("shard-0"), dir.resolve("shard-1")};
        prepareShard(data[source], true);
        prepareShard(data[target], false);
        final List<NativeSession.Received> received = new ArrayList<>();
        final long[] ids = new long[3];
        try (ChildJvm shard0 = startShardHost(dir, "shard-0", data[0]);
            ChildJvm shard1 = startShardHost(dir, "shard-1", data[1]))
        {
            final List<String> links = List.of(link(shard0), link(shard1));
            try (ChildJvm gatewayA = startGateway(dirA, links);
                ChildJvm gatewayB = startGateway(dirB, links))
            {
                final int admin = awaitPort(gatewayA, ADMIN);
                final InetSocketAddress entryA = new InetSocketAddress("127.0.0.1", awaitPort(gatewayA, NATIVE));
                final InetSocketAddress entryB = new InetSocketAddress("127.0.0.1", awaitPort(gatewayB, NATIVE));
                try (NativeSession alice = NativeSession.login(entryA, "alice", PASSWORD, PRICE_EXPONENT, received);
                    NativeSession bob = NativeSession.login(entryB, "bob", PASSWORD, PRICE_EXPONENT, received))
                {
                    buy(alice, 1, 1, 10_100, 5);
                    awaitReports(received, alice, bob, r -> r.template() == OrderAcceptedDecoder.TEMPLATE_ID, 1);
                    buy(bob, 2, 3, 10_100, 4);
                    awaitReports(received, alice, bob, r -> r.template() == OrderAcceptedDecoder.TEMPLATE_ID, 2);
                    buy(bob, 3, 3, 9_900, 3);
                    awaitReports(received, alice, bob, r -> r.template() == OrderAcceptedDecoder.TEMPLATE_ID, 3);
                    for (final NativeSession.Received report : received)
                    {
                        ids[(int)report.clientOrderId() - 1] = report.orderId();
                    }

                    received.clear();
                    final StringWriter answer = new StringWriter();
                    final CompletableFuture<Integer> move = move(dirA, admin, target, answer);
                    long probe = FIRST_PROBE;
                    final long start = System.nanoTime();
                    long due = start;
                    long afterMove = Long.MAX_VALUE;
                    boolean traded = false;
                    while (!traded && System.nanoTime() - start < TimeUnit.MINUTES.toNanos(2))
                    {
                        if (afterMove == Long.MAX_VALUE && move.isDone())
                        {
                            afterMove = probe;
                        }
                        probe(bob, probe++);
                        alice.client().poll(alice);
                        bob.client().poll(bob);
                        final long first = afterMove;
                        traded = received.stream().anyMatch(r -> r.clientOrderId() >= first &&
                            r.template() == OrderCancelledDecoder.TEMPLATE_ID);
                        due += PROBE_EVERY_NANOS;
                        parkUntil(due);
                    }
                    assertThat(traded).as("a probe sent after the move trades through the second gateway").isTrue();
                    assertThat(move.get(2, TimeUnit.MINUTES)).isZero();
                    assertThat(answer.toString()).contains("moved instrument 1 shard-" + source + " -> shard-" +
                        target + ": 3 orders");
                    System.out.println("ShardTwoGatewaySystemTest: dx shard move answered: " +
                        answer.toString().trim());
                    assertThat(gatewayA.awaitMatch(MOVED, LINE_WAIT_MS).group()).as("by default")
                        .contains("; restores after MoveOut; ");
                    final long probes = probe - FIRST_PROBE;
                    awaitReports(received, alice, bob, r -> r.clientOrderId() >= FIRST_PROBE && isFinal(r),
                        (int)probes);
                    final List<NativeSession.Received> answers = received.stream()
                        .filter(r -> r.clientOrderId() >= FIRST_PROBE && isFinal(r)).toList();
                    assertThat(answers).as("each probe through the second gateway: halted or traded (its IOC rest " +
                        "cancelled)").allSatisfy(r -> assertThat(r.template() == OrderCancelledDecoder.TEMPLATE_ID ||
                        r.reason() == EntryRejectReason.INSTRUMENT_HALTED.value()).isTrue());
                    System.out.println("ShardTwoGatewaySystemTest: " + answers.stream().filter(r -> r.template() ==
                        OrderRejectedDecoder.TEMPLATE_ID).count() + " of " + answers.size() +
                        " probes through the second gateway answered INSTRUMENT_HALTED");

                    received.clear();
                    bob.client().newOrder(4, 3, INSTRUMENT, Side.SELL, OrderType.LIMIT,
                        io.disruptorx.protocol.sbe.orderentry.TimeInForce.GTC, false,
                        SelfTradePrevention.CANCEL_NEWEST, 10_100, PRICE_EXPONENT, 5, 0);
                    awaitReports(received, alice, bob, r -> r.template() == OrderFilledDecoder.TEMPLATE_ID, 2);
                    assertThat(received).filteredOn(r -> r.template() == OrderFilledDecoder.TEMPLATE_ID &&
                        r.account() == 1).singleElement().satisfies(fill ->
                        {
                            assertThat(fill.orderId()).as("alice's order, first at 101.00, fills").isEqualTo(ids[0]);
                            assertThat(fill.quantity()).isEqualTo(5);
                        });

                    received.clear();
                    bob.client().cancel(5, 3, ids[2], 0);
                    awaitReports(received, alice, bob, r -> r.template() == OrderCancelledDecoder.TEMPLATE_ID, 1);
                    assertThat(received).filteredOn(r -> r.template() == OrderCancelledDecoder.TEMPLATE_ID)
                        .singleElement().satisfies(cancel -> assertThat(cancel.orderId()).isEqualTo(ids[2]));
                }
                assertThat(gatewayB.stop()).as(SIGTERM_EXIT).isEqualTo(143);
                for (final Path gatewayDir : new Path[]{dirA, dirB})
                {
                    final RoutingTable stored = new RoutingTableStore(gatewayDir.resolve("routes.txt")).load()
                        .orElseThrow();
                    assertThat(stored.version()).as("both gateways' tables: the same version").isEqualTo(2);
                    assertThat(stored.shardOf(INSTRUMENT)).isEqualTo(target);
                }

                try (ChildJvm restartedB = startGateway(dirB, links))
                {
                    final InetSocketAddress entry = new InetSocketAddress("127.0.0.1", awaitPort(restartedB, NATIVE));
                    try (NativeSession bob = NativeSession.login(entry, "bob", PASSWORD, PRICE_EXPONENT, received))
                    {
                        received.clear();
                        bob.client().cancel(6, 3, ids[1], 0);
                        awaitReports(received, bob, bob, r -> r.template() == OrderCancelledDecoder.TEMPLATE_ID, 1);
                        assertThat(received).filteredOn(r -> r.template() == OrderCancelledDecoder.TEMPLATE_ID)
                            .singleElement().satisfies(cancel ->
                            {
                                assertThat(cancel.orderId()).as("restarted, it still routes the moved order")
                                    .isEqualTo(ids[1]);
                                assertThat(cancel.quantity()).isEqualTo(4);
                            });
                    }
                    assertThat(restartedB.stop()).as(SIGTERM_EXIT).isEqualTo(143);
                }
                assertThat(gatewayA.stop()).as(SIGTERM_EXIT).isEqualTo(143);
            }
            assertThat(shard0.stop()).as(SIGTERM_EXIT).isEqualTo(143);
            assertThat(shard1.stop()).as(SIGTERM_EXIT).isEqualTo(143);
        }
        assertThat(book(data[source])).as("orders left on the source").isEmpty();
        assertThat(book(data[target])).as("orders left on the target").isEmpty();
        assertThat(ShardIds.shardOf(ids[1])).as("a global id of the source").isEqualTo(source);
    }

    private static ChildJvm startGateway(final Path gatewayDir, final List<String> links) throws IOException
    {
        return ShardProcesses.startGateway(gatewayDir, writeOperatedGatewayConfig(gatewayDir, PASSWORD), links);
    }
}
