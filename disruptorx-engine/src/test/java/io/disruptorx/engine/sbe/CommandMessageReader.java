package io.disruptorx.engine.sbe;

import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.protocol.sbe.command.AddInstrumentDecoder;
import io.disruptorx.protocol.sbe.command.AdjustBalanceDecoder;
import io.disruptorx.protocol.sbe.command.BooleanType;
import io.disruptorx.protocol.sbe.command.CancelOrderDecoder;
import io.disruptorx.protocol.sbe.command.EndOfDayDecoder;
import io.disruptorx.protocol.sbe.command.HaltInstrumentDecoder;
import io.disruptorx.protocol.sbe.command.MassCancelDecoder;
import io.disruptorx.protocol.sbe.command.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.command.NewOrderDecoder;
import io.disruptorx.protocol.sbe.command.ReplaceOrderDecoder;
import io.disruptorx.protocol.sbe.command.ResumeInstrumentDecoder;
import io.disruptorx.protocol.sbe.command.SetRiskLimitsDecoder;
import io.disruptorx.protocol.sbe.command.TakeSnapshotDecoder;
import org.agrona.DirectBuffer;

/**
 * Reads command messages with the generated decoders and their typed enum getters, apart from
 * {@link SbeCommandDispatcher}, so the codecs are checked without an engine.
 */
final class CommandMessageReader implements EncodedMessageHandler
{
    private final Commands target;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();

    CommandMessageReader(final Commands target)
    {
        this.target = target;
    }

    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID || length != 8 + header.blockLength())
        {
            throw new IllegalStateException("bad header " + header);
        }
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int block = header.blockLength();
        final int version = header.version();
        switch (header.templateId())
        {
            case NewOrderDecoder.TEMPLATE_ID:
                final NewOrderDecoder o = new NewOrderDecoder().wrap(buffer, body, block, version);
                target.newOrder(o.timestamp(), o.accountId(), o.clientOrderId(), o.instrumentId(),
                    o.side() == io.disruptorx.protocol.sbe.command.Side.NULL_VAL ? null : Side.valueOf(o.side().name()),
                    o.orderType() == io.disruptorx.protocol.sbe.command.OrderType.NULL_VAL ?
                        null : OrderType.valueOf(o.orderType().name()),
                    o.timeInForce() == io.disruptorx.protocol.sbe.command.TimeInForce.NULL_VAL ?
                        null : TimeInForce.valueOf(o.timeInForce().name()),
                    o.postOnly() == BooleanType.TRUE,
                    o.selfTradePrevention() == io.disruptorx.protocol.sbe.command.SelfTradePrevention.NULL_VAL ?
                        null : SelfTradePrevention.valueOf(o.selfTradePrevention().name()),
                    o.price(), o.quantity());
                break;
            case CancelOrderDecoder.TEMPLATE_ID:
                final CancelOrderDecoder c = new CancelOrderDecoder().wrap(buffer, body, block, version);
                target.cancelOrder(c.timestamp(), c.accountId(), c.requestId(), c.orderId(), c.clientOrderId());
                break;
            case ReplaceOrderDecoder.TEMPLATE_ID:
                final ReplaceOrderDecoder r = new ReplaceOrderDecoder().wrap(buffer, body, block, version);
                target.replaceOrder(r.timestamp(), r.accountId(), r.requestId(), r.orderId(), r.newPrice(),
                    r.newQuantity(), r.clientOrderId());
                break;
            case MassCancelDecoder.TEMPLATE_ID:
                final MassCancelDecoder m = new MassCancelDecoder().wrap(buffer, body, block, version);
                target.massCancel(m.timestamp(), m.accountId(), m.instrumentId(), m.requestId(),
                    version >= MassCancelDecoder.restoredOnlySinceVersion() && m.restoredOnlyRaw() == 1);
                break;
            case AddInstrumentDecoder.TEMPLATE_ID:
                final AddInstrumentDecoder a = new AddInstrumentDecoder().wrap(buffer, body, block, version);
                target.addInstrument(a.timestamp(), a.instrumentId(), a.baseAssetId(), a.quoteAssetId(),
                    a.tickSize(), a.lotSize(), a.priceScale(), a.quantityScale(), a.makerFeePerLot(),
                    a.takerFeePerLot(), a.referencePrice(), a.priceBandBps(), a.marketProtectionBps(),
                    version < AddInstrumentDecoder.initialStateSinceVersion() ? InstrumentState.TRADING :
                    InstrumentState.fromCode(a.initialStateRaw()));
                break;
            case AdjustBalanceDecoder.TEMPLATE_ID:
                final AdjustBalanceDecoder b = new AdjustBalanceDecoder().wrap(buffer, body, block, version);
                target.adjustBalance(b.timestamp(), b.accountId(), b.assetId(), b.amount());
                break;
            case SetRiskLimitsDecoder.TEMPLATE_ID:
                final SetRiskLimitsDecoder l = new SetRiskLimitsDecoder().wrap(buffer, body, block, version);
                target.setRiskLimits(l.timestamp(), l.accountId(), l.maxOrderQuantity(), l.maxOrderNotional(),
                    l.killSwitch() == BooleanType.TRUE);
                break;
            case HaltInstrumentDecoder.TEMPLATE_ID:
                final HaltInstrumentDecoder h = new HaltInstrumentDecoder().wrap(buffer, body, block, version);
                target.haltInstrument(h.timestamp(), h.instrumentId());
                break;
            case ResumeInstrumentDecoder.TEMPLATE_ID:
                final ResumeInstrumentDecoder u = new ResumeInstrumentDecoder().wrap(buffer, body, block, version);
                target.resumeInstrument(u.timestamp(), u.instrumentId());
                break;
            case TakeSnapshotDecoder.TEMPLATE_ID:
                final TakeSnapshotDecoder s = new TakeSnapshotDecoder().wrap(buffer, body, block, version);
                target.takeSnapshot(s.timestamp(), s.snapshotId());
                break;
            case EndOfDayDecoder.TEMPLATE_ID:
                final EndOfDayDecoder e = new EndOfDayDecoder().wrap(buffer, body, block, version);
                target.endOfDay(e.timestamp(), e.instrumentId());
                break;
            default:
                throw new IllegalStateException("unknown template " + header.templateId());
        }
    }
}
