package io.disruptorx.gateway.json;

import io.disruptorx.gateway.reference.InstrumentSpec;

/**
 * One fill of an order of the session's accounts, as {@code GET /api/v3/myTrades} lists it.
 *
 * @param tradeId    the venue's trade id.
 * @param orderId    the order.
 * @param accountId  its account.
 * @param instrument its instrument.
 * @param buyer      whether the order bought.
 * @param maker      whether it added liquidity.
 * @param price      trade price, engine units.
 * @param quantity   traded quantity, engine units.
 * @param fee        fee in quote units (price scale).
 * @param timeMillis venue time.
 */
record TradeView(
    long tradeId, long orderId, long accountId, InstrumentSpec instrument, boolean buyer, boolean maker, long price,
    long quantity, long fee, long timeMillis)
{
}
