package io.disruptorx.core.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.disruptorx.core.config.ConfigReader;

/**
 * Binds an edge's {@code tls} section of a HOCON file onto a {@link TlsConfig}, recording every invalid key on the
 * file's {@link ConfigReader}. Passwords come from files (one line, read once, never printed), so a configuration
 * file can be shared without its secrets:
 *
 * <pre>{@code
 * tls {
 *   key-store = "certs/server.p12"            # "" for plain TCP
 *   key-store-password-file = "certs/password"
 *   trust-store = ""                          # authorities of client certificates
 *   trust-store-password-file = ""
 *   protocols = ["TLSv1.3"]
 *   cipher-suites = []                        # [] for the JDK's defaults
 *   client-auth = none                        # none | optional | required
 *   provider = jdk                            # jdk | openssl (BoringSSL through Netty; linux-x86_64)
 * }
 * }</pre>
 */
public final class TlsConfigBinder
{
    private TlsConfigBinder()
    {
    }

    /**
     * @param config the resolved configuration, defaults included.
     * @param reader where errors are recorded.
     * @param path   the section, for example {@code node.http.tls}.
     * @return the settings, or {@code null} when the section's key store is empty (plain TCP) or invalid.
     */
    public static TlsConfig bind(final Config config, final ConfigReader reader, final String path)
    {
        final String keyStore = config.getString(path + ".key-store");
        final TlsConfig.ClientAuth auth = reader.enumOf(path + ".client-auth", TlsConfig.ClientAuth.class);
        if (keyStore.isBlank())
        {
            if (auth != TlsConfig.ClientAuth.NONE)
            {
                reader.reject(path + ".client-auth", auth.name(), "none without a key-store (plain TCP)");
            }
            return null;
        }
        final char[] keyPassword = password(config, reader, path + ".key-store-password-file");
        final String trustStore = config.getString(path + ".trust-store");
        final char[] trustPassword = trustStore.isBlank() ? null :
            password(config, reader, path + ".trust-store-password-file");
        final List<String> protocols = strings(config, reader, path + ".protocols");
        final List<String> suites = strings(config, reader, path + ".cipher-suites");
        final TlsConfig.Provider provider = config.hasPath(path + ".provider") ?
            reader.enumOf(path + ".provider", TlsConfig.Provider.class) : TlsConfig.Provider.JDK;
        if (protocols.isEmpty())
        {
            reader.reject(path + ".protocols", "[]", "at least one protocol, e.g. [\"TLSv1.3\"]");
        }
        if (auth != TlsConfig.ClientAuth.NONE && trustStore.isBlank())
        {
            reader.reject(path + ".trust-store", "\"\"", "the authorities of client certificates when client-auth " +
                "is " + auth.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (keyPassword == null || protocols.isEmpty() || !trustStore.isBlank() && trustPassword == null ||
            auth != TlsConfig.ClientAuth.NONE && trustStore.isBlank())
        {
            return null;
        }
        return new TlsConfig(Path.of(keyStore), keyPassword, trustStore.isBlank() ? null : Path.of(trustStore),
            trustPassword, protocols, suites, auth, provider);
    }

    private static char[] password(final Config config, final ConfigReader reader, final String key)
    {
        final String file = config.getString(key);
        if (file.isBlank())
        {
            reader.reject(key, "\"\"", "a file holding the store's password");
            return null;
        }
        try
        {
            final List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isEmpty())
            {
                reader.reject(key, file, "a file whose first line is the password (it is empty)");
                return null;
            }
            return lines.get(0).toCharArray();
        }
        catch (final IOException ex)
        {
            reader.reject(key, file, "a readable file holding the store's password (" + ex.getClass().getSimpleName() +
                ")");
            return null;
        }
    }

    private static List<String> strings(final Config config, final ConfigReader reader, final String key)
    {
        try
        {
            return config.getStringList(key);
        }
        catch (final ConfigException ex)
        {
            reader.reject(key, String.valueOf(config.getValue(key).unwrapped()), "a list of names");
            return List.of();
        }
    }
}
