package io.disruptorx.gateway.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.security.auth.x500.X500Principal;

/**
 * One version of the user file, immutable: users with their password hashes, API keys and certificate subjects
 * ({@link UserFile} reads it; {@link UserDirectory} swaps versions on reload). Password checks go through a
 * {@link PasswordAuthenticator} of this version, so its cache of verified passwords ends with the version.
 */
public final class UserStore
{
    private final Map<String, User> users;
    private final PasswordAuthenticator passwords;
    private final Map<String, ApiKeyCredential> apiKeys;
    private final Map<String, User> subjects;

    /**
     * @param users     users by name.
     * @param passwords users that may log in with a password.
     * @param apiKeys   API keys by key id.
     * @param subjects  users by certificate subject in RFC 2253 canonical form ({@link #canonical}).
     */
    UserStore(
        final Map<String, User> users,
        final List<PasswordAuthenticator.Entry> passwords,
        final Map<String, ApiKeyCredential> apiKeys,
        final Map<String, User> subjects)
    {
        this.users = Collections.unmodifiableMap(new TreeMap<>(users));
        final Map<Long, String> ids = new TreeMap<>();
        for (final User user : this.users.values())
        {
            final String other = ids.put(user.id(), user.name());
            if (other != null)
            {
                throw new IllegalArgumentException("users " + other + " and " + user.name() + " have the same " +
                    "journal id " + user.id() + ": rename one");
            }
        }
        this.passwords = new PasswordAuthenticator(passwords);
        this.apiKeys = Map.copyOf(apiKeys);
        this.subjects = Map.copyOf(subjects);
    }

    /**
     * @param name a user name.
     * @return the user, or {@code null}.
     */
    public User user(final String name)
    {
        return users.get(name);
    }

    /**
     * @return every user, by name.
     */
    public List<User> users()
    {
        return new ArrayList<>(users.values());
    }

    /**
     * @return how many API keys.
     */
    public int apiKeyCount()
    {
        return apiKeys.size();
    }

    User authenticate(final String username, final String password)
    {
        return passwords.authenticate(username, password);
    }

    ApiKeyCredential apiKey(final String key)
    {
        return apiKeys.get(key);
    }

    /**
     * @param subject a certificate's subject.
     * @return the user it maps to, or {@code null}.
     */
    public User userForSubject(final X500Principal subject)
    {
        return subjects.get(subject.getName(X500Principal.CANONICAL));
    }

    /**
     * @param subject a distinguished name such as {@code CN=alice,O=Example}.
     * @return its canonical form, so that spacing and case do not matter.
     * @throws IllegalArgumentException when it is not a distinguished name.
     */
    public static String canonical(final String subject)
    {
        return new X500Principal(subject).getName(X500Principal.CANONICAL);
    }

    @Override
    public String toString()
    {
        return "UserStore[" + users.size() + " users, " + apiKeys.size() + " API keys, " + subjects.size() +
            " certificate subjects]";
    }
}
