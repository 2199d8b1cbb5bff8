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
 * </ul>
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
}
