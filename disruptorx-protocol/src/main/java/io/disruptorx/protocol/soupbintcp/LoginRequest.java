package io.disruptorx.protocol.soupbintcp;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The Login Request payload ({@link SoupBinTcp#LOGIN_REQUEST} 'L', {@value SoupBinTcp#LOGIN_REQUEST_LENGTH} bytes):
 *
 * <pre>
 *   0          6            16                 26                          46
 *   +----------+------------+------------------+---------------------------+
 *   | user (6) | pass (10)  | session (10)     | sequence (20)             |
 *   +----------+------------+------------------+---------------------------+
 *    left-just. left-just.   right-justified    right-justified digits
 * </pre>
 *
 * A blank requested session means the server's current one; requested sequence 0 means only new messages. The
 * last 30 bytes, session and sequence, are laid out as the whole {@link LoginAccepted} payload is, and are read and
 * written by it. Offsets are from the payload's start.
 */
public final class LoginRequest
{
    /** Offset of the user name. */
    public static final int USERNAME_OFFSET = 0;
    /** Offset of the password. */
    public static final int PASSWORD_OFFSET = USERNAME_OFFSET + SoupBinTcp.USERNAME_LENGTH;
    /** Offset of the requested session. */
    public static final int SESSION_OFFSET = PASSWORD_OFFSET + SoupBinTcp.PASSWORD_LENGTH;
    /** Offset of the requested sequence number. */
    public static final int SEQUENCE_OFFSET = SESSION_OFFSET + LoginAccepted.SEQUENCE_OFFSET;

    private LoginRequest()
    {
    }

    /**
     * Writes the payload.
     *
     * @param buffer   destination.
     * @param offset   where the payload starts.
     * @param username up to 6 characters.
     * @param password up to 10 characters.
     * @param session  up to 10 characters, "" for the current session.
     * @param sequence next sequence number wanted, 0 for only new messages.
     * @return bytes written ({@link SoupBinTcp#LOGIN_REQUEST_LENGTH}).
     */
    public static int encode(
        final MutableDirectBuffer buffer,
        final int offset,
        final String username,
        final String password,
        final String session,
        final long sequence)
    {
        AsciiFields.putLeft(buffer, offset + USERNAME_OFFSET, SoupBinTcp.USERNAME_LENGTH, username);
        AsciiFields.putLeft(buffer, offset + PASSWORD_OFFSET, SoupBinTcp.PASSWORD_LENGTH, password);
        return SESSION_OFFSET + LoginAccepted.encode(buffer, offset + SESSION_OFFSET, session, sequence);
    }

    /**
     * @param buffer holder.
     * @param offset where the payload starts.
     * @return the user name without padding.
     */
    public static String username(final DirectBuffer buffer, final int offset)
    {
        return AsciiFields.text(buffer, offset + USERNAME_OFFSET, SoupBinTcp.USERNAME_LENGTH);
    }

    /**
     * @param buffer holder.
     * @param offset where the payload starts.
     * @return the password without padding.
     */
    public static String password(final DirectBuffer buffer, final int offset)
    {
        return AsciiFields.text(buffer, offset + PASSWORD_OFFSET, SoupBinTcp.PASSWORD_LENGTH);
    }

    /**
     * @param buffer holder.
     * @param offset where the payload starts.
     * @return the requested session without padding, empty for the current one.
     */
    public static String session(final DirectBuffer buffer, final int offset)
    {
        return LoginAccepted.session(buffer, offset + SESSION_OFFSET);
    }

    /**
     * @param buffer holder.
     * @param offset where the payload starts.
     * @return the requested sequence number (0 for only new messages), or -1 when the field is not a number.
     */
    public static long sequence(final DirectBuffer buffer, final int offset)
    {
        return LoginAccepted.sequence(buffer, offset + SESSION_OFFSET);
    }
}
