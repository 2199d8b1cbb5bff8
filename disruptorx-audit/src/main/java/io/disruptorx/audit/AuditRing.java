package io.disruptorx.audit;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * Where the gateway hands audit records to the writer thread: an Agrona many-to-one ring. {@link #offer} never
 * blocks and never allocates: when the ring is full the record is dropped and counted ({@link #dropped()}), and
 * the writer puts a {@link AuditEvent#LOST} record into the log, so a gap is itself on the record.
 *
 * <pre>
 *   0                   8                  16                 24                 32                 40
 *   +-------------------+------------------+------------------+------------------+------------------+
 *   | timeNanos         | account          | instrument       | clientOrderId    | orderId          |
 *   +--------+----------+------------------+------------------+------------------+------------------+
 *   40: session (int)   44: then five texts, each a 2-byte length and ASCII bytes:
 *                       user, source, protocol, command, detail (each at most 255 bytes)
 * </pre>
 *
 * The message type is the {@link AuditEvent} ordinal plus one. A session index (0 and up; -1 for none) must name
 * one user for the ring's lifetime: the writer credits a session's records to the user of its last
 * {@code LOGIN_OK}, also after a logout or after records were dropped. The gateway's session registry keeps one
 * session per user and protocol and never hands its index to another user.
 */
public final class AuditRing
{
    static final int TIME = 0;
    static final int ACCOUNT = 8;
    static final int INSTRUMENT = 16;
    static final int CLIENT_ORDER_ID = 24;
    static final int ORDER_ID = 32;
    static final int SESSION = 40;
    static final int TEXTS = 44;
    static final int MAX_TEXT = 255;

    private final RingBuffer ring;
    private final AtomicLong dropped = new AtomicLong();

    /**
     * @param capacity bytes for records, a power of two.
     */
    public AuditRing(final int capacity)
    {
        ring = new ManyToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(capacity + RingBufferDescriptor.TRAILER_LENGTH)));
    }

    /**
     * Offers a record; never blocks.
     *
     * @return whether the ring took it (else it is counted as dropped).
     */
    public boolean offer(
        final AuditEvent event, final long timeNanos, final int session, final CharSequence user,
        final CharSequence source, final CharSequence protocol, final CharSequence command, final long account,
        final long instrument, final long clientOrderId, final long orderId, final CharSequence detail)
    {
        final int length = TEXTS + 10 + len(user) + len(source) + len(protocol) + len(command) + len(detail);
        final int index = ring.tryClaim(event.ordinal() + 1, length);
        if (index <= 0)
        {
            dropped.incrementAndGet();
            return false;
        }
        final MutableDirectBuffer buffer = ring.buffer();
        buffer.putLong(index + TIME, timeNanos);
        buffer.putLong(index + ACCOUNT, account);
        buffer.putLong(index + INSTRUMENT, instrument);
        buffer.putLong(index + CLIENT_ORDER_ID, clientOrderId);
        buffer.putLong(index + ORDER_ID, orderId);
        buffer.putInt(index + SESSION, session);
        int at = index + TEXTS;
        at = put(buffer, at, user);
        at = put(buffer, at, source);
        at = put(buffer, at, protocol);
        at = put(buffer, at, command);
        put(buffer, at, detail);
        ring.commit(index);
        return true;
    }

    /**
     * @return records dropped because the ring was full.
     */
    public long dropped()
    {
        return dropped.get();
    }

    RingBuffer ring()
    {
        return ring;
    }

    private static int len(final CharSequence text)
    {
        return Math.min(MAX_TEXT, text.length());
    }

    private static int put(final MutableDirectBuffer buffer, final int at, final CharSequence text)
    {
        final int length = len(text);
        buffer.putShort(at, (short)length);
        for (int i = 0; i < length; i++)
        {
            final char c = text.charAt(i);
            buffer.putByte(at + 2 + i, (byte)(c < 0x80 ? c : '?'));
        }
        return at + 2 + length;
    }
}
