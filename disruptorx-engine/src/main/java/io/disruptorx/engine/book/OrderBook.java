package io.disruptorx.engine.book;

import io.disruptorx.engine.Side;

/**
 * One instrument's price-time priority book: better price first, then arrival; trades execute at the resting
 * order's price. No accounts, no risk, no allocation in steady state; events go to a {@link BookListener}.
 *
 * <p>Two ways to drive it, over the same code:
 * <ul>
 *     <li>by order id, for a bare book: {@link #enter}, {@link #immediateOrCancel}, {@link #cancel(long)},
 *     {@link #reduce(long, long)}, {@link #move(long, long, long)}. The caller chooses the ids; orders come from
 *     the book's pool.</li>
 *     <li>by order object, for a host that keeps its own state per order (the
 *     {@link io.disruptorx.engine.MatchingEngine}): it takes orders from a shared {@link OrderPool}, looks them up
 *     in a shared {@link OrderIndex}, checks risk, and calls {@link #match}, {@link #add}, {@link #detach},
 *     {@link #reduce(BookOrder, long)}, {@link #cancel(BookOrder)} and {@link #discard} itself, with its events
 *     in between.</li>
 * </ul>
 *
 * <p>One thread owns a book. Resting orders are in the index under their id; an order detached to be moved stays
 * there, as it keeps its id.
 */
public final class OrderBook
{
    private static final int INITIAL_LEVELS = 64;
    private static final int INITIAL_ORDERS = 1024;

    private final BookSide bids;
    private final BookSide asks;
    private final BookListener listener;
    private final MatchHook hook;
    private final OrderPool pool;
    private final OrderIndex index;

    /**
     * A bare book with its own pool and index, every crossing order filling.
     *
     * @param listener  receives the book's events.
     * @param maxOrders most orders resting at once.
     */
    public OrderBook(final BookListener listener, final int maxOrders)
    {
        this(listener, new OrderPool(Math.min(maxOrders, INITIAL_ORDERS), maxOrders), Math.min(maxOrders,
            INITIAL_ORDERS));
    }

    private OrderBook(final BookListener listener, final OrderPool pool, final int expectedOrders)
    {
        this(listener, null, pool, new OrderIndex(pool, expectedOrders));
    }

    /**
     * @param listener receives the book's events.
     * @param hook     asked before each fill, or {@code null} to fill every crossing order.
     * @param pool     where resting orders come from and go back to; may be shared by several books.
     * @param index    live orders by id, over the same pool; may be shared by several books whose orders have
     *                 distinct ids.
     */
    public OrderBook(final BookListener listener, final MatchHook hook, final OrderPool pool, final OrderIndex index)
    {
        if (index.pool() != pool)
        {
            throw new IllegalArgumentException("the index must be over the book's pool");
        }
        final LevelStore levels = new LevelStore(pool, INITIAL_LEVELS);
        this.bids = new BookSide(Side.BUY, levels, INITIAL_LEVELS);
        this.asks = new BookSide(Side.SELL, levels, INITIAL_LEVELS);
        this.listener = listener;
        this.hook = hook;
        this.pool = pool;
        this.index = index;
    }

    /**
     * Enters a limit order that rests if it does not fill at once (good till cancelled).
     *
     * @param orderId  id, not live in the index.
     * @param side     side.
     * @param price    positive limit price.
     * @param quantity positive quantity.
     * @return {@code false}, changing nothing, when an argument is invalid, the id is live or the pool is empty.
     */
    public boolean enter(final long orderId, final Side side, final long price, final long quantity)
    {
        if (side == null || price <= 0 || quantity <= 0 || index.find(orderId) != OrderPool.NONE)
        {
            return false;
        }
        final int order = pool.takeHandle();
        if (order == OrderPool.NONE)
        {
            return false;
        }
        pool.set(order, orderId, side, price, quantity);
        matchThenRest(order);
        return true;
    }

    /**
     * Enters an order that trades what it can at once and never rests (immediate or cancel). It uses the pool's
     * scratch order, and its id need not be unique: it only appears as the taker of its trades.
     *
     * @param orderId  id reported in its trades.
     * @param side     side.
     * @param price    positive limit price.
     * @param quantity positive quantity.
     * @return quantity filled, or -1 when an argument is invalid.
     */
    public long immediateOrCancel(final long orderId, final Side side, final long price, final long quantity)
    {
        if (side == null || price <= 0 || quantity <= 0)
        {
            return -1;
        }
        final int order = pool.scratchHandle();
        pool.set(order, orderId, side, price, quantity);
        match(order);
        final long filled = quantity - pool.quantity(order);
        pool.clearRecord(order);
        return filled;
    }

    /**
     * @param orderId id of a resting order.
     * @return quantity cancelled, 0 when no such order rests.
     */
    public long cancel(final long orderId)
    {
        final int order = index.find(orderId);
        if (order == OrderPool.NONE || pool.level(order) == OrderPool.NONE)
        {
            return 0;
        }
        final long quantity = pool.quantity(order);
        cancel(order);
        return quantity;
    }

    /**
     * Lowers a resting order's open quantity in place; it keeps its priority.
     *
     * @param orderId         id of a resting order.
     * @param newOpenQuantity positive, at most the current open quantity.
     * @return {@code false}, changing nothing, when no such order rests or the quantity is out of range.
     */
    public boolean reduce(final long orderId, final long newOpenQuantity)
    {
        final int order = index.find(orderId);
        if (order == OrderPool.NONE || pool.level(order) == OrderPool.NONE || newOpenQuantity <= 0 ||
            newOpenQuantity > pool.quantity(order))
        {
            return false;
        }
        reduce(order, newOpenQuantity);
        return true;
    }

    /**
     * Moves a resting order to a new price and open quantity: it loses its priority, trades first if the new price
     * crosses, and rests at the back of its new level with what is left.
     *
     * @param orderId     id of a resting order.
     * @param newPrice    positive price.
     * @param newQuantity positive open quantity.
     * @return {@code false}, changing nothing, when no such order rests or an argument is invalid.
     */
    public boolean move(final long orderId, final long newPrice, final long newQuantity)
    {
        final int order = index.find(orderId);
        if (order == OrderPool.NONE || pool.level(order) == OrderPool.NONE || newPrice <= 0 || newQuantity <= 0)
        {
            return false;
        }
        detach(order);
        final long[] data = pool.data;
        final int at = OrderPool.at(order);
        data[at + OrderPool.PRICE] = newPrice;
        data[at + OrderPool.QUANTITY] = newQuantity;
        matchThenRest(order);
        return true;
    }

    /**
     * Matches an order; what is left rests in the book unless the {@link MatchHook} stopped matching, else the
     * order goes back to the pool.
     */
    private void matchThenRest(final int order)
    {
        final boolean stopped = match(order);
        if (pool.quantity(order) > 0 && !stopped)
        {
            add(order);
        }
        else
        {
            discard(order);
        }
    }

    /**
     * Trades an incoming order against the opposite side, best price first, oldest first, while it crosses: each
     * resting order is first offered to the {@link MatchHook}. The taker's open quantity goes down by what filled;
     * it is not rested (call {@link #add} or {@link #discard} next).
     *
     * @param taker an order that does not rest in this book.
     * @return {@code true} when the hook stopped matching, {@code false} when the taker filled or no longer
     * crosses.
     */
    public boolean match(final BookOrder taker)
    {
        return match(taker.handle);
    }

    private boolean match(final int taker)
    {
        final OrderPool pool = this.pool;
        final BookSide opposite = pool.buy(taker) ? asks : bids;
        final MatchHook hook = this.hook;
        final long limit = pool.price(taker);
        while (pool.quantity(taker) > 0)
        {
            // the keys answer whether anything crosses without loading a level: most orders do not trade
            if (!opposite.bestCrosses(limit))
            {
                return false;
            }
            int maker = opposite.levelHead();
            while (maker != OrderPool.NONE && pool.quantity(taker) > 0)
            {
                final int next = pool.next(maker);
                final int decision = hook == null ? MatchHook.FILL : hook.beforeFill(pool.order(maker),
                    pool.order(taker));
                if (decision == MatchHook.FILL)
                {
                    fill(opposite, maker, taker);
                }
                else
                {
                    if (decision != MatchHook.STOP)
                    {
                        cancel(maker);
                    }
                    if (decision != MatchHook.CANCEL_MAKER)
                    {
                        return true;
                    }
                }
                maker = next;
            }
        }
        return false;
    }

    /**
     * Rests an order at the back of its price level and indexes it (unless it already is, after a move).
     *
     * @param order an order with open quantity, not resting.
     */
    public void add(final BookOrder order)
    {
        add(order.handle);
    }

    private void add(final int order)
    {
        final OrderPool pool = this.pool;
        final boolean buy = pool.buy(order);
        (buy ? bids : asks).add(order);
        if (!pool.indexed(order))
        {
            index.put(order);
        }
        listener.onOrderAdded(
            pool.orderId(order), buy ? Side.BUY : Side.SELL, pool.price(order), pool.quantity(order));
    }

    /**
     * Rests an order without any event, for rebuilding a book from a snapshot in priority order.
     *
     * @param order an order with open quantity, not resting, not indexed.
     */
    public void load(final BookOrder order)
    {
        final int handle = order.handle;
        (pool.buy(handle) ? bids : asks).add(handle);
        index.put(handle);
    }

    /**
     * Lowers a resting order's open quantity in place; it keeps its priority.
     *
     * @param order           a resting order.
     * @param newOpenQuantity positive, at most its open quantity; equal changes nothing.
     */
    public void reduce(final BookOrder order, final long newOpenQuantity)
    {
        reduce(order.handle, newOpenQuantity);
    }

    private void reduce(final int order, final long newOpenQuantity)
    {
        final long reduction = pool.quantity(order) - newOpenQuantity;
        if (reduction != 0)
        {
            (pool.buy(order) ? bids : asks).reduce(order, reduction);
            listener.onOrderModified(pool.orderId(order), newOpenQuantity);
        }
    }

    /**
     * Deletes a resting order and gives it back to the pool.
     *
     * @param order a resting order; not to be used afterwards.
     */
    public void cancel(final BookOrder order)
    {
        cancel(order.handle);
    }

    private void cancel(final int order)
    {
        (pool.buy(order) ? bids : asks).remove(order);
        index.remove(order);
        listener.onOrderDeleted(pool.orderId(order));
        pool.release(order);
    }

    /**
     * Takes a resting order out of its level to move it: it stays in the index under its id. Then
     * {@link BookOrder#reprice}, {@link #match}, and {@link #add} or {@link #discard}.
     *
     * @param order a resting order.
     */
    public void detach(final BookOrder order)
    {
        detach(order.handle);
    }

    private void detach(final int order)
    {
        (pool.buy(order) ? bids : asks).remove(order);
        listener.onOrderDeleted(pool.orderId(order));
    }

    /**
     * Gives an order that does not rest (filled, stopped, or a detached order that will not rest again) back to the
     * pool, and out of the index if it was there. No event: it is not in the book.
     *
     * @param order a pooled order that does not rest; not to be used afterwards.
     */
    public void discard(final BookOrder order)
    {
        discard(order.handle);
    }

    private void discard(final int order)
    {
        if (pool.indexed(order))
        {
            index.remove(order);
        }
        pool.release(order);
    }

    /**
     * @return the bids.
     */
    public BookSide bids()
    {
        return bids;
    }

    /**
     * @return the asks.
     */
    public BookSide asks()
    {
        return asks;
    }

    /**
     * @param side a side.
     * @return the orders of that side.
     */
    public BookSide side(final Side side)
    {
        return side == Side.BUY ? bids : asks;
    }

    /**
     * @param incoming side of an incoming order.
     * @return the side it trades against.
     */
    public BookSide opposite(final Side incoming)
    {
        return incoming == Side.BUY ? asks : bids;
    }

    /**
     * @param orderId an order id.
     * @return the live order with that id in this book's index (which may be shared), or {@code null}.
     */
    public BookOrder order(final long orderId)
    {
        return index.get(orderId);
    }

    private void fill(final BookSide makerSide, final int maker, final int taker)
    {
        final OrderPool pool = this.pool;
        final long makerOpen = pool.quantity(maker);
        final long takerOpen = pool.quantity(taker);
        final long quantity = Math.min(makerOpen, takerOpen);
        makerSide.reduce(maker, quantity);
        pool.data[OrderPool.at(taker) + OrderPool.QUANTITY] = takerOpen - quantity;
        listener.onTrade(pool.orderId(maker), pool.orderId(taker), pool.buy(taker) ? Side.BUY : Side.SELL,
            pool.price(maker), quantity, makerOpen - quantity, takerOpen - quantity);
        if (makerOpen == quantity)
        {
            cancel(maker);
        }
        else
        {
            listener.onOrderModified(pool.orderId(maker), makerOpen - quantity);
        }
    }
}
