package io.disruptorx.gateway.json;

import io.disruptorx.gateway.core.Report;
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
    /** The scale of {@link #quoteQuantity}; a negative quantity is not known. */
    int quoteScale;
    /** 1 post-only ({@code LIMIT_MAKER}), 0 not, -1 not known. */
    int postOnly;
    String status;
    long timeMillis;
    long updateMillis;

    /**
     * @param r          a report on the order.
     * @param instrument its instrument.
     * @param cum        quantity filled.
     * @param leaves     quantity open.
     * @param status     Binance's name of its state.
     * @return the order as the report tells it, created and updated at the report's time.
     */
    static OrderView of(
        final Report r, final InstrumentSpec instrument, final long cum, final long leaves, final String status)
    {
        final OrderView order = new OrderView();
        order.orderId = r.orderId();
        order.clientOrderId = r.clientOrderId();
        order.accountId = r.accountId();
        order.instrument = instrument;
        order.side = r.side();
        order.orderType = r.orderType();
        order.timeInForce = r.timeInForce();
        order.price = r.price();
        order.cum = cum;
        order.leaves = leaves;
        order.originalQuantity = cum + leaves;
        order.quoteScale = instrument == null ? 0 : instrument.priceScale() + instrument.quantityScale();
        order.status = status;
        order.timeMillis = r.timestamp() / 1_000_000L;
        order.updateMillis = order.timeMillis;
        return order;
    }
}
