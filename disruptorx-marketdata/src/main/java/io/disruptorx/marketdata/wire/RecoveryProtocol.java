package io.disruptorx.marketdata.wire;

/**
 * The recovery server's TCP request/response frames: SoupBinTCP packet framing
 * ({@code [length u16][type][payload]}, big-endian), one request at a time per connection.
 *
 * <pre>
 * requests                                   responses
 * 'N' snapshot     instrumentId i32 (0=all)  'B' snapshot begin  sequence i64, instruments i32
 * 'T' retransmit   sequence i64, count i32   'I' instrument      id i32, state u8, bid levels i32,
 *                                                                ask levels i32, orders i32
 *                                            'P' price level     id i32, side u8, price i64, qty i64,
 *                                                                orders i32
 *                                            'O' order           id i32, orderId i64, side u8,
 *                                                                price i64, qty i64
 *                                            'F' snapshot end    sequence i64
 *                                            'M' message         sequence i64, message bytes
 *                                            'E' retransmit end  status u8, oldest i64, next i64
 * </pre>
 *
 * <p>A snapshot reflects every message up to and including its sequence. Levels come best first; the
 * orders of a level come in time priority; an instrument's frames are 'I', its levels, then its orders.
 */
public final class RecoveryProtocol
{
    /** Snapshot request. */
    public static final byte SNAPSHOT_REQUEST = 'N';
    /** Retransmission request. */
    public static final byte RETRANSMIT_REQUEST = 'T';
    /** Snapshot begin. */
    public static final byte SNAPSHOT_BEGIN = 'B';
    /** Instrument header. */
    public static final byte INSTRUMENT = 'I';
    /** Price level. */
    public static final byte PRICE_LEVEL = 'P';
    /** Order. */
    public static final byte ORDER = 'O';
    /** Snapshot end. */
    public static final byte SNAPSHOT_END = 'F';
    /** Retransmitted message. */
    public static final byte MESSAGE = 'M';
    /** Retransmission end. */
    public static final byte RETRANSMIT_END = 'E';

    /** Snapshot request payload length. */
    public static final int SNAPSHOT_REQUEST_LENGTH = 4;
    /** Retransmit request payload length. */
    public static final int RETRANSMIT_REQUEST_LENGTH = 12;
    /** Snapshot begin payload length. */
    public static final int SNAPSHOT_BEGIN_LENGTH = 12;
    /** Instrument payload length. */
    public static final int INSTRUMENT_LENGTH = 17;
    /** Price level payload length. */
    public static final int PRICE_LEVEL_LENGTH = 25;
    /** Order payload length. */
    public static final int ORDER_LENGTH = 29;
    /** Snapshot end payload length. */
    public static final int SNAPSHOT_END_LENGTH = 8;
    /** Retransmit end payload length. */
    public static final int RETRANSMIT_END_LENGTH = 17;

    /** Status: served in full. */
    public static final byte STATUS_OK = 0;
    /** Status: the first requested sequence is no longer held; fetch a snapshot. */
    public static final byte STATUS_TOO_OLD = 1;
    /** Status: rate limit exceeded; back off. */
    public static final byte STATUS_RATE_LIMITED = 2;
    /** Status: malformed request or range beyond the end of the feed. */
    public static final byte STATUS_BAD_REQUEST = 3;
    /** Status: served in part (the range was clamped); ask again from the next sequence. */
    public static final byte STATUS_PARTIAL = 4;
    /** Status: the snapshot could not be built (the server lost track of the feed). */
    public static final byte STATUS_UNAVAILABLE = 5;

    private RecoveryProtocol()
    {
    }
}
