package io.disruptorx.node.embedded;

import io.disruptorx.core.workflow.StepHandler;
import io.disruptorx.journal.Journal;

/**
 * Journals every command, and forces the journal once per batch (group commit). The engine step runs after
 * this step has finished the whole batch, force included, so no event leaves before its command is durable
 * under the configured policy.
 *
 * <p>Failure is fail-stop. If a force fails, the batch's records are in the journal but their durability is
 * unknown: the batch is failed (the engine skips it, nobody is answered) and so is every later command, so the
 * live engine never runs ahead of, or beside, what the journal holds; a restart then recovers from the journal
 * as after a crash. A failure to delete old segments never fails a batch: it is counted and retried.
 */
final class JournalStep implements StepHandler<CommandSlot>
{
    private final Journal journal;
    private volatile long durableSequence;
    private volatile long journalBytes;
    private volatile long segmentsDeletableUpTo;
    private volatile long deletionFailures;
    private volatile Throwable failure;
    private long lastAppended;

    JournalStep(final Journal journal)
    {
        this.journal = journal;
        this.lastAppended = journal.lastSequence();
        this.durableSequence = lastAppended;
        this.journalBytes = journal.size();
    }

    @Override
    public void onEvent(final CommandSlot slot, final long sequence)
    {
        final Throwable failed = failure;
        if (failed != null)
        {
            throw new IllegalStateException("journal failed earlier; the node is stopped", failed);
        }
        if (slot.length > 0)
        {
            journal.append(slot.sequence, slot.buffer, 0, slot.length);
            lastAppended = slot.sequence;
        }
    }

    @Override
    public void onBatchEnd(final long sequence)
    {
        if (failure != null)
        {
            throw new IllegalStateException("journal failed earlier; the node is stopped", failure);
        }
        try
        {
            journal.endOfBatch();
        }
        catch (final RuntimeException ex)
        {
            failure = ex;
            System.err.println("dx: journal force failed, the node stops applying commands: " + ex);
            throw ex;
        }
        durableSequence = lastAppended;
        deleteCoveredSegments();
        journalBytes = journal.size();
    }

    private void deleteCoveredSegments()
    {
        final long deletable = segmentsDeletableUpTo;
        if (deletable <= 0)
        {
            return;
        }
        try
        {
            journal.deleteSegmentsUpTo(deletable);
            segmentsDeletableUpTo = 0;
        }
        catch (final RuntimeException ex)
        {
            deletionFailures = deletionFailures + 1;
        }
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

    long deletionFailures()
    {
        return deletionFailures;
    }

    Throwable failure()
    {
        return failure;
    }
}
