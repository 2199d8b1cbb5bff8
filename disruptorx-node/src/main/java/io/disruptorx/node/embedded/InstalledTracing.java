package io.disruptorx.node.embedded;

import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * Opens a node's tracing with the {@link NodeTracingProvider} the class path offers. Tracing asked for without a
 * provider (no {@code dx-tracing.jar} beside {@code dx.jar}) is refused, never ignored.
 */
public final class InstalledTracing
{
    /** The jar the tracing provider ships in, beside {@code dx.jar}. */
    public static final String JAR = "dx-tracing.jar";

    private InstalledTracing()
    {
    }

    /**
     * @param config the node's tracing settings.
     * @return {@link NodeTracingProvider.Session#OFF} when tracing is off, else the provider's session.
     * @throws NodeStartException when tracing is on and no provider is installed.
     */
    public static NodeTracingProvider.Session open(final TracingConfig config)
    {
        if (!config.enabled())
        {
            return NodeTracingProvider.Session.OFF;
        }
        final Iterator<NodeTracingProvider> providers = ServiceLoader.load(NodeTracingProvider.class).iterator();
        if (!providers.hasNext())
        {
            throw new NodeStartException("node.tracing.sample-ratio is " + config.sampleRatio() + " but no " +
                "tracing is installed: put " + JAR + " on the class path beside dx.jar (./dx adds it when " +
                "disruptorx-tracing is built)");
        }
        return providers.next().open(config);
    }
}
