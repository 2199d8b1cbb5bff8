package io.disruptorx.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * An authenticated user as the session layer sees it: the accounts it acts for, its roles and its session limits.
 * The first account is the default for messages that name none (POE has no account field).
 */
public final class User
{
    private final String name;
    private final long id;
    private final long[] accounts;
    private final SessionKind kind;
    private final Set<Role> roles;
    private final long permitted;
    private final long messagesPerSecond;
    private final long burst;
    private final boolean cancelOnDisconnect;

    /**
     * A user of a session kind: {@link SessionKind#TRADING} has role {@link Role#TRADER}, {@link
     * SessionKind#DROP_COPY} role {@link Role#DROP_COPY}.
     *
     * @param name               user name.
     * @param accounts           accounts, at least one, positive.
     * @param kind               trading or drop copy.
     * @param messagesPerSecond  sustained order entry messages per second its sessions may send.
     * @param burst              messages it may send at once after being quiet (token bucket depth).
     * @param cancelOnDisconnect whether its open orders are cancelled when its connection ends.
     */
    public User(
        final String name,
        final long[] accounts,
        final SessionKind kind,
        final long messagesPerSecond,
        final long burst,
        final boolean cancelOnDisconnect)
    {
        this(name, accounts, kind == null ? null : EnumSet.of(kind == SessionKind.DROP_COPY ? Role.DROP_COPY :
            Role.TRADER), messagesPerSecond, burst, cancelOnDisconnect);
    }

    /**
     * @param name               user name.
     * @param accounts           accounts, at least one, positive.
     * @param roles              at least one role.
     * @param messagesPerSecond  sustained order entry messages per second its sessions may send.
     * @param burst              messages it may send at once after being quiet (token bucket depth).
     * @param cancelOnDisconnect whether its open orders are cancelled when its connection ends.
     */
    public User(
        final String name,
        final long[] accounts,
        final Set<Role> roles,
        final long messagesPerSecond,
        final long burst,
        final boolean cancelOnDisconnect)
    {
        if (name == null || name.isBlank() || accounts == null || accounts.length == 0 || roles == null ||
            roles.isEmpty())
        {
            throw new IllegalArgumentException("a user needs a name, a role and at least one account");
        }
        for (final long account : accounts)
        {
            if (account < 1)
            {
                throw new IllegalArgumentException("user " + name + ": account ids are positive, was " + account);
            }
        }
        if (messagesPerSecond < 1 || burst < 1)
        {
            throw new IllegalArgumentException("user " + name + ": messages per second and burst must be positive");
        }
        this.name = name;
        this.id = idOf(name);
        this.accounts = accounts.clone();
        this.roles = Collections.unmodifiableSet(EnumSet.copyOf(roles));
        this.kind = roles.contains(Role.DROP_COPY) && !roles.contains(Role.TRADER) ? SessionKind.DROP_COPY :
            SessionKind.TRADING;
        this.permitted = RolePolicy.mask(roles);
        this.messagesPerSecond = messagesPerSecond;
        this.burst = burst;
        this.cancelOnDisconnect = cancelOnDisconnect;
    }

    /**
     * @return user name.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return the user's numeric id ({@link #idOf}), carried in every command the user's sessions journal.
     */
    public long id()
    {
        return id;
    }

    /**
     * The numeric id a user name stands for in the journal: the first eight bytes of the name's SHA-256 (UTF-8),
     * big-endian, as a positive number. It depends on the name alone, so it is the same on every gateway and
     * after every reload of the user file, and an auditor turns it back into a name by hashing the names of the
     * user file ({@code dx replay --users}). 0 never stands for a user: it means a command no user sent.
     *
     * @param name a user name.
     * @return its id, from 1 to {@link Long#MAX_VALUE}.
     */
    public static long idOf(final String name)
    {
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < Long.BYTES; i++)
            {
                value = (value << 8) | (digest[i] & 0xFF);
            }
            final long positive = value & Long.MAX_VALUE;
            return positive == 0 ? 1 : positive;
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is required of every JDK", ex);
        }
    }

    /**
     * @return how many accounts.
     */
    public int accountCount()
    {
        return accounts.length;
    }

    /**
     * @param index 0 to {@link #accountCount()} - 1.
     * @return that account.
     */
    public long account(final int index)
    {
        return accounts[index];
    }

    /**
     * @param accountId an account.
     * @return whether this user acts for it.
     */
    public boolean entitledTo(final long accountId)
    {
        for (final long account : accounts)
        {
            if (account == accountId)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return trading or drop copy.
     */
    public SessionKind kind()
    {
        return kind;
    }

    /**
     * @return the user's roles.
     */
    public Set<Role> roles()
    {
        return roles;
    }

    /**
     * @param command a command class.
     * @return whether any of the user's roles permits it; allocation-free.
     */
    public boolean permits(final CommandClass command)
    {
        return (permitted & (1L << command.ordinal())) != 0;
    }

    /**
     * @return whether none of the user's roles may change anything (viewers and drop copies).
     */
    public boolean readOnly()
    {
        return !roles.contains(Role.TRADER) && !roles.contains(Role.RISK) && !roles.contains(Role.OPERATOR);
    }

    /**
     * @return sustained messages per second.
     */
    public long messagesPerSecond()
    {
        return messagesPerSecond;
    }

    /**
     * @return token bucket depth.
     */
    public long burst()
    {
        return burst;
    }

    /**
     * @return whether open orders are cancelled when the connection ends.
     */
    public boolean cancelOnDisconnect()
    {
        return cancelOnDisconnect;
    }

    @Override
    public String toString()
    {
        return "User[" + name + ", " + roles + ", accounts " + Arrays.toString(accounts) + "]";
    }
}
