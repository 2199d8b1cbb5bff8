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
import io.disruptorx.shard.routing.RoutingTable;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Commands held back while an instrument moves between shards, applied after the move in the order they came. While
 * an instrument is held (moving, or kept after its switch), a command waits when it may touch it:
 *
 * <ul>
 *     <li>an administrative command naming it; an EndOfDay, MassCancel or QueryOpenOrders naming it or all
 *     instruments (its new orders are refused as halted instead, {@link #isNewOrderOfMoving});</li>
 *     <li>a cancel or replace naming an order whose shard now ({@link CommandRouter#shardOfOrder}) is the one a held
 *     instrument is routed to, or that the moving one leaves ({@link #leaves}): a moving instrument's source (an
 *     order id alone does not say whether the order moves);
 *     after its switch, its target (so that none overtakes a mass cancel sent there again, {@link LateReplies}). The
 *     target is not held during the move: until the switch no order id routes to a restored order (their places are
 *     learned at the switch), and its other orders are other instruments'. Every cancel and replace by order id waits
 *     while the moved orders' places are unknown ({@link #orderPlacesUnknown});</li>
 *     <li>a cancel or replace by client order id (it goes to every shard) of an account the move may carry orders of
 *     ({@link MovingAccounts}: those in the book as read; every account until then);</li>
 *     <li>a balance query of such an account (every account until the book is read, unless the move has changed no
 *     funds yet, {@link #fundsUntouched}): the shards apply the query at cuts of their own, and a moving hold is locked
 *     at the source before MoveOut and at the target after its restore, so a sum over one shard before and the other
 *     after would show it locked twice (and in transfer by minus it) or not locked at all (in transfer); an undone
 *     move's restores are locked on both shards until the undo; and, for another gateway's move, the answer could
 *     overtake a mass cancel the client sent before the hold that the target gets again after the switch. The move
 *     changes no other account's funds, so another account's query is answered at once, exact at any cut.</li>
 * </ul>
 *
 * <p>A command that touches no held instrument still waits when it would overtake a command held before it: it goes
 * to a shard a held command goes to, or to every shard, or is of an account a held command is of (its funds on one
 * shard may depend on a command on another: a top-up reads the other shard). Only commands of other accounts to other
 * shards go on at once, which those shards would apply in no fixed order relative to the held ones anyway. So the
 * commands of one account, and those to one shard, keep their order; but for a balance query, which changes nothing
 * and goes on ahead of held commands that cannot change its account's funds ({@link HeldReach#mayChangeFundsOf}: of
 * other accounts, and cancels, mass cancels of one account or queries): its answer is the one it would get after
 * them. Once no instrument is held, commands keep
 * joining the back of the queue until it is empty, so none overtakes one held before it. A full queue back-pressures
 * the caller; nothing is dropped.
 *
 * <p>More than one instrument may be held at once ({@link #SLOTS} of them): a move whose route switched may stay held
 * until the source answered the commands sent before its hold ({@link LateReplies}) while the next move is already
 * announced. At most one of them is moving ({@link #begin} to {@link #switched}); the others are held after their
 * switch until {@link #end}. The queue is released once no instrument is held. No allocation: one buffer of fixed
 * capacity, each command preceded by its length, a fixed array of instruments, and what the held commands reach
 * ({@link HeldReach}).
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
    private final int[] sources = new int[SLOTS];
    private final HeldReach reach;
    private final MovingAccounts accounts = new MovingAccounts(SLOTS);
    private boolean placesUnknown;
    private int count;
    private int moving = NONE;
    private int end;
    private int read;
    private long total;

    /**
     * @param shards the shards commands go to.
     */
    HeldCommands(final int shards)
    {
        reach = new HeldReach(shards);
    }

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
        accounts.begin(count, at >= 0);
        sources[count] = NONE;
        instruments[count++] = instrumentId;
        moving = instrumentId;
    }

    /**
     * The moving instrument's move has changed no funds yet, and names its accounts ({@link #movingAccounts}) before
     * it does: balance queries go on until then (a gateway's own move before its MoveOut; the shards take MoveOut
     * and the restores after every query routed before them).
     */
    void fundsUntouched()
    {
        final int at = moving == NONE ? NONE : indexOf(moving);
        if (at >= 0)
        {
            accounts.untouched(at);
        }
    }

    /**
     * The moving instrument's move carries orders of these accounts only (the first {@code count}; its book as read
     * after the halt): from now on balance queries and cancels and replaces by client order id of other accounts do
     * not wait for it ({@link MovingAccounts}).
     */
    void movingAccounts(final long[] accountIds, final int count)
    {
        final int at = moving == NONE ? NONE : indexOf(moving);
        if (at >= 0)
        {
            accounts.add(at, accountIds, count);
        }
    }

    /**
     * The moving instrument leaves the shard (another gateway's move, as its source announced it): cancels and
     * replaces of orders there wait, whichever shard the table routes the instrument to.
     */
    void leaves(final int source)
    {
        final int at = moving == NONE ? NONE : indexOf(moving);
        if (at >= 0)
        {
            sources[at] = source;
        }
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
     * Stops holding the instrument. Commands still waiting (behind another instrument held, or pushed back) may now go
     * elsewhere than the table said when they were held (a held command of this instrument goes to its target after
     * the switch), and commands of this instrument are no longer held for naming it: so each waiting command's
     * shard under the table followed now is added to what they reach, and nothing of this instrument overtakes them.
     */
    void end(final int instrumentId, final CommandRouter router, final RoutingTable table)
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
        for (int position = read; position < end; position += Integer.BYTES + held.getInt(position))
        {
            final int length = held.getInt(position);
            reach.add(router.destination(table, held, position + Integer.BYTES, length),
                HeldReach.accountOf(held, position + Integer.BYTES, length));
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
     * The gateway followed a routing table while an instrument is held, not at a move's switch (a gateway catching
     * up with moves it missed): where the orders of the instruments it caught up rest is not known until the hold
     * ends, so every cancel and replace naming an order id waits until then.
     */
    void orderPlacesUnknown()
    {
        if (count > 0)
        {
            placesUnknown = true;
        }
    }

    /**
     * @return whether the command must wait: commands wait after a move, until the queue is empty; or an instrument
     * is held and the command may touch it; or it would overtake a command held before it that goes to the same
     * shard or is of the same account, or it goes to every shard while commands are held.
     */
    boolean mustWait(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final CommandRouter router,
        final RoutingTable table)
    {
        if (count == 0)
        {
            return read != end;
        }
        if (touchesHeld(buffer, offset, length, router, table))
        {
            return true;
        }
        if (read == end)
        {
            return false;
        }
        final long account = HeldReach.accountOf(buffer, offset, length);
        return isBalanceQuery(buffer, offset, length) ? reach.mayChangeFundsOf(account) :
            reach.reaches(router.destination(table, buffer, offset, length), account);
    }

    private static boolean isBalanceQuery(final DirectBuffer buffer, final int offset, final int length)
    {
        return length >= HEADER && (buffer.getShort(offset + MessageHeaderDecoder.templateIdEncodingOffset(), ORDER) &
            0xFFFF) == QueryBalancesDecoder.TEMPLATE_ID;
    }

    private boolean touchesHeld(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final CommandRouter router,
        final RoutingTable table)
    {
        if (length < HEADER)
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
            case MassCancelDecoder.TEMPLATE_ID:
                return names(buffer, body + MassCancelDecoder.instrumentIdEncodingOffset(), true);
            case CancelOrderDecoder.TEMPLATE_ID:
                return mayBeHeldOrder(buffer.getLong(body + CancelOrderDecoder.orderIdEncodingOffset(), ORDER),
                    buffer.getLong(body + CancelOrderDecoder.accountIdEncodingOffset(), ORDER), router, table);
            case ReplaceOrderDecoder.TEMPLATE_ID:
                return mayBeHeldOrder(buffer.getLong(body + ReplaceOrderDecoder.orderIdEncodingOffset(), ORDER),
                    buffer.getLong(body + ReplaceOrderDecoder.accountIdEncodingOffset(), ORDER), router, table);
            case QueryBalancesDecoder.TEMPLATE_ID:
                return accounts.fundsMayChange(count,
                    buffer.getLong(body + QueryBalancesDecoder.accountIdEncodingOffset(), ORDER));
            default:
                return false;
        }
    }

    /**
     * @return whether the order may be one of a held instrument: its place unknown; named by client order id (it goes
     * to every shard) of an account a held move may carry orders of; or resting now on the shard a held instrument is
     * routed to (a moving one's source; after its switch, its target) or left ({@link #leaves}).
     */
    private boolean mayBeHeldOrder(
        final long orderId, final long account, final CommandRouter router, final RoutingTable table)
    {
        if (placesUnknown)
        {
            return true;
        }
        if (orderId == 0)
        {
            return accounts.ordersMayMove(count, account);
        }
        final int shard = router.shardOfOrder(orderId);
        for (int i = 0; i < count; i++)
        {
            if (table.shardOf(instruments[i]) == shard || sources[i] == shard)
            {
                return true;
            }
        }
        return false;
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
     * Queues the command; until the queue is empty, later commands to its shard (every shard, for one that goes to
     * every shard) and of its account wait behind it ({@link #mustWait}).
     *
     * @return 1 when the command waits now, or {@link VenueClient#BACK_PRESSURED} when the queue is full.
     */
    long hold(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final CommandRouter router,
        final RoutingTable table)
    {
        if (end + Integer.BYTES + length > CAPACITY)
        {
            return VenueClient.BACK_PRESSURED;
        }
        held.putInt(end, length);
        held.putBytes(end + Integer.BYTES, buffer, offset, length);
        end += Integer.BYTES + length;
        total++;
        reach.add(router.destination(table, buffer, offset, length), HeldReach.accountOf(buffer, offset, length));
        reach.addEffects(buffer, offset, length);
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
            reach.clear();
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
        accounts.remove(at, count);
        System.arraycopy(instruments, at + 1, instruments, at, count - at - 1);
        System.arraycopy(sources, at + 1, sources, at, count - at - 1);
        count--;
        if (count == 0)
        {
            placesUnknown = false;
        }
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
