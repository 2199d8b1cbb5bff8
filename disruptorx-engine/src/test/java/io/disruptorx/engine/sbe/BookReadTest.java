package io.disruptorx.engine.sbe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.InstrumentMoves;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.ReadBookEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The book read as a wire command: {@code ReadBook} dispatched into the engine is answered with a {@code BookRead}
 * (the instrument's definition and its resting order count) and one {@code BookReadOrder} per resting order, in the
 * order a move carries them ({@link InstrumentMoves#visitBook}: bids best first, then asks, each level oldest first),
 * numbered from 0, each with its id, account, client order id, side, price, open quantity, entry time and hold, and
 * what it filled (quantity and notional), its last change's time, its post-only flag and self-trade prevention; it
 * changes nothing (the engine's snapshot is the same bytes after it), two engines given the same commands answer the
 * same bytes, and an unknown instrument is answered with one {@code BookRead} of -1 orders.
 */
class BookReadTest
{
    private static final int USD = 0;
    private static final int BTC = 1;
    private static final int INSTRUMENT = 4;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);

    @Test
    void shouldAnswerTheBookInPriorityOrderAsEventsAndChangeNothing()
    {
        final List<String> answers = new ArrayList<>();
        final MatchingEngine engine = engine(answers);
        final List<String> visited = new ArrayList<>();
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
                visited.add("o" + orderId + " a" + accountId + " c" + clientOrderId + " " + side + " " + timeInForce +
                    " " + price + "x" + openQuantity + " t" + entryTime + " held" + heldAssetId + "=" + hold +
                    " filled" + filledQuantity + "/" + filledNotional + " u" + updateTime + " postOnly" + postOnly +
                    " " + selfTradePrevention);
            }
        });
        final ExpandableArrayBuffer before = new ExpandableArrayBuffer();
        final int beforeLength = engine.snapshot(before, 0);
        final SbeCommandDispatcher dispatcher = new SbeCommandDispatcher(engine, (reason, b, o, l) -> { });

        assertThat(dispatcher.dispatch(buffer, 0, readBook(900, 31, INSTRUMENT))).isTrue();

        assertThat(answers).hasSize(6);
        assertThat(answers.get(0)).isEqualTo("900 r31 book i4 orders5 base1 quote0 tick1 lot1 scales2/0 fees1/2 ref" +
            engine.referencePrice(INSTRUMENT) + " band1000 protection500");
        final List<String> orders = new ArrayList<>();
        for (int i = 1; i < answers.size(); i++)
        {
            assertThat(answers.get(i)).startsWith("900 r31 i4 place" + (i - 1) + " ");
            orders.add(answers.get(i).substring(("900 r31 i4 place" + (i - 1) + " ").length()));
        }
        assertThat(orders).containsExactlyElementsOf(visited);
        assertThat(orders).extracting(order -> order.substring(order.indexOf(" c") + 1, order.indexOf(" t")))
            .as("bids best first, then asks best first, each level oldest first").containsExactly(
                "c13 BUY GTC 10100x7",
                "c14 BUY DAY 10100x3",
                "c12 BUY GTC 10000x10",
                "c15 SELL GTC 10300x2",
                "c16 SELL GTC 10400x4");
        assertThat(orders).allMatch(order -> !order.contains("=0 "));
        assertThat(orders).extracting(order -> order.substring(order.indexOf(" c"), order.indexOf(" t")) +
            order.substring(order.indexOf(" filled")))
            .as("what each order filled, its last change, post-only and self-trade prevention").containsExactly(
                " c13 BUY GTC 10100x7 filled3/30300 u7 postOnlyfalse NONE",
                " c14 BUY DAY 10100x3 filled0/0 u4 postOnlyfalse CANCEL_OLDEST",
                " c12 BUY GTC 10000x10 filled0/0 u2 postOnlyfalse NONE",
                " c15 SELL GTC 10300x2 filled0/0 u5 postOnlyfalse NONE",
                " c16 SELL GTC 10400x4 filled0/0 u6 postOnlytrue NONE");

        final ExpandableArrayBuffer after = new ExpandableArrayBuffer();
        assertThat(engine.snapshot(after, 0)).isEqualTo(beforeLength);
        assertThat(Arrays.copyOf(after.byteArray(), beforeLength)).as("nothing changed")
            .isEqualTo(Arrays.copyOf(before.byteArray(), beforeLength));
    }

    @Test
    void shouldAnswerTheSameBytesOnEveryReplica()
    {
        final ExpandableArrayBuffer first = new ExpandableArrayBuffer();
        final ExpandableArrayBuffer second = new ExpandableArrayBuffer();
        final int[] lengths = new int[2];
        final ExpandableArrayBuffer[] outputs = {first, second};
        for (int replica = 0; replica < 2; replica++)
        {
            final ExpandableArrayBuffer output = outputs[replica];
            final int index = replica;
            final MatchingEngine engine = new MatchingEngine(EngineConfig.defaults(), new SbeEventEncoder(
                new CallbackEventSink((b, o, l) ->
                {
                    output.putBytes(lengths[index], b, o, l);
                    lengths[index] += l;
                })));
            rest(engine);
            lengths[index] = 0;
            new SbeCommandDispatcher(engine, (reason, b, o, l) -> { }).dispatch(buffer, 0,
                readBook(900, 31, INSTRUMENT));
        }
        assertThat(lengths[0]).isPositive().isEqualTo(lengths[1]);
        assertThat(Arrays.copyOf(first.byteArray(), lengths[0]))
            .isEqualTo(Arrays.copyOf(second.byteArray(), lengths[1]));
    }

    @Test
    void shouldAnswerAnUnknownInstrumentWithMinusOneOrders()
    {
        final List<String> answers = new ArrayList<>();
        final MatchingEngine engine = engine(answers);
        new SbeCommandDispatcher(engine, (reason, b, o, l) -> { }).dispatch(buffer, 0, readBook(901, 32, 99));
        assertThat(answers).containsExactly(
            "901 r32 book i99 orders-1 base0 quote0 tick0 lot0 scales0/0 fees0/0 ref0 band0 protection0");
    }

    private MatchingEngine engine(final List<String> answers)
    {
        final MatchingEngine engine = new MatchingEngine(EngineConfig.defaults(), new SbeEventEncoder(
            new CallbackEventSink(new SbeEventDecoder(new EngineListenerAdapter()
            {
                @Override
                public void onBookRead(
                    final long timestamp, final long requestId, final int instrumentId, final int orderCount,
                    final int baseAssetId, final int quoteAssetId, final long tickSize, final long lotSize,
                    final int priceScale, final int quantityScale, final long makerFeePerLot,
                    final long takerFeePerLot, final long referencePrice, final int priceBandBps,
                    final int marketProtectionBps)
                {
                    answers.add(timestamp + " r" + requestId + " book i" + instrumentId + " orders" + orderCount +
                        " base" + baseAssetId + " quote" + quoteAssetId + " tick" + tickSize + " lot" + lotSize +
                        " scales" + priceScale + "/" + quantityScale + " fees" + makerFeePerLot + "/" +
                        takerFeePerLot + " ref" + referencePrice + " band" + priceBandBps + " protection" +
                        marketProtectionBps);
                }

                @Override
                public void onBookReadOrder(
                    final long timestamp, final long requestId, final int place, final long orderId,
                    final long accountId, final long clientOrderId, final int instrumentId, final Side side,
                    final TimeInForce timeInForce, final long price, final long quantity, final long entryTime,
                    final int heldAssetId, final long hold, final long filledQuantity, final long filledNotional,
                    final long updateTime, final boolean postOnly, final SelfTradePrevention selfTradePrevention)
                {
                    answers.add(timestamp + " r" + requestId + " i" + instrumentId + " place" + place + " o" +
                        orderId + " a" + accountId + " c" + clientOrderId + " " + side + " " + timeInForce + " " +
                        price + "x" + quantity + " t" + entryTime + " held" + heldAssetId + "=" + hold + " filled" +
                        filledQuantity + "/" + filledNotional + " u" + updateTime + " postOnly" + postOnly + " " +
                        selfTradePrevention);
                }
            }))));
        rest(engine);
        return engine;
    }

    /**
     * Instrument 4 (BTC/USD, price scale 2) with two bids at 10,100 (GTC then DAY with self-trade prevention
     * CANCEL_OLDEST; the first traded down to 7 of 10 by an IOC sell), one at 10,000, and two asks (the second
     * post-only): five resting orders of accounts 5 and 6.
     */
    private static void rest(final MatchingEngine engine)
    {
        engine.addInstrument(1, INSTRUMENT, BTC, USD, 1, 1, 2, 0, 1, 2, 10_000, 1_000, 500);
        engine.adjustBalance(1, 5, USD, 10_000_000);
        engine.adjustBalance(1, 6, USD, 10_000_000);
        engine.adjustBalance(1, 5, BTC, 1_000);
        engine.adjustBalance(1, 6, BTC, 1_000);
        engine.newOrder(2, 5, 12, INSTRUMENT, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.NONE, 10_000, 10);
        engine.newOrder(3, 5, 13, INSTRUMENT, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.NONE, 10_100, 10);
        engine.newOrder(4, 6, 14, INSTRUMENT, Side.BUY, OrderType.LIMIT, TimeInForce.DAY, false,
            SelfTradePrevention.CANCEL_OLDEST, 10_100, 3);
        engine.newOrder(5, 6, 15, INSTRUMENT, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.NONE, 10_300, 2);
        engine.newOrder(6, 5, 16, INSTRUMENT, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, true,
            SelfTradePrevention.NONE, 10_400, 4);
        engine.newOrder(7, 6, 17, INSTRUMENT, Side.SELL, OrderType.LIMIT, TimeInForce.IOC, false,
            SelfTradePrevention.NONE, 10_000, 3);
    }

    private int readBook(final long timestamp, final long requestId, final int instrumentId)
    {
        new ReadBookEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).timestamp(timestamp)
            .requestId(requestId).instrumentId(instrumentId);
        return MessageHeaderEncoder.ENCODED_LENGTH + ReadBookEncoder.BLOCK_LENGTH;
    }
}
