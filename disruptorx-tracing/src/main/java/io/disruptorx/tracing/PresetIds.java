package io.disruptorx.tracing;

import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.sdk.trace.IdGenerator;

/**
 * The tracer provider's id generator: random ids, except for the next span the span-building thread starts after
 * {@link #preset}: that one gets the ids a gateway already sent with its command (the gateway span's id, the
 * parent of the leader's spans; and for a trace the gateway started, its trace id), so that the spans built here
 * and on the leader form one trace. Other threads starting spans on the same provider always get random ids.
 */
final class PresetIds implements IdGenerator
{
    private final IdGenerator random = IdGenerator.random();
    private Thread owner;
    private long traceIdHigh;
    private long traceIdLow;
    private long spanId;

    /**
     * Presets the ids of the next span the calling thread starts; {@link #clear} after starting it.
     *
     * @param traceIdHigh high 64 bits of the trace id, used when the span has no parent.
     * @param traceIdLow  low 64 bits of the trace id.
     * @param spanId      the span's id.
     */
    void preset(final long traceIdHigh, final long traceIdLow, final long spanId)
    {
        this.owner = Thread.currentThread();
        this.traceIdHigh = traceIdHigh;
        this.traceIdLow = traceIdLow;
        this.spanId = spanId;
    }

    /**
     * Forgets a preset (its trace id is unused when the span had a parent).
     */
    void clear()
    {
        owner = null;
        spanId = 0;
        traceIdHigh = 0;
        traceIdLow = 0;
    }

    @Override
    public String generateSpanId()
    {
        if (spanId != 0 && owner == Thread.currentThread())
        {
            final long id = spanId;
            spanId = 0;
            return SpanId.fromLong(id);
        }
        return random.generateSpanId();
    }

    @Override
    public String generateTraceId()
    {
        if ((traceIdHigh != 0 || traceIdLow != 0) && owner == Thread.currentThread())
        {
            final String id = TraceId.fromLongs(traceIdHigh, traceIdLow);
            traceIdHigh = 0;
            traceIdLow = 0;
            return id;
        }
        return random.generateTraceId();
    }
}
