package io.disruptorx.shard.move;

import java.util.function.LongSupplier;

import io.disruptorx.audit.AuditEvent;
import io.disruptorx.audit.AuditRing;
import io.disruptorx.gateway.auth.Authenticator;
import io.disruptorx.gateway.auth.CommandClass;
import io.disruptorx.gateway.auth.LoginThrottle;
import io.disruptorx.gateway.auth.User;

/**
 * Who may use the move admin: a login against the venue's users (the user file's passwords through the
 * {@link Authenticator}, with the login throttle per user name and per client address), and moving instruments is
 * {@link CommandClass#INSTRUMENTS}, which only the OPERATOR role permits ({@code RolePolicy}); a status request
 * needs a login only. Every login, refusal and request is recorded in the audit trail under the protocol
 * {@value #PROTOCOL}; a password never is.
 */
public final class AdminAccess
{
    /** The protocol name of the move admin's audit records. */
    public static final String PROTOCOL = "shard-admin";

    private final Authenticator users;
    private final AuditRing audit;
    private final LongSupplier epochNanos;
    private final LoginThrottle throttle = new LoginThrottle(LoginThrottle.Settings.DEFAULTS);

    /**
     * @param users      the venue's users (a hot-reloaded user file, so a changed role counts at the next login).
     * @param audit      the audit ring, or {@code null} for no audit trail.
     * @param epochNanos wall clock of the audit records.
     */
    public AdminAccess(final Authenticator users, final AuditRing audit, final LongSupplier epochNanos)
    {
        this.users = users;
        this.audit = audit;
        this.epochNanos = epochNanos;
    }

    /**
     * @param user     the user name sent.
     * @param password the password sent.
     * @param source   the client's address.
     * @return the user, or {@code null} when the login is refused (recorded as LOGIN_FAILED with the reason).
     */
    public User login(final String user, final String password, final String source)
    {
        final LoginThrottle.Refusal throttled;
        synchronized (throttle)
        {
            throttled = throttle.check(user, source, System.nanoTime());
        }
        if (throttled != null)
        {
            record(AuditEvent.LOGIN_FAILED, user, source, "login", 0, "throttled: " + throttled);
            return null;
        }
        final User found = users.authenticate(user, password);
        synchronized (throttle)
        {
            if (found == null)
            {
                throttle.failed(user, source, System.nanoTime());
            }
            else
            {
                throttle.succeeded(user);
            }
        }
        if (found == null)
        {
            record(AuditEvent.LOGIN_FAILED, user, source, "login", 0, "wrong user or password");
            return null;
        }
        record(AuditEvent.LOGIN_OK, user, source, "login", 0, "");
        return found;
    }

    /**
     * Records the request and checks that the user's roles permit it.
     *
     * @param user       a logged-in user.
     * @param source     the client's address.
     * @param command    the request's first word ({@code move}, {@code apply}, {@code transfer}: funds between shards,
     *                   {@code status}).
     * @param instrument the instrument it names, or 0.
     * @param request    the whole request line.
     * @return {@code null} when permitted, else the reason (recorded as a DENIAL).
     */
    public String permit(
        final User user, final String source, final String command, final long instrument, final String request)
    {
        record(AuditEvent.COMMAND, user.name(), source, command, instrument, request);
        final boolean transfer = "transfer".equals(command);
        if ("status".equals(command) ||
            user.permits(transfer ? CommandClass.BALANCES : CommandClass.INSTRUMENTS))
        {
            return null;
        }
        final String reason = "ROLE_NOT_PERMITTED: no role of " + user.name() + " " + user.roles() +
            (transfer ? " permits moving funds (operator)" : " permits moving instruments (operator)");
        record(AuditEvent.DENIAL, user.name(), source, command, instrument, reason);
        return reason;
    }

    /**
     * Records a refusal before any login (a request without one).
     *
     * @param source  the client's address.
     * @param request the request line.
     */
    public void deniedWithoutLogin(final String source, final String request)
    {
        record(AuditEvent.DENIAL, "", source, "login", 0, "no login sent; request: " + request);
    }

    /**
     * Records the answer to a permitted request.
     *
     * @param user       the user.
     * @param source     the client's address.
     * @param command    the request's first word.
     * @param instrument the instrument it names, or 0.
     * @param answer     the answer's line.
     */
    public void answered(
        final User user, final String source, final String command, final long instrument, final String answer)
    {
        record(AuditEvent.COMMAND, user.name(), source, command, instrument, "answered: " + answer);
    }

    private void record(
        final AuditEvent event, final String user, final String source, final String command, final long instrument,
        final String detail)
    {
        if (audit != null)
        {
            audit.offer(event, epochNanos.getAsLong(), -1, user, source, PROTOCOL, command, 0, instrument, 0, 0,
                detail);
        }
    }
}
