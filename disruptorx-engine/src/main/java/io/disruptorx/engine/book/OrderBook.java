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
    private final BookOrder immediate = new BookOrder();

    /**
     * A bare book with its own pool and index, every crossing order filling.
     *
     * @param listener  receives the book's events.
     * @param maxOrders most orders resting at once.
     */
    public OrderBook(final BookListener listener, final int maxOrders)
    {
        this(listener, null, new OrderPool(Math.min(maxOrders, INITIAL_ORDERS), maxOrders, BookOrder::new),
            new OrderIndex(Math.min(maxOrders, INITIAL_ORDERS)));
    }

    /**
     * @param listener receives the book's events.
     * @param hook     asked before each fill, or {@code null} to fill every crossing order.
     * @param pool     where resting orders come from and go back to; may be shared by several books.
     * @param index    live orders by id; may be shared by several books whose orders have distinct ids.
     */
    public OrderBook(final BookListener listener, final MatchHook hook, final OrderPool pool, final OrderIndex index)
    {
        final LevelPool levelPool = new LevelPool();
        this.bids = new BookSide(Side.BUY, levelPool, INITIAL_LEVELS);
        this.asks = new BookSide(Side.SELL, levelPool, INITIAL_LEVELS);
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
        if (side == null || price <= 0 || quantity <= 0 || index.get(orderId) != null)
        {
            return false;
        }
        final BookOrder order = pool.take();
        if (order == null)
        {
            return false;
        }
        order.init(orderId, side, price, quantity);
        matchThenRest(order);
        return true;
    }

    /**
     * Enters an order that trades what it can at once and never rests (immediate or cancel). It needs no pool
     * slot, and its id need not be unique: it only appears as the taker of its trades.
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
        final BookOrder order = immediate;
        order.init(orderId, side, price, quantity);
        match(order);
        final long filled = quantity - order.openQuantity;
        order.clear();
        return filled;
    }

    /**
     * @param orderId id of a resting order.
     * @return quantity cancelled, 0 when no such order rests.
     */
    public long cancel(final long orderId)
    {
        final BookOrder order = index.get(orderId);
        if (order == null || order.level == null)
        {
            return 0;
        }
        final long quantity = order.openQuantity;
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
        final BookOrder order = index.get(orderId);
        if (order == null || order.level == null || newOpenQuantity <= 0 || newOpenQuantity > order.openQuantity)
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
        final BookOrder order = index.get(orderId);
        if (order == null || order.level == null || newPrice <= 0 || newQuantity <= 0)
        {
            return false;
        }
        detach(order);
        order.reprice(newPrice, newQuantity);
        matchThenRest(order);
        return true;
    }

    /**
     * Matches an order; what is left rests in the book unless the {@link MatchHook} stopped matching, else the
     * order goes back to the pool.
     */
    private void matchThenRest(final BookOrder order)
    {
        final boolean stopped = match(order);
        if (order.openQuantity > 0 && !stopped)
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
        final BookSide opposite = taker.side == Side.BUY ? asks : bids;
        final MatchHook hook = this.hook;
        final long limit = taker.price;
        while (taker.openQuantity > 0)
        {
            // the keys answer whether anything crosses without loading a level: most orders do not trade
            if (!opposite.bestCrosses(limit))
            {
                return false;
            }
            final PriceLevel level = opposite.best();
            BookOrder maker = level.head;
            while (maker != null && taker.openQuantity > 0)
            {
                final BookOrder next = maker.next;
                final int decision = hook == null ? MatchHook.FILL : hook.beforeFill(maker, taker);
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
        side(order.side).add(order);
        if (!order.indexed)
        {
            index.put(order);
        }
        listener.onOrderAdded(order.orderId, order.side, order.price, order.openQuantity);
    }

    /**
     * Rests an order without any event, for rebuilding a book from a snapshot in priority order.
     *
     * @param order an order with open quantity, not resting, not indexed.
     */
    public void load(final BookOrder order)
    {
        side(order.side).add(order);
        index.put(order);
    }

    /**
     * Lowers a resting order's open quantity in place; it keeps its priority.
     *
     * @param order           a resting order.
     * @param newOpenQuantity positive, at most its open quantity; equal changes nothing.
     */
    public void reduce(final BookOrder order, final long newOpenQuantity)
    {
        final long reduction = order.openQuantity - newOpenQuantity;
        if (reduction != 0)
        {
            side(order.side).reduce(order, reduction);
            listener.onOrderModified(order.orderId, newOpenQuantity);
        }
    }

    /**
     * Deletes a resting order and gives it back to the pool.
     *
     * @param order a resting order; not to be used afterwards.
     */
    public void cancel(final BookOrder order)
    {
        side(order.side).remove(order);
        index.remove(order);
        listener.onOrderDeleted(order.orderId);
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
        side(order.side).remove(order);
        listener.onOrderDeleted(order.orderId);
    }

    /**
     * Gives an order that does not rest (filled, stopped, or a detached order that will not rest again) back to the
     * pool, and out of the index if it was there. No event: it is not in the book.
     *
     * @param order a pooled order that does not rest; not to be used afterwards.
     */
    public void discard(final BookOrder order)
    {
        if (order.indexed)
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

    private void fill(final BookSide makerSide, final BookOrder maker, final BookOrder taker)
    {
        final long quantity = Math.min(maker.openQuantity, taker.openQuantity);
        makerSide.reduce(maker, quantity);
        taker.openQuantity -= quantity;
        listener.onTrade(
            maker.orderId, taker.orderId, taker.side, maker.price, quantity, maker.openQuantity, taker.openQuantity);
        if (maker.openQuantity == 0)
        {
            cancel(maker);
        }
        else
        {
            listener.onOrderModified(maker.orderId, maker.openQuantity);
        }
    }
}
