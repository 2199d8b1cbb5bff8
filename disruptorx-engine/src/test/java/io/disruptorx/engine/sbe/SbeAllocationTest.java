package io.disruptorx.engine.sbe;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import io.disruptorx.engine.AdminType;
import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.QueryOpenOrdersEncoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.TradeDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wire path allocates nothing per message once warm: counted with the JVM's per-thread allocation counter
 * (bytes, not time, so it is stable on a busy machine). Each loop runs {@value #ROUNDS} measured rounds: even
 * 8 bytes per message would be 800 KB a round, while the JIT, deoptimizing once, may materialize a few objects
 * in one round; so the best round must be under {@value #BOUND_BYTES} bytes and every round under
 * {@value #NOISE_BYTES}.
 */
class SbeAllocationTest
{
    private static final int WARM_UP = 30_000;
    private static final int MEASURED = 100_000;
    private static final int ROUNDS = 5;
    private static final long BOUND_BYTES = 1_024;
    private static final long NOISE_BYTES = 64 * 1_024;

    private static com.sun.management.ThreadMXBean threads;

    private final UnsafeBuffer commands = new UnsafeBuffer(new byte[1_024]);
    private final SbeCommandEncoder commandEncoder = new SbeCommandEncoder();
    private final MessageCounter published = new MessageCounter();
    private final SbeEventEncoder eventEncoder = new SbeEventEncoder(new CallbackEventSink(published));
    private final MatchingEngine engine = new MatchingEngine(SbeCommandDispatcherTest.CONFIG, eventEncoder);
    private final SbeCommandDispatcher dispatcher = new SbeCommandDispatcher(engine, DispatchRejectHandler.IGNORE);
    private long timestamp;
    private long clientOrderId;

    @BeforeAll
    static void allocationCounting()
    {
        threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
    }

    @Test
    void shouldEncodeEveryEventWithoutAllocating()
    {
        for (int i = 0; i < WARM_UP; i++)
        {
            encodeEveryEvent(i);
        }

        final long[] allocated = new long[ROUNDS];
        for (int round = 0; round < ROUNDS; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < MEASURED; i++)
            {
                encodeEveryEvent(i);
            }
            allocated[round] = threads.getCurrentThreadAllocatedBytes() - before;
        }

        assertThat(published.count).isEqualTo((WARM_UP + ROUNDS * MEASURED) * 14L);
        assertAllocatedNothing(allocated, "x 14 events");
    }

    @Test
    void shouldRejectMalformedMessagesWithoutAllocating()
    {
        final int length = commandEncoder.takeSnapshot(commands, 0, 1, 2);
        commands.putShort(2, (short) 999);
        for (int i = 0; i < WARM_UP; i++)
        {
            dispatcher.dispatch(commands, 0, length);
            dispatcher.dispatch(commands, 0, 3);
        }

        final long[] allocated = new long[ROUNDS];
        for (int round = 0; round < ROUNDS; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < MEASURED; i++)
            {
                dispatcher.dispatch(commands, 0, length);
                dispatcher.dispatch(commands, 0, 3);
            }
            allocated[round] = threads.getCurrentThreadAllocatedBytes() - before;
        }

        assertThat(dispatcher.rejectCount(DispatchReject.UNKNOWN_TEMPLATE)).isEqualTo(WARM_UP + ROUNDS * MEASURED);
        assertThat(dispatcher.rejectCount(DispatchReject.TRUNCATED)).isEqualTo(WARM_UP + ROUNDS * MEASURED);
        assertAllocatedNothing(allocated, "x 2 rejects");
    }

    @Test
    void shouldDispatchEveryCommandIntoTheEngineAndEncodeItsEventsWithoutAllocating()
    {
        dispatch(commandEncoder.addInstrument(commands, 0, ++timestamp, 1, 1, 2, 10, 1, 2, 0, 0, 1, 10_000, 0, 500));
        for (long account = 1; account <= 2; account++)
        {
            dispatch(commandEncoder.adjustBalance(commands, 0, ++timestamp, account, 1, 1L << 50));
            dispatch(commandEncoder.adjustBalance(commands, 0, ++timestamp, account, 2, 1L << 50));
        }
        for (int i = 0; i < WARM_UP; i++)
        {
            tradingCycle();
        }
        final long publishedBefore = published.count;

        final long[] allocated = new long[ROUNDS];
        for (int round = 0; round < ROUNDS; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < MEASURED; i++)
            {
                tradingCycle();
            }
            allocated[round] = threads.getCurrentThreadAllocatedBytes() - before;
        }

        assertThat(dispatcher.totalRejectCount()).isZero();
        assertThat(published.count - publishedBefore).as("events").isGreaterThan(ROUNDS * MEASURED * 10L);
        assertThat(published.trades).as("every cycle trades").isGreaterThanOrEqualTo(WARM_UP + ROUNDS * MEASURED);
        assertAllocatedNothing(allocated, "trading cycles of 12 commands");
    }

    @Test
    void shouldAnswerOpenOrdersQueriesWithoutAllocating()
    {
        dispatch(commandEncoder.addInstrument(commands, 0, ++timestamp, 2, 1, 2, 10, 1, 2, 0, 0, 1, 10_000, 0, 500));
        dispatch(commandEncoder.addInstrument(commands, 0, ++timestamp, 1, 1, 2, 10, 1, 2, 0, 0, 1, 10_000, 0, 500));
        for (long account = 1; account <= 2; account++)
        {
            dispatch(commandEncoder.adjustBalance(commands, 0, ++timestamp, account, 1, 1L << 50));
            dispatch(commandEncoder.adjustBalance(commands, 0, ++timestamp, account, 2, 1L << 50));
            for (int instrument = 1; instrument <= 2; instrument++)
            {
                for (int i = 0; i < 5; i++)
                {
                    dispatch(commandEncoder.newOrder(commands, 0, ++timestamp, account, ++clientOrderId, instrument,
                        account == 1 ? Side.BUY : Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
                        SelfTradePrevention.NONE, account == 1 ? 9_990 - 10 * i : 10_010 + 10 * i, 1));
                }
            }
        }
        final QueryOpenOrdersEncoder query = new QueryOpenOrdersEncoder();
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + query.wrapAndApplyHeader(commands, 0, header)
            .timestamp(++timestamp).accountId(1).requestId(1).instrumentId(0).encodedLength();
        for (int i = 0; i < WARM_UP; i++)
        {
            query.requestId(i);
            dispatch(length);
        }
        final long publishedBefore = published.count;

        final long[] allocated = new long[ROUNDS];
        for (int round = 0; round < ROUNDS; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < MEASURED; i++)
            {
                query.accountId(1 + (i & 3)).requestId(i);
                dispatch(length);
            }
            allocated[round] = threads.getCurrentThreadAllocatedBytes() - before;
        }

        assertThat(dispatcher.totalRejectCount()).isZero();
        assertThat(published.count - publishedBefore).as("10, 10, 1 and 1 events per 4 queries")
            .isEqualTo(ROUNDS * MEASURED / 4L * 22);
        assertAllocatedNothing(allocated, "open-orders queries of 10 and of no orders");
    }

    private static void assertAllocatedNothing(final long[] allocated, final String what)
    {
        System.out.printf("allocated bytes per round of %d %s: %s%n", MEASURED, what, Arrays.toString(allocated));
        final String description = "bytes allocated per round of " + MEASURED + " " + what;
        assertThat(Arrays.stream(allocated).min().orElseThrow()).as(description).isLessThan(BOUND_BYTES);
        assertThat(Arrays.stream(allocated).max().orElseThrow()).as(description).isLessThan(NOISE_BYTES);
    }

    /**
     * All eleven commands (a mass cancel also of restored orders only): a sell rests, shrinks, trades away, a buy rests
     * and is cancelled, admin in between.
     */
    private void tradingCycle()
    {
        dispatch(commandEncoder.newOrder(commands, 0, ++timestamp, 1, ++clientOrderId, 1, Side.SELL, OrderType.LIMIT,
            TimeInForce.GTC, false, SelfTradePrevention.NONE, 10_000, 3));
        dispatch(commandEncoder.replaceOrder(
            commands, 0, ++timestamp, 1, ++clientOrderId, published.lastAcceptedOrderId, 10_000, 2));
        dispatch(commandEncoder.newOrder(commands, 0, ++timestamp, 2, ++clientOrderId, 1, Side.BUY, OrderType.LIMIT,
            TimeInForce.IOC, false, SelfTradePrevention.NONE, 10_000, 2));
        dispatch(commandEncoder.newOrder(commands, 0, ++timestamp, 2, ++clientOrderId, 1, Side.BUY, OrderType.LIMIT,
            TimeInForce.DAY, false, SelfTradePrevention.NONE, 9_990, 1));
        dispatch(commandEncoder.cancelOrder(
            commands, 0, ++timestamp, 2, ++clientOrderId, published.lastAcceptedOrderId));
        dispatch(commandEncoder.massCancel(commands, 0, ++timestamp, 2, 1, ++clientOrderId));
        dispatch(commandEncoder.massCancel(commands, 0, ++timestamp, 0, 0, ++clientOrderId, true));
        dispatch(commandEncoder.setRiskLimits(commands, 0, ++timestamp, 1, 1_000, Long.MAX_VALUE, false));
        dispatch(commandEncoder.haltInstrument(commands, 0, ++timestamp, 1));
        dispatch(commandEncoder.resumeInstrument(commands, 0, ++timestamp, 1));
        dispatch(commandEncoder.endOfDay(commands, 0, ++timestamp, 1));
        dispatch(commandEncoder.takeSnapshot(commands, 0, ++timestamp, timestamp));
        dispatch(commandEncoder.adjustBalance(commands, 0, ++timestamp, 1, 2, 1));
    }

    private void dispatch(final int length)
    {
        dispatcher.dispatch(commands, 0, length);
    }

    private void encodeEveryEvent(final int i)
    {
        final SbeEventEncoder encoder = eventEncoder;
        encoder.onOrderAccepted(i, i, i, i, i, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, i, i);
        encoder.onOrderRejected(i, i, i, i, RejectReason.INVALID_PRICE);
        encoder.onTrade(i, i, i, i, i, Side.SELL, i, i, i, i, i, i, i, i);
        encoder.onOrderCancelled(i, i, i, i, i, i, i, null);
        encoder.onOrderReplaced(i, i, i, i, i, i, i, (i & 1) == 0);
        encoder.onCancelRejected(i, i, i, i, RejectReason.UNKNOWN_ORDER);
        encoder.onAdminResult(i, AdminType.TAKE_SNAPSHOT, i, RejectReason.NONE);
        encoder.onSnapshotRequested(i, i);
        encoder.onInstrumentStatus(i, i, InstrumentState.HALTED);
        encoder.onBookOrderAdded(i, i, i, i, Side.BUY, i, i);
        encoder.onBookOrderModified(i, i, i, i, i);
        encoder.onBookOrderDeleted(i, i, i, i);
        encoder.onMarketTrade(i, i, i, i, i, i, Side.SELL);
        encoder.onMarketStatus(i, i, i, InstrumentState.TRADING);
    }

    /** Counts published messages and trades and keeps the last accepted order id, reading in place. */
    private static final class MessageCounter implements EncodedMessageHandler
    {
        private final OrderAcceptedDecoder accepted = new OrderAcceptedDecoder();
        private long count;
        private long trades;
        private long lastAcceptedOrderId;

        @Override
        public void onMessage(final DirectBuffer buffer, final int offset, final int length)
        {
            count++;
            final int templateId = buffer.getShort(offset + 2);
            if (templateId == TradeDecoder.TEMPLATE_ID)
            {
                trades++;
            }
            else if (templateId == OrderAcceptedDecoder.TEMPLATE_ID)
            {
                lastAcceptedOrderId = accepted.wrap(buffer, offset + 8, length - 8, 0).orderId();
            }
        }
    }
}
