package io.disruptorx.marketdata.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One shard's feed session for {@link ConsolidatedClientMain}: the shard's index (its place in the consolidated
 * view, and the jitter seed), the session name and where its lines, retransmission and recovery servers are. A shard
 * that follows the shards' port convention ({@code dx shard-host --feed-shard}) gets one from
 * {@link ConsolidatedClientMain#conventionFeeds}; any other (a cluster shard, whose members each transmit one line
 * of the session and run their own servers, or an embedded shard configured by a {@code market-data} file) is named
 * with {@code dx md-client --feed}, read by {@link #parse}:
 *
 * <pre>
 * shard=I,session=NAME,line-a=HOST:PORT[,line-b=HOST:PORT],request=HOST:PORT,recovery=HOST:PORT
 *        [,multicast=true,interface=NAME]
 * </pre>
 *
 * <p>The keys are md-client's own options for one feed: {@code line-a} and {@code line-b} the local addresses the
 * lines arrive on (unicast) or their groups ({@code multicast=true}, joined on {@code interface}, default lo);
 * {@code request} the MoldUDP64 retransmission server (UDP); {@code recovery} the snapshot server (TCP).
 *
 * @param shard     index, 0 to {@link #MAX_SHARD}.
 * @param session   MoldUDP64 session name, 1 to 10 characters.
 * @param endpoints where the session's lines and servers are.
 */
public record ShardFeed(int shard, String session, FeedEndpoints endpoints)
{
    /** Highest shard index. */
    public static final int MAX_SHARD = 99;
    /** Longest session name (MoldUDP64's session field). */
    public static final int MAX_SESSION_LENGTH = 10;

    private static final List<String> KEYS =
        List.of("shard", "session", "line-a", "line-b", "request", "recovery", "multicast", "interface");
    private static final List<String> REQUIRED = List.of("shard", "session", "line-a", "request", "recovery");

    /**
     * Validates.
     */
    public ShardFeed
    {
        if (shard < 0 || shard > MAX_SHARD)
        {
            throw new IllegalArgumentException("shard must be 0.." + MAX_SHARD + ", was " + shard);
        }
        if (session == null || session.isEmpty() || session.length() > MAX_SESSION_LENGTH)
        {
            throw new IllegalArgumentException("session must be 1 to " + MAX_SESSION_LENGTH +
                " characters (MoldUDP64), was '" + session + "'");
        }
        if (endpoints == null)
        {
            throw new IllegalArgumentException("endpoints must be set");
        }
    }

    /**
     * Reads one {@code --feed} value.
     *
     * @param spec {@code shard=I,session=NAME,line-a=HOST:PORT,...} (see the class comment).
     * @return the shard's feed.
     * @throws IllegalArgumentException naming the value and what is wrong with it.
     */
    public static ShardFeed parse(final String spec)
    {
        try
        {
            final Map<String, String> values = values(spec);
            final boolean multicast = flag(values.getOrDefault("multicast", "false"));
            if (values.containsKey("interface") && !multicast)
            {
                throw new IllegalArgumentException("interface applies to multicast lines only (multicast=true)");
            }
            final InetSocketAddress lineA = address("line-a", values.get("line-a"));
            final InetSocketAddress lineB = values.containsKey("line-b") ? address("line-b", values.get("line-b")) :
                null;
            if (lineA.equals(lineB))
            {
                throw new IllegalArgumentException("line-a and line-b are the same address " + lineA);
            }
            final String interfaceName = values.getOrDefault("interface", "lo");
            final NetworkInterface networkInterface = multicast ? NetworkInterface.getByName(interfaceName) : null;
            if (multicast && networkInterface == null)
            {
                throw new IllegalArgumentException("interface " + interfaceName + " is not an interface of this host");
            }
            return new ShardFeed(shard(values.get("shard")), values.get("session"), new FeedEndpoints(lineA, lineB,
                multicast, networkInterface, address("request", values.get("request")),
                address("recovery", values.get("recovery"))));
        }
        catch (final IllegalArgumentException | SocketException ex)
        {
            throw new IllegalArgumentException("--feed " + spec + ": " + ex.getMessage(), ex);
        }
    }

    private static Map<String, String> values(final String spec)
    {
        final Map<String, String> values = new LinkedHashMap<>();
        for (final String pair : spec.split(",", -1))
        {
            final int equals = pair.indexOf('=');
            if (equals <= 0)
            {
                throw new IllegalArgumentException("expected KEY=VALUE, got '" + pair + "'");
            }
            final String key = pair.substring(0, equals).trim();
            final String value = pair.substring(equals + 1).trim();
            if (!KEYS.contains(key))
            {
                throw new IllegalArgumentException("unknown key '" + key + "' (keys: " + String.join(", ", KEYS) + ")");
            }
            if (value.isEmpty())
            {
                throw new IllegalArgumentException(key + " has no value");
            }
            if (values.put(key, value) != null)
            {
                throw new IllegalArgumentException(key + " is given twice");
            }
        }
        for (final String key : REQUIRED)
        {
            if (!values.containsKey(key))
            {
                throw new IllegalArgumentException(key + " is missing (required: " + String.join(", ", REQUIRED) + ")");
            }
        }
        return values;
    }

    private static int shard(final String value)
    {
        try
        {
            return Integer.parseInt(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("shard must be 0.." + MAX_SHARD + ", was " + value);
        }
    }

    private static boolean flag(final String value)
    {
        if (!"true".equals(value) && !"false".equals(value))
        {
            throw new IllegalArgumentException("multicast must be true or false, was " + value);
        }
        return "true".equals(value);
    }

    /**
     * @param key       the value's key, for the message.
     * @param hostPort  {@code HOST:PORT}, the port 1 to 65535 ({@code [::1]:PORT} for an IPv6 literal).
     * @return the address, resolved.
     */
    static InetSocketAddress address(final String key, final String hostPort)
    {
        final int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1)
        {
            throw new IllegalArgumentException(key + " must be HOST:PORT, was " + hostPort);
        }
        final int port;
        try
        {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(key + " must be HOST:PORT, was " + hostPort);
        }
        if (port < 1 || port > 65_535)
        {
            throw new IllegalArgumentException(key + " port must be 1..65535, was " + port);
        }
        try
        {
            return new InetSocketAddress(InetAddress.getByName(hostPort.substring(0, colon)), port);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException(key + " host " + hostPort.substring(0, colon) + " is unknown");
        }
    }
}
