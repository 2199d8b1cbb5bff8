package io.disruptorx.engine.sbe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.QueryOpenOrdersEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The open-orders query as a wire command: {@code QueryOpenOrders} dispatched into the engine is answered with one
 * {@code OpenOrder} event per resting order of the account, instruments in id order (not the order they were
 * added), each book in priority order (bids best level first, then asks, each level oldest first), numbered from 0
 * with the answer's size on each; filled, cancelled and IOC orders are not in it, a partly filled order is with its
 * open and original quantity; one instrument can be asked alone; an account with none is answered by one event with
 * {@code orderCount} 0; and it changes nothing (the engine's snapshot is the same bytes after it).
 */
class OpenOrdersQueryTest
{
    private static final int USD = 0;
    private static final int BTC = 1;
    private static final long ALICE = 5;
    private static final long BOB = 6;

    private final List<String> answers = new ArrayList<>();
    private final Map<Long, Long> orderIds = new HashMap<>();
    private final MatchingEngine engine = new MatchingEngine(EngineConfig.defaults(), new SbeEventEncoder(
        new CallbackEventSink(new SbeEventDecoder(new EngineListenerAdapter()
        {
            @Override
            public void onOrderAccepted(
                final long timestamp,
                final long orderId,
                final long clientOrderId,
                final long accountId,
                final int instrumentId,
                final Side side,
                final OrderType type,
                final TimeInForce timeInForce,
                final long price,
                final long quantity)
            {
                orderIds.put(clientOrderId, orderId);
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
                answers.add(timestamp + " r" + requestId + " a" + accountId + " " + place + "/" + orderCount + " o" +
                    orderId + " c" + clientOrderId + " i" + instrumentId + " " + side + " " + timeInForce + " " +
                    price + " " + quantity + "/" + originalQuantity + " t" + entryTime + (postOnly ? " PO" : "") +
                    " n" + filledNotional + " u" + updateTime);
            }
        }))));
    private final SbeCommandDispatcher dispatcher = new SbeCommandDispatcher(engine, (reason, b, o, l) -> { });
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);

    @Test
    void shouldAnswerOnlyOpenOrdersInstrumentsInIdOrderBooksInPriorityOrderAndChangeNothing()
    {
        engine.addInstrument(1, 5, BTC, USD, 1, 1, 2, 0, 1, 2, 10_000, 1_000, 1_000);
        engine.addInstrument(2, 2, BTC, USD, 1, 1, 2, 0, 1, 2, 10_000, 1_000, 1_000);
        engine.adjustBalance(3, ALICE, USD, 10_000_000);
        engine.adjustBalance(3, ALICE, BTC, 1_000);
        engine.adjustBalance(3, BOB, USD, 10_000_000);
        engine.adjustBalance(3, BOB, BTC, 1_000);
        order(10, ALICE, 101, 5, Side.BUY, TimeInForce.GTC, 10_000, 10);
        order(11, ALICE, 102, 5, Side.BUY, TimeInForce.GTC, 10_050, 3);
        order(12, BOB, 201, 5, Side.BUY, TimeInForce.GTC, 10_050, 2);
        order(13, ALICE, 103, 5, Side.SELL, TimeInForce.GTC, 10_200, 4);
        order(14, ALICE, 104, 5, Side.SELL, TimeInForce.GTC, 10_300, 1);
        engine.cancelOrder(15, ALICE, 1, orderIds.get(104L));
        order(16, ALICE, 105, 2, Side.BUY, TimeInForce.GTC, 9_900, 5);
        order(17, BOB, 202, 2, Side.SELL, TimeInForce.IOC, 9_900, 2);
        order(18, ALICE, 106, 2, Side.SELL, TimeInForce.GTC, 10_000, 2);
        order(19, BOB, 203, 2, Side.BUY, TimeInForce.IOC, 10_000, 2);
        order(20, ALICE, 107, 2, Side.SELL, TimeInForce.GTC, 10_100, 7);
        order(21, ALICE, 108, 2, Side.BUY, TimeInForce.IOC, 9_950, 1);
        final ExpandableArrayBuffer before = new ExpandableArrayBuffer();
        final int beforeLength = engine.snapshot(before, 0);

        assertThat(query(100, ALICE, 77, 0)).isTrue();

        assertThat(answers).containsExactly(
            "100 r77 a5 0/5 o" + id(105) + " c105 i2 BUY GTC 9900 3/5 t16 n19800 u17",
            "100 r77 a5 1/5 o" + id(107) + " c107 i2 SELL GTC 10100 7/7 t20 n0 u20",
            "100 r77 a5 2/5 o" + id(102) + " c102 i5 BUY GTC 10050 3/3 t11 n0 u11",
            "100 r77 a5 3/5 o" + id(101) + " c101 i5 BUY GTC 10000 10/10 t10 n0 u10",
            "100 r77 a5 4/5 o" + id(103) + " c103 i5 SELL GTC 10200 4/4 t13 n0 u13");
        final ExpandableArrayBuffer after = new ExpandableArrayBuffer();
        assertThat(engine.snapshot(after, 0)).isEqualTo(beforeLength);
        assertThat(Arrays.copyOf(after.byteArray(), beforeLength))
            .isEqualTo(Arrays.copyOf(before.byteArray(), beforeLength));

        answers.clear();
        assertThat(query(101, ALICE, 78, 5)).isTrue();
        assertThat(query(102, BOB, 79, 0)).isTrue();
        assertThat(answers).containsExactly(
            "101 r78 a5 0/3 o" + id(102) + " c102 i5 BUY GTC 10050 3/3 t11 n0 u11",
            "101 r78 a5 1/3 o" + id(101) + " c101 i5 BUY GTC 10000 10/10 t10 n0 u10",
            "101 r78 a5 2/3 o" + id(103) + " c103 i5 SELL GTC 10200 4/4 t13 n0 u13",
            "102 r79 a6 0/1 o" + id(201) + " c201 i5 BUY GTC 10050 2/2 t12 n0 u12");
    }

    @Test
    void shouldAnswerOnceWithNoOrdersForAnAccountWithNoneOpen()
    {
        engine.addInstrument(1, 3, BTC, USD, 1, 1, 2, 0, 1, 2, 10_000, 1_000, 1_000);
        engine.adjustBalance(2, ALICE, USD, 10_000_000);
        engine.adjustBalance(2, BOB, BTC, 1_000);
        order(3, ALICE, 1, 3, Side.BUY, TimeInForce.GTC, 10_000, 2);
        order(4, BOB, 2, 3, Side.SELL, TimeInForce.GTC, 10_000, 2);
        order(5, BOB, 3, 3, Side.SELL, TimeInForce.GTC, 10_400, 1);

        assertThat(query(10, ALICE, 1, 0)).isTrue();
        assertThat(query(11, 99, 2, 0)).isTrue();
        assertThat(query(12, BOB, 3, 4)).isTrue();
        assertThat(query(13, BOB, 4, 3)).isTrue();

        assertThat(answers).containsExactly(
            "10 r1 a5 0/0 o0 c0 i0 null null 0 0/0 t0 n0 u0",
            "11 r2 a99 0/0 o0 c0 i0 null null 0 0/0 t0 n0 u0",
            "12 r3 a6 0/0 o0 c0 i0 null null 0 0/0 t0 n0 u0",
            "13 r4 a6 0/1 o" + id(3) + " c3 i3 SELL GTC 10400 1/1 t5 n0 u5");
    }

    private long id(final long clientOrderId)
    {
        return orderIds.get(clientOrderId);
    }

    private void order(final long timestamp, final long account, final long clientOrderId, final int instrument,
        final Side side, final TimeInForce timeInForce, final long price, final long quantity)
    {
        engine.newOrder(timestamp, account, clientOrderId, instrument, side, OrderType.LIMIT, timeInForce, false,
            SelfTradePrevention.NONE, price, quantity);
    }

    private boolean query(final long timestamp, final long accountId, final long requestId, final int instrumentId)
    {
        final QueryOpenOrdersEncoder encoder = new QueryOpenOrdersEncoder().wrapAndApplyHeader(buffer, 0,
            new MessageHeaderEncoder()).timestamp(timestamp).accountId(accountId).requestId(requestId)
            .instrumentId(instrumentId);
        return dispatcher.dispatch(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }
}
