package io.disruptorx.gateway.core;

/**
 * Receives the venue's answer to one open-orders query ({@link GatewayCore#queryOpenOrders}), on the gateway
 * thread: each open order of the account as the engine that holds it tells it (instruments in id order, each book in
 * priority order; a sharded venue's shards one after the other), then {@link #onEnd}. The orders are the venue's,
 * however they were entered: through any gateway, protocol or session, before or after a gateway restart.
 */
public interface OpenOrderAnswer
{
    /** {@code postOnly}: entered post-only. */
    int POST_ONLY = 1;
    /** {@code postOnly}: entered without post-only. */
    int NOT_POST_ONLY = 0;
    /** {@code postOnly}: the venue did not say (an engine of events schema version 1). */
    int UNKNOWN = -1;

    /**
     * One open order of the account.
     *
     * @param orderId          the venue's order id.
     * @param clientOrderId    its client order id as entered (0 for none).
     * @param instrumentId     instrument.
     * @param side             wire code: BUY 0, SELL 1.
     * @param timeInForce      wire code: GTC 0, DAY 1 (IOC and FOK orders never rest).
     * @param postOnly         {@link #POST_ONLY}, {@link #NOT_POST_ONLY} or {@link #UNKNOWN}.
     * @param price            limit, engine units.
     * @param quantity         open quantity, engine units.
     * @param originalQuantity open plus filled (a shard move carries what it filled).
     * @param filledNotional   what its fills moved in the quote asset, in the instrument's price units
     *                         (price times quantity over ten to the quantity scale, summed over its fills); -1 when
     *                         the venue does not know.
     * @param entryTime        when it took its place in the book (its time priority), epoch nanoseconds.
     * @param updateTime       the venue's time of the command that last changed it (rested, filled, replaced; a
     *                         shard move keeps it), epoch nanoseconds; 0 when the venue does not know.
     */
    void onOrder(long orderId, long clientOrderId, int instrumentId, int side, int timeInForce, int postOnly,
        long price, long quantity, long originalQuantity, long filledNotional, long entryTime, long updateTime);

    /**
     * The answer is over.
     *
     * @param complete  {@code true} when every order arrived; {@code false} when the venue did not answer in time
     *                  (what arrived, if anything, is incomplete).
     * @param timestamp the venue's time of the query command (epoch nanoseconds) when complete, else 0.
     */
    void onEnd(boolean complete, long timestamp);
}
