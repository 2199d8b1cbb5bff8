package io.disruptorx.engine;

/**
 * A live order: pooled and reused, linked into its price level's FIFO while it rests.
 */
final class Order
{
    long orderId;
    long clientOrderId;
    Account account;
    Instrument instrument;
    Side side;
    OrderType type;
    TimeInForce timeInForce;
    SelfTradePrevention selfTradePrevention;
    boolean postOnly;
    long price;
    long openQuantity;
    long filledQuantity;

    PriceLevel level;
    Order previous;
    Order next;

    void clear()
    {
        orderId = 0;
        clientOrderId = 0;
        account = null;
        instrument = null;
        side = null;
        type = null;
        timeInForce = null;
        selfTradePrevention = null;
        postOnly = false;
        price = 0;
        openQuantity = 0;
        filledQuantity = 0;
        level = null;
        previous = null;
        next = null;
    }
}
