package io.disruptorx.journal;

import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * Settings of a journal.
 *
 * @param directory      where the segment files live; created when missing.
 * @param segmentSize    bytes per segment file, a multiple of 4 KiB, at least 64 KiB.
 * @param forcePolicy    when records are forced to the device.
 * @param forceInterval  nanoseconds between forces under {@link ForcePolicy#INTERVAL}.
 * @param nanoClock      clock for the interval policy (the host's, never the engine's).
 * @param writePath      how records reach the file and the device.
 * @param forcer         under {@link ForcePolicy#INTERVAL} on the {@link WritePath#WRITE} path: force on a thread of
 *                       the journal's own, so a batch end waits only when a force runs longer than half the interval
 *                       (the interval's promise is kept either way; see {@code IntervalForcer}); ignored otherwise.
 * @param pipelinedForces under {@link ForcePolicy#EVERY_BATCH} on the {@link WritePath#WRITE} path: a thread of the
 *                       journal's own forces what was written while the appender goes on writing (a batch end only
 *                       writes; the host releases a command once {@link JournalWriter#forcedSequence()} covers it;
 *                       see {@code PipelinedForcer}); false, the default, forces on the appending thread at each batch
 *                       end; ignored otherwise.
 */
public record JournalConfig(
    Path directory,
    int segmentSize,
    ForcePolicy forcePolicy,
    long forceInterval,
    LongSupplier nanoClock,
    WritePath writePath,
    boolean forcer,
    boolean pipelinedForces)
{
    /** Default segment size: 64 MiB. */
    public static final int DEFAULT_SEGMENT_SIZE = 64 * 1024 * 1024;

    /**
     * Validates the settings.
     */
    public JournalConfig
    {
        if (directory == null)
        {
            throw new IllegalArgumentException("journal directory must be set");
        }
        if (segmentSize < 64 * 1024 || segmentSize % 4096 != 0)
        {
            throw new IllegalArgumentException(
                "journal segmentSize must be a multiple of 4096 and at least 65536, was " + segmentSize);
        }
        if (forcePolicy == null)
        {
            throw new IllegalArgumentException("journal forcePolicy must be set");
        }
        if (forcePolicy == ForcePolicy.INTERVAL && forceInterval <= 0)
        {
            throw new IllegalArgumentException("journal forceInterval must be positive, was " + forceInterval);
        }
        if (nanoClock == null)
        {
            throw new IllegalArgumentException("journal nanoClock must be set");
        }
        if (writePath == null)
        {
            throw new IllegalArgumentException("journal writePath must be set");
        }
    }

    /**
     * Settings that force on the appending thread.
     *
     * @param directory     where the segment files live; created when missing.
     * @param segmentSize   bytes per segment file.
     * @param forcePolicy   when records are forced to the device.
     * @param forceInterval nanoseconds between forces under {@link ForcePolicy#INTERVAL}.
     * @param nanoClock     clock for the interval policy.
     * @param writePath     how records reach the file and the device.
     */
    public JournalConfig(
        final Path directory,
        final int segmentSize,
        final ForcePolicy forcePolicy,
        final long forceInterval,
        final LongSupplier nanoClock,
        final WritePath writePath)
    {
        this(directory, segmentSize, forcePolicy, forceInterval, nanoClock, writePath, false, false);
    }

    /**
     * Settings on the default {@link WritePath#WRITE} path.
     *
     * @param directory     where the segment files live; created when missing.
     * @param segmentSize   bytes per segment file.
     * @param forcePolicy   when records are forced to the device.
     * @param forceInterval nanoseconds between forces under {@link ForcePolicy#INTERVAL}.
     * @param nanoClock     clock for the interval policy.
     */
    public JournalConfig(
        final Path directory,
        final int segmentSize,
        final ForcePolicy forcePolicy,
        final long forceInterval,
        final LongSupplier nanoClock)
    {
        this(directory, segmentSize, forcePolicy, forceInterval, nanoClock, WritePath.WRITE);
    }

    /**
     * @param directory where the segments live.
     * @return 64 MiB segments forced at the end of every batch.
     */
    public static JournalConfig durable(final Path directory)
    {
        return new JournalConfig(directory, DEFAULT_SEGMENT_SIZE, ForcePolicy.EVERY_BATCH, 0, System::nanoTime);
    }

    /**
     * @param size segment size.
     * @return a copy with that segment size.
     */
    public JournalConfig withSegmentSize(final int size)
    {
        return new JournalConfig(directory, size, forcePolicy, forceInterval, nanoClock, writePath,
            forcer, pipelinedForces);
    }

    /**
     * @param policy   force policy.
     * @param interval nanoseconds, for {@link ForcePolicy#INTERVAL}.
     * @return a copy with that policy.
     */
    public JournalConfig withForcePolicy(final ForcePolicy policy, final long interval)
    {
        return new JournalConfig(directory, segmentSize, policy, interval, nanoClock, writePath,
            forcer, pipelinedForces);
    }

    /**
     * @param clock nanosecond clock.
     * @return a copy with that clock.
     */
    public JournalConfig withNanoClock(final LongSupplier clock)
    {
        return new JournalConfig(directory, segmentSize, forcePolicy, forceInterval, clock, writePath,
            forcer, pipelinedForces);
    }

    /**
     * @param path how records reach the file and the device.
     * @return a copy on that path.
     */
    public JournalConfig withWritePath(final WritePath path)
    {
        return new JournalConfig(directory, segmentSize, forcePolicy, forceInterval, nanoClock, path,
            forcer, pipelinedForces);
    }

    /**
     * @param onOwnThread whether {@link ForcePolicy#INTERVAL} forces on a thread of the journal's own.
     * @return a copy with that choice.
     */
    public JournalConfig withForcer(final boolean onOwnThread)
    {
        return new JournalConfig(directory, segmentSize, forcePolicy, forceInterval, nanoClock, writePath, onOwnThread,
            pipelinedForces);
    }

    /**
     * @param pipelined under {@link ForcePolicy#EVERY_BATCH} on the write path, whether a thread of the journal's own
     *                  forces what was written while the appender goes on (false: the appender forces at each batch
     *                  end).
     * @return a copy with that choice.
     */
    public JournalConfig withPipelinedForces(final boolean pipelined)
    {
        return new JournalConfig(directory, segmentSize, forcePolicy, forceInterval, nanoClock, writePath, forcer,
            pipelined);
    }

    /**
     * @return whether batch ends only write and forces run on the journal's own thread ({@link #pipelinedForces()}
     * under {@link ForcePolicy#EVERY_BATCH} on the {@link WritePath#WRITE} path).
     */
    public boolean pipelined()
    {
        return pipelinedForces && forcePolicy == ForcePolicy.EVERY_BATCH && writePath == WritePath.WRITE;
    }
}
