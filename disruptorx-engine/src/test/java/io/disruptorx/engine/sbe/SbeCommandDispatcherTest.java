package io.disruptorx.engine.sbe;

import java.util.Arrays;
import java.util.List;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.PostOnlyMode;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.protocol.sbe.command.CancelOrderDecoder;
import io.disruptorx.protocol.sbe.command.NewOrderDecoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands through SBE into a real engine: each reaches the engine as the same call with the same arguments.
 */
class SbeCommandDispatcherTest
{
    static final EngineConfig CONFIG = new EngineConfig(8, 4, 4_096, 64, 0, PostOnlyMode.REJECT);

    private final EventLog log = new EventLog();
    private final MatchingEngine engine = new MatchingEngine(CONFIG, log);
    private final SbeCommandDispatcher dispatcher = new SbeCommandDispatcher(engine, DispatchRejectHandler.IGNORE);
    private final SbeCommands sbe = SbeCommands.into(dispatcher);

    @Test
    void shouldApplyEveryCommandWithItsFields()
    {
        sbe.addInstrument(100, 1, 1, 2, 10, 1, 2, 0, 0, 1, 10_000, 1_000, 500, InstrumentState.TRADING);
        assertThat(log.events()).contains(
            "onAdminResult(100, ADD_INSTRUMENT, 1, NONE)", "onInstrumentStatus(100, 1, TRADING)");

        sbe.adjustBalance(101, 5, 1, 1_000);
        sbe.adjustBalance(102, 6, 2, 1_000_000);
        sbe.adjustBalance(103, 6, 2, -1);
        assertThat(log.events()).contains(
            "onAdminResult(101, ADJUST_BALANCE, 5, NONE)",
            "onAdminResult(102, ADJUST_BALANCE, 6, NONE)",
            "onAdminResult(103, ADJUST_BALANCE, 6, NONE)");

        sbe.setRiskLimits(104, 5, 500, 1_000_000_000L, false);
        assertThat(log.events()).contains("onAdminResult(104, SET_RISK_LIMITS, 5, NONE)");

        sbe.newOrder(105, 5, 7001, 1, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.CANCEL_NEWEST, 10_050, 4);
        assertThat(log.events()).contains("onOrderAccepted(105, 1, 7001, 5, 1, SELL, LIMIT, GTC, 10050, 4)");

        sbe.replaceOrder(106, 5, 7002, 1, 10_050, 3);
        assertThat(log.events()).contains("onOrderReplaced(106, 1, 7002, 5, 1, 10050, 3, true)");

        sbe.newOrder(107, 6, 7003, 1, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, false,
            SelfTradePrevention.NONE, 10_100, 1);
        assertThat(log.events()).contains(
            "onOrderAccepted(107, 2, 7003, 6, 1, BUY, LIMIT, IOC, 10100, 1)",
            "onTrade(107, 1, 1, 10050, 1, BUY, 1, 5, 2, 0, 2, 6, 0, 1)");

        sbe.cancelOrder(108, 5, 7004, 1);
        assertThat(log.events()).contains("onOrderCancelled(108, 1, 7001, 7004, 5, 1, 2, REQUESTED)");

        sbe.newOrder(109, 5, 7005, 1, Side.SELL, OrderType.LIMIT, TimeInForce.DAY, true,
            SelfTradePrevention.CANCEL_OLDEST, 10_200, 2);
        sbe.massCancel(110, 5, 1, 7006, false);
        assertThat(log.events()).contains(
            "onOrderAccepted(109, 3, 7005, 5, 1, SELL, LIMIT, DAY, 10200, 2)",
            "onOrderCancelled(110, 3, 7005, 7006, 5, 1, 2, MASS_CANCEL)");
        assertThat(log.events()).anyMatch(event -> event.startsWith("onAdminResult(110, MASS_CANCEL, "));

        sbe.haltInstrument(111, 1);
        sbe.newOrder(112, 6, 7007, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.NONE, 10_000, 1);
        sbe.resumeInstrument(113, 1);
        assertThat(log.events()).contains(
            "onAdminResult(111, HALT_INSTRUMENT, 1, NONE)",
            "onInstrumentStatus(111, 1, HALTED)",
            "onOrderRejected(112, 7007, 6, 1, INSTRUMENT_HALTED)",
            "onAdminResult(113, RESUME_INSTRUMENT, 1, NONE)",
            "onInstrumentStatus(113, 1, TRADING)");

        sbe.newOrder(114, 6, 7008, 1, Side.BUY, OrderType.LIMIT, TimeInForce.DAY, false,
            SelfTradePrevention.NONE, 9_990, 1);
        sbe.endOfDay(115, 0);
        assertThat(log.events()).contains(
            "onOrderAccepted(114, 4, 7008, 6, 1, BUY, LIMIT, DAY, 9990, 1)",
            "onAdminResult(115, END_OF_DAY, 0, NONE)");
        assertThat(log.events()).anyMatch(
            event -> event.startsWith("onOrderCancelled(115, 4, 7008, ") && event.endsWith(", 6, 1, 1, EXPIRED)"));

        sbe.takeSnapshot(116, 42);
        assertThat(log.events()).contains(
            "onAdminResult(116, TAKE_SNAPSHOT, 42, NONE)", "onSnapshotRequested(116, 42)");

        assertThat(dispatcher.totalRejectCount()).isZero();
    }

    @Test
    void shouldCancelAndReplaceAnOrderNamedByItsClientOrderId()
    {
        sbe.addInstrument(1, 1, 1, 2, 10, 1, 2, 0, 0, 0, 10_000, 0, 500, InstrumentState.TRADING);
        sbe.adjustBalance(2, 5, 1, 1_000);
        sbe.newOrder(3, 5, 7001, 1, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.NONE, 10_050, 4);
        sbe.newOrder(4, 5, 7001, 1, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.NONE, 10_060, 4);

        sbe.replaceOrder(5, 5, 7002, 0, 10_050, 3, 7001);
        sbe.cancelOrder(6, 5, 7003, 0, 7001);
        sbe.cancelOrder(7, 5, 7004, 0, 7001);

        assertThat(log.events()).containsSubsequence(
            "onOrderRejected(4, 7001, 5, 1, DUPLICATE_CLIENT_ORDER_ID)",
            "onOrderReplaced(5, 1, 7002, 5, 1, 10050, 3, true)",
            "onOrderCancelled(6, 1, 7001, 7003, 5, 1, 3, REQUESTED)",
            "onCancelRejected(7, 0, 7004, 5, UNKNOWN_ORDER)");
        assertThat(dispatcher.totalRejectCount()).isZero();
    }

    @Test
    void shouldReadAVersionZeroCancelWithoutClientOrderIdAndRefuseAVersionOneThatLacksIt()
    {
        sbe.addInstrument(1, 1, 1, 2, 10, 1, 2, 0, 0, 0, 10_000, 0, 500, InstrumentState.TRADING);
        sbe.adjustBalance(2, 5, 1, 1_000);
        sbe.newOrder(3, 5, 7001, 1, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.NONE, 10_050, 4);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
        // a cancel as a version 0 build wrote it: 32-byte block, no clientOrderId; stray bytes after it
        final int length = new SbeCommandEncoder().cancelOrder(buffer, 0, 4, 5, 7002, 1, 7001);
        buffer.putShort(0, (short) CancelOrderDecoder.clientOrderIdEncodingOffset());
        buffer.putShort(6, (short) 0);

        assertThat(dispatcher.dispatch(buffer, 0, length - 8)).isTrue();
        assertThat(log.events()).contains("onOrderCancelled(4, 1, 7001, 7002, 5, 1, 4, REQUESTED)");

        buffer.putShort(6, (short) 1);
        assertThat(dispatcher.dispatch(buffer, 0, length - 8)).isFalse();
        assertThat(dispatcher.rejectCount(DispatchReject.BLOCK_TOO_SHORT)).isEqualTo(1);
    }

    @Test
    void shouldPassUnknownEnumCodesToTheEngineAsNullSoItRejectsTheOrder()
    {
        sbe.addInstrument(1, 1, 1, 2, 10, 1, 2, 0, 0, 0, 10_000, 0, 500, InstrumentState.TRADING);
        sbe.adjustBalance(2, 6, 2, 1_000_000);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
        final SbeCommandEncoder encoder = new SbeCommandEncoder();
        final int[] fieldOffsets = {
            NewOrderDecoder.sideEncodingOffset(),
            NewOrderDecoder.orderTypeEncodingOffset(),
            NewOrderDecoder.timeInForceEncodingOffset(),
            NewOrderDecoder.selfTradePreventionEncodingOffset()};

        for (int i = 0; i < fieldOffsets.length; i++)
        {
            final int length = encoder.newOrder(buffer, 0, 10 + i, 6, 900 + i, 1, Side.BUY, OrderType.LIMIT,
                TimeInForce.GTC, false, SelfTradePrevention.NONE, 10_000, 1);
            buffer.putByte(8 + fieldOffsets[i], (byte) 9);

            assertThat(dispatcher.dispatch(buffer, 0, length)).isTrue();
        }

        assertThat(log.events()).containsSubsequence(
            "onOrderRejected(10, 900, 6, 1, INVALID_ORDER_TYPE)",
            "onOrderRejected(11, 901, 6, 1, INVALID_ORDER_TYPE)",
            "onOrderRejected(12, 902, 6, 1, INVALID_ORDER_TYPE)",
            "onOrderRejected(13, 903, 6, 1, INVALID_ORDER_TYPE)");
        assertThat(dispatcher.totalRejectCount()).isZero();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 1234, 987654321})
    void shouldGiveTheSameEventsAndStateAsCallingTheEngineDirectly(final long seed)
    {
        final EventLog directLog = new EventLog();
        final MatchingEngine direct = new MatchingEngine(CONFIG, directLog);
        final RandomCommands commands = new RandomCommands(seed, sbe, Commands.direct(direct)).withHints(log);

        commands.setUpMarket();
        for (int i = 0; i < 2_000; i++)
        {
            commands.nextMarket();
        }

        final int difference = firstDifference(log.events(), directLog.events());
        assertThat(difference).as("seed %d: first difference at event %d: through SBE %s, direct %s", seed,
            difference, eventAt(log.events(), difference), eventAt(directLog.events(), difference)).isEqualTo(-1);
        assertThat(dispatcher.totalRejectCount()).as("seed %d", seed).isZero();
        assertThat(log.events().stream().map(event -> event.substring(0, event.indexOf('('))).distinct())
            .as("seed %d: the stream exercised the engine", seed)
            .contains("onOrderAccepted", "onOrderRejected", "onTrade", "onOrderCancelled", "onOrderReplaced",
                "onCancelRejected", "onAdminResult", "onBookOrderAdded", "onMarketTrade");
        assertThat(snapshot(engine)).as("seed %d", seed).isEqualTo(snapshot(direct));
    }

    private static int firstDifference(final List<String> left, final List<String> right)
    {
        for (int i = 0; i < Math.max(left.size(), right.size()); i++)
        {
            if (!eventAt(left, i).equals(eventAt(right, i)))
            {
                return i;
            }
        }
        return -1;
    }

    private static String eventAt(final List<String> events, final int index)
    {
        return index >= 0 && index < events.size() ? events.get(index) : "(none)";
    }

    private static byte[] snapshot(final MatchingEngine engine)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1 << 16);
        final int length = engine.snapshot(buffer, 0);
        return Arrays.copyOf(buffer.byteArray(), length);
    }
}
