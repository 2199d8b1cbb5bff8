package io.disruptorx.engine.sbe;

import org.agrona.DirectBuffer;

/**
 * Told about each message {@link SbeCommandDispatcher} did not apply, on the dispatching thread.
 */
@FunctionalInterface
public interface DispatchRejectHandler
{
    /** Ignores rejects; they are still counted by the dispatcher. */
    DispatchRejectHandler IGNORE = (reason, buffer, offset, length) ->
    {
    };

    /**
     * @param reason why the message was not applied.
     * @param buffer holding the message, valid only during the call.
     * @param offset of the message.
     * @param length given for the message.
     */
    void onReject(DispatchReject reason, DirectBuffer buffer, int offset, int length);
}
