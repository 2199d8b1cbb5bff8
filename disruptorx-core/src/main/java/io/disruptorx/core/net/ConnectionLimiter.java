package io.disruptorx.core.net;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * How many connections an edge holds at once, in all and from one source address (IPv4 or IPv6): an edge asks
 * {@link #tryAcquire} as it accepts a connection and closes the connection at once, before reading anything, when
 * the answer is no (counted in {@link #refused()}); it calls {@link #release} once when an admitted connection
 * closes. Safe for any thread: edges on Netty accept on one thread and close on others. Accepting is not a hot
 * path, so one short lock guards the counts.
 *
 * <p>A TLS terminator relays its clients to the plain listener behind it from loopback; a listener that takes the
 * terminator's {@link RelayedPeers} counts each relayed client under its own address ({@link RelayedPeers#clientOf}).
 */
public final class ConnectionLimiter
{
    /** Default of {@link #maxConnections()}. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;
    /** Default of {@link #maxConnectionsPerAddress()}. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 64;

    private final int maxConnections;
    private final int maxConnectionsPerAddress;
    private final Map<InetAddress, int[]> perAddress = new HashMap<>();
    private int open;
    private volatile long refused;

    /**
     * @param maxConnections           connections held at once.
     * @param maxConnectionsPerAddress connections held at once from one source address.
     * @throws IllegalArgumentException unless {@code 1 <= maxConnectionsPerAddress <= maxConnections}.
     */
    public ConnectionLimiter(final int maxConnections, final int maxConnectionsPerAddress)
    {
        check(maxConnections, maxConnectionsPerAddress);
        this.maxConnections = maxConnections;
        this.maxConnectionsPerAddress = maxConnectionsPerAddress;
    }

    /**
     * @return 1,024 connections in all, 64 from one address.
     */
    public static ConnectionLimiter defaults()
    {
        return new ConnectionLimiter(DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
    }

    /**
     * Checks a pair of limits.
     *
     * @param total      connections held at once.
     * @param perAddress connections held at once from one source address.
     * @throws IllegalArgumentException unless {@code 1 <= perAddress <= total}, naming both.
     */
    public static void check(final int total, final int perAddress)
    {
        if (total < 1 || perAddress < 1 || perAddress > total)
        {
            throw new IllegalArgumentException("connection limits: at least 1, and per address at most the total: " +
                total + " in all, " + perAddress + " per address");
        }
    }

    /**
     * Admits a connection if both limits allow it, else counts it as refused.
     *
     * @param address the connection's source address.
     * @return whether it is admitted; the caller closes a refused one at once and never calls {@link #release} for
     * it.
     */
    public synchronized boolean tryAcquire(final InetAddress address)
    {
        final int[] count = perAddress.get(address);
        if (open >= maxConnections || count != null && count[0] >= maxConnectionsPerAddress)
        {
            refused++;
            return false;
        }
        if (count == null)
        {
            perAddress.put(address, new int[]{1});
        }
        else
        {
            count[0]++;
        }
        open++;
        return true;
    }

    /**
     * Frees the slot of an admitted connection that closed; call once per admitted connection.
     *
     * @param address the connection's source address, as given to {@link #tryAcquire}.
     */
    public synchronized void release(final InetAddress address)
    {
        final int[] count = perAddress.get(address);
        if (count == null)
        {
            throw new IllegalStateException("no connection held from " + address);
        }
        if (--count[0] == 0)
        {
            perAddress.remove(address);
        }
        open--;
    }

    /**
     * @return connections held now.
     */
    public synchronized int open()
    {
        return open;
    }

    /**
     * @param address a source address.
     * @return connections held now from it.
     */
    public synchronized int openFrom(final InetAddress address)
    {
        final int[] count = perAddress.get(address);
        return count == null ? 0 : count[0];
    }

    /**
     * @return connections refused since start (any thread may read it).
     */
    public long refused()
    {
        return refused;
    }

    /**
     * @return connections held at once.
     */
    public int maxConnections()
    {
        return maxConnections;
    }

    /**
     * @return connections held at once from one source address.
     */
    public int maxConnectionsPerAddress()
    {
        return maxConnectionsPerAddress;
    }
}
