package io.disruptorx.systemtest.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.protocol.sbe.command.AddInstrumentEncoder;
import io.disruptorx.protocol.sbe.command.AdjustBalanceEncoder;
import io.disruptorx.protocol.sbe.command.BooleanType;
import io.disruptorx.protocol.sbe.command.CancelOrderEncoder;
import io.disruptorx.protocol.sbe.command.InstrumentState;
import io.disruptorx.protocol.sbe.command.MassCancelEncoder;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.QueryBalancesEncoder;
import io.disruptorx.protocol.sbe.command.Side;
import io.disruptorx.protocol.sbe.command.TransferInEncoder;
import io.disruptorx.protocol.sbe.event.AdminType;
import io.disruptorx.protocol.sbe.event.RejectReason;
import io.disruptorx.shard.routing.ShardIds;
import io.disruptorx.shard.transfer.TransferStep;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.disruptorx.systemtest.cluster.MixedShardVenue.CLUSTER;
import static io.disruptorx.systemtest.cluster.MixedShardVenue.EMBEDDED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12's "works with both hosts": one shard gateway ({@link MixedShardVenue}: the sharded client, the mover and
 * the transfer coordinator of {@code dx shard-gateway}) in front of an embedded shard (over the shard link) and a
 * shard that is a cluster of three member JVMs (over the cluster's client, ingress to every member). Orders trade on
 * both; funds move between them both ways exactly once, a re-sent TransferIn at the cluster changing nothing; an
 * instrument with three resting orders moves from the embedded shard onto the cluster, and another off the cluster
 * onto the embedded shard (its book read through the cluster engine's own events): the orders keep their ids and
 * priority (a sell fills the first order at the best price under its original id) and their reports flow from the
 * new shard; then the cluster's leader is SIGKILLed in the middle of a flow of orders on both shards, a transfer, and
 * a move of the first instrument back off the cluster: every order the gateway took is answered exactly once and
 * still rests (each cancel by its global id finds it), the transfer completes, the move completes with all three
 * orders, and the moved orders kept their ids and their priority through both moves (a sell fills the first of two
 * orders at the best price, on the embedded shard); a mass cancel of an account's orders on both shards is answered
 * once, after both. After every step each asset's total over both shards and the funds in flight equals the
 * deposits.
 *
 * <p>How it can fail: a cluster client whose events the sharded client does not globalise by shard (ids and command
 * sequences of the two shards collide: the transfer coordinator and the mover act on the wrong shard's answers); a
 * re-send across the failover applied twice (an order answered twice, a cancel refused, a total off by a transfer);
 * a command in flight at the old leader lost (an order never answered); a move that restores the orders under other
 * ids or in another order on either shard; a book read off the cluster that loses or repeats an order across the
 * failover (the move answers another count, rolls back, or the instrument ends on both shards or neither).
 */
class ClusterShardSystemTest
{
    private static final long SELLER = 1;
    private static final long BUYER = 2;
    private static final int BASE = 1;
    private static final int QUOTE = 2;
    private static final long DEPOSIT = 1_000_000_000L;
    private static final int FLOW = 600;
    private static final int KILL_AT = 200;
    private static final long FLOW_FIRST_ID = 1_000;

    private final UnsafeBuffer command = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private long requestId = 1;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void shouldTradeTransferMoveAndSurviveTheClusterLeadersDeathBehindOneGateway()
    {
        try (MixedShardVenue venue = new MixedShardVenue("mixed-shards"))
        {
            venue.start();
            final VenueRecorder events = venue.events();
            final int a = instrumentOn(venue, EMBEDDED, 0);
            final int m = instrumentOn(venue, EMBEDDED, 1);
            final int b = instrumentOn(venue, CLUSTER, 0);
            final int c = instrumentOn(venue, CLUSTER, 1);
            for (final int instrument : new int[] {a, m, b, c})
            {
                venue.offer(command, addInstrument(instrument));
            }
            for (int shard = 0; shard < 2; shard++)
            {
                for (final long account : new long[] {SELLER, BUYER})
                {
                    venue.offerTo(shard, command, adjust(account, BASE, DEPOSIT));
                    venue.offerTo(shard, command, adjust(account, QUOTE, DEPOSIT));
                }
            }
            venue.await(() -> events.admins(AdminType.ADD_INSTRUMENT, RejectReason.NONE) == 4 &&
                events.admins(AdminType.ADJUST_BALANCE, RejectReason.NONE) == 8, () -> "instruments and deposits");
            assertTotals(venue);

            // orders trade on both shards
            venue.order(SELLER, 1, a, Side.SELL, 10_000, 10);
            venue.order(SELLER, 2, b, Side.SELL, 10_000, 10);
            venue.order(BUYER, 3, a, Side.BUY, 10_000, 10);
            venue.order(BUYER, 4, b, Side.BUY, 10_000, 10);
            venue.await(() -> events.trades().size() == 2, () -> "two trades: " + events.trades());
            for (final VenueRecorder.Trade trade : events.trades())
            {
                final boolean onA = trade.instrument() == a;
                assertThat(trade.shard()).isEqualTo(onA ? EMBEDDED : CLUSTER);
                assertThat(trade.makerOrderId()).isEqualTo(events.orderId(onA ? 1 : 2));
                assertThat(trade.takerOrderId()).isEqualTo(events.orderId(onA ? 3 : 4));
                assertThat(trade.quantity()).isEqualTo(10);
            }
            assertThat(ShardIds.shardOf(events.orderId(2))).isEqualTo(CLUSTER);
            assertThat(ShardIds.shardOf(events.orderId(1))).isEqualTo(EMBEDDED);
            assertTotals(venue);

            // funds move both ways, exactly once; a re-sent TransferIn at the cluster changes nothing
            final long quoteOnCluster = balance(venue, CLUSTER, BUYER)[QUOTE];
            transfer(venue, 1, BUYER, QUOTE, 5_000, EMBEDDED, CLUSTER);
            transfer(venue, 2, SELLER, BASE, 7, CLUSTER, EMBEDDED);
            venue.offerTo(CLUSTER, command, transferIn(1, BUYER, QUOTE, 5_000));
            venue.await(() -> events.admins(AdminType.TRANSFER_IN, 1).size() == 2, () -> "the re-sent TransferIn");
            assertThat(events.admins(AdminType.TRANSFER_IN, 1)).allMatch(r -> r.result() == RejectReason.NONE)
                .allMatch(r -> r.shard() == CLUSTER);
            assertThat(balance(venue, CLUSTER, BUYER)[QUOTE]).isEqualTo(quoteOnCluster + 5_000);
            assertTotals(venue);

            // an instrument with resting orders moves from the embedded shard onto the cluster
            venue.order(BUYER, 10, m, Side.BUY, 9_990, 5);
            venue.order(BUYER, 11, m, Side.BUY, 9_990, 5);
            venue.order(BUYER, 12, m, Side.BUY, 9_980, 5);
            venue.await(() -> events.orderId(12) != null, () -> "three resting orders on " + m);
            final long[] moved = {events.orderId(10), events.orderId(11), events.orderId(12)};
            final String answer = venue.move(m, CLUSTER);
            System.out.println("cluster shard: " + answer);
            assertThat(answer).startsWith("moved instrument " + m + " embedded -> cluster: 3 orders, 0 refused");
            assertThat(venue.shardOf(m)).isEqualTo(CLUSTER);
            assertTotals(venue);

            // an instrument with resting orders moves off the cluster onto the embedded shard
            moveOffTheCluster(venue, c);

            // the cluster's leader dies in the middle of a flow of orders on both shards and a transfer
            final int killed = awaitLeader(venue);
            final List<Long> flow = new ArrayList<>();
            long killedAt = 0;
            CompletableFuture<String> moveBack = null;
            for (int i = 0; i < FLOW; i++)
            {
                if (i == KILL_AT)
                {
                    venue.transfers().start(3, BUYER, QUOTE, 1_000, EMBEDDED, CLUSTER);
                    moveBack = venue.venue().move(m, EMBEDDED);
                    venue.cycle();
                    venue.cluster().kill(killed);
                    killedAt = System.nanoTime();
                }
                final long clientOrderId = FLOW_FIRST_ID + i;
                venue.order(BUYER, clientOrderId, i % 3 == 0 ? a : b, Side.BUY, 9_000 + i % 50, 1);
                flow.add(clientOrderId);
                venue.cycle();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            venue.await(() -> flow.stream().allMatch(id -> events.answers(id) > 0),
                () -> flow.stream().filter(id -> events.answers(id) == 0).count() + " orders unanswered");
            final long answeredAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            venue.await(() -> venue.transfers().step(3).isFinal(), () -> "transfer 3: " + venue.transfers().step(3));
            assertThat(venue.transfers().step(3)).isEqualTo(TransferStep.COMPLETED);
            final CompletableFuture<String> back = moveBack;
            venue.await(back::isDone, () -> "the move of " + m + " off the cluster during the failover");
            System.out.println("cluster shard: during the failover: " + back.join());
            assertThat(back.join()).startsWith("moved instrument " + m + " cluster -> embedded: 3 orders, 0 refused");
            assertThat(venue.shardOf(m)).isEqualTo(EMBEDDED);
            final int leader = awaitLeader(venue);
            assertThat(leader).as("a new leader").isNotEqualTo(killed);
            for (final long clientOrderId : flow)
            {
                assertThat(events.answers(clientOrderId)).as("answers to %d", clientOrderId).isEqualTo(1);
                assertThat(events.rejection(clientOrderId)).as("rejection of %d", clientOrderId).isNull();
            }
            System.out.printf("cluster shard: member %d killed, member %d leads; all %d orders answered %d ms after " +
                "the kill; cluster client %s%n", killed, leader, FLOW, answeredAfter,
                venue.clients().cluster(CLUSTER).counters());
            assertTotals(venue);

            // every order the gateway took still rests: each cancel by its global id finds it
            for (final long clientOrderId : flow)
            {
                venue.offer(command, cancel(BUYER, events.orderId(clientOrderId)));
            }
            venue.await(() -> flow.stream().allMatch(id -> events.cancels(events.orderId(id)) +
                (events.cancelRefusal(events.orderId(id)) != null ? 1 : 0) > 0), () -> "answers to the cancels");
            for (final long clientOrderId : flow)
            {
                final long orderId = events.orderId(clientOrderId);
                assertThat(events.cancelRefusal(orderId)).as("cancel of %d", clientOrderId).isNull();
                assertThat(events.cancels(orderId)).as("cancels of %d", clientOrderId).isEqualTo(1);
                assertThat(ShardIds.shardOf(orderId)).isEqualTo(events.acceptedOn(clientOrderId));
            }

            // the moved orders kept their ids and priority onto the cluster and back off it, across the failover
            venue.order(SELLER, 20, m, Side.SELL, 9_980, 5);
            venue.await(() -> events.trades().stream().anyMatch(t -> t.instrument() == m),
                () -> "a trade on the moved instrument");
            final VenueRecorder.Trade first = events.trades().stream().filter(t -> t.instrument() == m).findFirst()
                .orElseThrow();
            assertThat(first.makerOrderId()).as("the first order at the best price").isEqualTo(moved[0]);
            assertThat(first.quantity()).isEqualTo(5);
            assertThat(first.shard()).isEqualTo(EMBEDDED);
            venue.offer(command, cancel(BUYER, moved[2]));
            venue.offer(command, cancel(BUYER, moved[1]));
            venue.await(() -> events.cancels(moved[1]) + events.cancels(moved[2]) == 2 ||
                events.cancelRefusal(moved[1]) != null || events.cancelRefusal(moved[2]) != null,
                () -> "cancels of the moved orders");
            assertThat(events.cancelRefusal(moved[1])).isNull();
            assertThat(events.cancelRefusal(moved[2])).isNull();
            assertThat(events.duplicateTrades()).isZero();

            // a command spanning both shards: the buyer's mass cancel, one merged answer after both shards'
            venue.order(BUYER, 30, a, Side.BUY, 9_500, 1);
            venue.order(BUYER, 31, b, Side.BUY, 9_500, 1);
            venue.await(() -> events.orderId(30) != null && events.orderId(31) != null, () -> "orders 30 and 31");
            venue.offer(command, massCancel(BUYER));
            venue.await(() -> events.admins(AdminType.MASS_CANCEL, RejectReason.NONE) > 0,
                () -> "the mass cancel's answer");
            assertThat(events.admins(AdminType.MASS_CANCEL, BUYER)).as("one answer for both shards").hasSize(1);
            assertThat(events.cancels(events.orderId(30))).isEqualTo(1);
            assertThat(events.cancels(events.orderId(31))).isEqualTo(1);
            assertTotals(venue);
        }
    }

    /**
     * Rests three orders on a cluster instrument, moves it onto the embedded shard and checks what the issue asks:
     * every order kept with its id and priority (a sell fills the first at the best price under its original id),
     * reports flowing from the new shard (fills, cancels by the original ids, a new order accepted there), funds
     * conserved.
     */
    private void moveOffTheCluster(final MixedShardVenue venue, final int c)
    {
        final VenueRecorder events = venue.events();
        venue.order(BUYER, 40, c, Side.BUY, 9_990, 5);
        venue.order(BUYER, 41, c, Side.BUY, 9_990, 5);
        venue.order(BUYER, 42, c, Side.BUY, 9_980, 5);
        venue.await(() -> events.orderId(42) != null, () -> "three resting orders on " + c);
        final long[] resting = {events.orderId(40), events.orderId(41), events.orderId(42)};
        for (final long id : resting)
        {
            assertThat(ShardIds.shardOf(id)).as("order %d rests on the cluster", id).isEqualTo(CLUSTER);
        }
        final String answer = venue.move(c, EMBEDDED);
        System.out.println("cluster shard: " + answer);
        assertThat(answer).startsWith("moved instrument " + c + " cluster -> embedded: 3 orders, 0 refused");
        assertThat(venue.shardOf(c)).isEqualTo(EMBEDDED);
        assertTotals(venue);

        venue.order(SELLER, 43, c, Side.SELL, 9_990, 7);
        venue.await(() -> events.trades().stream().filter(t -> t.instrument() == c).count() == 2,
            () -> "two trades on the instrument moved off the cluster");
        final List<VenueRecorder.Trade> trades = events.trades().stream().filter(t -> t.instrument() == c).toList();
        assertThat(trades).extracting(VenueRecorder.Trade::makerOrderId).as("time priority kept")
            .containsExactly(resting[0], resting[1]);
        assertThat(trades).extracting(VenueRecorder.Trade::quantity).containsExactly(5L, 2L);
        assertThat(trades).allMatch(t -> t.shard() == EMBEDDED && t.price() == 9_990);
        venue.offer(command, cancel(BUYER, resting[2]));
        venue.await(() -> events.cancels(resting[2]) + (events.cancelRefusal(resting[2]) != null ? 1 : 0) > 0,
            () -> "the cancel of " + resting[2]);
        assertThat(events.cancelRefusal(resting[2])).isNull();
        assertThat(events.cancels(resting[2])).isEqualTo(1);
        venue.order(BUYER, 44, c, Side.BUY, 9_970, 1);
        venue.await(() -> events.orderId(44) != null, () -> "a new order on " + c);
        assertThat(events.acceptedOn(44)).isEqualTo(EMBEDDED);
        venue.offer(command, cancel(BUYER, resting[1]));
        venue.offer(command, cancel(BUYER, events.orderId(44)));
        venue.await(() -> events.cancels(resting[1]) == 1 && events.cancels(events.orderId(44)) == 1,
            () -> "the cancels of the rest of " + c);
        assertThat(events.duplicateTrades()).isZero();
        assertTotals(venue);
    }

    private static int instrumentOn(final MixedShardVenue venue, final int shard, final int nth)
    {
        int found = 0;
        for (int instrument = 1; instrument < 64; instrument++)
        {
            if (venue.table().shardOf(instrument) == shard && found++ == nth)
            {
                return instrument;
            }
        }
        throw new IllegalStateException("the table puts fewer than " + (nth + 1) + " instruments on shard " + shard);
    }

    private static int awaitLeader(final MixedShardVenue venue)
    {
        final int[] leader = {-1};
        venue.await(() -> (leader[0] = venue.cluster().leader()) >= 0, () -> "a single leader");
        return leader[0];
    }

    private void transfer(final MixedShardVenue venue, final long id, final long account, final int asset,
        final long amount, final int from, final int to)
    {
        venue.transfers().start(id, account, asset, amount, from, to);
        venue.await(() -> venue.transfers().step(id).isFinal(), () -> "transfer " + id);
        assertThat(venue.transfers().step(id)).isEqualTo(TransferStep.COMPLETED);
    }

    /**
     * Each asset's total over both shards' balances (free and locked) and the transfers in flight equals the
     * deposits.
     */
    private void assertTotals(final MixedShardVenue venue)
    {
        final long[] total = new long[8];
        for (final long account : new long[] {SELLER, BUYER})
        {
            for (int asset = 0; asset < total.length; asset++)
            {
                total[asset] += venue.transfers().inFlight(account, asset);
            }
            for (int shard = 0; shard < 2; shard++)
            {
                final long[] assets = balance(venue, shard, account);
                for (int asset = 0; asset < total.length; asset++)
                {
                    total[asset] += assets[asset];
                }
            }
        }
        assertThat(total[BASE]).as("base asset over both shards and in flight").isEqualTo(4 * DEPOSIT);
        assertThat(total[QUOTE]).as("quote asset over both shards and in flight").isEqualTo(4 * DEPOSIT);
    }

    private long[] balance(final MixedShardVenue venue, final int shard, final long account)
    {
        final long request = requestId++;
        final QueryBalancesEncoder query = new QueryBalancesEncoder();
        query.wrapAndApplyHeader(command, 0, header).timestamp(0).accountId(account).requestId(request).userId(0);
        venue.offerTo(shard, command, MessageHeaderEncoder.ENCODED_LENGTH + query.encodedLength());
        venue.await(() -> venue.events().balanceAnswered(request), () -> "balances of " + account + " on " + shard);
        return venue.events().balance(request);
    }

    private int addInstrument(final int instrument)
    {
        final AddInstrumentEncoder add = new AddInstrumentEncoder();
        add.wrapAndApplyHeader(command, 0, header).timestamp(0).instrumentId(instrument).baseAssetId(BASE)
            .quoteAssetId(QUOTE).tickSize(1).lotSize(1).priceScale(2).quantityScale(0).makerFeePerLot(0)
            .takerFeePerLot(0).referencePrice(10_000).priceBandBps(0).marketProtectionBps(1_000)
            .initialState(InstrumentState.TRADING);
        return MessageHeaderEncoder.ENCODED_LENGTH + add.encodedLength();
    }

    private int adjust(final long account, final int asset, final long amount)
    {
        final AdjustBalanceEncoder adjust = new AdjustBalanceEncoder();
        adjust.wrapAndApplyHeader(command, 0, header).timestamp(0).accountId(account).assetId(asset).amount(amount);
        return MessageHeaderEncoder.ENCODED_LENGTH + adjust.encodedLength();
    }

    private int transferIn(final long id, final long account, final int asset, final long amount)
    {
        final TransferInEncoder in = new TransferInEncoder();
        in.wrapAndApplyHeader(command, 0, header).timestamp(0).transferId(id).accountId(account).assetId(asset)
            .amount(amount);
        return MessageHeaderEncoder.ENCODED_LENGTH + in.encodedLength();
    }

    private int massCancel(final long account)
    {
        final MassCancelEncoder mass = new MassCancelEncoder();
        mass.wrapAndApplyHeader(command, 0, header).timestamp(0).accountId(account).instrumentId(0)
            .requestId(requestId++).userId(0).restoredOnly(BooleanType.FALSE);
        return MessageHeaderEncoder.ENCODED_LENGTH + mass.encodedLength();
    }

    private int cancel(final long account, final long orderId)
    {
        final CancelOrderEncoder cancel = new CancelOrderEncoder();
        cancel.wrapAndApplyHeader(command, 0, header).timestamp(0).accountId(account).requestId(requestId++)
            .orderId(orderId).clientOrderId(0).userId(0);
        return MessageHeaderEncoder.ENCODED_LENGTH + cancel.encodedLength();
    }
}
