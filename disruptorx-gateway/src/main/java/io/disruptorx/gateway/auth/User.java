package io.disruptorx.gateway.auth;

import java.util.Arrays;

/**
 * An authenticated user as the session layer sees it: the accounts it acts for and its session limits. The
 * first account is the default for messages that name none (POE has no account field).
 */
public final class User
{
    private final String name;
    private final long[] accounts;
    private final SessionKind kind;
    private final long messagesPerSecond;
    private final long burst;
    private final boolean cancelOnDisconnect;

    /**
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
        if (name == null || name.isBlank() || accounts == null || accounts.length == 0 || kind == null)
        {
            throw new IllegalArgumentException("a user needs a name, a kind and at least one account");
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
        this.accounts = accounts.clone();
        this.kind = kind;
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
        return "User[" + name + ", " + kind + ", accounts " + Arrays.toString(accounts) + "]";
    }
}
