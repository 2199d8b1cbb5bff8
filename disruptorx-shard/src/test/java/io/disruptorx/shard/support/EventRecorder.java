package io.disruptorx.shard.support;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.disruptorx.protocol.sbe.event.AccountBalanceDecoder;
import io.disruptorx.protocol.sbe.event.AdminResultDecoder;
import io.disruptorx.protocol.sbe.event.CancelRejectedDecoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.event.OpenOrderDecoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderCancelledDecoder;
import io.disruptorx.protocol.sbe.event.OrderRejectedDecoder;
import io.disruptorx.protocol.sbe.event.OrderReplacedDecoder;
import io.disruptorx.protocol.sbe.event.TradeDecoder;
import io.disruptorx.protocol.venue.VenueEventHandler;
import org.agrona.DirectBuffer;

/**
 * Records the events a venue client delivers, decoded into {@link RecordedEvent}s; balance answers also as
 * {@link Balance}s.
 */
public final class EventRecorder implements VenueEventHandler
{
    /**
     * One AccountBalance event.
     *
     * @param commandSequence the sequence the venue client gave it.
     * @param requestId       the query's request id.
     * @param accountId       account.
     * @param assetId         asset (0 in an answer with no asset).
     * @param free            free amount.
     * @param locked          locked amount.
     * @param inTransfer      amount on its way between shards.
     * @param assetCount      events in the answer.
     */
    public record Balance(
        long commandSequence, long requestId, long accountId, int assetId, long free, long locked, long inTransfer,
        int assetCount)
    {
    }

    private final AccountBalanceDecoder balance = new AccountBalanceDecoder();
    private final List<Balance> balances = new ArrayList<>();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final OrderAcceptedDecoder accepted = new OrderAcceptedDecoder();
    private final OrderRejectedDecoder rejected = new OrderRejectedDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final OrderCancelledDecoder cancelled = new OrderCancelledDecoder();
    private final OrderReplacedDecoder replaced = new OrderReplacedDecoder();
    private final CancelRejectedDecoder cancelRejected = new CancelRejectedDecoder();
    private final OpenOrderDecoder openOrder = new OpenOrderDecoder();
    private final AdminResultDecoder admin = new AdminResultDecoder();
    private final List<RecordedEvent> events = new ArrayList<>();

    @Override
    public void onEvent(final long commandSequence, final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        final int at = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int block = header.blockLength();
        final int version = header.version();
        final int template = header.templateId();
        switch (template)
        {
            case OrderAcceptedDecoder.TEMPLATE_ID ->
            {
                accepted.wrap(buffer, at, block, version);
                events.add(new RecordedEvent(commandSequence, template, accepted.orderId(), 0, accepted.accountId(),
                    accepted.clientOrderId(), 0, 0, 0, accepted.instrumentId(), accepted.quantity()));
            }
            case OrderRejectedDecoder.TEMPLATE_ID ->
            {
                rejected.wrap(buffer, at, block, version);
                events.add(new RecordedEvent(commandSequence, template, 0, 0, rejected.accountId(),
                    rejected.clientOrderId(), 0, rejected.reasonRaw(), 0, rejected.instrumentId(), 0));
            }
            case TradeDecoder.TEMPLATE_ID ->
            {
                trade.wrap(buffer, at, block, version);
                events.add(new RecordedEvent(commandSequence, template, trade.makerOrderId(), trade.takerOrderId(),
                    trade.makerAccountId(), trade.tradeId(), trade.price(), 0, 0, trade.instrumentId(),
                    trade.quantity()));
            }
            case OrderCancelledDecoder.TEMPLATE_ID ->
            {
                cancelled.wrap(buffer, at, block, version);
                events.add(new RecordedEvent(commandSequence, template, cancelled.orderId(), 0,
                    cancelled.accountId(), cancelled.requestId(), 0, cancelled.reasonRaw(), 0,
                    cancelled.instrumentId(), cancelled.cancelledQuantity()));
            }
            case OrderReplacedDecoder.TEMPLATE_ID ->
            {
                replaced.wrap(buffer, at, block, version);
                events.add(new RecordedEvent(commandSequence, template, replaced.orderId(), 0, replaced.accountId(),
                    replaced.requestId(), 0, 0, 0, replaced.instrumentId(), replaced.quantity()));
            }
            case CancelRejectedDecoder.TEMPLATE_ID ->
            {
                cancelRejected.wrap(buffer, at, block, version);
                events.add(new RecordedEvent(commandSequence, template, cancelRejected.orderId(), 0,
                    cancelRejected.accountId(), cancelRejected.requestId(), 0, cancelRejected.reasonRaw(), 0, 0, 0));
            }
            case AdminResultDecoder.TEMPLATE_ID ->
            {
                admin.wrap(buffer, at, block, version);
                events.add(new RecordedEvent(commandSequence, template, 0, 0, 0, 0, admin.subjectId(),
                    admin.adminTypeRaw(), admin.resultRaw(), 0, 0));
            }
            case OpenOrderDecoder.TEMPLATE_ID ->
            {
                openOrder.wrap(buffer, at, block, version);
                events.add(new RecordedEvent(commandSequence, template, openOrder.orderId(),
                    openOrder.clientOrderId(), openOrder.accountId(), openOrder.requestId(), openOrder.price(),
                    openOrder.place(), openOrder.orderCount(), openOrder.instrumentId(), openOrder.quantity()));
            }
            case AccountBalanceDecoder.TEMPLATE_ID ->
            {
                balance.wrap(buffer, at, block, version);
                balances.add(new Balance(commandSequence, balance.requestId(), balance.accountId(), balance.assetId(),
                    balance.free(), balance.locked(), balance.inTransfer(), balance.assetCount()));
                events.add(new RecordedEvent(commandSequence, template, 0, 0, 0, 0, 0, 0, 0, 0, 0));
            }
            default -> events.add(new RecordedEvent(commandSequence, template, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        }
    }

    /**
     * @return every balance answer's events so far, in delivery order.
     */
    public List<Balance> balances()
    {
        return balances;
    }

    /**
     * @return every event so far, in delivery order.
     */
    public List<RecordedEvent> events()
    {
        return events;
    }

    /**
     * @param template event template id.
     * @return the events of that template, in order.
     */
    public List<RecordedEvent> of(final int template)
    {
        return matching(event -> event.templateId() == template);
    }

    /**
     * @param filter which events.
     * @return those events, in order.
     */
    public List<RecordedEvent> matching(final Predicate<RecordedEvent> filter)
    {
        return events.stream().filter(filter).toList();
    }

    /**
     * Forgets what was recorded.
     */
    public void clear()
    {
        events.clear();
        balances.clear();
    }
}
