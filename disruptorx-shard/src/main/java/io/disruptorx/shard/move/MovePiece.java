package io.disruptorx.shard.move;

import java.nio.ByteOrder;

import io.disruptorx.protocol.sbe.command.AddInstrumentDecoder;
import io.disruptorx.protocol.sbe.command.InstrumentState;
import io.disruptorx.protocol.sbe.command.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.command.RestoreOrderDecoder;
import io.disruptorx.shard.routing.ShardIds;
import org.agrona.ExpandableArrayBuffer;

/**
 * What a move carries to its target: the target's commands as a {@link ShardMover.BookSource} wrote them (an
 * AddInstrument listing the instrument HALTED, then one RestoreOrder per order), each preceded by its length (an int,
 * little-endian, as everything in the piece).
 * {@link #prepare} gives each order the local id it keeps on the target ({@link ShardIds#movedLocal} of its global
 * id), so the piece the journal records is sent as it is.
 *
 * <p>The mover records it ({@link #recordedLength}) followed by a 4-byte mark saying whether its restores go after
 * MoveOut's answer or with MoveOut, so a mover that takes the move up from the journal knows whether any restore can
 * have reached the target before MoveOut's answer; a follower, that the move is another gateway's, followed to its
 * end. A piece recorded without the mark (by an older mover or follower) loads as before, its restores' mode
 * {@link #RESTORES_NOT_RECORDED}. Unambiguous: the commands end
 * where the piece's length says, and four bytes are too few for another.
 */
final class MovePiece
{
    /** The journal does not say how the restores went (a piece recorded without the mark). */
    static final int RESTORES_NOT_RECORDED = 0;
    /** The restores went only once the source applied MoveOut. */
    static final int RESTORES_AFTER_MOVE_OUT = 1;
    /** The restores went with MoveOut. */
    static final int RESTORES_WITH_MOVE_OUT = 2;
    /**
     * Another gateway's move, followed to its switch ({@link MoveFollower}): nothing of it is this gateway's to send,
     * so a restart takes it as ended, wherever its records stop.
     */
    static final int RESTORES_FOLLOWED = 3;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int ORDER_ID_AT = HEADER + RestoreOrderDecoder.orderIdEncodingOffset();
    private static final int BLOCK_AT = MessageHeaderDecoder.blockLengthEncodingOffset();
    private static final int VERSION_AT = MessageHeaderDecoder.versionEncodingOffset();
    private static final int STATE_AT = AddInstrumentDecoder.initialStateEncodingOffset();
    private static final int MARK = 0x52_4D_00_00;
    private static final int MARK_MASK = 0xFF_FF_FF_00;

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private int[] offsets = new int[64];
    private int commands;
    private int length;
    private int restores = RESTORES_NOT_RECORDED;

    ExpandableArrayBuffer buffer()
    {
        return buffer;
    }

    int length()
    {
        return length;
    }

    /**
     * @return the orders it carries.
     */
    int orders()
    {
        return commands - 1;
    }

    /**
     * @param index 0 for the AddInstrument, 1 + i for the i-th order's RestoreOrder.
     */
    int commandOffset(final int index)
    {
        return offsets[index] + Integer.BYTES;
    }

    int commandLength(final int index)
    {
        return buffer.getInt(offsets[index], ORDER);
    }

    /**
     * @param order the order's place in priority order.
     * @return the global id the order keeps.
     */
    long globalOrderId(final int order)
    {
        return buffer.getLong(commandOffset(order + 1) + ORDER_ID_AT, ORDER) & ~ShardIds.MOVED;
    }

    /**
     * @param order the order's place in priority order.
     * @return its account.
     */
    long accountId(final int order)
    {
        return buffer.getLong(commandOffset(order + 1) + HEADER + RestoreOrderDecoder.accountIdEncodingOffset(), ORDER);
    }

    /**
     * @return the accounts of the orders it carries, in their order (repeats kept).
     */
    long[] accounts()
    {
        final long[] accounts = new long[orders()];
        for (int i = 0; i < accounts.length; i++)
        {
            accounts[i] = accountId(i);
        }
        return accounts;
    }

    /**
     * Reads the piece a book source wrote into {@link #buffer} and gives each order the id it keeps.
     *
     * @param written bytes written.
     * @param source  the shard the orders leave.
     * @return whether the piece is well formed and every order's global id fits below {@link ShardIds#MOVED}.
     */
    boolean prepare(final int written, final int source)
    {
        restores = RESTORES_NOT_RECORDED;
        if (!parse(written))
        {
            return false;
        }
        for (int i = 1; i < commands; i++)
        {
            final int at = commandOffset(i) + ORDER_ID_AT;
            final long global = ShardIds.global(source, buffer.getLong(at, ORDER));
            if (global >= ShardIds.MOVED)
            {
                return false;
            }
            buffer.putLong(at, ShardIds.movedLocal(global), ORDER);
        }
        return true;
    }

    /**
     * Writes the mark after the piece (it stays out of the piece's {@link #length}).
     *
     * @param restoresWait whether the restores go only once the source applied MoveOut.
     * @return the length to record: the piece and its mark.
     */
    int recordedLength(final boolean restoresWait)
    {
        return recordedLength(restoresWait ? RESTORES_AFTER_MOVE_OUT : RESTORES_WITH_MOVE_OUT);
    }

    /**
     * Writes the mark after the piece (it stays out of the piece's {@link #length}).
     *
     * @param mode {@link #RESTORES_AFTER_MOVE_OUT}, {@link #RESTORES_WITH_MOVE_OUT} or {@link #RESTORES_FOLLOWED}.
     * @return the length to record: the piece and its mark.
     */
    int recordedLength(final int mode)
    {
        buffer.putInt(length, MARK | mode, ORDER);
        return length + Integer.BYTES;
    }

    /**
     * @return how the restores of the piece last loaded went, as recorded: {@link #RESTORES_AFTER_MOVE_OUT},
     * {@link #RESTORES_WITH_MOVE_OUT}, {@link #RESTORES_FOLLOWED} or {@link #RESTORES_NOT_RECORDED} (also once a
     * piece is read: {@link #prepare}).
     */
    int restores()
    {
        return restores;
    }

    /**
     * Takes a piece back from the journal, ids already given, with the mark after it if it has one. A piece an older
     * mover recorded (its AddInstrument before commands version 4, which listed the instrument TRADING) is taken as
     * today's, listing it HALTED.
     */
    void load(final byte[] recorded)
    {
        buffer.putBytes(0, recorded);
        restores = RESTORES_NOT_RECORDED;
        if (!parse(recorded.length))
        {
            final int mark = recorded.length < Integer.BYTES ? 0 :
                buffer.getInt(recorded.length - Integer.BYTES, ORDER);
            final int mode = mark & ~MARK_MASK;
            if ((mark & MARK_MASK) != MARK || mode < RESTORES_AFTER_MOVE_OUT || mode > RESTORES_FOLLOWED ||
                !parse(recorded.length - Integer.BYTES))
            {
                throw new IllegalStateException("the move journal holds a malformed piece");
            }
            restores = mode;
        }
        listHalted();
    }

    /**
     * Makes an AddInstrument older than version 4 today's: its fields stay where they are, the state follows them,
     * HALTED; the header says version 4 and the longer block; the RestoreOrders after it move along unchanged.
     */
    private void listHalted()
    {
        final int at = Integer.BYTES;
        if ((buffer.getShort(at + VERSION_AT, ORDER) & 0xFFFF) >= AddInstrumentDecoder.initialStateSinceVersion())
        {
            return;
        }
        final int oldLength = commandLength(0);
        final int kept = HEADER + Math.min(buffer.getShort(at + BLOCK_AT, ORDER) & 0xFFFF, STATE_AT);
        final int newLength = HEADER + AddInstrumentDecoder.BLOCK_LENGTH;
        final byte[] rest = new byte[length - at - oldLength];
        buffer.getBytes(at + oldLength, rest);
        buffer.setMemory(at + kept, newLength - kept, (byte)0);
        buffer.putInt(0, newLength, ORDER);
        buffer.putShort(at + BLOCK_AT, (short)AddInstrumentDecoder.BLOCK_LENGTH, ORDER);
        buffer.putShort(at + VERSION_AT, (short)AddInstrumentDecoder.SCHEMA_VERSION, ORDER);
        buffer.putByte(at + HEADER + STATE_AT, (byte)InstrumentState.HALTED.value());
        buffer.putBytes(at + newLength, rest);
        if (!parse(at + newLength + rest.length))
        {
            throw new IllegalStateException("the move journal holds a malformed piece");
        }
    }

    private boolean parse(final int written)
    {
        length = written;
        commands = 0;
        int at = 0;
        while (at + Integer.BYTES + HEADER <= written)
        {
            final int commandLength = buffer.getInt(at, ORDER);
            final int templateId = buffer.getShort(at + Integer.BYTES + MessageHeaderDecoder.templateIdEncodingOffset(),
                ORDER) & 0xFFFF;
            final int expected = commands == 0 ? AddInstrumentDecoder.TEMPLATE_ID : RestoreOrderDecoder.TEMPLATE_ID;
            if (templateId != expected || commandLength < HEADER || commandLength > written - at - Integer.BYTES)
            {
                return false;
            }
            if (commands == offsets.length)
            {
                final int[] grown = new int[commands * 2];
                System.arraycopy(offsets, 0, grown, 0, commands);
                offsets = grown;
            }
            offsets[commands++] = at;
            at += Integer.BYTES + commandLength;
        }
        return at == written && commands > 0 && commands - 1 <= ShardMover.MAX_ORDERS;
    }
}
