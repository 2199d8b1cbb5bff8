package io.disruptorx.gateway.core;

/**
 * One report for a session, protocol-neutral: what every dialect encodes from, and what the report store keeps.
 * Prices and quantities are engine units of the instrument; fees are quote units. Reused, never allocated per
 * report; which fields are meaningful depends on the {@link ReportKind}.
 */
public final class Report
{
    byte kind;
    byte side;
    byte orderType;
    byte timeInForce;
    byte liquidity;
    byte reason;
    byte flag;
    byte status;
    long timestamp;
    long orderId;
    long clientOrderId;
    long requestId;
    long accountId;
    int instrumentId;
    long price;
    long quantity;
    long leavesQuantity;
    long cumQuantity;
    long lastPrice;
    long lastQuantity;
    long fee;
    long tradeId;
    long timeoutMillis;
    long commandSequence;

    /**
     * Fills in what the gateway knows of an order: its ids, account, instrument, side, type, time in force, price
     * and quantities.
     *
     * @return this.
     */
    Report describe(final OrderState order)
    {
        orderId = order.orderId;
        clientOrderId = order.clientOrderId;
        accountId = order.accountId;
        instrumentId = order.instrumentId;
        side = order.side;
        orderType = order.orderType;
        timeInForce = order.timeInForce;
        price = order.price;
        leavesQuantity = order.leaves;
        cumQuantity = order.cum;
        return this;
    }

    /**
     * Zeroes every field.
     *
     * @return this.
     */
    public Report clear()
    {
        kind = 0;
        side = 0;
        orderType = 0;
        timeInForce = 0;
        liquidity = 0;
        reason = 0;
        flag = 0;
        status = 0;
        timestamp = 0;
        orderId = 0;
        clientOrderId = 0;
        requestId = 0;
        accountId = 0;
        instrumentId = 0;
        price = 0;
        quantity = 0;
        leavesQuantity = 0;
        cumQuantity = 0;
        lastPrice = 0;
        lastQuantity = 0;
        fee = 0;
        tradeId = 0;
        timeoutMillis = 0;
        commandSequence = 0;
        return this;
    }

    /**
     * @return a {@link ReportKind}.
     */
    public byte kind()
    {
        return kind;
    }

    /**
     * @return side code (BUY 0, SELL 1).
     */
    public byte side()
    {
        return side;
    }

    /**
     * @return order type code (LIMIT 0, MARKET 1).
     */
    public byte orderType()
    {
        return orderType;
    }

    /**
     * @return time in force code (GTC 0, DAY 1, IOC 2, FOK 3).
     */
    public byte timeInForce()
    {
        return timeInForce;
    }

    /**
     * @return for fills: ADDED 0 (maker), REMOVED 1 (taker).
     */
    public byte liquidity()
    {
        return liquidity;
    }

    /**
     * @return an entry reject reason code (rejects), a cancel reason code (cancels) or a mass cancel result.
     */
    public int reason()
    {
        return reason & 0xFF;
    }

    /**
     * @return replaces: whether priority was kept; cancel-after: whether the switch fired.
     */
    public boolean flag()
    {
        return flag != 0;
    }

    /**
     * @return for status reports: LIVE 0, UNKNOWN 1.
     */
    public byte status()
    {
        return status;
    }

    /**
     * @return venue time of the event (nanoseconds since the epoch), or the gateway's for its own reports.
     */
    public long timestamp()
    {
        return timestamp;
    }

    /**
     * @return the venue's order id, 0 when there is none.
     */
    public long orderId()
    {
        return orderId;
    }

    /**
     * @return the client's order id, 0 when unknown.
     */
    public long clientOrderId()
    {
        return clientOrderId;
    }

    /**
     * @return the request id of the cancel, replace, mass cancel, status or cancel-after request.
     */
    public long requestId()
    {
        return requestId;
    }

    /**
     * @return account.
     */
    public long accountId()
    {
        return accountId;
    }

    /**
     * @return instrument, 0 when none applies.
     */
    public int instrumentId()
    {
        return instrumentId;
    }

    /**
     * @return the order's limit price (accepted, replaced, status).
     */
    public long price()
    {
        return price;
    }

    /**
     * @return the order's quantity (accepted); cancelled quantity (cancels).
     */
    public long quantity()
    {
        return quantity;
    }

    /**
     * @return open quantity after the event.
     */
    public long leavesQuantity()
    {
        return leavesQuantity;
    }

    /**
     * @return quantity filled so far (as far as this gateway has seen the order).
     */
    public long cumQuantity()
    {
        return cumQuantity;
    }

    /**
     * @return fills: trade price; replaces: the price before.
     */
    public long lastPrice()
    {
        return lastPrice;
    }

    /**
     * @return fills: traded quantity; replaces: open quantity before minus after (negative when it grew).
     */
    public long lastQuantity()
    {
        return lastQuantity;
    }

    /**
     * @return fills: fee in quote units.
     */
    public long fee()
    {
        return fee;
    }

    /**
     * @return fills: the venue's trade id.
     */
    public long tradeId()
    {
        return tradeId;
    }

    /**
     * @return cancel-after: the timeout, 0 when disarmed.
     */
    public long timeoutMillis()
    {
        return timeoutMillis;
    }

    /**
     * @return the venue's sequence of the command whose event made this report (see {@link CommandEnds}); 0 for a
     * report the gateway or its host made itself (a local reject, a status answer).
     */
    public long commandSequence()
    {
        return commandSequence;
    }
}
