package io.disruptorx.gateway.soupbintcp;

import java.util.Locale;

import io.disruptorx.protocol.soupbintcp.SoupBinTcp;

/**
 * Timers and identity of a SoupBinTCP server.
 *
 * @param sessionName           the current session's name (1 to 10 alphanumeric characters): a new one per
 *                              gateway start, since report sequences restart with the gateway.
 * @param heartbeatIntervalNanos a heartbeat is sent after this long without sending (the spec: 1 s).
 * @param heartbeatTimeoutNanos  a connection that sends nothing for this long is closed (the spec: 15 s).
 * @param loginTimeoutNanos      a connection must log in within this long.
 * @param maxConnections         connections a listener holds at once, logged in or not; more are refused at accept.
 * @param maxConnectionsPerAddress connections a listener holds at once from one source address.
 */
public record SoupBinTcpSettings(
    String sessionName,
    long heartbeatIntervalNanos,
    long heartbeatTimeoutNanos,
    long loginTimeoutNanos,
    int maxConnections,
    int maxConnectionsPerAddress)
{
    /** Default of {@link #maxConnections()}. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;
    /** Default of {@link #maxConnectionsPerAddress()}. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 64;

    /**
     * Validates the settings.
     */
    public SoupBinTcpSettings
    {
        if (sessionName == null || sessionName.isEmpty() || sessionName.length() > SoupBinTcp.SESSION_LENGTH ||
            !sessionName.chars().allMatch(Character::isLetterOrDigit) || !sessionName.chars().allMatch(c -> c < 128))
        {
            throw new IllegalArgumentException("session name must be 1 to 10 ASCII letters or digits, was " +
                sessionName);
        }
        if (heartbeatIntervalNanos <= 0 || heartbeatTimeoutNanos <= heartbeatIntervalNanos || loginTimeoutNanos <= 0)
        {
            throw new IllegalArgumentException("heartbeat interval, timeout (longer than the interval) and login " +
                "timeout must be positive");
        }
        if (maxConnections < 1 || maxConnectionsPerAddress < 1 || maxConnectionsPerAddress > maxConnections)
        {
            throw new IllegalArgumentException("connection limits must be positive, the one per address at most " +
                "the total: " + maxConnections + " in all, " + maxConnectionsPerAddress + " per address");
        }
    }

    /**
     * Settings with the default connection limits.
     *
     * @param sessionName            session name.
     * @param heartbeatIntervalNanos heartbeat interval.
     * @param heartbeatTimeoutNanos  heartbeat timeout.
     * @param loginTimeoutNanos      login timeout.
     */
    public SoupBinTcpSettings(
        final String sessionName,
        final long heartbeatIntervalNanos,
        final long heartbeatTimeoutNanos,
        final long loginTimeoutNanos)
    {
        this(sessionName, heartbeatIntervalNanos, heartbeatTimeoutNanos, loginTimeoutNanos, DEFAULT_MAX_CONNECTIONS,
            DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
    }

    /**
     * @param sessionName session name.
     * @return the spec's cadence: heartbeat after 1 s, timeout after 15 s; 10 s to log in.
     */
    public static SoupBinTcpSettings standard(final String sessionName)
    {
        return new SoupBinTcpSettings(sessionName, 1_000_000_000L, 15_000_000_000L, 10_000_000_000L);
    }

    /**
     * @param epochMillis the gateway's start time.
     * @return a session name from it: {@code DX} and the milliseconds in base 36 (8 characters until 2059), so
     * every start, even a quick restart, has its own session.
     */
    public static String sessionNameAt(final long epochMillis)
    {
        return ("DX" + Long.toString(epochMillis, 36)).toUpperCase(Locale.ROOT);
    }
}
