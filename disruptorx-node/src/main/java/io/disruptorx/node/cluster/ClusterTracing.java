package io.disruptorx.node.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigRenderOptions;
import io.disruptorx.core.config.ConfigReader;
import io.disruptorx.node.embedded.TracingConfig;

/**
 * The {@code tracing} sections of the cluster's config files, in the style of the node's {@code node.tracing}:
 * a member's {@code cluster.tracing { enabled, otlp-endpoint, service-name }} (a member never starts a trace: while
 * it leads it records every command a gateway sent traced, so it is on or off) and a gateway's
 * {@code cluster-gateway.tracing { sample-ratio, otlp-endpoint, service-name }} (the share of new orders without a
 * sampled trace context the gateway starts a trace for; above 0 it also records its own spans of the orders that
 * carry one). Either needs {@code dx-tracing.jar} beside {@code dx.jar} when on.
 */
final class ClusterTracing
{
    private ClusterTracing()
    {
    }

    /**
     * @param config  the file with its defaults.
     * @param reader  collecting invalid keys.
     * @return the member's settings: sample ratio 1 when on, 0 when off.
     */
    static TracingConfig member(final Config config, final ConfigReader reader)
    {
        return bind(config, reader, "cluster.tracing", reader.bool("cluster.tracing.enabled") ? 1 : 0);
    }

    /**
     * @param config the file with its defaults.
     * @param reader collecting invalid keys.
     * @return the gateway's settings.
     */
    static TracingConfig gateway(final Config config, final ConfigReader reader)
    {
        final String key = "cluster-gateway.tracing.sample-ratio";
        double ratio = 0;
        try
        {
            ratio = config.getDouble(key);
        }
        catch (final ConfigException ex)
        {
            reader.reject(key, config.hasPath(key) ? config.getValue(key).render(ConfigRenderOptions.concise()) :
                "(missing)", "a number in [0, 1]");
        }
        return bind(config, reader, "cluster-gateway.tracing", ratio);
    }

    private static TracingConfig bind(
        final Config config, final ConfigReader reader, final String section, final double ratio)
    {
        try
        {
            return new TracingConfig(ratio, reader.nonBlank(section + ".otlp-endpoint"),
                reader.nonBlank(section + ".service-name"));
        }
        catch (final IllegalArgumentException ex)
        {
            reader.reject(section, config.getValue(section).render(ConfigRenderOptions.concise()),
                ex.getMessage().replace("node.tracing", section));
            return TracingConfig.OFF;
        }
    }
}
