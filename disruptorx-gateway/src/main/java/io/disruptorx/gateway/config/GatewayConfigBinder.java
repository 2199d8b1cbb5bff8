package io.disruptorx.gateway.config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.disruptorx.core.config.ConfigError;
import io.disruptorx.core.config.ConfigReader;
import io.disruptorx.core.config.ConfigSection;
import io.disruptorx.core.config.ConfigValidationException;
import io.disruptorx.gateway.auth.PasswordAuthenticator;
import io.disruptorx.gateway.auth.PasswordHash;
import io.disruptorx.gateway.auth.SessionKind;
import io.disruptorx.gateway.auth.User;
import io.disruptorx.gateway.core.CoreSettings;
import io.disruptorx.gateway.reference.InstrumentSpec;

/**
 * Binds the {@code gateways} section of a node configuration (defaults in {@code dx-gateway-defaults.conf},
 * printed in docs/gateways.md) onto a {@link GatewayConfig}, reporting every bad key at once.
 */
public final class GatewayConfigBinder
{
    /** The section's key. */
    public static final String SECTION = "gateways";
    private static final String DEFAULTS = "dx-gateway-defaults.conf";
    private static final Config INSTRUMENT_KEYS = ConfigFactory.parseString(
        "id = 0, symbol = x, price-scale = 0, quantity-scale = 0, tick-size = 0, lot-size = 0");
    private static final Config USER_KEYS = ConfigFactory.parseString("name = x, password-hash = x, accounts = [], " +
        "kind = x, messages-per-second = 0, burst = 0, cancel-on-disconnect = false");
    private static final Config ACCOUNT_KEYS = ConfigFactory.parseString("id = 0, max-open-orders = 0");

    private GatewayConfigBinder()
    {
    }

    /**
     * @param root   a parsed configuration.
     * @param source where it came from, for messages.
     * @return the gateway settings, or {@code null} when the configuration has no {@code gateways} section.
     * @throws ConfigValidationException listing every problem.
     */
    public static GatewayConfig bind(final Config root, final String source)
    {
        final ConfigSection section = ConfigSection.read(root, SECTION, DEFAULTS, source);
        if (section == null)
        {
            return null;
        }
        final Config config = section.config();
        final ConfigReader reader = section.reader();
        final InetSocketAddress nativeAddress = address(config, reader, "gateways.soupbintcp.native");
        final InetSocketAddress poeAddress = address(config, reader, "gateways.soupbintcp.poe");
        if (nativeAddress == null && poeAddress == null)
        {
            reader.reject("gateways.soupbintcp", "no listener", "a native or poe address such as 127.0.0.1:31100");
        }
        final Duration interval = reader.durationIn("gateways.soupbintcp.heartbeat-interval",
            Duration.ofMillis(10), Duration.ofMinutes(1));
        final Duration timeout = reader.durationIn("gateways.soupbintcp.heartbeat-timeout",
            Duration.ofMillis(20), Duration.ofMinutes(10));
        final Duration login = reader.durationIn("gateways.soupbintcp.login-timeout",
            Duration.ofMillis(10), Duration.ofMinutes(10));
        final int maxConnections = reader.intIn("gateways.soupbintcp.max-connections", 1, 1 << 20);
        final int maxPerAddress = reader.intIn("gateways.soupbintcp.max-connections-per-address", 1, 1 << 20);
        if (maxPerAddress > maxConnections)
        {
            reader.reject("gateways.soupbintcp.max-connections-per-address", Integer.toString(maxPerAddress),
                "at most max-connections (" + maxConnections + ")");
        }
        if (timeout.compareTo(interval) <= 0)
        {
            reader.reject("gateways.soupbintcp.heartbeat-timeout", timeout.toString(),
                "longer than heartbeat-interval");
        }
        final int storeCapacity = reader.powerOfTwoIn("gateways.sessions.report-store-capacity",
            CoreSettings.MIN_REPORT_STORE_CAPACITY, 1 << 24);
        final int defaultMaxOpen = reader.intIn("gateways.sessions.default-max-open-orders", 1, Integer.MAX_VALUE);
        final List<InstrumentSpec> instruments = instruments(config, reader);
        final List<PasswordAuthenticator.Entry> users = users(config, reader);
        final Map<Long, Integer> limits = accounts(config, reader);
        final boolean userFile = !config.getString("gateways.security.users-file").isBlank();
        if (reader.has("gateways.users") && users.isEmpty() && !userFile)
        {
            reader.reject("gateways.users", "[]", "at least one user");
        }
        return reader.finish(nativeAddress == null && poeAddress == null ? null : new GatewayConfig(nativeAddress,
            poeAddress, interval.toNanos(), timeout.toNanos(), login.toNanos(), storeCapacity, defaultMaxOpen, limits,
            instruments, users, maxConnections, Math.min(maxPerAddress, maxConnections)));
    }

    static InetSocketAddress address(final Config config, final ConfigReader reader, final String key)
    {
        if (!config.hasPath(key) || config.getString(key).isBlank())
        {
            return null;
        }
        final String value = config.getString(key).trim();
        final int colon = value.lastIndexOf(':');
        try
        {
            final int port = Integer.parseInt(value.substring(colon + 1));
            if (colon <= 0 || port < 0 || port > 65_535)
            {
                throw new NumberFormatException(value);
            }
            return new InetSocketAddress(value.substring(0, colon), port);
        }
        catch (final NumberFormatException | StringIndexOutOfBoundsException ex)
        {
            reader.reject(key, value, "HOST:PORT such as 127.0.0.1:31100 (port 0: any free port)");
            return null;
        }
    }

    private static List<InstrumentSpec> instruments(final Config config, final ConfigReader reader)
    {
        final List<InstrumentSpec> instruments = new ArrayList<>();
        final List<? extends Config> items = list(config, reader, "gateways.instruments");
        for (int i = 0; i < items.size(); i++)
        {
            final String at = "gateways.instruments[" + i + "]";
            final ConfigReader item = new ConfigReader(items.get(i), at);
            item.rejectUnknownKeys(items.get(i), INSTRUMENT_KEYS);
            final int id = item.intIn("id", 1, Integer.MAX_VALUE);
            final String symbol = item.nonBlank("symbol");
            final int priceScale = item.intIn("price-scale", 0, 18);
            final int quantityScale = item.intIn("quantity-scale", 0, 18);
            final long tick = item.longIn("tick-size", 1, Long.MAX_VALUE);
            final long lot = item.longIn("lot-size", 1, Long.MAX_VALUE);
            if (finish(item, at, reader))
            {
                try
                {
                    instruments.add(new InstrumentSpec(id, symbol, priceScale, quantityScale, tick, lot));
                }
                catch (final IllegalArgumentException ex)
                {
                    reader.reject(at, symbol, ex.getMessage());
                }
            }
        }
        return instruments;
    }

    private static List<PasswordAuthenticator.Entry> users(final Config config, final ConfigReader reader)
    {
        final List<PasswordAuthenticator.Entry> users = new ArrayList<>();
        final List<? extends Config> items = list(config, reader, "gateways.users");
        for (int i = 0; i < items.size(); i++)
        {
            final String at = "gateways.users[" + i + "]";
            final Config user = items.get(i).withFallback(config.getConfig("gateways.user-defaults"));
            final ConfigReader item = new ConfigReader(user, at);
            item.rejectUnknownKeys(items.get(i), USER_KEYS);
            final String name = item.nonBlank("name");
            final String hash = item.nonBlank("password-hash");
            final SessionKind kind = item.enumOf("kind", SessionKind.class);
            final long rate = item.longIn("messages-per-second", 1, 1_000_000_000L);
            final long burst = item.longIn("burst", 1, 1_000_000_000L);
            final boolean cancelOnDisconnect = user.hasPath("cancel-on-disconnect") &&
                user.getBoolean("cancel-on-disconnect");
            long[] accounts = new long[0];
            try
            {
                accounts = user.getLongList("accounts").stream().mapToLong(Long::longValue).toArray();
            }
            catch (final ConfigException ex)
            {
                item.reject("accounts", "?", "a list of positive account ids");
            }
            if (name.length() > 6)
            {
                item.reject("name", name, "at most 6 characters (the SoupBinTCP username field)");
            }
            if (finish(item, at, reader))
            {
                try
                {
                    users.add(new PasswordAuthenticator.Entry(
                        new User(name, accounts, kind, rate, burst, cancelOnDisconnect), PasswordHash.parse(hash)));
                }
                catch (final IllegalArgumentException ex)
                {
                    reader.reject(at, name, ex.getMessage());
                }
            }
        }
        return users;
    }

    private static Map<Long, Integer> accounts(final Config config, final ConfigReader reader)
    {
        final Map<Long, Integer> limits = new HashMap<>();
        final List<? extends Config> items = list(config, reader, "gateways.accounts");
        for (int i = 0; i < items.size(); i++)
        {
            final String at = "gateways.accounts[" + i + "]";
            final ConfigReader item = new ConfigReader(items.get(i), at);
            item.rejectUnknownKeys(items.get(i), ACCOUNT_KEYS);
            final long id = item.longIn("id", 1, Long.MAX_VALUE);
            final int maxOpen = item.intIn("max-open-orders", 1, Integer.MAX_VALUE);
            if (finish(item, at, reader))
            {
                limits.put(id, maxOpen);
            }
        }
        return limits;
    }

    private static List<? extends Config> list(final Config config, final ConfigReader reader, final String key)
    {
        try
        {
            return config.hasPath(key) ? config.getConfigList(key) : List.of();
        }
        catch (final ConfigException ex)
        {
            reader.reject(key, config.getValue(key).render(), "a list of objects");
            return List.of();
        }
    }

    private static boolean finish(final ConfigReader item, final String at, final ConfigReader reader)
    {
        try
        {
            item.finish(Boolean.TRUE);
            return true;
        }
        catch (final ConfigValidationException ex)
        {
            for (final ConfigError error : ex.errors())
            {
                reader.reject(at + "." + error.key(), error.value(), error.expected());
            }
            return false;
        }
    }
}
