package io.disruptorx.node.embedded;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.journal.SnapshotStore;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Takes snapshots: the engine's state is serialised on the engine thread (the only consistent moment), and the
 * file is written, old snapshots pruned and covered journal segments released on a background thread, so the
 * engine waits only for the serialisation. The last image stays in memory for readers that must not wait for the
 * file ({@link EmbeddedNode#latestSnapshotImage()}).
 */
final class Snapshotter
{
    private final SnapshotStore store;
    private final int keep;
    private final boolean deleteCoveredSegments;
    private final JournalStep journal;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024 * 1024);
    private final ExecutorService writer;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile long lastSequence;
    private volatile EmbeddedNode.StartingState latest;

    /**
     * @param store                 where snapshots go.
     * @param keep                  snapshots kept.
     * @param deleteCoveredSegments whether to let the journal delete segments covered by the oldest kept one.
     * @param journal               the journal step, told what it may delete.
     * @param writer                the node's background thread, which writes the files; the node stops it.
     */
    Snapshotter(
        final SnapshotStore store,
        final int keep,
        final boolean deleteCoveredSegments,
        final JournalStep journal,
        final ExecutorService writer)
    {
        this.writer = writer;
        this.store = store;
        this.keep = keep;
        this.deleteCoveredSegments = deleteCoveredSegments;
        this.journal = journal;
    }

    /**
     * Serialises now and writes in the background.
     *
     * @param engine   the engine, on its own thread.
     * @param sequence journal sequence of the last command applied.
     */
    void snapshot(final MatchingEngine engine, final long sequence)
    {
        final int length = engine.snapshot(buffer, 0);
        final byte[] copy = new byte[length];
        buffer.getBytes(0, copy);
        latest = new EmbeddedNode.StartingState(copy, sequence);
        try
        {
            writer.execute(() -> write(sequence, copy));
        }
        catch (final RejectedExecutionException ex)
        {
            failures.incrementAndGet();
        }
    }

    /**
     * Serialises and writes on the calling thread, after any background write (used on close, when the engine
     * thread has stopped).
     *
     * @param engine   the stopped engine.
     * @param sequence journal sequence of the last command applied.
     */
    void snapshotNow(final MatchingEngine engine, final long sequence)
    {
        drain();
        final int length = engine.snapshot(buffer, 0);
        final byte[] copy = new byte[length];
        buffer.getBytes(0, copy);
        write(sequence, copy);
    }

    /**
     * @return the image the engine serialised last in this run (its file may not be written yet), or {@code null}.
     */
    EmbeddedNode.StartingState latest()
    {
        return latest;
    }

    long written()
    {
        return written.get();
    }

    long failures()
    {
        return failures.get();
    }

    long lastSequence()
    {
        return lastSequence;
    }

    private void write(final long sequence, final byte[] bytes)
    {
        try
        {
            store.write(sequence, new UnsafeBuffer(bytes), 0, bytes.length);
            store.retain(keep);
            lastSequence = sequence;
            written.incrementAndGet();
            if (deleteCoveredSegments && journal != null)
            {
                final List<Path> kept = store.files();
                if (!kept.isEmpty())
                {
                    journal.allowSegmentDeletionUpTo(SnapshotStore.sequenceOf(kept.get(0)));
                }
            }
        }
        catch (final RuntimeException ex)
        {
            failures.incrementAndGet();
            System.err.println("dx: snapshot at sequence " + sequence + " failed: " + ex);
        }
    }

    private void drain()
    {
        try
        {
            writer.submit(() -> { }).get(1, TimeUnit.MINUTES);
        }
        catch (final Exception ex)
        {
            failures.incrementAndGet();
        }
    }
}
