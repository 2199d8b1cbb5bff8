package io.disruptorx.shard.venue;

import java.nio.ByteOrder;
import java.util.function.LongConsumer;

import io.disruptorx.protocol.sbe.command.AddInstrumentDecoder;
import io.disruptorx.protocol.sbe.command.AdjustBalanceDecoder;
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
import io.disruptorx.protocol.sbe.command.SetRiskLimitsDecoder;
import io.disruptorx.protocol.sbe.command.TakeSnapshotDecoder;
import io.disruptorx.protocol.sbe.event.AdminType;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.ShardIds;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongLongConsumer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Sends each command to the shard that must apply it, read in place from its SBE header and fields:
 *
 * <ul>
 *     <li>by instrument: NewOrder, AddInstrument, HaltInstrument, ResumeInstrument, EndOfDay and MassCancel of one
 *     instrument;</li>
 *     <li>by the shard in a global order id ({@link ShardIds}): CancelOrder and ReplaceOrder, rewritten to the
 *     shard's own order id, unless the order moved with its instrument: then to the shard it moved to;</li>
 *     <li>by the account's home shard: AdjustBalance;</li>
 *     <li>to every shard, replies merged ({@link FanOutTable}): SetRiskLimits, TakeSnapshot, EndOfDay and
 *     MassCancel of all instruments, and CancelOrder and ReplaceOrder named by client order id (order id 0);</li>
 *     <li>to every shard, each asset's amounts summed over the shards into one answer: QueryBalances (an account's
 *     funds are spread over the shards it trades on; each shard's answer carries its part of the funds on their way
 *     between shards);</li>
 *     <li>to every shard, the shards' answers joined into one in shard order ({@link OpenOrderAnswers}):
 *     QueryOpenOrders of all instruments (an account's open orders are on the shards of their instruments); of one
 *     instrument, to its shard only;</li>
 *     <li>anything else to shard 0, whose host counts what it cannot read.</li>
 * </ul>
 */
final class CommandRouter
{
    /** {@link #destination} of a command that goes to every shard. */
    static final int ALL_SHARDS = -1;
    /** {@link #destination} of a command answered here, by no shard. */
    static final int NO_SHARD = -2;

    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    /**
     * Ends of moved orders not routed here yet that are remembered at most (beyond, their routes stay once learned):
     * the only bound on that memory ({@link #movedOrderEnded}).
     */
    static final int ENDED_FIRST_LIMIT = 1 << 16;

    private final VenueClient[] shards;
    private final FanOutTable fanOuts;
    private final LocalEvents local;
    private final UnsafeBuffer rewritten = new UnsafeBuffer(new byte[FanOutTable.MAX_COMMAND]);
    private final long[] routed;
    private final Long2LongHashMap movedOrders = new Long2LongHashMap(-1);
    private final Long2LongHashMap endedFirst = new Long2LongHashMap(-1);
    private LongConsumer endedListener = orderId ->
    {
    };

    CommandRouter(final VenueClient[] shards, final FanOutTable fanOuts, final LocalEvents local)
    {
        this.shards = shards;
        this.fanOuts = fanOuts;
        this.local = local;
        this.routed = new long[shards.length];
    }

    /**
     * Routes commands naming the order by its global id to the shard it moved to from now on, unless that shard's
     * events already ended the order ({@link #movedOrderEnded} before this gateway learned of the move): then the
     * order is routed as if it had never moved.
     *
     * @return whether the order is routed to the shard (it did not end there first).
     */
    boolean orderMoved(final long globalOrderId, final int shard)
    {
        if (!endedFirst.isEmpty() && endedFirst.get(globalOrderId) == shard)
        {
            endedFirst.remove(globalOrderId);
            movedOrders.remove(globalOrderId);
            return false;
        }
        movedOrders.put(globalOrderId, shard);
        return true;
    }

    /**
     * A moved order ended (cancelled, expired, filled) on the shard it rests on: commands naming it go to the shard
     * its id names again, whose answer ({@code UNKNOWN_ORDER}) is the one the target would give. When this gateway
     * does not route the order to that shard yet (it has not learned of that move), it remembers the end until it
     * does ({@link #orderMoved}), at most {@link #ENDED_FIRST_LIMIT} of them (beyond, such an order's route stays
     * once learned: its shard answers {@code UNKNOWN_ORDER} for it all the same, but a cancel this gateway sent
     * before it learned of the move and that the source answered after its MoveOut is handed on as retryable).
     *
     * <p>Other moves ending here meanwhile do not forget it: the end is needed until this gateway learns the move
     * that routes the order to that shard, and moves overlap (a gateway behind on one source follows or makes other
     * moves first, any number of them), so neither clearing at each move's end nor keeping the ends of the last N
     * moves is safe. An end stays remembered only when that move is never learned here by its orders (a catch-up
     * learns only the orders still resting); such an order ended there, and its entry only takes room. A kept end is
     * never that of an order alive on another shard (a restored copy ends while its original rests only before the
     * source's MoveOut; refused, the move is undone, and the target refuses the undo's MoveOut once a copy ended), so
     * ends are not keyed by move. No allocation unless that memory grows.
     *
     * @param globalOrderId the order's global id.
     * @param shard         the shard whose event ended it.
     */
    void movedOrderEnded(final long globalOrderId, final int shard)
    {
        if (movedOrders.get(globalOrderId) == shard)
        {
            movedOrders.remove(globalOrderId);
        }
        else if (endedFirst.size() < ENDED_FIRST_LIMIT)
        {
            endedFirst.put(globalOrderId, shard);
        }
        endedListener.accept(globalOrderId);
    }

    /**
     * Stops routing the order to the shard it moved to, if it is routed there now.
     *
     * @return whether it was.
     */
    boolean forgetMovedOrder(final long globalOrderId, final int shard)
    {
        return movedOrders.get(globalOrderId) == shard && movedOrders.remove(globalOrderId) == shard;
    }

    /**
     * @param listener told the global id of each moved order that ended (from the event path).
     */
    void onMovedOrderEnded(final LongConsumer listener)
    {
        endedListener = listener;
    }

    /**
     * @param action told each moved order routed to the shard it moved to: its global id and that shard.
     */
    void forEachMovedOrder(final LongLongConsumer action)
    {
        movedOrders.forEachLong(action);
    }

    int movedOrders()
    {
        return movedOrders.size();
    }

    int endedFirst()
    {
        return endedFirst.size();
    }

    long commandsRouted(final int shard)
    {
        return routed[shard];
    }

    long route(final RoutingTable table, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER)
        {
            return send(0, buffer, offset, length);
        }
        final int templateId = buffer.getShort(offset + MessageHeaderDecoder.templateIdEncodingOffset(), ORDER) &
            0xFFFF;
        final int body = offset + HEADER;
        switch (templateId)
        {
            case NewOrderDecoder.TEMPLATE_ID:
                return send(table.shardOf(buffer.getInt(body + NewOrderDecoder.instrumentIdEncodingOffset(), ORDER)),
                    buffer, offset, length);
            case AddInstrumentDecoder.TEMPLATE_ID:
                return byInstrument(table, buffer, offset, length, AddInstrumentDecoder.instrumentIdEncodingOffset());
            case HaltInstrumentDecoder.TEMPLATE_ID:
                return byInstrument(table, buffer, offset, length, HaltInstrumentDecoder.instrumentIdEncodingOffset());
            case ResumeInstrumentDecoder.TEMPLATE_ID:
                return byInstrument(
                    table, buffer, offset, length, ResumeInstrumentDecoder.instrumentIdEncodingOffset());
            case CancelOrderDecoder.TEMPLATE_ID:
                return byOrder(buffer, offset, length, CancelOrderDecoder.orderIdEncodingOffset(),
                    CancelOrderDecoder.accountIdEncodingOffset(), CancelOrderDecoder.requestIdEncodingOffset());
            case ReplaceOrderDecoder.TEMPLATE_ID:
                return byOrder(buffer, offset, length, ReplaceOrderDecoder.orderIdEncodingOffset(),
                    ReplaceOrderDecoder.accountIdEncodingOffset(), ReplaceOrderDecoder.requestIdEncodingOffset());
            case AdjustBalanceDecoder.TEMPLATE_ID:
                return send(table.homeShardOf(buffer.getLong(body + AdjustBalanceDecoder.accountIdEncodingOffset(),
                    ORDER)), buffer, offset, length);
            case QueryBalancesDecoder.TEMPLATE_ID:
                return fanOut(FanOutTable.BALANCES,
                    buffer.getLong(body + QueryBalancesDecoder.accountIdEncodingOffset(), ORDER),
                    buffer.getLong(body + QueryBalancesDecoder.requestIdEncodingOffset(), ORDER), buffer, offset,
                    length, -1);
            case QueryOpenOrdersDecoder.TEMPLATE_ID:
            {
                final int instrument = buffer.getInt(body + QueryOpenOrdersDecoder.instrumentIdEncodingOffset(), ORDER);
                return fanOut(FanOutTable.OPEN_ORDERS,
                    buffer.getLong(body + QueryOpenOrdersDecoder.accountIdEncodingOffset(), ORDER),
                    buffer.getLong(body + QueryOpenOrdersDecoder.requestIdEncodingOffset(), ORDER), buffer, offset,
                    length, instrument == 0 ? -1 : table.shardOf(instrument));
            }
            case SetRiskLimitsDecoder.TEMPLATE_ID:
                return fanOut(FanOutTable.ADMIN, AdminType.SET_RISK_LIMITS.value(),
                    buffer.getLong(body + SetRiskLimitsDecoder.accountIdEncodingOffset(), ORDER), buffer, offset,
                    length, -1);
            case TakeSnapshotDecoder.TEMPLATE_ID:
                return fanOut(FanOutTable.ADMIN, AdminType.TAKE_SNAPSHOT.value(),
                    buffer.getLong(body + TakeSnapshotDecoder.snapshotIdEncodingOffset(), ORDER), buffer, offset,
                    length, -1);
            case EndOfDayDecoder.TEMPLATE_ID:
            {
                final int instrument = buffer.getInt(body + EndOfDayDecoder.instrumentIdEncodingOffset(), ORDER);
                return instrument == 0 ?
                    fanOut(FanOutTable.ADMIN, AdminType.END_OF_DAY.value(), 0, buffer, offset, length, -1) :
                    send(table.shardOf(instrument), buffer, offset, length);
            }
            case MassCancelDecoder.TEMPLATE_ID:
            {
                final int instrument = buffer.getInt(body + MassCancelDecoder.instrumentIdEncodingOffset(), ORDER);
                final long account = buffer.getLong(body + MassCancelDecoder.accountIdEncodingOffset(), ORDER);
                return fanOut(FanOutTable.ADMIN, AdminType.MASS_CANCEL.value(), account, buffer, offset, length,
                    instrument == 0 ? -1 : table.shardOf(instrument));
            }
            default:
                return send(0, buffer, offset, length);
        }
    }

    /**
     * Offers every fan-out's command again to the shards that pushed back.
     */
    int retryUnsent()
    {
        if (fanOuts.inUse() == 0)
        {
            return 0;
        }
        int work = 0;
        for (int slot = 0; slot < fanOuts.capacity(); slot++)
        {
            if (fanOuts.isOpen(slot) && fanOuts.hasUnsent(slot))
            {
                work += sendUnsent(slot);
            }
        }
        return work;
    }

    private long byInstrument(
        final RoutingTable table, final DirectBuffer buffer, final int offset, final int length, final int field)
    {
        return send(table.shardOf(buffer.getInt(offset + HEADER + field, ORDER)), buffer, offset, length);
    }

    private long byOrder(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final int orderIdField,
        final int accountField,
        final int requestField)
    {
        final int body = offset + HEADER;
        final long orderId = buffer.getLong(body + orderIdField, ORDER);
        final long account = buffer.getLong(body + accountField, ORDER);
        final long requestId = buffer.getLong(body + requestField, ORDER);
        if (orderId == 0)
        {
            return fanOut(FanOutTable.BY_CLIENT_ORDER_ID, account, requestId, buffer, offset, length, -1);
        }
        final long movedTo = movedOrders.isEmpty() ? -1 : movedOrders.get(orderId);
        final int shard = movedTo >= 0 ? (int)movedTo : ShardIds.shardOf(orderId);
        if (shard >= shards.length || length > rewritten.capacity())
        {
            return local.unknownOrder(orderId, requestId, account);
        }
        rewritten.putBytes(0, buffer, offset, length);
        rewritten.putLong(HEADER + orderIdField,
            movedTo >= 0 ? ShardIds.movedLocal(orderId) : ShardIds.localOf(orderId), ORDER);
        return send(shard, rewritten, 0, length);
    }

    /**
     * @param shard a shard.
     * @return whether a command for it must wait: a fan-out it pushed back has not been taken by it yet, and the
     * shard must take commands in the order they came.
     */
    boolean mustWaitFor(final int shard)
    {
        return fanOuts.owes(shard);
    }

    /**
     * The shard a command naming an order by its global id goes to now, as {@link #route} sends it: the shard the
     * order moved to ({@link #orderMoved}), else the one in its id (which may name no shard of this client). No
     * allocation.
     *
     * @param globalOrderId the order's global id, not 0.
     * @return the shard's index.
     */
    int shardOfOrder(final long globalOrderId)
    {
        final long movedTo = movedOrders.isEmpty() ? -1 : movedOrders.get(globalOrderId);
        return movedTo >= 0 ? (int)movedTo : ShardIds.shardOf(globalOrderId);
    }

    /**
     * Where {@link #route} would send the command by the table now; changes nothing, no allocation.
     *
     * @return the shard's index, {@link #ALL_SHARDS} for a command that goes to every shard, or {@link #NO_SHARD}
     * for one answered here (an order id that names no shard).
     */
    int destination(final RoutingTable table, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER)
        {
            return 0;
        }
        final int body = offset + HEADER;
        switch (buffer.getShort(offset + MessageHeaderDecoder.templateIdEncodingOffset(), ORDER) & 0xFFFF)
        {
            case NewOrderDecoder.TEMPLATE_ID:
                return table.shardOf(buffer.getInt(body + NewOrderDecoder.instrumentIdEncodingOffset(), ORDER));
            case AddInstrumentDecoder.TEMPLATE_ID:
                return table.shardOf(buffer.getInt(body + AddInstrumentDecoder.instrumentIdEncodingOffset(), ORDER));
            case HaltInstrumentDecoder.TEMPLATE_ID:
                return table.shardOf(buffer.getInt(body + HaltInstrumentDecoder.instrumentIdEncodingOffset(), ORDER));
            case ResumeInstrumentDecoder.TEMPLATE_ID:
                return table.shardOf(
                    buffer.getInt(body + ResumeInstrumentDecoder.instrumentIdEncodingOffset(), ORDER));
            case CancelOrderDecoder.TEMPLATE_ID:
                return orderDestination(buffer.getLong(body + CancelOrderDecoder.orderIdEncodingOffset(), ORDER));
            case ReplaceOrderDecoder.TEMPLATE_ID:
                return orderDestination(buffer.getLong(body + ReplaceOrderDecoder.orderIdEncodingOffset(), ORDER));
            case AdjustBalanceDecoder.TEMPLATE_ID:
                return table.homeShardOf(buffer.getLong(body + AdjustBalanceDecoder.accountIdEncodingOffset(), ORDER));
            case QueryOpenOrdersDecoder.TEMPLATE_ID:
                return byInstrumentOrAll(table, buffer.getInt(
                    body + QueryOpenOrdersDecoder.instrumentIdEncodingOffset(), ORDER));
            case EndOfDayDecoder.TEMPLATE_ID:
                return byInstrumentOrAll(table, buffer.getInt(body + EndOfDayDecoder.instrumentIdEncodingOffset(),
                    ORDER));
            case MassCancelDecoder.TEMPLATE_ID:
                return byInstrumentOrAll(table, buffer.getInt(body + MassCancelDecoder.instrumentIdEncodingOffset(),
                    ORDER));
            case QueryBalancesDecoder.TEMPLATE_ID:
            case SetRiskLimitsDecoder.TEMPLATE_ID:
            case TakeSnapshotDecoder.TEMPLATE_ID:
                return ALL_SHARDS;
            default:
                return 0;
        }
    }

    private int orderDestination(final long orderId)
    {
        if (orderId == 0)
        {
            return ALL_SHARDS;
        }
        final int shard = shardOfOrder(orderId);
        return shard < shards.length ? shard : NO_SHARD;
    }

    private static int byInstrumentOrAll(final RoutingTable table, final int instrumentId)
    {
        return instrumentId == 0 ? ALL_SHARDS : table.shardOf(instrumentId);
    }

    private long send(final int shard, final DirectBuffer buffer, final int offset, final int length)
    {
        return fanOuts.owes(shard) ? VenueClient.BACK_PRESSURED : offerNow(shard, buffer, offset, length);
    }

    private long offerNow(final int shard, final DirectBuffer buffer, final int offset, final int length)
    {
        final long result = shards[shard].offer(buffer, offset, length);
        if (result > 0)
        {
            routed[shard]++;
        }
        return result;
    }

    private long fanOut(
        final int kind,
        final long key1,
        final long key2,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final int onlyShard)
    {
        if (fanOuts.owes(onlyShard))
        {
            return VenueClient.BACK_PRESSURED;
        }
        final int slot = fanOuts.open(kind, key1, key2, buffer, offset, length, onlyShard);
        if (slot < 0)
        {
            return VenueClient.BACK_PRESSURED;
        }
        long last = VenueClient.BACK_PRESSURED;
        boolean anyTaken = false;
        for (int shard = 0; shard < shards.length; shard++)
        {
            if (fanOuts.isUnsent(slot, shard))
            {
                final long result = offerNow(shard, buffer, offset, length);
                if (result > 0)
                {
                    fanOuts.sent(slot, shard);
                    anyTaken = true;
                }
                else if (!anyTaken)
                {
                    fanOuts.abandon(slot);
                    return result;
                }
                else if (result == VenueClient.CLOSED)
                {
                    fanOuts.giveUp(slot, shard);
                }
                last = Math.max(last, result);
            }
        }
        return last;
    }

    private int sendUnsent(final int slot)
    {
        int work = 0;
        final UnsafeBuffer command = fanOuts.command(slot);
        final int length = fanOuts.commandLength(slot);
        for (int shard = 0; shard < shards.length && fanOuts.isOpen(slot); shard++)
        {
            if (fanOuts.isUnsent(slot, shard))
            {
                final long result = offerNow(shard, command, 0, length);
                if (result > 0)
                {
                    fanOuts.sent(slot, shard);
                    work++;
                }
                else if (result == VenueClient.CLOSED)
                {
                    fanOuts.giveUp(slot, shard);
                    work++;
                }
            }
        }
        return work;
    }
}
