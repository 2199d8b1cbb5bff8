package io.disruptorx.gateway.core;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * The last {@code capacity} reports of one session, by sequence (from 1), in fixed 136-byte records: what a
 * reconnecting client is replayed from and what a connected one is sent from, so both see one sequence.
 * Appending past the capacity overwrites the oldest record; a client asking for a sequence older than
 * {@link #oldest()} cannot be served (its login is refused) and must start again from the current sequence.
 *
 * <pre>
 *   0        1      2      3      4      5      6      7      8
 *   +--------+------+------+------+------+------+------+------+
 *   | kind   | side | type | tif  | liq  |reason| flag |status|
 *   +--------+------+------+------+------+------+------+------+
 *   |  8 timestamp    16 orderId    24 clientOrderId          |
 *   |  32 requestId   40 accountId  48 instrumentId (int32)   |
 *   |  56 price       64 quantity   72 leaves    80 cum       |
 *   |  88 lastPrice   96 lastQty   104 fee      112 tradeId   |
 *   | 120 timeoutMillis 128 commandSequence                   |
 *   +---------------------------------------------------------+ 136
 * </pre>
 */
public final class ReportStore
{
    /** Bytes per report. */
    public static final int RECORD_LENGTH = 136;

    private static final int KIND = 0;
    private static final int SIDE = 1;
    private static final int TYPE = 2;
    private static final int TIF = 3;
    private static final int LIQUIDITY = 4;
    private static final int REASON = 5;
    private static final int FLAG = 6;
    private static final int STATUS = 7;
    private static final int TIMESTAMP = 8;
    private static final int ORDER_ID = 16;
    private static final int CLIENT_ORDER_ID = 24;
    private static final int REQUEST_ID = 32;
    private static final int ACCOUNT_ID = 40;
    private static final int INSTRUMENT_ID = 48;
    private static final int PRICE = 56;
    private static final int QUANTITY = 64;
    private static final int LEAVES = 72;
    private static final int CUM = 80;
    private static final int LAST_PRICE = 88;
    private static final int LAST_QUANTITY = 96;
    private static final int FEE = 104;
    private static final int TRADE_ID = 112;
    private static final int TIMEOUT = 120;
    private static final int COMMAND_SEQUENCE = 128;

    private final UnsafeBuffer records;
    private final int capacity;
    private final int mask;
    private long last;

    /**
     * @param capacity reports kept, a power of two.
     */
    public ReportStore(final int capacity)
    {
        if (Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("capacity must be a power of two, was " + capacity);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.records = new UnsafeBuffer(new byte[capacity * RECORD_LENGTH]);
    }

    /**
     * @param report to keep.
     * @return its sequence.
     */
    public long append(final Report report)
    {
        final long sequence = last + 1;
        final UnsafeBuffer buffer = records;
        final int at = offset(sequence);
        buffer.putByte(at + KIND, report.kind);
        buffer.putByte(at + SIDE, report.side);
        buffer.putByte(at + TYPE, report.orderType);
        buffer.putByte(at + TIF, report.timeInForce);
        buffer.putByte(at + LIQUIDITY, report.liquidity);
        buffer.putByte(at + REASON, report.reason);
        buffer.putByte(at + FLAG, report.flag);
        buffer.putByte(at + STATUS, report.status);
        buffer.putLong(at + TIMESTAMP, report.timestamp);
        buffer.putLong(at + ORDER_ID, report.orderId);
        buffer.putLong(at + CLIENT_ORDER_ID, report.clientOrderId);
        buffer.putLong(at + REQUEST_ID, report.requestId);
        buffer.putLong(at + ACCOUNT_ID, report.accountId);
        buffer.putInt(at + INSTRUMENT_ID, report.instrumentId);
        buffer.putLong(at + PRICE, report.price);
        buffer.putLong(at + QUANTITY, report.quantity);
        buffer.putLong(at + LEAVES, report.leavesQuantity);
        buffer.putLong(at + CUM, report.cumQuantity);
        buffer.putLong(at + LAST_PRICE, report.lastPrice);
        buffer.putLong(at + LAST_QUANTITY, report.lastQuantity);
        buffer.putLong(at + FEE, report.fee);
        buffer.putLong(at + TRADE_ID, report.tradeId);
        buffer.putLong(at + TIMEOUT, report.timeoutMillis);
        buffer.putLong(at + COMMAND_SEQUENCE, report.commandSequence);
        last = sequence;
        return sequence;
    }

    /**
     * @param sequence from {@link #oldest()} to {@link #last()}.
     * @param report   receives the report.
     * @return the report.
     * @throws IllegalArgumentException for a sequence not held.
     */
    public Report read(final long sequence, final Report report)
    {
        if (sequence < oldest() || sequence > last)
        {
            throw new IllegalArgumentException("sequence " + sequence + " is not in [" + oldest() + ", " + last + "]");
        }
        final UnsafeBuffer buffer = records;
        final int at = offset(sequence);
        report.kind = buffer.getByte(at + KIND);
        report.side = buffer.getByte(at + SIDE);
        report.orderType = buffer.getByte(at + TYPE);
        report.timeInForce = buffer.getByte(at + TIF);
        report.liquidity = buffer.getByte(at + LIQUIDITY);
        report.reason = buffer.getByte(at + REASON);
        report.flag = buffer.getByte(at + FLAG);
        report.status = buffer.getByte(at + STATUS);
        report.timestamp = buffer.getLong(at + TIMESTAMP);
        report.orderId = buffer.getLong(at + ORDER_ID);
        report.clientOrderId = buffer.getLong(at + CLIENT_ORDER_ID);
        report.requestId = buffer.getLong(at + REQUEST_ID);
        report.accountId = buffer.getLong(at + ACCOUNT_ID);
        report.instrumentId = buffer.getInt(at + INSTRUMENT_ID);
        report.price = buffer.getLong(at + PRICE);
        report.quantity = buffer.getLong(at + QUANTITY);
        report.leavesQuantity = buffer.getLong(at + LEAVES);
        report.cumQuantity = buffer.getLong(at + CUM);
        report.lastPrice = buffer.getLong(at + LAST_PRICE);
        report.lastQuantity = buffer.getLong(at + LAST_QUANTITY);
        report.fee = buffer.getLong(at + FEE);
        report.tradeId = buffer.getLong(at + TRADE_ID);
        report.timeoutMillis = buffer.getLong(at + TIMEOUT);
        report.commandSequence = buffer.getLong(at + COMMAND_SEQUENCE);
        return report;
    }

    /**
     * @return sequence of the newest report, 0 before the first.
     */
    public long last()
    {
        return last;
    }

    /**
     * @return sequence of the oldest report still held (1 until the store wraps); greater than {@link #last()}
     * while empty.
     */
    public long oldest()
    {
        return Math.max(1, last - capacity + 1);
    }

    /**
     * @return reports kept at most.
     */
    public int capacity()
    {
        return capacity;
    }

    private int offset(final long sequence)
    {
        return (int)((sequence - 1) & mask) * RECORD_LENGTH;
    }
}
