package io.disruptorx.systemtest.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.disruptorx.protocol.sbe.event.AccountBalanceDecoder;
import io.disruptorx.protocol.sbe.event.AdminResultDecoder;
import io.disruptorx.protocol.sbe.event.AdminType;
import io.disruptorx.protocol.sbe.event.CancelRejectedDecoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderCancelledDecoder;
import io.disruptorx.protocol.sbe.event.OrderRejectedDecoder;
import io.disruptorx.protocol.sbe.event.RejectReason;
import io.disruptorx.protocol.sbe.event.TradeDecoder;
import io.disruptorx.protocol.venue.VenueEventHandler;
import io.disruptorx.shard.routing.ShardIds;
import org.agrona.DirectBuffer;

/**
 * The gateway's view of the sharded venue's events, as a test reads them: each new order's answers by client order
 * id (client order ids are unique over the test), trades, cancels and their refusals by global order id, admin
 * results, and balance answers by request id; each with the shard the event came from (the low bits of its global
 * command sequence). Every event also goes on to a handler of the gateway's (the transfer coordinator).
 */
final class VenueRecorder implements VenueEventHandler
{
    /** One trade as the gateway saw it. */
    record Trade(long tradeId, int instrument, long makerOrderId, long takerOrderId, long quantity, long price,
        int shard)
    {
    }

    /** One admin result. */
    record Admin(AdminType type, long subject, RejectReason result, int shard)
    {
    }

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final OrderAcceptedDecoder accepted = new OrderAcceptedDecoder();
    private final OrderRejectedDecoder rejected = new OrderRejectedDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final OrderCancelledDecoder cancelled = new OrderCancelledDecoder();
    private final CancelRejectedDecoder cancelRejected = new CancelRejectedDecoder();
    private final AdminResultDecoder admin = new AdminResultDecoder();
    private final AccountBalanceDecoder balance = new AccountBalanceDecoder();

    private final Map<Long, Integer> answers = new HashMap<>();
    private final Map<Long, Long> orderIds = new HashMap<>();
    private final Map<Long, Integer> acceptedOn = new HashMap<>();
    private final Map<Long, RejectReason> rejections = new HashMap<>();
    private final List<Trade> trades = new ArrayList<>();
    private final Set<Long> tradeIds = new HashSet<>();
    private int duplicateTrades;
    private final Map<Long, Integer> cancels = new HashMap<>();
    private final Map<Long, RejectReason> cancelRefusals = new HashMap<>();
    private final List<Admin> admins = new ArrayList<>();
    private final Map<Long, long[]> balances = new HashMap<>();
    private final Map<Long, Integer> balanceParts = new HashMap<>();
    private final Map<Long, Integer> balanceCounts = new HashMap<>();
    private VenueEventHandler next = (sequence, buffer, offset, length) ->
    {
    };

    void feed(final VenueEventHandler handler)
    {
        this.next = handler;
    }

    @Override
    public void onEvent(final long commandSequence, final DirectBuffer buffer, final int offset, final int length)
    {
        next.onEvent(commandSequence, buffer, offset, length);
        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int shard = ShardIds.shardOf(commandSequence);
        switch (header.templateId())
        {
            case OrderAcceptedDecoder.TEMPLATE_ID ->
            {
                accepted.wrap(buffer, body, header.blockLength(), header.version());
                answers.merge(accepted.clientOrderId(), 1, Integer::sum);
                orderIds.put(accepted.clientOrderId(), accepted.orderId());
                acceptedOn.put(accepted.clientOrderId(), shard);
            }
            case OrderRejectedDecoder.TEMPLATE_ID ->
            {
                rejected.wrap(buffer, body, header.blockLength(), header.version());
                answers.merge(rejected.clientOrderId(), 1, Integer::sum);
                rejections.put(rejected.clientOrderId(), rejected.reason());
            }
            case TradeDecoder.TEMPLATE_ID ->
            {
                trade.wrap(buffer, body, header.blockLength(), header.version());
                if (!tradeIds.add(trade.tradeId()))
                {
                    duplicateTrades++;
                }
                trades.add(new Trade(trade.tradeId(), trade.instrumentId(), trade.makerOrderId(),
                    trade.takerOrderId(), trade.quantity(), trade.price(), shard));
            }
            case OrderCancelledDecoder.TEMPLATE_ID ->
            {
                cancelled.wrap(buffer, body, header.blockLength(), header.version());
                cancels.merge(cancelled.orderId(), 1, Integer::sum);
            }
            case CancelRejectedDecoder.TEMPLATE_ID ->
            {
                cancelRejected.wrap(buffer, body, header.blockLength(), header.version());
                cancelRefusals.put(cancelRejected.orderId(), cancelRejected.reason());
            }
            case AdminResultDecoder.TEMPLATE_ID ->
            {
                admin.wrap(buffer, body, header.blockLength(), header.version());
                admins.add(new Admin(admin.adminType(), admin.subjectId(), admin.result(), shard));
            }
            case AccountBalanceDecoder.TEMPLATE_ID ->
            {
                balance.wrap(buffer, body, header.blockLength(), header.version());
                final long[] assets = balances.computeIfAbsent(balance.requestId(), id -> new long[8]);
                if (balance.assetCount() > 0)
                {
                    assets[balance.assetId()] += balance.free() + balance.locked();
                }
                balanceParts.merge(balance.requestId(), 1, Integer::sum);
                balanceCounts.put(balance.requestId(), Math.max(1, balance.assetCount()));
            }
            default ->
            {
            }
        }
    }

    int answers(final long clientOrderId)
    {
        return answers.getOrDefault(clientOrderId, 0);
    }

    Long orderId(final long clientOrderId)
    {
        return orderIds.get(clientOrderId);
    }

    Integer acceptedOn(final long clientOrderId)
    {
        return acceptedOn.get(clientOrderId);
    }

    RejectReason rejection(final long clientOrderId)
    {
        return rejections.get(clientOrderId);
    }

    List<Trade> trades()
    {
        return trades;
    }

    int duplicateTrades()
    {
        return duplicateTrades;
    }

    int cancels(final long orderId)
    {
        return cancels.getOrDefault(orderId, 0);
    }

    RejectReason cancelRefusal(final long orderId)
    {
        return cancelRefusals.get(orderId);
    }

    long admins(final AdminType type, final RejectReason result)
    {
        return admins.stream().filter(a -> a.type() == type && a.result() == result).count();
    }

    List<Admin> admins(final AdminType type, final long subject)
    {
        return admins.stream().filter(a -> a.type() == type && a.subject() == subject).toList();
    }

    /**
     * @return whether every part of the answer to a balance query arrived.
     */
    boolean balanceAnswered(final long requestId)
    {
        final Integer count = balanceCounts.get(requestId);
        return count != null && balanceParts.get(requestId) >= count;
    }

    /**
     * @return free plus locked per asset id in the answer to a balance query.
     */
    long[] balance(final long requestId)
    {
        return balances.get(requestId);
    }
}
