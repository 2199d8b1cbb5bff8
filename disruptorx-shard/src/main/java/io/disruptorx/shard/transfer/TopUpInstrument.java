package io.disruptorx.shard.transfer;

/**
 * What a top-up must know of an instrument to compute what a limit order holds, as the engine computes it: a buy
 * holds its notional at its limit ({@code price x quantity / 10^quantityScale}) plus the taker fee of its lots in the
 * quote asset, a sell its quantity in the base asset. The same values the shards were given in the instrument's
 * AddInstrument.
 *
 * @param id             instrument id, at least 1.
 * @param baseAssetId    asset a sell holds.
 * @param quoteAssetId   asset a buy holds.
 * @param quantityScale  decimal places of a quantity, 0 to 18.
 * @param lotSize        smallest quantity step, positive.
 * @param takerFeePerLot taker fee per lot in quote units, not negative.
 */
public record TopUpInstrument(
    int id, int baseAssetId, int quoteAssetId, int quantityScale, long lotSize, long takerFeePerLot)
{
    /**
     * Validates the definition.
     */
    public TopUpInstrument
    {
        if (id < 1 || baseAssetId < 0 || quoteAssetId < 0 || quantityScale < 0 || quantityScale > 18 ||
            lotSize < 1 || takerFeePerLot < 0)
        {
            throw new IllegalArgumentException("a top-up instrument needs an id >= 1, assets >= 0, a quantity " +
                "scale in [0, 18], a positive lot and a fee >= 0: " + id + ", " + baseAssetId + ", " + quoteAssetId +
                ", " + quantityScale + ", " + lotSize + ", " + takerFeePerLot);
        }
    }

    /**
     * @param buy whether the order buys.
     * @return the asset it holds.
     */
    public int heldAsset(final boolean buy)
    {
        return buy ? quoteAssetId : baseAssetId;
    }

    /**
     * @param buy      whether the order buys.
     * @param price    its limit.
     * @param quantity its quantity.
     * @return what it holds, or -1 when that does not fit in a long.
     */
    public long hold(final boolean buy, final long price, final long quantity)
    {
        if (!buy)
        {
            return quantity;
        }
        try
        {
            long divisor = 1;
            for (int i = 0; i < quantityScale; i++)
            {
                divisor *= 10;
            }
            final long notional = Math.multiplyExact(price, quantity) / divisor;
            return Math.addExact(notional, Math.multiplyExact(quantity / lotSize, takerFeePerLot));
        }
        catch (final ArithmeticException ex)
        {
            return -1;
        }
    }
}
