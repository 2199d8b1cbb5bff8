package io.disruptorx.gateway.fix;

import java.nio.file.Path;
import java.time.Duration;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.disruptorx.core.config.ConfigReader;
import io.disruptorx.core.config.ConfigValidationException;
import io.disruptorx.gateway.config.GatewayConfigBinder;

/**
 * Binds {@code gateways.fix} of a node configuration (defaults in {@code dx-gateway-defaults.conf}, beside the
 * rest of the {@code gateways} section, whose binder also rejects unknown keys) onto {@link FixSettings}, reporting
 * every bad key at once.
 */
public final class FixConfigBinder
{
    /** The section's key. */
    public static final String SECTION = GatewayConfigBinder.SECTION + ".fix";
    private static final String DEFAULTS = "dx-gateway-defaults.conf";
    private static final int MAX_PORT = 65_535;
    private static final int MAX_CONNECTIONS = 1 << 20;

    private FixConfigBinder()
    {
    }

    /**
     * @param root          a parsed configuration.
     * @param source        where it came from, for messages.
     * @param dataDirectory the node's data directory: Artio's state goes under it unless
     *                      {@code gateways.fix.directory} says otherwise.
     * @return the acceptor's settings, or {@code null} when there is no {@code gateways} section or
     * {@code gateways.fix.listen} is empty.
     * @throws ConfigValidationException listing every problem.
     */
    public static FixSettings bind(final Config root, final String source, final Path dataDirectory)
    {
        if (!root.hasPath(GatewayConfigBinder.SECTION))
        {
            return null;
        }
        final Config config;
        try
        {
            config = root.getConfig(GatewayConfigBinder.SECTION).atKey(GatewayConfigBinder.SECTION)
                .withFallback(ConfigFactory.parseResources(DEFAULTS)).resolve();
        }
        catch (final ConfigException ex)
        {
            throw new ConfigValidationException(source, ex);
        }
        final ConfigReader reader = new ConfigReader(config, source);
        final String listen = config.getString(SECTION + ".listen").trim();
        if (listen.isEmpty())
        {
            return null;
        }
        final int colon = listen.lastIndexOf(':');
        int port = -1;
        try
        {
            port = colon <= 0 ? -1 : Integer.parseInt(listen.substring(colon + 1));
        }
        catch (final NumberFormatException ex)
        {
            port = -1;
        }
        if (port < 1 || port > MAX_PORT)
        {
            reader.reject(SECTION + ".listen", listen, "HOST:PORT such as 127.0.0.1:31102 (port 1 to 65535)");
        }
        final String compId = reader.nonBlank(SECTION + ".comp-id");
        final Duration heartbeat = reader.durationIn(SECTION + ".heartbeat", Duration.ofSeconds(1),
            Duration.ofHours(1));
        final String directory = config.getString(SECTION + ".directory").trim();
        final Duration loginTimeout = reader.durationIn(SECTION + ".login-timeout", Duration.ofMillis(100),
            Duration.ofMinutes(10));
        final int maxConnections = reader.intIn(SECTION + ".max-connections", 1, MAX_CONNECTIONS);
        final int maxPerAddress = reader.intIn(SECTION + ".max-connections-per-address", 1, MAX_CONNECTIONS);
        if (maxPerAddress > maxConnections)
        {
            reader.reject(SECTION + ".max-connections-per-address", Integer.toString(maxPerAddress),
                "at most max-connections (" + maxConnections + ")");
        }
        reader.finish(compId);
        return new FixSettings(listen.substring(0, colon), port, compId,
            directory.isEmpty() ? dataDirectory.resolve("fix") : Path.of(directory), false,
            (int)heartbeat.toSeconds(), maxConnections, Math.min(maxPerAddress, maxConnections),
            (int)loginTimeout.toMillis());
    }
}
