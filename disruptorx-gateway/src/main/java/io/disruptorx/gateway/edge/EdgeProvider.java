package io.disruptorx.gateway.edge;

import java.nio.file.Path;

import com.typesafe.config.Config;

/**
 * Makes one protocol edge from configuration or for the demo. Implementations are listed in
 * {@code META-INF/services/io.disruptorx.gateway.edge.EdgeProvider} of the edge's jar and need a public no-argument
 * constructor.
 */
public interface EdgeProvider
{
    /**
     * @return the edge's name, also its section under {@code gateways} (e.g. {@code fix}).
     */
    String name();

    /**
     * @param root          a parsed node configuration.
     * @param source        where it came from, for messages.
     * @param dataDirectory the node's data directory, for the edge's own state.
     * @return the configured edge, or {@code null} when the configuration does not ask for it.
     * @throws io.disruptorx.core.config.ConfigValidationException listing every bad key of the edge's section.
     */
    ProtocolEdge bind(Config root, String source, Path dataDirectory);

    /**
     * @param host      address to listen on.
     * @param port      port to listen on.
     * @param directory for the edge's own state.
     * @return the edge as {@code dx demo} runs it.
     */
    ProtocolEdge demo(String host, int port, Path directory);
}
