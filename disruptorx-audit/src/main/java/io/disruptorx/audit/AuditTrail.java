package io.disruptorx.audit;

import java.io.IOException;
import java.nio.file.Path;

import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SystemEpochNanoClock;

/**
 * An audit log being written: the ring producers offer to, and its {@link AuditRecorder} on a thread of its own
 * ({@code dx-audit}, parking up to a millisecond when idle). Closing drains the ring and closes the log.
 */
public final class AuditTrail implements AutoCloseable
{
    /** Ring bytes: about 8,000 records of backlog before records are dropped (and counted). */
    public static final int RING_CAPACITY = 1 << 20;
    /** Segment size before a new file is started. */
    public static final long SEGMENT_BYTES = 64L << 20;

    private final Path directory;
    private final AuditRing ring;
    private final AuditRecorder recorder;
    private final AgentRunner runner;

    private AuditTrail(final Path directory, final AuditRing ring, final AuditRecorder recorder)
    {
        this.directory = directory;
        this.ring = ring;
        this.recorder = recorder;
        this.runner = new AgentRunner(new BackoffIdleStrategy(10, 10, 10_000, 1_000_000), Throwable::printStackTrace,
            null, recorder);
        AgentRunner.startOnThread(runner);
    }

    /**
     * @param directory the log's directory (created when missing; an existing chain is continued).
     * @return the trail, recording.
     * @throws IOException when the directory cannot be written or its last segment read.
     */
    public static AuditTrail start(final Path directory) throws IOException
    {
        return start(directory, null);
    }

    /**
     * @param directory   the log's directory (created when missing; an existing chain is continued).
     * @param checkpoints where the chain's head is checkpointed (beside the venue's journal, not in the log's
     *                    directory), or {@code null} for none; the log is checked against the last checkpoint first.
     * @return the trail, recording.
     * @throws AuditTamperedException when the log does not hold the last checkpoint or its chain is broken.
     * @throws IOException            when the directory cannot be written or its last segment read.
     */
    public static AuditTrail start(final Path directory, final Path checkpoints) throws IOException
    {
        final AuditRing ring = new AuditRing(RING_CAPACITY);
        final AuditWriter writer = new AuditWriter(directory, SEGMENT_BYTES,
            checkpoints == null ? null : AuditCheckpoints.open(checkpoints));
        return new AuditTrail(directory, ring, new AuditRecorder(ring, writer, new SystemEpochNanoClock()));
    }

    /**
     * @return where producers offer records.
     */
    public AuditRing ring()
    {
        return ring;
    }

    /**
     * @return records written so far.
     */
    public long recorded()
    {
        return recorder.recorded();
    }

    /**
     * @return records dropped because the ring was full.
     */
    public long dropped()
    {
        return ring.dropped();
    }

    /**
     * @return writes that failed.
     */
    public long writeErrors()
    {
        return recorder.writeErrors();
    }

    /**
     * @return the log's directory.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * Drains the ring, closes the log and stops the thread.
     */
    @Override
    public void close()
    {
        runner.close();
    }
}
