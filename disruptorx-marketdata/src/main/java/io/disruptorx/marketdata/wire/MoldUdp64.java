package io.disruptorx.marketdata.wire;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * MoldUDP64 downstream packets and request packets (all integers big-endian).
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
 * sequence; end of session has count {@value #END_OF_SESSION_COUNT}. Our retransmission server answers a
 * request it cannot serve with a <em>refusal</em>: a heartbeat-shaped header (count 0, sequence = the
 * oldest sequence it still holds) followed by one reason byte, {@value #REFUSAL_LENGTH} bytes in all. A plain
 * MoldUDP64 peer reads it as a heartbeat.
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
    /** Length of a refusal packet. */
    public static final int REFUSAL_LENGTH = HEADER_LENGTH + 1;
    /** Offset of the refusal reason. */
    public static final int REFUSAL_REASON_OFFSET = HEADER_LENGTH;
    /** Refusal: the first requested sequence is older than the store; fetch a snapshot. */
    public static final byte REFUSAL_TOO_OLD = 1;
    /** Refusal: the requester exceeded its rate limit; back off. */
    public static final byte REFUSAL_RATE_LIMITED = 2;

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
}
