package io.disruptorx.shard.link;

import java.nio.ByteBuffer;

/**
 * The shard link's frames: an int length (of what follows it), a type byte, a body; little-endian.
 * <ul>
 *     <li>{@link #COMMAND}, gateway to shard: one command (commands schema, with its header);</li>
 *     <li>{@link #EVENT}, shard to gateway: the long command sequence, then one event (events schema);</li>
 *     <li>{@link #BOOK_REQUEST}, gateway to shard: int instrument, long timestamp, long first transfer id: read the
 *     instrument's book as the target's commands (AddInstrument, then RestoreOrders in priority order);</li>
 *     <li>{@link #BOOK}, shard to gateway: int length (-1: no such instrument), then the commands, each preceded by
 *     its int length.</li>
 *     <li>{@link #HELLO}, gateway to shard, first on every connection, seven longs: the link id (the gateway's, the
 *     same over its reconnects), frames of the shard's sequenced stream received so far, the first frame of the
 *     gateway's log (those before it are durable at the shard), frames the gateway ever appended, the command
 *     sequence of the last event it received (0: none), how many events of that command it received, and the
 *     journal sequence the frames before the first of its log are durable up to (the first frame's command, if
 *     journalled, is later; it may be at or before the last event: a frame leaves the log only with the whole ACK
 *     that covered it);</li>
 *     <li>{@link #WELCOME}, shard to gateway, its answer, three longs: frames of the gateway's stream taken so far
 *     (the gateway sends its log again from there; -1: the link is gone), the journal sequence of the last command
 *     among them, and 1 when the shard host restarted and knows the link from the HELLO only (0 otherwise);</li>
 *     <li>{@link #ACK}: from the gateway, one long, frames of the shard's stream received (the shard drops them
 *     from its log); from the shard, two longs, frames of the gateway's stream taken and the journal sequence of the
 *     last command among them (the gateway drops them once an event of that sequence or a later one arrived).</li>
 * </ul>
 * COMMAND and BOOK_REQUEST frames are the gateway's sequenced stream, EVENT and BOOK frames the shard's; each side
 * keeps its stream's frames until the other acknowledges them ({@link LinkStream}), so a connection lost and made
 * again loses and repeats none of them. The gateway keeps its frames until they are durable, so a shard host that
 * restarts on its journal can tell which of them it applied (docs/scaling.md, "A shard host restarts").
 */
public final class ShardLinkFrames
{
    /** Bytes before the body: length and type. */
    public static final int HEADER = Integer.BYTES + 1;
    /** A command. */
    public static final byte COMMAND = 1;
    /** An event with its command sequence. */
    public static final byte EVENT = 2;
    /** A book read. */
    public static final byte BOOK_REQUEST = 3;
    /** The answer to a book read. */
    public static final byte BOOK = 4;
    /** First on a connection, from the gateway. */
    public static final byte HELLO = 5;
    /** The shard's answer to HELLO. */
    public static final byte WELCOME = 6;
    /** Frames received so far. */
    public static final byte ACK = 7;
    /** Body of a HELLO. */
    public static final int HELLO_LENGTH = 7 * Long.BYTES;
    /** Body of a WELCOME. */
    public static final int WELCOME_LENGTH = 3 * Long.BYTES;
    /** Body of the shard's ACK. */
    public static final int TAKEN_LENGTH = 2 * Long.BYTES;
    /** Body of the gateway's ACK. */
    public static final int COUNT_LENGTH = Long.BYTES;
    /** Body of a book request. */
    public static final int BOOK_REQUEST_LENGTH = Integer.BYTES + Long.BYTES + Long.BYTES;
    /** Longest command or event a frame carries. */
    public static final int MAX_MESSAGE = 1024;
    /** Longest frame body: a book of many orders. */
    public static final int MAX_BODY = 1 << 28;

    private ShardLinkFrames()
    {
    }

    /**
     * @param buffer holding a whole frame header at its position.
     * @return the body length of the frame at the buffer's position, or -1 when it is out of range.
     */
    public static int bodyLength(final ByteBuffer buffer)
    {
        final int length = buffer.getInt(buffer.position()) - 1;
        return length < 0 || length > MAX_BODY ? -1 : length;
    }

    /**
     * Whether a whole frame from the shard has the body its type needs: an EVENT at least its long sequence, a BOOK
     * its int length and that many bytes (-1, no such instrument: none), a WELCOME and an ACK their fixed lengths.
     *
     * @param buffer holding the whole frame.
     * @param start  index of its body.
     * @param type   its type.
     * @param body   its body length.
     * @return false for a frame of another type or a body its type does not allow.
     */
    public static boolean wellFormedFromShard(final ByteBuffer buffer, final int start, final byte type, final int body)
    {
        switch (type)
        {
            case EVENT:
                return body >= Long.BYTES;
            case BOOK:
                if (body < Integer.BYTES)
                {
                    return false;
                }
                final int length = buffer.getInt(start);
                return length == -1 ? body == Integer.BYTES : length >= 0 && length <= body - Integer.BYTES;
            case WELCOME:
                return body == WELCOME_LENGTH;
            case ACK:
                return body == TAKEN_LENGTH;
            default:
                return false;
        }
    }
}
