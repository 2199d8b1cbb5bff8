package io.disruptorx.node.shard;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.sbe.SbeBookExport;
import io.disruptorx.journal.SnapshotStore;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.shard.move.ShardMover;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads an instrument's book out of a running node without touching its engine: the node serialises its engine on
 * the engine thread for a TakeSnapshot command (the only consistent moment), and this reads that image of the
 * command's sequence (or a later one) into an engine of its own and exports the book from there
 * ({@link SbeBookExport}). The image is taken from memory as soon as the engine has serialised it, without waiting
 * for its file to be written and forced; the snapshot file is the fallback. With the instrument halted before the
 * snapshot, its book in the image is the book.
 *
 * <p>Each read restores into a new engine, and a full engine of the node's configuration takes milliseconds to
 * allocate: a link session has one built ahead on a thread of its own ({@link #buildAhead}), so that a move's halt
 * waits for no allocation.
 */
final class SnapshotBookReader implements AutoCloseable
{
    /** How long after a read took the engine built ahead the next one is built: after the move, as a rule. */
    static final long AHEAD_DELAY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Supplier<EmbeddedNode.StartingState> images;
    private final SnapshotStore store;
    private final EngineConfig config;
    private final SbeBookExport export = new SbeBookExport();
    private final AtomicReference<MatchingEngine> ahead = new AtomicReference<>();
    private MatchingEngine spare;
    private Thread builder;

    /**
     * @param images    the node's last snapshot image in memory ({@link EmbeddedNode#latestSnapshotImage()}).
     * @param snapshots the node's snapshot directory, read when the image in memory is older.
     * @param config    the node's engine settings.
     */
    SnapshotBookReader(
        final Supplier<EmbeddedNode.StartingState> images, final Path snapshots, final EngineConfig config)
    {
        this.images = images;
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
        final byte[] payload = image(sequence);
        if (payload == null)
        {
            return ShardMover.BookSource.PENDING;
        }
        prepare();
        final MatchingEngine engine = spare;
        spare = null;
        engine.restore(new UnsafeBuffer(payload), 0, payload.length);
        return export.write(engine, instrumentId, timestamp, firstTransferId, piece, 0);
    }

    /**
     * Builds the engine the next read restores into, unless there is one: a full engine of the node's configuration
     * takes milliseconds to allocate, so the link session calls this while the node halts and snapshots, not after.
     */
    void prepare()
    {
        if (spare == null)
        {
            spare = ahead.getAndSet(null);
            if (spare != null)
            {
                LockSupport.unpark(builder);
            }
        }
        if (spare == null)
        {
            spare = newEngine();
        }
    }

    /**
     * Builds engines ahead on a thread of its own until {@link #close}: one at once, and the next
     * {@link #AHEAD_DELAY_NANOS} after {@link #prepare} took the last; a prepare that finds none ready builds its
     * own, in its caller's thread.
     *
     * @param name the thread's name.
     */
    void buildAhead(final String name)
    {
        builder = new Thread(this::build, name);
        builder.setDaemon(true);
        builder.start();
    }

    /**
     * @return whether an engine built ahead waits for the next {@link #prepare}.
     */
    boolean engineAhead()
    {
        return ahead.get() != null;
    }

    /**
     * @return whether the thread of {@link #buildAhead} runs.
     */
    boolean buildingAhead()
    {
        return builder != null && builder.isAlive();
    }

    /**
     * Stops building ahead.
     */
    @Override
    public void close()
    {
        if (builder != null)
        {
            builder.interrupt();
        }
    }

    private void build()
    {
        final Thread self = Thread.currentThread();
        while (!self.isInterrupted())
        {
            ahead.set(newEngine());
            while (ahead.get() != null && !self.isInterrupted())
            {
                LockSupport.park(this);
            }
            final long until = System.nanoTime() + AHEAD_DELAY_NANOS;
            long left;
            while ((left = until - System.nanoTime()) > 0 && !self.isInterrupted())
            {
                LockSupport.parkNanos(this, left);
            }
        }
        ahead.set(null);
    }

    private MatchingEngine newEngine()
    {
        return new MatchingEngine(config, new EngineListenerAdapter()
        {
        });
    }

    private byte[] image(final long sequence)
    {
        final EmbeddedNode.StartingState inMemory = images.get();
        if (inMemory != null && inMemory.sequence() >= sequence)
        {
            return inMemory.snapshot();
        }
        final List<Path> files = store.files();
        if (files.isEmpty() || SnapshotStore.sequenceOf(files.get(files.size() - 1)) < sequence)
        {
            return null;
        }
        final SnapshotStore.Loaded loaded = store.latest();
        return loaded == null || loaded.sequence() < sequence ? null : loaded.payload();
    }
}
