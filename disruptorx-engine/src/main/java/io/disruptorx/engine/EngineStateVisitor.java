package io.disruptorx.engine;

/**
 * Receives a read-only walk over the engine's state, in deterministic order: instruments in creation order,
 * each with its bid levels best first and then its ask levels best first; then accounts in creation order with
 * each non-zero asset.
 */
public interface EngineStateVisitor
{
    /**
     * @param instrumentId   instrument.
     * @param state          trading state.
     * @param referencePrice last trade price (or the initial reference).
     * @param priceScale     decimals of a price.
     * @param quantityScale  decimals of a quantity.
     */
    void onInstrument(int instrumentId, InstrumentState state, long referencePrice, int priceScale, int quantityScale);

    /**
     * @param instrumentId  instrument.
     * @param side          side.
     * @param price         level price.
     * @param quantity      total open quantity.
     * @param orders        resting orders at the level.
     */
    void onLevel(int instrumentId, Side side, long price, long quantity, int orders);

    /**
     * @param accountId account.
     * @param assetId   asset.
     * @param balance   balance.
     * @param held      held for open orders.
     */
    void onBalance(long accountId, int assetId, long balance, long held);
}
