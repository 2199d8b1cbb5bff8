package io.disruptorx.marketdata.wire;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * MoldUDP64 downstream packets and request packets (all integers big-endian), and our two extensions.
 *
 * <pre>
 * downstream packet                                    request packet
 *  0                  10                 18     20      0                  10                 18     20
 * +------------------+------------------+-------+      +------------------+------------------+-------+
 * | session (ASCII)  | sequence (u64)   | count |      | session (ASCII)  | first sequence   | count |
 * +------------------+------------------+-------+      +------------------+------------------+-------+
 * then count x [length (u16)][message bytes]
 * </pre>
 *
 * <p>{@code sequence} is the sequence of the packet's first message. A heartbeat has count 0 and the next
 * sequence; end of session has count {@value #END_OF_SESSION_COUNT}. The session is alphanumeric, left-justified
 * and padded on the right with spaces, as nassau's {@code MoldUDP64Server} writes it.
 *
 * <p>Extensions, used only between our server and our client, and shaped so that no standard peer can mistake
 * them for MoldUDP64:
 * <ul>
 *   <li>An extended request is a request followed by one flags byte ({@value #EXTENDED_REQUEST_LENGTH} bytes); flag
 *   {@link #FLAG_REFUSALS} asks the server to say why it does not answer. A standard server reads the first 20
 *   bytes and ignores the rest.</li>
 *   <li>A refusal, sent only to a requester that set {@link #FLAG_REFUSALS}: {@value #REFUSAL_LENGTH} bytes,
 *   shorter than any MoldUDP64 header, {@code "DXR" | reason | oldest sequence held (u64)}. A standard requester is
 *   never sent one: a request the server cannot serve (too old, rate limited) gets no answer, as in MoldUDP64.</li>
 * </ul>
 * <pre>
 *  0       3        4                  12
 * +-------+--------+------------------+
 * | "DXR" | reason | oldest (u64)     |
 * +-------+--------+------------------+
 * </pre>
 */
public final class MoldUdp64
{
    /** Session name length. */
    public static final int SESSION_LENGTH = 10;
    /** Offset of the session. */
    public static final int SESSION_OFFSET = 0;
    /** Offset of the sequence number. */
    public static final int SEQUENCE_OFFSET = 10;
    /** Offset of the message count. */
    public static final int COUNT_OFFSET = 18;
    /** Downstream and request header length. */
    public static final int HEADER_LENGTH = 20;
    /** Request packet length. */
    public static final int REQUEST_LENGTH = 20;
    /** Length of the per-message length field. */
    public static final int MESSAGE_LENGTH_FIELD = 2;
    /** Message count of a heartbeat. */
    public static final int HEARTBEAT_COUNT = 0;
    /** Message count of an end-of-session packet. */
    public static final int END_OF_SESSION_COUNT = 0xFFFF;
    /** Most messages in one packet. */
    public static final int MAX_MESSAGE_COUNT = 0xFFFE;
    /** Length of an extended request: a request and a flags byte. */
    public static final int EXTENDED_REQUEST_LENGTH = REQUEST_LENGTH + 1;
    /** Offset of the flags byte of an extended request. */
    public static final int REQUEST_FLAGS_OFFSET = REQUEST_LENGTH;
    /** Request flag: send a refusal when the request cannot be served. */
    public static final byte FLAG_REFUSALS = 1;
    /** Length of a refusal packet. */
    public static final int REFUSAL_LENGTH = 12;
    /** Offset of the refusal reason. */
    public static final int REFUSAL_REASON_OFFSET = 3;
    /** Offset of the oldest sequence held, in a refusal. */
    public static final int REFUSAL_OLDEST_OFFSET = 4;
    /** Refusal: the first requested sequence is older than the store; fetch a snapshot. */
    public static final byte REFUSAL_TOO_OLD = 1;
    /** Refusal: the requester exceeded its rate limit; back off. */
    public static final byte REFUSAL_RATE_LIMITED = 2;

    private static final byte[] REFUSAL_MARKER = {'D', 'X', 'R'};

    private MoldUdp64()
    {
    }

    /**
     * @param name session name, up to 10 ASCII characters.
     * @return the name padded with spaces to 10 bytes.
     */
    public static byte[] session(final String name)
    {
        final byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > SESSION_LENGTH)
        {
            throw new IllegalArgumentException("session longer than 10: " + name);
        }
        final byte[] session = new byte[SESSION_LENGTH];
        System.arraycopy(bytes, 0, session, 0, bytes.length);
        for (int i = bytes.length; i < SESSION_LENGTH; i++)
        {
            session[i] = ' ';
        }
        return session;
    }

    /**
     * Writes a header.
     *
     * @param buffer   destination.
     * @param offset   where the packet starts.
     * @param session  10-byte session.
     * @param sequence first sequence (or next sequence for a heartbeat).
     * @param count    message count.
     */
    public static void writeHeader(
        final MutableDirectBuffer buffer, final int offset, final byte[] session, final long sequence, final int count)
    {
        buffer.putBytes(offset + SESSION_OFFSET, session, 0, SESSION_LENGTH);
        buffer.putLong(offset + SEQUENCE_OFFSET, sequence, ByteOrder.BIG_ENDIAN);
        buffer.putShort(offset + COUNT_OFFSET, (short)count, ByteOrder.BIG_ENDIAN);
    }

    /**
     * @param buffer packet.
     * @param offset packet start.
     * @return its sequence.
     */
    public static long sequence(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + SEQUENCE_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    /**
     * @param buffer packet.
     * @param offset packet start.
     * @return its message count, 0 to 0xFFFF.
     */
    public static int count(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + COUNT_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * @param buffer  packet.
     * @param offset  packet start.
     * @param session expected session.
     * @return whether the packet's session equals it.
     */
    public static boolean sessionMatches(final DirectBuffer buffer, final int offset, final byte[] session)
    {
        for (int i = 0; i < SESSION_LENGTH; i++)
        {
            if (buffer.getByte(offset + SESSION_OFFSET + i) != session[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes a refusal.
     *
     * @param buffer destination.
     * @param offset where it starts.
     * @param reason {@link #REFUSAL_TOO_OLD} or {@link #REFUSAL_RATE_LIMITED}.
     * @param oldest the oldest sequence the server holds.
     */
    public static void writeRefusal(
        final MutableDirectBuffer buffer, final int offset, final byte reason, final long oldest)
    {
        buffer.putBytes(offset, REFUSAL_MARKER);
        buffer.putByte(offset + REFUSAL_REASON_OFFSET, reason);
        buffer.putLong(offset + REFUSAL_OLDEST_OFFSET, oldest, ByteOrder.BIG_ENDIAN);
    }

    /**
     * @param buffer packet.
     * @param offset packet start.
     * @param length packet length.
     * @return whether it is one of our refusals.
     */
    public static boolean isRefusal(final DirectBuffer buffer, final int offset, final int length)
    {
        return length == REFUSAL_LENGTH && buffer.getByte(offset) == REFUSAL_MARKER[0] &&
            buffer.getByte(offset + 1) == REFUSAL_MARKER[1] && buffer.getByte(offset + 2) == REFUSAL_MARKER[2];
    }
}
