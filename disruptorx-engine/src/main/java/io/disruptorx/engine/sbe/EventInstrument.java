package io.disruptorx.engine.sbe;

import java.nio.ByteOrder;

import io.disruptorx.protocol.sbe.event.InstrumentStatusDecoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderCancelledDecoder;
import io.disruptorx.protocol.sbe.event.OrderRejectedDecoder;
import io.disruptorx.protocol.sbe.event.OrderReplacedDecoder;
import io.disruptorx.protocol.sbe.event.TradeDecoder;
import org.agrona.DirectBuffer;

/**
 * The instrument an encoded execution event names, read in place: what the hosts count commands per instrument by
 * (the embedded node's output path and the clustered service's event path, {@code dx_instrument_commands_total},
 * the load {@code dx shard plan} reads). Accepts, rejects, trades, cancels, replaces and instrument status name one;
 * cancel rejects, admin results, balances and the other events name none.
 */
public final class EventInstrument
{
    /** What {@link #of} answers for an event that names no instrument (instrument ids start at 1). */
    public static final int NONE = 0;

    private static final ByteOrder ORDER = MessageHeaderDecoder.BYTE_ORDER;

    private EventInstrument()
    {
    }

    /**
     * @param buffer holding the event, SBE message header first.
     * @param offset of the header.
     * @return the instrument id the event names, or {@link #NONE} for an event that names none or a message of
     * another schema.
     */
    public static int of(final DirectBuffer buffer, final int offset)
    {
        if ((buffer.getShort(offset + MessageHeaderDecoder.schemaIdEncodingOffset(), ORDER) & 0xFFFF) !=
            MessageHeaderDecoder.SCHEMA_ID)
        {
            return NONE;
        }
        final int field = fieldOffset(buffer.getShort(offset + MessageHeaderDecoder.templateIdEncodingOffset(),
            ORDER) & 0xFFFF);
        return field < 0 ? NONE : buffer.getInt(offset + MessageHeaderDecoder.ENCODED_LENGTH + field, ORDER);
    }

    /**
     * @return where an event of that template holds its instrument id, after the header, or -1 when it has none.
     */
    private static int fieldOffset(final int template)
    {
        switch (template)
        {
            case OrderAcceptedDecoder.TEMPLATE_ID:
                return OrderAcceptedDecoder.instrumentIdEncodingOffset();
            case OrderRejectedDecoder.TEMPLATE_ID:
                return OrderRejectedDecoder.instrumentIdEncodingOffset();
            case TradeDecoder.TEMPLATE_ID:
                return TradeDecoder.instrumentIdEncodingOffset();
            case OrderCancelledDecoder.TEMPLATE_ID:
                return OrderCancelledDecoder.instrumentIdEncodingOffset();
            case OrderReplacedDecoder.TEMPLATE_ID:
                return OrderReplacedDecoder.instrumentIdEncodingOffset();
            case InstrumentStatusDecoder.TEMPLATE_ID:
                return InstrumentStatusDecoder.instrumentIdEncodingOffset();
            default:
                return -1;
        }
    }
}
