package io.disruptorx.engine;

import io.disruptorx.engine.book.BookOrder;
import io.disruptorx.engine.book.BookSide;
import io.disruptorx.engine.book.OrderBook;
import io.disruptorx.engine.book.PriceLevel;

/**
 * The life of an order from entry to its end: a new order passes {@link PreTradeRisk}, holds its funds, matches,
 * and rests or has its remainder cancelled; a cancel or a replace finds it and changes it; mass cancels, the kill
 * switch and end of day remove orders in bulk. Each end of an order releases its hold and is reported, then the
 * order goes back to the pool. A resting order with a client order id is in the {@link ClientOrderIndex} from the
 * moment it rests until it is cleared, so a new order of the same account cannot reuse the id meanwhile, and a
 * cancel or a replace may name it that way. The parameters of the command methods are those of
 * {@link MatchingEngine}.
 */
final class OrderLifecycle
{
    private final EngineState state;
    private final EngineListener listener;
    private final InstrumentRegistry instruments;
    private final AccountLedger accounts;
    private final PreTradeRisk risk;
    private final ClientOrderIndex clientOrders;

    OrderLifecycle(final EngineState state)
    {
        this.state = state;
        this.listener = state.listener;
        this.instruments = state.instruments;
        this.accounts = state.accounts;
        this.risk = new PreTradeRisk(state.config.postOnlyMode());
        this.clientOrders = state.clientOrders;
    }

    void newOrder(
        final long timestamp,
        final long accountId,
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final OrderType type,
        final TimeInForce timeInForce,
        final boolean postOnly,
        final SelfTradePrevention selfTradePrevention,
        final long price,
        final long quantity)
    {
        final Account account = accounts.tradingAccount(accountId);
        if (account == null)
        {
            listener.onOrderRejected(timestamp, clientOrderId, accountId, instrumentId, RejectReason.UNKNOWN_ACCOUNT);
            return;
        }
        if (clientOrderId != 0 && clientOrders.get(accountId, clientOrderId) != null)
        {
            listener.onOrderRejected(
                timestamp, clientOrderId, accountId, instrumentId, RejectReason.DUPLICATE_CLIENT_ORDER_ID);
            return;
        }
        final Instrument instrument = instruments.get(instrumentId);
        RejectReason reason = risk.checkNewOrder(
            account, instrument, side, type, timeInForce, postOnly, selfTradePrevention, price, quantity);
        final boolean mayRest = timeInForce == TimeInForce.GTC || timeInForce == TimeInForce.DAY;
        final Order order = reason != RejectReason.NONE ? null :
            mayRest ? (Order)state.orderPool.take() : state.immediateOrder;
        if (reason == RejectReason.NONE && order == null)
        {
            reason = RejectReason.ORDER_CAPACITY_EXCEEDED;
        }
        if (reason != RejectReason.NONE)
        {
            listener.onOrderRejected(timestamp, clientOrderId, accountId, instrumentId, reason);
            return;
        }

        final long limit = risk.limit();
        order.init(state.takeOrderId(), side, limit, quantity);
        order.clientOrderId = clientOrderId;
        order.account = account;
        order.instrument = instrument;
        order.type = type;
        order.timeInForce = timeInForce;
        order.selfTradePrevention = selfTradePrevention;
        order.postOnly = postOnly;
        accounts.hold(order, risk.hold());
        listener.onOrderAccepted(
            timestamp, order.orderId(), clientOrderId, accountId, instrumentId, side, type, timeInForce, limit,
            quantity);
        state.commandTimestamp(timestamp);

        if (timeInForce == TimeInForce.FOK && !canFillCompletely(order))
        {
            cancelIncoming(order, CancelReason.FOK_NOT_FILLED, clientOrderId);
            return;
        }
        state.commandRequestId(clientOrderId);
        final boolean stopped = instrument.book.match(order);
        finishIncoming(order, stopped, clientOrderId);
    }

    void cancelOrder(
        final long timestamp, final long accountId, final long requestId, final long orderId, final long clientOrderId)
    {
        final Order order = find(accountId, orderId, clientOrderId);
        if (order == null)
        {
            listener.onCancelRejected(timestamp, orderId, requestId, accountId, RejectReason.UNKNOWN_ORDER);
            return;
        }
        if (order.account.id != accountId)
        {
            listener.onCancelRejected(timestamp, orderId, requestId, accountId, RejectReason.NOT_ORDER_OWNER);
            return;
        }
        state.commandTimestamp(timestamp);
        cancelResting(order, CancelReason.REQUESTED, requestId);
    }

    void replaceOrder(
        final long timestamp,
        final long accountId,
        final long requestId,
        final long orderId,
        final long newPrice,
        final long newQuantity,
        final long clientOrderId)
    {
        final Order order = find(accountId, orderId, clientOrderId);
        final RejectReason reason = risk.checkReplace(order, accountId, newPrice, newQuantity);
        if (reason != RejectReason.NONE)
        {
            listener.onCancelRejected(
                timestamp, order == null ? orderId : order.orderId(), requestId, accountId, reason);
            return;
        }
        state.commandTimestamp(timestamp);
        final Instrument instrument = order.instrument;
        final OrderBook book = instrument.book;
        if (newPrice == order.price() && newQuantity <= order.openQuantity())
        {
            accounts.releaseHold(order, order.openQuantity() - newQuantity);
            order.updateTime = timestamp;
            listener.onOrderReplaced(
                timestamp, order.orderId(), requestId, accountId, instrument.id, newPrice, newQuantity, true);
            book.reduce(order, newQuantity);
            return;
        }

        // the order keeps its id and its index entry while it is out of the book
        book.detach(order);
        accounts.releaseHold(order, order.openQuantity());
        order.reprice(newPrice, newQuantity);
        accounts.hold(order, instrument.hold(order.side(), newPrice, newQuantity));
        listener.onOrderReplaced(
            timestamp, order.orderId(), requestId, accountId, instrument.id, newPrice, newQuantity, false);
        state.commandRequestId(requestId);
        final boolean stopped = book.match(order);
        finishIncoming(order, stopped, requestId);
    }

    void massCancel(
        final long timestamp, final long accountId, final int instrumentId, final long requestId,
        final boolean restoredOnly)
    {
        state.commandTimestamp(timestamp);
        final Account account = accountId == 0 ? null : accounts.get(accountId);
        if (accountId != 0 && account == null)
        {
            listener.onAdminResult(timestamp, AdminType.MASS_CANCEL, accountId, RejectReason.UNKNOWN_ACCOUNT);
            return;
        }
        if (instrumentId != 0)
        {
            final Instrument instrument = instruments.get(instrumentId);
            if (instrument == null)
            {
                listener.onAdminResult(timestamp, AdminType.MASS_CANCEL, accountId, RejectReason.UNKNOWN_INSTRUMENT);
                return;
            }
            cancelWhere(instrument, account, restoredOnly, requestId);
        }
        else
        {
            for (int i = 0; i < instruments.count(); i++)
            {
                cancelWhere(instruments.inOrder(i), account, restoredOnly, requestId);
            }
        }
        listener.onAdminResult(timestamp, AdminType.MASS_CANCEL, accountId, RejectReason.NONE);
    }

    /**
     * Cancels, in instrument creation order, bids then asks, best price first, oldest first, every resting order
     * that matches; the caller has set the command timestamp.
     *
     * @param account   only this account's orders, or {@code null} for all.
     * @param dayOnly   only DAY orders.
     * @param reason    reported reason.
     * @param requestId reported request id.
     */
    void cancelEverywhere(final Account account, final boolean dayOnly, final CancelReason reason, final long requestId)
    {
        final InstrumentRegistry instruments = this.instruments;
        for (int i = 0; i < instruments.count(); i++)
        {
            cancelWhere(instruments.inOrder(i), account, dayOnly, reason, requestId);
        }
    }

    /**
     * As {@link #cancelEverywhere}, for one instrument.
     */
    void cancelWhere(
        final Instrument instrument,
        final Account account,
        final boolean dayOnly,
        final CancelReason reason,
        final long requestId)
    {
        cancelWhere(instrument.book.bids(), account, dayOnly, 0, reason, requestId);
        cancelWhere(instrument.book.asks(), account, dayOnly, 0, reason, requestId);
    }

    /**
     * A mass cancel's cancels in one instrument: every matching order, or only those a move restored here (their id
     * carries {@link InstrumentMoves#MOVED_MARK}).
     */
    private void cancelWhere(
        final Instrument instrument, final Account account, final boolean restoredOnly, final long requestId)
    {
        final long mark = restoredOnly ? InstrumentMoves.MOVED_MARK : 0;
        cancelWhere(instrument.book.bids(), account, false, mark, CancelReason.MASS_CANCEL, requestId);
        cancelWhere(instrument.book.asks(), account, false, mark, CancelReason.MASS_CANCEL, requestId);
    }

    /**
     * Releases an order's hold and reports its cancel with the command's timestamp. For a resting order the book
     * deletes it next (market data follows).
     */
    void reportCancel(final Order order, final CancelReason reason, final long requestId)
    {
        accounts.releaseHold(order, order.openQuantity());
        listener.onOrderCancelled(
            state.commandTimestamp(), order.orderId(), order.clientOrderId, requestId, order.account.id,
            order.instrument.id, order.openQuantity(), reason);
    }

    /**
     * @param mark only orders whose id carries these bits, or 0 for all.
     */
    private void cancelWhere(
        final BookSide side,
        final Account account,
        final boolean dayOnly,
        final long mark,
        final CancelReason reason,
        final long requestId)
    {
        for (int i = side.levelCount() - 1; i >= 0; i--)
        {
            Order order = (Order)side.levelAt(i).head();
            while (order != null)
            {
                final Order next = (Order)order.next();
                if ((account == null || order.account == account) &&
                    (!dayOnly || order.timeInForce == TimeInForce.DAY) && (order.orderId() & mark) == mark)
                {
                    cancelResting(order, reason, requestId);
                }
                order = next;
            }
        }
    }

    private void finishIncoming(final Order order, final boolean stopped, final long requestId)
    {
        if (order.openQuantity() == 0)
        {
            release(order);
        }
        else if (stopped)
        {
            cancelIncoming(order, CancelReason.SELF_TRADE, requestId);
        }
        else if (order.timeInForce == TimeInForce.IOC || order.timeInForce == TimeInForce.FOK)
        {
            cancelIncoming(order, CancelReason.IOC_REMAINDER, requestId);
        }
        else
        {
            if (order.clientOrderId != 0 && !order.clientIndexed)
            {
                clientOrders.put(order);
            }
            // the time the book's OrderAdded carries, kept so a snapshot can give it back
            order.entryTime = state.commandTimestamp();
            order.updateTime = order.entryTime;
            order.instrument.book.add(order);
        }
    }

    /**
     * @return the resting order named by its engine order id, or when that is 0 by the account and its client order
     * id (0: none); {@code null} when there is none.
     */
    private Order find(final long accountId, final long orderId, final long clientOrderId)
    {
        if (orderId != 0)
        {
            return (Order)state.restingOrders.get(orderId);
        }
        return clientOrderId == 0 ? null : clientOrders.get(accountId, clientOrderId);
    }

    /**
     * @return whether a fill-or-kill order would fill in full at once, self-trade prevention counted in.
     */
    private static boolean canFillCompletely(final Order taker)
    {
        final BookSide opposite = taker.instrument.book.opposite(taker.side());
        final SelfTradePrevention stp = taker.selfTradePrevention;
        long needed = taker.openQuantity();
        for (int i = opposite.levelCount() - 1; i >= 0; i--)
        {
            final PriceLevel level = opposite.levelAt(i);
            if (!opposite.crosses(level.price(), taker.price()))
            {
                return false;
            }
            for (BookOrder maker = level.head(); maker != null; maker = maker.next())
            {
                if (((Order)maker).account == taker.account && stp != SelfTradePrevention.NONE)
                {
                    if (stp == SelfTradePrevention.CANCEL_OLDEST)
                    {
                        continue;
                    }
                    return false;
                }
                if (maker.openQuantity() >= needed)
                {
                    return true;
                }
                needed -= maker.openQuantity();
            }
        }
        return false;
    }

    private void cancelIncoming(final Order order, final CancelReason reason, final long requestId)
    {
        reportCancel(order, reason, requestId);
        release(order);
    }

    private void release(final Order order)
    {
        if (order == state.immediateOrder)
        {
            order.clear();
        }
        else
        {
            order.instrument.book.discard(order);
        }
    }

    private void cancelResting(final Order order, final CancelReason reason, final long requestId)
    {
        reportCancel(order, reason, requestId);
        order.instrument.book.cancel(order);
    }
}
