package io.disruptorx.gateway.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A PBKDF2 (HMAC-SHA256) password hash in the text form {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (salt and
 * hash in base 64), as user stores keep it. {@link #create} makes one; {@link #matches} checks a password in
 * constant time for its length.
 */
public final class PasswordHash
{
    /** Iterations of new hashes. */
    public static final int DEFAULT_ITERATIONS = 60_000;

    private static final String PREFIX = "pbkdf2-sha256";
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(final int iterations, final byte[] salt, final byte[] hash)
    {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /**
     * @param password   the password.
     * @param iterations PBKDF2 iterations, at least 1,000.
     * @param random     salt source.
     * @return the hash.
     */
    public static PasswordHash create(final String password, final int iterations, final SecureRandom random)
    {
        if (iterations < 1_000)
        {
            throw new IllegalArgumentException("use at least 1,000 iterations, was " + iterations);
        }
        final byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations));
    }

    /**
     * @param text {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}.
     * @return the hash.
     * @throws IllegalArgumentException when the text is not in that form.
     */
    public static PasswordHash parse(final String text)
    {
        final String[] parts = text.split("\\$");
        if (parts.length != 4 || !PREFIX.equals(parts[0]))
        {
            throw new IllegalArgumentException("expected " + PREFIX + "$ITERATIONS$SALT$HASH");
        }
        try
        {
            final int iterations = Integer.parseInt(parts[1]);
            final byte[] salt = Base64.getDecoder().decode(parts[2]);
            final byte[] hash = Base64.getDecoder().decode(parts[3]);
            if (iterations < 1_000 || salt.length < 8 || hash.length != HASH_BITS / 8)
            {
                throw new IllegalArgumentException("iterations below 1,000, salt below 8 bytes or hash not 32 bytes");
            }
            return new PasswordHash(iterations, salt, hash);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("iterations are not a number: " + parts[1], ex);
        }
    }

    /**
     * @param password a candidate.
     * @return whether it is the password this hash was made from.
     */
    public boolean matches(final String password)
    {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    /**
     * @return iterations.
     */
    public int iterations()
    {
        return iterations;
    }

    @Override
    public String toString()
    {
        final Base64.Encoder encoder = Base64.getEncoder().withoutPadding();
        return PREFIX + "$" + iterations + "$" + encoder.encodeToString(salt) + "$" + encoder.encodeToString(hash);
    }

    private static byte[] derive(final String password, final byte[] salt, final int iterations)
    {
        final char[] chars = password.toCharArray();
        final PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BITS);
        try
        {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("the JDK lacks " + ALGORITHM, ex);
        }
        finally
        {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }
}
