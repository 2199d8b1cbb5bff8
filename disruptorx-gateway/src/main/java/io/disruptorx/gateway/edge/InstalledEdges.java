package io.disruptorx.gateway.edge;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Function;

import com.typesafe.config.Config;
import io.disruptorx.core.config.ConfigError;
import io.disruptorx.core.config.ConfigValidationException;
import io.disruptorx.gateway.Gateway;
import io.disruptorx.gateway.config.GatewayConfig;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.CompositeAgent;

/**
 * The {@link EdgeProvider}s on the class path, in name order. A configuration that asks for an edge whose jar is
 * missing (a non-empty {@code gateways.fix.listen} without {@code dx-fix.jar}) is refused, never ignored.
 */
public final class InstalledEdges
{
    /** The FIX 4.4 edge's name and section under {@code gateways}. */
    public static final String FIX = "fix";
    /** The jar the FIX edge ships in, beside {@code dx.jar}. */
    public static final String FIX_JAR = "dx-fix.jar";
    private static final String FIX_LISTEN = "gateways.fix.listen";

    private final List<EdgeProvider> providers;

    private InstalledEdges(final List<EdgeProvider> providers)
    {
        this.providers = List.copyOf(providers);
    }

    /**
     * @return the providers the class path offers.
     */
    public static InstalledEdges load()
    {
        final List<EdgeProvider> providers = new ArrayList<>();
        ServiceLoader.load(EdgeProvider.class).forEach(providers::add);
        providers.sort(Comparator.comparing(EdgeProvider::name));
        return new InstalledEdges(providers);
    }

    /**
     * @param name an edge's name.
     * @return its provider, or {@code null} when its jar is not on the class path.
     */
    public EdgeProvider find(final String name)
    {
        for (final EdgeProvider provider : providers)
        {
            if (provider.name().equals(name))
            {
                return provider;
            }
        }
        return null;
    }

    /**
     * @param root          a parsed node configuration.
     * @param source        where it came from, for messages.
     * @param dataDirectory the node's data directory.
     * @return the edges the configuration asks for.
     * @throws ConfigValidationException when it asks for an edge that is not installed, or an edge's section is
     *                                   bad.
     */
    public List<ProtocolEdge> bind(final Config root, final String source, final Path dataDirectory)
    {
        if (find(FIX) == null && root.hasPath(FIX_LISTEN) && !root.getString(FIX_LISTEN).isBlank())
        {
            throw new ConfigValidationException(source, List.of(new ConfigError(FIX_LISTEN,
                root.getString(FIX_LISTEN), "no FIX acceptor, or " + FIX_JAR + " on the class path beside dx.jar " +
                "(./dx adds it when disruptorx-gateway-fix is built)")));
        }
        final List<ProtocolEdge> edges = new ArrayList<>();
        for (final EdgeProvider provider : providers)
        {
            final ProtocolEdge edge = provider.bind(root, source, dataDirectory);
            if (edge != null)
            {
                edges.add(edge);
            }
        }
        return edges;
    }

    /**
     * @param edges  configured edges.
     * @param config the gateway's settings.
     * @return what opens the edges over a gateway, as one agent for the gateway's thread ({@code NodeGateways}'s
     * protocol); {@code null} for no edge. When one edge fails to open, those opened are closed.
     */
    public static Function<Gateway, Agent> agents(final List<ProtocolEdge> edges, final GatewayConfig config)
    {
        if (edges.isEmpty())
        {
            return null;
        }
        return gateway ->
        {
            final List<Agent> agents = new ArrayList<>();
            try
            {
                for (final ProtocolEdge edge : edges)
                {
                    agents.add(edge.start(gateway, config));
                }
            }
            catch (final RuntimeException ex)
            {
                agents.forEach(Agent::onClose);
                throw ex;
            }
            return agents.size() == 1 ? agents.get(0) : new CompositeAgent(agents);
        };
    }
}
