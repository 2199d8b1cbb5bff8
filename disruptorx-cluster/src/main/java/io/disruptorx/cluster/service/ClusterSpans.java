package io.disruptorx.cluster.service;

/**
 * Receives the cluster host's stage times of each traced command (one that came with its caller's trace context,
 * an {@code IngressFrame.TRACED} frame), for a tracing back end to turn into spans under the caller's span. Called
 * by the leader only (every member applies the command; one trace is enough), on the service thread, once per
 * command applied (never for a duplicate): it must neither block nor allocate. Off by default ({@link #NONE}):
 * then nothing is timed.
 */
@FunctionalInterface
public interface ClusterSpans
{
    /** No tracing. */
    ClusterSpans NONE = (traceIdHigh, traceIdLow, parentSpanId, loggedEpochNanos, applyStartNanos, applyEndNanos) ->
    {
    };

    /**
     * @param traceIdHigh      high 64 bits of the trace id.
     * @param traceIdLow       low 64 bits of the trace id.
     * @param parentSpanId     the caller's span.
     * @param loggedEpochNanos when the leader appended the command to the log (the log's timestamp, epoch ns).
     * @param applyStartNanos  {@link System#nanoTime()} when the service began applying it.
     * @param applyEndNanos    {@link System#nanoTime()} when the engine had applied it.
     */
    void onApplied(
        long traceIdHigh,
        long traceIdLow,
        long parentSpanId,
        long loggedEpochNanos,
        long applyStartNanos,
        long applyEndNanos);
}
