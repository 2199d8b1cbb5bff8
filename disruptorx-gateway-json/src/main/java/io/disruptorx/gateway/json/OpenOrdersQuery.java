package io.disruptorx.gateway.json;

import java.util.ArrayList;
import java.util.List;

import io.disruptorx.gateway.core.OpenOrderAnswer;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import io.disruptorx.gateway.reference.InstrumentSpec;

/**
 * One {@code GET /api/v3/openOrders} (or WebSocket {@code openOrders.status}) waiting for the venue's open orders of
 * one account: answered, when the last order of its request has arrived, with the orders as the venue holds them
 * (entered through any edge or gateway, before or after a restart of this one), in Binance's order shape:
 * {@code executedQty} is the original less the open quantity, {@code status} {@code NEW} or
 * {@code PARTIALLY_FILLED}, {@code type} {@code LIMIT_MAKER} for a post-only order, {@code cummulativeQuoteQty}
 * what its fills moved in the quote asset as the venue's ledger settled them (in the price's scale; "-1" when the
 * venue does not know), {@code time} when it took its place in the book and {@code updateTime} the venue's time of
 * its last change (-1 when the venue does not know). A venue that does not answer in time gets
 * {@link ApiError#TIMEOUT}; an order of an instrument this gateway does not list makes the answer an error rather
 * than a list without it. Gateway thread.
 */
final class OpenOrdersQuery implements OpenOrderAnswer
{
    private final JsonCommand command;
    private final long accountId;
    private final InstrumentDirectory instruments;
    private final JsonEncoder encoder;
    private final JsonCounters counters;
    private final List<OrderView> orders = new ArrayList<>();
    private int unknownInstrument;

    OpenOrdersQuery(final JsonCommand command, final long accountId, final InstrumentDirectory instruments,
        final JsonEncoder encoder, final JsonCounters counters)
    {
        this.command = command;
        this.accountId = accountId;
        this.instruments = instruments;
        this.encoder = encoder;
        this.counters = counters;
    }

    @Override
    public void onOrder(
        final long orderId, final long clientOrderId, final int instrumentId, final int side, final int timeInForce,
        final int postOnly, final long price, final long quantity, final long originalQuantity,
        final long filledNotional, final long entryTime, final long updateTime)
    {
        final InstrumentSpec instrument = instruments.byId(instrumentId);
        if (instrument == null)
        {
            unknownInstrument = instrumentId;
            return;
        }
        final OrderView order = new OrderView();
        order.orderId = orderId;
        order.clientOrderId = clientOrderId;
        order.accountId = accountId;
        order.instrument = instrument;
        order.side = side;
        order.timeInForce = timeInForce;
        order.postOnly = postOnly;
        order.price = price;
        order.leaves = quantity;
        order.originalQuantity = originalQuantity;
        order.cum = originalQuantity - quantity;
        order.quoteQuantity = filledNotional;
        order.quoteScale = instrument.priceScale();
        order.status = order.cum > 0 ? "PARTIALLY_FILLED" : "NEW";
        order.timeMillis = entryTime / 1_000_000L;
        order.updateMillis = updateTime == 0 ? -1 : updateTime / 1_000_000L;
        orders.add(order);
    }

    @Override
    public void onEnd(final boolean complete, final long timestamp)
    {
        try
        {
            if (!complete)
            {
                counters.error(ApiError.TIMEOUT);
                command.answer.error(ApiError.TIMEOUT, ApiError.TIMEOUT.message());
                return;
            }
            if (unknownInstrument != 0)
            {
                counters.error(ApiError.UNKNOWN);
                command.answer.error(ApiError.UNKNOWN, "The venue holds an open order of the account in instrument " +
                    unknownInstrument + ", which this gateway does not list.");
                return;
            }
            command.answer.result(encoder.orders(orders));
        }
        catch (final RuntimeException ex)
        {
            counters.error(ApiError.UNKNOWN);
        }
    }
}
