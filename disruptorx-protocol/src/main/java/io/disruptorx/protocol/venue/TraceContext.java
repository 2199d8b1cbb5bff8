package io.disruptorx.protocol.venue;

/**
 * A W3C trace context (<a href="https://www.w3.org/TR/trace-context/">traceparent</a>) as primitives: the 128-bit
 * trace id as two longs, the caller's span id and the trace flags, plus when the gateway received the request
 * ({@link System#nanoTime()}). A gateway owns one instance per thread, fills it from the request (an HTTP header,
 * a FIX tag, the native order entry's fields) and hands it to {@link VenueClient#offer(org.agrona.DirectBuffer,
 * int, int, TraceContext)}; parsing allocates nothing.
 *
 * <pre>
 *   traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01
 *                ^  ^ trace id (high, low)             ^ parent span id  ^ flags (bit 0: sampled)
 * </pre>
 */
public final class TraceContext
{
    /** The traceparent flag telling that the caller records the trace. */
    public static final int SAMPLED = 1;

    private static final int LENGTH = 55;
    private static final int TRACE_ID_AT = 3;
    private static final int SPAN_ID_AT = 36;
    private static final int FLAGS_AT = 53;

    private long traceIdHigh;
    private long traceIdLow;
    private long parentSpanId;
    private int flags;
    private long receiveNanos;

    /**
     * Reads a {@code traceparent} value of version 00 (or a later version, reading its first 55 characters as
     * the specification asks). An invalid value (wrong length or separators, non-hex digits, an all-zero trace or
     * span id, version ff) leaves the context empty.
     *
     * @param value        the header or tag value, or {@code null}.
     * @param receiveNanos when the request was received.
     * @return whether a valid context was read.
     */
    public boolean parse(final CharSequence value, final long receiveNanos)
    {
        clear();
        if (value == null || value.length() < LENGTH || (value.length() > LENGTH && value.charAt(LENGTH) != '-'))
        {
            return false;
        }
        final int version = hex(value, 0, 2);
        if (version < 0 || version == 0xff || (version == 0 && value.length() != LENGTH) ||
            value.charAt(2) != '-' || value.charAt(SPAN_ID_AT - 1) != '-' || value.charAt(FLAGS_AT - 1) != '-')
        {
            return false;
        }
        final int flagsValue = hex(value, FLAGS_AT, 2);
        if (flagsValue < 0 || !isHex(value, TRACE_ID_AT, 32) || !isHex(value, SPAN_ID_AT, 16))
        {
            return false;
        }
        return set(hexLong(value, TRACE_ID_AT), hexLong(value, TRACE_ID_AT + 16), hexLong(value, SPAN_ID_AT),
            flagsValue, receiveNanos);
    }

    /**
     * Sets the context from fields a binary protocol carries.
     *
     * @return whether the ids are valid (a trace id and a span id other than zero).
     */
    public boolean set(
        final long traceIdHigh, final long traceIdLow, final long parentSpanId, final int flags,
        final long receiveNanos)
    {
        if ((traceIdHigh == 0 && traceIdLow == 0) || parentSpanId == 0)
        {
            clear();
            return false;
        }
        this.traceIdHigh = traceIdHigh;
        this.traceIdLow = traceIdLow;
        this.parentSpanId = parentSpanId;
        this.flags = flags & 0xff;
        this.receiveNanos = receiveNanos;
        return true;
    }

    /**
     * Forgets the context.
     */
    public void clear()
    {
        traceIdHigh = 0;
        traceIdLow = 0;
        parentSpanId = 0;
        flags = 0;
        receiveNanos = 0;
    }

    /**
     * @return whether a valid context is held.
     */
    public boolean present()
    {
        return parentSpanId != 0;
    }

    /**
     * @return whether a context is held and its caller asks for the trace to be recorded.
     */
    public boolean sampled()
    {
        return present() && (flags & SAMPLED) != 0;
    }

    /**
     * @return high 64 bits of the trace id.
     */
    public long traceIdHigh()
    {
        return traceIdHigh;
    }

    /**
     * @return low 64 bits of the trace id.
     */
    public long traceIdLow()
    {
        return traceIdLow;
    }

    /**
     * @return the caller's span id, the parent of the gateway's span.
     */
    public long parentSpanId()
    {
        return parentSpanId;
    }

    /**
     * @return the trace flags.
     */
    public int flags()
    {
        return flags;
    }

    /**
     * @return when the gateway received the request ({@link System#nanoTime()}).
     */
    public long receiveNanos()
    {
        return receiveNanos;
    }

    /**
     * Writes a {@code traceparent} value (for clients and tests; allocates).
     *
     * @return the header value of version 00.
     */
    public static String format(final long traceIdHigh, final long traceIdLow, final long spanId, final int flags)
    {
        return String.format("00-%016x%016x-%016x-%02x", traceIdHigh, traceIdLow, spanId, flags & 0xff);
    }

    private static boolean isHex(final CharSequence value, final int from, final int count)
    {
        for (int i = from; i < from + count; i++)
        {
            if (digit(value.charAt(i)) < 0)
            {
                return false;
            }
        }
        return true;
    }

    private static int hex(final CharSequence value, final int from, final int count)
    {
        int result = 0;
        for (int i = from; i < from + count; i++)
        {
            final int digit = digit(value.charAt(i));
            if (digit < 0)
            {
                return -1;
            }
            result = (result << 4) | digit;
        }
        return result;
    }

    private static long hexLong(final CharSequence value, final int from)
    {
        long result = 0;
        for (int i = from; i < from + 16; i++)
        {
            result = (result << 4) | digit(value.charAt(i));
        }
        return result;
    }

    private static int digit(final char c)
    {
        if (c >= '0' && c <= '9')
        {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f')
        {
            return c - 'a' + 10;
        }
        return -1;
    }
}
