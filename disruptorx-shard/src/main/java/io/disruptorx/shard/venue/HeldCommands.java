package io.disruptorx.shard.venue;

import java.nio.ByteOrder;

import io.disruptorx.protocol.sbe.command.AddInstrumentDecoder;
import io.disruptorx.protocol.sbe.command.CancelOrderDecoder;
import io.disruptorx.protocol.sbe.command.EndOfDayDecoder;
import io.disruptorx.protocol.sbe.command.HaltInstrumentDecoder;
import io.disruptorx.protocol.sbe.command.MassCancelDecoder;
import io.disruptorx.protocol.sbe.command.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.command.NewOrderDecoder;
import io.disruptorx.protocol.sbe.command.QueryBalancesDecoder;
import io.disruptorx.protocol.sbe.command.QueryOpenOrdersDecoder;
import io.disruptorx.protocol.sbe.command.ReplaceOrderDecoder;
import io.disruptorx.protocol.sbe.command.ResumeInstrumentDecoder;
import io.disruptorx.protocol.venue.VenueClient;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Commands held back while an instrument moves between shards, applied after the move in the order they came: every
 * command for the moving instrument (its administrative commands, and those naming all instruments; its new orders
 * are refused as halted instead, {@link #isNewOrderOfMoving}), every cancel, replace and mass cancel (the sharded
 * client cannot tell from a global order id alone whether the order is one that moves), every balance query
 * (while the book is between the shards its orders' holds are in flight at the source, so a balance summed over
 * the shards would miss them), and every open-orders query of the moving instrument or of all (while the book is
 * between the shards its orders are on neither). Once the move ends, commands keep joining the back of the queue
 * until it is empty, so none overtakes one held before it. A full queue back-pressures the caller; nothing is
 * dropped.
 *
 * <p>More than one instrument may be held at once ({@link #SLOTS} of them): a move whose route switched may stay held
 * until the source answered the commands sent before its hold ({@link LateReplies}) while the next move is already
 * announced. At most one of them is moving ({@link #begin} to {@link #switched}); the others are held after their
 * switch until {@link #end}. The queue is released once no instrument is held. No allocation: one buffer of fixed
 * capacity, each command preceded by its length, and a fixed array of instruments.
 */
final class HeldCommands
{
    /** Bytes of commands that may wait during one move. */
    static final int CAPACITY = 1 << 20;

    /** Instruments that may be held at once: one moving, the others held after their switch. */
    static final int SLOTS = 4;

    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int NONE = -1;

    private final UnsafeBuffer held = new UnsafeBuffer(new byte[CAPACITY]);
    private final int[] instruments = new int[SLOTS];
    private int count;
    private int moving = NONE;
    private int end;
    private int read;
    private long total;

    /**
     * Holds the instrument as the one moving now (again, when it is still held after an earlier move's switch).
     *
     * @throws IllegalStateException when another instrument is moving, or {@link #SLOTS} are held already.
     */
    void begin(final int instrumentId)
    {
        if (moving != NONE)
        {
            throw new IllegalStateException("instrument " + moving + " is moving already");
        }
        final int at = indexOf(instrumentId);
        if (at >= 0)
        {
            remove(at);
        }
        else if (count == SLOTS)
        {
            throw new IllegalStateException("instruments held already: " + SLOTS);
        }
        instruments[count++] = instrumentId;
        moving = instrumentId;
    }

    /**
     * The moving instrument's move ended (switched or rolled back); it stays held until {@link #end}.
     *
     * @return the instrument, or -1 when none was moving.
     */
    int switched()
    {
        final int instrumentId = moving;
        moving = NONE;
        return instrumentId;
    }

    /**
     * Stops holding the instrument.
     */
    void end(final int instrumentId)
    {
        final int at = indexOf(instrumentId);
        if (at >= 0)
        {
            remove(at);
        }
        if (instrumentId == moving)
        {
            moving = NONE;
        }
    }

    /**
     * @return the instrument moving now, or, when none is, the one held last after its switch, or -1.
     */
    int moving()
    {
        return moving != NONE ? moving : count > 0 ? instruments[count - 1] : NONE;
    }

    /**
     * @return whether the instrument is the one moving now (its move neither switched nor rolled back yet).
     */
    boolean isMoving(final int instrumentId)
    {
        return moving != NONE && instrumentId == moving;
    }

    /**
     * @return instruments held, the moving one included.
     */
    int held()
    {
        return count;
    }

    /**
     * @return the instrument held at the index (0 the oldest), below {@link #held}.
     */
    int instrument(final int index)
    {
        return instruments[index];
    }

    /**
     * @return whether the instrument is held (moving or after its switch).
     */
    boolean holds(final int instrumentId)
    {
        return indexOf(instrumentId) >= 0;
    }

    /**
     * @return whether an instrument is held after its switch.
     */
    boolean anyAfterSwitch()
    {
        return count > (moving != NONE ? 1 : 0);
    }

    /**
     * @return whether instruments are held and none of them is moving: all are held after their switch.
     */
    boolean onlyAfterSwitch()
    {
        return count > 0 && moving == NONE;
    }

    /**
     * @return commands waiting.
     */
    boolean isEmpty()
    {
        return read == end;
    }

    /**
     * @return commands held back so far.
     */
    long total()
    {
        return total;
    }

    /**
     * @return whether the command must wait: an instrument is held and the command may touch it, or commands wait.
     */
    boolean mustWait(final DirectBuffer buffer, final int offset, final int length)
    {
        if (read != end)
        {
            return true;
        }
        if (count == 0 || length < HEADER)
        {
            return false;
        }
        final int body = offset + HEADER;
        switch (buffer.getShort(offset + MessageHeaderDecoder.templateIdEncodingOffset(), ORDER) & 0xFFFF)
        {
            case NewOrderDecoder.TEMPLATE_ID:
                return names(buffer, body + NewOrderDecoder.instrumentIdEncodingOffset(), false);
            case AddInstrumentDecoder.TEMPLATE_ID:
                return names(buffer, body + AddInstrumentDecoder.instrumentIdEncodingOffset(), false);
            case HaltInstrumentDecoder.TEMPLATE_ID:
                return names(buffer, body + HaltInstrumentDecoder.instrumentIdEncodingOffset(), false);
            case ResumeInstrumentDecoder.TEMPLATE_ID:
                return names(buffer, body + ResumeInstrumentDecoder.instrumentIdEncodingOffset(), false);
            case EndOfDayDecoder.TEMPLATE_ID:
                return names(buffer, body + EndOfDayDecoder.instrumentIdEncodingOffset(), true);
            case QueryOpenOrdersDecoder.TEMPLATE_ID:
                return names(buffer, body + QueryOpenOrdersDecoder.instrumentIdEncodingOffset(), true);
            case CancelOrderDecoder.TEMPLATE_ID:
            case ReplaceOrderDecoder.TEMPLATE_ID:
            case MassCancelDecoder.TEMPLATE_ID:
            case QueryBalancesDecoder.TEMPLATE_ID:
                return true;
            default:
                return false;
        }
    }

    /**
     * @return whether the command is a new order for an instrument held now: it is answered as the halted
     * instrument answers it, {@code INSTRUMENT_HALTED}, and not held.
     */
    boolean isNewOrderOfMoving(final DirectBuffer buffer, final int offset, final int length)
    {
        return count > 0 && length >= HEADER &&
            (buffer.getShort(offset + MessageHeaderDecoder.templateIdEncodingOffset(), ORDER) & 0xFFFF) ==
            NewOrderDecoder.TEMPLATE_ID &&
            indexOf(buffer.getInt(offset + HEADER + NewOrderDecoder.instrumentIdEncodingOffset(), ORDER)) >= 0;
    }

    /**
     * @return 1 when the command waits now, or {@link VenueClient#BACK_PRESSURED} when the queue is full.
     */
    long hold(final DirectBuffer buffer, final int offset, final int length)
    {
        if (end + Integer.BYTES + length > CAPACITY)
        {
            return VenueClient.BACK_PRESSURED;
        }
        held.putInt(end, length);
        held.putBytes(end + Integer.BYTES, buffer, offset, length);
        end += Integer.BYTES + length;
        total++;
        return 1;
    }

    /**
     * Sends waiting commands in order until one is pushed back; none while an instrument is held.
     *
     * @return commands sent.
     */
    int release(final Sender sender)
    {
        int sent = 0;
        while (count == 0 && read < end)
        {
            final int length = held.getInt(read);
            final long result = sender.send(held, read + Integer.BYTES, length);
            if (result <= 0 && result != VenueClient.CLOSED)
            {
                break;
            }
            read += Integer.BYTES + length;
            sent++;
        }
        if (read == end)
        {
            read = 0;
            end = 0;
        }
        return sent;
    }

    private boolean names(final DirectBuffer buffer, final int field, final boolean zeroMeansAll)
    {
        final int instrumentId = buffer.getInt(field, ORDER);
        return indexOf(instrumentId) >= 0 || (zeroMeansAll && instrumentId == 0);
    }

    private int indexOf(final int instrumentId)
    {
        for (int i = 0; i < count; i++)
        {
            if (instruments[i] == instrumentId)
            {
                return i;
            }
        }
        return NONE;
    }

    private void remove(final int at)
    {
        System.arraycopy(instruments, at + 1, instruments, at, count - at - 1);
        count--;
    }

    /**
     * Where released commands go.
     */
    @FunctionalInterface
    interface Sender
    {
        long send(DirectBuffer buffer, int offset, int length);
    }
}
