package io.disruptorx.node.embedded;

/**
 * A node's tracing settings ({@code node.tracing}): off unless {@code sampleRatio} is above 0. On, the node traces
 * the orders whose requests carry a sampled W3C trace context and starts a trace for that share of the others, and
 * an installed {@link NodeTracingProvider} (the {@code disruptorx-tracing} module, {@code dx-tracing.jar}) exports
 * the spans over OTLP/HTTP.
 *
 * @param sampleRatio  share of new orders without a trace context of their own to start a trace for, in [0, 1];
 *                     0 is off.
 * @param otlpEndpoint the collector's OTLP/HTTP traces endpoint, e.g. {@code http://localhost:4318/v1/traces}.
 * @param serviceName  the {@code service.name} resource attribute of the spans.
 */
public record TracingConfig(double sampleRatio, String otlpEndpoint, String serviceName)
{
    /** Tracing off. */
    public static final TracingConfig OFF = new TracingConfig(0, "http://localhost:4318/v1/traces", "dx-node");

    /**
     * Validates the settings.
     */
    public TracingConfig
    {
        if (!(sampleRatio >= 0 && sampleRatio <= 1))
        {
            throw new IllegalArgumentException("node.tracing.sample-ratio is in [0, 1], was " + sampleRatio);
        }
        if (otlpEndpoint == null || !(otlpEndpoint.startsWith("http://") || otlpEndpoint.startsWith("https://")))
        {
            throw new IllegalArgumentException("node.tracing.otlp-endpoint is an http:// or https:// URL, was " +
                otlpEndpoint);
        }
        if (serviceName == null || serviceName.isBlank())
        {
            throw new IllegalArgumentException("node.tracing.service-name is not blank");
        }
    }

    /**
     * @return whether tracing is on.
     */
    public boolean enabled()
    {
        return sampleRatio > 0;
    }

    /**
     * @param ratio another sample ratio.
     * @return these settings with it.
     */
    public TracingConfig withSampleRatio(final double ratio)
    {
        return new TracingConfig(ratio, otlpEndpoint, serviceName);
    }
}
