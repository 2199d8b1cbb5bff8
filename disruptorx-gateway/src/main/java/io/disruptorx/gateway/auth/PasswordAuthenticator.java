package io.disruptorx.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Users with PBKDF2 password hashes, from configuration. A PBKDF2 check takes milliseconds on purpose and runs on
 * the gateway thread, so after a user's first successful login a SHA-256 of the password is kept in memory and
 * later logins of that user (reconnects) are checked against it in microseconds; a wrong password always pays
 * the full PBKDF2 cost. An unknown user name pays it too, against a dummy hash, so timing does not tell which
 * names exist.
 */
public final class PasswordAuthenticator implements Authenticator
{
    /**
     * A configured user.
     *
     * @param user         the user.
     * @param passwordHash its password hash.
     */
    public record Entry(User user, PasswordHash passwordHash)
    {
    }

    private final Map<String, Entry> users = new HashMap<>();
    private final Map<String, byte[]> verified = new HashMap<>();
    private final PasswordHash dummy;

    /**
     * @param entries users; names must be unique.
     */
    public PasswordAuthenticator(final List<Entry> entries)
    {
        int iterations = PasswordHash.DEFAULT_ITERATIONS;
        for (final Entry entry : entries)
        {
            if (users.put(entry.user().name(), entry) != null)
            {
                throw new IllegalArgumentException("user " + entry.user().name() + " is listed twice");
            }
            iterations = entry.passwordHash().iterations();
        }
        dummy = PasswordHash.create("", iterations, new SecureRandom());
    }

    @Override
    public User authenticate(final String username, final String password)
    {
        final Entry entry = users.get(username);
        if (entry == null)
        {
            dummy.matches(password);
            return null;
        }
        final byte[] digest = sha256(password);
        final byte[] known = verified.get(username);
        if (known != null && MessageDigest.isEqual(known, digest))
        {
            return entry.user();
        }
        if (!entry.passwordHash().matches(password))
        {
            return null;
        }
        verified.put(username, digest);
        return entry.user();
    }

    private static byte[] sha256(final String password)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("the JDK lacks SHA-256", ex);
        }
    }
}
