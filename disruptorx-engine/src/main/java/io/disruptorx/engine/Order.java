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
     * What its fills moved in the quote asset, the sum of {@link Instrument#notional} over them (the ledger's
     * amounts; a move carries it, as it carries {@link #filledQuantity}); -1 when not known (an order restored from
     * a snapshot older than version 3 after a fill, or a sum that would not fit in a long).
     */
    long filledNotional;
    /**
     * Timestamp of the command that last changed the order: it rested, was filled or was replaced (a move carries
     * it: a move is not a change of the order); 0 when not known (an order restored from a snapshot older than
     * version 3).
     */
    long updateTime;

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
        filledNotional = 0;
        updateTime = 0;
    }

    /**
     * Counts a fill of the order: its quantity, its notional ({@link Instrument#notional}, -1 when it does not fit)
     * and its time. No allocation.
     */
    void fill(final long quantity, final long notional, final long timestamp)
    {
        filledQuantity += quantity;
        filledNotional = filledNotional < 0 || notional < 0 ? -1 : Arithmetic.add(filledNotional, notional);
        updateTime = timestamp;
    }
}
