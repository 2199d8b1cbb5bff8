package io.disruptorx.gateway.core;

/**
 * The gateway's view of one live order: what the events told it, plus the session that entered it. Pooled; the
 * owner's live orders form an intrusive doubly-linked list (for cancel-on-disconnect).
 */
final class OrderState
{
    long orderId;
    long accountId;
    long clientOrderId;
    int instrumentId;
    byte side;
    byte orderType;
    byte timeInForce;
    long price;
    long quantity;
    long leaves;
    long cum;
    Session owner;
    OrderState ownerPrevious;
    OrderState ownerNext;

    void reset()
    {
        orderId = 0;
        accountId = 0;
        clientOrderId = 0;
        instrumentId = 0;
        side = 0;
        orderType = 0;
        timeInForce = 0;
        price = 0;
        quantity = 0;
        leaves = 0;
        cum = 0;
        owner = null;
        ownerPrevious = null;
        ownerNext = null;
    }
}
