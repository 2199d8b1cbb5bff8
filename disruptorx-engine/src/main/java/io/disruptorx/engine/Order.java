package io.disruptorx.engine;

import io.disruptorx.engine.book.BookOrder;

/**
 * A live order: the book's order plus what the engine keeps per order. Pooled and reused.
 */
final class Order extends BookOrder
{
    long clientOrderId;
    Account account;
    Instrument instrument;
    OrderType type;
    TimeInForce timeInForce;
    SelfTradePrevention selfTradePrevention;
    boolean postOnly;
    long filledQuantity;

    @Override
    protected void clear()
    {
        super.clear();
        clientOrderId = 0;
        account = null;
        instrument = null;
        type = null;
        timeInForce = null;
        selfTradePrevention = null;
        postOnly = false;
        filledQuantity = 0;
    }
}
