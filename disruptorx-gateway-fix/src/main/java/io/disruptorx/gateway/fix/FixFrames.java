package io.disruptorx.gateway.fix;

import java.nio.ByteBuffer;

/**
 * Reads the header of the FIX message at the start of Artio's receive buffer ({@code 8=FIX...<SOH>9=LEN<SOH>
 * 35=TYPE<SOH>}), without copying, for the listener's checks before Artio frames it: whether a connection's first
 * bytes are a Logon of reasonable length, and how long a message its BodyLength(9) declares.
 */
final class FixFrames
{
    /** The longest Logon, header and trailer included, taken as a connection's first message. */
    static final int MAX_LOGON_BYTES = 2 * 1024;
    /** The longest message after the Logon: Artio's receive buffer, which must hold a whole message. */
    static final int MAX_MESSAGE_BYTES = 16 * 1024;

    /** More bytes are needed for a verdict. */
    static final int PENDING = 0;
    /** A whole first message that is a Logon of at most the given length. */
    static final int LOGON = 1;
    /** Not the start of a FIX message. */
    static final int NOT_FIX = -1;
    /** A FIX message other than a Logon. */
    static final int NOT_LOGON = -2;
    /** A message that declares more bytes than allowed. */
    static final int OVERSIZED = -3;

    private static final byte SOH = 1;
    private static final byte[] BEGIN = {'8', '=', 'F', 'I', 'X'};
    private static final byte[] MSG_TYPE = {'3', '5', '='};
    private static final int MAX_BEGIN_STRING = 16;
    private static final int MAX_LENGTH_DIGITS = 9;
    private static final int TRAILER = "10=000".length() + 1;
    private static final int NEED_MORE = -1;
    private static final int MALFORMED = -2;

    private FixFrames()
    {
    }

    /**
     * @param buffer    the receive buffer: a connection's bytes from index 0.
     * @param used      how many there are.
     * @param maxLength the longest first message allowed.
     * @return {@link #PENDING}, {@link #LOGON}, {@link #NOT_FIX}, {@link #NOT_LOGON} or {@link #OVERSIZED}.
     */
    static int firstMessage(final ByteBuffer buffer, final int used, final int maxLength)
    {
        for (int i = 0, n = Math.min(used, BEGIN.length); i < n; i++)
        {
            if (buffer.get(i) != BEGIN[i])
            {
                return NOT_FIX;
            }
        }
        final int bodyStart = bodyStart(buffer, used);
        if (bodyStart == MALFORMED)
        {
            return NOT_FIX;
        }
        if (bodyStart == NEED_MORE)
        {
            return PENDING;
        }
        if (end(buffer, bodyStart) > maxLength)
        {
            return OVERSIZED;
        }
        final int type = isLogon(buffer, bodyStart, used);
        if (type != LOGON)
        {
            return type;
        }
        return used >= end(buffer, bodyStart) ? LOGON : PENDING;
    }

    /**
     * @param buffer the receive buffer, a message starting at index 0.
     * @param used   how many bytes there are.
     * @return the index just past the message its header declares, or a negative number when the header is not
     * whole or not FIX.
     */
    static long declaredEnd(final ByteBuffer buffer, final int used)
    {
        final int bodyStart = bodyStart(buffer, used);
        return bodyStart < 0 ? bodyStart : end(buffer, bodyStart);
    }

    /**
     * @return the index after the SOH that ends BodyLength(9), {@link #NEED_MORE} or {@link #MALFORMED}.
     */
    private static int bodyStart(final ByteBuffer buffer, final int used)
    {
        int i = 0;
        while (i < used && buffer.get(i) != SOH)
        {
            if (++i > MAX_BEGIN_STRING)
            {
                return MALFORMED;
            }
        }
        if (i + 2 >= used)
        {
            return NEED_MORE;
        }
        if (buffer.get(i + 1) != '9' || buffer.get(i + 2) != '=')
        {
            return MALFORMED;
        }
        final int digits = i + 3;
        for (int j = digits; j < used; j++)
        {
            final byte b = buffer.get(j);
            if (b == SOH)
            {
                return j == digits ? MALFORMED : j + 1;
            }
            if (b < '0' || b > '9' || j - digits >= MAX_LENGTH_DIGITS)
            {
                return MALFORMED;
            }
        }
        return NEED_MORE;
    }

    /**
     * @return the index past the trailer of the message whose body starts at {@code bodyStart}.
     */
    private static long end(final ByteBuffer buffer, final int bodyStart)
    {
        long length = 0;
        long scale = 1;
        for (int i = bodyStart - 2; buffer.get(i) != '='; i--)
        {
            length += (buffer.get(i) - '0') * scale;
            scale *= 10;
        }
        return bodyStart + length + TRAILER;
    }

    /**
     * @return {@link #LOGON} when MsgType(35) is A, {@link #NOT_LOGON} when it is another, {@link #NOT_FIX} when
     * the body does not start with it, {@link #PENDING} when it is not whole yet.
     */
    private static int isLogon(final ByteBuffer buffer, final int bodyStart, final int used)
    {
        for (int i = 0; i < MSG_TYPE.length; i++)
        {
            if (bodyStart + i >= used)
            {
                return PENDING;
            }
            if (buffer.get(bodyStart + i) != MSG_TYPE[i])
            {
                return NOT_FIX;
            }
        }
        final int type = bodyStart + MSG_TYPE.length;
        if (type >= used)
        {
            return PENDING;
        }
        if (buffer.get(type) != 'A')
        {
            return NOT_LOGON;
        }
        if (type + 1 >= used)
        {
            return PENDING;
        }
        return buffer.get(type + 1) == SOH ? LOGON : NOT_LOGON;
    }
}
