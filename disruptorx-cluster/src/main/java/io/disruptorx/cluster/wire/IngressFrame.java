package io.disruptorx.cluster.wire;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * What a gateway sends through the cluster's ingress (after Aeron's own session header): a 16-byte header,
 * then a body that depends on the type. Little-endian.
 *
 * <pre>
 *   0                   4                   8                                      16
 *   +-------------------+-------------------+---------------------------------------+
 *   | type (i32)        | reserved (i32)    | value (i64)                           |
 *   +-------------------+-------------------+---------------------------------------+
 *   | body ...
 *
 *   COMMAND : value = the gateway's command sequence (1, 2, 3, ... per incarnation); body = one SBE command of
 *             the commands schema, message header first.
 *   HELLO   : value = gateway id; body = incarnation (i64), next event sequence wanted (i64, 0 for every
 *             events), cancel-on-disconnect delay in nanoseconds (i64, 0 for none), account count (i32,
 *             -1 for every account), flags (i32: EVENTS_BATCHES = the gateway reads EVENTS egress frames; 0 from
 *             a gateway older than them), then the account ids (i64 each, ascending).
 *   RESEND  : value = the first event sequence wanted again; no body.
 *   BATCH   : value = the command sequence of the first command; body = count (i32), reserved (i32), then each
 *             command as its length (i32) and the SBE command, message header first, the next one right after
 *             it. The commands carry consecutive sequences from value: one frame is read as count COMMANDs.
 *   TRACED  : value = the command sequence; body = the caller's trace context (trace id as i64 high and i64 low,
 *             parent span id i64), then one SBE command as in COMMAND. A client sends it alone, never inside a
 *             BATCH, and only to a leader whose answer to its HELLO carried the ACK flag TRACES (members older
 *             than this frame do not read it); to any other it sends the command untraced.
 * </pre>
 *
 * <p>A client sends the commands it has taken since it last sent as one BATCH (at most one MTU), so that under
 * load the cluster sequences, replicates and applies one log message per batch instead of one per command.
 *
 * <p>A gateway sends HELLO first on every new session and after every leader change; the cluster then knows the
 * session belongs to the gateway, answers with an ACK of the last command it applied and replays the events the
 * gateway asked for.
 */
public final class IngressFrame
{
    /** A command to sequence. */
    public static final int COMMAND = 1;
    /** A gateway names itself on a session. */
    public static final int HELLO = 2;
    /** A gateway asks for events again. */
    public static final int RESEND = 3;
    /** Consecutive commands in one frame. */
    public static final int BATCH = 4;
    /** A command with its caller's trace context. */
    public static final int TRACED = 5;

    /** Offset of the type. */
    public static final int TYPE_OFFSET = 0;
    /** Offset of the value. */
    public static final int VALUE_OFFSET = 8;
    /** Length of the header. */
    public static final int HEADER_LENGTH = 16;

    /** Length of the trace context in a TRACED frame. */
    public static final int TRACE_LENGTH = 24;
    /** Offset of the SBE command in a TRACED frame. */
    public static final int TRACED_COMMAND_OFFSET = HEADER_LENGTH + TRACE_LENGTH;
    /** Offset of the incarnation in a HELLO. */
    public static final int HELLO_INCARNATION_OFFSET = HEADER_LENGTH;
    /** Offset of the next event sequence in a HELLO. */
    public static final int HELLO_NEXT_EVENT_OFFSET = HEADER_LENGTH + 8;
    /** Offset of the cancel-on-disconnect delay in a HELLO. */
    public static final int HELLO_CANCEL_ON_DISCONNECT_OFFSET = HEADER_LENGTH + 16;
    /** Offset of the account count in a HELLO. */
    public static final int HELLO_ACCOUNT_COUNT_OFFSET = HEADER_LENGTH + 24;
    /** Offset of the flags in a HELLO. */
    public static final int HELLO_FLAGS_OFFSET = HEADER_LENGTH + 28;
    /** HELLO flag: the gateway reads EVENTS egress frames (several events in one). */
    public static final int EVENTS_BATCHES = 1;
    /** Offset of the first account id in a HELLO. */
    public static final int HELLO_ACCOUNTS_OFFSET = HEADER_LENGTH + 32;
    /** Offset of the command count in a BATCH. */
    public static final int BATCH_COUNT_OFFSET = HEADER_LENGTH;
    /** Offset of the first command's length in a BATCH. */
    public static final int BATCH_COMMANDS_OFFSET = HEADER_LENGTH + 8;
    /** Length of the length before each command in a BATCH. */
    public static final int BATCH_LENGTH_PREFIX = 4;
    /** Account count meaning every account. */
    public static final int ALL_ACCOUNTS = -1;
    /** Most accounts one gateway may name. */
    public static final int MAX_ACCOUNTS = 4096;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private IngressFrame()
    {
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
     * @return its value.
     */
    public static long value(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + VALUE_OFFSET, ORDER);
    }

    /**
     * Writes a header.
     *
     * @param buffer destination.
     * @param offset of the frame.
     * @param type   frame type.
     * @param value  frame value.
     */
    public static void header(final MutableDirectBuffer buffer, final int offset, final int type, final long value)
    {
        buffer.putInt(offset + TYPE_OFFSET, type, ORDER);
        buffer.putInt(offset + TYPE_OFFSET + 4, 0, ORDER);
        buffer.putLong(offset + VALUE_OFFSET, value, ORDER);
    }

    /**
     * Writes a complete HELLO without flags: what a gateway that reads only single EVENT frames sends.
     *
     * @param buffer                  destination.
     * @param offset                  of the frame.
     * @param gatewayId               the gateway.
     * @param incarnation             differs each time the gateway process starts.
     * @param nextEventSequence       first event wanted, 0 for only new ones.
     * @param cancelOnDisconnectNanos 0 for none.
     * @param accounts                ascending account ids, or null for every account.
     * @return the frame's length.
     */
    public static int hello(
        final MutableDirectBuffer buffer,
        final int offset,
        final long gatewayId,
        final long incarnation,
        final long nextEventSequence,
        final long cancelOnDisconnectNanos,
        final long[] accounts)
    {
        return hello(buffer, offset, gatewayId, incarnation, nextEventSequence, cancelOnDisconnectNanos, accounts, 0);
    }

    /**
     * Writes a complete HELLO.
     *
     * @param buffer                  destination.
     * @param offset                  of the frame.
     * @param gatewayId               the gateway.
     * @param incarnation             differs each time the gateway process starts.
     * @param nextEventSequence       first event wanted, 0 for only new ones.
     * @param cancelOnDisconnectNanos 0 for none.
     * @param accounts                ascending account ids, or null for every account.
     * @param flags                   {@link #EVENTS_BATCHES} or 0.
     * @return the frame's length.
     */
    public static int hello(
        final MutableDirectBuffer buffer,
        final int offset,
        final long gatewayId,
        final long incarnation,
        final long nextEventSequence,
        final long cancelOnDisconnectNanos,
        final long[] accounts,
        final int flags)
    {
        header(buffer, offset, HELLO, gatewayId);
        buffer.putLong(offset + HELLO_INCARNATION_OFFSET, incarnation, ORDER);
        buffer.putLong(offset + HELLO_NEXT_EVENT_OFFSET, nextEventSequence, ORDER);
        buffer.putLong(offset + HELLO_CANCEL_ON_DISCONNECT_OFFSET, cancelOnDisconnectNanos, ORDER);
        buffer.putInt(offset + HELLO_ACCOUNT_COUNT_OFFSET, accounts == null ? ALL_ACCOUNTS : accounts.length, ORDER);
        buffer.putInt(offset + HELLO_FLAGS_OFFSET, flags, ORDER);
        final int count = accounts == null ? 0 : accounts.length;
        for (int i = 0; i < count; i++)
        {
            buffer.putLong(offset + HELLO_ACCOUNTS_OFFSET + i * 8, accounts[i], ORDER);
        }
        return HELLO_ACCOUNTS_OFFSET + count * 8;
    }
}
