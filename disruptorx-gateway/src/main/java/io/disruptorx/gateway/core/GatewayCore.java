package io.disruptorx.gateway.core;

import javax.security.auth.x500.X500Principal;

import io.disruptorx.gateway.auth.Authenticator;
import io.disruptorx.gateway.auth.CommandClass;
import io.disruptorx.gateway.auth.LoginThrottle;
import io.disruptorx.gateway.auth.User;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import io.disruptorx.protocol.venue.TraceContext;
import io.disruptorx.protocol.venue.VenueClient;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;

/**
 * The protocol-neutral order-entry core that every protocol adapter drives: logins and sessions, requests
 * (validated, converted and sent through the {@link VenueClient}), and the venue's events turned into
 * sequenced reports per session. A duty cycle ({@link #doWork}) on the gateway thread; every method must be
 * called from that thread.
 *
 * <p>An adapter: authenticates with {@link #login}, checks the client's resume point against the session's
 * {@link ReportStore}, calls {@link #attach}; decodes each inbound message into one request call; sends the
 * session's reports from its store in sequence; calls {@link #detach} when the connection ends.
 */
public final class GatewayCore
{
    /** Events taken from the venue per duty cycle at most. */
    public static final int POLL_LIMIT = 256;

    private final Authenticator authenticator;
    private final LoginThrottle loginThrottle;
    private final GatewayAudit audit;
    private final VenueClient venue;
    private final NanoClock clock;
    private final GatewayCounters counters = new GatewayCounters();
    private final SessionRegistry registry;
    private final OrderTable orders;
    private final ProtectiveCancels protective;
    private final VenueEvents events;
    private final OrderEntry entry;
    private final VenueCommands commands;
    private final AccountQueries queries;
    private final CommandEnds ends;
    private LoginFailure lastLoginFailure;

    /**
     * Why {@link #login} refused.
     */
    public enum LoginFailure
    {
        /** Unknown user or wrong password. */
        NOT_AUTHORIZED,
        /** The user's session on this protocol already has a connection. */
        SESSION_IN_USE,
        /** The user name or the source address waits out a backoff or a lockout; the password was not checked. */
        THROTTLED,
        /** The client's certificate names another user than the login, or none. */
        CERTIFICATE_MISMATCH
    }

    /**
     * @param settings      session settings.
     * @param instruments   reference data for conversions.
     * @param authenticator who may log in.
     * @param venue         where commands go and events come from.
     * @param clock         monotonic time for throttles, timers and the dead-man switch.
     * @param epochClock    wall time for the timestamps of the gateway's own reports.
     */
    public GatewayCore(
        final CoreSettings settings,
        final InstrumentDirectory instruments,
        final Authenticator authenticator,
        final VenueClient venue,
        final NanoClock clock,
        final EpochNanoClock epochClock)
    {
        this(settings, instruments, authenticator, venue, clock, epochClock, null, GatewayAudit.NONE);
    }

    /**
     * @param settings      session settings.
     * @param instruments   reference data for conversions.
     * @param authenticator who may log in.
     * @param venue         where commands go and events come from.
     * @param clock         monotonic time for throttles, timers and the dead-man switch.
     * @param epochClock    wall time for the timestamps of the gateway's own reports.
     * @param loginThrottle backoff and lockout of failed logins, or {@code null} for none.
     * @param audit         the audit trail of session events and requests.
     */
    public GatewayCore(
        final CoreSettings settings,
        final InstrumentDirectory instruments,
        final Authenticator authenticator,
        final VenueClient venue,
        final NanoClock clock,
        final EpochNanoClock epochClock,
        final LoginThrottle loginThrottle,
        final GatewayAudit audit)
    {
        this.authenticator = authenticator;
        this.loginThrottle = loginThrottle;
        this.audit = audit;
        this.venue = venue;
        this.clock = clock;
        this.registry = new SessionRegistry(settings.maxOpenOrders(), settings.defaultMaxOpenOrders(),
            settings.reportStoreCapacity());
        this.orders = new OrderTable(settings.initialOrders());
        final ReportRouter router = new ReportRouter(counters);
        final VenueCommands commands = new VenueCommands(venue, counters);
        this.commands = commands;
        this.queries = new AccountQueries(epochClock.nanoTime());
        this.protective = new ProtectiveCancels(commands, registry, router, counters, epochClock);
        this.ends = new CommandEnds(venue.signalsCommandEnd());
        this.events = new VenueEvents(registry, orders, router, protective, counters, queries, ends);
        this.entry = new OrderEntry(instruments, orders, commands, protective, router, counters, registry, audit, clock,
            epochClock);
        for (final long account : settings.trackedAccounts())
        {
            registry.track(account);
        }
    }

    /**
     * Authenticates a user and finds (or creates) its session on a protocol, from an unknown address.
     *
     * @see #login(String, String, int, ReportFilter, String)
     */
    public Session login(final String username, final String password, final int protocol, final ReportFilter filter)
    {
        return login(username, password, protocol, filter, "unknown");
    }

    /**
     * Authenticates a user and finds (or creates) its session on a protocol: refused at once while the user name
     * or the source address waits out a backoff; a failure counts against both. Allocates; login is not a hot
     * path. A refusal is counted and audited; a success is audited by {@link #attach(Session, String)}.
     *
     * @param username as received.
     * @param password as received.
     * @param protocol the adapter's protocol id; sessions of different protocols are separate sequences.
     * @param filter   which reports the protocol can express.
     * @param source   the peer's address ({@code host:port}); the throttle keys on the host.
     * @return the session (not yet attached), or {@code null}: see {@link #lastLoginFailure()}.
     */
    public Session login(
        final String username, final String password, final int protocol, final ReportFilter filter,
        final String source)
    {
        return login(username, password, protocol, filter, source, null);
    }

    /**
     * As {@link #login(String, String, int, ReportFilter, String)}; a client that showed a certificate (mutual TLS)
     * is authenticated by it instead of the password, as the user its subject maps to only: a login naming another
     * user, or a subject of no user, is refused ({@link LoginFailure#CERTIFICATE_MISMATCH}, counted and audited).
     *
     * @param certificate the client certificate's subject, or {@code null} when the client showed none.
     * @see #login(String, String, int, ReportFilter, String)
     */
    public Session login(
        final String username, final String password, final int protocol, final ReportFilter filter,
        final String source, final X500Principal certificate)
    {
        final User user;
        if (certificate != null)
        {
            user = authenticator.userForCertificate(certificate);
            if (user == null || !user.name().equals(username))
            {
                return refuse(LoginFailure.CERTIFICATE_MISMATCH, ProtocolError.LOGIN_REFUSED, username, protocol,
                    source);
            }
        }
        else
        {
            final String host = host(source);
            final long now = clock.nanoTime();
            if (loginThrottle != null && loginThrottle.check(username, host, now) != null)
            {
                return refuse(LoginFailure.THROTTLED, ProtocolError.LOGIN_THROTTLED, username, protocol, source);
            }
            user = authenticator.authenticate(username, password);
            if (user == null)
            {
                if (loginThrottle != null)
                {
                    loginThrottle.failed(username, host, now);
                }
                return refuse(LoginFailure.NOT_AUTHORIZED, ProtocolError.LOGIN_REFUSED, username, protocol, source);
            }
            if (loginThrottle != null)
            {
                loginThrottle.succeeded(username);
            }
        }
        final Session session = registry.sessionFor(user, protocol, filter);
        if (session.connected)
        {
            return refuse(LoginFailure.SESSION_IN_USE, ProtocolError.SESSION_IN_USE, username, protocol, source);
        }
        return session;
    }

    /**
     * @return the audit trail the adapters report connections and disconnections to.
     */
    public GatewayAudit audit()
    {
        return audit;
    }

    /**
     * Finds (or creates) the session of a user its protocol has authenticated by other means (a signed request's
     * API key), attached from now on: for connectionless protocols, whose session lives as long as the gateway and
     * is served by many connections at once. Allocates on first use only.
     *
     * @param user     the authenticated user.
     * @param protocol the adapter's protocol id.
     * @param filter   which reports the protocol can express.
     * @return the session, attached.
     */
    public Session openSession(final User user, final int protocol, final ReportFilter filter)
    {
        final Session session = registry.sessionFor(user, protocol, filter);
        if (!session.connected)
        {
            attach(session);
        }
        return session;
    }

    /**
     * @return why the last refused login was refused.
     */
    public LoginFailure lastLoginFailure()
    {
        return lastLoginFailure;
    }

    /**
     * A connection now serves the session.
     *
     * @param session from {@link #login}.
     */
    public void attach(final Session session)
    {
        attach(session, "unknown");
    }

    /**
     * A connection now serves the session; audited as a successful login.
     *
     * @param session from {@link #login}.
     * @param source  the peer's address.
     */
    public void attach(final Session session, final String source)
    {
        session.connected = true;
        counters.login();
        audit.loginSucceeded(session, source);
        counters.sessionAttached(session.user().kind());
    }

    /**
     * The session's connection has ended (logout, disconnect or timeout): with cancel-on-disconnect its open
     * orders are cancelled.
     *
     * @param session an attached session.
     */
    public void detach(final Session session)
    {
        if (!session.connected)
        {
            return;
        }
        session.connected = false;
        counters.sessionDetached(session.user().kind());
        protective.sessionDisconnected(session);
    }

    /**
     * Enters an order. Enum fields are wire codes (side BUY 0, SELL 1; type LIMIT 0, MARKET 1; time in force GTC
     * 0, DAY 1, IOC 2, FOK 3; post-only 0 or 1; self-trade prevention CANCEL_NEWEST 0, CANCEL_OLDEST 1,
     * CANCEL_BOTH 2, NONE 3);
     * price and quantity are decimals, converted exactly with the instrument's scales. Account 0 is the user's
     * first. The answer is a report: accepted or rejected. {@code trace} is the request's W3C trace context (read
     * during the call, never kept; {@code null} or empty when the request carried none), which the venue may record
     * spans for.
     */
    public void newOrder(
        final Session session,
        final long clientOrderId,
        final long accountId,
        final int instrumentId,
        final int side,
        final int orderType,
        final int timeInForce,
        final int postOnly,
        final int selfTradePrevention,
        final long priceMantissa,
        final int priceExponent,
        final long quantityMantissa,
        final int quantityExponent,
        final TraceContext trace)
    {
        audit.command(session, CommandClass.NEW_ORDER, accountId, instrumentId, clientOrderId, 0);
        entry.newOrder(session, clientOrderId, accountId, instrumentId, side, orderType, timeInForce, postOnly,
            selfTradePrevention, priceMantissa, priceExponent, quantityMantissa, quantityExponent, trace);
    }

    /**
     * Cancels the order named by {@code orderId}, or when that is 0 by {@code clientOrderId}. The answer is a
     * cancelled or a cancel-rejected report.
     */
    public void cancel(
        final Session session, final long requestId, final long accountId, final long orderId,
        final long clientOrderId)
    {
        audit.command(session, CommandClass.CANCEL, accountId, 0, clientOrderId, orderId);
        entry.cancel(session, requestId, accountId, orderId, clientOrderId);
    }

    /**
     * Replaces an order's price and open quantity (decimals of its instrument); named as in {@link #cancel}.
     */
    public void replace(
        final Session session,
        final long requestId,
        final long accountId,
        final long orderId,
        final long clientOrderId,
        final long priceMantissa,
        final int priceExponent,
        final long quantityMantissa,
        final int quantityExponent)
    {
        audit.command(session, CommandClass.REPLACE, accountId, 0, clientOrderId, orderId);
        entry.replace(session, requestId, accountId, orderId, clientOrderId, priceMantissa, priceExponent,
            quantityMantissa, quantityExponent);
    }

    /**
     * Reduces the open quantity of an order of the user's first account, named by client order id, to
     * {@code newQuantity} engine units at the same price (keeping priority), or cancels it when that is 0; a
     * quantity at or above the open quantity changes nothing (POE's Cancel Order).
     */
    public void reduce(final Session session, final long requestId, final long clientOrderId, final long newQuantity)
    {
        audit.command(session, newQuantity == 0 ? CommandClass.CANCEL : CommandClass.REPLACE, 0, 0, clientOrderId,
            0);
        entry.reduce(session, requestId, clientOrderId, newQuantity);
    }

    /**
     * Cancels every open order of an account (0: of each of the user's accounts) in an instrument (0: all).
     */
    public void massCancel(final Session session, final long requestId, final long accountId, final int instrumentId)
    {
        audit.command(session, CommandClass.MASS_CANCEL, accountId, instrumentId, requestId, 0);
        entry.massCancel(session, requestId, accountId, instrumentId);
    }

    /**
     * Arms or refreshes the dead-man switch ({@code timeoutMillis} 0 disarms it).
     */
    public void cancelAfter(final Session session, final long requestId, final long timeoutMillis)
    {
        audit.command(session, CommandClass.CANCEL_AFTER, 0, 0, requestId, 0);
        entry.cancelAfter(session, requestId, timeoutMillis);
    }

    /**
     * Answers with the gateway's view of a live order, named as in {@link #cancel}.
     */
    public void orderStatus(
        final Session session, final long requestId, final long accountId, final long orderId,
        final long clientOrderId)
    {
        audit.command(session, CommandClass.ORDER_STATUS, accountId, 0, clientOrderId, orderId);
        entry.status(session, requestId, accountId, orderId, clientOrderId);
    }

    /**
     * Asks the venue for an account's balances; the answer arrives through {@code answer} during a later
     * {@link #doWork}, or ends incomplete after {@code timeoutNanos}. A read like {@link #orderStatus}: permitted to
     * every role that may ask for an order's state, for an account the session is entitled to.
     *
     * @param session      the session asking.
     * @param accountId    the account, 0 for the user's first.
     * @param answer       receives the balances, unless this returns a reason.
     * @param timeoutNanos how long to wait for the venue.
     * @return 0 when the query was sent; else the reject reason ({@code EntryRejectReason}: not permitted, not
     * entitled, venue busy or unavailable), and {@code answer} is never called.
     */
    public int queryBalances(
        final Session session, final long accountId, final BalanceAnswer answer, final long timeoutNanos)
    {
        return queries.send(commands, audit, counters, session, accountId, 0, answer, null,
            clock.nanoTime() + timeoutNanos);
    }

    /**
     * Asks the venue for an account's open orders, of one instrument or of all (0), as {@link #queryBalances}: the
     * venue's own orders of the account however they were entered (a sharded venue asks every shard, or the
     * instrument's, and merges the answers); they arrive through {@code answer} during a later {@link #doWork}.
     *
     * @return 0 when the query was sent; else the reject reason, and {@code answer} is never called.
     */
    public int queryOpenOrders(final Session session, final long accountId, final int instrumentId,
        final OpenOrderAnswer answer, final long timeoutNanos)
    {
        return queries.send(commands, audit, counters, session, accountId, instrumentId, null, answer,
            clock.nanoTime() + timeoutNanos);
    }

    /**
     * The quantity filled so far of a live order of the session, named as in {@link #cancel}, as far as the gateway
     * has seen it: for protocols whose replace names the order's new total quantity (FIX) rather than its open
     * quantity.
     *
     * @return engine units filled, or -1 when the session's account has no such live order.
     */
    public long filledQuantity(
        final Session session, final long accountId, final long orderId, final long clientOrderId)
    {
        return entry.filled(session, accountId, orderId, clientOrderId);
    }

    /**
     * Takes venue events, fires expired dead-man switches and sends queued protective cancels.
     *
     * @return work done.
     */
    public int doWork()
    {
        int work = 0;
        try
        {
            work += venue.poll(events, POLL_LIMIT);
        }
        catch (final RuntimeException ex)
        {
            counters.internalError();
        }
        final long now = clock.nanoTime();
        work += protective.doWork(now);
        work += queries.expire(now);
        return work;
    }

    private Session refuse(
        final LoginFailure failure, final ProtocolError error, final String username, final int protocol,
        final String source)
    {
        lastLoginFailure = failure;
        counters.protocolError(error);
        audit.loginFailed(username, protocol, source, failure.name());
        return null;
    }

    private static String host(final String source)
    {
        final int colon = source.lastIndexOf(':');
        return colon > 0 ? source.substring(0, colon) : source;
    }

    /**
     * @return the counters.
     */
    public GatewayCounters counters()
    {
        return counters;
    }

    /**
     * @return how far the venue's commands are known complete, for answers that wait for all of a command's events.
     */
    public CommandEnds commandEnds()
    {
        return ends;
    }

    /**
     * @return live orders of tracked accounts.
     */
    public int liveOrders()
    {
        return orders.size();
    }

    /**
     * @return protective cancels waiting for the venue.
     */
    public int pendingProtectiveCancels()
    {
        return protective.pending();
    }
}
