package io.disruptorx.engine;

import io.disruptorx.engine.book.BookOrder;

/**
 * A live order: the book's order plus what the engine keeps per order. Pooled and reused. Every way out of the book
 * ends in {@link #clear}, which is where the order also leaves its account's client order ids.
 */
final class Order extends BookOrder
{
    private final ClientOrderIndex clientOrders;
    long clientOrderId;
    /** Whether {@link #clientOrders} holds it: it rests (or is being replaced) with a client order id. */
    boolean clientIndexed;
    Account account;
    Instrument instrument;
    OrderType type;
    TimeInForce timeInForce;
    SelfTradePrevention selfTradePrevention;
    boolean postOnly;
    long filledQuantity;
    /**
     * Timestamp of the command that put the order where it rests: its NewOrder, or the ReplaceOrder that made it
     * lose priority (a replace that keeps priority keeps it). The live feed's OrderAdded for it carried this time.
     */
    long entryTime;

    /**
     * @param clientOrders the engine's index by client order id, which this order leaves when it is cleared.
     */
    Order(final ClientOrderIndex clientOrders)
    {
        this.clientOrders = clientOrders;
    }

    @Override
    protected void clear()
    {
        if (clientIndexed)
        {
            clientOrders.remove(this);
        }
        super.clear();
        clientOrderId = 0;
        account = null;
        instrument = null;
        type = null;
        timeInForce = null;
        selfTradePrevention = null;
        postOnly = false;
        filledQuantity = 0;
        entryTime = 0;
    }
}
