package io.disruptorx.gateway.auth;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Slows password guessing down, per user name and per source address (host, without the port): after
 * {@code freeFailures} failed logins each further one makes the key wait a backoff that doubles from
 * {@code baseBackoffNanos} up to {@code maxBackoffNanos}; after {@code lockoutFailures} the key is locked out for
 * {@code lockoutNanos}. A login attempted while its user or its address waits is refused without checking the
 * password (and counted). A success clears the user's failures; an address's failures are forgotten only when it
 * has been quiet for a lockout period. Unknown user names are throttled like known ones, so the throttle does not
 * tell which names exist.
 *
 * <p>Called on the gateway thread at login only. At most {@code maxKeys} user names and as many addresses are
 * remembered; when full, keys quiet for a lockout period are forgotten, and a failure of a new key that still does
 * not fit is not remembered (counted in {@link #unremembered()}): a flood of names or addresses cannot grow memory
 * without bound, and legitimate logins are never refused for want of room.
 */
public final class LoginThrottle
{
    /**
     * Why a login was refused before its password was checked.
     */
    public enum Refusal
    {
        /** The user name waits out a backoff. */
        USER_BACKOFF,
        /** The user name is locked out. */
        USER_LOCKED,
        /** The source address waits out a backoff. */
        ADDRESS_BACKOFF,
        /** The source address is locked out. */
        ADDRESS_LOCKED
    }

    /**
     * Throttle settings.
     *
     * @param freeFailures     failures without backoff.
     * @param baseBackoffNanos first backoff.
     * @param maxBackoffNanos  longest backoff.
     * @param lockoutFailures  failures that lock a key out.
     * @param lockoutNanos     how long a lockout lasts (and how long a quiet key is remembered).
     * @param maxKeys          user names and addresses remembered at most.
     */
    public record Settings(
        int freeFailures, long baseBackoffNanos, long maxBackoffNanos, int lockoutFailures, long lockoutNanos,
        int maxKeys)
    {
        /** 3 free failures, backoff 1 s doubling to 30 s, lockout after 10 failures for 15 minutes. */
        public static final Settings DEFAULTS = new Settings(3, 1_000_000_000L, 30_000_000_000L, 10,
            900_000_000_000L, 100_000);

        /**
         * Validates.
         */
        public Settings
        {
            if (freeFailures < 0 || baseBackoffNanos < 1 || maxBackoffNanos < baseBackoffNanos ||
                lockoutFailures <= freeFailures || lockoutNanos < 1 || maxKeys < 1)
            {
                throw new IllegalArgumentException("login throttle: free failures >= 0, 0 < base backoff <= max " +
                    "backoff, lockout failures > free failures, positive lockout and key limit");
            }
        }
    }

    private static final class Key
    {
        int failures;
        long lastFailure;
        long waitUntil;
    }

    private final Settings settings;
    private final Map<String, Key> users = new HashMap<>();
    private final Map<String, Key> addresses = new HashMap<>();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong throttledByUser = new AtomicLong();
    private final AtomicLong throttledByAddress = new AtomicLong();
    private final AtomicLong lockouts = new AtomicLong();
    private final AtomicLong unremembered = new AtomicLong();

    /**
     * @param settings backoff and lockout.
     */
    public LoginThrottle(final Settings settings)
    {
        this.settings = settings;
    }

    /**
     * @param user    the user name as sent.
     * @param address the source host.
     * @param nowNanos monotonic time.
     * @return {@code null} when the login may be checked, else why not (counted).
     */
    public Refusal check(final String user, final String address, final long nowNanos)
    {
        final Refusal byUser = waiting(users.get(user), nowNanos, Refusal.USER_BACKOFF, Refusal.USER_LOCKED);
        if (byUser != null)
        {
            throttledByUser.incrementAndGet();
            return byUser;
        }
        final Refusal byAddress = waiting(addresses.get(address), nowNanos, Refusal.ADDRESS_BACKOFF,
            Refusal.ADDRESS_LOCKED);
        if (byAddress != null)
        {
            throttledByAddress.incrementAndGet();
            return byAddress;
        }
        return null;
    }

    /**
     * Counts a failed login (wrong user or password) against the user name and the address.
     */
    public void failed(final String user, final String address, final long nowNanos)
    {
        failures.incrementAndGet();
        fail(users, user, nowNanos);
        fail(addresses, address, nowNanos);
    }

    /**
     * Clears the user's failures after a successful login.
     */
    public void succeeded(final String user)
    {
        users.remove(user);
    }

    /**
     * @return failed logins counted.
     */
    public long failures()
    {
        return failures.get();
    }

    /**
     * @return logins refused because the user name waited or was locked out.
     */
    public long throttledByUser()
    {
        return throttledByUser.get();
    }

    /**
     * @return failures not remembered because the table of names or addresses was full.
     */
    public long unremembered()
    {
        return unremembered.get();
    }

    /**
     * @return logins refused because the address waited or was locked out.
     */
    public long throttledByAddress()
    {
        return throttledByAddress.get();
    }

    /**
     * @return lockouts started (user names and addresses).
     */
    public long lockouts()
    {
        return lockouts.get();
    }

    private Refusal waiting(final Key key, final long nowNanos, final Refusal backoff, final Refusal locked)
    {
        if (key == null || nowNanos - key.waitUntil >= 0)
        {
            return null;
        }
        return key.failures >= settings.lockoutFailures() ? locked : backoff;
    }

    private void fail(final Map<String, Key> keys, final String name, final long nowNanos)
    {
        Key key = keys.get(name);
        if (key != null && nowNanos - key.lastFailure > settings.lockoutNanos())
        {
            key.failures = 0;
        }
        if (key == null)
        {
            if (keys.size() >= settings.maxKeys())
            {
                forgetQuiet(keys, nowNanos);
            }
            if (keys.size() >= settings.maxKeys())
            {
                unremembered.incrementAndGet();
                return;
            }
            key = new Key();
            keys.put(name, key);
        }
        key.failures++;
        key.lastFailure = nowNanos;
        if (key.failures >= settings.lockoutFailures())
        {
            if (key.failures == settings.lockoutFailures())
            {
                lockouts.incrementAndGet();
            }
            key.waitUntil = nowNanos + settings.lockoutNanos();
        }
        else if (key.failures > settings.freeFailures())
        {
            final int doublings = Math.min(30, key.failures - settings.freeFailures() - 1);
            key.waitUntil = nowNanos + Math.min(settings.maxBackoffNanos(), settings.baseBackoffNanos() << doublings);
        }
    }

    private void forgetQuiet(final Map<String, Key> keys, final long nowNanos)
    {
        final Iterator<Key> it = keys.values().iterator();
        while (it.hasNext())
        {
            final Key key = it.next();
            if (nowNanos - key.lastFailure > settings.lockoutNanos() && nowNanos - key.waitUntil >= 0)
            {
                it.remove();
            }
        }
    }
}
