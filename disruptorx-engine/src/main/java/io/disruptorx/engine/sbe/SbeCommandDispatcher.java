package io.disruptorx.engine.sbe;

import java.util.concurrent.atomic.AtomicLongArray;

import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.protocol.sbe.command.AddInstrumentDecoder;
import io.disruptorx.protocol.sbe.command.AdjustBalanceDecoder;
import io.disruptorx.protocol.sbe.command.CancelOrderDecoder;
import io.disruptorx.protocol.sbe.command.EndOfDayDecoder;
import io.disruptorx.protocol.sbe.command.HaltInstrumentDecoder;
import io.disruptorx.protocol.sbe.command.MassCancelDecoder;
import io.disruptorx.protocol.sbe.command.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.command.MoveOutDecoder;
import io.disruptorx.protocol.sbe.command.NewOrderDecoder;
import io.disruptorx.protocol.sbe.command.QueryBalancesDecoder;
import io.disruptorx.protocol.sbe.command.QueryOpenOrdersDecoder;
import io.disruptorx.protocol.sbe.command.ReadBookDecoder;
import io.disruptorx.protocol.sbe.command.ReplaceOrderDecoder;
import io.disruptorx.protocol.sbe.command.RestoreOrderDecoder;
import io.disruptorx.protocol.sbe.command.ResumeInstrumentDecoder;
import io.disruptorx.protocol.sbe.command.SetRiskLimitsDecoder;
import io.disruptorx.protocol.sbe.command.SettleTransferDecoder;
import io.disruptorx.protocol.sbe.command.TakeSnapshotDecoder;
import io.disruptorx.protocol.sbe.command.TransferInDecoder;
import io.disruptorx.protocol.sbe.command.TransferOutDecoder;
import org.agrona.DirectBuffer;

/**
 * Reads one SBE command (header and body) in place and calls the matching {@link MatchingEngine} method: the
 * engine thread's entry point from a ring slot or a log message. Flyweights only: no copies, no allocation.
 *
 * <p>Enum codes map through the engine enums' {@code fromCode}; an unknown code becomes {@code null}, which the
 * engine rejects with a reason like any other bad order. A message that cannot be read as a command at all
 * (see {@link DispatchReject}) is not applied: it is counted per cause and reported to the
 * {@link DispatchRejectHandler}; the dispatcher throws nothing for any input. Exceptions thrown by the engine
 * or the reject handler are theirs and propagate.
 *
 * <p>Versions: messages of this build's schema version or older are read with the header's acting block length and
 * version; newer ones are refused, since fields this build cannot see might change their meaning. A field appended in a
 * later version (CancelOrder's and ReplaceOrder's {@code clientOrderId}, version 1; the order commands' {@code userId},
 * version 2) is absent from an older message, whose shorter block is accepted, and reads as 0 (a RestoreOrder's,
 * {@link RestoreOrders}); an AddInstrument before version 4 has no {@code initialState} and lists its instrument
 * TRADING, as then (a version 4 one's unknown state code is refused by the engine); a MassCancel before version 5
 * has no {@code restoredOnly} and cancels every matching order, as then. The sender's {@code userId} is
 * for the audit trail only: the engine never sees it, so its output for a command is the same whichever user sent it
 * and whichever version encoded it.
 *
 * <p>One thread dispatches; reject counts may be read from any thread.
 */
public final class SbeCommandDispatcher
{
    private static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int SCHEMA_ID = MessageHeaderDecoder.SCHEMA_ID;
    private static final int SCHEMA_VERSION = MessageHeaderDecoder.SCHEMA_VERSION;
    private static final short FALSE = 0;
    private static final short TRUE = 1;

    private final MatchingEngine engine;
    private final DispatchRejectHandler rejectHandler;
    private final AtomicLongArray rejectCounts = new AtomicLongArray(DispatchReject.count());
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final CancelOrderDecoder cancelOrder = new CancelOrderDecoder();
    private final ReplaceOrderDecoder replaceOrder = new ReplaceOrderDecoder();
    private final MassCancelDecoder massCancel = new MassCancelDecoder();
    private final AddInstrumentDecoder addInstrument = new AddInstrumentDecoder();
    private final AdjustBalanceDecoder adjustBalance = new AdjustBalanceDecoder();
    private final SetRiskLimitsDecoder setRiskLimits = new SetRiskLimitsDecoder();
    private final HaltInstrumentDecoder haltInstrument = new HaltInstrumentDecoder();
    private final ResumeInstrumentDecoder resumeInstrument = new ResumeInstrumentDecoder();
    private final TakeSnapshotDecoder takeSnapshot = new TakeSnapshotDecoder();
    private final EndOfDayDecoder endOfDay = new EndOfDayDecoder();
    private final TransferOutDecoder transferOut = new TransferOutDecoder();
    private final TransferInDecoder transferIn = new TransferInDecoder();
    private final SettleTransferDecoder settleTransfer = new SettleTransferDecoder();
    private final MoveOutDecoder moveOut = new MoveOutDecoder();
    private final RestoreOrderDecoder restoreOrder = new RestoreOrderDecoder();
    private final QueryBalancesDecoder queryBalances = new QueryBalancesDecoder();
    private final ReadBookDecoder readBook = new ReadBookDecoder();
    private final QueryOpenOrdersDecoder queryOpenOrders = new QueryOpenOrdersDecoder();

    /**
     * @param engine        receives every well-formed command.
     * @param rejectHandler told about every message that is not applied.
     */
    public SbeCommandDispatcher(final MatchingEngine engine, final DispatchRejectHandler rejectHandler)
    {
        this.engine = engine;
        this.rejectHandler = rejectHandler;
    }

    /**
     * Applies one command to the engine.
     *
     * @param buffer holding the message.
     * @param offset of the message header in {@code buffer}.
     * @param length bytes available for the message.
     * @return whether the command reached the engine (the engine may still reject it, with an event).
     */
    public boolean dispatch(final DirectBuffer buffer, final int offset, final int length)
    {
        if (offset < 0 || length < HEADER_LENGTH || offset > buffer.capacity() - length)
        {
            return reject(DispatchReject.TRUNCATED, buffer, offset, length);
        }

        final MessageHeaderDecoder header = this.header.wrap(buffer, offset);
        if (header.schemaId() != SCHEMA_ID)
        {
            return reject(DispatchReject.WRONG_SCHEMA, buffer, offset, length);
        }
        final int version = header.version();
        if (version > SCHEMA_VERSION)
        {
            return reject(DispatchReject.UNSUPPORTED_VERSION, buffer, offset, length);
        }
        final int templateId = header.templateId();
        final int minBlockLength = minBlockLength(templateId, version);
        if (minBlockLength < 0)
        {
            return reject(DispatchReject.UNKNOWN_TEMPLATE, buffer, offset, length);
        }
        final int blockLength = header.blockLength();
        if (blockLength < minBlockLength)
        {
            return reject(DispatchReject.BLOCK_TOO_SHORT, buffer, offset, length);
        }
        if (length - HEADER_LENGTH < blockLength)
        {
            return reject(DispatchReject.TRUNCATED, buffer, offset, length);
        }

        final int bodyOffset = offset + HEADER_LENGTH;
        switch (templateId)
        {
            case NewOrderDecoder.TEMPLATE_ID:
                return onNewOrder(buffer, offset, length, bodyOffset, blockLength, version);

            case CancelOrderDecoder.TEMPLATE_ID:
                onCancelOrder(buffer, bodyOffset, blockLength, version);
                return true;

            case ReplaceOrderDecoder.TEMPLATE_ID:
                onReplaceOrder(buffer, bodyOffset, blockLength, version);
                return true;

            case MassCancelDecoder.TEMPLATE_ID:
                return onMassCancel(buffer, offset, length, bodyOffset, blockLength, version);

            case AddInstrumentDecoder.TEMPLATE_ID:
                onAddInstrument(buffer, bodyOffset, blockLength, version);
                return true;

            case AdjustBalanceDecoder.TEMPLATE_ID:
                onAdjustBalance(buffer, bodyOffset, blockLength, version);
                return true;

            case SetRiskLimitsDecoder.TEMPLATE_ID:
                return onSetRiskLimits(buffer, offset, length, bodyOffset, blockLength, version);

            case HaltInstrumentDecoder.TEMPLATE_ID:
                onHaltInstrument(buffer, bodyOffset, blockLength, version);
                return true;

            case ResumeInstrumentDecoder.TEMPLATE_ID:
                onResumeInstrument(buffer, bodyOffset, blockLength, version);
                return true;

            case TakeSnapshotDecoder.TEMPLATE_ID:
                onTakeSnapshot(buffer, bodyOffset, blockLength, version);
                return true;

            case EndOfDayDecoder.TEMPLATE_ID:
                onEndOfDay(buffer, bodyOffset, blockLength, version);
                return true;

            case TransferOutDecoder.TEMPLATE_ID:
            {
                final TransferOutDecoder decoder = transferOut.wrap(buffer, bodyOffset, blockLength, version);
                engine.transferOut(decoder.timestamp(), decoder.transferId(), decoder.accountId(), decoder.assetId(),
                    decoder.amount());
                return true;
            }

            case TransferInDecoder.TEMPLATE_ID:
            {
                final TransferInDecoder decoder = transferIn.wrap(buffer, bodyOffset, blockLength, version);
                engine.transferIn(decoder.timestamp(), decoder.transferId(), decoder.accountId(), decoder.assetId(),
                    decoder.amount());
                return true;
            }

            case SettleTransferDecoder.TEMPLATE_ID:
                return onSettleTransfer(buffer, offset, length, bodyOffset, blockLength, version);

            case MoveOutDecoder.TEMPLATE_ID:
            {
                final MoveOutDecoder decoder = moveOut.wrap(buffer, bodyOffset, blockLength, version);
                engine.moves().moveOut(decoder.timestamp(), decoder.moveId(), decoder.instrumentId(),
                    decoder.orderCount(), decoder.firstTransferId());
                return true;
            }

            case RestoreOrderDecoder.TEMPLATE_ID:
                return RestoreOrders.restore(engine, restoreOrder.wrap(buffer, bodyOffset, blockLength, version)) ||
                    reject(DispatchReject.INVALID_BOOLEAN, buffer, offset, length);

            case QueryBalancesDecoder.TEMPLATE_ID:
            {
                final QueryBalancesDecoder decoder = queryBalances.wrap(buffer, bodyOffset, blockLength, version);
                engine.queryBalances(decoder.timestamp(), decoder.accountId(), decoder.requestId());
                return true;
            }

            case ReadBookDecoder.TEMPLATE_ID:
            {
                final ReadBookDecoder decoder = readBook.wrap(buffer, bodyOffset, blockLength, version);
                engine.moves().readBook(decoder.timestamp(), decoder.requestId(), decoder.instrumentId());
                return true;
            }

            case QueryOpenOrdersDecoder.TEMPLATE_ID:
            {
                final QueryOpenOrdersDecoder decoder = queryOpenOrders.wrap(buffer, bodyOffset, blockLength, version);
                engine.queryOpenOrders(decoder.timestamp(), decoder.accountId(), decoder.requestId(),
                    decoder.instrumentId());
                return true;
            }

            default:
                return reject(DispatchReject.UNKNOWN_TEMPLATE, buffer, offset, length);
        }
    }

    /**
     * @param reason a cause.
     * @return how many messages were not applied for that cause.
     */
    public long rejectCount(final DispatchReject reason)
    {
        return rejectCounts.get(reason.ordinal());
    }

    /**
     * @return how many messages were not applied, over all causes.
     */
    public long totalRejectCount()
    {
        long total = 0;
        for (int i = 0; i < rejectCounts.length(); i++)
        {
            total += rejectCounts.get(i);
        }
        return total;
    }

    private boolean onNewOrder(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final int bodyOffset,
        final int blockLength,
        final int version)
    {
        final NewOrderDecoder decoder = newOrder.wrap(buffer, bodyOffset, blockLength, version);
        final short postOnly = decoder.postOnlyRaw();
        if (postOnly != FALSE && postOnly != TRUE)
        {
            return reject(DispatchReject.INVALID_BOOLEAN, buffer, offset, length);
        }
        engine.newOrder(
            decoder.timestamp(),
            decoder.accountId(),
            decoder.clientOrderId(),
            decoder.instrumentId(),
            Side.fromCode(decoder.sideRaw()),
            OrderType.fromCode(decoder.orderTypeRaw()),
            TimeInForce.fromCode(decoder.timeInForceRaw()),
            postOnly == TRUE,
            SelfTradePrevention.fromCode(decoder.selfTradePreventionRaw()),
            decoder.price(),
            decoder.quantity());
        return true;
    }

    private void onCancelOrder(
        final DirectBuffer buffer, final int bodyOffset, final int blockLength, final int version)
    {
        final CancelOrderDecoder decoder = cancelOrder.wrap(buffer, bodyOffset, blockLength, version);
        final long clientOrderId = version < CancelOrderDecoder.clientOrderIdSinceVersion() ?
            0 : decoder.clientOrderId();
        engine.cancelOrder(
            decoder.timestamp(), decoder.accountId(), decoder.requestId(), decoder.orderId(), clientOrderId);
    }

    private void onReplaceOrder(
        final DirectBuffer buffer, final int bodyOffset, final int blockLength, final int version)
    {
        final ReplaceOrderDecoder decoder = replaceOrder.wrap(buffer, bodyOffset, blockLength, version);
        final long clientOrderId = version < ReplaceOrderDecoder.clientOrderIdSinceVersion() ?
            0 : decoder.clientOrderId();
        engine.replaceOrder(
            decoder.timestamp(),
            decoder.accountId(),
            decoder.requestId(),
            decoder.orderId(),
            decoder.newPrice(),
            decoder.newQuantity(),
            clientOrderId);
    }

    private boolean onMassCancel(final DirectBuffer buffer, final int offset, final int length, final int bodyOffset,
        final int blockLength, final int version)
    {
        final MassCancelDecoder decoder = massCancel.wrap(buffer, bodyOffset, blockLength, version);
        final short restoredOnly = version < MassCancelDecoder.restoredOnlySinceVersion() ?
            FALSE : decoder.restoredOnlyRaw();
        if (restoredOnly != FALSE && restoredOnly != TRUE)
        {
            return reject(DispatchReject.INVALID_BOOLEAN, buffer, offset, length);
        }
        engine.massCancel(decoder.timestamp(), decoder.accountId(), decoder.instrumentId(), decoder.requestId(),
            restoredOnly == TRUE);
        return true;
    }

    private void onAddInstrument(
        final DirectBuffer buffer, final int bodyOffset, final int blockLength, final int version)
    {
        final AddInstrumentDecoder decoder = addInstrument.wrap(buffer, bodyOffset, blockLength, version);
        engine.addInstrument(decoder.timestamp(), decoder.instrumentId(), decoder.baseAssetId(),
            decoder.quoteAssetId(), decoder.tickSize(), decoder.lotSize(), decoder.priceScale(),
            decoder.quantityScale(), decoder.makerFeePerLot(), decoder.takerFeePerLot(), decoder.referencePrice(),
            decoder.priceBandBps(), decoder.marketProtectionBps(),
            version < AddInstrumentDecoder.initialStateSinceVersion() ? InstrumentState.TRADING :
            InstrumentState.fromCode(decoder.initialStateRaw()));
    }

    private void onAdjustBalance(
        final DirectBuffer buffer, final int bodyOffset, final int blockLength, final int version)
    {
        final AdjustBalanceDecoder decoder = adjustBalance.wrap(buffer, bodyOffset, blockLength, version);
        engine.adjustBalance(decoder.timestamp(), decoder.accountId(), decoder.assetId(), decoder.amount());
    }

    private boolean onSetRiskLimits(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final int bodyOffset,
        final int blockLength,
        final int version)
    {
        final SetRiskLimitsDecoder decoder = setRiskLimits.wrap(buffer, bodyOffset, blockLength, version);
        final short killSwitch = decoder.killSwitchRaw();
        if (killSwitch != FALSE && killSwitch != TRUE)
        {
            return reject(DispatchReject.INVALID_BOOLEAN, buffer, offset, length);
        }
        engine.setRiskLimits(
            decoder.timestamp(),
            decoder.accountId(),
            decoder.maxOrderQuantity(),
            decoder.maxOrderNotional(),
            killSwitch == TRUE);
        return true;
    }

    private boolean onSettleTransfer(
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final int bodyOffset,
        final int blockLength,
        final int version)
    {
        final SettleTransferDecoder decoder = settleTransfer.wrap(buffer, bodyOffset, blockLength, version);
        final short returned = decoder.returnedRaw();
        if (returned != FALSE && returned != TRUE)
        {
            return reject(DispatchReject.INVALID_BOOLEAN, buffer, offset, length);
        }
        engine.settleTransfer(decoder.timestamp(), decoder.transferId(), returned == TRUE);
        return true;
    }

    private void onHaltInstrument(
        final DirectBuffer buffer, final int bodyOffset, final int blockLength, final int version)
    {
        final HaltInstrumentDecoder decoder = haltInstrument.wrap(buffer, bodyOffset, blockLength, version);
        engine.haltInstrument(decoder.timestamp(), decoder.instrumentId());
    }

    private void onResumeInstrument(
        final DirectBuffer buffer, final int bodyOffset, final int blockLength, final int version)
    {
        final ResumeInstrumentDecoder decoder = resumeInstrument.wrap(buffer, bodyOffset, blockLength, version);
        engine.resumeInstrument(decoder.timestamp(), decoder.instrumentId());
    }

    private void onTakeSnapshot(
        final DirectBuffer buffer, final int bodyOffset, final int blockLength, final int version)
    {
        final TakeSnapshotDecoder decoder = takeSnapshot.wrap(buffer, bodyOffset, blockLength, version);
        engine.takeSnapshot(decoder.timestamp(), decoder.snapshotId());
    }

    private void onEndOfDay(
        final DirectBuffer buffer, final int bodyOffset, final int blockLength, final int version)
    {
        final EndOfDayDecoder decoder = endOfDay.wrap(buffer, bodyOffset, blockLength, version);
        engine.endOfDay(decoder.timestamp(), decoder.instrumentId());
    }

    private boolean reject(final DispatchReject reason, final DirectBuffer buffer, final int offset, final int length)
    {
        final int index = reason.ordinal();
        rejectCounts.lazySet(index, rejectCounts.get(index) + 1);
        rejectHandler.onReject(reason, buffer, offset, length);
        return false;
    }

    /**
     * @return the block a message of that template and version needs at least, or -1 for an unknown template. A
     * version before an appended field ends where that field starts.
     */
    private static int minBlockLength(final int templateId, final int version)
    {
        switch (templateId)
        {
            case NewOrderDecoder.TEMPLATE_ID:
                return version < NewOrderDecoder.userIdSinceVersion() ?
                    NewOrderDecoder.userIdEncodingOffset() : NewOrderDecoder.BLOCK_LENGTH;
            case CancelOrderDecoder.TEMPLATE_ID:
                return version < CancelOrderDecoder.clientOrderIdSinceVersion() ?
                    CancelOrderDecoder.clientOrderIdEncodingOffset() :
                    version < CancelOrderDecoder.userIdSinceVersion() ?
                    CancelOrderDecoder.userIdEncodingOffset() : CancelOrderDecoder.BLOCK_LENGTH;
            case ReplaceOrderDecoder.TEMPLATE_ID:
                return version < ReplaceOrderDecoder.clientOrderIdSinceVersion() ?
                    ReplaceOrderDecoder.clientOrderIdEncodingOffset() :
                    version < ReplaceOrderDecoder.userIdSinceVersion() ?
                    ReplaceOrderDecoder.userIdEncodingOffset() : ReplaceOrderDecoder.BLOCK_LENGTH;
            case MassCancelDecoder.TEMPLATE_ID:
                return version < MassCancelDecoder.userIdSinceVersion() ? MassCancelDecoder.userIdEncodingOffset() :
                    version < MassCancelDecoder.restoredOnlySinceVersion() ?
                    MassCancelDecoder.restoredOnlyEncodingOffset() : MassCancelDecoder.BLOCK_LENGTH;
            case AddInstrumentDecoder.TEMPLATE_ID:
                return version < AddInstrumentDecoder.initialStateSinceVersion() ?
                    AddInstrumentDecoder.initialStateEncodingOffset() : AddInstrumentDecoder.BLOCK_LENGTH;
            case AdjustBalanceDecoder.TEMPLATE_ID:
                return AdjustBalanceDecoder.BLOCK_LENGTH;
            case SetRiskLimitsDecoder.TEMPLATE_ID:
                return SetRiskLimitsDecoder.BLOCK_LENGTH;
            case HaltInstrumentDecoder.TEMPLATE_ID:
                return HaltInstrumentDecoder.BLOCK_LENGTH;
            case ResumeInstrumentDecoder.TEMPLATE_ID:
                return ResumeInstrumentDecoder.BLOCK_LENGTH;
            case TakeSnapshotDecoder.TEMPLATE_ID:
                return TakeSnapshotDecoder.BLOCK_LENGTH;
            case EndOfDayDecoder.TEMPLATE_ID:
                return EndOfDayDecoder.BLOCK_LENGTH;
            case TransferOutDecoder.TEMPLATE_ID:
                return TransferOutDecoder.BLOCK_LENGTH;
            case TransferInDecoder.TEMPLATE_ID:
                return TransferInDecoder.BLOCK_LENGTH;
            case SettleTransferDecoder.TEMPLATE_ID:
                return SettleTransferDecoder.BLOCK_LENGTH;
            case MoveOutDecoder.TEMPLATE_ID:
                return MoveOutDecoder.BLOCK_LENGTH;
            case RestoreOrderDecoder.TEMPLATE_ID:
                return version < RestoreOrderDecoder.filledQuantitySinceVersion() ?
                    RestoreOrderDecoder.filledQuantityEncodingOffset() : RestoreOrderDecoder.BLOCK_LENGTH;
            case QueryBalancesDecoder.TEMPLATE_ID:
                return QueryBalancesDecoder.BLOCK_LENGTH;
            case ReadBookDecoder.TEMPLATE_ID:
                return ReadBookDecoder.BLOCK_LENGTH;
            case QueryOpenOrdersDecoder.TEMPLATE_ID:
                return QueryOpenOrdersDecoder.BLOCK_LENGTH;
            default:
                return -1;
        }
    }
}
