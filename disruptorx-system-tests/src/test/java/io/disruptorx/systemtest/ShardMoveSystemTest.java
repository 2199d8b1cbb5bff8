package io.disruptorx.systemtest;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.disruptorx.audit.AuditQuery;
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
import io.disruptorx.shard.cli.ShardCommand;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.RoutingTableStore;
import io.disruptorx.shard.routing.ShardIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static io.disruptorx.systemtest.ShardProcesses.ADMIN;
import static io.disruptorx.systemtest.ShardProcesses.LINK;
import static io.disruptorx.systemtest.ShardProcesses.NATIVE;
import static io.disruptorx.systemtest.ShardProcesses.startDx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dx shard move} against running engines, each in a JVM of its own: two {@code dx shard-host} processes and
 * one {@code dx shard-gateway} in front of them. Two clients rest three orders of instrument 1 on the shard that owns
 * it; {@code dx shard move 1 --to OTHER} asks the gateway's move admin as an operator of the gateway's user file
 * (the login and the move are in its audit log), and the gateway halts the instrument at the source, reads its book
 * (TakeSnapshot, over the shard link), moves it out, restores it into the target, switches the route and resumes.
 * Meanwhile bob sends an IOC order every millisecond: those that arrive during the move are answered
 * INSTRUMENT_HALTED, as a halted instrument answers them, and one sent after it trades normally. Then a sell through
 * the same sessions fills the order that was first at its price (the priority survived), a cancel by the original
 * order id finds the moved order, the instrument moves back to the source and again to the target (bob probing as
 * before; the gateway's answer with the times of each move's steps is printed, the first move's and the later
 * ones'), and after both shard hosts stop the target's recovered engine holds the remaining order under its moved
 * id while the source holds no order of it.
 *
 * <p>How it can fail: a move that loses or reorders orders (the fill goes to the second order), a route that does
 * not switch (the cancel answers UNKNOWN_ORDER), a book read that misses the snapshot (the move rolls back), or a
 * shard that keeps the instrument's orders after the move.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ShardMoveSystemTest
{
    private static final Pattern WARM_UP = Pattern.compile("move path warmed up in \\d+ ms");
    private static final Pattern STEPS = Pattern.compile("moved instrument .*; steps ended at \\(ms\\): .*");
    private static final String PASSWORD = "shard";
    private static final int PRICE_EXPONENT = -2;
    private static final int INSTRUMENT = 1;
    private static final long FIRST_PROBE = 1_000;
    private static final long PROBE_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long LINE_WAIT_MS = 60_000;
    private static final String SIGTERM_EXIT = "exit status of a JVM ended by SIGTERM after its shutdown hooks";

    @TempDir
    Path dir;

    @Test
    void shouldMoveARestingBookBetweenShardProcessesWithItsIdsAndPriority() throws Exception
    {
        final RoutingTableStore store = new RoutingTableStore(dir.resolve("routes.txt"));
        store.save(RoutingTable.initial(List.of("shard-0", "shard-1"), 64));
        final int source = store.load().orElseThrow().shardOf(INSTRUMENT);
        final int target = 1 - source;
        final Path[] data = {dir.resolve("shard-0"), dir.resolve("shard-1")};
        prepareShard(data[source], true);
        prepareShard(data[target], false);
        final List<NativeSession.Received> received = new ArrayList<>();
        final long[] ids = new long[3];
        try (ChildJvm shard0 = startDx(List.of("shard-host", "--data-dir", data[0].toString()),
                dir.resolve("shard-0.err"));
            ChildJvm shard1 = startDx(List.of("shard-host", "--data-dir", data[1].toString()),
                dir.resolve("shard-1.err")))
        {
            final String link0 = "127.0.0.1:" + shard0.awaitMatch(LINK, LINE_WAIT_MS).group(1);
            final String link1 = "127.0.0.1:" + shard1.awaitMatch(LINK, LINE_WAIT_MS).group(1);
            try (ChildJvm gateway = startDx(List.of("shard-gateway", "--config",
                    writeGatewayConfig().toString(), "--shard", link0, "--shard", link1, "--table",
                    dir.resolve("routes.txt").toString(), "--admin-port", "0"), dir.resolve("gateway.err")))
            {
                System.out.println("ShardMoveSystemTest: " + gateway.awaitMatch(WARM_UP, LINE_WAIT_MS).group());
                final int admin = Integer.parseInt(gateway.awaitMatch(ADMIN, LINE_WAIT_MS).group(1));
                final int entry = Integer.parseInt(gateway.awaitMatch(NATIVE, LINE_WAIT_MS).group(1));
                final InetSocketAddress address = new InetSocketAddress("127.0.0.1", entry);
                try (NativeSession alice = NativeSession.login(address, "alice", PASSWORD, PRICE_EXPONENT, received);
                    NativeSession bob = NativeSession.login(address, "bob", PASSWORD, PRICE_EXPONENT, received))
                {
                    // two sessions' orders reach the venue in the order they are accepted, not sent: each waits
                    // for the one before, so alice's order at 101.00 is ahead of bob's
                    buy(alice, 1, 1, 10_100, 5);
                    awaitReports(received, alice, bob, r -> r.template() == OrderAcceptedDecoder.TEMPLATE_ID, 1);
                    buy(bob, 2, 3, 10_100, 4);
                    awaitReports(received, alice, bob, r -> r.template() == OrderAcceptedDecoder.TEMPLATE_ID, 2);
                    buy(alice, 3, 1, 9_900, 3);
                    awaitReports(received, alice, bob, r -> r.template() == OrderAcceptedDecoder.TEMPLATE_ID, 3);
                    for (final NativeSession.Received report : received)
                    {
                        ids[(int)report.clientOrderId() - 1] = report.orderId();
                    }

                    final StringWriter answer = new StringWriter();
                    final CompletableFuture<Integer> move = CompletableFuture.supplyAsync(() ->
                        new CommandLine(new ShardCommand()).setOut(new PrintWriter(answer))
                        .execute("move", "1", "--to", "shard-" + target, "--admin", "127.0.0.1:" + admin,
                            "--user", "ops", "--password-file", dir.resolve("ops.password").toString()));
                    final long lastProbe = probeWhileMoving(move, alice, bob, FIRST_PROBE);
                    final int exit = move.get(2, TimeUnit.MINUTES);
                    assertThat(answer.toString()).contains("moved instrument 1 shard-" + source + " -> shard-" +
                        target + ": 3 orders");
                    assertThat(exit).isZero();
                    probe(bob, lastProbe + 1);
                    awaitReports(received, alice, bob, r -> r.clientOrderId() >= FIRST_PROBE && isFinal(r),
                        (int)(lastProbe + 2 - FIRST_PROBE));
                    final List<NativeSession.Received> probes = received.stream()
                        .filter(r -> r.clientOrderId() >= FIRST_PROBE && isFinal(r)).toList();
                    assertThat(probes).as("bob's orders sent during the move: some answered as halted")
                        .anySatisfy(r -> assertThat(r.reason()).isEqualTo(EntryRejectReason.INSTRUMENT_HALTED.value()));
                    System.out.println("ShardMoveSystemTest: " + probes.stream().filter(r -> r.reason() ==
                        EntryRejectReason.INSTRUMENT_HALTED.value()).count() + " of " + probes.size() +
                        " probes answered INSTRUMENT_HALTED");
                    assertThat(probes).as("the order after the move: the instrument trades again")
                        .filteredOn(r -> r.clientOrderId() == lastProbe + 1).singleElement()
                        .satisfies(r -> assertThat(r.template()).isEqualTo(OrderCancelledDecoder.TEMPLATE_ID));
                    System.out.println("ShardMoveSystemTest: dx shard move answered: " + answer.toString().trim());
                    System.out.println("ShardMoveSystemTest: " + gateway.awaitMatch(STEPS, LINE_WAIT_MS).group());

                    received.clear();
                    bob.client().newOrder(4, 3, INSTRUMENT, Side.SELL, OrderType.LIMIT,
                        io.disruptorx.protocol.sbe.orderentry.TimeInForce.GTC, false,
                        SelfTradePrevention.CANCEL_NEWEST, 10_100, PRICE_EXPONENT, 5, 0);
                    awaitReports(received, alice, bob, r -> r.template() == OrderFilledDecoder.TEMPLATE_ID, 2);
                    assertThat(received).filteredOn(r -> r.template() == OrderFilledDecoder.TEMPLATE_ID &&
                        r.account() == 1).singleElement().satisfies(fill ->
                        {
                            assertThat(fill.orderId()).as("the first order at 101.00 fills").isEqualTo(ids[0]);
                            assertThat(fill.quantity()).isEqualTo(5);
                        });

                    received.clear();
                    alice.client().cancel(5, 1, ids[2], 0);
                    awaitReports(received, alice, bob, r -> r.template() == OrderCancelledDecoder.TEMPLATE_ID, 1);
                    assertThat(received).filteredOn(r -> r.template() == OrderCancelledDecoder.TEMPLATE_ID)
                        .singleElement().satisfies(cancel ->
                        {
                            assertThat(cancel.orderId()).isEqualTo(ids[2]);
                            assertThat(cancel.quantity()).isEqualTo(3);
                        });

                    long nextProbe = lastProbe + 2;
                    for (final int to : new int[]{source, target})
                    {
                        nextProbe = moveAgain(admin, to, alice, bob, received, nextProbe);
                        System.out.println("ShardMoveSystemTest: later move: " +
                            gateway.awaitMatch(STEPS, LINE_WAIT_MS).group());
                    }
                }
                assertThat(gateway.stop()).as(SIGTERM_EXIT).isEqualTo(143);
            }
            assertThat(shard0.stop()).as(SIGTERM_EXIT).isEqualTo(143);
            assertThat(shard1.stop()).as(SIGTERM_EXIT).isEqualTo(143);
        }
        final List<String> audited = new ArrayList<>();
        new AuditQuery("ops", 0, Long.MIN_VALUE, Long.MAX_VALUE).run(dir.resolve("audit"), audited::add);
        assertThat(audited).as("the operator's login and move in the gateway's audit log")
            .anySatisfy(line -> assertThat(line).contains("\"event\":\"LOGIN_OK\"", "shard-admin"))
            .anySatisfy(line -> assertThat(line).contains("\"event\":\"COMMAND\"", "answered: moved instrument 1"));
        assertThat(book(data[source])).as("orders left on the source").isEmpty();
        assertThat(book(data[target])).as("orders on the target: bob's, under its moved id")
            .containsExactly(new long[]{ShardIds.movedLocal(ids[1]), 3, 10_100, 4});
    }

    /**
     * Moves the instrument, with its one resting order, while bob probes as during the first move.
     *
     * @return the next free probe id.
     */
    private long moveAgain(
        final int admin, final int to, final NativeSession alice, final NativeSession bob,
        final List<NativeSession.Received> received, final long firstProbe) throws Exception
    {
        received.clear();
        final StringWriter answer = new StringWriter();
        final CompletableFuture<Integer> move = CompletableFuture.supplyAsync(() ->
            new CommandLine(new ShardCommand()).setOut(new PrintWriter(answer))
            .execute("move", "1", "--to", "shard-" + to, "--admin", "127.0.0.1:" + admin,
                "--user", "ops", "--password-file", dir.resolve("ops.password").toString()));
        final long lastProbe = probeWhileMoving(move, alice, bob, firstProbe);
        assertThat(move.get(2, TimeUnit.MINUTES)).isZero();
        assertThat(answer.toString()).contains("moved instrument 1 shard-" + (1 - to) + " -> shard-" + to +
            ": 1 orders");
        awaitReports(received, alice, bob, r -> r.clientOrderId() >= firstProbe && isFinal(r),
            (int)(lastProbe + 1 - firstProbe));
        return lastProbe + 1;
    }

    /**
     * Bob sends a 1-lot IOC buy far below the book every millisecond while the move runs: each is answered
     * {@code INSTRUMENT_HALTED} while the instrument moves, else accepted and its remainder cancelled.
     *
     * @return the last probe's client order id.
     */
    private static long probeWhileMoving(
        final CompletableFuture<Integer> move, final NativeSession alice, final NativeSession bob,
        final long firstProbe)
    {
        long probe = firstProbe;
        final long start = System.nanoTime();
        final long deadline = start + TimeUnit.MINUTES.toNanos(2);
        long due = start;
        while (!move.isDone() && System.nanoTime() < deadline)
        {
            probe(bob, probe++);
            alice.client().poll(alice);
            bob.client().poll(bob);
            due += PROBE_EVERY_NANOS;
            parkUntil(due);
        }
        return probe - 1;
    }

    /**
     * Parks until a point of the probes' fixed schedule (a late probe does not push the later ones back), polling
     * nothing in between: the sessions' answers wait in their sockets until the next probe.
     */
    private static void parkUntil(final long due)
    {
        long left;
        while ((left = due - System.nanoTime()) > 0)
        {
            LockSupport.parkNanos(left);
        }
    }

    private static void probe(final NativeSession bob, final long clientOrderId)
    {
        bob.client().newOrder(clientOrderId, 3, INSTRUMENT, Side.BUY, OrderType.LIMIT,
            io.disruptorx.protocol.sbe.orderentry.TimeInForce.IOC, false, SelfTradePrevention.CANCEL_NEWEST, 9_000,
            PRICE_EXPONENT, 1, 0);
    }

    private static boolean isFinal(final NativeSession.Received report)
    {
        return report.template() == OrderRejectedDecoder.TEMPLATE_ID ||
            report.template() == OrderCancelledDecoder.TEMPLATE_ID;
    }

    private static void buy(
        final NativeSession session, final long clientOrderId, final long account, final long price,
        final long quantity)
    {
        session.client().newOrder(clientOrderId, account, INSTRUMENT, Side.BUY, OrderType.LIMIT,
            io.disruptorx.protocol.sbe.orderentry.TimeInForce.GTC, false, SelfTradePrevention.CANCEL_NEWEST, price,
            PRICE_EXPONENT, quantity, 0);
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
            Thread.yield();
        }
        assertThat(received.stream().filter(kind).count()).as("reports so far: %s", received).isEqualTo(count);
    }

    /**
     * @return the instrument's resting orders on a stopped shard, in priority order: {local id, account, price,
     * open quantity} each.
     */
    private static List<long[]> book(final Path data)
    {
        final List<long[]> orders = new ArrayList<>();
        try (EmbeddedNode node = EmbeddedNode.start(config(data), null, null))
        {
            node.close();
            final MatchingEngine engine = node.engineAfterClose();
            engine.moves().visitBook(INSTRUMENT, new InstrumentMoves.BookVisitor()
            {
                @Override
                public void onInstrument(
                    final int id, final int baseAssetId, final int quoteAssetId, final long tickSize,
                    final long lotSize, final int priceScale, final int quantityScale, final long makerFeePerLot,
                    final long takerFeePerLot, final long referencePrice, final int priceBandBps,
                    final int marketProtectionBps)
                {
                }

                @Override
                public void onOrder(
                    final long orderId, final long accountId, final long clientOrderId,
                    final io.disruptorx.engine.Side side, final TimeInForce timeInForce, final long price,
                    final long openQuantity, final long entryTime, final int heldAssetId, final long hold)
                {
                    orders.add(new long[]{orderId, accountId, price, openQuantity});
                }
            });
        }
        return orders;
    }

    private static NodeConfig config(final Path data)
    {
        return NodeConfig.defaults(data).withSegmentSize(4 * 1024 * 1024);
    }

    private static void prepareShard(final Path data, final boolean listsInstrument)
    {
        try (EmbeddedNode node = EmbeddedNode.start(config(data), null, null))
        {
            final NodeClient client = node.newClient(true);
            if (listsInstrument)
            {
                client.addInstrument(INSTRUMENT, 1, 0, 1, 1, 2, 0, 1, 2, 10_000, 1_000, 1_000);
            }
            long last = 0;
            for (final long account : new long[]{1, 3})
            {
                client.adjustBalance(account, 0, 1_000_000_000_000L);
                last = client.adjustBalance(account, 1, 1_000_000_000L);
            }
            while (node.appliedSequence() < last)
            {
                Thread.yield();
            }
        }
    }

    /**
     * The gateway's config with a user file (hot reloaded) holding the two traders and the operator the move
     * admin needs, and an audit log.
     */
    private Path writeGatewayConfig() throws IOException
    {
        return ShardProcesses.writeGatewayConfig(dir, ShardProcesses.writeUsers(dir, PASSWORD), PASSWORD);
    }
}
