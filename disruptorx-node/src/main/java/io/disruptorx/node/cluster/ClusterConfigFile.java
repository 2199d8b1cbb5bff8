package io.disruptorx.node.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.disruptorx.cluster.ClusterMemberConfig;
import io.disruptorx.cluster.ClusterTimeouts;
import io.disruptorx.cluster.MemberAddress;
import io.disruptorx.cluster.feed.MemberFeed;
import io.disruptorx.cluster.service.ServiceConfig;
import io.disruptorx.core.config.ConfigLoader;
import io.disruptorx.core.config.ConfigReader;
import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.PostOnlyMode;
import io.disruptorx.node.embedded.TracingConfig;

/**
 * A cluster member's HOCON file ({@code dx cluster-node --config FILE}) bound onto {@link ClusterMemberConfig}, with
 * the defaults of {@code dx-cluster-defaults.conf}; and written back, for the local cluster's members.
 */
public final class ClusterConfigFile
{
    /** The defaults resource. */
    public static final String DEFAULTS = "dx-cluster-defaults.conf";

    private ClusterConfigFile()
    {
    }

    /**
     * @param file the member's file.
     * @return its validated settings.
     * @throws io.disruptorx.core.config.ConfigValidationException listing every invalid key.
     */
    public static ClusterMemberConfig load(final Path file)
    {
        final Config parsed = new ConfigLoader().parse(file).withFallback(ConfigFactory.parseResources(DEFAULTS))
            .resolve();
        return bind(parsed, new ConfigReader(parsed, file.toString()));
    }

    /**
     * @param file the member's file.
     * @return its {@code cluster.tracing} settings ({@link ClusterTracing#member}).
     * @throws io.disruptorx.core.config.ConfigValidationException listing every invalid key.
     */
    public static TracingConfig tracing(final Path file)
    {
        final Config parsed = new ConfigLoader().parse(file).withFallback(ConfigFactory.parseResources(DEFAULTS))
            .resolve();
        final ConfigReader reader = new ConfigReader(parsed, file.toString());
        return reader.finish(ClusterTracing.member(parsed, reader));
    }

    /**
     * @param file the member's file.
     * @return every member's HTTP server ({@code cluster.members-http}: HOST:PORT in member id order, what
     *     {@code dx cluster-node} serves when not given {@code --http} and {@code dx cluster dashboard} asks), or an
     *     empty list when the file names none.
     * @throws io.disruptorx.core.config.ConfigValidationException listing every invalid key.
     */
    public static List<String> membersHttp(final Path file)
    {
        final Config parsed = new ConfigLoader().parse(file).withFallback(ConfigFactory.parseResources(DEFAULTS))
            .resolve();
        final ConfigReader reader = new ConfigReader(parsed, file.toString());
        return reader.finish(membersHttp(parsed, reader, members(parsed, reader).size()));
    }

    private static List<String> membersHttp(final Config parsed, final ConfigReader reader, final int members)
    {
        final List<String> list;
        try
        {
            list = parsed.getStringList("cluster.members-http");
        }
        catch (final ConfigException ex)
        {
            reader.reject("cluster.members-http", String.valueOf(parsed.getValue("cluster.members-http").render()),
                "a list of \"host:port\" strings in member id order, or []");
            return List.of();
        }
        final String problem = list.isEmpty() ? null : RemoteMembers.problem(members, list);
        if (problem != null)
        {
            reader.reject("cluster.members-http", list.toString(), problem);
            return List.of();
        }
        return List.copyOf(list);
    }

    private static ClusterMemberConfig bind(final Config parsed, final ConfigReader reader)
    {
        final List<MemberAddress> members = members(parsed, reader);
        membersHttp(parsed, reader, members.size());
        final int memberId = reader.intIn("cluster.member-id", 0, Math.max(0, members.size() - 1));
        final Path dir = Path.of(reader.nonBlank("cluster.dir"));
        try
        {
            final Duration minimum = Duration.ofMillis(1);
            final Duration maximum = Duration.ofMinutes(10);
            final ClusterTimeouts timeouts = new ClusterTimeouts(
                reader.durationIn("cluster.timeouts.leader-heartbeat-timeout", minimum, maximum),
                reader.durationIn("cluster.timeouts.leader-heartbeat-interval", minimum, maximum),
                reader.durationIn("cluster.timeouts.election-timeout", minimum, maximum),
                reader.durationIn("cluster.timeouts.election-status-interval", minimum, maximum),
                reader.durationIn("cluster.timeouts.startup-canvass-timeout", minimum, maximum),
                reader.durationIn("cluster.timeouts.session-timeout", minimum, maximum));
            final int maxOrders = reader.intIn("cluster.engine.max-orders", 1, 1 << 28);
            final EngineConfig engine = new EngineConfig(
                reader.intIn("cluster.engine.max-instruments", 2, 1 << 20),
                reader.intIn("cluster.engine.max-assets", 1, 1 << 16),
                maxOrders,
                reader.intIn("cluster.engine.initial-order-pool", 1, maxOrders),
                0, PostOnlyMode.REJECT);
            final int storeCapacity = reader.powerOfTwoIn("cluster.service.event-store-capacity", 16, 1 << 24);
            final long endOfDay = endOfDay(reader.nonBlank("cluster.service.end-of-day"), reader);
            final int egressAttempts = reader.intIn("cluster.service.egress-attempts", 1, 1_000_000);
            ServiceConfig service = new ServiceConfig(engine, storeCapacity, endOfDay, egressAttempts, null, null);
            if (parsed.getBoolean("cluster.feed.enabled"))
            {
                service = service.withFeed(feed(parsed, reader, memberId));
            }
            final String aeronDir = parsed.getString("cluster.aeron-dir");
            return reader.finish(new ClusterMemberConfig(memberId, members, dir, timeouts, service,
                aeronDir.isBlank() ? null : Path.of(aeronDir)));
        }
        catch (final IllegalArgumentException ex)
        {
            reader.reject("cluster", "(the values above)", ex.getMessage());
            return reader.finish(null);
        }
    }

    /**
     * Writes a member's file for the local cluster.
     *
     * @param file        where.
     * @param memberId    the member.
     * @param members     every member.
     * @param directory   its directory.
     * @param timeouts    the timeouts.
     * @param feedBase    its feed's first port (retransmission, recovery, TCP follow).
     * @param destinations its line's unicast destinations.
     */
    public static void write(
        final Path file,
        final int memberId,
        final List<MemberAddress> members,
        final Path directory,
        final ClusterTimeouts timeouts,
        final int feedBase,
        final List<InetSocketAddress> destinations)
    {
        final StringBuilder text = new StringBuilder();
        text.append("# member ").append(memberId).append(" of the local cluster, written by dx cluster\n");
        text.append("cluster {\n  member-id = ").append(memberId).append("\n  members = [");
        for (int i = 0; i < members.size(); i++)
        {
            text.append(i == 0 ? "" : ", ").append('"').append(members.get(i).host()).append(':')
                .append(members.get(i).basePort()).append('"');
        }
        text.append("]\n  dir = \"").append(directory.toAbsolutePath()).append("\"\n");
        text.append("  timeouts {\n")
            .append("    leader-heartbeat-timeout = ").append(millis(timeouts.leaderHeartbeatTimeout())).append('\n')
            .append("    leader-heartbeat-interval = ").append(millis(timeouts.leaderHeartbeatInterval())).append('\n')
            .append("    election-timeout = ").append(millis(timeouts.electionTimeout())).append('\n')
            .append("    election-status-interval = ").append(millis(timeouts.electionStatusInterval())).append('\n')
            .append("    startup-canvass-timeout = ").append(millis(timeouts.startupCanvassTimeout())).append('\n')
            .append("    session-timeout = ").append(millis(timeouts.sessionTimeout())).append("\n  }\n");
        text.append("  feed {\n    bind = \"").append(bindAddress(members.get(memberId).host()))
            .append("\"\n    retransmit-port = ").append(feedBase).append("\n    recovery-port = ")
            .append(feedBase + 1).append("\n    tcp-port = ").append(feedBase + 2).append("\n    destinations = [");
        for (int i = 0; i < destinations.size(); i++)
        {
            text.append(i == 0 ? "" : ", ").append('"').append(destinations.get(i).getHostString()).append(':')
                .append(destinations.get(i).getPort()).append('"');
        }
        text.append("]\n  }\n}\n");
        try
        {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static String bindAddress(final String host)
    {
        return "localhost".equals(host) ? "127.0.0.1" : host;
    }

    private static String millis(final Duration duration)
    {
        return duration.toMillis() + "ms";
    }

    private static List<MemberAddress> members(final Config parsed, final ConfigReader reader)
    {
        final List<MemberAddress> members = new ArrayList<>();
        final List<String> entries;
        try
        {
            entries = parsed.getStringList("cluster.members");
        }
        catch (final ConfigException ex)
        {
            reader.reject("cluster.members", String.valueOf(parsed.getValue("cluster.members").render()),
                "a list of \"host:base-port\" strings in member id order");
            return members;
        }
        for (int i = 0; i < entries.size(); i++)
        {
            final String entry = entries.get(i);
            final int colon = entry.lastIndexOf(':');
            try
            {
                final int port = Integer.parseInt(entry.substring(colon + 1));
                members.add(new MemberAddress(i, entry.substring(0, colon), port));
            }
            catch (final RuntimeException ex)
            {
                reader.reject("cluster.members[" + i + "]", '"' + entry + '"', "host:base-port with a base port in " +
                    "[1024, " + (65_536 - MemberAddress.PORTS) + "]");
            }
        }
        if (entries.isEmpty())
        {
            reader.reject("cluster.members", "[]", "at least one member");
        }
        return members;
    }

    private static long endOfDay(final String value, final ConfigReader reader)
    {
        if ("none".equalsIgnoreCase(value.trim()))
        {
            return -1;
        }
        try
        {
            return LocalTime.parse(value.trim()).toNanoOfDay();
        }
        catch (final RuntimeException ex)
        {
            reader.reject("cluster.service.end-of-day", '"' + value + '"', "none or a UTC time of day such as 22:00");
            return -1;
        }
    }

    private static MemberFeed.Settings feed(final Config parsed, final ConfigReader reader, final int memberId)
    {
        final String session = reader.nonBlank("cluster.feed.session");
        final String bind = reader.nonBlank("cluster.feed.bind");
        final String group = parsed.getString("cluster.feed.multicast-group").trim();
        final String interfaceName = parsed.getString("cluster.feed.interface").trim();
        final List<InetSocketAddress> destinations = new ArrayList<>();
        final List<String> raw = parsed.getStringList("cluster.feed.destinations");
        for (int i = 0; i < raw.size(); i++)
        {
            final InetSocketAddress address = address(raw.get(i), "cluster.feed.destinations[" + i + "]", reader);
            if (address != null)
            {
                destinations.add(address);
            }
        }
        final int retransmit = reader.intIn("cluster.feed.retransmit-port", 0, 65_535);
        final int recovery = reader.intIn("cluster.feed.recovery-port", 0, 65_535);
        final int tcp = reader.intIn("cluster.feed.tcp-port", 0, 65_535);
        final int store = reader.powerOfTwoIn("cluster.feed.store-capacity", 1024, 1 << 26);
        if (session.length() > 10)
        {
            reader.reject("cluster.feed.session", '"' + session + '"', "at most 10 characters (MoldUDP64)");
        }
        try
        {
            final InetSocketAddress multicast =
                group.isEmpty() ? null : address(group, "cluster.feed.multicast-group", reader);
            final NetworkInterface nif = interfaceName.isEmpty() ? null : NetworkInterface.getByName(interfaceName);
            if (!interfaceName.isEmpty() && nif == null)
            {
                reader.reject("cluster.feed.interface", '"' + interfaceName + '"', "a network interface of this host");
            }
            return new MemberFeed.Settings(session.isEmpty() || session.length() > 10 ? "DXCLUSTER" : session,
                (char)('A' + memberId), InetAddress.getByName(bind.isEmpty() ? "127.0.0.1" : bind), multicast, nif,
                destinations, retransmit, recovery, tcp, store);
        }
        catch (final UnknownHostException | SocketException ex)
        {
            reader.reject("cluster.feed.bind", '"' + bind + '"', "an address of this host");
            return null;
        }
    }

    private static InetSocketAddress address(final String value, final String key, final ConfigReader reader)
    {
        final int colon = value.lastIndexOf(':');
        try
        {
            return new InetSocketAddress(InetAddress.getByName(value.substring(0, colon)),
                Integer.parseInt(value.substring(colon + 1)));
        }
        catch (final RuntimeException | UnknownHostException ex)
        {
            reader.reject(key, '"' + value + '"', "host:port");
            return null;
        }
    }
}
