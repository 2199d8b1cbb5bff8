package io.disruptorx.shard.venue;

import java.nio.ByteOrder;

import io.disruptorx.protocol.sbe.command.CancelOrderDecoder;
import io.disruptorx.protocol.sbe.command.MassCancelDecoder;
import io.disruptorx.protocol.sbe.command.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.command.QueryOpenOrdersDecoder;
import io.disruptorx.protocol.sbe.command.ReplaceOrderDecoder;
import io.disruptorx.protocol.venue.VenueClient;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Commands whose shard may be stale held from a gateway's start until it caught up with the moves it missed
 * (docs/scaling.md, "A gateway that missed moves"): until shard 0 answered, the stored table and moved-order routes
 * may send a cancel or replace by global order id to the shard an order left while the gateway was down (which would
 * answer {@code UNKNOWN_ORDER} for a live order), and a mass cancel or open-orders query of one instrument to the
 * shard the instrument left (which would cancel or show none of its orders). So each waits here and goes on, in the
 * order it came, once the routes are known ({@link #release}), by the caught-up table and moved-order routes. A later
 * command of the account of a held one waits behind it (the commands of one account keep their order); other
 * commands, new orders (a moved instrument's source answers {@code INSTRUMENT_HALTED}, retryable) and commands that
 * go to every shard (cancels and replaces by client order id among them) go on at once.
 *
 * <p>Bounded: at most {@link #LIMIT} commands wait; beyond, a cancel or replace by order id or a mass cancel of one
 * instrument is refused {@code INSTRUMENT_HALTED} (retryable, as during a move) and another command is pushed back.
 * When the routes are not known in time ({@link #overdue}: shard 0 does not answer), the held cancels, replaces and
 * mass cancels are refused {@code INSTRUMENT_HALTED}, and so is every later one until the routes are known; the other
 * held commands go on (an open-orders query by the stored table). Each refusal is counted. One thread; no allocation
 * after {@link #begin}: one buffer of fixed capacity, each command preceded by its length.
 */
final class CatchUpHold
{
    /** Commands that may wait at once. */
    static final int LIMIT = ShardedVenueClient.CATCH_UP_HOLD_LIMIT;

    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int OFF = 0;
    private static final int HOLDING = 1;
    private static final int OVERDUE = 2;
    private static final int GOES_ON = 0;
    private static final int REFUSABLE = 1;
    private static final int QUERY = 2;

    private final UnsafeBuffer queue = new UnsafeBuffer(0, 0);
    private final HeldReach accounts = new HeldReach(0);
    private int state = OFF;
    private int count;
    private int end;
    private int read;
    private long held;
    private long refused;

    /**
     * Holds the commands whose shard may be stale from now on, until {@link #release}.
     */
    void begin()
    {
        if (queue.capacity() == 0)
        {
            queue.wrap(new byte[LIMIT * (Integer.BYTES + FanOutTable.MAX_COMMAND)]);
        }
        state = HOLDING;
    }

    /**
     * The routes are known: the held commands go on (in {@link #drain}), new ones are no longer held.
     */
    void release()
    {
        state = OFF;
    }

    /**
     * @return whether commands whose shard may be stale wait (or, overdue, are refused) now.
     */
    boolean isActive()
    {
        return state != OFF;
    }

    /**
     * The routes were not known in time: the held cancels and replaces by order id and mass cancels of one instrument
     * are refused {@code INSTRUMENT_HALTED} and so is every one until {@link #release}; the other held commands go on
     * in {@link #drain}.
     */
    void overdue(final LocalEvents local)
    {
        if (state != HOLDING)
        {
            return;
        }
        state = OVERDUE;
        int kept = read;
        int position = read;
        while (position < end)
        {
            final int length = queue.getInt(position);
            final int command = position + Integer.BYTES;
            position = command + length;
            if (kind(queue, command, length) == REFUSABLE)
            {
                refuse(queue, command, local);
                count--;
            }
            else
            {
                queue.putInt(kept, length);
                queue.putBytes(kept + Integer.BYTES, queue, command, length);
                kept += Integer.BYTES + length;
            }
        }
        end = kept;
        if (read == end)
        {
            clear();
        }
    }

    /**
     * @return whether the command waits here or is answered here: while active, a cancel or replace by order id, a
     * mass cancel of one instrument, or (unless overdue) an open-orders query of one instrument; any command of a
     * held command's account while commands wait.
     */
    boolean takes(final DirectBuffer buffer, final int offset, final int length)
    {
        if (state != OFF)
        {
            final int kind = kind(buffer, offset, length);
            if (kind == REFUSABLE || kind == QUERY && state == HOLDING)
            {
                return true;
            }
        }
        return read != end && accounts.reaches(CommandRouter.NO_SHARD, HeldReach.accountOf(buffer, offset, length));
    }

    /**
     * Takes a command {@link #takes} says is taken here: queued, or, overdue or with the queue full, a cancel or
     * replace by order id or a mass cancel of one instrument is refused {@code INSTRUMENT_HALTED} (its answer waits in
     * {@code local}). A queued command of no one account (a mass cancel of every account's orders) holds every later
     * command behind it until the queue drains, as it may act on any account's.
     *
     * @return 1 when the command waits or is answered, {@link VenueClient#BACK_PRESSURED} when the queue is full and
     * it is another command.
     */
    long take(final DirectBuffer buffer, final int offset, final int length, final LocalEvents local)
    {
        if (kind(buffer, offset, length) == REFUSABLE && (state == OVERDUE || count == LIMIT))
        {
            return refuse(buffer, offset, local);
        }
        if (count == LIMIT || length > FanOutTable.MAX_COMMAND)
        {
            return VenueClient.BACK_PRESSURED;
        }
        queue.putInt(end, length);
        queue.putBytes(end + Integer.BYTES, buffer, offset, length);
        end += Integer.BYTES + length;
        count++;
        held++;
        final long account = HeldReach.accountOf(buffer, offset, length);
        accounts.add(account == 0 ? CommandRouter.ALL_SHARDS : CommandRouter.NO_SHARD, account);
        return 1;
    }

    /**
     * Sends the waiting commands in order, once they no longer wait for the routes (released or overdue), until one
     * is pushed back.
     *
     * @return commands sent.
     */
    int drain(final HeldCommands.Sender sender)
    {
        int sent = 0;
        while (state != HOLDING && read < end)
        {
            final int length = queue.getInt(read);
            final long result = sender.send(queue, read + Integer.BYTES, length);
            if (result <= 0 && result != VenueClient.CLOSED)
            {
                break;
            }
            read += Integer.BYTES + length;
            sent++;
        }
        if (read == end)
        {
            clear();
        }
        return sent;
    }

    /**
     * @return whether commands wait here.
     */
    boolean isEmpty()
    {
        return read == end;
    }

    /**
     * @return commands held here so far.
     */
    long held()
    {
        return held;
    }

    /**
     * @return cancels and replaces by order id and mass cancels refused {@code INSTRUMENT_HALTED} here so far (routes
     * overdue or queue full).
     */
    long refused()
    {
        return refused;
    }

    private long refuse(final DirectBuffer buffer, final int offset, final LocalEvents local)
    {
        refused++;
        final int body = offset + HEADER;
        switch (templateId(buffer, offset))
        {
            case CancelOrderDecoder.TEMPLATE_ID:
                return local.notRoutedYet(buffer.getLong(body + CancelOrderDecoder.orderIdEncodingOffset(), ORDER),
                    buffer.getLong(body + CancelOrderDecoder.requestIdEncodingOffset(), ORDER),
                    buffer.getLong(body + CancelOrderDecoder.accountIdEncodingOffset(), ORDER));
            case ReplaceOrderDecoder.TEMPLATE_ID:
                return local.notRoutedYet(buffer.getLong(body + ReplaceOrderDecoder.orderIdEncodingOffset(), ORDER),
                    buffer.getLong(body + ReplaceOrderDecoder.requestIdEncodingOffset(), ORDER),
                    buffer.getLong(body + ReplaceOrderDecoder.accountIdEncodingOffset(), ORDER));
            default:
                return local.massCancelNotRoutedYet(
                    buffer.getLong(body + MassCancelDecoder.accountIdEncodingOffset(), ORDER));
        }
    }

    private void clear()
    {
        read = 0;
        end = 0;
        count = 0;
        accounts.clear();
    }

    /**
     * @return {@link #REFUSABLE} for a cancel or replace by global order id or a mass cancel of one instrument,
     * {@link #QUERY} for an open-orders query of one instrument, else {@link #GOES_ON}.
     */
    private static int kind(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER)
        {
            return GOES_ON;
        }
        final int body = offset + HEADER;
        switch (templateId(buffer, offset))
        {
            case CancelOrderDecoder.TEMPLATE_ID:
                return buffer.getLong(body + CancelOrderDecoder.orderIdEncodingOffset(), ORDER) != 0 ? REFUSABLE :
                    GOES_ON;
            case ReplaceOrderDecoder.TEMPLATE_ID:
                return buffer.getLong(body + ReplaceOrderDecoder.orderIdEncodingOffset(), ORDER) != 0 ? REFUSABLE :
                    GOES_ON;
            case MassCancelDecoder.TEMPLATE_ID:
                return buffer.getInt(body + MassCancelDecoder.instrumentIdEncodingOffset(), ORDER) != 0 ? REFUSABLE :
                    GOES_ON;
            case QueryOpenOrdersDecoder.TEMPLATE_ID:
                return buffer.getInt(body + QueryOpenOrdersDecoder.instrumentIdEncodingOffset(), ORDER) != 0 ? QUERY :
                    GOES_ON;
            default:
                return GOES_ON;
        }
    }

    private static int templateId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + MessageHeaderDecoder.templateIdEncodingOffset(), ORDER) & 0xFFFF;
    }
}
