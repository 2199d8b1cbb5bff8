package io.disruptorx.protocol.soupbintcp;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The Login Accepted payload ({@link SoupBinTcp#LOGIN_ACCEPTED} 'A', {@value SoupBinTcp#LOGIN_ACCEPTED_LENGTH}
 * bytes):
 *
 * <pre>
 *   0                  10                          30
 *   +------------------+---------------------------+
 *   | session (10)     | next sequence (20)        |
 *   +------------------+---------------------------+
 *    right-justified    right-justified digits
 * </pre>
 *
 * The sequence is that of the next Sequenced Data packet the server sends. Offsets are from the payload's start.
 */
public final class LoginAccepted
{
    /** Offset of the session. */
    public static final int SESSION_OFFSET = 0;
    /** Offset of the next sequence number. */
    public static final int SEQUENCE_OFFSET = SESSION_OFFSET + SoupBinTcp.SESSION_LENGTH;

    private LoginAccepted()
    {
    }

    /**
     * Writes the payload, allocation-free.
     *
     * @param buffer   destination.
     * @param offset   where the payload starts.
     * @param session  the session's name, up to 10 characters.
     * @param sequence the next sequence number, non-negative.
     * @return bytes written ({@link SoupBinTcp#LOGIN_ACCEPTED_LENGTH}).
     */
    public static int encode(
        final MutableDirectBuffer buffer, final int offset, final String session, final long sequence)
    {
        AsciiFields.putRight(buffer, offset + SESSION_OFFSET, SoupBinTcp.SESSION_LENGTH, session);
        AsciiFields.putNumber(buffer, offset + SEQUENCE_OFFSET, SoupBinTcp.SEQUENCE_LENGTH, sequence);
        return SoupBinTcp.LOGIN_ACCEPTED_LENGTH;
    }

    /**
     * @param buffer holder.
     * @param offset where the payload starts.
     * @return the session without padding.
     */
    public static String session(final DirectBuffer buffer, final int offset)
    {
        return AsciiFields.text(buffer, offset + SESSION_OFFSET, SoupBinTcp.SESSION_LENGTH);
    }

    /**
     * @param buffer holder.
     * @param offset where the payload starts.
     * @return the next sequence number, or -1 when the field is not a number.
     */
    public static long sequence(final DirectBuffer buffer, final int offset)
    {
        return AsciiFields.parseNumber(buffer, offset + SEQUENCE_OFFSET, SoupBinTcp.SEQUENCE_LENGTH);
    }
}
