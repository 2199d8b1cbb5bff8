package io.disruptorx.node.embedded;

import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import io.disruptorx.core.workflow.StepHandler;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.sbe.SbeCommandDispatcher;
import io.disruptorx.protocol.sbe.command.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.command.TakeSnapshotDecoder;

/**
 * The engine thread: applies each journalled command to the engine, whose events go to the output ring, and
 * takes snapshots by count, by elapsed time or on a TakeSnapshot command. After each command it tells the sink the
 * command's events are complete, which marks the last of them. With tracing on it hands a command's
 * trace to the output sink and clears the slot's mark for the slot's next use.
 */
final class EngineStep implements StepHandler<CommandSlot>
{
    private final MatchingEngine engine;
    private final SbeCommandDispatcher dispatcher;
    private final OutputRingSink sink;
    private final Snapshotter snapshotter;
    private final LongSupplier nanoClock;
    private final StageLatency latency;
    private final boolean timed;
    private final boolean tracing;
    private final long everyCommands;
    private final long everyNanos;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final SingleWriterLong appliedSequence;
    private long commandsSinceSnapshot;
    private long lastSnapshotNanos;
    private JournalStep durability;
    private IntSupplier whileForcing;

    EngineStep(
        final MatchingEngine engine,
        final SbeCommandDispatcher dispatcher,
        final OutputRingSink sink,
        final Snapshotter snapshotter,
        final NodeConfig config,
        final LongSupplier nanoClock,
        final long appliedSequence,
        final StageLatency latency,
        final boolean tracing)
    {
        this.tracing = tracing;
        this.latency = latency;
        this.timed = latency.enabled();
        this.engine = engine;
        this.dispatcher = dispatcher;
        this.sink = sink;
        this.snapshotter = snapshotter;
        this.nanoClock = nanoClock;
        this.everyCommands = config.snapshotEveryCommands();
        this.everyNanos = config.snapshotEveryNanos();
        this.appliedSequence = new SingleWriterLong(appliedSequence);
        this.lastSnapshotNanos = nanoClock.getAsLong();
    }

    @Override
    public void onEvent(final CommandSlot slot, final long sequence)
    {
        if (slot.length <= 0 || (durability != null && !durability.awaitDurable(slot.sequence, whileForcing)))
        {
            return;
        }
        final boolean timed = this.timed;
        sink.command(slot.sequence, slot.publishNanos, timed ? nanoClock.getAsLong() : 0);
        if (tracing)
        {
            sink.trace(slot);
            slot.traced = false;
        }
        try
        {
            dispatcher.dispatch(slot.buffer, 0, slot.length);
        }
        finally
        {
            sink.endCommand();
        }
        appliedSequence.set(slot.sequence);
        if (timed && slot.durableNanos != 0)
        {
            latency.engine().record(nanoClock.getAsLong() - slot.durableNanos);
            slot.durableNanos = 0;
        }
        commandsSinceSnapshot++;
        header.wrap(slot.buffer, 0);
        final boolean requested = header.templateId() == TakeSnapshotDecoder.TEMPLATE_ID &&
            header.schemaId() == TakeSnapshotDecoder.SCHEMA_ID;
        if (requested || (everyCommands > 0 && commandsSinceSnapshot >= everyCommands) ||
            (everyNanos > 0 && nanoClock.getAsLong() - lastSnapshotNanos >= everyNanos))
        {
            snapshotter.snapshot(engine, slot.sequence);
            commandsSinceSnapshot = 0;
            lastSnapshotNanos = nanoClock.getAsLong();
        }
    }

    /**
     * With pipelined forces: apply a command only once a finished force covers it. Call before the stages start.
     *
     * @param journal      the journal step, whose forces are pipelined.
     * @param whileWaiting what to run while waiting ({@link StageThreads#whileForcing()}), or {@code null}.
     */
    void applyWhenDurable(final JournalStep journal, final IntSupplier whileWaiting)
    {
        this.durability = journal;
        this.whileForcing = whileWaiting;
    }

    long appliedSequence()
    {
        return appliedSequence.get();
    }
}
