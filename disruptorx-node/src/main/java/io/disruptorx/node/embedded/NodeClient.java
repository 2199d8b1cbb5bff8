package io.disruptorx.node.embedded;

import java.util.function.LongSupplier;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.disruptorx.core.metrics.Counter;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeCommandEncoder;

/**
 * The in-process way into a node: encodes each command straight into an input ring slot, stamped with the
 * host's time and the command's journal sequence. One client per producing thread (it reuses its encoder).
 *
 * <p>Every method returns the command's journal sequence, or -1 when the client does not block and the ring is
 * full: the command was not sent, and the rejection is counted ({@code dx_input_ring_full_total}).
 */
public final class NodeClient
{
    private static final int HALT = 1;
    private static final int RESUME = 2;
    private static final int END_OF_DAY = 3;

    private final RingBuffer<CommandSlot> ring;
    private final long sequenceBase;
    private final LongSupplier epochNanos;
    private final LongSupplier nanoTime;
    private final boolean blocking;
    private final Counter ringFull;
    private final SbeCommandEncoder encoder = new SbeCommandEncoder();

    NodeClient(
        final RingBuffer<CommandSlot> ring,
        final long sequenceBase,
        final LongSupplier epochNanos,
        final LongSupplier nanoTime,
        final boolean blocking,
        final Counter ringFull)
    {
        this.ring = ring;
        this.sequenceBase = sequenceBase;
        this.epochNanos = epochNanos;
        this.nanoTime = nanoTime;
        this.blocking = blocking;
        this.ringFull = ringFull;
    }

    /**
     * NewOrder; see {@link io.disruptorx.engine.MatchingEngine#newOrder}.
     *
     * @return journal sequence, or -1 when the ring was full.
     */
    public long newOrder(
        final long accountId,
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final OrderType type,
        final TimeInForce timeInForce,
        final boolean postOnly,
        final SelfTradePrevention selfTradePrevention,
        final long price,
        final long quantity)
    {
        final long claimed = claim();
        if (claimed < 0)
        {
            return -1;
        }
        final CommandSlot slot = ring.get(claimed);
        slot.length = 0;
        try
        {
            slot.length = encoder.newOrder(slot.buffer, 0, epochNanos.getAsLong(), accountId, clientOrderId,
                instrumentId, side, type, timeInForce, postOnly, selfTradePrevention, price, quantity);
        }
        finally
        {
            publish(slot, claimed);
        }
        return sequenceBase + claimed;
    }

    /**
     * CancelOrder.
     *
     * @return journal sequence, or -1 when the ring was full.
     */
    public long cancelOrder(final long accountId, final long requestId, final long orderId)
    {
        final long claimed = claim();
        if (claimed < 0)
        {
            return -1;
        }
        final CommandSlot slot = ring.get(claimed);
        slot.length = 0;
        try
        {
            slot.length = encoder.cancelOrder(slot.buffer, 0, epochNanos.getAsLong(), accountId, requestId, orderId);
        }
        finally
        {
            publish(slot, claimed);
        }
        return sequenceBase + claimed;
    }

    /**
     * ReplaceOrder.
     *
     * @return journal sequence, or -1 when the ring was full.
     */
    public long replaceOrder(
        final long accountId, final long requestId, final long orderId, final long newPrice, final long newQuantity)
    {
        final long claimed = claim();
        if (claimed < 0)
        {
            return -1;
        }
        final CommandSlot slot = ring.get(claimed);
        slot.length = 0;
        try
        {
            slot.length = encoder.replaceOrder(
                slot.buffer, 0, epochNanos.getAsLong(), accountId, requestId, orderId, newPrice, newQuantity);
        }
        finally
        {
            publish(slot, claimed);
        }
        return sequenceBase + claimed;
    }

    /**
     * MassCancel.
     *
     * @return journal sequence, or -1 when the ring was full.
     */
    public long massCancel(final long accountId, final int instrumentId, final long requestId)
    {
        final long claimed = claim();
        if (claimed < 0)
        {
            return -1;
        }
        final CommandSlot slot = ring.get(claimed);
        slot.length = 0;
        try
        {
            slot.length = encoder.massCancel(
                slot.buffer, 0, epochNanos.getAsLong(), accountId, instrumentId, requestId);
        }
        finally
        {
            publish(slot, claimed);
        }
        return sequenceBase + claimed;
    }

    /**
     * AddInstrument; see {@link io.disruptorx.engine.MatchingEngine#addInstrument}.
     *
     * @return journal sequence, or -1 when the ring was full.
     */
    public long addInstrument(
        final int instrumentId,
        final int baseAssetId,
        final int quoteAssetId,
        final long tickSize,
        final long lotSize,
        final int priceScale,
        final int quantityScale,
        final long makerFeePerLot,
        final long takerFeePerLot,
        final long referencePrice,
        final int priceBandBps,
        final int marketProtectionBps)
    {
        final long claimed = claim();
        if (claimed < 0)
        {
            return -1;
        }
        final CommandSlot slot = ring.get(claimed);
        slot.length = 0;
        try
        {
            slot.length = encoder.addInstrument(slot.buffer, 0, epochNanos.getAsLong(), instrumentId, baseAssetId,
                quoteAssetId, tickSize, lotSize, priceScale, quantityScale, makerFeePerLot, takerFeePerLot,
                referencePrice, priceBandBps, marketProtectionBps);
        }
        finally
        {
            publish(slot, claimed);
        }
        return sequenceBase + claimed;
    }

    /**
     * AdjustBalance.
     *
     * @return journal sequence, or -1 when the ring was full.
     */
    public long adjustBalance(final long accountId, final int assetId, final long amount)
    {
        final long claimed = claim();
        if (claimed < 0)
        {
            return -1;
        }
        final CommandSlot slot = ring.get(claimed);
        slot.length = 0;
        try
        {
            slot.length = encoder.adjustBalance(slot.buffer, 0, epochNanos.getAsLong(), accountId, assetId, amount);
        }
        finally
        {
            publish(slot, claimed);
        }
        return sequenceBase + claimed;
    }

    /**
     * SetRiskLimits.
     *
     * @return journal sequence, or -1 when the ring was full.
     */
    public long setRiskLimits(
        final long accountId, final long maxOrderQuantity, final long maxOrderNotional, final boolean killSwitch)
    {
        final long claimed = claim();
        if (claimed < 0)
        {
            return -1;
        }
        final CommandSlot slot = ring.get(claimed);
        slot.length = 0;
        try
        {
            slot.length = encoder.setRiskLimits(slot.buffer, 0, epochNanos.getAsLong(), accountId, maxOrderQuantity,
                maxOrderNotional, killSwitch);
        }
        finally
        {
            publish(slot, claimed);
        }
        return sequenceBase + claimed;
    }

    /**
     * TakeSnapshot: the node snapshots right after this command.
     *
     * @return journal sequence, or -1 when the ring was full.
     */
    public long takeSnapshot(final long snapshotId)
    {
        final long claimed = claim();
        if (claimed < 0)
        {
            return -1;
        }
        final CommandSlot slot = ring.get(claimed);
        slot.length = 0;
        try
        {
            slot.length = encoder.takeSnapshot(slot.buffer, 0, epochNanos.getAsLong(), snapshotId);
        }
        finally
        {
            publish(slot, claimed);
        }
        return sequenceBase + claimed;
    }

    /**
     * HaltInstrument.
     *
     * @return journal sequence, or -1 when the ring was full.
     */
    public long haltInstrument(final int instrumentId)
    {
        return instrumentCommand(HALT, instrumentId);
    }

    /**
     * ResumeInstrument.
     *
     * @return journal sequence, or -1 when the ring was full.
     */
    public long resumeInstrument(final int instrumentId)
    {
        return instrumentCommand(RESUME, instrumentId);
    }

    /**
     * EndOfDay (0 for every instrument).
     *
     * @return journal sequence, or -1 when the ring was full.
     */
    public long endOfDay(final int instrumentId)
    {
        return instrumentCommand(END_OF_DAY, instrumentId);
    }

    private long instrumentCommand(final int command, final int instrumentId)
    {
        final long claimed = claim();
        if (claimed < 0)
        {
            return -1;
        }
        final CommandSlot slot = ring.get(claimed);
        slot.length = 0;
        try
        {
            final long now = epochNanos.getAsLong();
            slot.length = command == HALT ? encoder.haltInstrument(slot.buffer, 0, now, instrumentId) :
                command == RESUME ? encoder.resumeInstrument(slot.buffer, 0, now, instrumentId) :
                encoder.endOfDay(slot.buffer, 0, now, instrumentId);
        }
        finally
        {
            publish(slot, claimed);
        }
        return sequenceBase + claimed;
    }

    private long claim()
    {
        if (blocking)
        {
            return ring.next();
        }
        try
        {
            return ring.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            ringFull.increment();
            return -1;
        }
    }

    private void publish(final CommandSlot slot, final long claimed)
    {
        slot.sequence = sequenceBase + claimed;
        slot.publishNanos = nanoTime.getAsLong();
        ring.publish(claimed);
    }
}
