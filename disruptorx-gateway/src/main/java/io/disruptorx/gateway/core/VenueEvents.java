package io.disruptorx.gateway.core;

import io.disruptorx.protocol.sbe.event.AccountBalanceDecoder;
import io.disruptorx.protocol.sbe.event.AdminResultDecoder;
import io.disruptorx.protocol.sbe.event.AdminType;
import io.disruptorx.protocol.sbe.event.CancelRejectedDecoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.event.OpenOrderDecoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderCancelledDecoder;
import io.disruptorx.protocol.sbe.event.OrderRejectedDecoder;
import io.disruptorx.protocol.sbe.event.OrderReplacedDecoder;
import io.disruptorx.protocol.sbe.event.TradeDecoder;
import io.disruptorx.protocol.venue.VenueEventHandler;
import org.agrona.DirectBuffer;

/**
 * Applies the venue's execution events to the gateway's view (live orders, open-order counts, owners) and turns
 * each into reports for the sessions entitled to the account: a trade becomes a fill for the maker, then one for
 * the taker. Events of accounts no session here is entitled to are skipped. Answers to balance and open-orders
 * queries go to the {@link AccountQueries}. Each report carries the sequence of the command whose event made it, and
 * the venue's command-end signals move the {@link CommandEnds} watermark. Reads events in place.
 */
final class VenueEvents implements VenueEventHandler
{
    private static final byte BUY = 0;
    private static final byte SELL = 1;
    private static final byte ADDED = 0;
    private static final byte REMOVED = 1;

    private final SessionRegistry registry;
    private final OrderTable orders;
    private final ReportRouter router;
    private final ProtectiveCancels protective;
    private final GatewayCounters counters;
    private final AccountQueries queries;
    private final CommandEnds ends;
    private final Report report = new Report();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final OrderAcceptedDecoder accepted = new OrderAcceptedDecoder();
    private final OrderRejectedDecoder rejected = new OrderRejectedDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final OrderCancelledDecoder cancelled = new OrderCancelledDecoder();
    private final OrderReplacedDecoder replaced = new OrderReplacedDecoder();
    private final CancelRejectedDecoder cancelRejected = new CancelRejectedDecoder();
    private final AdminResultDecoder adminResult = new AdminResultDecoder();
    private final AccountBalanceDecoder accountBalance = new AccountBalanceDecoder();
    private final OpenOrderDecoder openOrder = new OpenOrderDecoder();
    private long commandSequence;

    VenueEvents(
        final SessionRegistry registry,
        final OrderTable orders,
        final ReportRouter router,
        final ProtectiveCancels protective,
        final GatewayCounters counters,
        final AccountQueries queries,
        final CommandEnds ends)
    {
        this.ends = ends;
        this.registry = registry;
        this.orders = orders;
        this.router = router;
        this.protective = protective;
        this.counters = counters;
        this.queries = queries;
    }

    @Override
    public void onEvent(final long commandSequence, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            counters.internalError();
            return;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != OrderAcceptedDecoder.SCHEMA_ID)
        {
            return;
        }
        this.commandSequence = commandSequence;
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case OrderAcceptedDecoder.TEMPLATE_ID:
                onAccepted(accepted.wrap(buffer, body, blockLength, version));
                break;
            case OrderRejectedDecoder.TEMPLATE_ID:
                onRejected(rejected.wrap(buffer, body, blockLength, version));
                break;
            case TradeDecoder.TEMPLATE_ID:
                onTrade(trade.wrap(buffer, body, blockLength, version));
                break;
            case OrderCancelledDecoder.TEMPLATE_ID:
                onCancelled(cancelled.wrap(buffer, body, blockLength, version));
                break;
            case OrderReplacedDecoder.TEMPLATE_ID:
                onReplaced(replaced.wrap(buffer, body, blockLength, version));
                break;
            case CancelRejectedDecoder.TEMPLATE_ID:
                onCancelRejected(cancelRejected.wrap(buffer, body, blockLength, version));
                break;
            case AdminResultDecoder.TEMPLATE_ID:
                onAdminResult(adminResult.wrap(buffer, body, blockLength, version));
                break;
            case AccountBalanceDecoder.TEMPLATE_ID:
                queries.onEvent(accountBalance.wrap(buffer, body, blockLength, version));
                break;
            case OpenOrderDecoder.TEMPLATE_ID:
                queries.onEvent(openOrder.wrap(buffer, body, blockLength, version));
                break;
            default:
                break;
        }
    }

    @Override
    public void onCommandEnd(final long commandSequence)
    {
        ends.onCommandEnd(commandSequence);
    }

    private Report newReport()
    {
        final Report r = report.clear();
        r.commandSequence = commandSequence;
        return r;
    }

    private void onAccepted(final OrderAcceptedDecoder event)
    {
        final AccountState account = registry.account(event.accountId());
        if (account == null)
        {
            return;
        }
        final long clientOrderId = event.clientOrderId();
        final int ownerIndex = account.orderAnswered(clientOrderId);
        if (ownerIndex < 0)
        {
            account.openOrders++;
        }
        final Session owner = ownerIndex < 0 ? null : registry.session(ownerIndex);
        final OrderState order = orders.add(event.orderId());
        order.accountId = account.accountId;
        order.clientOrderId = clientOrderId;
        order.instrumentId = event.instrumentId();
        order.side = (byte)event.sideRaw();
        order.orderType = (byte)event.orderTypeRaw();
        order.timeInForce = (byte)event.timeInForceRaw();
        order.price = event.price();
        order.quantity = event.quantity();
        order.leaves = order.quantity;
        account.liveByClientOrderId.put(clientOrderId, order.orderId);
        if (owner != null)
        {
            owner.own(order);
        }
        final Report r = newReport();
        r.kind = ReportKind.ACCEPTED;
        r.timestamp = event.timestamp();
        r.describe(order);
        r.quantity = order.quantity;
        router.route(r, account, owner);
        if (owner != null && !owner.connected() && owner.user().cancelOnDisconnect())
        {
            protective.cancelOnDisconnect(order);
        }
    }

    private void onRejected(final OrderRejectedDecoder event)
    {
        final AccountState account = registry.account(event.accountId());
        if (account == null)
        {
            return;
        }
        final int ownerIndex = account.orderAnswered(event.clientOrderId());
        Session owner = null;
        if (ownerIndex >= 0)
        {
            account.openOrders--;
            owner = registry.session(ownerIndex);
        }
        counters.reject(event.reasonRaw());
        final Report r = newReport();
        r.kind = ReportKind.REJECTED;
        r.timestamp = event.timestamp();
        r.clientOrderId = event.clientOrderId();
        r.accountId = account.accountId;
        r.instrumentId = event.instrumentId();
        r.reason = (byte)event.reasonRaw();
        router.route(r, account, owner);
    }

    private void onTrade(final TradeDecoder event)
    {
        final byte takerSide = (byte)event.takerSideRaw();
        fill(event, event.makerOrderId(), event.makerAccountId(), takerSide == BUY ? SELL : BUY,
            event.makerRemaining(), event.makerFee(), ADDED);
        fill(event, event.takerOrderId(), event.takerAccountId(), takerSide, event.takerRemaining(),
            event.takerFee(), REMOVED);
    }

    private void fill(
        final TradeDecoder event,
        final long orderId,
        final long accountId,
        final byte side,
        final long remaining,
        final long fee,
        final byte liquidity)
    {
        final AccountState account = registry.account(accountId);
        if (account == null)
        {
            return;
        }
        final OrderState order = orders.get(orderId);
        final Report r = newReport();
        r.kind = ReportKind.FILL;
        r.timestamp = event.timestamp();
        r.orderId = orderId;
        r.accountId = accountId;
        r.instrumentId = event.instrumentId();
        r.side = side;
        r.lastPrice = event.price();
        r.lastQuantity = event.quantity();
        r.leavesQuantity = remaining;
        r.fee = fee;
        r.liquidity = liquidity;
        r.tradeId = event.tradeId();
        Session owner = null;
        if (order != null)
        {
            order.cum += event.quantity();
            order.leaves = remaining;
            r.clientOrderId = order.clientOrderId;
            r.cumQuantity = order.cum;
            r.price = order.price;
            r.orderType = order.orderType;
            r.timeInForce = order.timeInForce;
            owner = order.owner;
        }
        else
        {
            r.cumQuantity = event.quantity();
        }
        router.route(r, account, owner);
        if (order != null && remaining == 0)
        {
            terminate(order, account);
        }
    }

    private void onCancelled(final OrderCancelledDecoder event)
    {
        final AccountState account = registry.account(event.accountId());
        if (account == null)
        {
            return;
        }
        final OrderState order = orders.get(event.orderId());
        final Report r = newReport();
        r.kind = ReportKind.CANCELLED;
        r.timestamp = event.timestamp();
        r.orderId = event.orderId();
        r.clientOrderId = event.clientOrderId();
        r.requestId = event.requestId();
        r.accountId = account.accountId;
        r.instrumentId = event.instrumentId();
        r.quantity = event.cancelledQuantity();
        r.reason = (byte)event.reasonRaw();
        Session owner = null;
        if (order != null)
        {
            r.describe(order);
            r.leavesQuantity = 0;
            owner = order.owner;
        }
        router.route(r, account, owner);
        if (order != null)
        {
            terminate(order, account);
        }
    }

    private void onReplaced(final OrderReplacedDecoder event)
    {
        final AccountState account = registry.account(event.accountId());
        if (account == null)
        {
            return;
        }
        final OrderState order = orders.get(event.orderId());
        final Report r = newReport();
        r.kind = ReportKind.REPLACED;
        r.timestamp = event.timestamp();
        r.orderId = event.orderId();
        r.requestId = event.requestId();
        r.accountId = account.accountId;
        r.instrumentId = event.instrumentId();
        r.flag = (byte)event.priorityKeptRaw();
        Session owner = null;
        if (order != null)
        {
            r.lastPrice = order.price;
            r.lastQuantity = order.leaves - event.quantity();
            order.price = event.price();
            order.leaves = event.quantity();
            r.describe(order);
            owner = order.owner;
        }
        r.price = event.price();
        r.leavesQuantity = event.quantity();
        router.route(r, account, owner);
    }

    private void onCancelRejected(final CancelRejectedDecoder event)
    {
        final AccountState account = registry.account(event.accountId());
        if (account == null)
        {
            return;
        }
        final OrderState order = orders.get(event.orderId());
        final Report r = newReport();
        r.kind = ReportKind.CANCEL_REJECTED;
        counters.reject(event.reasonRaw());
        r.timestamp = event.timestamp();
        r.orderId = event.orderId();
        r.requestId = event.requestId();
        r.accountId = account.accountId;
        r.reason = (byte)event.reasonRaw();
        Session owner = null;
        if (order != null)
        {
            r.clientOrderId = order.clientOrderId;
            r.instrumentId = order.instrumentId;
            owner = order.owner;
        }
        router.route(r, account, owner);
    }

    private void onAdminResult(final AdminResultDecoder event)
    {
        if (event.adminType() != AdminType.MASS_CANCEL)
        {
            return;
        }
        final AccountState account = registry.account(event.subjectId());
        if (account == null)
        {
            return;
        }
        final Report r = newReport();
        r.kind = ReportKind.MASS_CANCEL_DONE;
        r.timestamp = event.timestamp();
        r.requestId = account.massCancelRequestId;
        r.accountId = account.accountId;
        r.reason = (byte)event.resultRaw();
        router.route(r, account, null);
    }

    private void terminate(final OrderState order, final AccountState account)
    {
        account.openOrders--;
        if (account.liveByClientOrderId.get(order.clientOrderId) == order.orderId)
        {
            account.liveByClientOrderId.remove(order.clientOrderId);
        }
        orders.remove(order);
    }
}
