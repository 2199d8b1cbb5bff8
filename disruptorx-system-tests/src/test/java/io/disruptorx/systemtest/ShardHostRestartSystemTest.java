package io.disruptorx.systemtest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

import io.disruptorx.core.process.ChildJvm;
import io.disruptorx.engine.InstrumentMoves;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.disruptorx.systemtest.ShardProcesses.LINE_WAIT_MS;
import static io.disruptorx.systemtest.ShardProcesses.NATIVE;
import static io.disruptorx.systemtest.ShardProcesses.awaitPort;
import static io.disruptorx.systemtest.ShardProcesses.link;
import static io.disruptorx.systemtest.ShardProcesses.startGateway;
import static io.disruptorx.systemtest.ShardProcesses.startShardHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A shard host killed (SIGKILL) and restarted on its journal under a running {@code dx shard-gateway}, with orders in
 * flight: bob sends a GTC order every 100 us through the gateway's binary order entry while the host dies, stays
 * down and comes back on the same link address. The gateway's link to it connects again by itself (no gateway
 * restart): the restarted host reads back what its journal holds of the commands the gateway had not seen answered
 * and the events the gateway lacks, takes again only the commands it lost, and sends the lost events.
 *
 * <p>Asserted: every order bob sent is answered exactly once, accepted or rejected (while the host is down the
 * gateway refuses them {@code VENUE_UNAVAILABLE}; none is refused as a duplicate); after the restart the same two
 * sessions trade on: a new order rests, a sell fills alice's best order rested before the kill, and a cancel finds
 * another; after both processes stop, the shard's recovered engine holds exactly the orders the clients were told
 * rest (each client order id once, alice's 8 and bob's accepted ones, an order answered {@code UNKNOWN_STATUS}
 * possibly), and both assets' totals over the accounts are the deposits (no fees).
 *
 * <p>How it can fail: a link that stays lost (no answer after the restart), a command lost with the old process (an
 * order never answered) or applied twice (answered twice, refused as a duplicate, or resting twice), an event lost
 * (an order the engine rests but the client was never told of), or money made or lost by the recovery.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ShardHostRestartSystemTest
{
    private static final String PASSWORD = "shard";
    private static final int PRICE_EXPONENT = -2;
    private static final int INSTRUMENT = 1;
    private static final int ALICE_ORDERS = 10;
    private static final long FIRST_BOB = 1_000;
    private static final int BOB_BEFORE_KILL = 400;
    private static final int BOB_WHILE_DOWN = 200;
    private static final long SEND_EVERY_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final long QUOTE_DEPOSIT = 1_000_000_000_000L;
    private static final long BASE_DEPOSIT = 1_000_000_000L;
    private static final String SIGTERM_EXIT = "exit status of a JVM ended by SIGTERM after its shutdown hooks";

    @TempDir
    Path dir;

    @Test
    void shouldReconnectAndAnswerEveryOrderOnceAfterTheShardHostIsKilledAndRestarted() throws Exception
    {
        new RoutingTableStore(dir.resolve("routes.txt")).save(RoutingTable.initial(List.of("shard-0"), 64));
        final Path data = dir.resolve("shard-0");
        prepareShard(data);
        final List<NativeSession.Received> received = new ArrayList<>();
        final Map<Long, Long> aliceIds = new HashMap<>();
        ChildJvm host = startShardHost(dir, "shard-0", data);
        try
        {
            final String link = link(host);
            try (ChildJvm gateway = startGateway(dir, ShardProcesses.writeGatewayConfig(dir, "", PASSWORD),
                List.of(link)))
            {
                final InetSocketAddress address = new InetSocketAddress("127.0.0.1", awaitPort(gateway, NATIVE));
                try (NativeSession alice = NativeSession.login(address, "alice", PASSWORD, PRICE_EXPONENT, received);
                    NativeSession bob = NativeSession.login(address, "bob", PASSWORD, PRICE_EXPONENT, received))
                {
                    for (int i = 1; i <= ALICE_ORDERS; i++)
                    {
                        order(alice, i, 1, Side.BUY, io.disruptorx.protocol.sbe.orderentry.TimeInForce.GTC,
                            9_100 + i, 2);
                    }
                    awaitReports(received, alice, bob, r -> r.account() == 1 &&
                        r.template() == OrderAcceptedDecoder.TEMPLATE_ID, ALICE_ORDERS);
                    received.forEach(r -> aliceIds.put(r.clientOrderId(), r.orderId()));

                    long next = FIRST_BOB;
                    next = send(bob, alice, next, BOB_BEFORE_KILL);
                    assertThat(host.kill()).as("exit status of a JVM killed by SIGKILL").isEqualTo(137);
                    next = send(bob, alice, next, BOB_WHILE_DOWN);
                    host = startShardHost(dir, "shard-0-restarted", data, "--link", link);
                    System.out.println("ShardHostRestartSystemTest: " +
                        host.awaitMatch(Pattern.compile("recovered to sequence \\d+"), LINE_WAIT_MS).group());
                    link(host);
                    final long bobSent = next - FIRST_BOB;
                    awaitReports(received, alice, bob, r -> r.account() == 3 && isAnswer(r), (int)bobSent);

                    final Map<Long, List<NativeSession.Received>> answers = new TreeMap<>();
                    received.stream().filter(r -> r.account() == 3 && isAnswer(r))
                        .forEach(r -> answers.computeIfAbsent(r.clientOrderId(), id -> new ArrayList<>()).add(r));
                    assertThat(answers).as("bob's orders, each answered").hasSize((int)bobSent);
                    assertThat(answers.values()).as("answers per order").allSatisfy(list ->
                        assertThat(list).hasSize(1));
                    final Map<Integer, Long> reasons = new TreeMap<>();
                    answers.values().stream().map(list -> list.get(0))
                        .filter(r -> r.template() == OrderRejectedDecoder.TEMPLATE_ID)
                        .forEach(r -> reasons.merge(r.reason(), 1L, Long::sum));
                    System.out.println("ShardHostRestartSystemTest: of " + bobSent + " orders, rejected by reason " +
                        "code: " + reasons + "; the gateway: " + lines(dir.resolve("gateway.err"), "restarted") +
                        "; the shard host: " + lines(dir.resolve("shard-0-restarted.err"), "before the restart"));
                    assertThat(reasons.keySet()).as("only refusals while the host was down, or unknown outcomes")
                        .isSubsetOf(Set.of((int)EntryRejectReason.VENUE_UNAVAILABLE.value(),
                            (int)EntryRejectReason.VENUE_BUSY.value(), (int)EntryRejectReason.UNKNOWN_STATUS.value()));
                    assertThat(lines(dir.resolve("gateway.err"), "restarted"))
                        .as("the gateway's link met the restarted host").isNotEmpty();

                    order(bob, 5_000, 3, Side.BUY, io.disruptorx.protocol.sbe.orderentry.TimeInForce.GTC, 9_001, 1);
                    order(bob, 5_001, 3, Side.SELL, io.disruptorx.protocol.sbe.orderentry.TimeInForce.IOC, 9_110, 2);
                    alice.client().cancel(5_002, 1, aliceIds.get(9L), 0);
                    awaitReports(received, alice, bob, r -> r.template() == OrderFilledDecoder.TEMPLATE_ID, 2);
                    awaitReports(received, alice, bob, r -> r.template() == OrderCancelledDecoder.TEMPLATE_ID, 1);
                    assertThat(received).filteredOn(r -> r.template() == OrderAcceptedDecoder.TEMPLATE_ID &&
                        r.clientOrderId() == 5_000).hasSize(1);
                    assertThat(received).filteredOn(r -> r.template() == OrderFilledDecoder.TEMPLATE_ID &&
                        r.account() == 1).singleElement().satisfies(fill ->
                        {
                            assertThat(fill.orderId()).as("alice's best order, resting since before the kill")
                                .isEqualTo(aliceIds.get(10L));
                            assertThat(fill.quantity()).isEqualTo(2);
                        });
                    assertThat(received).filteredOn(r -> r.template() == OrderCancelledDecoder.TEMPLATE_ID)
                        .singleElement().satisfies(cancel -> assertThat(cancel.orderId()).isEqualTo(aliceIds.get(9L)));
                    assertThat(alice.outOfSequence() + bob.outOfSequence()).as("session sequence gaps").isZero();
                    assertThat(received.stream().filter(r -> r.account() == 3 && isAnswer(r) &&
                        r.clientOrderId() < 5_000).count()).as("bob's answers, none repeated since").isEqualTo(bobSent);

                    final Set<Long> accepted = new HashSet<>(List.of(5_000L));
                    final Set<Long> unknown = new HashSet<>();
                    answers.forEach((id, list) ->
                    {
                        if (list.get(0).template() == OrderAcceptedDecoder.TEMPLATE_ID)
                        {
                            accepted.add(id);
                        }
                        else if (list.get(0).reason() == EntryRejectReason.UNKNOWN_STATUS.value())
                        {
                            unknown.add(id);
                        }
                    });
                    assertThat(gateway.stop()).as(SIGTERM_EXIT).isEqualTo(143);
                    assertThat(host.stop()).as(SIGTERM_EXIT).isEqualTo(143);
                    checkShard(data, accepted, unknown);
                }
            }
        }
        finally
        {
            host.close();
        }
    }

    /**
     * The stopped shard's recovered engine: alice's orders 1 to 8 (9 was cancelled, 10 filled), bob's accepted
     * ones, each once, perhaps some answered unknown; every asset's total is the deposits.
     */
    private static void checkShard(final Path data, final Set<Long> accepted, final Set<Long> unknown)
    {
        final List<long[]> book = new ArrayList<>();
        final MatchingEngine engine;
        try (EmbeddedNode node = EmbeddedNode.start(config(data), null, null))
        {
            node.close();
            engine = node.engineAfterClose();
        }
        engine.moves().visitBook(INSTRUMENT, new InstrumentMoves.BookVisitor()
        {
            @Override
            public void onInstrument(
                final int id, final int baseAssetId, final int quoteAssetId, final long tickSize, final long lotSize,
                final int priceScale, final int quantityScale, final long makerFeePerLot, final long takerFeePerLot,
                final long referencePrice, final int priceBandBps, final int marketProtectionBps)
            {
            }

            @Override
            public void onOrder(
                final long orderId, final long accountId, final long clientOrderId,
                final io.disruptorx.engine.Side side, final TimeInForce timeInForce, final long price,
                final long openQuantity, final long entryTime, final int heldAssetId, final long hold)
            {
                book.add(new long[]{accountId, clientOrderId});
            }
        });
        final List<Long> alice = book.stream().filter(o -> o[0] == 1).map(o -> o[1]).sorted().toList();
        assertThat(alice).as("alice's resting orders").containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        final List<Long> bob = book.stream().filter(o -> o[0] == 3).map(o -> o[1]).toList();
        assertThat(new HashSet<>(bob)).as("bob's resting orders, each once").hasSameSizeAs(bob)
            .containsAll(accepted);
        final Set<Long> beyond = new HashSet<>(bob);
        beyond.removeAll(accepted);
        assertThat(beyond).as("resting orders no client was told of, but as unknown").isSubsetOf(unknown);
        for (final int asset : new int[]{0, 1})
        {
            assertThat(engine.balance(1, asset) + engine.balance(3, asset)).as("total of asset %d", asset)
                .isEqualTo(2 * (asset == 0 ? QUOTE_DEPOSIT : BASE_DEPOSIT));
        }
    }

    /**
     * Sends bob's GTC buys far below alice's, one every 100 us, reading both sessions as it goes.
     *
     * @return the next free client order id.
     */
    private static long send(final NativeSession bob, final NativeSession alice, final long first, final int count)
    {
        long due = System.nanoTime();
        for (long id = first; id < first + count; id++)
        {
            order(bob, id, 3, Side.BUY, io.disruptorx.protocol.sbe.orderentry.TimeInForce.GTC, 9_050 + id % 50, 1);
            bob.client().poll(bob);
            alice.client().poll(alice);
            due += SEND_EVERY_NANOS;
            long left;
            while ((left = due - System.nanoTime()) > 0)
            {
                LockSupport.parkNanos(left);
            }
        }
        return first + count;
    }

    private static void order(
        final NativeSession session, final long clientOrderId, final long account, final Side side,
        final io.disruptorx.protocol.sbe.orderentry.TimeInForce timeInForce, final long price, final long quantity)
    {
        session.client().newOrder(clientOrderId, account, INSTRUMENT, side, OrderType.LIMIT, timeInForce, false,
            SelfTradePrevention.CANCEL_NEWEST, price, PRICE_EXPONENT, quantity, 0);
    }

    private static boolean isAnswer(final NativeSession.Received report)
    {
        return report.template() == OrderAcceptedDecoder.TEMPLATE_ID ||
            report.template() == OrderRejectedDecoder.TEMPLATE_ID;
    }

    private static void awaitReports(
        final List<NativeSession.Received> received, final NativeSession alice, final NativeSession bob,
        final java.util.function.Predicate<NativeSession.Received> kind, final int count)
    {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() ->
        {
            alice.client().poll(alice);
            bob.client().poll(bob);
            return received.stream().filter(kind).count() >= count;
        });
        assertThat(received.stream().filter(kind).count()).as("reports so far").isEqualTo(count);
    }

    private static List<String> lines(final Path file, final String text) throws IOException
    {
        return Files.readAllLines(file).stream().filter(line -> line.contains(text)).toList();
    }

    private static NodeConfig config(final Path data)
    {
        return NodeConfig.defaults(data).withSegmentSize(4 * 1024 * 1024);
    }

    private static void prepareShard(final Path data)
    {
        try (EmbeddedNode node = EmbeddedNode.start(config(data), null, null))
        {
            final NodeClient client = node.newClient(true);
            client.addInstrument(INSTRUMENT, 1, 0, 1, 1, 2, 0, 0, 0, 10_000, 1_000, 1_000);
            long last = 0;
            for (final long account : new long[]{1, 3})
            {
                client.adjustBalance(account, 0, QUOTE_DEPOSIT);
                last = client.adjustBalance(account, 1, BASE_DEPOSIT);
            }
            final long applied = last;
            await().atMost(Duration.ofSeconds(30)).until(() -> node.appliedSequence() >= applied);
        }
    }
}
