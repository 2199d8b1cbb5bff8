package io.disruptorx.cluster.wire;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * What the cluster sends a gateway on its egress: a 32-byte header, then for an EVENT one SBE message of the
 * events schema, for EVENTS several. Little-endian.
 *
 * <pre>
 *   0                                       8                                       16
 *   +---------------------------------------+---------------------------------------+
 *   | event sequence (i64)                  | command position (i64)                |
 *   +---------------------------------------+---------------------------------------+
 *   | acked command sequence (i64)          | type (i32)        | flags (i32)       |
 *   +---------------------------------------+---------------------------------------+
 *   | SBE event (EVENT only) ...
 *
 *   EVENT : event sequence = the gateway's stream sequence (1, 2, 3, ... for the gateway's life, over every
 *           incarnation and leader); command position = log position of the command or timer that caused it.
 *           With the COMMAND_END flag it is the last event of that command for this gateway.
 *   EVENTS: consecutive events in one frame, sent only to a gateway that said it reads them (HELLO flag
 *           EVENTS_BATCHES). Event sequence = the first event's; command position = the first event's. Body:
 *           count (i32), reserved (i32), then per event its command position (i64), length (i32), flags (i32,
 *           COMMAND_END) and the SBE event, the next entry right after it. Entry i carries event sequence + i.
 *   ACK   : event sequence = the sequence the gateway's next event will carry; sent when a command caused no
 *           event for its gateway and for a duplicate. A gateway whose next expected event is lower has missed
 *           the events in between.
 *           With the TRACES flag (on an answer) the member reads TRACED commands.
 *           With the ANSWER flag it is the first frame of the answer to a HELLO or RESEND, and its event
 *           sequence is the first event the answer replays (the events that follow start there). A gateway that
 *           holds no event yet (it said HELLO with 0) takes its stream's position from this frame only: any
 *           other ACK may come after events it never received.
 *   LOST  : event sequence = the lowest one the cluster still holds: the events requested below it are gone
 *           (the gateway was away longer than the replay store covers).
 *
 *   Every frame carries the highest command sequence of the gateway's current incarnation that the cluster
 *   has applied: commands up to it are never applied again and need no re-send.
 * </pre>
 */
public final class EgressFrame
{
    /** An event of the gateway's stream. */
    public static final int EVENT = 1;
    /** Acknowledgement only. */
    public static final int ACK = 2;
    /** Requested events no longer held. */
    public static final int LOST = 3;
    /** Consecutive events in one frame. */
    public static final int EVENTS = 4;

    /** Flag of an ACK that answers a HELLO or RESEND. */
    public static final int ANSWER = 1;
    /** Flag of an event (EVENT frame or EVENTS entry): the last of its command's events for this gateway. */
    public static final int COMMAND_END = 2;
    /** Flag of an ACK that answers a HELLO or RESEND: the member reads {@code IngressFrame.TRACED} commands. */
    public static final int TRACES = 4;

    /** Offset of the event sequence. */
    public static final int EVENT_SEQUENCE_OFFSET = 0;
    /** Offset of the command position. */
    public static final int COMMAND_POSITION_OFFSET = 8;
    /** Offset of the acked command sequence. */
    public static final int ACKED_COMMAND_OFFSET = 16;
    /** Offset of the type. */
    public static final int TYPE_OFFSET = 24;
    /** Offset of the flags. */
    public static final int FLAGS_OFFSET = 28;
    /** Length of the header. */
    public static final int HEADER_LENGTH = 32;
    /** Longest SBE event a frame carries. */
    public static final int MAX_EVENT_LENGTH = 224;
    /** Longest frame. */
    public static final int MAX_LENGTH = HEADER_LENGTH + MAX_EVENT_LENGTH;
    /** Offset of the event count in an EVENTS frame. */
    public static final int EVENTS_COUNT_OFFSET = HEADER_LENGTH;
    /** Offset of the first entry in an EVENTS frame. */
    public static final int EVENTS_ENTRIES_OFFSET = HEADER_LENGTH + 8;
    /** Offset of the command position in an EVENTS entry. */
    public static final int ENTRY_POSITION_OFFSET = 0;
    /** Offset of the event length in an EVENTS entry. */
    public static final int ENTRY_LENGTH_OFFSET = 8;
    /** Offset of the flags in an EVENTS entry. */
    public static final int ENTRY_FLAGS_OFFSET = 12;
    /** Length of an EVENTS entry before its SBE event. */
    public static final int ENTRY_HEADER_LENGTH = 16;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private EgressFrame()
    {
    }

    /**
     * Writes a header.
     *
     * @param buffer          destination.
     * @param offset          of the frame.
     * @param type            frame type.
     * @param eventSequence   event sequence (EVENT, LOST) or the next one (ACK).
     * @param commandPosition log position of the cause.
     * @param ackedCommand    highest applied command sequence.
     */
    public static void header(
        final MutableDirectBuffer buffer,
        final int offset,
        final int type,
        final long eventSequence,
        final long commandPosition,
        final long ackedCommand)
    {
        buffer.putLong(offset + EVENT_SEQUENCE_OFFSET, eventSequence, ORDER);
        buffer.putLong(offset + COMMAND_POSITION_OFFSET, commandPosition, ORDER);
        buffer.putLong(offset + ACKED_COMMAND_OFFSET, ackedCommand, ORDER);
        buffer.putInt(offset + TYPE_OFFSET, type, ORDER);
        buffer.putInt(offset + FLAGS_OFFSET, 0, ORDER);
    }

    /**
     * Sets the {@link #ANSWER} flag of a header written by {@link #header}.
     *
     * @param buffer holding the frame.
     * @param offset of the frame.
     */
    public static void markAnswer(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putInt(offset + FLAGS_OFFSET, ANSWER, ORDER);
    }

    /**
     * Sets a flag of a header written by {@link #header}, keeping the others.
     *
     * @param buffer holding the frame.
     * @param offset of the frame.
     * @param flag   {@link #ANSWER} or {@link #COMMAND_END}.
     */
    public static void addFlag(final MutableDirectBuffer buffer, final int offset, final int flag)
    {
        buffer.putInt(offset + FLAGS_OFFSET, buffer.getInt(offset + FLAGS_OFFSET, ORDER) | flag, ORDER);
    }

    /**
     * @param buffer holding a frame.
     * @param offset of the frame.
     * @return its flags.
     */
    public static int flags(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + FLAGS_OFFSET, ORDER);
    }

    /**
     * Starts an EVENTS frame: its header and an event count of 0.
     *
     * @param buffer          destination.
     * @param offset          of the frame.
     * @param eventSequence   the first event's sequence.
     * @param commandPosition the first event's command position.
     * @param ackedCommand    highest applied command sequence.
     */
    public static void eventsHeader(
        final MutableDirectBuffer buffer,
        final int offset,
        final long eventSequence,
        final long commandPosition,
        final long ackedCommand)
    {
        header(buffer, offset, EVENTS, eventSequence, commandPosition, ackedCommand);
        buffer.putInt(offset + EVENTS_COUNT_OFFSET, 0, ORDER);
        buffer.putInt(offset + EVENTS_COUNT_OFFSET + 4, 0, ORDER);
    }

    /**
     * Appends an entry to an EVENTS frame started with {@link #eventsHeader}.
     *
     * @param buffer          holding the frame.
     * @param offset          of the frame.
     * @param at              where the entry goes (the frame's current end).
     * @param commandPosition the event's command position.
     * @param flags           the event's flags.
     * @param event           holding the SBE event.
     * @param eventOffset     of the SBE event.
     * @param eventLength     of the SBE event.
     * @return the frame's new end.
     */
    public static int appendEntry(
        final MutableDirectBuffer buffer,
        final int offset,
        final int at,
        final long commandPosition,
        final int flags,
        final DirectBuffer event,
        final int eventOffset,
        final int eventLength)
    {
        buffer.putLong(at + ENTRY_POSITION_OFFSET, commandPosition, ORDER);
        buffer.putInt(at + ENTRY_LENGTH_OFFSET, eventLength, ORDER);
        buffer.putInt(at + ENTRY_FLAGS_OFFSET, flags, ORDER);
        buffer.putBytes(at + ENTRY_HEADER_LENGTH, event, eventOffset, eventLength);
        final int countAt = offset + EVENTS_COUNT_OFFSET;
        buffer.putInt(countAt, buffer.getInt(countAt, ORDER) + 1, ORDER);
        return at + ENTRY_HEADER_LENGTH + eventLength;
    }

    /**
     * @param buffer holding an EVENTS frame.
     * @param offset of the frame.
     * @return its event count.
     */
    public static int eventCount(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + EVENTS_COUNT_OFFSET, ORDER);
    }

    /**
     * @param buffer holding an EVENTS entry.
     * @param entry  offset of the entry.
     * @return the event's command position.
     */
    public static long entryPosition(final DirectBuffer buffer, final int entry)
    {
        return buffer.getLong(entry + ENTRY_POSITION_OFFSET, ORDER);
    }

    /**
     * @param buffer holding an EVENTS entry.
     * @param entry  offset of the entry.
     * @return the length of the entry's SBE event.
     */
    public static int entryLength(final DirectBuffer buffer, final int entry)
    {
        return buffer.getInt(entry + ENTRY_LENGTH_OFFSET, ORDER);
    }

    /**
     * @param buffer holding an EVENTS entry.
     * @param entry  offset of the entry.
     * @return the event's flags.
     */
    public static int entryFlags(final DirectBuffer buffer, final int entry)
    {
        return buffer.getInt(entry + ENTRY_FLAGS_OFFSET, ORDER);
    }

    /**
     * @param buffer holding a frame.
     * @param offset of the frame.
     * @return whether it is the first frame of the answer to a HELLO or RESEND.
     */
    public static boolean isAnswer(final DirectBuffer buffer, final int offset)
    {
        return (buffer.getInt(offset + FLAGS_OFFSET, ORDER) & ANSWER) != 0;
    }

    /**
     * @param buffer holding a frame.
     * @param offset of the frame.
     * @return its type.
     */
    public static int type(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + TYPE_OFFSET, ORDER);
    }

    /**
     * @param buffer holding a frame.
     * @param offset of the frame.
     * @return its event sequence.
     */
    public static long eventSequence(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + EVENT_SEQUENCE_OFFSET, ORDER);
    }

    /**
     * @param buffer holding a frame.
     * @param offset of the frame.
     * @return its command position.
     */
    public static long commandPosition(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + COMMAND_POSITION_OFFSET, ORDER);
    }

    /**
     * @param buffer holding a frame.
     * @param offset of the frame.
     * @return its acked command sequence.
     */
    public static long ackedCommand(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + ACKED_COMMAND_OFFSET, ORDER);
    }
}
