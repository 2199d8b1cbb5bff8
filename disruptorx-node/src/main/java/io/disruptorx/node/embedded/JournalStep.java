package io.disruptorx.node.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

import io.disruptorx.core.workflow.StepHandler;
import io.disruptorx.journal.Journal;
import io.disruptorx.protocol.sbe.command.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.command.NewOrderDecoder;

/**
 * Journals every command, and forces the journal once per batch (group commit). The engine step runs after
 * this step has finished the whole batch, force included, so no event leaves before its command is durable
 * under the configured policy.
 *
 * <p>Failure is fail-stop, whatever fails and however (an exception or an {@link Error}, in an append, in a roll
 * to a new segment, in a force). The batch is failed (the engine skips it, nobody is answered) and so is every
 * later command, so the live engine never runs ahead of, or beside, what the journal holds; a restart then
 * recovers from the journal as after a crash. When the current segment is half full the next one is prepared on the
 * background executor, so a roll only renames a file; if that fails the roll creates the segment itself. The other
 * slow file work is handed to the background executor too, so the journal thread (in {@code shared} mode the node's
 * one thread) never waits for it: unmapping the segment a roll left, and deleting the segments a snapshot covers
 * (unlinking a 64 MiB file took 27-40 ms on a busy disk). A failure to delete never fails a batch: it is counted and
 * retried after a later batch.
 *
 * <p>With stage latency on, it keeps the batch's slots (references into the ring, no copies), and once the batch is
 * forced stamps each with the time it became durable and records its journal stage latency and the force time.
 * With tracing on it keeps the sampled commands' slots and stamps them the same way; this is also where a new order
 * without a trace context of its own is picked as a root sample, one in {@code rootSampleEvery}.
 */
final class JournalStep implements StepHandler<CommandSlot>
{
    private final Journal journal;
    private final Path directory;
    private final Executor background;
    private final Runnable prepareNextSegment;
    private final Runnable deleteCoveredSegments;
    private final Runnable releaseRetiredSegment;
    private final StageLatency latency;
    private final CommandSlot[] batch;
    private final boolean timed;
    private final boolean tracing;
    private final int rootSampleEvery;
    private final boolean pipelined;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private int sinceRootSample;
    private int batchSize;
    private volatile long durableSequence;
    private volatile long journalBytes;
    private final AtomicLong segmentsDeletableUpTo = new AtomicLong();
    private final AtomicLong deletionFailures = new AtomicLong();
    private volatile boolean deletionQueued;
    private final AtomicLong preparationFailures = new AtomicLong();
    private volatile Throwable failure;
    private long lastAppended;

    /**
     * @param journal    where commands go.
     * @param directory  the journal's directory, for the free space a failure message reports.
     * @param background runs the preparation of the next segment.
     * @param latency    the stage latency histograms.
     * @param ringSize   slots of the input ring (the largest batch).
     * @param rootSampleEvery with tracing on, one in this many new orders without a trace context is sampled (0:
     *                        none).
     * @param tracing    whether the node records traces.
     */
    JournalStep(final Journal journal, final Path directory, final Executor background, final StageLatency latency,
        final int ringSize, final int rootSampleEvery, final boolean tracing)
    {
        this.latency = latency;
        this.timed = latency.enabled();
        this.tracing = tracing;
        this.rootSampleEvery = rootSampleEvery;
        this.batch = timed || tracing ? new CommandSlot[ringSize] : null;
        this.journal = journal;
        this.pipelined = journal.pipelined();
        this.directory = directory;
        this.background = background;
        this.lastAppended = journal.lastSequence();
        this.durableSequence = lastAppended;
        this.journalBytes = journal.size();
        this.prepareNextSegment = this::prepareNextSegment;
        this.deleteCoveredSegments = this::deleteCoveredSegments;
        this.releaseRetiredSegment = journal::releaseRetiredSegment;
    }

    @Override
    public void onEvent(final CommandSlot slot, final long sequence)
    {
        refuseAfterFailure();
        if (slot.length > 0)
        {
            try
            {
                journal.append(slot.sequence, slot.buffer, 0, slot.length);
            }
            catch (final Throwable ex)
            {
                fail("append of command " + slot.sequence, ex);
                throw ex;
            }
            lastAppended = slot.sequence;
            final boolean traced = tracing && sampled(slot);
            if (timed || traced)
            {
                batch[batchSize++] = slot;
            }
        }
    }

    @Override
    public void onBatchEnd(final long sequence)
    {
        refuseAfterFailure();
        final long forceStart = timed || batchSize > 0 ? System.nanoTime() : 0;
        try
        {
            journal.endOfBatch();
        }
        catch (final Throwable ex)
        {
            fail("force", ex);
            throw ex;
        }
        durableSequence = lastAppended;
        if (timed || batchSize > 0)
        {
            stampDurable(forceStart);
        }
        journalBytes = journal.size();
        if (journal.retiredSegmentWaiting())
        {
            try
            {
                background.execute(releaseRetiredSegment);
            }
            catch (final RejectedExecutionException ex)
            {
                journal.releaseRetiredSegment();
            }
        }
        if (segmentsDeletableUpTo.get() > 0 && !deletionQueued)
        {
            deletionQueued = true;
            try
            {
                background.execute(deleteCoveredSegments);
            }
            catch (final RejectedExecutionException ex)
            {
                deletionQueued = false;
            }
        }
        if (journal.nextSegmentWanted())
        {
            try
            {
                background.execute(prepareNextSegment);
            }
            catch (final RejectedExecutionException ex)
            {
                preparationFailures.incrementAndGet();
            }
        }
    }

    private void stampDurable(final long forceStart)
    {
        final long durable = System.nanoTime();
        final boolean timed = this.timed;
        if (timed)
        {
            latency.force().record(durable - forceStart);
        }
        final CommandSlot[] batch = this.batch;
        for (int i = 0, size = batchSize; i < size; i++)
        {
            final CommandSlot slot = batch[i];
            slot.durableNanos = durable;
            if (timed)
            {
                latency.journal().record(durable - slot.publishNanos);
            }
            batch[i] = null;
        }
        batchSize = 0;
    }

    /**
     * @return whether the command is traced: its gateway passed a sampled context, or it is the
     * {@code rootSampleEvery}-th new order since the last root sample.
     */
    private boolean sampled(final CommandSlot slot)
    {
        if (slot.traced)
        {
            return true;
        }
        if (rootSampleEvery == 0)
        {
            return false;
        }
        header.wrap(slot.buffer, 0);
        if (header.templateId() != NewOrderDecoder.TEMPLATE_ID || header.schemaId() != NewOrderDecoder.SCHEMA_ID ||
            ++sinceRootSample < rootSampleEvery)
        {
            return false;
        }
        sinceRootSample = 0;
        slot.traced = true;
        slot.traceIdHigh = 0;
        slot.traceIdLow = 0;
        slot.parentSpanId = 0;
        slot.receiveNanos = slot.publishNanos;
        return true;
    }

    private void refuseAfterFailure()
    {
        final Throwable failed = failure;
        if (failed != null)
        {
            throw new IllegalStateException("journal failed earlier; the node is stopped", failed);
        }
    }

    private void fail(final String what, final Throwable ex)
    {
        failure = ex;
        System.err.println("dx: journal " + what + " failed, the node stops applying commands (" +
            usableSpace() + "); restart it to recover from the journal: " + ex);
    }

    private String usableSpace()
    {
        try
        {
            return String.format("%,d bytes free for the journal in %s",
                Files.getFileStore(directory).getUsableSpace(), directory);
        }
        catch (final IOException | RuntimeException ex)
        {
            return "free space unknown: " + ex.getMessage();
        }
    }

    private void prepareNextSegment()
    {
        try
        {
            journal.prepareNextSegment();
        }
        catch (final RuntimeException ex)
        {
            preparationFailures.incrementAndGet();
            System.err.println("dx: cannot prepare the next journal segment ahead (the roll will try itself): " + ex);
        }
    }

    /**
     * Deletes the segments the last snapshot allowed, on the background thread (or, after a stop, the stopping one),
     * beside the journal thread's appends and rolls; never the segment being written. A crash in the middle leaves
     * segments a kept snapshot covers, which the next start deletes again or replays past, as before.
     */
    private void deleteCoveredSegments()
    {
        try
        {
            final long deletable = segmentsDeletableUpTo.get();
            if (deletable <= 0)
            {
                return;
            }
            journal.deleteSegmentsUpTo(deletable);
            segmentsDeletableUpTo.compareAndSet(deletable, 0);
        }
        catch (final RuntimeException ex)
        {
            deletionFailures.incrementAndGet();
        }
        finally
        {
            deletionQueued = false;
        }
    }

    /**
     * Applies a deletion the last snapshot allowed after the last batch ended. Only once the journal thread and
     * the snapshot writer have stopped, so nothing else touches the journal.
     */
    void deleteCoveredSegmentsAfterStop()
    {
        if (failure == null)
        {
            deleteCoveredSegments();
        }
    }

    /**
     * Allows the deletion of segments covered by a snapshot; the journal thread hands it to the background thread at
     * its next batch end.
     *
     * @param sequence oldest snapshot sequence still kept.
     */
    void allowSegmentDeletionUpTo(final long sequence)
    {
        segmentsDeletableUpTo.set(sequence);
    }

    long durableSequence()
    {
        return pipelined ? Math.min(durableSequence, journal.forcedSequence()) : durableSequence;
    }

    /**
     * @return whether the journal's forces are pipelined, so the engine step must wait for each command to be covered
     * by a finished force ({@link #awaitDurable}) before it applies it.
     */
    boolean pipelined()
    {
        return pipelined;
    }

    /**
     * On the engine step's thread, with pipelined forces: waits until a finished force covers a command.
     *
     * @param sequence     the command's journal sequence (its batch ended).
     * @param whileWaiting other work to do meanwhile, or {@code null}.
     * @return true once it is durable; false when a force failed (the journal is failed, as after a failed batch end:
     * the command must not be applied).
     */
    boolean awaitDurable(final long sequence, final IntSupplier whileWaiting)
    {
        if (journal.awaitForced(sequence, whileWaiting))
        {
            return true;
        }
        if (failure == null)
        {
            fail("force", new UncheckedIOException(new IOException("the journal's force failed on its forcer thread; " +
                "command " + sequence + " and every later one are not applied")));
        }
        return false;
    }

    long journalBytes()
    {
        return journalBytes;
    }

    long deletionFailures()
    {
        return deletionFailures.get();
    }

    long preparationFailures()
    {
        return preparationFailures.get();
    }

    Throwable failure()
    {
        return failure;
    }
}
