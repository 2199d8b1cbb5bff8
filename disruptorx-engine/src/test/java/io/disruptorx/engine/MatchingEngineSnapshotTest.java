package io.disruptorx.engine;

import io.disruptorx.engine.EngineEvent.Accepted;
import io.disruptorx.engine.EngineEvent.BookAdd;
import io.disruptorx.engine.EngineEvent.BookModify;
import io.disruptorx.engine.EngineEvent.Fill;
import io.disruptorx.engine.EngineEvent.MarketTrade;
import io.disruptorx.engine.EngineEvent.Trade;
import io.disruptorx.engine.RecordingListener.Events;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import static io.disruptorx.engine.EngineFixture.INSTRUMENT;
import static io.disruptorx.engine.OrderType.LIMIT;
import static io.disruptorx.engine.Side.BUY;
import static io.disruptorx.engine.Side.SELL;
import static io.disruptorx.engine.TimeInForce.GTC;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Snapshot and restore: a restored engine carries on with the same ids, sequences, book, funds and state.
 */
class MatchingEngineSnapshotTest
{
    @Test
    void shouldContinueFromRestoredSnapshotExactlyAsOriginal()
    {
        final EngineFixture original = EngineFixture.builder().fees(1, 2).priceBandBps(2_000).build();
        original.limit(1, 10, SELL, 101, 5);
        original.limit(2, 11, SELL, 101, 5);
        original.limit(3, 12, BUY, 101, 3);
        original.limit(3, 13, BUY, TimeInForce.DAY, 99, 4);
        original.riskLimits(4, 50, Long.MAX_VALUE, false);

        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final int length = original.engine().snapshot(buffer, 0);
        final RecordingListener restoredEvents = new RecordingListener(original.listener().nextFeedSequence());
        final MatchingEngine restored = new MatchingEngine(EngineConfig.defaults(), restoredEvents);
        restored.restore(buffer, 0, length);

        assertThat(snapshotOf(restored)).isEqualTo(snapshotOf(original.engine()));
        assertThat(restoredEvents.events()).isEmpty();

        final long timestamp = original.timestamp() + 1;
        original.engine().newOrder(timestamp, 4, 14, INSTRUMENT, BUY, LIMIT, GTC, false, SelfTradePrevention.NONE,
            101, 4);
        restored.newOrder(timestamp, 4, 14, INSTRUMENT, BUY, LIMIT, GTC, false, SelfTradePrevention.NONE, 101, 4);
        final Events expected = original.listener().drain();
        final Events actual = restoredEvents.drain();

        assertThat(actual).isEqualTo(expected);
        assertThat(actual.executions()).containsExactly(
            new Accepted(5, 14, 4, INSTRUMENT, BUY, LIMIT, GTC, 101, 4),
            new Trade(2, INSTRUMENT, 101, 2, BUY, new Fill(1, 1, 0, 2), new Fill(5, 4, 2, 4)),
            new Trade(3, INSTRUMENT, 101, 2, BUY, new Fill(2, 2, 3, 2), new Fill(5, 4, 0, 4)));
        assertThat(actual.marketData()).containsExactly(
            new MarketTrade(INSTRUMENT, 2, 101, 2, BUY),
            new EngineEvent.BookDelete(INSTRUMENT, 1),
            new MarketTrade(INSTRUMENT, 3, 101, 2, BUY),
            new BookModify(INSTRUMENT, 2, 3));
        assertThat(snapshotOf(restored)).isEqualTo(snapshotOf(original.engine()));
        assertThat(restored.balance(4, EngineFixture.QUOTE)).isEqualTo(1_000_000 - 404 - 8);
        assertThat(restored.referencePrice(INSTRUMENT)).isEqualTo(101);
    }

    @Test
    void shouldRestoreLimitsHaltAndDayOrders()
    {
        final EngineFixture original = EngineFixture.create();
        original.limit(1, 10, BUY, TimeInForce.DAY, 99, 4);
        original.riskLimits(2, 5, Long.MAX_VALUE, false);
        original.halt(INSTRUMENT);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final int length = original.engine().snapshot(buffer, 0);
        final RecordingListener events = new RecordingListener(original.listener().nextFeedSequence());
        final MatchingEngine restored = new MatchingEngine(EngineConfig.defaults(), events);
        restored.restore(buffer, 0, length);

        restored.newOrder(100, 2, 20, INSTRUMENT, BUY, LIMIT, GTC, false, SelfTradePrevention.NONE, 99, 1);
        restored.resumeInstrument(101, INSTRUMENT);
        restored.newOrder(102, 2, 21, INSTRUMENT, BUY, LIMIT, GTC, false, SelfTradePrevention.NONE, 99, 6);
        restored.endOfDay(103, INSTRUMENT);

        assertThat(MatchingEngineAdminTest.withoutRequestIds(events.drain().all())).containsExactly(
            new EngineEvent.Rejected(20, 2, INSTRUMENT, RejectReason.INSTRUMENT_HALTED),
            new EngineEvent.AdminResult(AdminType.RESUME_INSTRUMENT, INSTRUMENT, RejectReason.NONE),
            new EngineEvent.InstrumentStatus(INSTRUMENT, InstrumentState.TRADING),
            new EngineEvent.MarketStatus(INSTRUMENT, InstrumentState.TRADING),
            new EngineEvent.Rejected(21, 2, INSTRUMENT, RejectReason.MAX_QUANTITY_EXCEEDED),
            new EngineEvent.Cancelled(1, 10, -1, 1, INSTRUMENT, 4, CancelReason.EXPIRED),
            new EngineEvent.BookDelete(INSTRUMENT, 1),
            new EngineEvent.AdminResult(AdminType.END_OF_DAY, INSTRUMENT, RejectReason.NONE));
        assertThat(events.sequenceErrors()).isEmpty();
    }

    @Test
    void shouldKeepOrderIdsGoingAfterRestore()
    {
        final EngineFixture original = EngineFixture.create();
        original.limit(1, 10, BUY, 99, 4);
        original.limit(1, 11, BUY, 98, 4);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final int length = original.engine().snapshot(buffer, 0);
        final RecordingListener events = new RecordingListener(original.listener().nextFeedSequence());
        final MatchingEngine restored = new MatchingEngine(EngineConfig.defaults(), events);
        restored.restore(buffer, 0, length);

        restored.newOrder(100, 2, 20, INSTRUMENT, SELL, LIMIT, GTC, false, SelfTradePrevention.NONE, 105, 1);

        assertThat(events.drain().all()).containsExactly(
            new Accepted(3, 20, 2, INSTRUMENT, SELL, LIMIT, GTC, 105, 1),
            new BookAdd(INSTRUMENT, 3, SELL, 105, 1));
        assertThat(events.sequenceErrors()).isEmpty();
        assertThat(restored.restingOrderCount()).isEqualTo(3);
        assertThat(restored.bestBid(INSTRUMENT)).isEqualTo(99);
        assertThat(restored.bestAsk(INSTRUMENT)).isEqualTo(105);
    }

    private static byte[] snapshotOf(final MatchingEngine engine)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final int length = engine.snapshot(buffer, 0);
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }
}
