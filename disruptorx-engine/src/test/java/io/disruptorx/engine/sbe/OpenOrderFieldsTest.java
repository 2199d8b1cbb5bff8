package io.disruptorx.engine.sbe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import io.disruptorx.engine.AdminType;
import io.disruptorx.engine.CancelReason;
import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the open-orders answer tells of each order beyond its book entry, through the wire events: whether it was
 * entered post-only, what its fills moved in the quote asset (each fill's notional as the ledger settled it, in the
 * price's units: price times quantity over ten to the quantity scale, summed) and the time of the command that
 * last changed it (rested, filled as maker, replaced keeping its priority). These survive a snapshot: an engine
 * restored from one mid-way and fed the rest of the commands answers the same and snapshots to the same bytes as
 * the one that ran them all.
 */
class OpenOrderFieldsTest
{
    private static final int USD = 0;
    private static final int BTC = 1;
    private static final int WHOLE = 2;
    private static final int MILLI = 3;
    private static final long ALICE = 5;
    private static final long BOB = 6;

    @Test
    void shouldTellPostOnlyNotionalAndUpdateTimeAndKeepThemThroughSnapshotAndReplay()
    {
        final Venue live = new Venue();
        setUp(live.engine);
        firstHalf(live.engine);
        final ExpandableArrayBuffer middle = new ExpandableArrayBuffer();
        final int middleLength = live.engine.snapshot(middle, 0);
        secondHalf(live.engine);

        live.engine.queryOpenOrders(100, ALICE, 1, 0);

        assertThat(live.answers).containsExactly(
            // 10 BTC bought at up to 101.00: 3 at 100.00 and 2 at 100.50 taken (notional 50,100), 5 rest; the
            // replace at 20 keeps its priority (entry 12) and is its last change
            "o3 c103 i2 BUY 10100 4/9 t12 n50100 u20",
            // the post-only ask, filled 2 of 6 as maker at 30
            "o4 c104 i2 SELL 10400 4/6 t14 PO n20800 u30",
            // 1.500 and 0.300 BTC at 99.90 as maker: 149.85 and 29.97 in cents (price times quantity over 10^3)
            "o5 c105 i3 BUY 9990 2200/4000 t15 n17982 u32");

        final Venue replayed = new Venue();
        replayed.engine.restore(middle, 0, middleLength);
        secondHalf(replayed.engine);
        replayed.engine.queryOpenOrders(100, ALICE, 1, 0);

        assertThat(replayed.answers).isEqualTo(live.answers);
        final ExpandableArrayBuffer a = new ExpandableArrayBuffer();
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer();
        final int length = live.engine.snapshot(a, 0);
        assertThat(replayed.engine.snapshot(b, 0)).isEqualTo(length);
        assertThat(Arrays.copyOf(b.byteArray(), length)).isEqualTo(Arrays.copyOf(a.byteArray(), length));
    }

    private static void setUp(final MatchingEngine engine)
    {
        engine.addInstrument(1, WHOLE, BTC, USD, 1, 1, 2, 0, 1, 2, 10_000, 1_000, 1_000);
        engine.addInstrument(2, MILLI, BTC, USD, 10, 100, 2, 3, 0, 0, 10_000, 1_000, 1_000);
        engine.adjustBalance(3, ALICE, USD, 100_000_000);
        engine.adjustBalance(3, ALICE, BTC, 100_000);
        engine.adjustBalance(3, BOB, USD, 100_000_000);
        engine.adjustBalance(3, BOB, BTC, 100_000);
    }

    private static void firstHalf(final MatchingEngine engine)
    {
        limit(engine, 10, BOB, 201, WHOLE, Side.SELL, false, 10_000, 3);
        limit(engine, 11, BOB, 202, WHOLE, Side.SELL, false, 10_050, 2);
        limit(engine, 12, ALICE, 103, WHOLE, Side.BUY, false, 10_100, 10);
        limit(engine, 14, ALICE, 104, WHOLE, Side.SELL, true, 10_400, 6);
        limit(engine, 15, ALICE, 105, MILLI, Side.BUY, false, 9_990, 4_000);
    }

    private static void secondHalf(final MatchingEngine engine)
    {
        engine.replaceOrder(20, ALICE, 1, 3, 10_100, 4);
        limit(engine, 30, BOB, 203, WHOLE, Side.BUY, false, 10_400, 2);
        limit(engine, 31, BOB, 204, MILLI, Side.SELL, false, 9_990, 1_500);
        limit(engine, 32, BOB, 205, MILLI, Side.SELL, false, 9_990, 300);
    }

    private static void limit(final MatchingEngine engine, final long timestamp, final long account,
        final long clientOrderId, final int instrument, final Side side, final boolean postOnly, final long price,
        final long quantity)
    {
        engine.newOrder(timestamp, account, clientOrderId, instrument, side, OrderType.LIMIT, TimeInForce.GTC,
            postOnly, SelfTradePrevention.NONE, price, quantity);
    }

    /**
     * An engine whose events go through the wire codecs, its open-order answers kept as text.
     */
    private static final class Venue
    {
        final List<String> answers = new ArrayList<>();
        final MatchingEngine engine = new MatchingEngine(EngineConfig.defaults(), new SbeEventEncoder(
            new CallbackEventSink(new SbeEventDecoder(new Recorder(answers::add)))));
    }

    /**
     * Tells each open order as text.
     */
    private static final class Recorder extends EngineListenerAdapter
    {
        private final Consumer<String> out;

        Recorder(final Consumer<String> out)
        {
            this.out = out;
        }

        @Override
        public void onOrderRejected(final long timestamp, final long clientOrderId, final long accountId,
            final int instrumentId, final RejectReason reason)
        {
            out.accept("rejected c" + clientOrderId + " " + reason);
        }

        @Override
        public void onOrderCancelled(final long timestamp, final long orderId, final long clientOrderId,
            final long requestId, final long accountId, final int instrumentId, final long cancelledQuantity,
            final CancelReason reason)
        {
            out.accept("cancelled o" + orderId + " " + reason);
        }

        @Override
        public void onAdminResult(final long timestamp, final AdminType type, final long subjectId,
            final RejectReason result)
        {
            if (result != RejectReason.NONE)
            {
                out.accept("refused " + type + " " + subjectId + " " + result);
            }
        }

        @Override
        public void onOpenOrder(
            final long timestamp,
            final long requestId,
            final long accountId,
            final long orderId,
            final long clientOrderId,
            final int instrumentId,
            final int orderCount,
            final int place,
            final Side side,
            final TimeInForce timeInForce,
            final long price,
            final long quantity,
            final long originalQuantity,
            final long entryTime,
            final boolean postOnly,
            final long filledNotional,
            final long updateTime)
        {
            out.accept("o" + orderId + " c" + clientOrderId + " i" + instrumentId + " " + side + " " + price + " " +
                quantity + "/" + originalQuantity + " t" + entryTime + (postOnly ? " PO" : "") + " n" +
                filledNotional + " u" + updateTime);
        }
    }
}
