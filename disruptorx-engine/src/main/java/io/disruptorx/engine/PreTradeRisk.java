package io.disruptorx.engine;

import io.disruptorx.engine.book.BookSide;

/**
 * Pre-trade risk: whether a new order or a replace may enter, checked in the order docs/engine.md gives. It reads
 * the state and changes nothing. A new order that passes leaves its limit (a market order's protection price, or a
 * post-only order's repriced limit) and what it must hold in {@link #limit()} and {@link #hold()}, read right after
 * the check: no result objects on the hot path.
 */
final class PreTradeRisk
{
    private final PostOnlyMode postOnlyMode;
    private long limit;
    private long hold;

    /**
     * @param postOnlyMode what a post-only order that would trade does.
     */
    PreTradeRisk(final PostOnlyMode postOnlyMode)
    {
        this.postOnlyMode = postOnlyMode;
    }

    /**
     * Checks a new order of an existing trading account; see {@link MatchingEngine#newOrder} for the parameters.
     *
     * @return {@link RejectReason#NONE} when it may enter; then {@link #limit()} and {@link #hold()} are set.
     */
    RejectReason checkNewOrder(
        final Account account,
        final Instrument instrument,
        final Side side,
        final OrderType type,
        final TimeInForce timeInForce,
        final boolean postOnly,
        final SelfTradePrevention selfTradePrevention,
        final long price,
        final long quantity)
    {
        final RejectReason basic = checkOrderBasics(
            account, instrument, side, type, timeInForce, postOnly, selfTradePrevention, quantity);
        if (basic != RejectReason.NONE)
        {
            return basic;
        }
        final boolean market = type == OrderType.MARKET;
        long limit = market ? instrument.protectionPrice(side) : price;
        if (!market && (price <= 0 || price % instrument.tickSize != 0))
        {
            return RejectReason.INVALID_PRICE;
        }
        RejectReason reason = checkPriceAndSize(instrument, account, side, limit, quantity, !market);
        // the opposite side's keys answer both questions without loading a level
        final BookSide opposite = instrument.book.opposite(side);
        if (reason == RejectReason.NONE && market && opposite.levelCount() == 0)
        {
            reason = RejectReason.NO_LIQUIDITY;
        }
        if (reason == RejectReason.NONE && postOnly && opposite.bestCrosses(limit))
        {
            if (postOnlyMode == PostOnlyMode.REJECT)
            {
                reason = RejectReason.POST_ONLY_WOULD_TRADE;
            }
            else
            {
                final long best = opposite.bestPrice();
                limit = side == Side.BUY ? best - instrument.tickSize : best + instrument.tickSize;
                reason = limit <= 0 ?
                    RejectReason.INVALID_PRICE : checkPriceAndSize(instrument, account, side, limit, quantity, true);
            }
        }
        final long hold = instrument.hold(side, limit, quantity);
        if (reason == RejectReason.NONE && account.available(instrument.heldAsset(side)) < hold)
        {
            reason = RejectReason.INSUFFICIENT_BALANCE;
        }
        this.limit = limit;
        this.hold = hold;
        return reason;
    }

    /**
     * @return the limit of the new order that last passed {@link #checkNewOrder}.
     */
    long limit()
    {
        return limit;
    }

    /**
     * @return what the new order that last passed {@link #checkNewOrder} holds.
     */
    long hold()
    {
        return hold;
    }

    /**
     * Checks a replace: the order must exist and belong to the account; a reduction in place is always allowed,
     * anything else passes the size, notional and fee checks (the band only when the price changes), post-only and
     * the extra hold.
     *
     * @param order       the resting order, or {@code null} when there is none.
     * @param accountId   the account asking.
     * @param newPrice    new limit.
     * @param newQuantity new open quantity.
     * @return {@link RejectReason#NONE} when the replace may go ahead.
     */
    RejectReason checkReplace(final Order order, final long accountId, final long newPrice, final long newQuantity)
    {
        if (order == null)
        {
            return RejectReason.UNKNOWN_ORDER;
        }
        if (order.account.id != accountId)
        {
            return RejectReason.NOT_ORDER_OWNER;
        }
        final Instrument instrument = order.instrument;
        if (instrument.state == InstrumentState.HALTED)
        {
            return RejectReason.INSTRUMENT_HALTED;
        }
        if (newQuantity <= 0 || newQuantity % instrument.lotSize != 0)
        {
            return RejectReason.INVALID_QUANTITY;
        }
        if (newPrice <= 0 || newPrice % instrument.tickSize != 0)
        {
            return RejectReason.INVALID_PRICE;
        }
        if (newPrice == order.price() && newQuantity <= order.openQuantity())
        {
            return RejectReason.NONE;
        }
        final Side side = order.side();
        final RejectReason reason = checkPriceAndSize(
            instrument, order.account, side, newPrice, newQuantity, newPrice != order.price());
        if (reason != RejectReason.NONE)
        {
            return reason;
        }
        if (order.postOnly && instrument.book.opposite(side).bestCrosses(newPrice))
        {
            return RejectReason.POST_ONLY_WOULD_TRADE;
        }
        final long extra = instrument.hold(side, newPrice, newQuantity) -
            instrument.hold(side, order.price(), order.openQuantity());
        if (order.account.available(instrument.heldAsset(side)) < extra)
        {
            return RejectReason.INSUFFICIENT_BALANCE;
        }
        return RejectReason.NONE;
    }

    private static RejectReason checkOrderBasics(
        final Account account,
        final Instrument instrument,
        final Side side,
        final OrderType type,
        final TimeInForce timeInForce,
        final boolean postOnly,
        final SelfTradePrevention selfTradePrevention,
        final long quantity)
    {
        if (instrument == null)
        {
            return RejectReason.UNKNOWN_INSTRUMENT;
        }
        if (side == null || type == null || timeInForce == null || selfTradePrevention == null)
        {
            return RejectReason.INVALID_ORDER_TYPE;
        }
        final boolean resting = timeInForce == TimeInForce.GTC || timeInForce == TimeInForce.DAY;
        if ((type == OrderType.MARKET && (resting || postOnly)) || (postOnly && !resting))
        {
            return RejectReason.INVALID_ORDER_TYPE;
        }
        if (instrument.state == InstrumentState.HALTED)
        {
            return RejectReason.INSTRUMENT_HALTED;
        }
        if (account.killSwitch)
        {
            return RejectReason.KILL_SWITCH_ACTIVE;
        }
        if (quantity <= 0 || quantity % instrument.lotSize != 0)
        {
            return RejectReason.INVALID_QUANTITY;
        }
        return RejectReason.NONE;
    }

    private static RejectReason checkPriceAndSize(
        final Instrument instrument,
        final Account account,
        final Side side,
        final long limit,
        final long quantity,
        final boolean checkBand)
    {
        if (checkBand && instrument.outsideBand(limit))
        {
            return RejectReason.PRICE_OUTSIDE_BAND;
        }
        if (quantity > account.maxOrderQuantity)
        {
            return RejectReason.MAX_QUANTITY_EXCEEDED;
        }
        final long notional = instrument.notional(limit, quantity);
        if (notional < 0 || instrument.hold(side, limit, quantity) < 0)
        {
            return RejectReason.NOTIONAL_OVERFLOW;
        }
        if (notional > account.maxOrderNotional)
        {
            return RejectReason.MAX_NOTIONAL_EXCEEDED;
        }
        if (side == Side.SELL && instrument.notional(limit, instrument.lotSize) < instrument.takerFeePerLot)
        {
            return RejectReason.PRICE_BELOW_FEE;
        }
        return RejectReason.NONE;
    }
}
