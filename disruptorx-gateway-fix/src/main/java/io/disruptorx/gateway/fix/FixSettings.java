package io.disruptorx.gateway.fix;

import java.nio.file.Path;

import io.disruptorx.core.net.ConnectionLimiter;

/**
 * Settings of the FIX 4.4 acceptor.
 *
 * @param host              address to listen on.
 * @param port              port to listen on (0 is not supported by Artio: pick a free one).
 * @param compId            the venue's CompID: clients send it as TargetCompID(56), the venue as SenderCompID(49).
 * @param directory         where Artio keeps its state: the media driver, the archive (every FIX message sent and
 *                          received, which resend requests are answered from), sequence numbers and indexes.
 * @param deleteOnStart     whether to start with no state (tests); a venue keeps it so that sequence numbers and
 *                          resends survive a restart.
 * @param heartbeatSeconds  the heartbeat interval a client gets when its Logon asks for none.
 * @param maxConnections    connections the acceptor holds at once, logged on or not; one more is closed at accept,
 *                          before anything is read, and counted.
 * @param maxConnectionsPerAddress connections the acceptor holds at once from one source address.
 * @param loginTimeoutMs    milliseconds from a connection's accept within which its Logon must be answered;
 *                          it is closed and counted otherwise (slow-loris).
 */
public record FixSettings(
    String host,
    int port,
    String compId,
    Path directory,
    boolean deleteOnStart,
    int heartbeatSeconds,
    int maxConnections,
    int maxConnectionsPerAddress,
    int loginTimeoutMs)
{
    /** The login timeout unless configured: 5 s. */
    public static final int DEFAULT_LOGIN_TIMEOUT_MS = 5_000;

    /**
     * Checks the values.
     */
    public FixSettings
    {
        if (port <= 0 || port > 65_535)
        {
            throw new IllegalArgumentException("FIX port must be 1 to 65535, was " + port);
        }
        if (compId == null || compId.isEmpty())
        {
            throw new IllegalArgumentException("FIX compId must not be empty");
        }
        if (heartbeatSeconds <= 0)
        {
            throw new IllegalArgumentException("FIX heartbeatSeconds must be positive, was " + heartbeatSeconds);
        }
        ConnectionLimiter.check(maxConnections, maxConnectionsPerAddress);
        if (loginTimeoutMs <= 0)
        {
            throw new IllegalArgumentException("FIX loginTimeoutMs must be positive, was " + loginTimeoutMs);
        }
    }

    /**
     * With the default connection limits (1,024 in all, 64 from one address) and login timeout (5 s).
     *
     * @param host             address to listen on.
     * @param port             port to listen on.
     * @param compId           the venue's CompID.
     * @param directory        where Artio keeps its state.
     * @param deleteOnStart    whether to start with no state.
     * @param heartbeatSeconds the heartbeat interval a client gets when its Logon asks for none.
     */
    public FixSettings(
        final String host,
        final int port,
        final String compId,
        final Path directory,
        final boolean deleteOnStart,
        final int heartbeatSeconds)
    {
        this(host, port, compId, directory, deleteOnStart, heartbeatSeconds, ConnectionLimiter.DEFAULT_MAX_CONNECTIONS,
            ConnectionLimiter.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, DEFAULT_LOGIN_TIMEOUT_MS);
    }

    /**
     * @param millis the login timeout.
     * @return these settings with that login timeout.
     */
    public FixSettings withLoginTimeoutMs(final int millis)
    {
        return new FixSettings(host, port, compId, directory, deleteOnStart, heartbeatSeconds, maxConnections,
            maxConnectionsPerAddress, millis);
    }

    /**
     * @return a limiter with these limits, counting from zero.
     */
    public ConnectionLimiter newConnectionLimiter()
    {
        return new ConnectionLimiter(maxConnections, maxConnectionsPerAddress);
    }
}
