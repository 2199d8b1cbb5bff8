package io.disruptorx.engine.book;

import io.disruptorx.engine.Side;

/**
 * What an {@link OrderBook} reports, on the calling thread, as it happens. Replaying the added, modified and
 * deleted events from an empty book rebuilds the book exactly.
 */
public interface BookListener
{
    /**
     * An order now rests at the back of its price level.
     *
     * @param orderId  its id.
     * @param side     its side.
     * @param price    its price.
     * @param quantity its open quantity.
     */
    void onOrderAdded(long orderId, Side side, long price, long quantity);

    /**
     * A resting order's open quantity went down in place (a reduce or a partial fill); it keeps its priority.
     *
     * @param orderId      its id.
     * @param openQuantity its new open quantity.
     */
    void onOrderModified(long orderId, long openQuantity);

    /**
     * An order left the book: cancelled, filled, or detached to be moved.
     *
     * @param orderId its id.
     */
    void onOrderDeleted(long orderId);

    /**
     * A fill at the resting order's price. Both open quantities are already reduced; the maker's
     * {@link #onOrderModified} or {@link #onOrderDeleted} follows. It always follows the
     * {@link MatchHook#beforeFill} call that allowed it, with the same two orders.
     *
     * @param makerOrderId      resting order.
     * @param takerOrderId      incoming order.
     * @param takerSide         side of the incoming order.
     * @param price             trade price.
     * @param quantity          traded quantity.
     * @param makerOpenQuantity the maker's open quantity after the fill.
     * @param takerOpenQuantity the taker's open quantity after the fill.
     */
    void onTrade(
        long makerOrderId,
        long takerOrderId,
        Side takerSide,
        long price,
        long quantity,
        long makerOpenQuantity,
        long takerOpenQuantity);
}
