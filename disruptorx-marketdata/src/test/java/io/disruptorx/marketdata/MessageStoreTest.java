package io.disruptorx.marketdata;

import java.util.concurrent.TimeUnit;

import io.disruptorx.marketdata.server.MessageStore;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store's retention: a size bound (the oldest are overwritten) and a duration (a chunk is released once its
 * newest message is older than the retention, and its memory is used again).
 */
class MessageStoreTest
{
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final int CHUNK = MessageStore.MAX_CHUNK_MESSAGES;

    private final UnsafeBuffer message = new UnsafeBuffer(new byte[16]);
    private final UnsafeBuffer copy = new UnsafeBuffer(new byte[16]);
    private long next = 1;

    @Test
    void shouldOverwriteTheOldestBeyondItsSize()
    {
        final MessageStore store = new MessageStore(64, 16);
        append(store, 200);
        assertThat(store.lowestSequence()).isEqualTo(137);
        assertThat(store.read(137, copy, 0)).isEqualTo(16);
        assertThat(copy.getLong(0)).isEqualTo(137);
        assertThat(store.read(136, copy, 0)).isEqualTo(-1);
        assertThat(store.read(201, copy, 0)).as("not yet published").isEqualTo(-1);
    }

    @Test
    void shouldKeepEveryMessageForTheRetentionThenReleaseItsChunkAndReuseTheMemory()
    {
        final MessageStore store = new MessageStore(10 * SECOND, 1L << 22, 16);
        long now = 0;
        for (int second = 0; second < 10; second++)
        {
            append(store, CHUNK / 4);
            store.expire(now);
            now += SECOND;
        }
        assertThat(store.lowestSequence()).as("nothing older than 10 s yet").isEqualTo(1);
        for (int second = 10; second < 16; second++)
        {
            append(store, CHUNK / 4);
            store.expire(now);
            now += SECOND;
        }
        assertThat(store.lowestSequence()).as("chunk 0's newest message (written at 4 s) is older than 10 s")
            .isEqualTo(CHUNK);
        assertThat(store.read(CHUNK - 1, copy, 0)).isEqualTo(-1);
        assertThat(store.read(CHUNK, copy, 0)).isEqualTo(16);

        final long allocated = store.chunksAllocated();
        for (int second = 16; second < 200; second++)
        {
            append(store, CHUNK / 4);
            store.expire(now);
            now += SECOND;
        }
        assertThat(store.chunksAllocated()).as("released chunks are used again: memory stays at the retention")
            .isLessThanOrEqualTo(allocated + 1);
        assertThat(store.read(next - 1, copy, 0)).isEqualTo(16);
        assertThat(copy.getLong(0)).isEqualTo(next - 1);
        assertThat(store.highestSequence() - store.lowestSequence() + 1)
            .as("about 10 s of messages held, a chunk's worth more at most")
            .isBetween(10L * CHUNK / 4, 15L * CHUNK / 4);
    }

    @Test
    void shouldTakeThePreparedSpareInsteadOfAllocatingOnThePublishingThread()
    {
        final MessageStore store = new MessageStore(SECOND, 1L << 20, 16);
        assertThat(store.prepareSpare()).isTrue();
        assertThat(store.prepareSpare()).as("one spare is enough").isFalse();
        append(store, 10);
        assertThat(store.chunksAllocated()).as("the first chunk was the spare").isEqualTo(1);
        assertThat(store.prepareSpare()).isTrue();
        append(store, CHUNK);
        assertThat(store.chunksAllocated()).isEqualTo(2);
    }

    @Test
    void shouldHoldNothingBelowTheSequenceItStartsAt()
    {
        final MessageStore store = new MessageStore(64, 16);
        store.startAt(1_000);
        assertThat(store.highestSequence()).isEqualTo(999);
        assertThat(store.lowestSequence()).isEqualTo(1_000);
        next = 1_000;
        append(store, 10);
        assertThat(store.lowestSequence()).as("not 1,009 - 64 + 1: nothing below the start was held")
            .isEqualTo(1_000);
        assertThat(store.read(999, copy, 0)).isEqualTo(-1);
        assertThat(store.read(1_000, copy, 0)).isEqualTo(16);
        assertThat(copy.getLong(0)).isEqualTo(1_000);
        assertThatThrownBy(() -> store.startAt(5_000)).isInstanceOf(IllegalStateException.class);
    }

    private void append(final MessageStore store, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            message.putLong(0, next);
            store.append(next, message, 0, 16);
            next++;
        }
    }
}
