package io.disruptorx.journal;

import java.util.function.IntSupplier;

/**
 * The journal writer's forces on a thread of its own, when it has one: {@link IntervalForcer} under
 * {@link ForcePolicy#INTERVAL}, or {@link PipelinedForcer} under {@link ForcePolicy#EVERY_BATCH} (never both). Only
 * the appender's thread calls the methods but {@link #forces()}, {@link #forcedSequence()} and {@link #awaitForced}.
 */
final class OffThreadForces implements AutoCloseable
{
    private final IntervalForcer interval;
    private final PipelinedForcer pipeline;

    private OffThreadForces(final IntervalForcer interval, final PipelinedForcer pipeline)
    {
        this.interval = interval;
        this.pipeline = pipeline;
    }

    /**
     * @return the forcer the settings ask for, or {@code null} when the appender forces itself.
     */
    static OffThreadForces of(final JournalConfig config, final IntervalForcer.Force force, final long lastSequence)
    {
        if (config.writePath() != WritePath.WRITE)
        {
            return null;
        }
        if (config.forcePolicy() == ForcePolicy.INTERVAL && config.forcer())
        {
            return new OffThreadForces(new IntervalForcer(config.forceInterval(), config.nanoClock(), force,
                "dx-journal-forcer"), null);
        }
        if (config.pipelined())
        {
            return new OffThreadForces(null, new PipelinedForcer(force, lastSequence, "dx-journal-forcer"));
        }
        return null;
    }

    /**
     * At a batch end, once the batch is written.
     */
    void batchEnd(final long lastSequence, final boolean wrote)
    {
        if (interval != null)
        {
            interval.batchEnd(lastSequence, wrote);
        }
        else
        {
            pipeline.written(lastSequence);
        }
    }

    /**
     * Before the appender forces itself: no force of the forcer's runs after this (the pipelined one stays paused
     * until {@link #resume()}).
     */
    void beforeOwnForce()
    {
        if (interval != null)
        {
            interval.awaitIdle();
        }
        else
        {
            pipeline.pause();
        }
    }

    /**
     * The appender has forced everything up to a sequence itself.
     */
    void afterOwnForce(final long lastSequence)
    {
        if (interval != null)
        {
            interval.forcedAll();
        }
        else
        {
            pipeline.forcedAll(lastSequence);
        }
    }

    /**
     * After a roll's own force and switch of segment: the pipelined forcer may go on.
     */
    void resume()
    {
        if (pipeline != null)
        {
            pipeline.resume();
        }
    }

    boolean pipelined()
    {
        return pipeline != null;
    }

    long forces()
    {
        return interval != null ? interval.forces() : pipeline.forces();
    }

    long forcedSequence()
    {
        return interval != null ? interval.forcedSequence() : pipeline.forcedSequence();
    }

    boolean awaitForced(final long sequence, final IntSupplier whileWaiting)
    {
        return pipeline == null || pipeline.awaitForced(sequence, whileWaiting);
    }

    @Override
    public void close()
    {
        if (interval != null)
        {
            interval.close();
        }
        else
        {
            pipeline.close();
        }
    }
}
