package io.disruptorx.dashboard;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The dashboard's signed-in sessions: a random 256-bit token (the page holds it only as an HttpOnly cookie) per
 * sign-in, mapped to the user name. A session ends when the user signs out, after {@link #IDLE_NANOS} unused or
 * {@link #MAX_AGE_NANOS} after the sign-in. At most {@link #MAX_SESSIONS} live at once: a sign-in beyond that is
 * refused rather than let memory grow. Safe for the HTTP server's handler threads.
 */
final class OperatorSessions
{
    /** A session unused this long ends. */
    static final long IDLE_NANOS = 30L * 60 * 1_000_000_000L;
    /** A session ends this long after the sign-in. */
    static final long MAX_AGE_NANOS = 12L * 60 * 60 * 1_000_000_000L;
    /** Most sessions at once. */
    static final int MAX_SESSIONS = 1024;

    private static final int TOKEN_BYTES = 32;

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final LongSupplier nanoTime;

    private record Session(String user, long signedInNanos, long lastUsedNanos)
    {
    }

    OperatorSessions(final LongSupplier nanoTime)
    {
        this.nanoTime = nanoTime;
    }

    /**
     * @param user a user who just signed in.
     * @return the new session's token, or null when there are too many sessions.
     */
    String open(final String user)
    {
        final long now = nanoTime.getAsLong();
        if (sessions.size() >= MAX_SESSIONS)
        {
            sessions.values().removeIf(session -> expired(session, now));
            if (sessions.size() >= MAX_SESSIONS)
            {
                return null;
            }
        }
        final byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        final String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(token, new Session(user, now, now));
        return token;
    }

    /**
     * @param token a token from a cookie, or null.
     * @return the session's user, or null when there is no such live session.
     */
    String user(final String token)
    {
        if (token == null)
        {
            return null;
        }
        final long now = nanoTime.getAsLong();
        final Session session = sessions.get(token);
        if (session == null)
        {
            return null;
        }
        if (expired(session, now))
        {
            sessions.remove(token, session);
            return null;
        }
        sessions.replace(token, session, new Session(session.user(), session.signedInNanos(), now));
        return session.user();
    }

    /**
     * @param token the session to end (nothing happens for an unknown one).
     */
    void close(final String token)
    {
        if (token != null)
        {
            sessions.remove(token);
        }
    }

    int size()
    {
        return sessions.size();
    }

    private static boolean expired(final Session session, final long now)
    {
        return now - session.lastUsedNanos() >= IDLE_NANOS || now - session.signedInNanos() >= MAX_AGE_NANOS;
    }
}
