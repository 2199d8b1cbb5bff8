package io.disruptorx.gateway.support;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.gateway.auth.Authenticator;
import io.disruptorx.gateway.auth.PasswordAuthenticator;
import io.disruptorx.gateway.auth.PasswordHash;
import io.disruptorx.gateway.auth.Role;
import io.disruptorx.gateway.auth.SessionKind;
import io.disruptorx.gateway.auth.User;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.gateway.core.CoreSettings;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import io.disruptorx.gateway.reference.InstrumentSpec;

/**
 * The venue and users the gateway tests share. Instrument 1 "BTC-USD": prices with 2 decimals, whole
 * quantities, tick 1, lot 1, maker fee 1 and taker fee 2 per lot, reference 100.00, band 10 %. Instrument 2
 * "ETH-USD": prices with 2 decimals (tick 0.05), quantities with 3 (lot 1.000), taker fee 10 per lot, no price
 * band. Instrument 3 "SOL-USD" is known to the gateway but not listed in the engine. Accounts 1 to 5 are funded;
 * account 6 does not exist in the engine.
 *
 * <p>Users (password {@value #PASSWORD}): alice (accounts 1, 2; cancel on disconnect), bob (3), copy (drop copy of
 * 1 and 3), slow (account 4, 1 message/s, burst 2), carol (account 5; at most 2 open orders on account 5), dave
 * (account 6, unknown to the engine), risk (role RISK only, account 1: may mass-cancel, not trade).
 */
public final class TestVenueSetup
{
    /** Every test user's password. */
    public static final String PASSWORD = "secret";
    /** Account with an open-order limit of 2. */
    public static final long LIMITED_ACCOUNT = 5;

    private TestVenueSetup()
    {
    }

    /**
     * @param engine lists the instruments and funds the accounts.
     */
    public static void list(final MatchingEngine engine)
    {
        engine.addInstrument(1, 1, 1, 0, 1, 1, 2, 0, 1, 2, 10_000, 1_000, 1_000);
        engine.addInstrument(1, 2, 2, 0, 5, 1_000, 2, 3, 0, 10, 200_000, 0, 1_000);
        for (long account = 1; account <= 5; account++)
        {
            engine.adjustBalance(1, account, 0, 1_000_000_000_000L);
            engine.adjustBalance(1, account, 1, 1_000_000_000L);
            engine.adjustBalance(1, account, 2, 1_000_000_000_000L);
        }
    }

    /**
     * @return the instruments as the gateway knows them.
     */
    public static InstrumentDirectory instruments()
    {
        return new InstrumentDirectory(List.of(
            new InstrumentSpec(1, "BTC-USD", 2, 0, 1, 1),
            new InstrumentSpec(2, "ETH-USD", 2, 3, 5, 1_000),
            new InstrumentSpec(3, "SOL-USD", 2, 0, 1, 1)));
    }

    /**
     * @return the users.
     */
    public static List<User> users()
    {
        return List.of(
            new User("alice", new long[]{1, 2}, SessionKind.TRADING, 100_000, 1_000, true),
            new User("bob", new long[]{3}, SessionKind.TRADING, 100_000, 1_000, false),
            new User("copy", new long[]{1, 3}, SessionKind.DROP_COPY, 100_000, 1_000, false),
            new User("slow", new long[]{4}, SessionKind.TRADING, 1, 2, false),
            new User("carol", new long[]{LIMITED_ACCOUNT}, SessionKind.TRADING, 100_000, 1_000, false),
            new User("dave", new long[]{6}, SessionKind.TRADING, 100_000, 1_000, false),
            new User("risk", new long[]{1}, EnumSet.of(Role.RISK), 100_000, 1_000, false));
    }

    /**
     * @param port native and POE listeners' port (0: any free port).
     * @param storeCapacity reports kept per session.
     * @param heartbeatNanos heartbeat interval; the timeout is ten times it.
     * @return a gateway configuration of the test users (PBKDF2 hashes) and instruments on loopback.
     */
    public static GatewayConfig gatewayConfig(final int port, final int storeCapacity, final long heartbeatNanos)
    {
        final SecureRandom random = new SecureRandom();
        final List<PasswordAuthenticator.Entry> entries = users().stream()
            .map(user -> new PasswordAuthenticator.Entry(user, PasswordHash.create(PASSWORD, 1_000, random)))
            .toList();
        return new GatewayConfig(new InetSocketAddress("127.0.0.1", port), new InetSocketAddress("127.0.0.1", port),
            heartbeatNanos, 10 * heartbeatNanos, 10_000_000_000L, storeCapacity, 1_000, Map.of(LIMITED_ACCOUNT, 2),
            List.of(new InstrumentSpec(1, "BTC-USD", 2, 0, 1, 1), new InstrumentSpec(2, "ETH-USD", 2, 3, 5, 1_000),
                new InstrumentSpec(3, "SOL-USD", 2, 0, 1, 1)), entries);
    }

    /**
     * @return an authenticator of the test users (plain password compare: the PBKDF2 store has its own tests).
     */
    public static Authenticator authenticator()
    {
        return (name, password) ->
        {
            if (!PASSWORD.equals(password))
            {
                return null;
            }
            return users().stream().filter(user -> user.name().equals(name)).findFirst().orElse(null);
        };
    }

    /**
     * @param storeCapacity reports kept per session.
     * @return core settings tracking every test account.
     */
    public static CoreSettings settings(final int storeCapacity)
    {
        return new CoreSettings(storeCapacity, 1_000, Map.of(LIMITED_ACCOUNT, 2), List.of(1L, 2L, 3L, 4L, 5L, 6L), 64);
    }
}
