package io.disruptorx.marketdata.wire;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * SoupBinTCP packets: {@code [length (u16, big-endian, counts the type byte)][type][payload]}.
 *
 * <pre>
 * login request 'L' (46 bytes payload)                 login accepted 'A' (30 bytes payload)
 * +----------+-----------+----------+--------------+   +----------+--------------------------+
 * | user (6) | pass (10) | sess(10) | sequence(20) |   | sess(10) | next sequence (20 ASCII) |
 * +----------+-----------+----------+--------------+   +----------+--------------------------+
 *  left-just.  left-just.  right-j.   right-just.        right-j.   right-justified
 * </pre>
 *
 * <p>Padding, as the specification says and nassau sends it: numeric fields (sequence numbers) are right-justified
 * ASCII digits padded on the left with spaces; the session (requested and accepted) is right-justified and padded
 * on the left with spaces ({@code "    DXDEMO"}); username and password are left-justified and padded on the
 * right. A blank requested session means the currently active one. After 'A' the server sends the stream as
 * sequenced data 'S' packets, each one message whose sequence is implicit (one more than the previous), a server
 * heartbeat 'H' after each second of send silence and 'Z' at end of session. The client sends a heartbeat 'R'
 * after each second of its own silence and may log out 'O'. A login to a session the server does not serve, or
 * at a sequence it no longer holds, is rejected 'J' with reason {@value #REJECT_SESSION_NOT_AVAILABLE}.
 */
public final class SoupBinTcp
{
    /** Length of the packet length field. */
    public static final int LENGTH_FIELD = 2;
    /** Length field plus type byte. */
    public static final int HEADER_LENGTH = 3;
    /** Debug packet. */
    public static final byte DEBUG = '+';
    /** Login accepted. */
    public static final byte LOGIN_ACCEPTED = 'A';
    /** Login rejected. */
    public static final byte LOGIN_REJECTED = 'J';
    /** Sequenced data. */
    public static final byte SEQUENCED_DATA = 'S';
    /** Server heartbeat. */
    public static final byte SERVER_HEARTBEAT = 'H';
    /** End of session. */
    public static final byte END_OF_SESSION = 'Z';
    /** Unsequenced data (client to server). */
    public static final byte UNSEQUENCED_DATA = 'U';
    /** Login request. */
    public static final byte LOGIN_REQUEST = 'L';
    /** Client heartbeat. */
    public static final byte CLIENT_HEARTBEAT = 'R';
    /** Logout request. */
    public static final byte LOGOUT_REQUEST = 'O';
    /** Reject reason: not authorized. */
    public static final byte REJECT_NOT_AUTHORIZED = 'A';
    /** Reject reason: session (or the requested sequence) not available. */
    public static final byte REJECT_SESSION_NOT_AVAILABLE = 'S';
    /** Login request payload length. */
    public static final int LOGIN_REQUEST_LENGTH = 46;
    /** Login accepted payload length. */
    public static final int LOGIN_ACCEPTED_LENGTH = 30;
    /** Width of an ASCII sequence number. */
    public static final int SEQUENCE_WIDTH = 20;
    /** Width of a session name. */
    public static final int SESSION_WIDTH = 10;
    /** Width of a username. */
    public static final int USERNAME_WIDTH = 6;
    /** Width of a password. */
    public static final int PASSWORD_WIDTH = 10;
    /** Offset of the requested session in a login request payload. */
    public static final int LOGIN_SESSION_OFFSET = 16;
    /** Offset of the requested sequence in a login request payload. */
    public static final int LOGIN_SEQUENCE_OFFSET = 26;

    private SoupBinTcp()
    {
    }

    /**
     * @param bytes  holder.
     * @param offset start of the field.
     * @param width  field width.
     * @return the number, or -1 when the field holds anything but spaces and digits (blank is 0).
     */
    public static long parseAsciiNumber(final byte[] bytes, final int offset, final int width)
    {
        long value = 0;
        for (int i = 0; i < width; i++)
        {
            final byte b = bytes[offset + i];
            if (b == ' ')
            {
                continue;
            }
            if (b < '0' || b > '9' || value > (Long.MAX_VALUE - 9) / 10)
            {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    /**
     * Writes a number right-aligned and space padded.
     *
     * @param bytes  holder.
     * @param offset start of the field.
     * @param width  field width.
     * @param value  non-negative number.
     */
    public static void putAsciiNumber(final byte[] bytes, final int offset, final int width, final long value)
    {
        long remaining = value;
        for (int i = width - 1; i >= 0; i--)
        {
            if (remaining == 0 && i < width - 1)
            {
                bytes[offset + i] = ' ';
            }
            else
            {
                bytes[offset + i] = (byte)('0' + remaining % 10);
                remaining /= 10;
            }
        }
    }

    /**
     * @param buffer holder.
     * @param offset start of the field.
     * @param width  field width.
     * @return the number, or -1 when the field holds anything but spaces and digits (blank is 0).
     */
    public static long parseAsciiNumber(final DirectBuffer buffer, final int offset, final int width)
    {
        long value = 0;
        for (int i = 0; i < width; i++)
        {
            final byte b = buffer.getByte(offset + i);
            if (b == ' ')
            {
                continue;
            }
            if (b < '0' || b > '9' || value > (Long.MAX_VALUE - 9) / 10)
            {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    /**
     * Writes a number right-aligned and space padded.
     *
     * @param buffer holder.
     * @param offset start of the field.
     * @param width  field width.
     * @param value  non-negative number.
     */
    public static void putAsciiNumber(
        final MutableDirectBuffer buffer, final int offset, final int width, final long value)
    {
        long remaining = value;
        for (int i = width - 1; i >= 0; i--)
        {
            if (remaining == 0 && i < width - 1)
            {
                buffer.putByte(offset + i, (byte)' ');
            }
            else
            {
                buffer.putByte(offset + i, (byte)('0' + remaining % 10));
                remaining /= 10;
            }
        }
    }

    /**
     * @param buffer holder.
     * @param offset start of the field.
     * @param width  field width.
     * @return the field without the spaces that pad it on either side (empty when blank).
     */
    public static String alphanumeric(final DirectBuffer buffer, final int offset, final int width)
    {
        final byte[] bytes = new byte[width];
        buffer.getBytes(offset, bytes);
        return new String(bytes, StandardCharsets.US_ASCII).strip();
    }

    /**
     * Writes an alphanumeric field right-justified, padded on the left with spaces (the session field).
     *
     * @param buffer holder.
     * @param offset start of the field.
     * @param width  field width.
     * @param value  ASCII, at most {@code width} characters.
     */
    public static void putAlphanumericRight(
        final MutableDirectBuffer buffer, final int offset, final int width, final String value)
    {
        final int pad = width - value.length();
        for (int i = 0; i < pad; i++)
        {
            buffer.putByte(offset + i, (byte)' ');
        }
        for (int i = 0; i < value.length(); i++)
        {
            buffer.putByte(offset + pad + i, (byte)value.charAt(i));
        }
    }

    /**
     * Writes an alphanumeric field left-justified, padded on the right with spaces (username, password).
     *
     * @param buffer holder.
     * @param offset start of the field.
     * @param width  field width.
     * @param value  ASCII, at most {@code width} characters.
     */
    public static void putAlphanumericLeft(
        final MutableDirectBuffer buffer, final int offset, final int width, final String value)
    {
        for (int i = 0; i < width; i++)
        {
            buffer.putByte(offset + i, i < value.length() ? (byte)value.charAt(i) : (byte)' ');
        }
    }
}
