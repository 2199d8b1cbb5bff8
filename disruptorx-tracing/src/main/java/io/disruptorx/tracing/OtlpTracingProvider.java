package io.disruptorx.tracing;

import io.disruptorx.node.embedded.NodeTracingProvider;
import io.disruptorx.node.embedded.TracingConfig;

/**
 * The node's tracing over OTLP/HTTP, found by {@link java.util.ServiceLoader} when {@code dx-tracing.jar} is on the
 * class path beside {@code dx.jar}: {@code dx node} opens it when {@code node.tracing.sample-ratio} is above 0.
 */
public final class OtlpTracingProvider implements NodeTracingProvider
{
    @Override
    public Session open(final TracingConfig config)
    {
        final OtelCommandSpans spans = OtlpTracing.otlp(config.otlpEndpoint(), config.serviceName());
        return new Session(OtlpTracing.nodeTracing(spans, config.sampleRatio()), spans);
    }
}
