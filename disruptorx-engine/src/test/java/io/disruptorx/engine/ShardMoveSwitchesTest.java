package io.disruptorx.engine;

import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The switches the lock shard's engine records (docs/scaling.md, "A gateway that missed moves"): a switched release
 * that freed the lock, or a forced release naming the shard the holder's move switched to, is switch number N with the
 * holder's instrument and the target; a rolled-back, a plain forced or a stale release records nothing; every answer
 * carries the count; a ROUTES request answers the switches after a number (in pages) and a PLACES request an
 * instrument's resting orders; the switches survive a snapshot and restore, and a snapshot of an engine whose lock
 * was used without a switch is the bytes it was before the switches existed.
 */
class ShardMoveSwitchesTest
{
    private static final long NONCE = 5L << ShardMoveLock.TO_SHIFT;

    private final List<long[]> reads = new ArrayList<>();
    private final List<long[]> records = new ArrayList<>();
    private final EngineListener listener = new EngineListenerAdapter()
    {
        @Override
        public void onBookRead(
            final long timestamp, final long requestId, final int instrumentId, final int orderCount,
            final int baseAssetId, final int quoteAssetId, final long tickSize, final long lotSize,
            final int priceScale, final int quantityScale, final long makerFeePerLot, final long takerFeePerLot,
            final long referencePrice, final int priceBandBps, final int marketProtectionBps)
        {
            reads.add(new long[]{requestId, instrumentId, orderCount, quoteAssetId, priceScale, quantityScale,
                makerFeePerLot});
        }

        @Override
        public void onBookReadOrder(
            final long timestamp, final long requestId, final int place, final long orderId, final long accountId,
            final long clientOrderId, final int instrumentId, final Side side, final TimeInForce timeInForce,
            final long price, final long quantity, final long entryTime, final int heldAssetId, final long hold,
            final long filledQuantity, final long filledNotional, final long updateTime, final boolean postOnly,
            final SelfTradePrevention selfTradePrevention)
        {
            records.add(new long[]{requestId, orderId, instrumentId, place, accountId, price});
        }
    };

    @Test
    void shouldRecordEachSwitchInLogOrderAndAnswerTheSwitchesAfterANumber()
    {
        final MatchingEngine engine = new MatchingEngine(EngineConfig.defaults(), listener);
        moveAndRelease(engine, 1024, 7, ShardMoveLock.SWITCHED, 1);
        moveAndRelease(engine, 2048, 9, ShardMoveLock.ROLLED_BACK, 0);
        moveAndRelease(engine, 3072, 7, ShardMoveLock.SWITCHED, 0);
        moveAndRelease(engine, 4096, 11, ShardMoveLock.FORCE, 1);
        moveAndRelease(engine, 5120, 12, ShardMoveLock.FORCE_SWITCHED, 1);
        engine.moves().readBook(1, ShardMoveLock.SWITCHED | 1L << ShardMoveLock.TO_SHIFT | 1024, -7);
        assertThat(reads.get(reads.size() - 1)[5]).as("a release of a move that no longer holds the lock").isZero();
        assertThat(reads.get(reads.size() - 1)[6]).as("records nothing").isEqualTo(3);

        reads.clear();
        engine.moves().readBook(1, ShardMoveLock.ROUTES | NONCE, -1);
        assertThat(reads.get(0)).as("the lock's state, the count and the records that follow")
            .containsExactly(ShardMoveLock.ROUTES | NONCE, -1, -1, 3, ShardMoveLock.STATE_MARK, 0, 3);
        assertThat(records).extracting(r -> r[1] + ":" + r[2] + "->" + r[3]).containsExactly("1:7->1", "2:7->0",
            "3:12->1");
        records.clear();
        engine.moves().readBook(2, ShardMoveLock.ROUTES | NONCE | 2, -1);
        assertThat(records).extracting(r -> r[1] + ":" + r[2] + "->" + r[3]).containsExactly("3:12->1");
        records.clear();
        engine.moves().readBook(3, ShardMoveLock.ROUTES | NONCE | 3, -1);
        engine.moves().readBook(4, ShardMoveLock.ROUTES | NONCE | 40, -1);
        assertThat(records).as("nothing after the last").isEmpty();
        assertThat(reads.get(reads.size() - 1)[3]).isZero();
    }

    @Test
    void shouldAnswerTheSwitchesInPagesAndAnInstrumentsRestingOrders()
    {
        final MatchingEngine engine = new MatchingEngine(EngineConfig.defaults(), listener);
        final int count = ShardMoveLock.ROUTES_PER_ANSWER + 3;
        for (int i = 1; i <= count; i++)
        {
            moveAndRelease(engine, i * 1024L, 1 + i % 5, ShardMoveLock.SWITCHED, i % 2);
        }
        records.clear();
        reads.clear();
        engine.moves().readBook(1, ShardMoveLock.ROUTES, -1);
        assertThat(reads.get(0)[3]).isEqualTo(ShardMoveLock.ROUTES_PER_ANSWER);
        assertThat(reads.get(0)[6]).isEqualTo(count);
        assertThat(records).hasSize(ShardMoveLock.ROUTES_PER_ANSWER);
        records.clear();
        engine.moves().readBook(2, ShardMoveLock.ROUTES | ShardMoveLock.ROUTES_PER_ANSWER, -1);
        assertThat(records).extracting(r -> r[1]).containsExactly((long)count - 2, (long)count - 1, (long)count);
        assertThat(records.get(2)[2]).isEqualTo(1 + count % 5);
        assertThat(records.get(2)[3]).isEqualTo(count % 2);

        final EngineConfig config = new EngineConfig(16, 4, 1024, 64, 0, PostOnlyMode.REJECT);
        final MatchingEngine venue = new MatchingEngine(config, listener);
        venue.addInstrument(1, 3, 1, 2, 1, 1, 0, 0, 0, 1, 100, 0, 10_000);
        venue.adjustBalance(2, 8, 2, 10_000);
        venue.newOrder(3, 8, 41, 3, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, SelfTradePrevention.NONE,
            90, 2);
        venue.newOrder(4, 8, 42, 3, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, SelfTradePrevention.NONE,
            95, 1);
        records.clear();
        reads.clear();
        venue.moves().readBook(5, ShardMoveLock.ROUTES | ShardMoveLock.PLACES, -3);
        assertThat(reads.get(0)).as("not an announcement: no instrument's book, the count of orders")
            .containsExactly(ShardMoveLock.ROUTES | ShardMoveLock.PLACES, -3, -1, 2, ShardMoveLock.STATE_MARK, 0, 0);
        assertThat(records).extracting(r -> r[2] + "@" + r[5]).containsExactly("3@95", "3@90");
        assertThat(records).extracting(r -> r[4]).containsOnly(8L);
    }

    @Test
    void shouldKeepTheSwitchesAcrossASnapshotAndWriteNoneWhenThereIsNone()
    {
        final MatchingEngine engine = new MatchingEngine(EngineConfig.defaults(), listener);
        moveAndRelease(engine, 1024, 7, ShardMoveLock.ROLLED_BACK, 1);
        final UnsafeBuffer before = new UnsafeBuffer(new byte[1 << 16]);
        final int beforeLength = engine.snapshot(before, 0);
        assertThat(beforeLength).as("header, empty sections, transfers count, the lock (20 bytes), trailer")
            .isEqualTo(lengthWithLockOnly());

        moveAndRelease(engine, 2048, 7, ShardMoveLock.SWITCHED, 1);
        moveAndRelease(engine, 3072, 9, ShardMoveLock.FORCE_SWITCHED, 0);
        final UnsafeBuffer snapshot = new UnsafeBuffer(new byte[1 << 16]);
        final int length = engine.snapshot(snapshot, 0);
        assertThat(length).isEqualTo(beforeLength + Integer.BYTES + 2 * 2 * Integer.BYTES);
        final MatchingEngine restored = new MatchingEngine(EngineConfig.defaults(), listener);
        restored.restore(snapshot, 0, length);
        records.clear();
        restored.moves().readBook(1, ShardMoveLock.ROUTES, -1);
        assertThat(records).extracting(r -> r[1] + ":" + r[2] + "->" + r[3]).containsExactly("1:7->1", "2:9->0");
        moveAndRelease(restored, 4096, 4, ShardMoveLock.SWITCHED, 1);
        assertThat(reads.get(reads.size() - 1)[6]).as("numbered on after the restored ones").isEqualTo(3);
        final UnsafeBuffer again = new UnsafeBuffer(new byte[1 << 16]);
        assertThat(restored.snapshot(again, 0)).isEqualTo(length + 2 * Integer.BYTES);

        final MatchingEngine old = new MatchingEngine(EngineConfig.defaults(), listener);
        old.restore(before, 0, beforeLength);
        records.clear();
        old.moves().readBook(1, ShardMoveLock.ROUTES, -1);
        assertThat(records).as("a snapshot written before the switches").isEmpty();
        final UnsafeBuffer same = new UnsafeBuffer(new byte[1 << 16]);
        assertThat(old.snapshot(same, 0)).isEqualTo(beforeLength);
        for (int i = 0; i < beforeLength; i++)
        {
            assertThat(same.getByte(i)).as("byte " + i).isEqualTo(before.getByte(i));
        }
    }

    private int lengthWithLockOnly()
    {
        final MatchingEngine empty = new MatchingEngine(EngineConfig.defaults(), listener);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1 << 16]);
        return empty.snapshot(buffer, 0) + Integer.BYTES + Long.BYTES + Integer.BYTES + Long.BYTES;
    }

    /**
     * Claims the lock for a move of the instrument and releases it with the kind, naming the target shard.
     */
    private static void moveAndRelease(
        final MatchingEngine engine, final long moveId, final int instrument, final long kind, final int target)
    {
        engine.moves().readBook(1, ShardMoveLock.CLAIM | NONCE | moveId, -instrument);
        final long number = kind == ShardMoveLock.SWITCHED || kind == ShardMoveLock.FORCE_SWITCHED ? target :
            NONCE >>> ShardMoveLock.TO_SHIFT;
        engine.moves().readBook(2, kind | number << ShardMoveLock.TO_SHIFT | moveId, -instrument);
    }
}
