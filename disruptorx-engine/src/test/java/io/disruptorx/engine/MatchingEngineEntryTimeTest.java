package io.disruptorx.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.disruptorx.engine.EngineEvent.BookAdd;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.disruptorx.engine.EngineFixture.BASE;
import static io.disruptorx.engine.EngineFixture.INSTRUMENT;
import static io.disruptorx.engine.EngineFixture.QUOTE;
import static io.disruptorx.engine.OrderType.LIMIT;
import static io.disruptorx.engine.Side.BUY;
import static io.disruptorx.engine.Side.SELL;
import static io.disruptorx.engine.TimeInForce.GTC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each resting order keeps the timestamp of the command that put it where it rests, the one its live OrderAdded
 * carried; snapshots (version 2 on) carry it, and version 1 snapshots still load with entry time 0. Version 3 added
 * each order's filled notional and update time: its bytes are version 2's with those two longs after each order (the
 * expected file was made from the version 2 file that way, not by this engine), and a version 2 snapshot still loads
 * and is written back as version 3 with notional 0 (nothing filled) and update time 0 (not known).
 */
class MatchingEngineEntryTimeTest
{
    private static final long[] RESTING = {1, 2, 3, 4, 5};

    /**
     * The commands behind {@code snapshots/engine-snapshot-v1.bin}, which the version 1 engine wrote after them.
     */
    private static EngineFixture booked()
    {
        final EngineFixture fixture = EngineFixture.create();
        fixture.limit(1, 10, SELL, 101, 5);
        fixture.limit(2, 11, SELL, 102, 5);
        fixture.limit(3, 12, BUY, 99, 3);
        fixture.limit(3, 13, BUY, TimeInForce.DAY, 98, 4);
        fixture.limit(1, 14, SELL, 101, 2);
        fixture.replace(2, 20, 2, 102, 3);
        fixture.replace(3, 21, 3, 100, 3);
        return fixture;
    }

    @Test
    void shouldKeepTheTimestampOfTheLiveOrderAddedAsEntryTime()
    {
        final EngineFixture fixture = booked();
        final Map<Long, Long> addedAt = lastOrderAddedTimestamps(fixture.listener());

        assertThat(fixture.engine().restingOrderCount()).isEqualTo(RESTING.length);
        for (final long orderId : RESTING)
        {
            assertThat(fixture.engine().entryTime(orderId)).as("order %d", orderId).isEqualTo(addedAt.get(orderId));
        }
        // 9 set-up commands, then the orders at 10 to 14; the quantity-down replace at 15 keeps order 2's priority
        // and time, the price-change replace at 16 makes order 3 lose both
        assertThat(new long[]{
            fixture.engine().entryTime(1), fixture.engine().entryTime(2), fixture.engine().entryTime(3),
            fixture.engine().entryTime(4), fixture.engine().entryTime(5)}).containsExactly(10, 11, 16, 13, 14);
    }

    @Test
    void shouldCarryEntryTimesThroughSnapshotAndRestore()
    {
        final EngineFixture fixture = booked();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final int length = fixture.engine().snapshot(buffer, 0);
        assertThat(buffer.getInt(4, ByteOrder.LITTLE_ENDIAN)).isEqualTo(EngineSnapshot.VERSION);

        final MatchingEngine restored = restore(fixture, buffer, length);

        for (final long orderId : RESTING)
        {
            assertThat(restored.entryTime(orderId)).isEqualTo(fixture.engine().entryTime(orderId));
        }
        final ExpandableArrayBuffer again = new ExpandableArrayBuffer(256);
        assertThat(restored.snapshot(again, 0)).isEqualTo(length);
        assertThat(bytes(again, length)).isEqualTo(bytes(buffer, length));
    }

    @Test
    void shouldWriteTheVersionTwoBytesWithNotionalAndUpdateTimeAfterEachOrder() throws IOException
    {
        final byte[] expected = resource("/snapshots/engine-snapshot-v3.bin");
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);

        final int length = booked().engine().snapshot(buffer, 0);

        assertThat(bytes(buffer, length)).as("version 2's bytes plus, per order, notional 0 and its update time")
            .isEqualTo(expected);
    }

    @Test
    void shouldLoadVersionTwoSnapshotWithUpdateTimesUnknown() throws IOException
    {
        final byte[] v2 = resource("/snapshots/engine-snapshot-v2.bin");
        final EngineFixture live = booked();
        final MatchingEngine restored = new MatchingEngine(EngineConfig.defaults(),
            new RecordingListener(live.listener().nextFeedSequence()));
        restored.restore(new UnsafeBuffer(v2), 0, v2.length);

        final ExpandableArrayBuffer written = new ExpandableArrayBuffer(256);
        final int length = restored.snapshot(written, 0);
        final ExpandableArrayBuffer fresh = new ExpandableArrayBuffer(256);
        final int freshLength = live.engine().snapshot(fresh, 0);

        assertThat(length).isEqualTo(v2.length + RESTING.length * 2 * Long.BYTES).isEqualTo(freshLength);
        assertThat(written.getInt(4, ByteOrder.LITTLE_ENDIAN)).isEqualTo(EngineSnapshot.VERSION);
        final byte[] differences = new byte[length];
        int differing = 0;
        for (int i = 0; i < length; i++)
        {
            if (written.getByte(i) != fresh.getByte(i))
            {
                differences[differing++] = fresh.getByte(i);
            }
        }
        // only the update times differ: the live engine knows them (10 to 16), the loaded one has 0
        assertThat(differing).isEqualTo(RESTING.length);
        assertThat(Arrays.copyOf(differences, differing)).containsExactlyInAnyOrder(
            (byte)16, (byte)13, (byte)10, (byte)14, (byte)15);
    }

    @Test
    void shouldLoadVersionOneSnapshotWithEntryTimeZero() throws IOException
    {
        final byte[] v1 = resource("/snapshots/engine-snapshot-v1.bin");
        assertThat(new UnsafeBuffer(v1).getInt(4, ByteOrder.LITTLE_ENDIAN)).isEqualTo(1);
        final EngineFixture live = booked();

        final RecordingListener restoredEvents = new RecordingListener(live.listener().nextFeedSequence());
        final MatchingEngine restored = new MatchingEngine(EngineConfig.defaults(), restoredEvents);
        restored.restore(new UnsafeBuffer(v1), 0, v1.length);

        assertThat(restored.restingOrderCount()).isEqualTo(live.engine().restingOrderCount());
        for (final long orderId : RESTING)
        {
            assertThat(restored.entryTime(orderId)).isZero();
            assertThat(restored.openQuantity(orderId)).isEqualTo(live.engine().openQuantity(orderId));
        }
        for (long account = 1; account <= 4; account++)
        {
            for (final int asset : new int[]{BASE, QUOTE})
            {
                assertThat(restored.balance(account, asset)).isEqualTo(live.engine().balance(account, asset));
                assertThat(restored.held(account, asset)).isEqualTo(live.engine().held(account, asset));
            }
        }
        assertThat(restored.nextFeedSequence()).isEqualTo(live.engine().nextFeedSequence());

        final long timestamp = live.timestamp() + 1;
        live.engine().newOrder(timestamp, 4, 30, INSTRUMENT, BUY, LIMIT, GTC, false, SelfTradePrevention.NONE,
            102, 9);
        restored.newOrder(timestamp, 4, 30, INSTRUMENT, BUY, LIMIT, GTC, false, SelfTradePrevention.NONE, 102, 9);
        assertThat(restoredEvents.drain()).isEqualTo(live.listener().drain());
        assertThat(restoredEvents.sequenceErrors()).isEmpty();
    }

    @Test
    void shouldRejectSnapshotOfUnknownVersion()
    {
        final EngineFixture fixture = booked();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final int length = fixture.engine().snapshot(buffer, 0);
        buffer.putInt(4, EngineSnapshot.VERSION + 1, ByteOrder.LITTLE_ENDIAN);

        final MatchingEngine fresh = new MatchingEngine(EngineConfig.defaults(), new RecordingListener());
        assertThatThrownBy(() -> fresh.restore(buffer, 0, length))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("snapshot version " + (EngineSnapshot.VERSION + 1));
    }

    private static MatchingEngine restore(final EngineFixture original, final ExpandableArrayBuffer buffer,
        final int length)
    {
        final MatchingEngine restored = new MatchingEngine(
            EngineConfig.defaults(), new RecordingListener(original.listener().nextFeedSequence()));
        restored.restore(buffer, 0, length);
        return restored;
    }

    private static Map<Long, Long> lastOrderAddedTimestamps(final RecordingListener listener)
    {
        final List<EngineEvent> events = listener.events();
        final Map<Long, Long> addedAt = new HashMap<>();
        for (int i = 0; i < events.size(); i++)
        {
            if (events.get(i) instanceof BookAdd add)
            {
                addedAt.put(add.orderId(), listener.timestamps().get(i));
            }
        }
        return addedAt;
    }

    private static byte[] bytes(final ExpandableArrayBuffer buffer, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    private static byte[] resource(final String name) throws IOException
    {
        try (InputStream in = MatchingEngineEntryTimeTest.class.getResourceAsStream(name))
        {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
