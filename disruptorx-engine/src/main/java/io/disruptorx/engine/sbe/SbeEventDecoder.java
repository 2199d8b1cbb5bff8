package io.disruptorx.engine.sbe;

import io.disruptorx.engine.AdminType;
import io.disruptorx.engine.CancelReason;
import io.disruptorx.engine.EngineListener;
import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.protocol.sbe.event.AccountBalanceDecoder;
import io.disruptorx.protocol.sbe.event.AdminResultDecoder;
import io.disruptorx.protocol.sbe.event.BookReadDecoder;
import io.disruptorx.protocol.sbe.event.BookReadOrderDecoder;
import io.disruptorx.protocol.sbe.event.BooleanType;
import io.disruptorx.protocol.sbe.event.CancelRejectedDecoder;
import io.disruptorx.protocol.sbe.event.InstrumentStatusDecoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.event.OpenOrderDecoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderCancelledDecoder;
import io.disruptorx.protocol.sbe.event.OrderRejectedDecoder;
import io.disruptorx.protocol.sbe.event.OrderReplacedDecoder;
import io.disruptorx.protocol.sbe.event.SnapshotRequestedDecoder;
import io.disruptorx.protocol.sbe.event.TradeDecoder;
import io.disruptorx.protocol.sbe.marketdata.OrderAddedDecoder;
import io.disruptorx.protocol.sbe.marketdata.OrderDeletedDecoder;
import io.disruptorx.protocol.sbe.marketdata.OrderModifiedDecoder;
import org.agrona.DirectBuffer;

/**
 * The inverse of {@link SbeEventEncoder}: reads one execution event or market data message and calls the matching
 * {@link EngineListener} method with the decoded fields. Hosts use it to hand output-ring messages to in-process
 * listeners; flyweights are reused, nothing is allocated per message.
 *
 * <p>A message that is not one of ours (unknown schema or template, wrong length) is a programming error on an
 * output ring: it throws {@link IllegalStateException}, which the ring's exception handler counts.
 *
 * <p>An OpenOrder of events schema version 1 (before {@code filledNotional}, {@code updateTime} and
 * {@code postOnly}) is told as not post-only, with notional 0 when nothing of it was filled and -1 (not known)
 * otherwise, and update time 0 (not known); the gateway core reads such an event's type as not known instead. A
 * BookReadOrder of version 2 or older (before {@code filledQuantity}, {@code filledNotional}, {@code updateTime},
 * {@code postOnly} and {@code selfTradePrevention}) is told as what a move carried then: nothing filled, not
 * post-only, no self-trade prevention, update time 0 (not known).
 */
public final class SbeEventDecoder implements EncodedMessageHandler
{
    private final EngineListener listener;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final OrderAcceptedDecoder orderAccepted = new OrderAcceptedDecoder();
    private final OrderRejectedDecoder orderRejected = new OrderRejectedDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final OrderCancelledDecoder orderCancelled = new OrderCancelledDecoder();
    private final OrderReplacedDecoder orderReplaced = new OrderReplacedDecoder();
    private final CancelRejectedDecoder cancelRejected = new CancelRejectedDecoder();
    private final InstrumentStatusDecoder instrumentStatus = new InstrumentStatusDecoder();
    private final AdminResultDecoder adminResult = new AdminResultDecoder();
    private final SnapshotRequestedDecoder snapshotRequested = new SnapshotRequestedDecoder();
    private final AccountBalanceDecoder accountBalance = new AccountBalanceDecoder();
    private final BookReadDecoder bookRead = new BookReadDecoder();
    private final BookReadOrderDecoder bookReadOrder = new BookReadOrderDecoder();
    private final OpenOrderDecoder openOrder = new OpenOrderDecoder();
    private final OrderAddedDecoder orderAdded = new OrderAddedDecoder();
    private final OrderModifiedDecoder orderModified = new OrderModifiedDecoder();
    private final OrderDeletedDecoder orderDeleted = new OrderDeletedDecoder();
    private final io.disruptorx.protocol.sbe.marketdata.TradeDecoder marketTrade =
        new io.disruptorx.protocol.sbe.marketdata.TradeDecoder();
    private final io.disruptorx.protocol.sbe.marketdata.InstrumentStatusDecoder marketStatus =
        new io.disruptorx.protocol.sbe.marketdata.InstrumentStatusDecoder();

    /**
     * @param listener receives the decoded calls.
     */
    public SbeEventDecoder(final EngineListener listener)
    {
        this.listener = listener;
    }

    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        final int bodyLength = length - MessageHeaderDecoder.ENCODED_LENGTH;
        if (bodyLength != header.blockLength())
        {
            throw new IllegalStateException("length " + length + " does not match block " + header.blockLength());
        }
        if (header.schemaId() == OrderAcceptedDecoder.SCHEMA_ID)
        {
            onEvent(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH);
        }
        else if (header.schemaId() == OrderAddedDecoder.SCHEMA_ID)
        {
            onMarketData(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH);
        }
        else
        {
            throw new IllegalStateException("unexpected schema " + header.schemaId());
        }
    }

    private void onEvent(final DirectBuffer buffer, final int body)
    {
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case OrderAcceptedDecoder.TEMPLATE_ID:
                final OrderAcceptedDecoder accepted = orderAccepted.wrap(buffer, body, blockLength, version);
                listener.onOrderAccepted(accepted.timestamp(), accepted.orderId(), accepted.clientOrderId(),
                    accepted.accountId(), accepted.instrumentId(), Side.fromCode(accepted.sideRaw()),
                    OrderType.fromCode(accepted.orderTypeRaw()), TimeInForce.fromCode(accepted.timeInForceRaw()),
                    accepted.price(), accepted.quantity());
                break;
            case OrderRejectedDecoder.TEMPLATE_ID:
                final OrderRejectedDecoder rejected = orderRejected.wrap(buffer, body, blockLength, version);
                listener.onOrderRejected(rejected.timestamp(), rejected.clientOrderId(), rejected.accountId(),
                    rejected.instrumentId(), RejectReason.fromCode(rejected.reasonRaw()));
                break;
            case TradeDecoder.TEMPLATE_ID:
                final TradeDecoder t = trade.wrap(buffer, body, blockLength, version);
                listener.onTrade(t.timestamp(), t.tradeId(), t.instrumentId(), t.price(), t.quantity(),
                    Side.fromCode(t.takerSideRaw()), t.makerOrderId(), t.makerAccountId(), t.makerRemaining(),
                    t.makerFee(), t.takerOrderId(), t.takerAccountId(), t.takerRemaining(), t.takerFee());
                break;
            case OrderCancelledDecoder.TEMPLATE_ID:
                final OrderCancelledDecoder cancelled = orderCancelled.wrap(buffer, body, blockLength, version);
                listener.onOrderCancelled(cancelled.timestamp(), cancelled.orderId(), cancelled.clientOrderId(),
                    cancelled.requestId(), cancelled.accountId(), cancelled.instrumentId(),
                    cancelled.cancelledQuantity(), CancelReason.fromCode(cancelled.reasonRaw()));
                break;
            case OrderReplacedDecoder.TEMPLATE_ID:
                final OrderReplacedDecoder replaced = orderReplaced.wrap(buffer, body, blockLength, version);
                listener.onOrderReplaced(replaced.timestamp(), replaced.orderId(), replaced.requestId(),
                    replaced.accountId(), replaced.instrumentId(), replaced.price(), replaced.quantity(),
                    replaced.priorityKept() == BooleanType.TRUE);
                break;
            case CancelRejectedDecoder.TEMPLATE_ID:
                final CancelRejectedDecoder cr = cancelRejected.wrap(buffer, body, blockLength, version);
                listener.onCancelRejected(cr.timestamp(), cr.orderId(), cr.requestId(), cr.accountId(),
                    RejectReason.fromCode(cr.reasonRaw()));
                break;
            case InstrumentStatusDecoder.TEMPLATE_ID:
                final InstrumentStatusDecoder status = instrumentStatus.wrap(buffer, body, blockLength, version);
                listener.onInstrumentStatus(status.timestamp(), status.instrumentId(),
                    InstrumentState.fromCode(status.stateRaw()));
                break;
            case AdminResultDecoder.TEMPLATE_ID:
                final AdminResultDecoder admin = adminResult.wrap(buffer, body, blockLength, version);
                final AdminType adminType = AdminType.fromCode(admin.adminTypeRaw());
                if (version >= AdminResultDecoder.movedSinceVersion() && (adminType == AdminType.TRANSFER_OUT ||
                    adminType == AdminType.TRANSFER_IN || adminType == AdminType.SETTLE_TRANSFER))
                {
                    listener.onTransferResult(admin.timestamp(), adminType, admin.subjectId(),
                        RejectReason.fromCode(admin.resultRaw()), admin.accountId(), admin.assetId(), admin.moved());
                }
                else
                {
                    listener.onAdminResult(admin.timestamp(), adminType, admin.subjectId(),
                        RejectReason.fromCode(admin.resultRaw()));
                }
                break;
            case SnapshotRequestedDecoder.TEMPLATE_ID:
                final SnapshotRequestedDecoder snapshot = snapshotRequested.wrap(buffer, body, blockLength, version);
                listener.onSnapshotRequested(snapshot.timestamp(), snapshot.snapshotId());
                break;
            case AccountBalanceDecoder.TEMPLATE_ID:
                final AccountBalanceDecoder balance = accountBalance.wrap(buffer, body, blockLength, version);
                listener.onAccountBalance(balance.timestamp(), balance.requestId(), balance.accountId(),
                    balance.assetId(), balance.assetCount(), balance.free(), balance.locked(),
                    version >= AccountBalanceDecoder.inTransferSinceVersion() ? balance.inTransfer() : 0);
                break;
            case BookReadDecoder.TEMPLATE_ID:
                final BookReadDecoder read = bookRead.wrap(buffer, body, blockLength, version);
                listener.onBookRead(read.timestamp(), read.requestId(), read.instrumentId(), read.orderCount(),
                    read.baseAssetId(), read.quoteAssetId(), read.tickSize(), read.lotSize(), read.priceScale(),
                    read.quantityScale(), read.makerFeePerLot(), read.takerFeePerLot(), read.referencePrice(),
                    read.priceBandBps(), read.marketProtectionBps());
                break;
            case BookReadOrderDecoder.TEMPLATE_ID:
                final BookReadOrderDecoder order = bookReadOrder.wrap(buffer, body, blockLength, version);
                final boolean carried = version >= BookReadOrderDecoder.filledQuantitySinceVersion();
                listener.onBookReadOrder(order.timestamp(), order.requestId(), order.place(), order.orderId(),
                    order.accountId(), order.clientOrderId(), order.instrumentId(), Side.fromCode(order.sideRaw()),
                    TimeInForce.fromCode(order.timeInForceRaw()), order.price(), order.quantity(),
                    order.entryTime(), order.heldAssetId(), order.hold(), carried ? order.filledQuantity() : 0,
                    carried ? order.filledNotional() : 0, carried ? order.updateTime() : 0,
                    carried && order.postOnly() == BooleanType.TRUE, carried ?
                    SelfTradePrevention.fromCode(order.selfTradePreventionRaw()) : SelfTradePrevention.NONE);
                break;
            case OpenOrderDecoder.TEMPLATE_ID:
                final OpenOrderDecoder open = openOrder.wrap(buffer, body, blockLength, version);
                final boolean current = version >= OpenOrderDecoder.filledNotionalSinceVersion();
                listener.onOpenOrder(open.timestamp(), open.requestId(), open.accountId(), open.orderId(),
                    open.clientOrderId(), open.instrumentId(), open.orderCount(), open.place(),
                    Side.fromCode(open.sideRaw()), TimeInForce.fromCode(open.timeInForceRaw()), open.price(),
                    open.quantity(), open.originalQuantity(), open.entryTime(), open.postOnly() == BooleanType.TRUE,
                    current ? open.filledNotional() : open.quantity() == open.originalQuantity() ? 0 : -1,
                    current ? open.updateTime() : 0);
                break;
            default:
                throw new IllegalStateException("unexpected event template " + header.templateId());
        }
    }

    private void onMarketData(final DirectBuffer buffer, final int body)
    {
        final int blockLength = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case OrderAddedDecoder.TEMPLATE_ID:
                final OrderAddedDecoder added = orderAdded.wrap(buffer, body, blockLength, version);
                listener.onBookOrderAdded(added.feedSequence(), added.timestamp(), added.instrumentId(),
                    added.orderId(), Side.fromCode(added.sideRaw()), added.price(), added.quantity());
                break;
            case OrderModifiedDecoder.TEMPLATE_ID:
                final OrderModifiedDecoder modified = orderModified.wrap(buffer, body, blockLength, version);
                listener.onBookOrderModified(modified.feedSequence(), modified.timestamp(), modified.instrumentId(),
                    modified.orderId(), modified.quantity());
                break;
            case OrderDeletedDecoder.TEMPLATE_ID:
                final OrderDeletedDecoder deleted = orderDeleted.wrap(buffer, body, blockLength, version);
                listener.onBookOrderDeleted(deleted.feedSequence(), deleted.timestamp(), deleted.instrumentId(),
                    deleted.orderId());
                break;
            case io.disruptorx.protocol.sbe.marketdata.TradeDecoder.TEMPLATE_ID:
                final io.disruptorx.protocol.sbe.marketdata.TradeDecoder t =
                    marketTrade.wrap(buffer, body, blockLength, version);
                listener.onMarketTrade(t.feedSequence(), t.timestamp(), t.instrumentId(), t.tradeId(), t.price(),
                    t.quantity(), Side.fromCode(t.aggressorSideRaw()));
                break;
            case io.disruptorx.protocol.sbe.marketdata.InstrumentStatusDecoder.TEMPLATE_ID:
                final io.disruptorx.protocol.sbe.marketdata.InstrumentStatusDecoder status =
                    marketStatus.wrap(buffer, body, blockLength, version);
                listener.onMarketStatus(status.feedSequence(), status.timestamp(), status.instrumentId(),
                    InstrumentState.fromCode(status.stateRaw()));
                break;
            default:
                throw new IllegalStateException("unexpected market data template " + header.templateId());
        }
    }
}
