package io.disruptorx.node.embedded;

import java.time.Duration;

import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.journal.JournalWriter;

/**
 * Stops a node in order: the input ring drains (every published command journalled and applied), a final snapshot
 * is taken, the output ring drains (every report delivered), the background thread finishes its file work (the
 * final snapshot written), segments the kept snapshots cover are deleted, then the journal is closed and the data
 * directory released. A thread that outlives the timeout (a journal thread stalled in a write, say) keeps the
 * directory locked: a keeper thread closes the journal and releases the lock
 * once it ends, so no replica takes over while it might still append.
 */
final class NodeShutdown
{
    private final NodeRings rings;
    private final Snapshotter snapshotter;
    private final EngineStep engineStep;
    private final MatchingEngine engine;
    private final JournalWriter journal;
    private final JournalStep journalStep;
    private final DataDirectoryLock lock;
    private final Duration timeout;

    NodeShutdown(
        final NodeRings rings,
        final Snapshotter snapshotter,
        final EngineStep engineStep,
        final MatchingEngine engine,
        final JournalWriter journal,
        final JournalStep journalStep,
        final DataDirectoryLock lock,
        final Duration timeout)
    {
        this.rings = rings;
        this.snapshotter = snapshotter;
        this.engineStep = engineStep;
        this.engine = engine;
        this.journal = journal;
        this.journalStep = journalStep;
        this.lock = lock;
        this.timeout = timeout;
    }

    /**
     * Stops cleanly, or as cleanly as the threads allow (see the class comment).
     */
    void stop()
    {
        final boolean inputStopped = rings.drainInput(timeout);
        if (inputStopped && engineStep.appliedSequence() > snapshotter.lastSequence())
        {
            snapshotter.snapshotNow(engine, engineStep.appliedSequence());
        }
        final boolean outputStopped = rings.drainOutput(timeout);
        final boolean backgroundStopped = rings.stopBackground(timeout);
        if (inputStopped && outputStopped && backgroundStopped)
        {
            journalStep.deleteCoveredSegmentsAfterStop();
            journal.close();
            lock.close();
            return;
        }
        System.err.println("dx: " + (inputStopped ? "a node thread did not stop" :
            "a command on the input ring was not journalled and applied (claimed and never published, or a " +
            "node thread stalled)") + " within " + timeout + ": no final snapshot; the data directory stays " +
            "locked until the node threads end (or the process exits); the next start recovers from the journal");
        final Thread keeper = new Thread(this::releaseWhenStopped, "dx-data-directory-keeper");
        keeper.setDaemon(true);
        keeper.start();
    }

    /**
     * Stops the rings where they are, as a crash would: no final snapshot and no final force (what was written
     * stays in the page cache, as after a killed process).
     */
    void crash()
    {
        rings.halt(timeout);
        rings.stopBackground(timeout);
        lock.close();
    }

    private void releaseWhenStopped()
    {
        rings.awaitAllThreads();
        journal.close();
        lock.close();
        System.err.println("dx: the last node thread has ended; the data directory is released");
    }
}
