package io.disruptorx.engine;

import io.disruptorx.engine.book.BookListener;
import io.disruptorx.engine.book.BookOrder;
import io.disruptorx.engine.book.MatchHook;

/**
 * Where one instrument's book meets the engine: self-trade prevention before each fill, settlement of each
 * trade, and the book's changes as market data with the engine's feed sequence. The command's timestamp and
 * request id come from the engine, which sets them before it drives a book.
 */
final class InstrumentBookEvents implements BookListener, MatchHook
{
    private final MatchingEngine engine;
    private final Instrument instrument;
    private final EngineListener listener;
    /** The pair {@link #beforeFill} allowed: the next {@link #onTrade} is theirs. */
    private Order maker;
    private Order taker;

    InstrumentBookEvents(final MatchingEngine engine, final Instrument instrument)
    {
        this.engine = engine;
        this.instrument = instrument;
        this.listener = engine.listener;
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
        engine.reportCancel(maker, CancelReason.SELF_TRADE, engine.commandRequestId);
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
        final long notional = instrument.notional(price, quantity);
        final boolean takerBuys = takerSide == Side.BUY;
        final Order buy = takerBuys ? taker : maker;
        final Account buyer = buy.account;
        final Account seller = takerBuys ? maker.account : taker.account;
        final int base = instrument.baseAssetId;
        final int quote = instrument.quoteAssetId;

        buyer.held[quote] -= instrument.notional(buy.price(), quantity) + takerFee;
        buyer.balance[quote] -= notional + (takerBuys ? takerFee : makerFee);
        buyer.balance[base] += quantity;
        seller.held[base] -= quantity;
        seller.balance[base] -= quantity;
        seller.balance[quote] += notional - (takerBuys ? makerFee : takerFee);
        engine.feeAccount.balance[quote] += makerFee + takerFee;

        maker.filledQuantity += quantity;
        taker.filledQuantity += quantity;
        instrument.referencePrice = price;

        final long timestamp = engine.commandTimestamp;
        final long tradeId = engine.nextTradeId++;
        listener.onTrade(
            timestamp, tradeId, instrument.id, price, quantity, takerSide,
            makerOrderId, maker.account.id, makerOpenQuantity, makerFee,
            takerOrderId, taker.account.id, takerOpenQuantity, takerFee);
        listener.onMarketTrade(
            engine.nextFeedSequence++, timestamp, instrument.id, tradeId, price, quantity, takerSide);
    }

    @Override
    public void onOrderAdded(final long orderId, final Side side, final long price, final long quantity)
    {
        listener.onBookOrderAdded(
            engine.nextFeedSequence++, engine.commandTimestamp, instrument.id, orderId, side, price, quantity);
    }

    @Override
    public void onOrderModified(final long orderId, final long openQuantity)
    {
        listener.onBookOrderModified(
            engine.nextFeedSequence++, engine.commandTimestamp, instrument.id, orderId, openQuantity);
    }

    @Override
    public void onOrderDeleted(final long orderId)
    {
        listener.onBookOrderDeleted(engine.nextFeedSequence++, engine.commandTimestamp, instrument.id, orderId);
    }
}
