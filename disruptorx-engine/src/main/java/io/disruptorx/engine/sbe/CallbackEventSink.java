package io.disruptorx.engine.sbe;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * An {@link EventSink} that encodes every message at offset 0 of one reusable buffer and hands it to an
 * {@link EncodedMessageHandler} on commit: for hosts that copy events elsewhere themselves, and for tests.
 * Allocates nothing per message.
 */
public final class CallbackEventSink implements EventSink
{
    /** Large enough for the longest event message with room for growth. */
    public static final int DEFAULT_CAPACITY = 256;

    private final UnsafeBuffer buffer;
    private final EncodedMessageHandler handler;
    private int claimedLength;

    /**
     * @param handler receives each committed message.
     */
    public CallbackEventSink(final EncodedMessageHandler handler)
    {
        this(handler, DEFAULT_CAPACITY);
    }

    /**
     * @param handler  receives each committed message.
     * @param capacity bytes of the reusable buffer; the longest message must fit.
     */
    public CallbackEventSink(final EncodedMessageHandler handler, final int capacity)
    {
        this.buffer = new UnsafeBuffer(new byte[capacity]);
        this.handler = handler;
    }

    @Override
    public int claim(final int length)
    {
        if (length > buffer.capacity())
        {
            throw new IllegalArgumentException("message of " + length + " bytes exceeds " + buffer.capacity());
        }
        claimedLength = length;
        return 0;
    }

    @Override
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    @Override
    public void commit()
    {
        handler.onMessage(buffer, 0, claimedLength);
    }
}
