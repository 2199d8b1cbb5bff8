package io.disruptorx.node.embedded;

import io.disruptorx.core.workflow.StepHandler;
import io.disruptorx.journal.JournalWriter;

/**
 * Journals every command, and forces the journal once per batch (group commit). The engine step runs after
 * this step has finished the whole batch, force included, so no event leaves before its command is durable
 * under the configured policy. A command the journal could not write is dead-lettered by the workflow and
 * skipped by the engine.
 */
final class JournalStep implements StepHandler<CommandSlot>
{
    private final JournalWriter journal;
    private volatile long durableSequence;
    private volatile long journalBytes;
    private volatile long segmentsDeletableUpTo;
    private long lastAppended;

    JournalStep(final JournalWriter journal)
    {
        this.journal = journal;
        this.lastAppended = journal.lastSequence();
        this.durableSequence = lastAppended;
        this.journalBytes = journal.size();
    }

    @Override
    public void onEvent(final CommandSlot slot, final long sequence)
    {
        if (slot.length > 0)
        {
            journal.append(slot.sequence, slot.buffer, 0, slot.length);
            lastAppended = slot.sequence;
        }
    }

    @Override
    public void onBatchEnd(final long sequence)
    {
        journal.endOfBatch();
        durableSequence = lastAppended;
        final long deletable = segmentsDeletableUpTo;
        if (deletable > 0)
        {
            segmentsDeletableUpTo = 0;
            journal.deleteSegmentsUpTo(deletable);
        }
        journalBytes = journal.size();
    }

    /**
     * Asks the journal thread to delete segments covered by a snapshot, at its next batch end.
     *
     * @param sequence oldest snapshot sequence still kept.
     */
    void allowSegmentDeletionUpTo(final long sequence)
    {
        segmentsDeletableUpTo = sequence;
    }

    long durableSequence()
    {
        return durableSequence;
    }

    long journalBytes()
    {
        return journalBytes;
    }
}
