package io.disruptorx.gateway.fix;

import io.disruptorx.fix44.decoder.NewOrderSingleDecoder;
import io.disruptorx.fix44.decoder.OrderCancelReplaceRequestDecoder;
import io.disruptorx.fix44.decoder.OrderCancelRequestDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import uk.co.real_logic.artio.builder.RejectUnknownEnumValue;
import uk.co.real_logic.artio.builder.RejectUnknownField;
import uk.co.real_logic.artio.builder.Validation;

/**
 * The edge's own decoder of NewOrderSingle(D), OrderCancelRequest(F) and OrderCancelReplaceRequest(G): reads tag=value
 * in place from the buffer Artio hands over, keeps offsets and lengths of the text fields and parses decimals to
 * Artio's {@code DecimalFloat} form (value and scale, normalised the same way), allocating nothing. It accepts only
 * the messages it can prove Artio's generated decoder would also find valid: BeginString(8), BodyLength(9) and
 * MsgType(35) first, then only the header fields, the message's fields and CheckSum(10) it knows (below), each once,
 * none empty, every enum value one the dictionary has, numbers of a plain form ({@code 123}, {@code 0.5}), CheckSum
 * last, every required field there, ASCII only. Anything else, valid or not, returns {@code false}: the caller then
 * decodes the message with Artio's decoder as before, so every malformed message is answered by exactly the same
 * session Reject(3) as before. Known fields: header 34, 43, 49, 50, 52, 56, 57, 97, 122; D 1, 11, 18, 21, 38, 40,
 * 44, 54, 55, 59, 60, 9700; F 1, 11, 37, 38, 41, 54, 55, 60; G 1, 11, 18, 21, 37, 38, 40, 41, 44, 54, 55, 59, 60.
 * When Artio's codec validation is configured other than by default ({@code fix.codecs.*} system properties), this
 * decoder accepts nothing. The message is copied into an array of the decoder's first (one bounds check, one copy)
 * and read from there, not byte by byte through the buffer's bounds checks. This class decides which fields a
 * message may hold and in what order; {@link FixValueForms} decides which values a field may hold. Gateway thread
 * only.
 */
final class FixOrderDecoder
{
    /** Whether Artio's codecs validate as this decoder assumes: validation on, unknown enums rejected, unknown
     * fields ignored. */
    static final boolean ENABLED = Validation.CODEC_VALIDATION_ENABLED &&
        RejectUnknownEnumValue.CODEC_REJECT_UNKNOWN_ENUM_VALUE_ENABLED &&
        !RejectUnknownField.CODEC_REJECT_UNKNOWN_FIELD_ENABLED;

    private static final byte SOH = 1;
    private static final int MAX_TAG = 9999;

    /** Bits of the fields seen: header, then body. */
    private static final long MSG_SEQ_NUM = 1L;
    private static final long POSS_DUP_FLAG = 1L << 1;
    private static final long SENDER_COMP_ID = 1L << 2;
    private static final long SENDER_SUB_ID = 1L << 3;
    private static final long SENDING_TIME = 1L << 4;
    private static final long TARGET_COMP_ID = 1L << 5;
    private static final long TARGET_SUB_ID = 1L << 6;
    private static final long POSS_RESEND = 1L << 7;
    private static final long ORIG_SENDING_TIME = 1L << 8;
    private static final long ACCOUNT = 1L << 16;
    private static final long CL_ORD_ID = 1L << 17;
    private static final long EXEC_INST = 1L << 18;
    private static final long HANDL_INST = 1L << 19;
    private static final long ORDER_QTY = 1L << 20;
    private static final long ORD_TYPE = 1L << 21;
    private static final long PRICE = 1L << 22;
    private static final long SIDE = 1L << 23;
    private static final long SYMBOL = 1L << 24;
    private static final long TIME_IN_FORCE = 1L << 25;
    private static final long TRANSACT_TIME = 1L << 26;
    private static final long TRACE_PARENT = 1L << 27;
    private static final long ORDER_ID = 1L << 28;
    private static final long ORIG_CL_ORD_ID = 1L << 29;

    private static final long HEADER_REQUIRED = MSG_SEQ_NUM | SENDER_COMP_ID | SENDING_TIME | TARGET_COMP_ID;
    private static final long NEW_ORDER_FIELDS = ACCOUNT | CL_ORD_ID | EXEC_INST | HANDL_INST | ORDER_QTY |
        ORD_TYPE | PRICE | SIDE | SYMBOL | TIME_IN_FORCE | TRANSACT_TIME | TRACE_PARENT;
    private static final long NEW_ORDER_REQUIRED = CL_ORD_ID | SYMBOL | SIDE | TRANSACT_TIME | ORD_TYPE;
    private static final long CANCEL_FIELDS = ACCOUNT | CL_ORD_ID | ORDER_ID | ORDER_QTY | ORIG_CL_ORD_ID | SIDE |
        SYMBOL | TRANSACT_TIME;
    private static final long CANCEL_REQUIRED = ORIG_CL_ORD_ID | CL_ORD_ID | SYMBOL | SIDE | TRANSACT_TIME;
    private static final long REPLACE_FIELDS = ACCOUNT | CL_ORD_ID | EXEC_INST | HANDL_INST | ORDER_ID | ORDER_QTY |
        ORD_TYPE | ORIG_CL_ORD_ID | PRICE | SIDE | SYMBOL | TIME_IN_FORCE | TRANSACT_TIME;
    private static final long REPLACE_REQUIRED = ORIG_CL_ORD_ID | CL_ORD_ID | SYMBOL | SIDE | TRANSACT_TIME | ORD_TYPE;


    /** A copy of the message decoded last; offsets are into it. */
    DirectBuffer buffer;
    long messageType;
    int msgSeqNum;
    boolean possDupFlag;
    int clOrdIdOffset;
    int clOrdIdLength;
    int origClOrdIdOffset;
    int origClOrdIdLength;
    int orderIdOffset;
    /** -1: no OrderID(37). */
    int orderIdLength;
    int accountOffset;
    /** -1: no Account(1). */
    int accountLength;
    int symbolOffset;
    int symbolLength;
    int traceParentOffset;
    /** -1: no TraceParent(9700). */
    int traceParentLength;
    byte side;
    byte ordType;
    /** 0: no TimeInForce(59). */
    byte timeInForce;
    /** ExecInst(18) holds 6 (ParticipateDontInitiate: post only). */
    boolean postOnly;
    boolean hasPrice;
    long priceValue;
    int priceScale;
    boolean hasOrderQty;
    long orderQtyValue;
    int orderQtyScale;

    private final byte[] bytes = new byte[FixFrames.MAX_MESSAGE_BYTES];
    private final UnsafeBuffer copy = new UnsafeBuffer(bytes);
    private final FixValueForms values = new FixValueForms(bytes);
    private long seen;

    /** @return the array {@link #buffer} wraps: the offsets of the last message are into it. */
    byte[] bytes()
    {
        return bytes;
    }

    /**
     * @param messageType Artio's packed MsgType.
     * @return whether it is a D, F or G, the messages this decoder reads.
     */
    static boolean isOrderMessage(final long messageType)
    {
        return messageType == NewOrderSingleDecoder.MESSAGE_TYPE ||
            messageType == OrderCancelRequestDecoder.MESSAGE_TYPE ||
            messageType == OrderCancelReplaceRequestDecoder.MESSAGE_TYPE;
    }

    /**
     * @param buffer      the message.
     * @param offset      where it starts.
     * @param length      its length.
     * @param messageType Artio's packed MsgType of the message.
     * @return whether the message is decoded here (a D, F or G that Artio's decoder would find valid, of the fields
     * above); {@code false}: decode it with Artio's decoder.
     */
    boolean decode(final DirectBuffer buffer, final int offset, final int length, final long messageType)
    {
        final long allowed;
        final long required;
        final byte type;
        if (messageType == NewOrderSingleDecoder.MESSAGE_TYPE)
        {
            allowed = NEW_ORDER_FIELDS;
            required = NEW_ORDER_REQUIRED;
            type = 'D';
        }
        else if (messageType == OrderCancelRequestDecoder.MESSAGE_TYPE)
        {
            allowed = CANCEL_FIELDS;
            required = CANCEL_REQUIRED;
            type = 'F';
        }
        else if (messageType == OrderCancelReplaceRequestDecoder.MESSAGE_TYPE)
        {
            allowed = REPLACE_FIELDS;
            required = REPLACE_REQUIRED;
            type = 'G';
        }
        else
        {
            return false;
        }
        if (!ENABLED || length > bytes.length)
        {
            return false;
        }
        buffer.getBytes(offset, bytes, 0, length);
        this.buffer = copy;
        this.messageType = messageType;
        reset();
        final byte[] message = bytes;
        final int end = length;
        int position = 0;
        int index = 0;
        boolean body = false;
        while (position < end)
        {
            int tag = 0;
            int digits = 0;
            byte b;
            while (position < end && (b = message[position]) != '=')
            {
                if (b < '0' || b > '9' || (digits == 0 && b == '0') || tag > MAX_TAG)
                {
                    return false;
                }
                tag = tag * 10 + (b - '0');
                digits++;
                position++;
            }
            if (digits == 0 || position == end)
            {
                return false;
            }
            final int valueOffset = ++position;
            position = FixValueEnd.find(message, valueOffset, end);
            if (position < 0 || position == valueOffset)
            {
                return false;
            }
            final int valueLength = position - valueOffset;
            position++;
            if (index < 3)
            {
                if (tag != (index == 0 ? 8 : index == 1 ? 9 : 35) ||
                    index == 1 && values.digitsValue(valueOffset, valueLength) < 0 ||
                    index == 2 && (valueLength != 1 || message[valueOffset] != type))
                {
                    return false;
                }
                index++;
                continue;
            }
            if (tag == 10)
            {
                // CheckSum last and nothing after it: Artio's engine checked its value
                return position == end && (seen & HEADER_REQUIRED) == HEADER_REQUIRED &&
                    (seen & required) == required;
            }
            final long bit = body ? 0 : header(tag, valueOffset, valueLength);
            if (bit == 0)
            {
                final long field = field(tag, valueOffset, valueLength);
                if (field == 0 || (field & allowed) == 0 || (seen & field) != 0)
                {
                    return false;
                }
                body = true;
                seen |= field;
            }
            else if (bit < 0 || (seen & bit) != 0)
            {
                return false;
            }
            else
            {
                seen |= bit;
            }
        }
        return false;
    }

    private void reset()
    {
        seen = 0;
        msgSeqNum = 0;
        possDupFlag = false;
        orderIdLength = -1;
        accountLength = -1;
        traceParentLength = -1;
        timeInForce = 0;
        postOnly = false;
        hasPrice = false;
        hasOrderQty = false;
    }

    /**
     * @return the header field's bit, 0 when the tag is not a header field known here, -1 when its value is not one
     * Artio accepts.
     */
    private long header(final int tag, final int valueOffset, final int valueLength)
    {
        switch (tag)
        {
            case 34:
                msgSeqNum = (int)values.digitsValue(valueOffset, valueLength);
                return msgSeqNum < 0 ? -1 : MSG_SEQ_NUM;
            case 43:
                possDupFlag = bytes[valueOffset] == 'Y';
                return values.yesNo(valueOffset, valueLength) ? POSS_DUP_FLAG : -1;
            case 49:
                return SENDER_COMP_ID;
            case 50:
                return SENDER_SUB_ID;
            case 52:
                return SENDING_TIME;
            case 56:
                return TARGET_COMP_ID;
            case 57:
                return TARGET_SUB_ID;
            case 97:
                return values.yesNo(valueOffset, valueLength) ? POSS_RESEND : -1;
            case 122:
                return ORIG_SENDING_TIME;
            default:
                return 0;
        }
    }

    /** @return the body field's bit, 0 when the tag is not known here or its value is not one Artio accepts. */
    private long field(final int tag, final int valueOffset, final int valueLength)
    {
        switch (tag)
        {
            case 1:
                accountOffset = valueOffset;
                accountLength = valueLength;
                return ACCOUNT;
            case 11:
                clOrdIdOffset = valueOffset;
                clOrdIdLength = valueLength;
                return CL_ORD_ID;
            case 18:
                if (!values.execInst(valueOffset, valueLength))
                {
                    return 0;
                }
                postOnly = values.participateDontInitiate;
                return EXEC_INST;
            case 21:
                return values.isHandlInst(valueOffset, valueLength) ? HANDL_INST : 0;
            case 37:
                orderIdOffset = valueOffset;
                orderIdLength = valueLength;
                return ORDER_ID;
            case 38:
                if (!values.decimal(valueOffset, valueLength))
                {
                    return 0;
                }
                hasOrderQty = true;
                orderQtyValue = values.decimalValue;
                orderQtyScale = values.decimalScale;
                return ORDER_QTY;
            case 40:
                ordType = bytes[valueOffset];
                return values.isOrdType(valueOffset, valueLength) ? ORD_TYPE : 0;
            case 41:
                origClOrdIdOffset = valueOffset;
                origClOrdIdLength = valueLength;
                return ORIG_CL_ORD_ID;
            case 44:
                if (!values.decimal(valueOffset, valueLength))
                {
                    return 0;
                }
                hasPrice = true;
                priceValue = values.decimalValue;
                priceScale = values.decimalScale;
                return PRICE;
            case 54:
                side = bytes[valueOffset];
                return values.isSide(valueOffset, valueLength) ? SIDE : 0;
            case 55:
                symbolOffset = valueOffset;
                symbolLength = valueLength;
                return SYMBOL;
            case 59:
                timeInForce = bytes[valueOffset];
                return values.isTimeInForce(valueOffset, valueLength) ? TIME_IN_FORCE : 0;
            case 60:
                return TRANSACT_TIME;
            case 9700:
                traceParentOffset = valueOffset;
                traceParentLength = valueLength;
                return TRACE_PARENT;
            default:
                return 0;
        }
    }

}
