package io.disruptorx.gateway.core;

/**
 * The last {@code capacity} reports of one session, by sequence (from 1), in fixed records of 17 longs (136 bytes)
 * in one {@code long[]}: what a reconnecting client is replayed from and what a connected one is sent from, so both
 * see one sequence. Appending past the capacity overwrites the oldest record; a client asking for a sequence older
 * than {@link #oldest()} cannot be served (its login is refused) and must start again from the current sequence.
 * A record is written and read with plain array stores and loads (one range check per record, which the JIT can
 * hoist), the report's eight one-byte fields packed into its first long.
 *
 * <pre>
 *   word 0: kind | side << 8 | type << 16 | tif << 24 | liq << 32 | reason << 40 | flag << 48 | status << 56
 *   +---------------------------------------------------------+
 *   |  1 timestamp     2 orderId      3 clientOrderId         |
 *   |  4 requestId     5 accountId    6 instrumentId (int)    |
 *   |  7 price         8 quantity     9 leaves      10 cum    |
 *   | 11 lastPrice    12 lastQty     13 fee         14 tradeId |
 *   | 15 timeoutMillis 16 commandSequence                      |
 *   +---------------------------------------------------------+ 17 words
 * </pre>
 */
public final class ReportStore
{
    /** Bytes per report. */
    public static final int RECORD_LENGTH = 136;

    private static final int WORDS = RECORD_LENGTH / Long.BYTES;
    private static final int FLAGS = 0;
    private static final int TIMESTAMP = 1;
    private static final int ORDER_ID = 2;
    private static final int CLIENT_ORDER_ID = 3;
    private static final int REQUEST_ID = 4;
    private static final int ACCOUNT_ID = 5;
    private static final int INSTRUMENT_ID = 6;
    private static final int PRICE = 7;
    private static final int QUANTITY = 8;
    private static final int LEAVES = 9;
    private static final int CUM = 10;
    private static final int LAST_PRICE = 11;
    private static final int LAST_QUANTITY = 12;
    private static final int FEE = 13;
    private static final int TRADE_ID = 14;
    private static final int TIMEOUT = 15;
    private static final int COMMAND_SEQUENCE = 16;
    private static final int BYTE_MASK = 0xFF;

    private final long[] records;
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
        this.records = new long[capacity * WORDS];
    }

    /**
     * @param report to keep.
     * @return its sequence.
     */
    public long append(final Report report)
    {
        final long sequence = last + 1;
        final long[] words = records;
        final int at = offset(sequence);
        words[at + FLAGS] = (report.kind & BYTE_MASK) | (report.side & BYTE_MASK) << 8 |
            (report.orderType & BYTE_MASK) << 16 | (long)(report.timeInForce & BYTE_MASK) << 24 |
            (long)(report.liquidity & BYTE_MASK) << 32 | (long)(report.reason & BYTE_MASK) << 40 |
            (long)(report.flag & BYTE_MASK) << 48 | (long)(report.status & BYTE_MASK) << 56;
        words[at + TIMESTAMP] = report.timestamp;
        words[at + ORDER_ID] = report.orderId;
        words[at + CLIENT_ORDER_ID] = report.clientOrderId;
        words[at + REQUEST_ID] = report.requestId;
        words[at + ACCOUNT_ID] = report.accountId;
        words[at + INSTRUMENT_ID] = report.instrumentId;
        words[at + PRICE] = report.price;
        words[at + QUANTITY] = report.quantity;
        words[at + LEAVES] = report.leavesQuantity;
        words[at + CUM] = report.cumQuantity;
        words[at + LAST_PRICE] = report.lastPrice;
        words[at + LAST_QUANTITY] = report.lastQuantity;
        words[at + FEE] = report.fee;
        words[at + TRADE_ID] = report.tradeId;
        words[at + TIMEOUT] = report.timeoutMillis;
        words[at + COMMAND_SEQUENCE] = report.commandSequence;
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
        final long[] words = records;
        final int at = offset(sequence);
        final long flags = words[at + FLAGS];
        report.kind = (byte)flags;
        report.side = (byte)(flags >>> 8);
        report.orderType = (byte)(flags >>> 16);
        report.timeInForce = (byte)(flags >>> 24);
        report.liquidity = (byte)(flags >>> 32);
        report.reason = (byte)(flags >>> 40);
        report.flag = (byte)(flags >>> 48);
        report.status = (byte)(flags >>> 56);
        report.timestamp = words[at + TIMESTAMP];
        report.orderId = words[at + ORDER_ID];
        report.clientOrderId = words[at + CLIENT_ORDER_ID];
        report.requestId = words[at + REQUEST_ID];
        report.accountId = words[at + ACCOUNT_ID];
        report.instrumentId = (int)words[at + INSTRUMENT_ID];
        report.price = words[at + PRICE];
        report.quantity = words[at + QUANTITY];
        report.leavesQuantity = words[at + LEAVES];
        report.cumQuantity = words[at + CUM];
        report.lastPrice = words[at + LAST_PRICE];
        report.lastQuantity = words[at + LAST_QUANTITY];
        report.fee = words[at + FEE];
        report.tradeId = words[at + TRADE_ID];
        report.timeoutMillis = words[at + TIMEOUT];
        report.commandSequence = words[at + COMMAND_SEQUENCE];
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
        return (int)((sequence - 1) & mask) * WORDS;
    }
}
