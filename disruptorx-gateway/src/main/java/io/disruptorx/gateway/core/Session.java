package io.disruptorx.gateway.core;

import io.disruptorx.gateway.auth.User;

/**
 * A logical order-entry session: one user on one protocol, for the life of the gateway. Its reports are
 * sequenced into its own {@link ReportStore}; a connection attaches to it at login (at most one at a time) and
 * sends from the store, so a client that reconnects continues the same sequence. Touched only by the gateway
 * thread.
 */
public final class Session
{
    private final int index;
    private final User user;
    private final int protocol;
    private final ReportFilter filter;
    private final ReportStore store;
    private final TokenBucket throttle;
    private final AccountState[] accounts;
    boolean connected;
    OrderState firstOwned;
    long cancelAfterMillis;
    long cancelAfterDeadline;
    long cancelAfterRequestId;

    Session(
        final int index,
        final User user,
        final int protocol,
        final ReportFilter filter,
        final int storeCapacity,
        final AccountState[] accounts)
    {
        this.index = index;
        this.user = user;
        this.protocol = protocol;
        this.filter = filter;
        this.store = new ReportStore(storeCapacity);
        this.throttle = new TokenBucket(user.messagesPerSecond(), user.burst());
        this.accounts = accounts;
    }

    /**
     * @return position in the gateway's session table.
     */
    public int index()
    {
        return index;
    }

    /**
     * @return the user.
     */
    public User user()
    {
        return user;
    }

    /**
     * @return the protocol id given at login.
     */
    public int protocol()
    {
        return protocol;
    }

    /**
     * @return the session's reports; a connection sends from {@link ReportStore#read}.
     */
    public ReportStore store()
    {
        return store;
    }

    /**
     * @return whether a connection is attached.
     */
    public boolean connected()
    {
        return connected;
    }

    /**
     * @return whether the dead-man switch is armed.
     */
    public boolean cancelAfterArmed()
    {
        return cancelAfterMillis > 0;
    }

    ReportFilter filter()
    {
        return filter;
    }

    TokenBucket throttle()
    {
        return throttle;
    }

    AccountState[] accounts()
    {
        return accounts;
    }

    AccountState account(final long accountId)
    {
        for (final AccountState account : accounts)
        {
            if (account.accountId == accountId)
            {
                return account;
            }
        }
        return null;
    }

    void own(final OrderState order)
    {
        order.owner = this;
        order.ownerPrevious = null;
        order.ownerNext = firstOwned;
        if (firstOwned != null)
        {
            firstOwned.ownerPrevious = order;
        }
        firstOwned = order;
    }

    void disown(final OrderState order)
    {
        if (order.ownerPrevious != null)
        {
            order.ownerPrevious.ownerNext = order.ownerNext;
        }
        else
        {
            firstOwned = order.ownerNext;
        }
        if (order.ownerNext != null)
        {
            order.ownerNext.ownerPrevious = order.ownerPrevious;
        }
        order.owner = null;
        order.ownerPrevious = null;
        order.ownerNext = null;
    }
}
