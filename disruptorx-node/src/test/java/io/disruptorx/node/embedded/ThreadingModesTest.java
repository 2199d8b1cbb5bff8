package io.disruptorx.node.embedded;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import io.disruptorx.engine.AdminType;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.EventSink;
import io.disruptorx.engine.sbe.SbeEventEncoder;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.journal.JournalReader;
import net.openhft.affinity.Affinity;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The two threading modes side by side: the same commands, stamped by the same clock, must give the same journal,
 * the same execution events and the same market data, byte for byte, and a data directory written in one mode must
 * recover in the other. The output ring is made smaller than what one batch of commands produces, so the shared
 * thread has to drain it through its own consumers in the middle of a batch.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ThreadingModesTest
{
    private static final int ORDERS = 3_000;
    private static final int OUTPUT_RING = 64;

    @TempDir
    Path dir;

    /** What one node emitted: execution events (re-encoded) and market data, as bytes, and its journal. */
    private record Output(byte[] executions, byte[] marketData, byte[] journal, byte[] state, long applied)
    {
    }

    @Test
    void shouldEmitTheSameBytesAndJournalTheSameCommandsInBothModes()
    {
        final Output shared = run(dir.resolve("shared"), ThreadingMode.SHARED);
        final Output dedicated = run(dir.resolve("dedicated"), ThreadingMode.DEDICATED);

        assertThat(shared.applied()).isEqualTo(dedicated.applied()).isEqualTo(1 + 2 + ORDERS);
        assertThat(shared.executions()).hasSizeGreaterThan(ORDERS * 8).isEqualTo(dedicated.executions());
        assertThat(shared.marketData()).hasSizeGreaterThan(ORDERS * 8).isEqualTo(dedicated.marketData());
        assertThat(shared.journal()).isEqualTo(dedicated.journal());
        assertThat(shared.state()).isEqualTo(dedicated.state());
    }

    /**
     * Under {@code INTERVAL} the journal forces on the node's thread in {@code shared} mode and on its forcer thread
     * in {@code dedicated} mode: what is reported, journalled and recovered is the same as under
     * {@code EVERY_BATCH}, in both modes.
     */
    @Test
    void shouldEmitTheSameUnderIntervalInBothModes()
    {
        final Output everyBatch = run(dir.resolve("every"), ThreadingMode.SHARED, ForcePolicy.EVERY_BATCH);
        final Output shared = run(dir.resolve("shared"), ThreadingMode.SHARED, ForcePolicy.INTERVAL);
        final Output dedicated = run(dir.resolve("dedicated"), ThreadingMode.DEDICATED, ForcePolicy.INTERVAL);

        assertThat(shared.applied()).isEqualTo(dedicated.applied()).isEqualTo(everyBatch.applied());
        assertThat(shared.executions()).isEqualTo(dedicated.executions()).isEqualTo(everyBatch.executions());
        assertThat(shared.marketData()).isEqualTo(dedicated.marketData()).isEqualTo(everyBatch.marketData());
        assertThat(shared.journal()).isEqualTo(dedicated.journal()).isEqualTo(everyBatch.journal());
        assertThat(recoveredState(dir.resolve("shared"), ThreadingMode.DEDICATED)).isEqualTo(everyBatch.state());
        assertThat(recoveredState(dir.resolve("dedicated"), ThreadingMode.SHARED)).isEqualTo(everyBatch.state());
    }

    @Test
    void shouldRecoverInOneModeWhatTheOtherWrote()
    {
        final Output shared = run(dir.resolve("a"), ThreadingMode.SHARED);
        final Output dedicated = run(dir.resolve("b"), ThreadingMode.DEDICATED);

        assertThat(recoveredState(dir.resolve("a"), ThreadingMode.DEDICATED)).isEqualTo(shared.state());
        assertThat(recoveredState(dir.resolve("b"), ThreadingMode.SHARED)).isEqualTo(dedicated.state());
    }

    @Test
    void shouldChooseTheModeByCoreCountWhenAuto()
    {
        assertThat(ThreadingMode.AUTO.resolve(1)).isEqualTo(ThreadingMode.SHARED);
        assertThat(ThreadingMode.AUTO.resolve(ThreadingMode.DEDICATED_MIN_CORES - 1)).isEqualTo(ThreadingMode.SHARED);
        assertThat(ThreadingMode.AUTO.resolve(ThreadingMode.DEDICATED_MIN_CORES)).isEqualTo(ThreadingMode.DEDICATED);
        assertThat(ThreadingMode.SHARED.resolve(64)).isEqualTo(ThreadingMode.SHARED);
        assertThat(ThreadingMode.DEDICATED.resolve(2)).isEqualTo(ThreadingMode.DEDICATED);
        try (EmbeddedNode node = EmbeddedNode.start(config(dir, ThreadingMode.AUTO), null, null))
        {
            assertThat(node.threadingMode()).isEqualTo(ThreadingMode.AUTO.resolve());
        }
    }

    @Test
    void shouldRefuseNegativeOrRepeatedCpus()
    {
        assertThatThrownBy(() -> new NodeThreading(ThreadingMode.SHARED, List.of(-1)))
            .hasMessageContaining("node.threading.affinity");
        assertThatThrownBy(() -> new NodeThreading(ThreadingMode.DEDICATED, List.of(1, 1)))
            .hasMessageContaining("node.threading.affinity");
        assertThat(new NodeThreading(ThreadingMode.DEDICATED, List.of(3, 1)).cpuOf(1)).isEqualTo(1);
        assertThat(new NodeThreading(ThreadingMode.DEDICATED, List.of(3, 1)).cpuOf(2)).isEqualTo(-1);
    }

    @Test
    void shouldPinTheSharedThreadToTheConfiguredCpu()
    {
        final int cpu = Runtime.getRuntime().availableProcessors() - 1;
        final AtomicReference<BitSet> seenOnTheNodeThread = new AtomicReference<>();
        final NodeConfig pinned = config(dir, ThreadingMode.SHARED)
            .withThreading(new NodeThreading(ThreadingMode.SHARED, List.of(cpu)));
        final EngineListenerAdapter onNodeThread = new EngineListenerAdapter()
        {
            @Override
            public void onAdminResult(
                final long timestamp, final AdminType type, final long subjectId, final RejectReason result)
            {
                seenOnTheNodeThread.compareAndSet(null, Affinity.getAffinity());
            }
        };
        try (EmbeddedNode node = EmbeddedNode.start(pinned, null, onNodeThread))
        {
            node.newClient(true).adjustBalance(1, 0, 1);
            await(() -> seenOnTheNodeThread.get() != null, "a report on the node thread");
        }
        final BitSet expected = new BitSet();
        expected.set(cpu);
        assertThat(seenOnTheNodeThread.get()).isEqualTo(expected);
    }

    private static NodeConfig config(final Path directory, final ThreadingMode mode)
    {
        return NodeConfig.defaults(directory).withSegmentSize(1024 * 1024).withRingSizes(1024, OUTPUT_RING)
            .withSnapshotEvery(0, 0).withThreading(mode);
    }

    private static Output run(final Path directory, final ThreadingMode mode)
    {
        return run(directory, mode, ForcePolicy.EVERY_BATCH);
    }

    private static Output run(final Path directory, final ThreadingMode mode, final ForcePolicy policy)
    {
        final Capture executions = new Capture();
        final MarketDataCapture marketData = new MarketDataCapture();
        final EmbeddedNode node = EmbeddedNode.start(config(directory, mode).withForcePolicy(policy, 1_000_000L),
            marketData, new SbeEventEncoder(executions));
        assertThat(node.threadingMode()).isEqualTo(mode);
        if (policy == ForcePolicy.INTERVAL && mode == ThreadingMode.DEDICATED)
        {
            assertThat(Thread.getAllStackTraces().keySet()).as("the journal's forcer thread runs")
                .anyMatch(thread -> thread.getName().equals("dx-journal-forcer"));
        }
        final AtomicLong clock = new AtomicLong(1_700_000_000_000_000_000L);
        final NodeClient client = node.newClient(true, () -> clock.addAndGet(1_000));
        client.addInstrument(1, 1, 0, 1, 1, 2, 0, 0, 0, 10_000, 0, 1_000);
        client.adjustBalance(1, 0, 1_000_000_000_000L);
        long last = client.adjustBalance(2, 1, 1_000_000_000L);
        for (int i = 0; i < ORDERS; i++)
        {
            // resting sells at rising prices, and every third order a buy that sweeps several of them
            final boolean sweep = i % 3 == 2;
            last = client.newOrder(sweep ? 1 : 2, i + 1, 1, sweep ? Side.BUY : Side.SELL, OrderType.LIMIT,
                sweep ? TimeInForce.IOC : TimeInForce.GTC, false, SelfTradePrevention.CANCEL_NEWEST,
                sweep ? 10_000 + i % 50 : 9_990 + i % 40, sweep ? 5 : 2);
        }
        final long lastCommand = last;
        await(() -> node.appliedSequence() == lastCommand, mode + " node to apply every command");
        node.close();
        final MatchingEngine engine = node.engineAfterClose();
        return new Output(executions.bytes(), marketData.bytes.toByteArray(), journal(directory),
            snapshotOf(engine), node.appliedSequence());
    }

    private static byte[] recoveredState(final Path directory, final ThreadingMode mode)
    {
        final EmbeddedNode node = EmbeddedNode.start(config(directory, mode), null, null);
        node.close();
        return snapshotOf(node.engineAfterClose());
    }

    private static byte[] snapshotOf(final MatchingEngine engine)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final int length = engine.snapshot(buffer, 0);
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    private static byte[] journal(final Path directory)
    {
        final ByteArrayOutputStream records = new ByteArrayOutputStream();
        JournalReader.read(directory.resolve("journal"), (sequence, buffer, offset, length) ->
        {
            final byte[] record = new byte[length];
            buffer.getBytes(offset, record);
            records.writeBytes(record);
        });
        return records.toByteArray();
    }

    private static void await(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.yield();
        }
    }

    /** An event sink that appends every message to one growing buffer. */
    private static final class Capture implements EventSink
    {
        private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1 << 20);
        private int length;
        private int claimed;

        @Override
        public int claim(final int messageLength)
        {
            claimed = messageLength;
            buffer.checkLimit(length + messageLength);
            return length;
        }

        @Override
        public MutableDirectBuffer buffer()
        {
            return buffer;
        }

        @Override
        public void commit()
        {
            length += claimed;
        }

        byte[] bytes()
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(0, bytes);
            return bytes;
        }
    }

    /** Keeps every market data message, in order. */
    private static final class MarketDataCapture implements MarketDataSink
    {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void onMessage(final DirectBuffer buffer, final int offset, final int length)
        {
            final byte[] message = new byte[length];
            buffer.getBytes(offset, message);
            bytes.writeBytes(message);
        }

        @Override
        public void onEndOfBatch()
        {
        }
    }
}
