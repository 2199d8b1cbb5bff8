package io.disruptorx.cluster.service;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.protocol.snapshot.SnapshotReader;
import io.disruptorx.protocol.snapshot.SnapshotWriter;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service snapshot's bytes: pinned against {@code snapshots/service-snapshot-v2.bin} (written by the service
 * before its snapshot code moved onto the shared snapshot cursors, its engine part at engine snapshot version 2),
 * and read back into an equal state.
 */
class ServiceSnapshotTest
{
    private static final int STORE_CAPACITY = 8;
    /**
     * Where the file's engine part keeps its snapshot version: after the service's header (magic, version, the
     * end-of-day deadline, the engine part's length) and the engine's magic.
     */
    private static final int ENGINE_VERSION_AT = 28;

    /**
     * The same bytes as ever but the engine part's version: engine snapshot version 3 added two longs per resting
     * order (filled notional, update time), and this state rests none, so its version is all that changed.
     */
    @Test
    void shouldWriteTheBytesTheServiceHasAlwaysWritten() throws IOException
    {
        final byte[] expected = resource("/snapshots/service-snapshot-v2.bin");
        assertThat(expected[ENGINE_VERSION_AT]).as("the file's engine part version").isEqualTo((byte)2);
        expected[ENGINE_VERSION_AT] = 3;

        assertThat(write(newEngine(), populated(), timers(1_700_000_000_000_000_000L))).isEqualTo(expected);
    }

    @Test
    void shouldReadTheFileWithItsOlderEnginePartIntoTheSameState() throws IOException
    {
        final byte[] file = resource("/snapshots/service-snapshot-v2.bin");
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        buffer.putBytes(0, file);
        final GatewayRegistry registry = new GatewayRegistry(STORE_CAPACITY);
        final ServiceTimers timers = timers(0);

        ServiceSnapshot.read(new SnapshotReader("service snapshot").wrap(buffer, 0, file.length), file.length,
            newEngine(), registry, timers);

        assertThat(write(newEngine(), registry, timers))
            .isEqualTo(write(newEngine(), populated(), timers(1_700_000_000_000_000_000L)));
    }

    @Test
    void shouldReadBackAStateThatWritesTheSameBytes()
    {
        final byte[] written = write(newEngine(), populated(), timers(1_700_000_000_000_000_000L));
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        buffer.putBytes(0, written);
        final GatewayRegistry registry = new GatewayRegistry(STORE_CAPACITY);
        final ServiceTimers timers = timers(0);

        ServiceSnapshot.read(
            new SnapshotReader("service snapshot").wrap(buffer, 0, written.length), written.length, newEngine(),
            registry, timers);

        assertThat(timers.endOfDayDeadline()).isEqualTo(1_700_000_000_000_000_000L);
        assertThat(registry.count()).isEqualTo(2);
        assertThat(registry.byId(77).accounts).containsExactly(3, 5, 8);
        assertThat(registry.byId(78).events.highest()).isEqualTo(3);
        assertThat(write(newEngine(), registry, timers)).isEqualTo(written);
    }

    @Test
    void shouldRefuseATruncatedSnapshot()
    {
        final byte[] written = write(newEngine(), populated(), timers(0));
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        buffer.putBytes(0, written);
        final int cut = written.length - 40;

        assertThatThrownBy(() -> ServiceSnapshot.read(new SnapshotReader("service snapshot").wrap(buffer, 0, cut),
            cut, newEngine(), new GatewayRegistry(STORE_CAPACITY), timers(0)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("service snapshot truncated at byte");
    }

    private static byte[] write(final MatchingEngine engine, final GatewayRegistry registry, final ServiceTimers timers)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(16);
        final int length = ServiceSnapshot.write(engine, registry, timers, new SnapshotWriter().wrap(buffer, 0));
        return Arrays.copyOf(buffer.byteArray(), length);
    }

    private static GatewayRegistry populated()
    {
        final GatewayRegistry registry = new GatewayRegistry(STORE_CAPACITY);
        final Gateway first = registry.register(77);
        first.incarnation = 2;
        first.lastCommand = 41;
        first.accounts = new long[]{3, 5, 8};
        first.cancelOnDisconnectNanos = 5_000_000_000L;
        registry.bind(first, 9);
        final Gateway second = registry.register(78);
        second.incarnation = 1;
        second.lastCommand = 7;
        second.disconnectDeadline = 123_456_789L;
        for (long sequence = 1; sequence <= 3; sequence++)
        {
            append(second.events, sequence, 33 + (int)sequence * 5);
        }
        second.nextEvent = 4;
        return registry;
    }

    private static void append(final EventStore events, final long sequence, final int length)
    {
        final MutableDirectBuffer slots = events.claim(sequence);
        final int offset = events.frameOffset(sequence);
        for (int i = 0; i < length; i++)
        {
            slots.putByte(offset + i, (byte)(sequence * 31 + i));
        }
        events.commit(sequence, length);
    }

    private static MatchingEngine newEngine()
    {
        return new MatchingEngine(EngineConfig.defaults(), new EngineListenerAdapter()
        {
        });
    }

    private static ServiceTimers timers(final long endOfDayDeadline)
    {
        final ServiceTimers timers = new ServiceTimers(null, null, null, ServiceTimers.NO_END_OF_DAY);
        timers.endOfDayDeadline(endOfDayDeadline);
        return timers;
    }

    private static byte[] resource(final String name) throws IOException
    {
        try (InputStream in = ServiceSnapshotTest.class.getResourceAsStream(name))
        {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
