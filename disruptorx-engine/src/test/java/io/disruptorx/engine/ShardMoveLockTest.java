package io.disruptorx.engine;

import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shards' move lock as the lock shard's engine keeps it: each lock request (a ReadBook of a negative instrument
 * with a lock kind) is applied in order and answered with the lock as it is after it; the lock survives a snapshot
 * and restore; a snapshot of an engine whose lock was never claimed is the bytes it was before the lock.
 */
class ShardMoveLockTest
{
    private static final long NONCE = 77L << ShardMoveLock.TO_SHIFT;

    private final List<long[]> answers = new ArrayList<>();
    private final EngineListener listener = new EngineListenerAdapter()
    {
        @Override
        public void onBookRead(
            final long timestamp, final long requestId, final int instrumentId, final int orderCount,
            final int baseAssetId, final int quoteAssetId, final long tickSize, final long lotSize,
            final int priceScale, final int quantityScale, final long makerFeePerLot, final long takerFeePerLot,
            final long referencePrice, final int priceBandBps, final int marketProtectionBps)
        {
            answers.add(new long[]{requestId, instrumentId, orderCount, baseAssetId, tickSize, lotSize, priceScale,
                quantityScale});
        }
    };

    @Test
    void shouldGrantTheFirstClaimRefuseTheNextAndFreeTheLockOnlyForTheHoldersReleaseOrForcedRelease()
    {
        final MatchingEngine engine = new MatchingEngine(EngineConfig.defaults(), listener);
        final long first = ShardMoveLock.CLAIM | NONCE | 1024;
        final long second = ShardMoveLock.CLAIM | NONCE | 2049;
        engine.moves().readBook(1, first, -5);
        engine.moves().readBook(2, second, -9);
        assertAnswer(0, 5, first, 1024, 1);
        assertAnswer(1, 5, first, 2049, 0);

        engine.moves().readBook(3, ShardMoveLock.QUERY | NONCE, -1);
        assertAnswer(2, 5, first, 2049, 0);
        engine.moves().readBook(4, ShardMoveLock.SWITCHED | 2049, -9);
        assertAnswer(3, 5, first, 2049, 0);
        engine.moves().readBook(5, ShardMoveLock.FORCE | NONCE | 2049, -9);
        assertThat(answers.get(4)[7]).as("a forced release of a move that does not hold the lock").isZero();

        engine.moves().readBook(6, ShardMoveLock.FORCE | NONCE | 1024, -5);
        assertAnswer(5, 0, 0, 2049, 1);
        engine.moves().readBook(7, second, -9);
        assertAnswer(6, 9, second, 2049, 1);
        engine.moves().readBook(8, ShardMoveLock.ROLLED_BACK | 2049, -9);
        assertAnswer(7, 0, 0, 2049, 1);
    }

    @Test
    void shouldKeepTheLockAcrossASnapshotAndLeaveOtherReadsAsBefore()
    {
        final MatchingEngine engine = new MatchingEngine(EngineConfig.defaults(), listener);
        final UnsafeBuffer before = new UnsafeBuffer(new byte[1 << 16]);
        final int beforeLength = engine.snapshot(before, 0);
        engine.moves().readBook(1, 31, -4);
        assertThat(answers.get(0)).as("a read of no instrument without a lock kind answers zeros, as before")
            .containsExactly(31, -4, -1, 0, 0, 0, 0, 0);
        final UnsafeBuffer unchanged = new UnsafeBuffer(new byte[1 << 16]);
        assertThat(engine.snapshot(unchanged, 0)).isEqualTo(beforeLength);
        for (int i = 0; i < beforeLength; i++)
        {
            assertThat(unchanged.getByte(i)).as("byte " + i).isEqualTo(before.getByte(i));
        }

        final long claim = ShardMoveLock.CLAIM | NONCE | 3075;
        engine.moves().readBook(2, claim, -12);
        final UnsafeBuffer snapshot = new UnsafeBuffer(new byte[1 << 16]);
        final int length = engine.snapshot(snapshot, 0);
        final MatchingEngine restored = new MatchingEngine(EngineConfig.defaults(), listener);
        restored.restore(snapshot, 0, length);
        answers.clear();
        restored.moves().readBook(3, ShardMoveLock.QUERY, -1);
        assertAnswer(0, 12, claim, 3075, 0);
        restored.moves().readBook(4, ShardMoveLock.CLAIM | 4096, -3);
        assertAnswer(1, 12, claim, 4096, 0);
        restored.moves().readBook(5, ShardMoveLock.SWITCHED | 1L << ShardMoveLock.TO_SHIFT | 3075, -12);
        assertAnswer(2, 0, 0, 4096, 1);
    }

    private void assertAnswer(
        final int index, final int holderInstrument, final long holderClaim, final long highest, final int changed)
    {
        final long[] answer = answers.get(index);
        assertThat(answer[2]).as("no instrument's book").isEqualTo(-1);
        assertThat(answer[6]).as("the lock's state").isEqualTo(ShardMoveLock.STATE_MARK);
        assertThat(answer[3]).as("holder's instrument").isEqualTo(holderInstrument);
        assertThat(answer[4]).as("holder's claim").isEqualTo(holderClaim);
        assertThat(answer[5]).as("highest move id").isEqualTo(highest);
        assertThat(answer[7]).as("changed").isEqualTo(changed);
    }
}
