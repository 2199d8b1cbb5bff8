package io.disruptorx.gateway.core;

import java.util.concurrent.atomic.AtomicLongArray;

import io.disruptorx.gateway.auth.CommandClass;
import io.disruptorx.gateway.auth.SessionKind;

/**
 * What happened at the edge, counted by kind: rejects by reason code (the gateway's and the engine's), protocol
 * errors by {@link ProtocolError}, role denials by {@link CommandClass}, and the gateway's own work. Written by
 * the gateway thread only (ordered stores, no contention), readable from any thread for metrics. Nothing
 * allocates.
 */
public final class GatewayCounters
{
    private static final int REASONS = 256;
    private static final int COMMANDS = 0;
    private static final int REPORTS = 1;
    private static final int LOGINS = 2;
    private static final int INTERNAL_ERRORS = 3;
    private static final int DISCONNECT_CANCELS = 4;
    private static final int CANCEL_AFTER_FIRED = 5;
    private static final int RETRIED_COMMANDS = 6;
    private static final int REPLAYED_REPORTS = 7;
    private static final int WORK = 8;

    private final AtomicLongArray rejects = new AtomicLongArray(REASONS);
    private final AtomicLongArray protocolErrors = new AtomicLongArray(ProtocolError.values().length);
    private final AtomicLongArray work = new AtomicLongArray(WORK);
    private final AtomicLongArray denials = new AtomicLongArray(CommandClass.values().length);
    private final AtomicLongArray connected = new AtomicLongArray(SessionKind.values().length);

    void reject(final int reason)
    {
        increment(rejects, reason & 0xFF);
    }

    void denial(final CommandClass command)
    {
        increment(denials, command.ordinal());
    }

    /**
     * @param command a command class.
     * @return requests of that class refused because no role of the user permits it.
     */
    public long denials(final CommandClass command)
    {
        return denials.get(command.ordinal());
    }

    /**
     * @param error a protocol error to count.
     */
    public void protocolError(final ProtocolError error)
    {
        increment(protocolErrors, error.ordinal());
    }

    /**
     * Counts a failure of the gateway itself (a bug), never the client's.
     */
    public void internalError()
    {
        increment(work, INTERNAL_ERRORS);
    }

    /**
     * Counts reports a connection sends again from the session's store because the client's login asked for an
     * earlier sequence than the next new one (a reconnecting client catching up).
     *
     * @param count reports to be sent again, 0 or more.
     */
    public void reportsReplayed(final long count)
    {
        if (count > 0)
        {
            work.lazySet(REPLAYED_REPORTS, work.get(REPLAYED_REPORTS) + count);
        }
    }

    void sessionAttached(final SessionKind kind)
    {
        increment(connected, kind.ordinal());
    }

    void sessionDetached(final SessionKind kind)
    {
        connected.lazySet(kind.ordinal(), connected.get(kind.ordinal()) - 1);
    }

    void commandSent()
    {
        increment(work, COMMANDS);
    }

    void reportStored()
    {
        increment(work, REPORTS);
    }

    void login()
    {
        increment(work, LOGINS);
    }

    void disconnectCancel()
    {
        increment(work, DISCONNECT_CANCELS);
    }

    void cancelAfterTriggered()
    {
        increment(work, CANCEL_AFTER_FIRED);
    }

    void commandRetried()
    {
        increment(work, RETRIED_COMMANDS);
    }

    /**
     * @param reason an entry reject reason code.
     * @return requests rejected with it: by the gateway, or by the engine for an account this gateway tracks.
     */
    public long rejects(final int reason)
    {
        return rejects.get(reason & 0xFF);
    }

    /**
     * @param error kind.
     * @return how many.
     */
    public long protocolErrors(final ProtocolError error)
    {
        return protocolErrors.get(error.ordinal());
    }

    /**
     * @return commands offered to the venue and taken.
     */
    public long commandsSent()
    {
        return work.get(COMMANDS);
    }

    /**
     * @return reports sequenced into session stores.
     */
    public long reportsStored()
    {
        return work.get(REPORTS);
    }

    /**
     * @return logins accepted.
     */
    public long logins()
    {
        return work.get(LOGINS);
    }

    /**
     * @return failures of the gateway itself.
     */
    public long internalErrors()
    {
        return work.get(INTERNAL_ERRORS);
    }

    /**
     * @return cancels sent because a session with cancel-on-disconnect lost its connection.
     */
    public long disconnectCancels()
    {
        return work.get(DISCONNECT_CANCELS);
    }

    /**
     * @return dead-man switches that fired.
     */
    public long cancelAfterFired()
    {
        return work.get(CANCEL_AFTER_FIRED);
    }

    /**
     * @return gateway-initiated commands the venue pushed back and that were offered again.
     */
    public long commandsRetried()
    {
        return work.get(RETRIED_COMMANDS);
    }

    /**
     * @return reports sent again on a client's request at login.
     */
    public long reportsReplayed()
    {
        return work.get(REPLAYED_REPORTS);
    }

    /**
     * @param kind session kind.
     * @return sessions of that kind with a connection attached now.
     */
    public long connectedSessions(final SessionKind kind)
    {
        return connected.get(kind.ordinal());
    }

    private static void increment(final AtomicLongArray counts, final int index)
    {
        counts.lazySet(index, counts.get(index) + 1);
    }
}
