package io.disruptorx.gateway.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.disruptorx.gateway.auth.User;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * The gateway's sessions (one per user and protocol, created at the first login and kept) and the accounts it
 * tracks, each with the sessions entitled to it.
 */
final class SessionRegistry
{
    private final Map<String, Session> byUserAndProtocol = new HashMap<>();
    private final List<Session> sessions = new ArrayList<>();
    private final Long2ObjectHashMap<AccountState> accounts = new Long2ObjectHashMap<>();
    private final Map<Long, Integer> maxOpenOrders;
    private final int defaultMaxOpenOrders;
    private final int storeCapacity;

    SessionRegistry(final Map<Long, Integer> maxOpenOrders, final int defaultMaxOpenOrders, final int storeCapacity)
    {
        this.maxOpenOrders = Map.copyOf(maxOpenOrders);
        this.defaultMaxOpenOrders = defaultMaxOpenOrders;
        this.storeCapacity = storeCapacity;
    }

    /**
     * @return the session of this user on this protocol, created on first use.
     */
    Session sessionFor(final User user, final int protocol, final ReportFilter filter)
    {
        final String key = protocol + "/" + user.name();
        Session session = byUserAndProtocol.get(key);
        if (session == null)
        {
            final AccountState[] entitled = new AccountState[user.accountCount()];
            for (int i = 0; i < entitled.length; i++)
            {
                entitled[i] = track(user.account(i));
            }
            session = new Session(sessions.size(), user, protocol, filter, storeCapacity, entitled);
            sessions.add(session);
            byUserAndProtocol.put(key, session);
            for (final AccountState account : entitled)
            {
                account.addSession(session);
            }
        }
        return session;
    }

    /**
     * @return the account's state, tracked from now on.
     */
    AccountState track(final long accountId)
    {
        AccountState account = accounts.get(accountId);
        if (account == null)
        {
            account = new AccountState(accountId, maxOpenOrders.getOrDefault(accountId, defaultMaxOpenOrders));
            accounts.put(accountId, account);
        }
        return account;
    }

    /**
     * @return the account's state, or {@code null} when it is not tracked.
     */
    AccountState account(final long accountId)
    {
        return accounts.get(accountId);
    }

    Session session(final int index)
    {
        return sessions.get(index);
    }

    int sessionCount()
    {
        return sessions.size();
    }
}
