package io.disruptorx.journal;

import java.util.function.Consumer;

/**
 * Moments in the journal's and the snapshot store's file operations where a crash leaves something for the next
 * start to recover from. The code announces each moment; normally nobody listens and an announcement costs one
 * volatile read. A crash test installs a listener in the process it will kill, and the listener stops the thread
 * at the moment the test chose, so the kill lands exactly there (and a seed reproduces it) instead of wherever a
 * timer happens to fall.
 */
public enum CrashPoint
{
    /** A new segment is written full of zeros under its temporary name, its header forced; not yet renamed. */
    SEGMENT_PREALLOCATED,

    /** One segment covered by a snapshot has been deleted; more may follow in the same pass. */
    SEGMENT_DELETED,

    /** A snapshot is written and forced under its temporary name; not yet renamed. */
    SNAPSHOT_WRITTEN,

    /** A snapshot has been renamed into place; its directory is not forced yet. */
    SNAPSHOT_RENAMED,

    /** One old snapshot has been deleted by retention; more may follow in the same pass. */
    SNAPSHOT_PRUNED,

    /**
     * A batch is written to its segment on the write path with its first record's length pending; that length is
     * not written yet.
     */
    BATCH_PENDING;

    private static volatile Consumer<CrashPoint> listener;

    /**
     * For crash tests: installs the listener told about every moment, on the thread that reaches it.
     *
     * @param newListener the listener, or {@code null} for none.
     */
    public static void listen(final Consumer<CrashPoint> newListener)
    {
        listener = newListener;
    }

    void reach()
    {
        final Consumer<CrashPoint> current = listener;
        if (current != null)
        {
            current.accept(this);
        }
    }
}
