package io.disruptorx.marketdata.book;

/**
 * The search over one side's price levels kept best first (bids descending, asks ascending), shared by every book
 * that keeps its levels in a sorted array of prices.
 */
public final class PriceLevels
{
    private PriceLevels()
    {
    }

    /**
     * @param prices the side's level prices, best first.
     * @param size   levels in use.
     * @param bids   whether the side is bids (higher is better) or asks (lower is better).
     * @param price  the price looked for.
     * @return the level's index, or {@code -(insertion point) - 1} when no level has that price.
     */
    public static int find(final long[] prices, final int size, final boolean bids, final long price)
    {
        int low = 0;
        int high = size - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final long p = prices[mid];
            if (p == price)
            {
                return mid;
            }
            if (bids ? p > price : p < price)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }
        return -(low + 1);
    }
}
