package io.disruptorx.node.shard;

import java.nio.file.Path;
import java.util.List;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.sbe.SbeBookExport;
import io.disruptorx.journal.SnapshotStore;
import io.disruptorx.shard.move.ShardMover;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads an instrument's book out of a running node without touching its engine: the node serialises its engine on
 * the engine thread for a TakeSnapshot command (the only consistent moment), and this reads the snapshot file of
 * that command's sequence (or a later one) into an engine of its own and exports the book from there
 * ({@link SbeBookExport}). With the instrument halted before the snapshot, its book in the file is the book.
 */
final class SnapshotBookReader
{
    private final SnapshotStore store;
    private final EngineConfig config;
    private final SbeBookExport export = new SbeBookExport();

    /**
     * @param snapshots the node's snapshot directory.
     * @param config    the node's engine settings.
     */
    SnapshotBookReader(final Path snapshots, final EngineConfig config)
    {
        this.store = new SnapshotStore(snapshots);
        this.config = config;
    }

    /**
     * @param sequence        the TakeSnapshot command's journal sequence.
     * @param instrumentId    the instrument.
     * @param timestamp       for the commands.
     * @param firstTransferId of the first order's hold.
     * @param piece           destination, from 0.
     * @return bytes written, -1 when the node has no such instrument, or {@link ShardMover.BookSource#PENDING} while
     * no snapshot at or after the sequence is on disk.
     */
    int read(
        final long sequence, final int instrumentId, final long timestamp, final long firstTransferId,
        final MutableDirectBuffer piece)
    {
        final List<Path> files = store.files();
        if (files.isEmpty() || SnapshotStore.sequenceOf(files.get(files.size() - 1)) < sequence)
        {
            return ShardMover.BookSource.PENDING;
        }
        final SnapshotStore.Loaded loaded = store.latest();
        if (loaded == null || loaded.sequence() < sequence)
        {
            return ShardMover.BookSource.PENDING;
        }
        final MatchingEngine engine = new MatchingEngine(config, new EngineListenerAdapter()
        {
        });
        engine.restore(new UnsafeBuffer(loaded.payload()), 0, loaded.payload().length);
        return export.write(engine, instrumentId, timestamp, firstTransferId, piece, 0);
    }
}
