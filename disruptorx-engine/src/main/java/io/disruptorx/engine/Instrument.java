package io.disruptorx.engine;

import io.disruptorx.engine.book.OrderBook;

/**
 * An instrument's definition, its trading state and its book, whose events its {@link InstrumentBookEvents} turns
 * into engine events.
 */
final class Instrument
{
    static final long BPS = 10_000L;

    final int id;
    final int baseAssetId;
    final int quoteAssetId;
    final long tickSize;
    final long lotSize;
    final int priceScale;
    final int quantityScale;
    final long quantityDivisor;
    final long makerFeePerLot;
    final long takerFeePerLot;
    final int priceBandBps;
    final int marketProtectionBps;
    final OrderBook book;
    long referencePrice;
    InstrumentState state = InstrumentState.TRADING;

    Instrument(
        final int id,
        final int baseAssetId,
        final int quoteAssetId,
        final long tickSize,
        final long lotSize,
        final int priceScale,
        final int quantityScale,
        final long makerFeePerLot,
        final long takerFeePerLot,
        final long referencePrice,
        final int priceBandBps,
        final int marketProtectionBps,
        final EngineState state,
        final OrderLifecycle lifecycle)
    {
        this.id = id;
        this.baseAssetId = baseAssetId;
        this.quoteAssetId = quoteAssetId;
        this.tickSize = tickSize;
        this.lotSize = lotSize;
        this.priceScale = priceScale;
        this.quantityScale = quantityScale;
        this.quantityDivisor = Arithmetic.powerOfTen(quantityScale);
        this.makerFeePerLot = makerFeePerLot;
        this.takerFeePerLot = takerFeePerLot;
        this.referencePrice = referencePrice;
        this.priceBandBps = priceBandBps;
        this.marketProtectionBps = marketProtectionBps;
        final InstrumentBookEvents events = new InstrumentBookEvents(state, lifecycle, this);
        this.book = new OrderBook(events, events, state.orderPool, state.restingOrders);
    }

    /**
     * @param price    a valid price.
     * @param quantity a valid quantity.
     * @return quote units for the quantity at the price; exact because tick times lot is a multiple of the
     * divisor; negative when it does not fit in a long.
     */
    long notional(final long price, final long quantity)
    {
        final long product = Arithmetic.multiply(price, quantity);
        if (product < 0 || quantityDivisor == 1)
        {
            return product;
        }
        return product / quantityDivisor;
    }

    /**
     * @param side an order's side.
     * @return the asset it holds: quote for a buy, base for a sell.
     */
    int heldAsset(final Side side)
    {
        return side == Side.BUY ? quoteAssetId : baseAssetId;
    }

    /**
     * @param side     an order's side.
     * @param price    its limit.
     * @param quantity its open quantity.
     * @return what it holds: for a buy its notional at the limit plus the taker fee, for a sell its quantity; -1 when
     * that does not fit in a long.
     */
    long hold(final Side side, final long price, final long quantity)
    {
        if (side == Side.SELL)
        {
            return quantity;
        }
        final long notional = notional(price, quantity);
        final long fees = Arithmetic.multiply(lots(quantity), takerFeePerLot);
        return notional < 0 || fees < 0 ? -1 : Arithmetic.add(notional, fees);
    }

    long lots(final long quantity)
    {
        return quantity / lotSize;
    }

    boolean outsideBand(final long price)
    {
        if (priceBandBps == 0)
        {
            return false;
        }
        final long allowed = Arithmetic.bpsOf(referencePrice, priceBandBps);
        return price - referencePrice > allowed || referencePrice - price > allowed;
    }

    /**
     * @param side side of a market order.
     * @return the worst price it may trade at: the reference moved by the protection band, on a tick.
     */
    long protectionPrice(final Side side)
    {
        final long delta = Arithmetic.bpsOf(referencePrice, marketProtectionBps);
        if (side == Side.BUY)
        {
            final long limit = referencePrice > Long.MAX_VALUE - delta ? Long.MAX_VALUE : referencePrice + delta;
            return limit / tickSize * tickSize;
        }
        final long limit = referencePrice - delta;
        final long ticks = (limit + tickSize - 1) / tickSize;
        return Math.max(ticks, 1) * tickSize;
    }
}
