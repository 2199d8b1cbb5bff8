package io.disruptorx.engine.book;

/**
 * All resting orders at one price on one side, in arrival order. A view on one level's line in its book's level
 * store (the book links and matches over the store, never through this object); it stays the same level while
 * the level lives: read it before the book changes.
 */
public final class PriceLevel
{
    private final LevelStore store;
    private final int handle;

    PriceLevel(final LevelStore store, final int handle)
    {
        this.store = store;
        this.handle = handle;
    }

    /**
     * @return the level's price.
     */
    public long price()
    {
        return store.price(handle);
    }

    /**
     * @return the oldest order; walk on with {@link BookOrder#next()}.
     */
    public BookOrder head()
    {
        final int head = store.head(handle);
        return head == OrderPool.NONE ? null : store.orders.order(head);
    }

    /**
     * @return orders resting at this price.
     */
    public int orderCount()
    {
        return store.orderCount(handle);
    }

    /**
     * @return the sum of their open quantities.
     */
    public long totalQuantity()
    {
        return store.totalQuantity(handle);
    }
}
