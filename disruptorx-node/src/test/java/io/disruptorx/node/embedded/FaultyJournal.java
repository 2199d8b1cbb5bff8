package io.disruptorx.node.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import io.disruptorx.journal.Journal;
import org.agrona.DirectBuffer;

/**
 * The node's real journal with faults a test switches on: forces that fail, an {@link Error} thrown by the append
 * of one command, or that append stalled until released, deletions of covered segments that fail.
 */
final class FaultyJournal implements Journal
{
    private volatile Journal journal;
    private volatile boolean failForces;
    private volatile boolean failDeletions;
    private volatile long errorAt = -1;
    private volatile long stallAt = -1;
    private final CountDownLatch stalled = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    Journal wrap(final Journal real)
    {
        this.journal = real;
        return this;
    }

    void failForces()
    {
        failForces = true;
    }

    void failDeletions(final boolean fail)
    {
        failDeletions = fail;
    }

    void throwErrorAtAppendOf(final long sequence)
    {
        errorAt = sequence;
    }

    void stallAppendOf(final long sequence)
    {
        stallAt = sequence;
    }

    boolean awaitStalled() throws InterruptedException
    {
        return stalled.await(20, TimeUnit.SECONDS);
    }

    void releaseStall()
    {
        release.countDown();
    }

    @Override
    public void append(final long sequence, final DirectBuffer source, final int offset, final int length)
    {
        if (sequence == errorAt)
        {
            throw new InternalError("a fault occurred in an unsafe memory access operation");
        }
        if (sequence == stallAt)
        {
            stalled.countDown();
            try
            {
                release.await();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        journal.append(sequence, source, offset, length);
    }

    @Override
    public boolean endOfBatch()
    {
        if (failForces)
        {
            throw new UncheckedIOException(new IOException("msync: Input/output error"));
        }
        return journal.endOfBatch();
    }

    @Override
    public boolean pipelined()
    {
        return journal.pipelined();
    }

    @Override
    public boolean awaitForced(final long sequence, final IntSupplier whileWaiting)
    {
        return journal.awaitForced(sequence, whileWaiting);
    }

    @Override
    public long forcedSequence()
    {
        return journal.forcedSequence();
    }

    @Override
    public long lastSequence()
    {
        return journal.lastSequence();
    }

    @Override
    public long size()
    {
        return journal.size();
    }

    @Override
    public int deleteSegmentsUpTo(final long sequence)
    {
        if (failDeletions)
        {
            throw new UncheckedIOException(new IOException("unlink: Input/output error"));
        }
        return journal.deleteSegmentsUpTo(sequence);
    }

    @Override
    public boolean nextSegmentWanted()
    {
        return journal.nextSegmentWanted();
    }

    @Override
    public void prepareNextSegment()
    {
        journal.prepareNextSegment();
    }

    @Override
    public boolean retiredSegmentWaiting()
    {
        return journal.retiredSegmentWaiting();
    }

    @Override
    public void releaseRetiredSegment()
    {
        journal.releaseRetiredSegment();
    }

    @Override
    public void close()
    {
        journal.close();
    }
}
