package io.disruptorx.node.embedded;

/**
 * Receives the timeline of each sampled new order, as primitives, so that a tracing implementation (the optional
 * {@code disruptorx-tracing} module, on OpenTelemetry) can build its spans on a thread of its own: gateway receive
 * ({@code receiveNanos} to {@code publishNanos}), journal durable (to {@code durableNanos}), engine applied (to
 * {@code appliedNanos}, when the engine emitted the order's accept or reject) and report sent (to
 * {@code sentNanos}, when that report left the output ring for its consumers). Times are {@link System#nanoTime()}.
 *
 * <p>Called on the node's execution-report thread (in shared threading, the node's one thread), once per sampled
 * order; an implementation copies the values and returns, never blocks and never throws.
 */
public interface CommandSpans
{
    /**
     * One sampled order's timeline.
     *
     * @param traceIdHigh  high 64 bits of the W3C trace id; 0 with {@code traceIdLow} when the node started the
     *                     trace itself (a root sample: the request carried no trace context).
     * @param traceIdLow   low 64 bits of the trace id.
     * @param parentSpanId the client's span id, the parent of the gateway span; 0 for a root sample.
     * @param receiveNanos when the gateway received the request (the publish time for a root sample).
     * @param publishNanos when the command entered the input ring.
     * @param durableNanos when the journal made it durable.
     * @param appliedNanos when the engine emitted its answer.
     * @param sentNanos    when the answer left the output ring.
     */
    void onOrder(
        long traceIdHigh,
        long traceIdLow,
        long parentSpanId,
        long receiveNanos,
        long publishNanos,
        long durableNanos,
        long appliedNanos,
        long sentNanos);
}
