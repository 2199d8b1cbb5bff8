package io.disruptorx.gateway.json;

import java.util.List;

import io.disruptorx.core.text.JsonString;
import io.disruptorx.gateway.codec.ClientOrderIds;
import io.disruptorx.gateway.codec.Decimals;
import io.disruptorx.gateway.core.Report;
import io.disruptorx.gateway.core.ReportKind;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import io.disruptorx.gateway.reference.InstrumentSpec;
import io.disruptorx.protocol.sbe.orderentry.CancelReason;
import io.disruptorx.protocol.sbe.orderentry.EntryRejectReason;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Writes the edge's answers and events as JSON text in Binance's field names: orders, fills, trades, execution
 * reports, errors. Decimals are strings with the instrument's scale ({@code "99.50"}); times are epoch
 * milliseconds. Gateway thread, or any one thread at a time per instance.
 */
final class JsonEncoder
{
    private static final String[] SIDES = {"BUY", "SELL"};
    private static final String[] TYPES = {"LIMIT", "MARKET"};
    private static final String[] TIMES_IN_FORCE = {"GTC", "DAY", "IOC", "FOK"};

    private final InstrumentDirectory instruments;
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[64]);

    JsonEncoder(final InstrumentDirectory instruments)
    {
        this.instruments = instruments;
    }

    static String error(final ApiError error, final String message)
    {
        final String capped = ClientText.message(message);
        final StringBuilder out = new StringBuilder(64 + capped.length());
        out.append("{\"code\":").append(error.code()).append(",\"msg\":");
        string(out, capped);
        return out.append('}').toString();
    }

    /**
     * An order as Binance's order endpoints answer it, with the fills of the answer when {@code fills} is not null.
     */
    String order(final OrderView order, final List<TradeView> fills)
    {
        final StringBuilder out = new StringBuilder(384);
        orderFields(out, order);
        if (fills != null)
        {
            out.append(",\"fills\":[");
            for (int i = 0; i < fills.size(); i++)
            {
                final TradeView fill = fills.get(i);
                out.append(i == 0 ? "{" : ",{");
                field(out, "price", decimal(fill.price(), order.instrument.priceScale())).append(',');
                field(out, "qty", decimal(fill.quantity(), order.instrument.quantityScale())).append(',');
                field(out, "commission", decimal(fill.fee(), order.instrument.priceScale())).append(',');
                out.append("\"tradeId\":").append(fill.tradeId()).append('}');
            }
            out.append(']');
        }
        return out.append('}').toString();
    }

    String orders(final List<OrderView> orders)
    {
        final StringBuilder out = new StringBuilder(64 + 384 * orders.size()).append('[');
        for (int i = 0; i < orders.size(); i++)
        {
            if (i > 0)
            {
                out.append(',');
            }
            orderFields(out, orders.get(i));
            out.append('}');
        }
        return out.append(']').toString();
    }

    String trades(final List<TradeView> trades)
    {
        final StringBuilder out = new StringBuilder(64 + 256 * trades.size()).append('[');
        for (int i = 0; i < trades.size(); i++)
        {
            final TradeView trade = trades.get(i);
            final InstrumentSpec instrument = trade.instrument();
            out.append(i == 0 ? "{" : ",{");
            field(out, "symbol", instrument.symbol()).append(",\"id\":").append(trade.tradeId())
                .append(",\"orderId\":").append(trade.orderId()).append(',');
            field(out, "price", decimal(trade.price(), instrument.priceScale())).append(',');
            field(out, "qty", decimal(trade.quantity(), instrument.quantityScale())).append(',');
            field(out, "quoteQty", decimal(trade.price() * trade.quantity(),
                instrument.priceScale() + instrument.quantityScale())).append(',');
            field(out, "commission", decimal(trade.fee(), instrument.priceScale())).append(",\"time\":")
                .append(trade.timeMillis()).append(",\"isBuyer\":").append(trade.buyer())
                .append(",\"isMaker\":").append(trade.maker()).append('}');
        }
        return out.append(']').toString();
    }

    /**
     * A user data stream event for a report, or {@code null} for reports the stream does not carry (answers to
     * status queries, dead-man switch and mass cancel results).
     */
    String executionReport(final Report r, final long sequence)
    {
        final String execution;
        final String status;
        switch (r.kind())
        {
            case ReportKind.ACCEPTED:
                execution = "NEW";
                status = "NEW";
                break;
            case ReportKind.REJECTED:
                execution = "REJECTED";
                status = "REJECTED";
                break;
            case ReportKind.FILL:
                execution = "TRADE";
                status = r.leavesQuantity() == 0 ? "FILLED" : "PARTIALLY_FILLED";
                break;
            case ReportKind.CANCELLED:
                execution = "CANCELED";
                status = OrderViews.expired(r.reason()) ? "EXPIRED" : "CANCELED";
                break;
            case ReportKind.REPLACED:
                execution = "REPLACED";
                status = r.cumQuantity() > 0 ? "PARTIALLY_FILLED" : "NEW";
                break;
            case ReportKind.CANCEL_REJECTED:
                execution = "CANCEL_REJECTED";
                status = "";
                break;
            default:
                return null;
        }
        final InstrumentSpec instrument = instruments.byId(r.instrumentId());
        final int priceScale = instrument == null ? 0 : instrument.priceScale();
        final int quantityScale = instrument == null ? 0 : instrument.quantityScale();
        final StringBuilder out = new StringBuilder(512);
        out.append("{\"e\":\"executionReport\",\"E\":").append(r.timestamp() / 1_000_000L).append(',');
        field(out, "s", instrument == null ? "" : instrument.symbol()).append(',');
        field(out, "c", clientOrderId(r.clientOrderId())).append(',');
        if (r.kind() != ReportKind.CANCEL_REJECTED)
        {
            field(out, "S", SIDES[r.side() & 1]).append(',');
        }
        if (r.kind() == ReportKind.ACCEPTED)
        {
            field(out, "o", TYPES[r.orderType() & 1]).append(',');
            field(out, "f", TIMES_IN_FORCE[r.timeInForce() & 3]).append(',');
            field(out, "q", decimal(r.quantity(), quantityScale)).append(',');
        }
        if (r.kind() == ReportKind.ACCEPTED || r.kind() == ReportKind.REPLACED)
        {
            field(out, "p", decimal(r.price(), priceScale)).append(',');
        }
        field(out, "x", execution).append(',');
        if (!status.isEmpty())
        {
            field(out, "X", status).append(',');
        }
        field(out, "r", reason(r)).append(",\"i\":").append(r.orderId()).append(',');
        if (r.kind() == ReportKind.FILL)
        {
            field(out, "l", decimal(r.lastQuantity(), quantityScale)).append(',');
            field(out, "L", decimal(r.lastPrice(), priceScale)).append(',');
            field(out, "n", decimal(r.fee(), priceScale)).append(",\"t\":").append(r.tradeId())
                .append(",\"m\":").append(r.liquidity() == 0).append(',');
        }
        if (r.kind() == ReportKind.CANCELLED)
        {
            field(out, "cq", decimal(r.quantity(), quantityScale)).append(',');
        }
        if (r.kind() == ReportKind.FILL || r.kind() == ReportKind.REPLACED || r.kind() == ReportKind.CANCELLED)
        {
            field(out, "z", decimal(r.cumQuantity(), quantityScale)).append(',');
            field(out, "lv", decimal(r.leavesQuantity(), quantityScale)).append(',');
        }
        out.append("\"T\":").append(r.timestamp() / 1_000_000L).append(",\"dxSeq\":").append(sequence)
            .append(",\"acct\":").append(r.accountId()).append('}');
        return out.toString();
    }

    String decimal(final long units, final int scale)
    {
        final int length = Decimals.format(units, scale, scratch, 0);
        return scratch.getStringWithoutLengthAscii(0, length);
    }

    static String clientOrderId(final long id)
    {
        return ClientOrderIds.hasText(id) ? ClientOrderIds.toText(id) : Long.toString(id);
    }

    static String rejectReason(final int code)
    {
        try
        {
            return EntryRejectReason.get((short)code).name();
        }
        catch (final IllegalArgumentException ex)
        {
            return "REASON_" + code;
        }
    }

    static String cancelReason(final int code)
    {
        try
        {
            return CancelReason.get((short)code).name();
        }
        catch (final IllegalArgumentException ex)
        {
            return "REASON_" + code;
        }
    }

    private static String reason(final Report r)
    {
        switch (r.kind())
        {
            case ReportKind.REJECTED:
            case ReportKind.CANCEL_REJECTED:
                return rejectReason(r.reason());
            case ReportKind.CANCELLED:
                return cancelReason(r.reason());
            case ReportKind.REPLACED:
                return r.flag() ? "PRIORITY_KEPT" : "PRIORITY_LOST";
            default:
                return "NONE";
        }
    }

    private void orderFields(final StringBuilder out, final OrderView order)
    {
        final InstrumentSpec instrument = order.instrument;
        final int priceScale = instrument.priceScale();
        final int quantityScale = instrument.quantityScale();
        out.append('{');
        field(out, "symbol", instrument.symbol()).append(",\"orderId\":").append(order.orderId)
            .append(",\"orderListId\":-1,");
        field(out, "clientOrderId", clientOrderId(order.clientOrderId)).append(",\"transactTime\":")
            .append(order.updateMillis).append(',');
        field(out, "price", order.orderType == 1 ? decimal(0, priceScale) : decimal(order.price, priceScale))
            .append(',');
        field(out, "origQty", decimal(order.originalQuantity, quantityScale)).append(',');
        field(out, "executedQty", decimal(order.cum, quantityScale)).append(',');
        field(out, "cummulativeQuoteQty", order.quoteQuantity < 0 ? "-1" : decimal(order.quoteQuantity,
            order.quoteScale)).append(',');
        field(out, "status", order.status).append(',');
        field(out, "timeInForce", TIMES_IN_FORCE[order.timeInForce & 3]).append(',');
        if (order.postOnly < 0)
        {
            out.append("\"type\":null,");
        }
        else
        {
            field(out, "type", order.postOnly == 1 ? "LIMIT_MAKER" : TYPES[order.orderType & 1]).append(',');
        }
        field(out, "side", SIDES[order.side & 1]).append(",\"time\":").append(order.timeMillis)
            .append(",\"updateTime\":").append(order.updateMillis).append(",\"account\":").append(order.accountId);
    }

    private static StringBuilder field(final StringBuilder out, final String name, final String value)
    {
        out.append('"').append(name).append("\":");
        string(out, value);
        return out;
    }

    static void string(final StringBuilder out, final String value)
    {
        JsonString.append(out, value);
    }
}
