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
 * instrument of an account with nothing waiting is refused {@code INSTRUMENT_HALTED} (retryable, as during a move),
 * and any other command is pushed back (also while the routes are known and the commands still drain: none is refused
 * then). When the routes are not known in time ({@link #overdue}: shard 0 does not answer), the held cancels, replaces
 * and mass cancels are refused {@code INSTRUMENT_HALTED} in their turn, and so is every later one until the routes are
 * known: at once when its account has nothing waiting, else in its turn too; the other held commands go on (an
 * open-orders query by the stored table). So the commands of one account are answered in the order they came: a
 * refusal in its turn waits until the commands before it were sent and the answers of those of its account that go
 * through a {@link FanOutTable} (queries, mass cancels, cancels by client order id) came ({@code answersBefore}), or
 * those fan-outs are overdue ({@link #answersOverdue}: a silent shard would else stop the queue for good); the
 * commands behind it wait with it. The order is not kept for an answer that comes without an open fan-out (a mass
 * cancel's that {@link LateReplies} keeps back until it was sent again to a move's target, or the answer to a command
 * the move hold took, {@link HeldCommands}), nor for a fan-out's past that bound (it may come after the refusal). As
 * for any two commands sent to different shards, the answer to an earlier single-shard command, a new order, may
 * still come after the refusal; and a refusal made at once may come before the answer to a command its account sent
 * just before it. Each refusal is counted. One thread; no allocation after {@link #begin}: one buffer of fixed
 * capacity, each command preceded by its length, and room for {@link #LIMIT} refusals in {@link LocalEvents}; more
 * refusals made before a poll delivered all those before them (refusals at once, or a poll limit below their number)
 * grow it.
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
    private final FanOutTable fanOuts;
    private final LocalEvents local;
    private int state = OFF;
    private int count;
    private int end;
    private int read;
    private long answersBefore;
    private long answersFrom;
    private long answersMark;
    private long held;
    private long refused;

    /**
     * @param fanOuts the commands sent to shards whose answers are merged: a refusal waits for its account's.
     * @param local   where refusals wait for the next poll.
     */
    CatchUpHold(final FanOutTable fanOuts, final LocalEvents local)
    {
        this.fanOuts = fanOuts;
        this.local = local;
    }

    /**
     * Holds the commands whose shard may be stale from now on, until {@link #release}.
     */
    void begin()
    {
        if (queue.capacity() == 0)
        {
            queue.wrap(new byte[LIMIT * (Integer.BYTES + FanOutTable.MAX_COMMAND)]);
            local.reserveRefusals(LIMIT);
        }
        answersFrom = 0;
        answersMark = 0;
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
     * Bounds the wait of an overdue refusal for its account's earlier answers: the fan-outs opened before the previous
     * call no longer hold it (each waited at least one period of these calls). A shard that took a query and then fell
     * silent (shard 0 down, the very reason the routes are overdue) frees no fan-out, and would else hold the refusal,
     * and every command queued behind it, for as long as it is down. Called periodically while overdue, by the
     * gateway, which reads the clock.
     */
    void answersOverdue()
    {
        answersFrom = answersMark;
        answersMark = fanOuts.nextSerial();
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
     * are refused {@code INSTRUMENT_HALTED} in their turn ({@link #drain}) and so is every one until {@link #release};
     * the other held commands go on.
     */
    void overdue()
    {
        if (state == HOLDING)
        {
            state = OVERDUE;
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
     * Takes a command {@link #takes} says is taken here: queued, or, when its account has nothing queued and the hold
     * is overdue or (holding) full, a cancel or replace by order id or a mass cancel of one instrument is refused
     * {@code INSTRUMENT_HALTED} (its answer waits in {@link LocalEvents}). A queued command of no one account (a mass
     * cancel of every account's orders) holds every later command behind it until the queue drains, as it may act on
     * any account's.
     *
     * @return 1 when the command waits or is answered, {@link VenueClient#BACK_PRESSURED} when the queue is full and
     * it is another command, or one of an account with commands queued (refusing it would overtake them; released,
     * the queue drains at the next poll).
     */
    long take(final DirectBuffer buffer, final int offset, final int length)
    {
        final boolean behind = read != end &&
            accounts.reaches(CommandRouter.NO_SHARD, HeldReach.accountOf(buffer, offset, length));
        if (!behind && kind(buffer, offset, length) == REFUSABLE && (state == OVERDUE || count == LIMIT))
        {
            return refuse(buffer, offset);
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
     * is pushed back; overdue, refuses a cancel or replace by order id or a mass cancel of one instrument in its turn,
     * once the answers its account waits for from the fan-outs sent before that turn came, or once those fan-outs are
     * overdue ({@link #answersOverdue}).
     *
     * @return commands sent or refused.
     */
    int drain(final HeldCommands.Sender sender)
    {
        int sent = 0;
        while (state != HOLDING && read < end)
        {
            final int length = queue.getInt(read);
            final int command = read + Integer.BYTES;
            if (state == OVERDUE && kind(queue, command, length) == REFUSABLE)
            {
                if (answersBefore == 0)
                {
                    answersBefore = fanOuts.nextSerial();
                }
                if (fanOuts.answersPendingOf(HeldReach.accountOf(queue, command, length), answersFrom,
                    answersBefore))
                {
                    break;
                }
                refuse(queue, command);
            }
            else
            {
                final long result = sender.send(queue, command, length);
                if (result <= 0 && result != VenueClient.CLOSED)
                {
                    break;
                }
            }
            answersBefore = 0;
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

    private long refuse(final DirectBuffer buffer, final int offset)
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
        answersBefore = 0;
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
