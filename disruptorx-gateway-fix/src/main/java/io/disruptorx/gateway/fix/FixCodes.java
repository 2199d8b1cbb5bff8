package io.disruptorx.gateway.fix;

import java.nio.charset.StandardCharsets;

import io.disruptorx.fix44.CxlRejReason;
import io.disruptorx.fix44.OrdRejReason;
import io.disruptorx.protocol.sbe.orderentry.CancelReason;
import io.disruptorx.protocol.sbe.orderentry.EntryRejectReason;

/**
 * The gateway's codes in FIX terms: an entry reject reason as OrdRejReason(103) or CxlRejReason(102), and every
 * reason's name as the ASCII bytes of Text(58), precomputed so that encoding a reject allocates nothing. Wire codes
 * of side, order type and time in force both ways.
 */
final class FixCodes
{
    /** Our side codes. */
    static final int BUY = 0;
    static final int SELL = 1;
    /** Our order type codes. */
    static final int LIMIT = 0;
    static final int MARKET = 1;
    /** Our time in force codes. */
    static final int GTC = 0;
    static final int DAY = 1;
    static final int IOC = 2;
    static final int FOK = 3;
    /** An unknown code: the core rejects it as INVALID_FIELD. */
    static final int INVALID = 99;

    private static final byte[][] ENTRY_REJECT_TEXT = new byte[256][];
    private static final byte[][] CANCEL_REASON_TEXT = new byte[256][];
    private static final byte[] UNKNOWN_TEXT = "UNKNOWN".getBytes(StandardCharsets.US_ASCII);

    static
    {
        for (final EntryRejectReason reason : EntryRejectReason.values())
        {
            if (reason != EntryRejectReason.NULL_VAL)
            {
                ENTRY_REJECT_TEXT[reason.value()] = reason.name().getBytes(StandardCharsets.US_ASCII);
            }
        }
        for (final CancelReason reason : CancelReason.values())
        {
            if (reason != CancelReason.NULL_VAL)
            {
                CANCEL_REASON_TEXT[reason.value()] = reason.name().getBytes(StandardCharsets.US_ASCII);
            }
        }
    }

    private FixCodes()
    {
    }

    /**
     * @param reason an entry reject reason code.
     * @return its name, as Text(58) carries it.
     */
    static byte[] rejectText(final int reason)
    {
        final byte[] text = ENTRY_REJECT_TEXT[reason & 0xFF];
        return text == null ? UNKNOWN_TEXT : text;
    }

    /**
     * @param reason a cancel reason code.
     * @return its name, as Text(58) carries it.
     */
    static byte[] cancelText(final int reason)
    {
        final byte[] text = CANCEL_REASON_TEXT[reason & 0xFF];
        return text == null ? UNKNOWN_TEXT : text;
    }

    /**
     * @param reason an entry reject reason code.
     * @return the closest OrdRejReason(103); the exact reason is in Text(58).
     */
    static OrdRejReason ordRejReason(final int reason)
    {
        final EntryRejectReason entry = EntryRejectReason.get((short)reason);
        switch (entry)
        {
            case UNKNOWN_INSTRUMENT:
                return OrdRejReason.UNKNOWN_SYMBOL;
            case INSTRUMENT_HALTED:
            case KILL_SWITCH_ACTIVE:
                return OrdRejReason.EXCHANGE_CLOSED;
            case INSUFFICIENT_BALANCE:
            case MAX_QUANTITY_EXCEEDED:
            case MAX_NOTIONAL_EXCEEDED:
            case OPEN_ORDER_LIMIT:
            case PRICE_OUTSIDE_BAND:
                return OrdRejReason.ORDER_EXCEEDS_LIMIT;
            case DUPLICATE_CLIENT_ORDER_ID:
                return OrdRejReason.DUPLICATE_ORDER;
            case INVALID_QUANTITY:
                return OrdRejReason.INCORRECT_QUANTITY;
            case UNKNOWN_ACCOUNT:
            case NOT_ENTITLED:
                return OrdRejReason.UNKNOWN_ACCOUNT;
            case INVALID_ORDER_TYPE:
            case POST_ONLY_WOULD_TRADE:
            case NO_LIQUIDITY:
                return OrdRejReason.UNSUPPORTED_ORDER_CHARACTERISTIC;
            default:
                return OrdRejReason.OTHER;
        }
    }

    /**
     * @param reason an entry reject reason code of a refused cancel or replace.
     * @return CxlRejReason(102).
     */
    static CxlRejReason cxlRejReason(final int reason)
    {
        return reason == EntryRejectReason.UNKNOWN_ORDER.value() ? CxlRejReason.UNKNOWN_ORDER : CxlRejReason.OTHER;
    }

    /**
     * @param side Side(54).
     * @return our side code, or {@link #INVALID}.
     */
    static int side(final char side)
    {
        return side == '1' ? BUY : side == '2' ? SELL : INVALID;
    }

    /**
     * @param ordType OrdType(40).
     * @return our order type code, or {@link #INVALID}.
     */
    static int orderType(final char ordType)
    {
        return ordType == '2' ? LIMIT : ordType == '1' ? MARKET : INVALID;
    }

    /**
     * @param timeInForce TimeInForce(59); FIX's default when absent is Day.
     * @return our time in force code, or {@link #INVALID}.
     */
    static int timeInForce(final char timeInForce)
    {
        switch (timeInForce)
        {
            case '0':
                return DAY;
            case '1':
                return GTC;
            case '3':
                return IOC;
            case '4':
                return FOK;
            default:
                return INVALID;
        }
    }

    static char fixSide(final int side)
    {
        return side == SELL ? '2' : '1';
    }

    static char fixOrdType(final int orderType)
    {
        return orderType == MARKET ? '1' : '2';
    }

    static char fixTimeInForce(final int timeInForce)
    {
        switch (timeInForce)
        {
            case DAY:
                return '0';
            case IOC:
                return '3';
            case FOK:
                return '4';
            default:
                return '1';
        }
    }
}
