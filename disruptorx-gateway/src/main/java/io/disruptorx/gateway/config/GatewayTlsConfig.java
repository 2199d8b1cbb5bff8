package io.disruptorx.gateway.config;

import java.net.InetSocketAddress;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.disruptorx.core.config.ConfigReader;
import io.disruptorx.core.config.ConfigValidationException;
import io.disruptorx.core.tls.TlsConfig;
import io.disruptorx.core.tls.TlsConfigBinder;

/**
 * The TLS listeners of the order-entry edges: {@code gateways.soupbintcp.tls} (in front of the native and POE
 * listeners) and {@code gateways.fix.tls} (in front of the FIX acceptor). Each TLS listener relays to its plain
 * listener on loopback (docs/tls.md); none is configured by default.
 *
 * @param nativeListen TLS listener for the native dialect, or {@code null}.
 * @param poeListen    TLS listener for the POE dialect, or {@code null}.
 * @param soupBinTcp   the SoupBinTCP listeners' TLS settings, or {@code null} when neither is configured.
 * @param fixListen    TLS listener for FIX, or {@code null}.
 * @param fix          the FIX listener's TLS settings, or {@code null}.
 */
public record GatewayTlsConfig(
    InetSocketAddress nativeListen,
    InetSocketAddress poeListen,
    TlsConfig soupBinTcp,
    InetSocketAddress fixListen,
    TlsConfig fix)
{
    /** No TLS listener: the default. */
    public static final GatewayTlsConfig NONE = new GatewayTlsConfig(null, null, null, null, null);

    private static final String SOUP = GatewayConfigBinder.SECTION + ".soupbintcp";
    private static final String FIX = GatewayConfigBinder.SECTION + ".fix";

    /**
     * Checks that each listener has its settings.
     */
    public GatewayTlsConfig
    {
        if ((nativeListen != null || poeListen != null) != (soupBinTcp != null) ||
            (fixListen != null) != (fix != null))
        {
            throw new IllegalArgumentException("a TLS listener needs TLS settings and TLS settings a listener");
        }
    }

    /**
     * @return whether any TLS listener is configured.
     */
    public boolean any()
    {
        return soupBinTcp != null || fix != null;
    }

    /**
     * @param root   a parsed node configuration.
     * @param source where it came from, for messages.
     * @return the settings, {@link #NONE} without a {@code gateways} section or TLS listeners.
     * @throws ConfigValidationException listing every problem: a listener without a key store, a key store without
     *                                   a listener, a TLS listener in front of a dialect that does not listen, and
     *                                   the {@code tls} keys' own errors.
     */
    public static GatewayTlsConfig bind(final Config root, final String source)
    {
        if (!root.hasPath(GatewayConfigBinder.SECTION))
        {
            return NONE;
        }
        final Config config;
        try
        {
            config = root.getConfig(GatewayConfigBinder.SECTION).atKey(GatewayConfigBinder.SECTION)
                .withFallback(ConfigFactory.parseResources("dx-gateway-defaults.conf")).resolve();
        }
        catch (final ConfigException ex)
        {
            throw new ConfigValidationException(source, ex);
        }
        final ConfigReader reader = new ConfigReader(config, source);
        final InetSocketAddress nativeListen = listener(config, reader, SOUP + ".tls.native", SOUP + ".native");
        final InetSocketAddress poeListen = listener(config, reader, SOUP + ".tls.poe", SOUP + ".poe");
        final TlsConfig soup = bindSettings(config, reader, SOUP + ".tls", nativeListen != null || poeListen != null,
            SOUP + ".tls.native or " + SOUP + ".tls.poe");
        final InetSocketAddress fixListen = listener(config, reader, FIX + ".tls.listen", FIX + ".listen");
        final TlsConfig fix = bindSettings(config, reader, FIX + ".tls", fixListen != null, FIX + ".tls.listen");
        reader.finish(Boolean.TRUE);
        return new GatewayTlsConfig(soup == null ? null : nativeListen, soup == null ? null : poeListen, soup,
            fix == null ? null : fixListen, fix);
    }

    private static InetSocketAddress listener(
        final Config config, final ConfigReader reader, final String key, final String plainKey)
    {
        final InetSocketAddress address = GatewayConfigBinder.address(config, reader, key);
        if (address != null && config.getString(plainKey).isBlank())
        {
            reader.reject(key, config.getString(key), "no TLS listener while " + plainKey + " is \"\" (TLS relays " +
                "to the plain listener on loopback)");
            return null;
        }
        return address;
    }

    /**
     * Binds a TLS listener's {@code tls} settings, requiring a key store when it listens and a listener when it has a
     * key store; shared by every edge's TLS section.
     *
     * @param config      the resolved configuration, defaults included.
     * @param reader      where problems are recorded.
     * @param path        the {@code tls} section, e.g. {@code gateways.fix.tls}.
     * @param listening   whether its listener is configured.
     * @param listenerKey the listener's key, for messages.
     * @return the settings, or {@code null} when there is no listener or a problem was recorded.
     */
    public static TlsConfig bindSettings(
        final Config config, final ConfigReader reader, final String path, final boolean listening,
        final String listenerKey)
    {
        final boolean keyStore = !config.getString(path + ".key-store").isBlank();
        if (listening && !keyStore)
        {
            reader.reject(path + ".key-store", "\"\"", "the server's PKCS#12 key store for " + listenerKey);
            return null;
        }
        if (!listening && keyStore)
        {
            reader.reject(listenerKey, "\"\"", "a TLS listener such as 0.0.0.0:31110 for " + path + ".key-store");
            return null;
        }
        return TlsConfigBinder.bind(config, reader, path);
    }
}
