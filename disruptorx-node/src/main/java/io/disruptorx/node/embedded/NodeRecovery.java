package io.disruptorx.node.embedded;

import java.util.function.LongSupplier;

import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.sbe.SbeCommandDispatcher;
import io.disruptorx.journal.JournalConfig;
import io.disruptorx.journal.JournalWriter;
import io.disruptorx.journal.RecordHandler;
import io.disruptorx.journal.SnapshotStore;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Rebuilds the engine's state on start: from a given starting state (a promoted replica's hot engine) or else the
 * newest valid snapshot, then the journal records after it, dispatched with output suppressed (their clients were
 * answered before the stop). Opens the journal for appending on the way. Refuses a journal that does not continue
 * from the starting state: replaying a tail onto the wrong state would silently lose commands. Under
 * {@code INTERVAL} in {@code dedicated} mode the journal forces on a thread of its own behind the interval's gate
 * ({@code IntervalForcer}), so the journal thread does not wait for the device at a batch end unless the promise
 * needs it; in {@code shared} mode (few cores) the node's one thread forces, as a third thread measured worse there.
 */
final class NodeRecovery implements RecordHandler
{
    private final SbeCommandDispatcher dispatcher;
    private final long fromSequence;
    private long firstSequence;
    private long lastSequence;
    private long replayed;

    /**
     * What recovery rebuilt.
     *
     * @param journal           the journal, open for appending after its last record.
     * @param recoveredSequence the journal sequence the engine's state reflects.
     * @param replayedCommands  commands replayed from the journal (after the starting state).
     * @param sequenceBase      the sequence the next command gets.
     */
    record Result(JournalWriter journal, long recoveredSequence, long replayedCommands, long sequenceBase)
    {
    }

    private NodeRecovery(final SbeCommandDispatcher dispatcher, final long fromSequence)
    {
        this.dispatcher = dispatcher;
        this.fromSequence = fromSequence;
    }

    /**
     * @param config        node settings.
     * @param mode          the resolved threading mode: the journal's forcer thread only when {@code DEDICATED}.
     * @param engine        a fresh engine.
     * @param dispatcher    dispatches commands to it.
     * @param sink          its output, suppressed while replaying.
     * @param snapshots     the snapshot store.
     * @param startingState a state to start from instead of the snapshot store, or {@code null}.
     * @param nanoClock     the host's clock, for the journal's interval policy.
     * @return what was rebuilt.
     * @throws NodeStartException when the journal does not continue from the starting state.
     */
    static Result recover(
        final NodeConfig config,
        final ThreadingMode mode,
        final MatchingEngine engine,
        final SbeCommandDispatcher dispatcher,
        final OutputRingSink sink,
        final SnapshotStore snapshots,
        final EmbeddedNode.StartingState startingState,
        final LongSupplier nanoClock)
    {
        final SnapshotStore.Loaded snapshot = startingState != null ? null : snapshots.latest();
        final byte[] state = startingState != null ? startingState.snapshot() :
            snapshot != null ? snapshot.payload() : null;
        final long fromSequence = startingState != null ? startingState.sequence() :
            snapshot != null ? snapshot.sequence() : 0;
        sink.suppress(true);
        if (state != null)
        {
            engine.restore(new UnsafeBuffer(state), 0, state.length);
        }
        final NodeRecovery replay = new NodeRecovery(dispatcher, fromSequence);
        final JournalConfig journalConfig = new JournalConfig(config.journalDirectory(), config.segmentSize(),
            config.forcePolicy(), config.forceIntervalNanos(), nanoClock).withForcer(mode == ThreadingMode.DEDICATED)
            .withPipelinedForces(config.threading().pipelinedIn(mode));
        final JournalWriter journal = JournalWriter.open(journalConfig, replay);
        if (replay.firstSequence > fromSequence + 1 && !journal.holdsFirstSegment())
        {
            journal.close();
            throw new NodeStartException("the journal does not continue from sequence " + fromSequence +
                ": its first record is " + replay.firstSequence + " and older segments were deleted after " +
                "snapshots; start from a snapshot at or after sequence " + (replay.firstSequence - 1));
        }
        sink.suppress(false);
        final long recovered = Math.max(fromSequence, replay.lastSequence);
        return new Result(journal, recovered, replay.replayed, Math.max(recovered, journal.lastSequence()) + 1);
    }

    @Override
    public void onRecord(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        if (firstSequence == 0)
        {
            firstSequence = sequence;
        }
        if (sequence > fromSequence)
        {
            dispatcher.dispatch(buffer, offset, length);
            replayed++;
        }
        lastSequence = sequence;
    }
}
