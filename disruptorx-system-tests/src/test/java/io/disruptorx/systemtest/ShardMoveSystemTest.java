package io.disruptorx.systemtest;

import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.disruptorx.audit.AuditQuery;
import io.disruptorx.core.process.ChildJvm;
import io.disruptorx.protocol.sbe.orderentry.EntryRejectReason;
import io.disruptorx.protocol.sbe.orderentry.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderCancelledDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderFilledDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderRejectedDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderType;
import io.disruptorx.protocol.sbe.orderentry.SelfTradePrevention;
import io.disruptorx.protocol.sbe.orderentry.Side;
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
import static io.disruptorx.systemtest.ShardMoveSessions.prepareShards;
import static io.disruptorx.systemtest.ShardMoveSessions.probe;
import static io.disruptorx.systemtest.ShardProcesses.ADMIN;
import static io.disruptorx.systemtest.ShardProcesses.LINE_WAIT_MS;
import static io.disruptorx.systemtest.ShardProcesses.NATIVE;
import static io.disruptorx.systemtest.ShardProcesses.awaitPort;
import static io.disruptorx.systemtest.ShardProcesses.link;
import static io.disruptorx.systemtest.ShardProcesses.startGateway;
import static io.disruptorx.systemtest.ShardProcesses.startShardHost;
import static io.disruptorx.systemtest.ShardProcesses.writeOperatedGatewayConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dx shard move} against running engines, each in a JVM of its own: two {@code dx shard-host} processes and
 * one {@code dx shard-gateway} in front of them, the only one ({@code --single-gateway}: its restores go with MoveOut,
 * as its log line says). Two clients rest three orders of instrument 1 on the shard that owns
 * it; {@code dx shard move 1 --to OTHER} asks the gateway's move admin as an operator of the gateway's user file
 * (the login and the move are in its audit log), and the gateway halts the instrument at the source, reads its book
 * (TakeSnapshot, over the shard link), moves it out, restores it into the target, switches the route and resumes.
 * Meanwhile bob sends an IOC order every millisecond: those that arrive during the move are answered
 * INSTRUMENT_HALTED, as a halted instrument answers them, and one sent after it trades normally (shard 1's process,
 * source or target, is frozen with SIGSTOP during the first move until one probe has been refused, so that move
 * cannot end before a probe arrived: on a busy machine none may reach the gateway in a 20 ms move; shard 0, which
 * keeps the move lock, runs). Then a sell through
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
    private static final Pattern STEPS = Pattern.compile("moved instrument .*; restores with MoveOut \\(single " +
        "gateway\\); steps ended at \\(ms\\): .*");
    private static final String PASSWORD = "shard";
    private static final long FIRST_PROBE = 1_000;
    private static final long PROBE_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final String SIGTERM_EXIT = "exit status of a JVM ended by SIGTERM after its shutdown hooks";

    @TempDir
    Path dir;

    @Test
    void shouldMoveARestingBookBetweenShardProcessesWithItsIdsAndPriority() throws Exception
    {
        final int source = prepareShards(dir);
        final int target = 1 - source;
        final Path[] data = {dir.resolve("shard-0"), dir.resolve("shard-1")};
        final List<NativeSession.Received> received = new ArrayList<>();
        final long[] ids = new long[3];
        try (ChildJvm shard0 = startShardHost(dir, "shard-0", data[0]);
            ChildJvm shard1 = startShardHost(dir, "shard-1", data[1]))
        {
            final List<String> links = List.of(link(shard0), link(shard1));
            try (ChildJvm gateway = startGateway(dir, writeOperatedGatewayConfig(dir, PASSWORD), links,
                "--single-gateway"))
            {
                System.out.println("ShardMoveSystemTest: " + gateway.awaitMatch(WARM_UP, LINE_WAIT_MS).group());
                final int admin = awaitPort(gateway, ADMIN);
                final InetSocketAddress address = new InetSocketAddress("127.0.0.1", awaitPort(gateway, NATIVE));
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

                    // shard 1 is frozen until a probe has been answered INSTRUMENT_HALTED: as the source it cannot
                    // answer the halt, as the target not restore, so the move cannot end before the gateway refused
                    // one of bob's orders, however the machine schedules its threads (shard 0 keeps the move lock,
                    // whose claim comes before the halt: it runs)
                    final ChildJvm frozen = shard1;
                    frozen.pause();
                    final StringWriter answer = new StringWriter();
                    final CompletableFuture<Integer> move = move(dir, admin, target, answer);
                    final long lastProbe = probeWhileMoving(move, alice, bob, FIRST_PROBE, received, frozen);
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
        final CompletableFuture<Integer> move = move(dir, admin, to, answer);
        final long lastProbe = probeWhileMoving(move, alice, bob, firstProbe, received, null);
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
     * @param frozen a shard host paused until the first probe answered {@code INSTRUMENT_HALTED} (then resumed), or
     *               {@code null}.
     * @return the last probe's client order id.
     */
    private static long probeWhileMoving(
        final CompletableFuture<Integer> move, final NativeSession alice, final NativeSession bob,
        final long firstProbe, final List<NativeSession.Received> received, final ChildJvm frozen)
        throws InterruptedException
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
            if (frozen != null && frozen.isPaused() && received.stream().anyMatch(r ->
                r.clientOrderId() >= firstProbe && r.template() == OrderRejectedDecoder.TEMPLATE_ID &&
                r.reason() == EntryRejectReason.INSTRUMENT_HALTED.value()))
            {
                frozen.resume();
            }
            due += PROBE_EVERY_NANOS;
            parkUntil(due);
        }
        return probe - 1;
    }
}
