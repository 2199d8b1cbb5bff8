package io.disruptorx.engine.sbe;

import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.protocol.sbe.command.BooleanType;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.MoveOutEncoder;
import io.disruptorx.protocol.sbe.command.RestoreOrderEncoder;
import io.disruptorx.protocol.sbe.command.SettleTransferEncoder;
import io.disruptorx.protocol.sbe.command.TransferInEncoder;
import io.disruptorx.protocol.sbe.command.TransferOutEncoder;
import org.agrona.MutableDirectBuffer;

/**
 * The commands between shards, as {@link SbeCommandEncoder} writes them: funds that move from one shard's ledger to
 * another's (TransferOut, TransferIn, SettleTransfer) and a book that moves (MoveOut, RestoreOrder). Same rules as
 * the rest of {@link SbeCommandEncoder}: the message region is zeroed first, a {@code null} enum is written as the
 * SBE null value, reusable flyweights, no allocation per call, each method returns the bytes written.
 *
 * <p>{@link SbeCommandEncoder} is its only subclass: one public encoder to its callers, the shard-to-shard commands
 * in a file of their own.
 */
abstract class SbeShardCommandEncoder
{
    private static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TransferOutEncoder transferOut = new TransferOutEncoder();
    private final TransferInEncoder transferIn = new TransferInEncoder();
    private final SettleTransferEncoder settleTransfer = new SettleTransferEncoder();
    private final MoveOutEncoder moveOut = new MoveOutEncoder();
    private final RestoreOrderEncoder restoreOrder = new RestoreOrderEncoder();

    /**
     * TransferOut: funds leave this shard.
     *
     * @return bytes written.
     */
    public int transferOut(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestamp,
        final long transferId,
        final long accountId,
        final int assetId,
        final long amount)
    {
        final int length = HEADER_LENGTH + TransferOutEncoder.BLOCK_LENGTH;
        transferOut.wrapAndApplyHeader(SbeEventEncoder.zeroed(buffer, offset, length), offset, header)
            .timestamp(timestamp)
            .transferId(transferId)
            .accountId(accountId)
            .assetId(assetId)
            .amount(amount);
        return length;
    }

    /**
     * TransferIn: funds arrive at this shard.
     *
     * @return bytes written.
     */
    public int transferIn(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestamp,
        final long transferId,
        final long accountId,
        final int assetId,
        final long amount)
    {
        final int length = HEADER_LENGTH + TransferInEncoder.BLOCK_LENGTH;
        transferIn.wrapAndApplyHeader(SbeEventEncoder.zeroed(buffer, offset, length), offset, header)
            .timestamp(timestamp)
            .transferId(transferId)
            .accountId(accountId)
            .assetId(assetId)
            .amount(amount);
        return length;
    }

    /**
     * SettleTransfer: arrived, or returned to its account.
     *
     * @return bytes written.
     */
    public int settleTransfer(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestamp,
        final long transferId,
        final boolean returned)
    {
        final int length = HEADER_LENGTH + SettleTransferEncoder.BLOCK_LENGTH;
        settleTransfer.wrapAndApplyHeader(SbeEventEncoder.zeroed(buffer, offset, length), offset, header)
            .timestamp(timestamp)
            .transferId(transferId)
            .returned(returned ? BooleanType.TRUE : BooleanType.FALSE);
        return length;
    }

    /**
     * MoveOut: a halted instrument's resting orders leave this shard ({@code InstrumentMoves.moveOut}).
     *
     * @return bytes written.
     */
    public int moveOut(
        final MutableDirectBuffer buffer,
        final int offset,
        final long timestamp,
        final long moveId,
        final int instrumentId,
        final int orderCount,
        final long firstTransferId)
    {
        final int length = HEADER_LENGTH + MoveOutEncoder.BLOCK_LENGTH;
        moveOut.wrapAndApplyHeader(SbeEventEncoder.zeroed(buffer, offset, length), offset, header)
            .timestamp(timestamp)
            .moveId(moveId)
            .instrumentId(instrumentId)
            .orderCount(orderCount)
            .firstTransferId(firstTransferId);
        return length;
    }

    /**
     * RestoreOrder: one order of a moved instrument arrives with its hold and what it filled before it moved
     * ({@code InstrumentMoves.restoreOrder}).
     *
     * @return bytes written.
     */
    public int restoreOrder(final MutableDirectBuffer buffer, final int offset, final long timestamp,
        final long transferId, final long orderId, final long accountId, final long clientOrderId,
        final int instrumentId, final Side side, final TimeInForce timeInForce, final long price, final long quantity,
        final long entryTime, final int heldAssetId, final long hold, final long filledQuantity,
        final long filledNotional, final long updateTime, final boolean postOnly,
        final SelfTradePrevention selfTradePrevention)
    {
        final int length = HEADER_LENGTH + RestoreOrderEncoder.BLOCK_LENGTH;
        restoreOrder.wrapAndApplyHeader(SbeEventEncoder.zeroed(buffer, offset, length), offset, header)
            .timestamp(timestamp)
            .transferId(transferId)
            .orderId(orderId)
            .accountId(accountId)
            .clientOrderId(clientOrderId)
            .instrumentId(instrumentId)
            .side(null == side ?
                io.disruptorx.protocol.sbe.command.Side.NULL_VAL :
                io.disruptorx.protocol.sbe.command.Side.get((short) side.code()))
            .timeInForce(null == timeInForce ?
                io.disruptorx.protocol.sbe.command.TimeInForce.NULL_VAL :
                io.disruptorx.protocol.sbe.command.TimeInForce.get((short) timeInForce.code()))
            .heldAssetId(heldAssetId)
            .price(price)
            .quantity(quantity)
            .entryTime(entryTime)
            .hold(hold)
            .filledQuantity(filledQuantity)
            .filledNotional(filledNotional)
            .updateTime(updateTime)
            .postOnly(postOnly ? BooleanType.TRUE : BooleanType.FALSE)
            .selfTradePrevention(null == selfTradePrevention ?
                io.disruptorx.protocol.sbe.command.SelfTradePrevention.NULL_VAL :
                io.disruptorx.protocol.sbe.command.SelfTradePrevention.get((short) selfTradePrevention.code()));
        return length;
    }
}
