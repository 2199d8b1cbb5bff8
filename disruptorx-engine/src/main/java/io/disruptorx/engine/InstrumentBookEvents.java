package io.disruptorx.engine;

import io.disruptorx.engine.book.BookListener;
import io.disruptorx.engine.book.BookOrder;
import io.disruptorx.engine.book.MatchHook;

/**
 * Where one instrument's book meets the engine: self-trade prevention before each fill, settlement of each
 * trade, and the book's changes as market data with the engine's feed sequence. The command's timestamp and
 * request id come from the {@link EngineState}, set by whoever drives the book.
 */
final class InstrumentBookEvents implements BookListener, MatchHook
{
    private final EngineState state;
    private final OrderLifecycle lifecycle;
    private final Instrument instrument;
    private final EngineListener listener;
    private final AccountLedger accounts;
    /** The pair {@link #beforeFill} allowed: the next {@link #onTrade} is theirs. */
    private Order maker;
    private Order taker;

    InstrumentBookEvents(final EngineState state, final OrderLifecycle lifecycle, final Instrument instrument)
    {
        this.state = state;
        this.lifecycle = lifecycle;
        this.instrument = instrument;
        this.listener = state.listener;
        this.accounts = state.accounts;
    }

    @Override
    public int beforeFill(final BookOrder bookMaker, final BookOrder bookTaker)
    {
        final Order maker = (Order)bookMaker;
        final Order taker = (Order)bookTaker;
        final SelfTradePrevention stp = taker.selfTradePrevention;
        if (maker.account != taker.account || stp == SelfTradePrevention.NONE)
        {
            this.maker = maker;
            this.taker = taker;
            return FILL;
        }
        if (stp == SelfTradePrevention.CANCEL_NEWEST)
        {
            return STOP;
        }
        lifecycle.reportCancel(maker, CancelReason.SELF_TRADE, state.commandRequestId());
        return stp == SelfTradePrevention.CANCEL_BOTH ? CANCEL_MAKER_AND_STOP : CANCEL_MAKER;
    }

    @Override
    public void onTrade(
        final long makerOrderId,
        final long takerOrderId,
        final Side takerSide,
        final long price,
        final long quantity,
        final long makerOpenQuantity,
        final long takerOpenQuantity)
    {
        final Instrument instrument = this.instrument;
        final Order maker = this.maker;
        final Order taker = this.taker;
        final long lots = instrument.lots(quantity);
        final long makerFee = lots * instrument.makerFeePerLot;
        final long takerFee = lots * instrument.takerFeePerLot;
        final boolean takerBuys = takerSide == Side.BUY;
        final long notional = instrument.notional(price, quantity);
        accounts.settle(
            instrument, takerBuys ? taker : maker, takerBuys ? maker.account : taker.account, quantity,
            notional, takerBuys ? takerFee : makerFee, takerBuys ? makerFee : takerFee, takerFee);

        final EngineState state = this.state;
        final long timestamp = state.commandTimestamp();
        maker.fill(quantity, notional, timestamp);
        taker.fill(quantity, notional, timestamp);
        instrument.referencePrice = price;

        final long tradeId = state.takeTradeId();
        listener.onTrade(
            timestamp, tradeId, instrument.id, price, quantity, takerSide,
            makerOrderId, maker.account.id, makerOpenQuantity, makerFee,
            takerOrderId, taker.account.id, takerOpenQuantity, takerFee);
        listener.onMarketTrade(state.takeFeedSequence(), timestamp, instrument.id, tradeId, price, quantity, takerSide);
    }

    @Override
    public void onOrderAdded(final long orderId, final Side side, final long price, final long quantity)
    {
        listener.onBookOrderAdded(
            state.takeFeedSequence(), state.commandTimestamp(), instrument.id, orderId, side, price, quantity);
    }

    @Override
    public void onOrderModified(final long orderId, final long openQuantity)
    {
        listener.onBookOrderModified(
            state.takeFeedSequence(), state.commandTimestamp(), instrument.id, orderId, openQuantity);
    }

    @Override
    public void onOrderDeleted(final long orderId)
    {
        listener.onBookOrderDeleted(state.takeFeedSequence(), state.commandTimestamp(), instrument.id, orderId);
    }
}
