package io.disruptorx.tracing;

import io.disruptorx.node.embedded.NodeTracing;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Builds tracing (a node's, a cluster member's or a cluster gateway's) on the OpenTelemetry SDK: a tracer provider
 * with a batch span processor in front of an exporter (OTLP over HTTP/protobuf to a collector, or any
 * {@link SpanExporter}), and the {@link OtelCommandSpans} that feeds it.
 */
public final class OtlpTracing
{
    /** The ring between the node and the span-building thread: about 14,000 orders. */
    public static final int RING_BYTES = 1 << 20;

    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

    private OtlpTracing()
    {
    }

    /**
     * @param endpoint    the collector's OTLP/HTTP traces endpoint, e.g. {@code http://localhost:4318/v1/traces}.
     * @param serviceName the {@code service.name} resource attribute.
     * @return spans exported over OTLP; close them after the node.
     */
    public static OtelCommandSpans otlp(final String endpoint, final String serviceName)
    {
        return exportingTo(OtlpHttpSpanExporter.builder().setEndpoint(endpoint).build(), serviceName);
    }

    /**
     * @param exporter    where the batch processor sends the spans.
     * @param serviceName the {@code service.name} resource attribute.
     * @return spans exported through a batch processor; close them after the node.
     */
    public static OtelCommandSpans exportingTo(final SpanExporter exporter, final String serviceName)
    {
        return new OtelCommandSpans(SdkTracerProvider.builder()
            .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, serviceName))))
            .addSpanProcessor(BatchSpanProcessor.builder(exporter).build()), RING_BYTES);
    }

    /**
     * @param spans       the spans' sink.
     * @param sampleRatio share of new orders without a trace context of their own to start a trace for.
     * @return the node's tracing settings.
     */
    public static NodeTracing nodeTracing(final OtelCommandSpans spans, final double sampleRatio)
    {
        return new NodeTracing(spans, NodeTracing.everyForRatio(sampleRatio));
    }
}
