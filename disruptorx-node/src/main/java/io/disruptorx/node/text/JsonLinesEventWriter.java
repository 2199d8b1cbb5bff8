package io.disruptorx.node.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

import io.disruptorx.engine.AdminType;
import io.disruptorx.engine.CancelReason;
import io.disruptorx.engine.EngineListener;
import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;

/**
 * Writes every engine event as one JSON object per line, fields in a fixed order, so the same events
 * always give the same bytes. This is an edge tool (the {@code run} and {@code replay} commands), not a hot
 * path.
 */
public final class JsonLinesEventWriter implements EngineListener
{
    private final Writer out;
    private final StringBuilder line = new StringBuilder(256);
    private long events;

    /**
     * @param out destination; the caller closes it.
     */
    public JsonLinesEventWriter(final Writer out)
    {
        this.out = out;
    }

    /**
     * @return events written so far.
     */
    public long events()
    {
        return events;
    }

    @Override
    public void onOrderAccepted(
        final long timestamp,
        final long orderId,
        final long clientOrderId,
        final long accountId,
        final int instrumentId,
        final Side side,
        final OrderType type,
        final TimeInForce timeInForce,
        final long price,
        final long quantity)
    {
        begin("OrderAccepted", timestamp).field("orderId", orderId).field("clientOrderId", clientOrderId)
            .field("accountId", accountId).field("instrumentId", instrumentId).field("side", side)
            .field("type", type).field("timeInForce", timeInForce).field("price", price)
            .field("quantity", quantity).end();
    }

    @Override
    public void onOrderRejected(
        final long timestamp,
        final long clientOrderId,
        final long accountId,
        final int instrumentId,
        final RejectReason reason)
    {
        begin("OrderRejected", timestamp).field("clientOrderId", clientOrderId).field("accountId", accountId)
            .field("instrumentId", instrumentId).field("reason", reason).end();
    }

    @Override
    public void onTrade(
        final long timestamp,
        final long tradeId,
        final int instrumentId,
        final long price,
        final long quantity,
        final Side takerSide,
        final long makerOrderId,
        final long makerAccountId,
        final long makerRemaining,
        final long makerFee,
        final long takerOrderId,
        final long takerAccountId,
        final long takerRemaining,
        final long takerFee)
    {
        begin("Trade", timestamp).field("tradeId", tradeId).field("instrumentId", instrumentId)
            .field("price", price).field("quantity", quantity).field("takerSide", takerSide)
            .field("makerOrderId", makerOrderId).field("makerAccountId", makerAccountId)
            .field("makerRemaining", makerRemaining).field("makerFee", makerFee)
            .field("takerOrderId", takerOrderId).field("takerAccountId", takerAccountId)
            .field("takerRemaining", takerRemaining).field("takerFee", takerFee).end();
    }

    @Override
    public void onOrderCancelled(
        final long timestamp,
        final long orderId,
        final long clientOrderId,
        final long requestId,
        final long accountId,
        final int instrumentId,
        final long cancelledQuantity,
        final CancelReason reason)
    {
        begin("OrderCancelled", timestamp).field("orderId", orderId).field("clientOrderId", clientOrderId)
            .field("requestId", requestId).field("accountId", accountId).field("instrumentId", instrumentId)
            .field("cancelledQuantity", cancelledQuantity).field("reason", reason).end();
    }

    @Override
    public void onOrderReplaced(
        final long timestamp,
        final long orderId,
        final long requestId,
        final long accountId,
        final int instrumentId,
        final long price,
        final long quantity,
        final boolean priorityKept)
    {
        begin("OrderReplaced", timestamp).field("orderId", orderId).field("requestId", requestId)
            .field("accountId", accountId).field("instrumentId", instrumentId).field("price", price)
            .field("quantity", quantity).field("priorityKept", priorityKept).end();
    }

    @Override
    public void onCancelRejected(
        final long timestamp, final long orderId, final long requestId, final long accountId, final RejectReason reason)
    {
        begin("CancelRejected", timestamp).field("orderId", orderId).field("requestId", requestId)
            .field("accountId", accountId).field("reason", reason).end();
    }

    @Override
    public void onAdminResult(
        final long timestamp, final AdminType type, final long subjectId, final RejectReason result)
    {
        begin("AdminResult", timestamp).field("command", type).field("subjectId", subjectId)
            .field("result", result).end();
    }

    @Override
    public void onSnapshotRequested(final long timestamp, final long snapshotId)
    {
        begin("SnapshotRequested", timestamp).field("snapshotId", snapshotId).end();
    }

    @Override
    public void onInstrumentStatus(final long timestamp, final int instrumentId, final InstrumentState state)
    {
        begin("InstrumentStatus", timestamp).field("instrumentId", instrumentId).field("state", state).end();
    }

    @Override
    public void onBookOrderAdded(
        final long feedSequence,
        final long timestamp,
        final int instrumentId,
        final long orderId,
        final Side side,
        final long price,
        final long quantity)
    {
        begin("MdOrderAdded", timestamp).field("feedSequence", feedSequence).field("instrumentId", instrumentId)
            .field("orderId", orderId).field("side", side).field("price", price).field("quantity", quantity).end();
    }

    @Override
    public void onBookOrderModified(
        final long feedSequence, final long timestamp, final int instrumentId, final long orderId, final long quantity)
    {
        begin("MdOrderModified", timestamp).field("feedSequence", feedSequence).field("instrumentId", instrumentId)
            .field("orderId", orderId).field("quantity", quantity).end();
    }

    @Override
    public void onBookOrderDeleted(
        final long feedSequence, final long timestamp, final int instrumentId, final long orderId)
    {
        begin("MdOrderDeleted", timestamp).field("feedSequence", feedSequence).field("instrumentId", instrumentId)
            .field("orderId", orderId).end();
    }

    @Override
    public void onMarketTrade(
        final long feedSequence,
        final long timestamp,
        final int instrumentId,
        final long tradeId,
        final long price,
        final long quantity,
        final Side aggressorSide)
    {
        begin("MdTrade", timestamp).field("feedSequence", feedSequence).field("instrumentId", instrumentId)
            .field("tradeId", tradeId).field("price", price).field("quantity", quantity)
            .field("aggressorSide", aggressorSide).end();
    }

    @Override
    public void onMarketStatus(
        final long feedSequence, final long timestamp, final int instrumentId, final InstrumentState state)
    {
        begin("MdStatus", timestamp).field("feedSequence", feedSequence).field("instrumentId", instrumentId)
            .field("state", state).end();
    }

    private JsonLinesEventWriter begin(final String event, final long timestamp)
    {
        line.setLength(0);
        line.append("{\"event\":\"").append(event).append("\",\"timestamp\":").append(timestamp);
        return this;
    }

    private JsonLinesEventWriter field(final String name, final long value)
    {
        line.append(",\"").append(name).append("\":").append(value);
        return this;
    }

    private JsonLinesEventWriter field(final String name, final boolean value)
    {
        line.append(",\"").append(name).append("\":").append(value);
        return this;
    }

    private JsonLinesEventWriter field(final String name, final Enum<?> value)
    {
        line.append(",\"").append(name).append("\":\"").append(value.name()).append('"');
        return this;
    }

    private void end()
    {
        line.append("}\n");
        events++;
        try
        {
            out.append(line);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
