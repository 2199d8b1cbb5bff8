package io.disruptorx.engine.sbe;

import java.util.ArrayList;
import java.util.List;

import io.disruptorx.engine.AdminType;
import io.disruptorx.engine.CancelReason;
import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.InstrumentMoves;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.ReadBookEncoder;
import io.disruptorx.protocol.sbe.command.RestoreOrderDecoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A partially filled order moved between engines the way a mover moves it over the wire (ReadBook at the source,
 * its BookRead and BookReadOrder events decoded and written as the target's AddInstrument and RestoreOrders) keeps
 * every field the engine keeps of it: what it filled (quantity and notional), the time of its last change, its
 * post-only flag and its self-trade prevention, besides its id, place and entry time. The same later commands
 * sent to the target and to an engine that never moved the order give the same reports: the fills (maker's
 * remaining quantity), the open-orders answer (original quantity, so the cumulative quantity, and the notional, so
 * the average price; update time; post-only), a post-only replace that would cross refused, a replace that would
 * trade with the account's own order stopped by its self-trade prevention. A RestoreOrder of commands version 2
 * (before those fields) restores its order as that version did.
 */
class MovedOrderFieldsTest
{
    private static final int USD = 0;
    private static final int BTC = 1;
    private static final int INSTRUMENT = 2;
    private static final long ALICE = 5;
    private static final long BOB = 6;
    private static final long MOVED = 1L << 52;
    private static final long FIRST_TRANSFER = 1_000;

    private final UnsafeBuffer command = new UnsafeBuffer(new byte[SbeCommandEncoder.MAX_LENGTH]);
    private final SbeCommandEncoder encoder = new SbeCommandEncoder();

    @Test
    void shouldKeepAPartiallyFilledPostOnlyOrdersFieldsAndLaterReportsThroughAMove()
    {
        final Venue unmoved = new Venue();
        final Venue source = new Venue();
        final Venue target = new Venue();
        before(unmoved.engine);
        before(source.engine);

        source.engine.haltInstrument(8, INSTRUMENT);
        final List<String> read = book(source.engine, 0);
        final int readBook = MessageHeaderEncoder.ENCODED_LENGTH + new ReadBookEncoder()
            .wrapAndApplyHeader(command, 0, new MessageHeaderEncoder()).timestamp(9).requestId(77)
            .instrumentId(INSTRUMENT).encodedLength();
        assertThat(source.dispatcher.dispatch(command, 0, readBook)).isTrue();
        assertThat(source.piece).hasSize(4).as("the definition and three resting orders");
        source.engine.moves().moveOut(10, 1, INSTRUMENT, 3, FIRST_TRANSFER);
        assertThat(source.engine.restingOrderCount()).isZero();
        for (final byte[] restore : source.piece)
        {
            assertThat(target.dispatcher.dispatch(new UnsafeBuffer(restore), 0, restore.length)).isTrue();
        }
        assertThat(target.reports).as("every restore applied").isEmpty();
        target.engine.adjustBalance(11, BOB, USD, 1_000_000);
        target.engine.adjustBalance(11, BOB, BTC, 1_000);

        assertThat(book(target.engine, MOVED)).as("every field the engine keeps, on the target")
            .containsExactlyElementsOf(read);
        assertThat(read).containsExactly(
            "o1 c1 BUY GTC 100x6 t3 filled4/400 u5 postOnlytrue NONE",
            "o5 c3 SELL GTC 108x1 t7 filled0/0 u7 postOnlyfalse NONE",
            "o2 c2 SELL GTC 110x3 t4 filled2/220 u6 postOnlyfalse CANCEL_NEWEST");

        unmoved.reports.clear();
        after(unmoved.engine);
        after(target.engine);

        assertThat(target.reports).as("the moved orders' later reports").containsExactlyElementsOf(unmoved.reports);
        assertThat(unmoved.reports).containsExactly(
            "open o1 c1 BUY 100 6/10 t3 PO n400 u5 cum4 avg100",
            "open o2 c2 SELL 110 3/5 t4 n220 u6 cum2 avg110",
            "open o5 c3 SELL 108 1/1 t7 n0 u7 cum0 avg0",
            "trade 100x3 maker o1 left3 fee3 taker a6 left0 fee3",
            "cancel rejected o1 POST_ONLY_WOULD_TRADE",
            "replaced o2 100x3 priority false",
            "cancelled o2 3 SELF_TRADE",
            "trade 100x1 maker o1 left2 fee1 taker a6 left0 fee1",
            "open o1 c1 BUY 100 2/10 t3 PO n800 u23 cum8 avg100",
            "open o5 c3 SELL 108 1/1 t7 n0 u7 cum0 avg0");
    }

    @Test
    void shouldRestoreAnOrderOfAnOlderRestoreOrderAsThatVersionDid()
    {
        final Venue target = new Venue();
        target.engine.addInstrument(1, INSTRUMENT, BTC, USD, 1, 1, 0, 0, 1, 1, 100, 0, 10_000);
        final int length = restore(1, 3, 4, 400, 5, true, SelfTradePrevention.CANCEL_NEWEST);
        final int oldBlock = RestoreOrderDecoder.filledQuantityEncodingOffset();
        command.putShort(MessageHeaderEncoder.blockLengthEncodingOffset(), (short)oldBlock);
        command.putShort(MessageHeaderEncoder.versionEncodingOffset(), (short)2);

        assertThat(target.dispatcher.dispatch(command, 0, MessageHeaderEncoder.ENCODED_LENGTH + oldBlock)).isTrue();
        assertThat(target.reports).isEmpty();
        assertThat(book(target.engine, MOVED)).as("as version 2 restored it: nothing filled, updated at the restore")
            .containsExactly("o3 c1 BUY GTC 100x6 t3 filled0/0 u30 postOnlyfalse NONE");

        restore(2, 4, 4, 400, 5, true, SelfTradePrevention.NONE);
        command.putShort(MessageHeaderEncoder.blockLengthEncodingOffset(), (short)oldBlock);
        assertThat(target.dispatcher.dispatch(command, 0, MessageHeaderEncoder.ENCODED_LENGTH + oldBlock))
            .as("a version 3 RestoreOrder without its version 3 fields").isFalse();
        assertThat(restore(3, 4, 4, 400, 5, true, SelfTradePrevention.NONE)).isEqualTo(length);
        command.putByte(MessageHeaderEncoder.ENCODED_LENGTH + RestoreOrderDecoder.postOnlyEncodingOffset(), (byte)2);
        assertThat(target.dispatcher.dispatch(command, 0, length)).as("postOnly neither 0 nor 1").isFalse();
        assertThat(target.reports).containsExactly("reject BLOCK_TOO_SHORT", "reject INVALID_BOOLEAN");
        assertThat(target.engine.restingOrderCount()).isEqualTo(1);
    }

    private int restore(final long transfer, final long orderId, final long filled, final long notional,
        final long updateTime, final boolean postOnly, final SelfTradePrevention stp)
    {
        return encoder.restoreOrder(command, 0, 30, FIRST_TRANSFER + transfer, MOVED | orderId, ALICE, orderId - 2,
            INSTRUMENT, Side.BUY, TimeInForce.GTC, 100, 6, 3, USD, 606, filled, notional, updateTime, postOnly, stp);
    }

    /**
     * A post-only bid (10 at 100) filled 4 as maker at 5, an ask with self-trade prevention CANCEL_NEWEST (5 at
     * 110) filled 2 at 6, and a resting ask of another account at 108.
     */
    private static void before(final MatchingEngine engine)
    {
        engine.addInstrument(1, INSTRUMENT, BTC, USD, 1, 1, 0, 0, 1, 1, 100, 0, 10_000);
        for (final long account : new long[]{ALICE, BOB})
        {
            engine.adjustBalance(2, account, USD, 1_000_000);
            engine.adjustBalance(2, account, BTC, 1_000);
        }
        order(engine, 3, ALICE, 1, Side.BUY, TimeInForce.GTC, true, SelfTradePrevention.NONE, 100, 10);
        order(engine, 4, ALICE, 2, Side.SELL, TimeInForce.GTC, false, SelfTradePrevention.CANCEL_NEWEST, 110, 5);
        order(engine, 5, BOB, 11, Side.SELL, TimeInForce.IOC, false, SelfTradePrevention.NONE, 100, 4);
        order(engine, 6, BOB, 12, Side.BUY, TimeInForce.IOC, false, SelfTradePrevention.NONE, 110, 2);
        order(engine, 7, BOB, 3, Side.SELL, TimeInForce.GTC, false, SelfTradePrevention.NONE, 108, 1);
    }

    /**
     * The open-orders answer; a fill of the post-only bid; its replace across the ask at 108 (refused, post-only);
     * the CANCEL_NEWEST ask replaced across the account's own bid (stopped); another fill; the answer again.
     */
    private static void after(final MatchingEngine engine)
    {
        engine.queryOpenOrders(19, ALICE, 1, 0);
        engine.queryOpenOrders(19, BOB, 2, 0);
        order(engine, 20, BOB, 13, Side.SELL, TimeInForce.IOC, false, SelfTradePrevention.NONE, 100, 3);
        engine.replaceOrder(21, ALICE, 3, 0, 108, 3, 1);
        engine.replaceOrder(22, ALICE, 4, 0, 100, 3, 2);
        order(engine, 23, BOB, 14, Side.SELL, TimeInForce.IOC, false, SelfTradePrevention.NONE, 100, 1);
        engine.queryOpenOrders(24, ALICE, 5, 0);
        engine.queryOpenOrders(24, BOB, 6, 0);
    }

    private static void order(final MatchingEngine engine, final long timestamp, final long account,
        final long clientOrderId, final Side side, final TimeInForce timeInForce, final boolean postOnly,
        final SelfTradePrevention stp, final long price, final long quantity)
    {
        engine.newOrder(timestamp, account, clientOrderId, INSTRUMENT, side, OrderType.LIMIT, timeInForce, postOnly,
            stp, price, quantity);
    }

    /**
     * @return the instrument's resting orders as a move carries them, ids without the moved bit.
     */
    private static List<String> book(final MatchingEngine engine, final long moved)
    {
        final List<String> orders = new ArrayList<>();
        engine.moves().visitBook(INSTRUMENT, new InstrumentMoves.BookVisitor()
        {
            @Override
            public void onInstrument(
                final int instrumentId, final int baseAssetId, final int quoteAssetId, final long tickSize,
                final long lotSize, final int priceScale, final int quantityScale, final long makerFeePerLot,
                final long takerFeePerLot, final long referencePrice, final int priceBandBps,
                final int marketProtectionBps)
            {
            }

            @Override
            public void onOrder(
                final long orderId, final long accountId, final long clientOrderId, final Side side,
                final TimeInForce timeInForce, final long price, final long openQuantity, final long entryTime,
                final int heldAssetId, final long hold, final long filledQuantity, final long filledNotional,
                final long updateTime, final boolean postOnly, final SelfTradePrevention selfTradePrevention)
            {
                assertThat(orderId & moved).isEqualTo(moved);
                orders.add("o" + (orderId & ~moved) + " c" + clientOrderId + " " + side + " " + timeInForce + " " +
                    price + "x" + openQuantity + " t" + entryTime + " filled" + filledQuantity + "/" +
                    filledNotional + " u" + updateTime + " postOnly" + postOnly + " " + selfTradePrevention);
            }
        });
        return orders;
    }

    /**
     * An engine whose events go through the wire codecs: its reports kept as text (order ids without the moved
     * bit), a book read's answer written as the target's commands, commands not applied reported too.
     */
    private final class Venue extends EngineListenerAdapter
    {
        final List<String> reports = new ArrayList<>();
        final List<byte[]> piece = new ArrayList<>();
        final MatchingEngine engine = new MatchingEngine(EngineConfig.defaults(), new SbeEventEncoder(
            new CallbackEventSink(new SbeEventDecoder(this))));
        final SbeCommandDispatcher dispatcher = new SbeCommandDispatcher(engine,
            (reason, buffer, offset, length) -> reports.add("reject " + reason));
        private final ExpandableArrayBuffer written = new ExpandableArrayBuffer();

        @Override
        public void onTrade(final long timestamp, final long tradeId, final int instrumentId, final long price,
            final long quantity, final Side takerSide, final long makerOrderId, final long makerAccountId,
            final long makerRemaining, final long makerFee, final long takerOrderId, final long takerAccountId,
            final long takerRemaining, final long takerFee)
        {
            reports.add("trade " + price + "x" + quantity + " maker o" + (makerOrderId & ~MOVED) + " left" +
                makerRemaining + " fee" + makerFee + " taker a" + takerAccountId + " left" + takerRemaining + " fee" +
                takerFee);
        }

        @Override
        public void onOrderReplaced(final long timestamp, final long orderId, final long requestId,
            final long accountId, final int instrumentId, final long price, final long quantity,
            final boolean priorityKept)
        {
            reports.add("replaced o" + (orderId & ~MOVED) + " " + price + "x" + quantity + " priority " +
                priorityKept);
        }

        @Override
        public void onCancelRejected(final long timestamp, final long orderId, final long requestId,
            final long accountId, final RejectReason reason)
        {
            reports.add("cancel rejected o" + (orderId & ~MOVED) + " " + reason);
        }

        @Override
        public void onOrderCancelled(final long timestamp, final long orderId, final long clientOrderId,
            final long requestId, final long accountId, final int instrumentId, final long cancelledQuantity,
            final CancelReason reason)
        {
            reports.add("cancelled o" + (orderId & ~MOVED) + " " + cancelledQuantity + " " + reason);
        }

        @Override
        public void onAdminResult(final long timestamp, final AdminType type,
            final long subjectId, final RejectReason result)
        {
            if (result != RejectReason.NONE)
            {
                reports.add("refused " + type + " " + subjectId + " " + result);
            }
        }

        @Override
        public void onOpenOrder(final long timestamp, final long requestId, final long accountId, final long orderId,
            final long clientOrderId, final int instrumentId, final int orderCount, final int place, final Side side,
            final TimeInForce timeInForce, final long price, final long quantity, final long originalQuantity,
            final long entryTime, final boolean postOnly, final long filledNotional, final long updateTime)
        {
            final long cumulative = originalQuantity - quantity;
            reports.add("open o" + (orderId & ~MOVED) + " c" + clientOrderId + " " + side + " " + price + " " +
                quantity + "/" + originalQuantity + " t" + entryTime + (postOnly ? " PO" : "") + " n" +
                filledNotional + " u" + updateTime + " cum" + cumulative + " avg" +
                (cumulative == 0 ? 0 : filledNotional / cumulative));
        }

        @Override
        public void onBookRead(final long timestamp, final long requestId, final int instrumentId,
            final int orderCount, final int baseAssetId, final int quoteAssetId, final long tickSize,
            final long lotSize, final int priceScale, final int quantityScale, final long makerFeePerLot,
            final long takerFeePerLot, final long referencePrice, final int priceBandBps,
            final int marketProtectionBps)
        {
            piece.add(copy(encoder.addInstrument(written, 0, timestamp, instrumentId, baseAssetId, quoteAssetId,
                tickSize, lotSize, priceScale, quantityScale, makerFeePerLot, takerFeePerLot, referencePrice,
                priceBandBps, marketProtectionBps)));
        }

        @Override
        public void onBookReadOrder(final long timestamp, final long requestId, final int place,
            final long orderId, final long accountId, final long clientOrderId, final int instrumentId,
            final Side side, final TimeInForce timeInForce, final long price, final long quantity,
            final long entryTime, final int heldAssetId, final long hold, final long filledQuantity,
            final long filledNotional, final long updateTime, final boolean postOnly,
            final SelfTradePrevention selfTradePrevention)
        {
            piece.add(copy(encoder.restoreOrder(written, 0, timestamp, FIRST_TRANSFER + place, MOVED | orderId,
                accountId, clientOrderId, instrumentId, side, timeInForce, price, quantity, entryTime, heldAssetId,
                hold, filledQuantity, filledNotional, updateTime, postOnly, selfTradePrevention)));
        }

        private byte[] copy(final int length)
        {
            final byte[] bytes = new byte[length];
            written.getBytes(0, bytes);
            return bytes;
        }
    }
}
