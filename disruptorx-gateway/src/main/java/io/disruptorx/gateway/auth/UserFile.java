package io.disruptorx.gateway.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;

/**
 * Reads the user file (HOCON, format in docs/security.md) into a {@link UserStore}. Every problem is collected and
 * reported at once, naming the entry and key; the values of secrets (password hashes, HMAC secrets) never appear
 * in a message.
 *
 * <pre>
 * users = [
 *   { name = alice, password-hash = "pbkdf2-sha256$...", roles = [trader], accounts = [101, 102],
 *     messages-per-second = 1000, burst = 100, cancel-on-disconnect = true,
 *     certificate-subjects = ["CN=alice,O=Example"],
 *     api-keys = [ { key = "ak1", hmac-secret = "BASE64" }, { key = "ak2", ed25519-public-key = "BASE64" } ] }
 * ]
 * </pre>
 */
public final class UserFile
{
    /** Default sustained messages per second of a user. */
    public static final long DEFAULT_MESSAGES_PER_SECOND = 10_000;
    /** Default token bucket depth of a user. */
    public static final long DEFAULT_BURST = 1_000;

    private static final Set<String> USER_KEYS = Set.of("name", "password-hash", "roles", "accounts",
        "messages-per-second", "burst", "cancel-on-disconnect", "certificate-subjects", "api-keys");
    private static final Set<String> KEY_KEYS = Set.of("key", "hmac-secret", "ed25519-public-key");
    private static final int MIN_HMAC_SECRET_BYTES = 16;

    private UserFile()
    {
    }

    /**
     * @param file the user file.
     * @return its users.
     * @throws UserFileException listing every problem.
     */
    public static UserStore read(final Path file)
    {
        final Config config;
        try
        {
            config = ConfigFactory.parseString(Files.readString(file),
                ConfigParseOptions.defaults().setOriginDescription(file.toString())).resolve();
        }
        catch (final IOException ex)
        {
            throw new UserFileException(file + ": cannot read (" + ex.getClass().getSimpleName() + ")");
        }
        catch (final ConfigException ex)
        {
            throw new UserFileException(file + ": not valid HOCON at line " +
                (ex.origin() == null ? "?" : ex.origin().lineNumber()));
        }
        return parse(config, file.toString());
    }

    /**
     * @param config the parsed file.
     * @param source where it came from, for messages.
     * @return its users.
     * @throws UserFileException listing every problem.
     */
    public static UserStore parse(final Config config, final String source)
    {
        final List<String> problems = new ArrayList<>();
        final Map<String, User> users = new HashMap<>();
        final List<PasswordAuthenticator.Entry> passwords = new ArrayList<>();
        final Map<String, ApiKeyCredential> apiKeys = new HashMap<>();
        final Map<String, User> subjects = new HashMap<>();
        for (final String key : config.root().keySet())
        {
            if (!"users".equals(key))
            {
                problems.add(key + ": unknown key (the file has one key, users)");
            }
        }
        List<? extends Config> items = List.of();
        try
        {
            items = config.getConfigList("users");
        }
        catch (final ConfigException ex)
        {
            problems.add("users: expected a list of user objects");
        }
        for (int i = 0; i < items.size(); i++)
        {
            final Config item = items.get(i);
            final String at = "users[" + i + "]";
            final int before = problems.size();
            for (final String key : item.root().keySet())
            {
                if (!USER_KEYS.contains(key))
                {
                    problems.add(at + "." + key + ": unknown key, expected one of " + new TreeSet<>(USER_KEYS));
                }
            }
            final String name = string(item, "name", at, problems);
            final Set<Role> roles = roles(item, at, problems);
            final long[] accounts = accounts(item, at, problems);
            final long rate = positive(item, "messages-per-second", DEFAULT_MESSAGES_PER_SECOND, at, problems);
            final long burst = positive(item, "burst", DEFAULT_BURST, at, problems);
            final boolean cancelOnDisconnect = flag(item, "cancel-on-disconnect", at, problems);
            PasswordHash hash = null;
            if (item.hasPath("password-hash"))
            {
                try
                {
                    hash = PasswordHash.parse(item.getString("password-hash"));
                }
                catch (final RuntimeException ex)
                {
                    problems.add(at + ".password-hash: expected pbkdf2-sha256$ITERATIONS$SALT$HASH " +
                        "(at least 1,000 iterations, salt of 8 bytes or more, hash of 32 bytes)");
                }
            }
            if (problems.size() > before)
            {
                continue;
            }
            if (users.containsKey(name))
            {
                problems.add(at + ".name: " + name + " is listed twice");
                continue;
            }
            final User user;
            try
            {
                user = new User(name, accounts, roles, rate, burst, cancelOnDisconnect);
            }
            catch (final IllegalArgumentException ex)
            {
                problems.add(at + ": " + ex.getMessage());
                continue;
            }
            users.put(name, user);
            if (hash != null)
            {
                passwords.add(new PasswordAuthenticator.Entry(user, hash));
            }
            subjects(item, at, user, subjects, problems);
            apiKeys(item, at, user, apiKeys, problems);
        }
        if (!problems.isEmpty())
        {
            throw new UserFileException(source + ": " + String.join("; ", problems));
        }
        return new UserStore(users, passwords, apiKeys, subjects);
    }

    private static String string(final Config item, final String key, final String at, final List<String> problems)
    {
        try
        {
            final String value = item.getString(key).trim();
            if (!value.isEmpty())
            {
                return value;
            }
        }
        catch (final ConfigException ex)
        {
            // reported below
        }
        problems.add(at + "." + key + ": expected a non-blank string");
        return "";
    }

    private static Set<Role> roles(final Config item, final String at, final List<String> problems)
    {
        final Set<Role> roles = EnumSet.noneOf(Role.class);
        try
        {
            for (final String role : item.getStringList("roles"))
            {
                try
                {
                    roles.add(Role.valueOf(role.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
                }
                catch (final IllegalArgumentException ex)
                {
                    problems.add(at + ".roles: " + role + " is not one of trader, risk, operator, viewer, drop-copy");
                }
            }
        }
        catch (final ConfigException ex)
        {
            problems.add(at + ".roles: expected a list of roles (trader, risk, operator, viewer, drop-copy)");
        }
        if (roles.isEmpty() && problems.stream().noneMatch(p -> p.startsWith(at + ".roles")))
        {
            problems.add(at + ".roles: expected at least one role");
        }
        return roles;
    }

    private static long[] accounts(final Config item, final String at, final List<String> problems)
    {
        try
        {
            final long[] accounts = item.getLongList("accounts").stream().mapToLong(Long::longValue).toArray();
            for (final long account : accounts)
            {
                if (account < 1)
                {
                    problems.add(at + ".accounts: account ids are positive, was " + account);
                }
            }
            if (accounts.length == 0)
            {
                problems.add(at + ".accounts: expected at least one account id");
            }
            return accounts;
        }
        catch (final ConfigException ex)
        {
            problems.add(at + ".accounts: expected a list of positive account ids");
            return new long[0];
        }
    }

    private static long positive(
        final Config item, final String key, final long fallback, final String at, final List<String> problems)
    {
        if (!item.hasPath(key))
        {
            return fallback;
        }
        try
        {
            final long value = item.getLong(key);
            if (value >= 1 && value <= 1_000_000_000L)
            {
                return value;
            }
        }
        catch (final ConfigException ex)
        {
            // reported below
        }
        problems.add(at + "." + key + ": expected an integer in [1, 1000000000]");
        return fallback;
    }

    private static boolean flag(final Config item, final String key, final String at, final List<String> problems)
    {
        try
        {
            return item.hasPath(key) && item.getBoolean(key);
        }
        catch (final ConfigException ex)
        {
            problems.add(at + "." + key + ": expected true or false");
            return false;
        }
    }

    private static void subjects(
        final Config item, final String at, final User user, final Map<String, User> subjects,
        final List<String> problems)
    {
        if (!item.hasPath("certificate-subjects"))
        {
            return;
        }
        try
        {
            for (final String subject : item.getStringList("certificate-subjects"))
            {
                try
                {
                    final String canonical = UserStore.canonical(subject);
                    if (subjects.putIfAbsent(canonical, user) != null)
                    {
                        problems.add(at + ".certificate-subjects: " + subject + " belongs to another user too");
                    }
                }
                catch (final IllegalArgumentException ex)
                {
                    problems.add(at + ".certificate-subjects: " + subject + " is not a distinguished name");
                }
            }
        }
        catch (final ConfigException ex)
        {
            problems.add(at + ".certificate-subjects: expected a list of distinguished names");
        }
    }

    private static void apiKeys(
        final Config item, final String at, final User user, final Map<String, ApiKeyCredential> apiKeys,
        final List<String> problems)
    {
        if (!item.hasPath("api-keys"))
        {
            return;
        }
        final List<? extends Config> keys;
        try
        {
            keys = item.getConfigList("api-keys");
        }
        catch (final ConfigException ex)
        {
            problems.add(at + ".api-keys: expected a list of { key, hmac-secret | ed25519-public-key }");
            return;
        }
        for (int k = 0; k < keys.size(); k++)
        {
            final Config key = keys.get(k);
            final String where = at + ".api-keys[" + k + "]";
            for (final String name : key.root().keySet())
            {
                if (!KEY_KEYS.contains(name))
                {
                    problems.add(where + "." + name + ": unknown key, expected key and hmac-secret or " +
                        "ed25519-public-key");
                }
            }
            final String id = string(key, "key", where, problems);
            final boolean hmac = key.hasPath("hmac-secret");
            final boolean ed25519 = key.hasPath("ed25519-public-key");
            if (hmac == ed25519)
            {
                problems.add(where + ": expected exactly one of hmac-secret and ed25519-public-key");
                continue;
            }
            final byte[] bytes = hmac ? secret(key, where, problems) : publicKey(key, where, problems);
            if (bytes == null || id.isEmpty())
            {
                continue;
            }
            if (apiKeys.containsKey(id))
            {
                problems.add(where + ".key: " + id + " is listed twice");
                continue;
            }
            apiKeys.put(id, new ApiKeyCredential(id, user, hmac ? ApiKeyCredential.SignatureAlgorithm.HMAC_SHA256 :
                ApiKeyCredential.SignatureAlgorithm.ED25519, bytes));
        }
    }

    private static byte[] secret(final Config key, final String where, final List<String> problems)
    {
        try
        {
            final byte[] secret = Base64.getDecoder().decode(key.getString("hmac-secret").trim());
            if (secret.length >= MIN_HMAC_SECRET_BYTES)
            {
                return secret;
            }
        }
        catch (final ConfigException | IllegalArgumentException ex)
        {
            // reported below, without the value
        }
        problems.add(where + ".hmac-secret: expected base 64 of at least " + MIN_HMAC_SECRET_BYTES + " bytes");
        return null;
    }

    private static byte[] publicKey(final Config key, final String where, final List<String> problems)
    {
        try
        {
            final byte[] encoded = Base64.getDecoder().decode(key.getString("ed25519-public-key").trim());
            KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
            return encoded;
        }
        catch (final ConfigException | IllegalArgumentException | GeneralSecurityException ex)
        {
            problems.add(where + ".ed25519-public-key: expected base 64 of an Ed25519 public key in X.509 " +
                "(SubjectPublicKeyInfo) form");
            return null;
        }
    }
}
