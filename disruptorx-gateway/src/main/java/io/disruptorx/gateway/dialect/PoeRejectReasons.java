package io.disruptorx.gateway.dialect;

import java.util.Arrays;

import io.disruptorx.protocol.sbe.orderentry.EntryRejectReason;

/**
 * Entry reject reasons as POE's one-letter Order Rejected reasons. POE defines {@code I} (unknown instrument),
 * {@code P} (invalid price) and {@code Q} (invalid quantity); every other reason maps to a letter of our own,
 * listed in docs/gateways.md (parity's clients show the letter).
 */
final class PoeRejectReasons
{
    private static final byte[] LETTERS = new byte[256];

    static
    {
        Arrays.fill(LETTERS, (byte)'X');
        set(EntryRejectReason.UNKNOWN_INSTRUMENT, 'I');
        set(EntryRejectReason.INVALID_PRICE, 'P');
        set(EntryRejectReason.PRICE_OUTSIDE_BAND, 'P');
        set(EntryRejectReason.PRICE_BELOW_FEE, 'P');
        set(EntryRejectReason.INVALID_QUANTITY, 'Q');
        set(EntryRejectReason.MAX_QUANTITY_EXCEEDED, 'Q');
        set(EntryRejectReason.UNKNOWN_ACCOUNT, 'A');
        set(EntryRejectReason.NOT_ENTITLED, 'A');
        set(EntryRejectReason.READ_ONLY_SESSION, 'A');
        set(EntryRejectReason.ROLE_NOT_PERMITTED, 'A');
        set(EntryRejectReason.INSTRUMENT_HALTED, 'H');
        set(EntryRejectReason.INVALID_ORDER_TYPE, 'F');
        set(EntryRejectReason.INVALID_FIELD, 'F');
        set(EntryRejectReason.INSUFFICIENT_BALANCE, 'B');
        set(EntryRejectReason.MAX_NOTIONAL_EXCEEDED, 'N');
        set(EntryRejectReason.NOTIONAL_OVERFLOW, 'N');
        set(EntryRejectReason.KILL_SWITCH_ACTIVE, 'K');
        set(EntryRejectReason.POST_ONLY_WOULD_TRADE, 'T');
        set(EntryRejectReason.NO_LIQUIDITY, 'L');
        set(EntryRejectReason.ORDER_CAPACITY_EXCEEDED, 'C');
        set(EntryRejectReason.THROTTLED, 'R');
        set(EntryRejectReason.OPEN_ORDER_LIMIT, 'O');
        set(EntryRejectReason.PRECISION_LOSS, 'V');
        set(EntryRejectReason.VALUE_OUT_OF_RANGE, 'V');
        set(EntryRejectReason.INVALID_CLIENT_ORDER_ID, 'D');
        set(EntryRejectReason.DUPLICATE_CLIENT_ORDER_ID, 'D');
        set(EntryRejectReason.VENUE_BUSY, 'U');
        set(EntryRejectReason.VENUE_UNAVAILABLE, 'U');
        set(EntryRejectReason.UNKNOWN_STATUS, 'U');
    }

    private PoeRejectReasons()
    {
    }

    static byte of(final int reason)
    {
        return LETTERS[reason & 0xFF];
    }

    private static void set(final EntryRejectReason reason, final char letter)
    {
        LETTERS[reason.value()] = (byte)letter;
    }
}
