package io.disruptorx.gateway.dialect;

import java.nio.ByteOrder;

import io.disruptorx.gateway.codec.ClientOrderIds;
import io.disruptorx.gateway.core.GatewayCore;
import io.disruptorx.gateway.core.ProtocolError;
import io.disruptorx.gateway.core.Report;
import io.disruptorx.gateway.core.ReportFilter;
import io.disruptorx.gateway.core.ReportKind;
import io.disruptorx.gateway.core.Session;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import io.disruptorx.gateway.reference.InstrumentSpec;
import io.disruptorx.gateway.soupbintcp.Dialect;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Parity's POE (version 2, {@code libraries/net/doc/POE.md} in paritytrading/parity) so parity's clients trade
 * here unmodified. Big-endian numbers, space-padded ASCII text:
 *
 * <pre>
 *   Enter Order    'E' orderId(16) side(1 B/S) instrument(8) quantity(8) price(8)             42 bytes
 *   Cancel Order   'X' orderId(16) quantity(8: the new open quantity, 0 cancels)              25
 *   Order Accepted 'A' timestamp(8) orderId(16) side(1) instrument(8) quantity(8) price(8)
 *                      orderNumber(8)                                                         58
 *   Order Rejected 'R' timestamp(8) orderId(16) reason(1)                                     26
 *   Order Executed 'E' timestamp(8) orderId(16) quantity(8) price(8) liquidity(1 A/R)
 *                      matchNumber(4)                                                         46
 *   Order Canceled 'X' timestamp(8) orderId(16) canceledQuantity(8) reason(1 R/S)             34
 * </pre>
 *
 * Prices and quantities are the engine's units of the instrument (10^-priceScale and 10^-quantityScale, POE's
 * "minimum increments"), so nothing is converted or lost. A price of 0 enters a market order (IOC); any other a
 * GTC limit order. Orders go to the user's first account. The order id maps to the engine's client order id by
 * {@link ClientOrderIds}; one that does not fit is rejected ({@code D}) with a blank order id. Reports POE cannot
 * express are not sequenced for POE sessions: cancel rejects (parity ignores unknown cancels), mass cancel
 * results, replaces other than a same-price reduction, and reports of orders whose client order id has no text.
 */
public final class PoeDialect implements Dialect
{
    /** Protocol id of POE sessions. */
    public static final int PROTOCOL_ID = 2;

    static final byte ENTER_ORDER = 'E';
    static final byte CANCEL_ORDER = 'X';
    static final byte ORDER_ACCEPTED = 'A';
    static final byte ORDER_REJECTED = 'R';
    static final byte ORDER_EXECUTED = 'E';
    static final byte ORDER_CANCELED = 'X';
    static final int ENTER_ORDER_LENGTH = 42;
    static final int CANCEL_ORDER_LENGTH = 25;
    static final int ORDER_ID_LENGTH = 16;

    private static final long DAY_NANOS = 86_400_000_000_000L;
    private static final int BUY = 0;
    private static final int SELL = 1;
    private static final int LIMIT = 0;
    private static final int MARKET = 1;
    private static final int GTC = 0;
    private static final int IOC = 2;
    private static final int CANCEL_NEWEST = 0;
    private static final ReportFilter FILTER = PoeDialect::expressible;

    private final InstrumentDirectory instruments;
    private final long midnightNanos;

    /**
     * @param instruments        symbols and scales.
     * @param sessionStartNanos  when the trading session started (epoch nanoseconds): timestamps are nanoseconds
     *                           since the midnight (UTC) before it.
     */
    public PoeDialect(final InstrumentDirectory instruments, final long sessionStartNanos)
    {
        this.instruments = instruments;
        this.midnightNanos = sessionStartNanos - Math.floorMod(sessionStartNanos, DAY_NANOS);
    }

    @Override
    public int protocolId()
    {
        return PROTOCOL_ID;
    }

    @Override
    public ReportFilter filter()
    {
        return FILTER;
    }

    @Override
    public int maxInboundLength()
    {
        return ENTER_ORDER_LENGTH;
    }

    @Override
    public int maxOutboundLength()
    {
        return 58;
    }

    @Override
    public void onMessage(
        final GatewayCore core, final Session session, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 1)
        {
            core.counters().protocolError(ProtocolError.TRUNCATED);
            return;
        }
        final byte type = buffer.getByte(offset);
        if (type == ENTER_ORDER)
        {
            if (length != ENTER_ORDER_LENGTH)
            {
                core.counters().protocolError(ProtocolError.TRUNCATED);
                return;
            }
            enterOrder(core, session, buffer, offset + 1);
        }
        else if (type == CANCEL_ORDER)
        {
            if (length != CANCEL_ORDER_LENGTH)
            {
                core.counters().protocolError(ProtocolError.TRUNCATED);
                return;
            }
            final long clientOrderId = ClientOrderIds.encode(buffer, offset + 1, ORDER_ID_LENGTH);
            final long quantity = buffer.getLong(offset + 1 + ORDER_ID_LENGTH, ByteOrder.BIG_ENDIAN);
            core.reduce(session, 0, clientOrderId, quantity);
        }
        else
        {
            core.counters().protocolError(ProtocolError.UNKNOWN_MESSAGE);
        }
    }

    private void enterOrder(final GatewayCore core, final Session session, final DirectBuffer buffer, final int at)
    {
        final long clientOrderId = ClientOrderIds.encode(buffer, at, ORDER_ID_LENGTH);
        final byte sideCode = buffer.getByte(at + ORDER_ID_LENGTH);
        final int side = sideCode == 'B' ? BUY : sideCode == 'S' ? SELL : -1;
        final InstrumentSpec instrument =
            instruments.bySymbol(buffer.getLong(at + ORDER_ID_LENGTH + 1, ByteOrder.BIG_ENDIAN));
        final long quantity = buffer.getLong(at + ORDER_ID_LENGTH + 9, ByteOrder.BIG_ENDIAN);
        final long price = buffer.getLong(at + ORDER_ID_LENGTH + 17, ByteOrder.BIG_ENDIAN);
        final int instrumentId = instrument == null ? 0 : instrument.id();
        final int priceExponent = instrument == null ? 0 : -instrument.priceScale();
        final int quantityExponent = instrument == null ? 0 : -instrument.quantityScale();
        final boolean market = price == 0;
        core.newOrder(session, clientOrderId, 0, instrumentId, side, market ? MARKET : LIMIT, market ? IOC : GTC, 0,
            CANCEL_NEWEST, price, priceExponent, quantity, quantityExponent, null);
    }

    @Override
    public int encode(final Report report, final MutableDirectBuffer buffer, final int offset)
    {
        final long timestamp = report.timestamp() - midnightNanos;
        switch (report.kind())
        {
            case ReportKind.ACCEPTED:
            {
                buffer.putByte(offset, ORDER_ACCEPTED);
                buffer.putLong(offset + 1, timestamp, ByteOrder.BIG_ENDIAN);
                orderId(report.clientOrderId(), buffer, offset + 9);
                buffer.putByte(offset + 25, report.side() == BUY ? (byte)'B' : (byte)'S');
                final InstrumentSpec instrument = instruments.byId(report.instrumentId());
                buffer.putLong(offset + 26, instrument == null ? 0 : instrument.packedSymbol(), ByteOrder.BIG_ENDIAN);
                buffer.putLong(offset + 34, report.quantity(), ByteOrder.BIG_ENDIAN);
                buffer.putLong(offset + 42, report.price(), ByteOrder.BIG_ENDIAN);
                buffer.putLong(offset + 50, report.orderId(), ByteOrder.BIG_ENDIAN);
                return 58;
            }
            case ReportKind.REJECTED:
                buffer.putByte(offset, ORDER_REJECTED);
                buffer.putLong(offset + 1, timestamp, ByteOrder.BIG_ENDIAN);
                orderId(report.clientOrderId(), buffer, offset + 9);
                buffer.putByte(offset + 25, PoeRejectReasons.of(report.reason()));
                return 26;
            case ReportKind.FILL:
                buffer.putByte(offset, ORDER_EXECUTED);
                buffer.putLong(offset + 1, timestamp, ByteOrder.BIG_ENDIAN);
                orderId(report.clientOrderId(), buffer, offset + 9);
                buffer.putLong(offset + 25, report.lastQuantity(), ByteOrder.BIG_ENDIAN);
                buffer.putLong(offset + 33, report.lastPrice(), ByteOrder.BIG_ENDIAN);
                buffer.putByte(offset + 41, report.liquidity() == 0 ? (byte)'A' : (byte)'R');
                buffer.putInt(offset + 42, (int)report.tradeId(), ByteOrder.BIG_ENDIAN);
                return 46;
            case ReportKind.CANCELLED:
            case ReportKind.REPLACED:
            {
                final boolean cancel = report.kind() == ReportKind.CANCELLED;
                buffer.putByte(offset, ORDER_CANCELED);
                buffer.putLong(offset + 1, timestamp, ByteOrder.BIG_ENDIAN);
                orderId(report.clientOrderId(), buffer, offset + 9);
                buffer.putLong(offset + 25, cancel ? report.quantity() : report.lastQuantity(), ByteOrder.BIG_ENDIAN);
                buffer.putByte(offset + 33, !cancel || report.reason() == 0 ? (byte)'R' : (byte)'S');
                return 34;
            }
            default:
                throw new IllegalStateException("POE cannot express report kind " + report.kind());
        }
    }

    private static boolean expressible(final Report report)
    {
        switch (report.kind())
        {
            case ReportKind.REJECTED:
                return report.clientOrderId() == 0 || ClientOrderIds.hasText(report.clientOrderId());
            case ReportKind.ACCEPTED:
            case ReportKind.FILL:
            case ReportKind.CANCELLED:
                return ClientOrderIds.hasText(report.clientOrderId());
            case ReportKind.REPLACED:
                return ClientOrderIds.hasText(report.clientOrderId()) && report.lastQuantity() > 0 &&
                    report.lastPrice() == report.price();
            default:
                return false;
        }
    }

    private static void orderId(final long clientOrderId, final MutableDirectBuffer buffer, final int offset)
    {
        final int length = clientOrderId == 0 ? 0 : ClientOrderIds.decode(clientOrderId, buffer, offset);
        for (int i = Math.max(0, length); i < ORDER_ID_LENGTH; i++)
        {
            buffer.putByte(offset + i, (byte)' ');
        }
    }
}
