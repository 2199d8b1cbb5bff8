package io.disruptorx.bench.node;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * An exporter that counts the spans the SDK's batch processor hands it and drops them: the bench measures what
 * tracing costs the node, not a collector's network path.
 */
final class DiscardingSpanExporter implements SpanExporter
{
    private final AtomicLong spans = new AtomicLong();

    @Override
    public CompletableResultCode export(final Collection<SpanData> batch)
    {
        spans.addAndGet(batch.size());
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush()
    {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown()
    {
        return CompletableResultCode.ofSuccess();
    }

    long spans()
    {
        return spans.get();
    }
}
