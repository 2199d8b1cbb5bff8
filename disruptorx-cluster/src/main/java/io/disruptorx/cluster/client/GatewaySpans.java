package io.disruptorx.cluster.client;

/**
 * Receives a cluster gateway's own stage times of each traced command, for a tracing back end to turn into spans:
 * gateway receive ({@code receiveNanos} to {@code offerNanos}) under the caller's span, and report sent
 * ({@code answerNanos}, when the first egress frame acknowledging the command reached the client, to
 * {@code deliveredNanos}, when that frame's events had been handed to the gateway) under the gateway's span. The
 * command travelled to the leader with {@code gatewaySpanId} as its parent, so the leader's spans
 * ({@link io.disruptorx.cluster.service.ClusterSpans}) hang under the gateway's span: one trace per order.
 *
 * <p>Called on the client's polling thread, once per traced command, when its answer has been delivered: it must
 * neither block nor allocate. Times are {@link System#nanoTime()} of the gateway's host.
 */
@FunctionalInterface
public interface GatewaySpans
{
    /**
     * One traced command's gateway stages.
     *
     * @param traceIdHigh    high 64 bits of the trace id (the caller's, or one the gateway started).
     * @param traceIdLow     low 64 bits of the trace id.
     * @param parentSpanId   the caller's span, the gateway span's parent; 0 when the gateway started the trace.
     * @param gatewaySpanId  the id the gateway span must carry: the parent the command was sent to the leader with.
     * @param receiveNanos   when the gateway received the request.
     * @param offerNanos     when the client took the command.
     * @param answerNanos    when the first egress frame acknowledging it reached the client.
     * @param deliveredNanos when that frame's events (the command's first report) had been handed to the gateway.
     */
    void onAnswered(
        long traceIdHigh,
        long traceIdLow,
        long parentSpanId,
        long gatewaySpanId,
        long receiveNanos,
        long offerNanos,
        long answerNanos,
        long deliveredNanos);
}
