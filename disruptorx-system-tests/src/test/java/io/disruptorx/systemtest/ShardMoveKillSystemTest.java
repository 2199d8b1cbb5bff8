package io.disruptorx.systemtest;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.disruptorx.core.process.ChildJvm;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.protocol.sbe.orderentry.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderCancelledDecoder;
import io.disruptorx.shard.move.MoveStep;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.RoutingTableStore;
import io.disruptorx.shard.routing.ShardIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.disruptorx.systemtest.ShardKills.engine;
import static io.disruptorx.systemtest.ShardKills.host;
import static io.disruptorx.systemtest.ShardKills.moveSteps;
import static io.disruptorx.systemtest.ShardMoveSessions.INSTRUMENT;
import static io.disruptorx.systemtest.ShardMoveSessions.PRICE_EXPONENT;
import static io.disruptorx.systemtest.ShardMoveSessions.awaitReports;
import static io.disruptorx.systemtest.ShardMoveSessions.book;
import static io.disruptorx.systemtest.ShardMoveSessions.buy;
import static io.disruptorx.systemtest.ShardProcesses.ADMIN;
import static io.disruptorx.systemtest.ShardProcesses.NATIVE;
import static io.disruptorx.systemtest.ShardProcesses.awaitPort;
import static io.disruptorx.systemtest.ShardProcesses.link;
import static io.disruptorx.systemtest.ShardProcesses.startDx;
import static io.disruptorx.systemtest.ShardProcesses.writeOperatedGatewayConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code dx shard move} of an instrument with three resting orders between two {@code dx shard-host} processes, with
 * one process killed (SIGKILL) mid-move and restarted on the same directories (a host on the same link address), five
 * times over the same processes: the gateway (the mover) after the book was read, the source host before it answered
 * the halt, the source host (shard-0, which keeps the move lock too) after the book was read, the gateway before the
 * source answered the halt, and the target host after the book was read (a move without a kill in between).
 * Each point is deterministic: shard-1 (the target, or the source) is frozen (SIGSTOP) before the move is asked for
 * (shard-0 keeps the move lock, whose claim comes first: it runs), so the move cannot end, and the kill comes once the
 * gateway's move journal ({@code TABLE.moves}) holds the move's READ record (the piece is recorded; MoveOut and the
 * restores are on their way, the target frozen) or its BEGUN record (the halt is on its way to a frozen source).
 *
 * <p>As docs/scaling.md says: a move whose book was read completes after the gateway's restart (its new mover takes
 * it up from the journal); one whose gateway died before the read rolls back (the source resumes, the route stays);
 * a move whose source or target host died completes once the host is back (the gateway's link sends again what the
 * host had not journalled). After each, the stored routing table names the shard the move says, and the move lock is
 * released (the next move is not refused). At the end a cancel by the original id through the restarted gateway finds
 * the last order on the shard the table names, and after all processes stop that shard's recovered engine holds the
 * other two orders under their moved ids in their priority, the other shard none of the instrument's orders, nothing
 * is in flight and each asset's total over accounts and shards is the deposits.
 *
 * <p>How it can fail: a move that hangs after a restart, an instrument whose orders end on both shards or on none, a
 * route naming the shard without the book (the cancel answers unknown order), orders reordered or lost, a hold left
 * in flight, or the lock never released (the next move refused).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ShardMoveKillSystemTest
{
    private static final String PASSWORD = "shard";
    private static final long QUOTE_DEPOSIT = 1_000_000_000_000L;
    private static final long BASE_DEPOSIT = 1_000_000_000L;
    private static final String KILLED = "exit status of a JVM killed by SIGKILL";

    private final ChildJvm[] hosts = new ChildJvm[2];
    /** The move journal's length when each move was asked for. */
    private final List<Integer> marks = new ArrayList<>();
    private ChildJvm gateway;
    private Path dir;
    private List<String> gatewayArgs;
    private RoutingTableStore store;
    private int restarts;
    /** The running gateway's binary order entry port. */
    private int entry;

    @Test
    void shouldLeaveTheInstrumentOnExactlyOneShardWithItsOrdersWhenAMoveLosesAProcess() throws Exception
    {
        dir = ShardKills.directory("move-kills");
        store = new RoutingTableStore(dir.resolve("routes.txt"));
        store.save(RoutingTable.initial(List.of("shard-0", "shard-1"), 64).withOverride(INSTRUMENT, 0));
        final Path[] data = {dir.resolve("shard-0"), dir.resolve("shard-1")};
        ShardMoveSessions.prepareShard(data[0], true);
        ShardMoveSessions.prepareShard(data[1], false);
        final long[] ids = new long[3];
        try
        {
            hosts[0] = host(dir, "shard-0", data[0], null);
            hosts[1] = host(dir, "shard-1", data[1], null);
            final String[] links = {link(hosts[0]), link(hosts[1])};
            gatewayArgs = List.of("shard-gateway", "--config", writeOperatedGatewayConfig(dir, PASSWORD).toString(),
                "--shard", links[0], "--shard", links[1], "--table", dir.resolve("routes.txt").toString(),
                "--admin-port", "0");
            int admin = startGateway();
            restOrders(ids);

            // the gateway killed after the read: its new mover completes the move from the journal
            CompletableFuture<String> waiting = moveWithShard1Frozen(admin, 1, MoveStep.READ);
            admin = restartGateway(waiting);
            awaitEnd(MoveStep.DONE, 1);

            // the source killed before it answered the halt: the halt goes again to the restarted host
            waiting = moveWithShard1Frozen(admin, 0, MoveStep.BEGUN);
            restartHost(1, data, links);
            assertThat(waiting.get(3, TimeUnit.MINUTES)).startsWith(moved(1, 0));
            awaitEnd(MoveStep.DONE, 0);

            // the source killed after the read (shard-0, which keeps the move lock too): what it had not journalled
            // goes again to the restarted host
            waiting = moveWithShard1Frozen(admin, 1, MoveStep.READ);
            restartHost(0, data, links);
            hosts[1].resume();
            assertThat(waiting.get(3, TimeUnit.MINUTES)).startsWith(moved(0, 1));
            awaitEnd(MoveStep.DONE, 1);

            // the gateway killed before the source answered the halt: the move rolls back, the route stays
            waiting = moveWithShard1Frozen(admin, 0, MoveStep.BEGUN);
            admin = restartGateway(waiting);
            awaitEnd(MoveStep.ROLLED_BACK, 1);
            assertThat(ShardKills.operator(dir, admin, "move", Integer.toString(INSTRUMENT), "--to", "shard-0"))
                .as("a move after the rollback").startsWith(moved(1, 0));

            // the target killed after the read: the restores it had not journalled go again to the restarted host
            waiting = moveWithShard1Frozen(admin, 1, MoveStep.READ);
            restartHost(1, data, links);
            assertThat(waiting.get(3, TimeUnit.MINUTES)).startsWith(moved(0, 1));
            awaitEnd(MoveStep.DONE, 1);

            cancelThroughTheGateway(ids[2]);
            ShardKills.stopEach(gateway, hosts[0], hosts[1]);
        }
        finally
        {
            ShardKills.closeEach(gateway, hosts[0], hosts[1]);
        }
        System.out.println("ShardMoveKillSystemTest: move journal steps " + moveSteps(dir.resolve("routes.txt.moves")));
        assertThat(book(data[0])).as("the instrument's orders on shard-0").isEmpty();
        assertThat(book(data[1])).as("on shard-1: the two left, under their moved ids, in priority").containsExactly(
            new long[]{ShardIds.movedLocal(ids[0]), 1, 10_100, 5},
            new long[]{ShardIds.movedLocal(ids[1]), 3, 10_100, 4});
        checkTotals(data);
    }

    /**
     * Alice's 5 at 101.00, then bob's 4 at 101.00, then alice's 3 at 99.00, each accepted before the next is sent;
     * the sessions end (the gateway dies later).
     */
    private void restOrders(final long[] ids)
    {
        final List<NativeSession.Received> received = new ArrayList<>();
        try (NativeSession alice = NativeSession.login(nativeAddress(), "alice", PASSWORD, PRICE_EXPONENT, received);
            NativeSession bob = NativeSession.login(nativeAddress(), "bob", PASSWORD, PRICE_EXPONENT, received))
        {
            buy(alice, 1, 1, 10_100, 5);
            awaitReports(received, alice, bob, r -> r.template() == OrderAcceptedDecoder.TEMPLATE_ID, 1);
            buy(bob, 2, 3, 10_100, 4);
            awaitReports(received, alice, bob, r -> r.template() == OrderAcceptedDecoder.TEMPLATE_ID, 2);
            buy(alice, 3, 1, 9_900, 3);
            awaitReports(received, alice, bob, r -> r.template() == OrderAcceptedDecoder.TEMPLATE_ID, 3);
        }
        for (final NativeSession.Received report : received)
        {
            ids[(int)report.clientOrderId() - 1] = report.orderId();
        }
    }

    /**
     * Alice cancels her order at 99.00 by its original id through the (restarted) gateway: the route must lead to
     * the shard that holds it.
     */
    private void cancelThroughTheGateway(final long orderId)
    {
        final List<NativeSession.Received> received = new ArrayList<>();
        try (NativeSession alice = NativeSession.login(nativeAddress(), "alice", PASSWORD, PRICE_EXPONENT, received);
            NativeSession bob = NativeSession.login(nativeAddress(), "bob", PASSWORD, PRICE_EXPONENT, received))
        {
            alice.client().cancel(4, 1, orderId, 0);
            awaitReports(received, alice, bob, r -> r.template() == OrderCancelledDecoder.TEMPLATE_ID, 1);
            assertThat(received).filteredOn(r -> r.template() == OrderCancelledDecoder.TEMPLATE_ID).singleElement()
                .satisfies(cancel ->
                {
                    assertThat(cancel.orderId()).isEqualTo(orderId);
                    assertThat(cancel.quantity()).isEqualTo(3);
                });
        }
    }

    private InetSocketAddress nativeAddress()
    {
        return new InetSocketAddress("127.0.0.1", entry);
    }

    /**
     * Freezes shard-1, asks for the move of the instrument to shard TO, and waits until the gateway's move journal
     * holds STEP for it.
     *
     * @return the request's answer, to come.
     */
    private CompletableFuture<String> moveWithShard1Frozen(final int admin, final int to, final MoveStep step)
        throws Exception
    {
        final Path journal = dir.resolve("routes.txt.moves");
        final int before = moveSteps(journal).size();
        hosts[1].pause();
        final CompletableFuture<String> answer = CompletableFuture.supplyAsync(() ->
            ShardKills.operator(dir, admin, "move", Integer.toString(INSTRUMENT), "--to", "shard-" + to));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() ->
        {
            final List<Integer> steps = moveSteps(journal);
            return steps.subList(before, steps.size()).contains(step.code());
        });
        marks.add(before);
        return answer;
    }

    /**
     * Waits until the last move ended with END and its lock was released, and checks that the stored table routes
     * the instrument to SHARD.
     */
    private void awaitEnd(final MoveStep end, final int shard)
    {
        final Path journal = dir.resolve("routes.txt.moves");
        final int from = marks.get(marks.size() - 1);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() ->
        {
            final List<Integer> steps = moveSteps(journal).subList(from, moveSteps(journal).size());
            return steps.contains(end.code()) && steps.lastIndexOf(MoveStep.RELEASED.code()) >
                steps.indexOf(end.code());
        });
        assertThat(store.load().orElseThrow().shardOf(INSTRUMENT)).as("the stored route").isEqualTo(shard);
    }

    /**
     * Nothing in flight on either stopped shard, and each asset's total over both accounts and shards is the
     * deposits (the moves and the cancel change no balance; the instrument's fees never applied: nothing traded).
     */
    private static void checkTotals(final Path[] data)
    {
        final MatchingEngine[] engines = {engine(data[0]), engine(data[1])};
        for (final int asset : new int[]{0, 1})
        {
            long total = 0;
            for (final MatchingEngine engine : engines)
            {
                for (final long account : new long[]{1, 3})
                {
                    total += engine.balance(account, asset);
                    assertThat(engine.inFlight(account, asset)).as("in flight, account %d asset %d", account, asset)
                        .isZero();
                }
            }
            assertThat(total).as("total of asset %d", asset).isEqualTo(4 * (asset == 0 ? QUOTE_DEPOSIT : BASE_DEPOSIT));
        }
    }

    /**
     * Kills the shard's host (frozen or not) and starts it again on its data directory and link address.
     */
    private void restartHost(final int shard, final Path[] data, final String[] links) throws Exception
    {
        assertThat(hosts[shard].kill()).as(KILLED).isEqualTo(137);
        hosts[shard] = host(dir, "shard-" + shard + "-restart-" + restarts++, data[shard], links[shard]);
        link(hosts[shard]);
    }

    /**
     * Kills the gateway, lets shard-1 run again and starts the gateway again on its table and journals.
     *
     * @return the restarted gateway's admin port.
     */
    private int restartGateway(final CompletableFuture<String> waiting) throws Exception
    {
        assertThat(gateway.kill()).as(KILLED).isEqualTo(137);
        assertThat(waiting.get(1, TimeUnit.MINUTES)).as("the request whose gateway died").doesNotStartWith("0 ");
        hosts[1].resume();
        return startGateway();
    }

    private static String moved(final int from, final int to)
    {
        return "0 moved instrument " + INSTRUMENT + " shard-" + from + " -> shard-" + to + ": 3 orders";
    }

    private int startGateway() throws Exception
    {
        gateway = startDx(gatewayArgs, dir.resolve("gateway-" + restarts++ + ".err"));
        final int admin = awaitPort(gateway, ADMIN);
        entry = awaitPort(gateway, NATIVE);
        return admin;
    }
}
