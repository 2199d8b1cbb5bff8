package io.disruptorx.engine.sbe;

import org.agrona.MutableDirectBuffer;

/**
 * Where {@link SbeEventEncoder} writes each encoded event: claim space, write in place, commit. It maps onto an
 * Agrona ring buffer ({@code tryClaim}/{@code commit}), an Aeron {@code BufferClaim} or a Disruptor ring slot
 * ({@code next}/{@code get}/{@code publish}) without copying.
 *
 * <p>The engine cannot be told "no" halfway through a command, so a sink must always provide the space: it
 * waits for a full ring or fails loudly, never drops an event silently.
 */
public interface EventSink
{
    /**
     * Claims space for one message.
     *
     * @param length exact length of the message, header included.
     * @return offset in {@link #buffer()} of {@code length} writable bytes, valid until {@link #commit()}.
     */
    int claim(int length);

    /**
     * @return the buffer of the current claim.
     */
    MutableDirectBuffer buffer();

    /**
     * Makes the claimed message visible; called once after each {@link #claim(int)}.
     */
    void commit();
}
