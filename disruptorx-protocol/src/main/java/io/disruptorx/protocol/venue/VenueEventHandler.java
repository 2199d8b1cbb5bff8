package io.disruptorx.protocol.venue;

import org.agrona.DirectBuffer;

/**
 * Receives the venue's events through {@link VenueClient#poll}.
 */
@FunctionalInterface
public interface VenueEventHandler
{
    /**
     * One event of the events schema, message header first. The buffer is only valid during the call.
     *
     * @param commandSequence the venue's sequence of the command that caused the event (the journal sequence on
     *                        the embedded node, the log position in the cluster): the same on every replay, so a
     *                        gateway can tell an event it has already seen.
     * @param buffer          holding the event.
     * @param offset          of the message header.
     * @param length          of header and body.
     */
    void onEvent(long commandSequence, DirectBuffer buffer, int offset, int length);

    /**
     * Every event of the command with this sequence, and of every command before it, has been delivered: nothing
     * more will come for them. Only a client whose {@link VenueClient#signalsCommandEnd()} is true calls it, once
     * per command that caused events, after the command's last event; the default ignores it.
     *
     * @param commandSequence the sequence of the command whose events are complete, as in {@link #onEvent}.
     */
    default void onCommandEnd(final long commandSequence)
    {
    }
}
