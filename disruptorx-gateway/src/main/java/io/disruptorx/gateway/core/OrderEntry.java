package io.disruptorx.gateway.core;

import io.disruptorx.gateway.auth.CommandClass;
import io.disruptorx.gateway.auth.User;
import io.disruptorx.gateway.codec.Decimals;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import io.disruptorx.gateway.reference.InstrumentSpec;
import io.disruptorx.protocol.sbe.orderentry.EntryRejectReason;
import io.disruptorx.protocol.venue.TraceContext;
import io.disruptorx.protocol.venue.VenueClient;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;

/**
 * The requests of a session, checked in a fixed order and either sent to the venue or answered at once with a
 * reject report to that session alone: role (a denial is counted and audited), throttle, entitlement, ids,
 * instrument, enum fields,
 * decimal conversion (exact or refused), open-order limit, then the venue's back-pressure. What passes is
 * judged again by the engine, whose answer comes back as an event.
 */
final class OrderEntry
{
    private static final int MAX_ENUM = 3;
    private static final int MAX_TIME_IN_FORCE = 3;
    private static final long MAX_CANCEL_AFTER_MILLIS = 86_400_000L;

    private static final byte THROTTLED = (byte)EntryRejectReason.THROTTLED.value();
    private static final byte OPEN_ORDER_LIMIT = (byte)EntryRejectReason.OPEN_ORDER_LIMIT.value();
    private static final byte NOT_ENTITLED = (byte)EntryRejectReason.NOT_ENTITLED.value();
    private static final byte READ_ONLY = (byte)EntryRejectReason.READ_ONLY_SESSION.value();
    private static final byte NOT_PERMITTED = (byte)EntryRejectReason.ROLE_NOT_PERMITTED.value();
    private static final byte PRECISION_LOSS = (byte)EntryRejectReason.PRECISION_LOSS.value();
    private static final byte OUT_OF_RANGE = (byte)EntryRejectReason.VALUE_OUT_OF_RANGE.value();
    private static final byte INVALID_FIELD = (byte)EntryRejectReason.INVALID_FIELD.value();
    private static final byte INVALID_ID = (byte)EntryRejectReason.INVALID_CLIENT_ORDER_ID.value();
    private static final byte UNKNOWN_INSTRUMENT = (byte)EntryRejectReason.UNKNOWN_INSTRUMENT.value();
    private static final byte UNKNOWN_ORDER = (byte)EntryRejectReason.UNKNOWN_ORDER.value();
    private static final byte VENUE_BUSY = (byte)EntryRejectReason.VENUE_BUSY.value();
    private static final byte VENUE_UNAVAILABLE = (byte)EntryRejectReason.VENUE_UNAVAILABLE.value();

    private final InstrumentDirectory instruments;
    private final OrderTable orders;
    private final VenueCommands commands;
    private final ProtectiveCancels protective;
    private final ReportRouter router;
    private final GatewayCounters counters;
    private final SessionRegistry registry;
    private final GatewayAudit audit;
    private final NanoClock clock;
    private final EpochNanoClock epochClock;
    private final Report report = new Report();

    OrderEntry(
        final InstrumentDirectory instruments,
        final OrderTable orders,
        final VenueCommands commands,
        final ProtectiveCancels protective,
        final ReportRouter router,
        final GatewayCounters counters,
        final SessionRegistry registry,
        final GatewayAudit audit,
        final NanoClock clock,
        final EpochNanoClock epochClock)
    {
        this.registry = registry;
        this.audit = audit;
        this.instruments = instruments;
        this.orders = orders;
        this.commands = commands;
        this.protective = protective;
        this.router = router;
        this.counters = counters;
        this.clock = clock;
        this.epochClock = epochClock;
    }

    void newOrder(
        final Session session,
        final long clientOrderId,
        final long requestedAccount,
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
        final long accountId = accountOf(session, requestedAccount);
        final byte refusal = admit(session, accountId, CommandClass.NEW_ORDER);
        if (refusal != 0)
        {
            rejectOrder(session, clientOrderId, accountId, instrumentId, refusal);
            return;
        }
        if (clientOrderId <= 0)
        {
            rejectOrder(session, clientOrderId, accountId, instrumentId, INVALID_ID);
            return;
        }
        final InstrumentSpec instrument = instruments.byId(instrumentId);
        if (instrument == null)
        {
            rejectOrder(session, clientOrderId, accountId, instrumentId, UNKNOWN_INSTRUMENT);
            return;
        }
        if (!inRange(side, 1) || !inRange(orderType, 1) || !inRange(timeInForce, MAX_TIME_IN_FORCE) ||
            !inRange(postOnly, 1) || !inRange(selfTradePrevention, MAX_ENUM))
        {
            rejectOrder(session, clientOrderId, accountId, instrumentId, INVALID_FIELD);
            return;
        }
        final long price = Decimals.toUnits(priceMantissa, priceExponent, instrument.priceScale());
        final long quantity = Decimals.toUnits(quantityMantissa, quantityExponent, instrument.quantityScale());
        final byte conversion = conversionFailure(price, quantity);
        if (conversion != 0)
        {
            rejectOrder(session, clientOrderId, accountId, instrumentId, conversion);
            return;
        }
        final AccountState account = session.account(accountId);
        if (account.openOrders >= account.maxOpenOrders)
        {
            rejectOrder(session, clientOrderId, accountId, instrumentId, OPEN_ORDER_LIMIT);
            return;
        }
        final long sent = commands.newOrder(accountId, clientOrderId, instrumentId, side, orderType, timeInForce,
            postOnly == 1, selfTradePrevention, price, quantity, session.user().id(), trace);
        if (sent <= 0)
        {
            rejectOrder(session, clientOrderId, accountId, instrumentId, venueRefusal(sent));
            return;
        }
        account.orderSent(clientOrderId, session);
    }

    void cancel(final Session session, final long requestId, final long requestedAccount, final long orderId,
        final long clientOrderId)
    {
        final long accountId = accountOf(session, requestedAccount);
        final long target = admittedTarget(session, requestId, accountId, orderId, clientOrderId, CommandClass.CANCEL);
        if (target > 0)
        {
            rejectIfNotSent(session, requestId, accountId, target, clientOrderId,
                commands.cancelOrder(accountId, requestId, target, session.user().id()));
        }
    }

    void replace(
        final Session session,
        final long requestId,
        final long requestedAccount,
        final long orderId,
        final long clientOrderId,
        final long priceMantissa,
        final int priceExponent,
        final long quantityMantissa,
        final int quantityExponent)
    {
        final long accountId = accountOf(session, requestedAccount);
        final long target = admittedTarget(session, requestId, accountId, orderId, clientOrderId, CommandClass.REPLACE);
        if (target <= 0)
        {
            return;
        }
        final OrderState order = orders.get(target);
        if (order == null)
        {
            rejectCancel(session, requestId, accountId, orderId, clientOrderId, UNKNOWN_ORDER);
            return;
        }
        final InstrumentSpec instrument = instruments.byId(order.instrumentId);
        if (instrument == null)
        {
            rejectCancel(session, requestId, accountId, target, clientOrderId, UNKNOWN_INSTRUMENT);
            return;
        }
        final long price = Decimals.toUnits(priceMantissa, priceExponent, instrument.priceScale());
        final long quantity = Decimals.toUnits(quantityMantissa, quantityExponent, instrument.quantityScale());
        final byte conversion = conversionFailure(price, quantity);
        if (conversion != 0)
        {
            rejectCancel(session, requestId, accountId, target, clientOrderId, conversion);
            return;
        }
        rejectIfNotSent(session, requestId, accountId, target, clientOrderId,
            commands.replaceOrder(accountId, requestId, target, price, quantity, session.user().id()));
    }

    void reduce(final Session session, final long requestId, final long clientOrderId, final long newQuantity)
    {
        final long accountId = session.user().account(0);
        final byte refusal = admit(session, accountId,
            newQuantity == 0 ? CommandClass.CANCEL : CommandClass.REPLACE);
        if (refusal != 0)
        {
            rejectCancel(session, requestId, accountId, 0, clientOrderId, refusal);
            return;
        }
        final long target = resolve(session.account(accountId), 0, clientOrderId);
        final OrderState order = target > 0 ? orders.get(target) : null;
        if (order == null || newQuantity < 0 || newQuantity >= order.leaves)
        {
            if (order == null)
            {
                rejectCancel(session, requestId, accountId, 0, clientOrderId, UNKNOWN_ORDER);
            }
            return;
        }
        final long userId = session.user().id();
        rejectIfNotSent(session, requestId, accountId, target, clientOrderId, newQuantity == 0 ?
            commands.cancelOrder(accountId, requestId, target, userId) :
            commands.replaceOrder(accountId, requestId, target, order.price, newQuantity, userId));
    }

    void massCancel(final Session session, final long requestId, final long accountId, final int instrumentId)
    {
        final long named = accountId == 0 ? session.user().account(0) : accountId;
        final boolean own = session.account(named) != null;
        final byte refusal = admit(session, named, own ? CommandClass.MASS_CANCEL :
            CommandClass.MASS_CANCEL_ANY_ACCOUNT);
        if (refusal != 0)
        {
            rejectCancel(session, requestId, accountId, 0, 0, refusal);
            return;
        }
        if (instrumentId != 0 && instruments.byId(instrumentId) == null)
        {
            rejectCancel(session, requestId, accountId, 0, 0, UNKNOWN_INSTRUMENT);
            return;
        }
        if (!own)
        {
            protective.massCancel(registry.track(named), instrumentId, requestId, session.user().id());
            return;
        }
        for (final AccountState account : session.accounts())
        {
            if (accountId == 0 || account.accountId == accountId)
            {
                protective.massCancel(account, instrumentId, requestId, session.user().id());
            }
        }
    }

    void cancelAfter(final Session session, final long requestId, final long timeoutMillis)
    {
        final byte refusal = admit(session, session.user().account(0), CommandClass.CANCEL_AFTER);
        if (refusal != 0 || timeoutMillis < 0 || timeoutMillis > MAX_CANCEL_AFTER_MILLIS)
        {
            rejectCancel(session, requestId, session.user().account(0), 0, 0, refusal != 0 ? refusal :
                INVALID_FIELD);
            return;
        }
        protective.cancelAfter(session, requestId, timeoutMillis, clock.nanoTime());
    }

    void status(final Session session, final long requestId, final long requestedAccount, final long orderId,
        final long clientOrderId)
    {
        final long accountId = accountOf(session, requestedAccount);
        if (!session.user().permits(CommandClass.ORDER_STATUS))
        {
            rejectCancel(session, requestId, accountId, orderId, clientOrderId,
                deny(session, CommandClass.ORDER_STATUS, accountId));
            return;
        }
        final Report r = report.clear();
        r.kind = ReportKind.STATUS;
        r.timestamp = epochClock.nanoTime();
        r.requestId = requestId;
        r.orderId = orderId;
        r.clientOrderId = clientOrderId;
        r.accountId = accountId;
        r.status = 1;
        final OrderState order = ownOrder(session, accountId, orderId, clientOrderId);
        if (order != null)
        {
            r.status = 0;
            r.describe(order);
        }
        router.sendTo(session, r);
    }

    long filled(final Session session, final long requestedAccount, final long orderId, final long clientOrderId)
    {
        final OrderState order = ownOrder(session, accountOf(session, requestedAccount), orderId, clientOrderId);
        return order != null ? order.cum : -1;
    }

    /**
     * @return the order of the account named by id or client order id, or {@code null} when the session does not
     * hold the account or the account has no such order.
     */
    private OrderState ownOrder(final Session session, final long accountId, final long orderId,
        final long clientOrderId)
    {
        final AccountState account = session.account(accountId);
        final long target = account == null ? -1 : resolve(account, orderId, clientOrderId);
        final OrderState order = target > 0 ? orders.get(target) : null;
        return order != null && order.accountId == accountId ? order : null;
    }

    /**
     * @return the account a request names, its user's first when it names 0.
     */
    private static long accountOf(final Session session, final long requestedAccount)
    {
        return requestedAccount == 0 ? session.user().account(0) : requestedAccount;
    }

    /**
     * Admits a request on an order (cancel, replace) and finds the order it names.
     *
     * @return the venue order id, or 0 or less when the request was refused (the refusal is already sent).
     */
    private long admittedTarget(
        final Session session, final long requestId, final long accountId, final long orderId,
        final long clientOrderId, final CommandClass command)
    {
        final byte refusal = admit(session, accountId, command);
        if (refusal != 0)
        {
            rejectCancel(session, requestId, accountId, orderId, clientOrderId, refusal);
            return 0;
        }
        final long target = resolve(session.account(accountId), orderId, clientOrderId);
        if (target <= 0)
        {
            rejectCancel(session, requestId, accountId, orderId, clientOrderId, target == 0 ? INVALID_FIELD :
                UNKNOWN_ORDER);
        }
        return target;
    }

    /**
     * Refuses a cancel, replace or reduce the venue did not take ({@code sent} 0 or less).
     */
    private void rejectIfNotSent(
        final Session session, final long requestId, final long accountId, final long target,
        final long clientOrderId, final long sent)
    {
        if (sent <= 0)
        {
            rejectCancel(session, requestId, accountId, target, clientOrderId, venueRefusal(sent));
        }
    }

    /**
     * @return 0 when the session's roles permit the command and it may act for the account now, else the reject
     * reason.
     */
    private byte admit(final Session session, final long accountId, final CommandClass command)
    {
        if (!session.user().permits(command))
        {
            return deny(session, command, accountId);
        }
        if (!session.throttle().tryTake(clock.nanoTime()))
        {
            return THROTTLED;
        }
        return command != CommandClass.MASS_CANCEL_ANY_ACCOUNT && session.account(accountId) == null ?
            NOT_ENTITLED : 0;
    }

    /**
     * Counts and audits a request no role of the user permits.
     *
     * @return the reason: read-only for users who may change nothing (viewers, drop copies), else not permitted.
     */
    private byte deny(final Session session, final CommandClass command, final long accountId)
    {
        final User user = session.user();
        final byte reason = user.readOnly() ? READ_ONLY : NOT_PERMITTED;
        counters.denial(command);
        audit.denied(session, command, accountId, reason);
        return reason;
    }

    /**
     * @return the venue order id named by id or client order id; 0 when neither is given, -1 when the client
     * order id names no live order this gateway knows of.
     */
    private static long resolve(final AccountState account, final long orderId, final long clientOrderId)
    {
        if (orderId != 0)
        {
            return orderId;
        }
        if (clientOrderId == 0)
        {
            return 0;
        }
        final long live = account.liveByClientOrderId.get(clientOrderId);
        return live == AccountState.MISSING ? -1 : live;
    }

    private static boolean inRange(final int code, final int max)
    {
        return code >= 0 && code <= max;
    }

    private static byte conversionFailure(final long price, final long quantity)
    {
        if (price == Decimals.PRECISION_LOSS || quantity == Decimals.PRECISION_LOSS)
        {
            return PRECISION_LOSS;
        }
        if (price == Decimals.OUT_OF_RANGE || quantity == Decimals.OUT_OF_RANGE)
        {
            return OUT_OF_RANGE;
        }
        return 0;
    }

    private static byte venueRefusal(final long result)
    {
        return result == VenueClient.BACK_PRESSURED ? VENUE_BUSY : VENUE_UNAVAILABLE;
    }

    private void rejectOrder(
        final Session session, final long clientOrderId, final long accountId, final int instrumentId,
        final byte reason)
    {
        reject(session, ReportKind.REJECTED, 0, accountId, 0, clientOrderId, instrumentId, reason);
    }

    private void rejectCancel(
        final Session session, final long requestId, final long accountId, final long orderId,
        final long clientOrderId, final byte reason)
    {
        reject(session, ReportKind.CANCEL_REJECTED, requestId, accountId, orderId, clientOrderId, 0, reason);
    }

    /**
     * Answers the session alone with a reject report (of a new order, or of a request on an order), counted by
     * reason.
     */
    private void reject(
        final Session session, final byte kind, final long requestId, final long accountId, final long orderId,
        final long clientOrderId, final int instrumentId, final byte reason)
    {
        final Report r = report.clear();
        r.kind = kind;
        r.timestamp = epochClock.nanoTime();
        r.requestId = requestId;
        r.accountId = accountId;
        r.orderId = orderId;
        r.clientOrderId = clientOrderId;
        r.instrumentId = instrumentId;
        r.reason = reason;
        counters.reject(reason);
        router.sendTo(session, r);
    }
}
