package io.disruptorx.cluster.service;

import java.util.concurrent.atomic.AtomicLongArray;

import io.disruptorx.engine.sbe.EventInstrument;
import org.agrona.DirectBuffer;

/**
 * Commands per instrument id, counted on the service's event path with the embedded node's rule (what
 * {@code dx shard plan --metrics} reads as {@code dx_instrument_commands_total}): a command is counted once, on the
 * instrument of its first event that names one ({@link EventInstrument}); a command whose events name none (a
 * cancel of an unknown order, admin results, balances) is not counted. A command is known by its log position, as
 * the {@link GatewayStreams} numbers it; a timer's work (end of day, one gateway's cancel-on-disconnect) is one
 * command.
 *
 * <p>Every member applies the same log and so counts alike. The counts are not state: neither the engine nor the
 * snapshot sees them, and a restarted member counts from zero the commands it applies from then on, those of the
 * log it replays after its snapshot included (a counter reset, as after an embedded node's restart). Preallocated
 * by instrument id; written by the service thread only, without allocation; read by scrapes from other threads.
 */
public final class InstrumentCommands
{
    private final AtomicLongArray counts;
    private long countedPosition = Long.MIN_VALUE;

    /**
     * @param instrumentLimit ids counted are below it (the engine's instrument limit).
     */
    InstrumentCommands(final int instrumentLimit)
    {
        this.counts = new AtomicLongArray(instrumentLimit);
    }

    /**
     * Counts the command at that log position on the instrument of the event, unless the command was counted.
     *
     * @param commandPosition log position of the command (or timer) whose event it is.
     * @param buffer          holding the event, SBE message header first.
     * @param offset          of the event.
     */
    void onEvent(final long commandPosition, final DirectBuffer buffer, final int offset)
    {
        if (commandPosition == countedPosition)
        {
            return;
        }
        final int instrument = EventInstrument.of(buffer, offset);
        if (instrument > 0 && instrument < counts.length())
        {
            countedPosition = commandPosition;
            counts.lazySet(instrument, counts.get(instrument) + 1);
        }
    }

    /**
     * @return commands counted per instrument id, indexed by id (for a metrics registry to read; only the service
     * thread writes).
     */
    public AtomicLongArray counts()
    {
        return counts;
    }
}
