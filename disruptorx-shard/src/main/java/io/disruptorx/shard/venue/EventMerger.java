package io.disruptorx.shard.venue;

import java.nio.ByteOrder;

import io.disruptorx.protocol.sbe.event.AccountBalanceDecoder;
import io.disruptorx.protocol.sbe.event.AccountBalanceEncoder;
import io.disruptorx.protocol.sbe.event.AdminResultDecoder;
import io.disruptorx.protocol.sbe.event.CancelReason;
import io.disruptorx.protocol.sbe.event.CancelRejectedDecoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.event.OpenOrderDecoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderCancelledDecoder;
import io.disruptorx.protocol.sbe.event.OrderReplacedDecoder;
import io.disruptorx.protocol.sbe.event.RejectReason;
import io.disruptorx.protocol.sbe.event.TradeDecoder;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import io.disruptorx.shard.routing.ShardIds;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Polls the shards in turn and hands their events on as one stream. Each event is copied and rewritten so that it
 * means the same over all shards: order ids and trade ids become global ({@link ShardIds}), and so does the command
 * sequence. Within a shard the order is the shard's; across shards it is the order of polling.
 *
 * <p>Replies to a fan-out ({@link FanOutTable}) are merged: the AdminResults of one fan-out become one, after the
 * last shard's, carrying the first refusal if any; of a cancel or replace named by client order id, the shards that
 * do not have the order answer {@code UNKNOWN_ORDER} and are dropped unless no shard had it; of a balance query,
 * every shard's AccountBalance events are held back and, after the last shard's, one answer goes on: each asset the
 * account has anywhere, in asset id order, its free and locked amounts summed over the shards, the amount on its way
 * between two shards at the query's cut ({@code inTransfer}: each shard's answer carries its part, {@code +amount}
 * per transfer that left it and was not returned and {@code -amount} per transfer that arrived, so their sum is exact
 * at the query's cut on any gateway, also one started while a transfer was on its way), and the latest shard's
 * timestamp (one event with asset count 0 when no shard has anything for the account); of an open-orders query,
 * every shard's OpenOrder events are held back and joined into one answer after the last shard's
 * ({@link OpenOrderAnswers}). Replies of a move's source to commands
 * sent before the move was known here that missed the moved orders are continued or made retryable
 * ({@link LateReplies}). An order that moved to another shard (its local id there carries {@link ShardIds#MOVED})
 * and ends there (cancelled for any reason, or filled) is told to the {@link CommandRouter}, which stops routing its
 * id to that shard: every gateway sees every shard's events, so every gateway forgets it alike.
 */
final class EventMerger implements VenueEventHandler
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final short REQUESTED = CancelReason.REQUESTED.value();
    private static final short UNKNOWN_ORDER = RejectReason.UNKNOWN_ORDER.value();
    private static final byte INSTRUMENT_HALTED = (byte)RejectReason.INSTRUMENT_HALTED.value();

    private final VenueClient[] shards;
    private final FanOutTable fanOuts;
    private final LocalEvents local;
    private final OpenOrderAnswers openOrders;
    private final LateReplies late;
    private final CommandRouter router;
    private final UnsafeBuffer event = new UnsafeBuffer(new byte[1024]);
    private final UnsafeBuffer merged = new UnsafeBuffer(new byte[128]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final AccountBalanceEncoder balance = new AccountBalanceEncoder();
    private VenueEventHandler downstream;
    private int current;
    private int cursor;

    EventMerger(final VenueClient[] shards, final FanOutTable fanOuts, final LocalEvents local,
        final LateReplies late, final CommandRouter router)
    {
        this.late = late;
        this.router = router;
        this.shards = shards;
        this.fanOuts = fanOuts;
        this.local = local;
        this.openOrders = new OpenOrderAnswers(shards.length, fanOuts.capacity());
    }

    int poll(final VenueEventHandler handler, final int limit)
    {
        int delivered = local.poll(handler, limit);
        downstream = handler;
        final int count = shards.length;
        for (int i = 0; i < count && delivered < limit; i++)
        {
            current = cursor;
            cursor = cursor + 1 == count ? 0 : cursor + 1;
            delivered += shards[current].poll(this, limit - delivered);
        }
        downstream = null;
        return delivered;
    }

    @Override
    public void onEvent(final long commandSequence, final DirectBuffer buffer, final int offset, final int length)
    {
        final int shard = current;
        final long sequence = ShardIds.global(shard, commandSequence);
        if (length < HEADER || length > event.capacity())
        {
            downstream.onEvent(sequence, buffer, offset, length);
            return;
        }
        event.putBytes(0, buffer, offset, length);
        final int templateId = event.getShort(MessageHeaderDecoder.templateIdEncodingOffset(), ORDER) & 0xFFFF;
        switch (templateId)
        {
            case OrderAcceptedDecoder.TEMPLATE_ID -> globalise(shard, OrderAcceptedDecoder.orderIdEncodingOffset());
            case TradeDecoder.TEMPLATE_ID ->
            {
                endIfMoved(shard, TradeDecoder.makerOrderIdEncodingOffset(),
                    TradeDecoder.makerRemainingEncodingOffset());
                endIfMoved(shard, TradeDecoder.takerOrderIdEncodingOffset(),
                    TradeDecoder.takerRemainingEncodingOffset());
                globalise(shard, TradeDecoder.tradeIdEncodingOffset());
                globalise(shard, TradeDecoder.makerOrderIdEncodingOffset());
                globalise(shard, TradeDecoder.takerOrderIdEncodingOffset());
            }
            case OrderCancelledDecoder.TEMPLATE_ID ->
            {
                endIfMoved(shard, OrderCancelledDecoder.orderIdEncodingOffset(), -1);
                globalise(shard, OrderCancelledDecoder.orderIdEncodingOffset());
                if (fanOuts.inUse() > 0 &&
                    (event.getByte(HEADER + OrderCancelledDecoder.reasonEncodingOffset()) & 0xFF) == REQUESTED)
                {
                    answered(shard, OrderCancelledDecoder.accountIdEncodingOffset(),
                        OrderCancelledDecoder.requestIdEncodingOffset());
                }
            }
            case OrderReplacedDecoder.TEMPLATE_ID ->
            {
                globalise(shard, OrderReplacedDecoder.orderIdEncodingOffset());
                if (fanOuts.inUse() > 0)
                {
                    answered(shard, OrderReplacedDecoder.accountIdEncodingOffset(),
                        OrderReplacedDecoder.requestIdEncodingOffset());
                }
            }
            case CancelRejectedDecoder.TEMPLATE_ID ->
            {
                if (!cancelRejected(shard))
                {
                    return;
                }
            }
            case AdminResultDecoder.TEMPLATE_ID ->
            {
                if (!adminResult(shard))
                {
                    return;
                }
            }
            case AccountBalanceDecoder.TEMPLATE_ID ->
            {
                if (!accountBalance(shard, sequence, length))
                {
                    return;
                }
            }
            case OpenOrderDecoder.TEMPLATE_ID ->
            {
                globalise(shard, OpenOrderDecoder.orderIdEncodingOffset());
                if (!openOrder(shard, sequence, length))
                {
                    return;
                }
            }
            default ->
            {
            }
        }
        downstream.onEvent(sequence, event, 0, length);
    }

    private void globalise(final int shard, final int field)
    {
        final int at = HEADER + field;
        event.putLong(at, ShardIds.global(shard, event.getLong(at, ORDER)), ORDER);
    }

    /**
     * Tells the router that an order which moved to this shard (its local id carries {@link ShardIds#MOVED}) ended:
     * cancelled (any reason), or filled ({@code remainingField} 0; -1: no such field, always ended).
     */
    private void endIfMoved(final int shard, final int orderField, final int remainingField)
    {
        final long localId = event.getLong(HEADER + orderField, ORDER);
        if ((localId & ShardIds.MOVED) != 0 &&
            (remainingField < 0 || event.getLong(HEADER + remainingField, ORDER) == 0))
        {
            router.movedOrderEnded(ShardIds.global(shard, localId), shard);
        }
    }

    private void answered(final int shard, final int accountField, final int requestField)
    {
        final int slot = fanOuts.match(FanOutTable.BY_CLIENT_ORDER_ID, event.getLong(HEADER + accountField, ORDER),
            event.getLong(HEADER + requestField, ORDER), shard);
        if (slot >= 0)
        {
            fanOuts.reply(slot, shard, 0, true);
        }
    }

    /**
     * @return whether to deliver the CancelRejected.
     */
    private boolean cancelRejected(final int shard)
    {
        final long orderId = event.getLong(HEADER + CancelRejectedDecoder.orderIdEncodingOffset(), ORDER);
        globalise(shard, CancelRejectedDecoder.orderIdEncodingOffset());
        if (fanOuts.inUse() == 0)
        {
            return true;
        }
        final int slot = fanOuts.match(FanOutTable.BY_CLIENT_ORDER_ID,
            event.getLong(HEADER + CancelRejectedDecoder.accountIdEncodingOffset(), ORDER),
            event.getLong(HEADER + CancelRejectedDecoder.requestIdEncodingOffset(), ORDER), shard);
        if (slot < 0)
        {
            return true;
        }
        final boolean notHere = orderId == 0 &&
            (event.getByte(HEADER + CancelRejectedDecoder.reasonEncodingOffset()) & 0xFF) == UNKNOWN_ORDER;
        if (notHere)
        {
            late.notFound(shard, slot);
        }
        final boolean complete = fanOuts.reply(slot, shard, 0, !notHere);
        if (complete && notHere && !fanOuts.found(slot) && late.retryable(slot))
        {
            event.putByte(HEADER + CancelRejectedDecoder.reasonEncodingOffset(), INSTRUMENT_HALTED);
        }
        return !notHere || (complete && !fanOuts.found(slot));
    }

    /**
     * @return whether to deliver the AdminResult (with the merged result written in).
     */
    private boolean adminResult(final int shard)
    {
        if (fanOuts.inUse() == 0)
        {
            return true;
        }
        final int resultAt = HEADER + AdminResultDecoder.resultEncodingOffset();
        final int slot = fanOuts.match(FanOutTable.ADMIN,
            event.getByte(HEADER + AdminResultDecoder.adminTypeEncodingOffset()) & 0xFF,
            event.getLong(HEADER + AdminResultDecoder.subjectIdEncodingOffset(), ORDER), shard);
        if (slot < 0)
        {
            return true;
        }
        late.adminReply(shard, slot);
        if (fanOuts.reply(slot, shard, event.getByte(resultAt) & 0xFF, false))
        {
            if (late.park(slot))
            {
                return false;
            }
            event.putByte(resultAt, (byte)fanOuts.result(slot));
            return true;
        }
        return false;
    }

    /**
     * @return whether to deliver the AccountBalance as it is (not one of a fan-out's); a fan-out's are summed and
     * delivered, merged, after the last shard's.
     */
    private boolean accountBalance(final int shard, final long sequence, final int length)
    {
        if (fanOuts.inUse() == 0)
        {
            return true;
        }
        final long accountId = event.getLong(HEADER + AccountBalanceDecoder.accountIdEncodingOffset(), ORDER);
        final long requestId = event.getLong(HEADER + AccountBalanceDecoder.requestIdEncodingOffset(), ORDER);
        final int slot = fanOuts.match(FanOutTable.BALANCES, accountId, requestId, shard);
        if (slot < 0)
        {
            return true;
        }
        final int count = event.getInt(HEADER + AccountBalanceDecoder.assetCountEncodingOffset(), ORDER);
        final int assetId = event.getInt(HEADER + AccountBalanceDecoder.assetIdEncodingOffset(), ORDER);
        final int block = event.getShort(MessageHeaderDecoder.blockLengthEncodingOffset(), ORDER) & 0xFFFF;
        final int inTransferAt = AccountBalanceDecoder.inTransferEncodingOffset();
        final boolean answered = fanOuts.addBalance(slot, shard, count, assetId,
            event.getLong(HEADER + AccountBalanceDecoder.freeEncodingOffset(), ORDER),
            event.getLong(HEADER + AccountBalanceDecoder.lockedEncodingOffset(), ORDER),
            event.getLong(HEADER + AccountBalanceDecoder.timestampEncodingOffset(), ORDER));
        if (count > 0 && block >= inTransferAt + Long.BYTES && length >= HEADER + inTransferAt + Long.BYTES)
        {
            fanOuts.addInFlight(slot, assetId, event.getLong(HEADER + inTransferAt, ORDER));
        }
        if (!answered)
        {
            return false;
        }
        if (fanOuts.isLastReply(slot))
        {
            answer(slot, requestId, accountId, sequence);
        }
        fanOuts.reply(slot, shard, 0, false);
        return false;
    }

    /**
     * @return whether to deliver the OpenOrder as it is (not one of a fan-out's); a fan-out's are kept and delivered,
     * joined, after the last shard's.
     */
    private boolean openOrder(final int shard, final long sequence, final int length)
    {
        if (fanOuts.inUse() == 0)
        {
            return true;
        }
        final long accountId = event.getLong(HEADER + OpenOrderDecoder.accountIdEncodingOffset(), ORDER);
        final long requestId = event.getLong(HEADER + OpenOrderDecoder.requestIdEncodingOffset(), ORDER);
        final int slot = fanOuts.match(FanOutTable.OPEN_ORDERS, accountId, requestId, shard);
        if (slot < 0)
        {
            return true;
        }
        if (!openOrders.add(slot, fanOuts.serial(slot), shard, event, length))
        {
            return false;
        }
        if (fanOuts.isLastReply(slot))
        {
            openOrders.deliver(slot, requestId, accountId, sequence, downstream);
        }
        fanOuts.reply(slot, shard, 0, false);
        return false;
    }

    /**
     * Delivers the merged answer: the assets with an amount free, locked or in transfer (an asset's transfers can
     * net to nothing at a cut after their arrival), or one event with asset count 0.
     */
    private void answer(final int slot, final long requestId, final long accountId, final long sequence)
    {
        int assets = 0;
        for (int i = 0; i < fanOuts.balanceAssets(slot); i++)
        {
            assets += isEmpty(slot, i) ? 0 : 1;
        }
        if (assets == 0)
        {
            deliver(slot, requestId, accountId, sequence, -1, 0);
            return;
        }
        for (int i = 0; i < fanOuts.balanceAssets(slot); i++)
        {
            if (!isEmpty(slot, i))
            {
                deliver(slot, requestId, accountId, sequence, i, assets);
            }
        }
    }

    private boolean isEmpty(final int slot, final int index)
    {
        return fanOuts.balanceFree(slot, index) == 0 && fanOuts.balanceLocked(slot, index) == 0 &&
            fanOuts.balanceInFlight(slot, index) == 0;
    }

    private void deliver(final int slot, final long requestId, final long accountId, final long sequence,
        final int index, final int assets)
    {
        balance.wrapAndApplyHeader(merged, 0, header)
            .timestamp(fanOuts.balanceTimestamp(slot))
            .requestId(requestId)
            .accountId(accountId)
            .free(index < 0 ? 0 : fanOuts.balanceFree(slot, index))
            .locked(index < 0 ? 0 : fanOuts.balanceLocked(slot, index))
            .assetId(index < 0 ? 0 : fanOuts.balanceAsset(slot, index))
            .assetCount(assets)
            .inTransfer(index < 0 ? 0 : fanOuts.balanceInFlight(slot, index));
        downstream.onEvent(sequence, merged, 0, HEADER + balance.encodedLength());
    }
}
