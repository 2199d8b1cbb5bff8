package io.disruptorx.node.feed;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.disruptorx.core.config.ConfigReader;
import io.disruptorx.core.config.ConfigSection;
import io.disruptorx.core.config.ConfigValidationException;
import io.disruptorx.core.tls.TlsConfig;
import io.disruptorx.core.tls.TlsConfigBinder;
import io.disruptorx.marketdata.server.FeedServerConfig;

/**
 * The {@code market-data} section of a node's configuration: the feed's session, its MoldUDP64 lines A and B
 * (multicast groups, or unicast destinations), the ports of the retransmission, recovery and SoupBinTCP feed
 * servers, their connection limits, and TLS listeners in front of the two TCP servers. Defaults in
 * {@code dx-market-data-defaults.conf}.
 *
 * @param feed         the feed server's settings.
 * @param interfaceName the interface the multicast lines send on, or {@code null} for unicast lines.
 * @param recoveryTls  TLS listener in front of the recovery server, or {@code null}.
 * @param tcpFeedTls   TLS listener in front of the SoupBinTCP feed, or {@code null}.
 * @param tls          the TLS listeners' settings, or {@code null} when neither is configured.
 */
public record MarketDataConfig(
    FeedServerConfig feed,
    String interfaceName,
    InetSocketAddress recoveryTls,
    InetSocketAddress tcpFeedTls,
    TlsConfig tls)
{
    /** The section's name. */
    public static final String SECTION = "market-data";

    private static final String DEFAULTS = "dx-market-data-defaults.conf";
    private static final String LINES = SECTION + ".lines";

    /**
     * Checks that each TLS listener has its settings.
     */
    public MarketDataConfig
    {
        if ((recoveryTls != null || tcpFeedTls != null) != (tls != null) || feed == null)
        {
            throw new IllegalArgumentException("a feed, and TLS settings exactly when a TLS listener is configured");
        }
    }

    /**
     * @param root   a parsed node configuration.
     * @param source where it came from, for messages.
     * @return the settings, or {@code null} when the configuration has no {@code market-data} section.
     * @throws ConfigValidationException listing every problem, by key.
     */
    public static MarketDataConfig bind(final Config root, final String source)
    {
        final ConfigSection section = ConfigSection.read(root, SECTION, DEFAULTS, source);
        if (section == null)
        {
            return null;
        }
        final Config config = section.config();
        final ConfigReader reader = section.reader();
        final int maxConnections = reader.intIn(SECTION + ".max-connections", 1, 1 << 20);
        final int maxPerAddress = reader.intIn(SECTION + ".max-connections-per-address", 1, 1 << 20);
        if (maxPerAddress > maxConnections)
        {
            reader.reject(SECTION + ".max-connections-per-address", Integer.toString(maxPerAddress),
                "at most max-connections (" + maxConnections + ")");
        }
        final FeedServerConfig.Builder feed = FeedServerConfig.builder()
            .session(reader.nonBlank(SECTION + ".session"))
            .snapshotSession(reader.nonBlank(SECTION + ".snapshot-session"))
            .ports(reader.intIn(SECTION + ".retransmission-port", 0, 65_535),
                reader.intIn(SECTION + ".recovery-port", 0, 65_535),
                reader.intIn(SECTION + ".tcp-feed-port", 0, 65_535))
            .connectionLimits(maxConnections, Math.min(maxPerAddress, maxConnections));
        final InetAddress bind = bindAddress(config, reader);
        if (bind != null)
        {
            feed.bindAddress(bind);
        }
        final String interfaceName = lines(config, reader, feed);
        final InetSocketAddress recoveryTls = address(config, reader, SECTION + ".tls.recovery");
        final InetSocketAddress tcpFeedTls = address(config, reader, SECTION + ".tls.tcp-feed");
        final boolean listening = recoveryTls != null || tcpFeedTls != null;
        final boolean keyStore = !config.getString(SECTION + ".tls.key-store").isBlank();
        if (listening && !keyStore)
        {
            reader.reject(SECTION + ".tls.key-store", "\"\"", "the server's PKCS#12 key store for " + SECTION +
                ".tls.recovery or " + SECTION + ".tls.tcp-feed");
        }
        else if (!listening && keyStore)
        {
            reader.reject(SECTION + ".tls.tcp-feed", "\"\"", "a TLS listener such as 0.0.0.0:31015 (or " + SECTION +
                ".tls.recovery) for " + SECTION + ".tls.key-store");
        }
        final TlsConfig tls = listening && keyStore ? TlsConfigBinder.bind(config, reader, SECTION + ".tls") : null;
        FeedServerConfig built = null;
        try
        {
            built = feed.build();
        }
        catch (final IllegalArgumentException ex)
        {
            reader.reject(SECTION, section.given().getValue(SECTION).render(), ex.getMessage());
        }
        reader.finish(Boolean.TRUE);
        return new MarketDataConfig(built, interfaceName, tls == null ? null : recoveryTls,
            tls == null ? null : tcpFeedTls, tls);
    }

    /**
     * @return the multicast interface's name, or {@code null} for unicast lines.
     */
    private static String lines(final Config config, final ConfigReader reader, final FeedServerConfig.Builder feed)
    {
        final InetSocketAddress groupA = group(config, reader, LINES + ".multicast-a");
        final InetSocketAddress groupB = group(config, reader, LINES + ".multicast-b");
        final List<InetSocketAddress> unicastA = addresses(config, reader, LINES + ".unicast-a");
        final List<InetSocketAddress> unicastB = addresses(config, reader, LINES + ".unicast-b");
        if (groupA == null)
        {
            if (groupB != null)
            {
                reader.reject(LINES + ".multicast-b", config.getString(LINES + ".multicast-b"),
                    "\"\" without " + LINES + ".multicast-a");
            }
            for (int i = 0; i < unicastA.size(); i++)
            {
                if (i < unicastB.size())
                {
                    feed.destination(unicastA.get(i), unicastB.get(i));
                }
                else
                {
                    feed.destinationA(unicastA.get(i));
                }
            }
            if (unicastB.size() > unicastA.size())
            {
                reader.reject(LINES + ".unicast-b", unicastB.toString(), "at most as many destinations as " + LINES +
                    ".unicast-a (line B goes where line A goes)");
            }
            return null;
        }
        if (!unicastA.isEmpty() || !unicastB.isEmpty())
        {
            reader.reject(LINES + ".unicast-a", "unicast destinations", "[] with multicast lines");
        }
        final String name = reader.nonBlank(LINES + ".interface");
        try
        {
            final NetworkInterface found = name.isBlank() ? null : NetworkInterface.getByName(name);
            if (found == null)
            {
                reader.reject(LINES + ".interface", name, "a network interface of this host, e.g. lo or eth0");
            }
            feed.multicast(groupA, groupB, found);
        }
        catch (final SocketException ex)
        {
            reader.reject(LINES + ".interface", name, "a usable network interface (" + ex.getMessage() + ")");
        }
        return name;
    }

    private static InetAddress bindAddress(final Config config, final ConfigReader reader)
    {
        final String value = reader.nonBlank(SECTION + ".bind");
        try
        {
            return value.isBlank() ? null : InetAddress.getByName(value.trim());
        }
        catch (final UnknownHostException ex)
        {
            reader.reject(SECTION + ".bind", value, "an address of this host, e.g. 127.0.0.1 or 0.0.0.0");
            return null;
        }
    }

    private static InetSocketAddress group(final Config config, final ConfigReader reader, final String key)
    {
        final InetSocketAddress group = address(config, reader, key);
        if (group != null && (group.isUnresolved() || !group.getAddress().isMulticastAddress()))
        {
            reader.reject(key, config.getString(key), "a multicast group and port, e.g. 239.10.0.1:31001");
            return null;
        }
        return group;
    }

    private static List<InetSocketAddress> addresses(final Config config, final ConfigReader reader, final String key)
    {
        final List<InetSocketAddress> result = new ArrayList<>();
        final List<String> values;
        try
        {
            values = config.getStringList(key);
        }
        catch (final ConfigException ex)
        {
            reader.reject(key, config.getValue(key).render(), "a list of HOST:PORT, e.g. [\"127.0.0.1:31001\"]");
            return result;
        }
        for (final String value : values)
        {
            final InetSocketAddress address = parse(value);
            if (address == null || address.getPort() == 0 || address.isUnresolved())
            {
                reader.reject(key, value, "HOST:PORT of a reachable host, port 1 to 65535");
            }
            else
            {
                result.add(address);
            }
        }
        return result;
    }

    private static InetSocketAddress address(final Config config, final ConfigReader reader, final String key)
    {
        final String value = config.getString(key);
        if (value.isBlank())
        {
            return null;
        }
        final InetSocketAddress address = parse(value);
        if (address == null)
        {
            reader.reject(key, value, "HOST:PORT such as 127.0.0.1:31015 (port 0: any free port)");
        }
        return address;
    }

    private static InetSocketAddress parse(final String text)
    {
        final String value = text.trim();
        final int colon = value.lastIndexOf(':');
        try
        {
            final int port = Integer.parseInt(value.substring(colon + 1));
            if (colon <= 0 || port < 0 || port > 65_535)
            {
                return null;
            }
            return new InetSocketAddress(value.substring(0, colon), port);
        }
        catch (final NumberFormatException | StringIndexOutOfBoundsException ex)
        {
            return null;
        }
    }
}
