package io.disruptorx.gateway.config;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

import io.disruptorx.gateway.auth.PasswordAuthenticator;
import io.disruptorx.gateway.reference.InstrumentSpec;

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
    List<PasswordAuthenticator.Entry> users)
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
    }

    /**
     * @param nativeAddress native listener.
     * @param poeAddress    POE listener.
     * @return a copy listening there (port 0 picks a free port).
     */
    public GatewayConfig withAddresses(final InetSocketAddress nativeAddress, final InetSocketAddress poeAddress)
    {
        return new GatewayConfig(nativeAddress, poeAddress, heartbeatIntervalNanos, heartbeatTimeoutNanos,
            loginTimeoutNanos, reportStoreCapacity, defaultMaxOpenOrders, maxOpenOrders, instruments, users);
    }
}
