package io.disruptorx.gateway.json;

import io.disruptorx.gateway.reference.InstrumentSpec;

/**
 * What the JSON edge knows of one order from the reports its session has seen: enough to answer Binance's order
 * queries. Gateway thread only.
 */
final class OrderView
{
    long orderId;
    long clientOrderId;
    long accountId;
    InstrumentSpec instrument;
    int side;
    int orderType;
    int timeInForce;
    long price;
    long cum;
    long leaves;
    long originalQuantity;
    long quoteQuantity;
    String status;
    long timeMillis;
    long updateMillis;
}
