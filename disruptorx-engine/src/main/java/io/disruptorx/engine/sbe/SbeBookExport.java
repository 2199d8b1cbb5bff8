package io.disruptorx.engine.sbe;

import java.nio.ByteOrder;

import io.disruptorx.engine.InstrumentMoves;
import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import org.agrona.MutableDirectBuffer;

/**
 * Writes what a move of one instrument carries to its target shard as that shard's commands: an AddInstrument with
 * the instrument's definition, listing it HALTED (a target that never had it must not trade it before the move's
 * resume), then one RestoreOrder per resting order in priority order, each preceded by its length
 * as an int (little-endian). The i-th order's hold travels as transfer {@code firstTransferId + i}, as the source's
 * MoveOut names it; each order carries what it filled so far, its update time, post-only flag and self-trade
 * prevention. Order ids are the source engine's own; the mover makes them the ids the orders keep. Read-only:
 * the source engine is not changed. Not for the hot path.
 */
public final class SbeBookExport implements InstrumentMoves.BookVisitor
{
    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private MutableDirectBuffer piece;
    private int position;
    private long timestamp;
    private long nextTransferId;
    private int instrumentId;

    /**
     * @param engine          the source engine, its instrument halted.
     * @param instrumentId    the instrument.
     * @param timestamp       timestamp for the commands.
     * @param firstTransferId transfer id of the first order's hold.
     * @param piece           destination; an {@link org.agrona.ExpandableArrayBuffer} grows as needed.
     * @param offset          where to start.
     * @return bytes written, or -1 when the engine has no such instrument.
     */
    public int write(
        final MatchingEngine engine, final int instrumentId, final long timestamp, final long firstTransferId,
        final MutableDirectBuffer piece, final int offset)
    {
        this.piece = piece;
        this.position = offset;
        this.timestamp = timestamp;
        this.nextTransferId = firstTransferId;
        this.instrumentId = instrumentId;
        final int orders = engine.moves().visitBook(instrumentId, this);
        this.piece = null;
        return orders < 0 ? -1 : position - offset;
    }

    @Override
    public void onInstrument(
        final int instrumentId, final int baseAssetId, final int quoteAssetId, final long tickSize,
        final long lotSize, final int priceScale, final int quantityScale, final long makerFeePerLot,
        final long takerFeePerLot, final long referencePrice, final int priceBandBps, final int marketProtectionBps)
    {
        piece.checkLimit(position + Integer.BYTES + SbeCommandEncoder.MAX_LENGTH);
        final int length = encoder.addInstrument(piece, position + Integer.BYTES, timestamp, instrumentId,
            baseAssetId, quoteAssetId, tickSize, lotSize, priceScale, quantityScale, makerFeePerLot, takerFeePerLot,
            referencePrice, priceBandBps, marketProtectionBps, InstrumentState.HALTED);
        piece.putInt(position, length, ByteOrder.LITTLE_ENDIAN);
        position += Integer.BYTES + length;
    }

    @Override
    public void onOrder(
        final long orderId, final long accountId, final long clientOrderId, final Side side,
        final TimeInForce timeInForce, final long price, final long openQuantity, final long entryTime,
        final int heldAssetId, final long hold, final long filledQuantity, final long filledNotional,
        final long updateTime, final boolean postOnly, final SelfTradePrevention selfTradePrevention)
    {
        piece.checkLimit(position + Integer.BYTES + SbeCommandEncoder.MAX_LENGTH);
        final int length = encoder.restoreOrder(piece, position + Integer.BYTES, timestamp, nextTransferId++,
            orderId, accountId, clientOrderId, instrumentId, side, timeInForce, price, openQuantity, entryTime,
            heldAssetId, hold, filledQuantity, filledNotional, updateTime, postOnly, selfTradePrevention);
        piece.putInt(position, length, ByteOrder.LITTLE_ENDIAN);
        position += Integer.BYTES + length;
    }
}
