package io.disruptorx.gateway.json;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.disruptorx.core.config.ConfigReader;
import io.disruptorx.core.config.ConfigValidationException;
import io.disruptorx.core.net.ConnectionLimiter;
import io.disruptorx.core.tls.TlsConfig;
import io.disruptorx.gateway.auth.ApiKeyCredential;
import io.disruptorx.gateway.auth.User;
import io.disruptorx.gateway.config.GatewayTlsConfig;

/**
 * The {@code gateways.json} section of a node configuration (defaults in {@code dx-gateway-json-defaults.conf}):
 * where the JSON edge listens and its API keys, each acting as a user of the {@code gateways.users} list.
 *
 * @param address         where its HTTP server listens.
 * @param maxPayloadBytes largest body, query or WebSocket message.
 * @param answerTimeoutMs how long a request waits for the venue.
 * @param keys            the API keys.
 * @param assets          names and scales of the engine's assets, for {@code GET /api/v3/account}.
 * @param maxConnections  HTTP and WebSocket connections its server holds at once; one more is closed at accept,
 *                        before anything is read, and counted.
 * @param maxConnectionsPerAddress connections its server holds at once from one source address.
 * @param tlsAddress      where its HTTPS and WSS listener serves the same endpoints ({@code gateways.json.tls}),
 *                        or {@code null} for none.
 * @param tls             that listener's TLS settings (client certificates name users with mutual TLS), or
 *                        {@code null}.
 */
public record JsonConfig(InetSocketAddress address, int maxPayloadBytes, long answerTimeoutMs,
    List<ApiKeyCredential> keys, List<AssetSpec> assets, int maxConnections, int maxConnectionsPerAddress,
    InetSocketAddress tlsAddress, TlsConfig tls)
{
    /** The section's key. */
    public static final String SECTION = "gateways.json";
    private static final String TLS = SECTION + ".tls";
    private static final Config KEY_KEYS = ConfigFactory.parseString(
        "key = x, user = x, algorithm = x, secret = x, public-key = x");
    private static final Config ASSET_KEYS = ConfigFactory.parseString("id = 0, name = x, scale = 0");

    /**
     * Settings without asset names: {@code GET /api/v3/account} names assets by id, in their smallest units.
     *
     * @param address         where its HTTP server listens.
     * @param maxPayloadBytes largest body, query or WebSocket message.
     * @param answerTimeoutMs how long a request waits for the venue.
     * @param keys            the API keys.
     */
    public JsonConfig(final InetSocketAddress address, final int maxPayloadBytes, final long answerTimeoutMs,
        final List<ApiKeyCredential> keys)
    {
        this(address, maxPayloadBytes, answerTimeoutMs, keys, List.of());
    }

    /**
     * Settings with the default connection limits (1,024 in all, 64 from one address).
     *
     * @param address         where its HTTP server listens.
     * @param maxPayloadBytes largest body, query or WebSocket message.
     * @param answerTimeoutMs how long a request waits for the venue.
     * @param keys            the API keys.
     * @param assets          names and scales of the engine's assets.
     */
    public JsonConfig(final InetSocketAddress address, final int maxPayloadBytes, final long answerTimeoutMs,
        final List<ApiKeyCredential> keys, final List<AssetSpec> assets)
    {
        this(address, maxPayloadBytes, answerTimeoutMs, keys, assets, ConnectionLimiter.DEFAULT_MAX_CONNECTIONS,
            ConnectionLimiter.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
    }

    /**
     * Settings without a TLS listener.
     *
     * @param address         where its HTTP server listens.
     * @param maxPayloadBytes largest body, query or WebSocket message.
     * @param answerTimeoutMs how long a request waits for the venue.
     * @param keys            the API keys.
     * @param assets          names and scales of the engine's assets.
     * @param maxConnections  connections its server holds at once.
     * @param maxConnectionsPerAddress connections its server holds at once from one source address.
     */
    public JsonConfig(final InetSocketAddress address, final int maxPayloadBytes, final long answerTimeoutMs,
        final List<ApiKeyCredential> keys, final List<AssetSpec> assets, final int maxConnections,
        final int maxConnectionsPerAddress)
    {
        this(address, maxPayloadBytes, answerTimeoutMs, keys, assets, maxConnections, maxConnectionsPerAddress, null,
            null);
    }

    /**
     * Checks the lists, the connection limits and that a TLS listener has its settings.
     */
    public JsonConfig
    {
        keys = List.copyOf(keys);
        assets = List.copyOf(assets);
        ConnectionLimiter.check(maxConnections, maxConnectionsPerAddress);
        if ((tlsAddress == null) != (tls == null))
        {
            throw new IllegalArgumentException("a TLS listener needs TLS settings and TLS settings a listener");
        }
    }

    /**
     * @param total      connections its server holds at once.
     * @param perAddress connections its server holds at once from one source address.
     * @return a copy with these limits (the TLS listener's too).
     */
    public JsonConfig withConnectionLimits(final int total, final int perAddress)
    {
        return new JsonConfig(address, maxPayloadBytes, answerTimeoutMs, keys, assets, total, perAddress, tlsAddress,
            tls);
    }

    /**
     * @param listen   where the HTTPS and WSS listener serves (port 0 for a free one).
     * @param settings its TLS settings.
     * @return a copy with that listener beside the plain one.
     */
    public JsonConfig withTls(final InetSocketAddress listen, final TlsConfig settings)
    {
        return new JsonConfig(address, maxPayloadBytes, answerTimeoutMs, keys, assets, maxConnections,
            maxConnectionsPerAddress, listen, settings);
    }

    /**
     * @param root   a parsed configuration.
     * @param source where it came from, for messages.
     * @param users  the gateway's users, by which keys name theirs.
     * @return the settings, or {@code null} when there is no such section or it listens nowhere.
     * @throws ConfigValidationException listing every problem.
     */
    public static JsonConfig bind(final Config root, final String source, final List<User> users)
    {
        if (!root.hasPath(SECTION))
        {
            return null;
        }
        final Config defaults = ConfigFactory.parseResources("dx-gateway-json-defaults.conf");
        final Config given;
        final Config config;
        try
        {
            given = root.getConfig(SECTION).atPath(SECTION);
            config = given.withFallback(defaults).resolve();
        }
        catch (final ConfigException ex)
        {
            throw new ConfigValidationException(source, ex);
        }
        final ConfigReader reader = new ConfigReader(config, source);
        reader.rejectUnknownKeys(given, defaults);
        final InetSocketAddress address = address(config, reader, SECTION + ".listen", "127.0.0.1:31180");
        InetSocketAddress tlsAddress = address(config, reader, TLS + ".listen", "0.0.0.0:31190");
        if (tlsAddress != null && address == null)
        {
            reader.reject(TLS + ".listen", tlsAddress.toString(), "no TLS listener while " + SECTION + ".listen is " +
                "\"\" (it serves the same endpoints; bind the plain one to 127.0.0.1 to offer TLS only)");
            tlsAddress = null;
        }
        final TlsConfig tls = GatewayTlsConfig.bindSettings(config, reader, TLS, tlsAddress != null, TLS + ".listen");
        final int maxPayload = reader.intIn(SECTION + ".max-payload-bytes", 256, 1 << 20);
        final long timeout = reader.durationIn(SECTION + ".answer-timeout", java.time.Duration.ofMillis(10),
            java.time.Duration.ofMinutes(1)).toMillis();
        final List<ApiKeyCredential> keys = new ArrayList<>();
        final List<? extends Config> items = config.getConfigList(SECTION + ".api-keys");
        for (int i = 0; i < items.size(); i++)
        {
            final String at = SECTION + ".api-keys[" + i + "]";
            final Config item = items.get(i);
            final ConfigReader itemReader = new ConfigReader(item, at);
            itemReader.rejectUnknownKeys(item, KEY_KEYS);
            final String key = itemReader.nonBlank("key");
            final String name = itemReader.nonBlank("user");
            final User user = users.stream().filter(u -> u.name().equals(name)).findFirst().orElse(null);
            if (user == null)
            {
                reader.reject(at + ".user", name, "a user of gateways.users");
                continue;
            }
            final String algorithm = itemReader.nonBlank("algorithm");
            try
            {
                if ("hmac-sha256".equals(algorithm) && item.hasPath("secret"))
                {
                    keys.add(new ApiKeyCredential(key, user, ApiKeyCredential.SignatureAlgorithm.HMAC_SHA256,
                        item.getString("secret").getBytes(StandardCharsets.UTF_8)));
                }
                else if ("ed25519".equals(algorithm) && item.hasPath("public-key"))
                {
                    keys.add(new ApiKeyCredential(key, user, ApiKeyCredential.SignatureAlgorithm.ED25519,
                        Base64.getDecoder().decode(item.getString("public-key"))));
                }
                else
                {
                    reader.reject(at, algorithm, "hmac-sha256 with a secret, or ed25519 with a public-key");
                }
            }
            catch (final IllegalArgumentException ex)
            {
                reader.reject(at, key, "a key with base64 key material: " + ex.getMessage());
            }
            itemReader.finish(Boolean.TRUE);
        }
        final List<AssetSpec> assets = assets(config, reader);
        final int maxConnections = reader.intIn(SECTION + ".max-connections", 1, 1 << 20);
        final int maxPerAddress = reader.intIn(SECTION + ".max-connections-per-address", 1, 1 << 20);
        if (maxPerAddress > maxConnections)
        {
            reader.reject(SECTION + ".max-connections-per-address", Integer.toString(maxPerAddress),
                "at most max-connections (" + maxConnections + ")");
        }
        return reader.finish(address == null ? null : new JsonConfig(address, maxPayload, timeout, keys, assets,
            maxConnections, Math.min(maxPerAddress, maxConnections), tls == null ? null : tlsAddress, tls));
    }

    private static InetSocketAddress address(
        final Config config, final ConfigReader reader, final String key, final String example)
    {
        final String listen = config.getString(key).trim();
        if (listen.isEmpty())
        {
            return null;
        }
        final int colon = listen.lastIndexOf(':');
        try
        {
            final int port = Integer.parseInt(listen.substring(colon + 1));
            if (colon <= 0 || port < 0 || port > 65_535)
            {
                throw new NumberFormatException(listen);
            }
            return new InetSocketAddress(listen.substring(0, colon), port);
        }
        catch (final NumberFormatException | StringIndexOutOfBoundsException ex)
        {
            reader.reject(key, listen, "HOST:PORT such as " + example + " (0: any free port)");
            return null;
        }
    }

    private static List<AssetSpec> assets(final Config config, final ConfigReader reader)
    {
        final List<AssetSpec> assets = new ArrayList<>();
        final List<? extends Config> items = config.getConfigList(SECTION + ".assets");
        for (int i = 0; i < items.size(); i++)
        {
            final String at = SECTION + ".assets[" + i + "]";
            final Config item = items.get(i);
            final ConfigReader itemReader = new ConfigReader(item, at);
            itemReader.rejectUnknownKeys(item, ASSET_KEYS);
            try
            {
                final AssetSpec asset = new AssetSpec(item.getInt("id"), item.getString("name"), item.getInt("scale"));
                if (assets.stream().anyMatch(other -> other.id() == asset.id()))
                {
                    reader.reject(at + ".id", Integer.toString(asset.id()), "an id no other asset has");
                }
                assets.add(asset);
            }
            catch (final ConfigException | IllegalArgumentException ex)
            {
                reader.reject(at, item.root().render(com.typesafe.config.ConfigRenderOptions.concise()),
                    "{ id = 0, name = \"USD\", scale = 2 }: " + ex.getMessage());
            }
            itemReader.finish(Boolean.TRUE);
        }
        return assets;
    }
}
