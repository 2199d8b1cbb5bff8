package io.disruptorx.tracing;

import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import org.agrona.DirectBuffer;

/**
 * Builds the spans of one recorded timeline (the longs {@link OtelCommandSpans} copied into its ring) with the SDK,
 * on the span-building thread, at the recorded times: an embedded node's order, a cluster leader's command, a
 * cluster gateway's command. Monotonic times become epoch times with one offset taken at construction.
 */
final class SpanTimelines
{
    private final Tracer tracer;
    private final PresetIds ids;
    private final long epochOffsetNanos;

    /**
     * @param tracer           the spans' tracer.
     * @param ids              the provider's id generator, or {@code null} when it is not ours (then a gateway's
     *                         timeline cannot carry the id the gateway sent, and is dropped).
     * @param epochOffsetNanos epoch time minus {@link System#nanoTime()}.
     */
    SpanTimelines(final Tracer tracer, final PresetIds ids, final long epochOffsetNanos)
    {
        this.tracer = tracer;
        this.ids = ids;
        this.epochOffsetNanos = epochOffsetNanos;
    }

    /**
     * An embedded node's order: trace id (2), parent span, receive, publish, durable, applied, sent.
     */
    void order(final DirectBuffer buffer, final int index)
    {
        final Context parent = parent(buffer.getLong(index), buffer.getLong(index + 8), buffer.getLong(index + 16));
        final long receive = buffer.getLong(index + 24);
        final long publish = buffer.getLong(index + 32);
        final long durable = buffer.getLong(index + 40);
        final long applied = buffer.getLong(index + 48);
        final Context inGateway = parent.with(span("gateway.receive", parent, SpanKind.SERVER, receive, publish));
        span("journal.durable", inGateway, SpanKind.INTERNAL, publish, durable);
        span("engine.applied", inGateway, SpanKind.INTERNAL, durable, applied);
        span("report.sent", inGateway, SpanKind.INTERNAL, applied, buffer.getLong(index + 56));
    }

    /**
     * A cluster leader's command: trace id (2), parent span, logged (epoch), apply start, apply end.
     */
    void clusterCommand(final DirectBuffer buffer, final int index)
    {
        final Context parent = parent(buffer.getLong(index), buffer.getLong(index + 8), buffer.getLong(index + 16));
        final long applyStart = buffer.getLong(index + 32);
        final long applied = Math.max(applyStart, buffer.getLong(index + 40));
        final long logged = Math.min(buffer.getLong(index + 24) - epochOffsetNanos, applyStart);
        final Context inCommand =
            parent.with(span("cluster.command", parent, SpanKind.SERVER, logged, applied));
        span("cluster.committed", inCommand, SpanKind.INTERNAL, logged, applyStart);
        span("engine.applied", inCommand, SpanKind.INTERNAL, applyStart, applied);
    }

    /**
     * A cluster gateway's command: trace id (2), parent span (0: the gateway started the trace), the gateway span's
     * id, receive, offer, answer, delivered.
     *
     * @return false when the gateway span could not carry its id (the provider's id generator is not ours).
     */
    boolean gatewayCommand(final DirectBuffer buffer, final int index)
    {
        if (ids == null)
        {
            return false;
        }
        final long traceIdHigh = buffer.getLong(index);
        final long traceIdLow = buffer.getLong(index + 8);
        final long parentSpanId = buffer.getLong(index + 16);
        final long offer = buffer.getLong(index + 40);
        final Context parent = parent(traceIdHigh, traceIdLow, parentSpanId);
        ids.preset(traceIdHigh, traceIdLow, buffer.getLong(index + 24));
        final Span gateway;
        try
        {
            gateway = span("gateway.receive", parent, SpanKind.SERVER, Math.min(buffer.getLong(index + 32), offer),
                offer);
        }
        finally
        {
            ids.clear();
        }
        span("report.sent", parent.with(gateway), SpanKind.INTERNAL, buffer.getLong(index + 48),
            buffer.getLong(index + 56));
        return true;
    }

    /**
     * @return the context of a caller's span, or the root context when there is none (all ids 0).
     */
    private static Context parent(final long traceIdHigh, final long traceIdLow, final long parentSpanId)
    {
        if ((traceIdHigh == 0 && traceIdLow == 0) || parentSpanId == 0)
        {
            return Context.root();
        }
        return Context.root().with(Span.wrap(SpanContext.createFromRemoteParent(
            TraceId.fromLongs(traceIdHigh, traceIdLow), SpanId.fromLong(parentSpanId), TraceFlags.getSampled(),
            TraceState.getDefault())));
    }

    /**
     * Starts and ends a span at recorded {@link System#nanoTime()} times (an end before the start ends it at the
     * start).
     *
     * @return the ended span, to parent others.
     */
    private Span span(final String name, final Context parent, final SpanKind kind, final long start, final long end)
    {
        final Span span = tracer.spanBuilder(name)
            .setParent(parent)
            .setSpanKind(kind)
            .setStartTimestamp(start + epochOffsetNanos, TimeUnit.NANOSECONDS)
            .startSpan();
        span.end(Math.max(start, end) + epochOffsetNanos, TimeUnit.NANOSECONDS);
        return span;
    }
}
