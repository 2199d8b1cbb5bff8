package io.disruptorx.gateway.config;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import io.disruptorx.gateway.auth.PasswordAuthenticator;
import io.disruptorx.gateway.reference.InstrumentSpec;
import io.disruptorx.gateway.soupbintcp.SoupBinTcpSettings;

/**
 * Settings of one gateway: its listeners, session timers and limits, the instruments it converts for and its
 * users. Bound from HOCON by {@link GatewayConfigBinder}.
 *
 * @param nativeAddress          SoupBinTCP listener of the native SBE dialect, or {@code null} for none.
 * @param poeAddress             SoupBinTCP listener of the POE dialect, or {@code null} for none.
 * @param heartbeatIntervalNanos server heartbeat after this long without sending.
 * @param heartbeatTimeoutNanos  a client silent this long is disconnected.
 * @param loginTimeoutNanos      a connection must log in within this long.
 * @param reportStoreCapacity    reports kept per session for replay, a power of two.
 * @param defaultMaxOpenOrders   open orders per account unless listed in {@code maxOpenOrders}.
 * @param maxOpenOrders          per-account open-order limits.
 * @param instruments            reference data.
 * @param users                  users with their password hashes.
 * @param maxConnections         SoupBinTCP connections a listener holds at once; more are refused at accept.
 * @param maxConnectionsPerAddress SoupBinTCP connections a listener holds at once from one source address.
 */
public record GatewayConfig(
    InetSocketAddress nativeAddress,
    InetSocketAddress poeAddress,
    long heartbeatIntervalNanos,
    long heartbeatTimeoutNanos,
    long loginTimeoutNanos,
    int reportStoreCapacity,
    int defaultMaxOpenOrders,
    Map<Long, Integer> maxOpenOrders,
    List<InstrumentSpec> instruments,
    List<PasswordAuthenticator.Entry> users,
    int maxConnections,
    int maxConnectionsPerAddress)
{
    /**
     * Validates the settings.
     */
    public GatewayConfig
    {
        if (nativeAddress == null && poeAddress == null)
        {
            throw new IllegalArgumentException("a gateway needs at least one listener");
        }
        maxOpenOrders = Map.copyOf(maxOpenOrders);
        instruments = List.copyOf(instruments);
        users = List.copyOf(users);
        if (maxConnections < 1 || maxConnectionsPerAddress < 1 || maxConnectionsPerAddress > maxConnections)
        {
            throw new IllegalArgumentException("connection limits must be positive, the one per address at most " +
                "the total");
        }
    }

    /**
     * Settings with the default connection limits ({@link SoupBinTcpSettings#DEFAULT_MAX_CONNECTIONS} and
     * {@link SoupBinTcpSettings#DEFAULT_MAX_CONNECTIONS_PER_ADDRESS}).
     *
     * @param nativeAddress          SoupBinTCP listener of the native SBE dialect, or {@code null} for none.
     * @param poeAddress             SoupBinTCP listener of the POE dialect, or {@code null} for none.
     * @param heartbeatIntervalNanos server heartbeat after this long without sending.
     * @param heartbeatTimeoutNanos  a client silent this long is disconnected.
     * @param loginTimeoutNanos      a connection must log in within this long.
     * @param reportStoreCapacity    reports kept per session for replay, a power of two.
     * @param defaultMaxOpenOrders   open orders per account unless listed in {@code maxOpenOrders}.
     * @param maxOpenOrders          per-account open-order limits.
     * @param instruments            reference data.
     * @param users                  users with their password hashes.
     */
    public GatewayConfig(
        final InetSocketAddress nativeAddress,
        final InetSocketAddress poeAddress,
        final long heartbeatIntervalNanos,
        final long heartbeatTimeoutNanos,
        final long loginTimeoutNanos,
        final int reportStoreCapacity,
        final int defaultMaxOpenOrders,
        final Map<Long, Integer> maxOpenOrders,
        final List<InstrumentSpec> instruments,
        final List<PasswordAuthenticator.Entry> users)
    {
        this(nativeAddress, poeAddress, heartbeatIntervalNanos, heartbeatTimeoutNanos, loginTimeoutNanos,
            reportStoreCapacity, defaultMaxOpenOrders, maxOpenOrders, instruments, users,
            SoupBinTcpSettings.DEFAULT_MAX_CONNECTIONS, SoupBinTcpSettings.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
    }

    /**
     * @param total      connections a listener holds at once.
     * @param perAddress connections a listener holds at once from one source address.
     * @return a copy with these limits.
     */
    public GatewayConfig withConnectionLimits(final int total, final int perAddress)
    {
        return new GatewayConfig(nativeAddress, poeAddress, heartbeatIntervalNanos, heartbeatTimeoutNanos,
            loginTimeoutNanos, reportStoreCapacity, defaultMaxOpenOrders, maxOpenOrders, instruments, users, total,
            perAddress);
    }

    /**
     * @param nativeAddress native listener.
     * @param poeAddress    POE listener.
     * @return a copy listening there (port 0 picks a free port).
     */
    public GatewayConfig withAddresses(final InetSocketAddress nativeAddress, final InetSocketAddress poeAddress)
    {
        return new GatewayConfig(nativeAddress, poeAddress, heartbeatIntervalNanos, heartbeatTimeoutNanos,
            loginTimeoutNanos, reportStoreCapacity, defaultMaxOpenOrders, maxOpenOrders, instruments, users,
            maxConnections, maxConnectionsPerAddress);
    }
}
