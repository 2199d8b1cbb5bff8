package io.disruptorx.node.embedded;

import java.util.function.LongSupplier;

import com.lmax.disruptor.RingBuffer;
import io.disruptorx.core.metrics.Counter;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;

/**
 * The in-process way into a node: encodes each command straight into an input ring slot, stamped with the
 * host's time and the command's journal sequence. One client per producing thread (it reuses its encoder and
 * stages each command's arguments in one {@link StagedCommand}, which the ring's publish writes into the slot it
 * claims: nothing is allocated per command).
 *
 * <p>Every method returns the command's journal sequence, or -1 when the client does not block and the ring is
 * full: the command was not sent, and the rejection is counted ({@code dx_input_ring_full_total}).
 */
public final class NodeClient
{
    private final RingBuffer<CommandSlot> ring;
    private final boolean blocking;
    private final Counter ringFull;
    private final StagedCommand command;

    NodeClient(
        final RingBuffer<CommandSlot> ring,
        final long sequenceBase,
        final LongSupplier epochNanos,
        final LongSupplier nanoTime,
        final boolean blocking,
        final Counter ringFull)
    {
        this.ring = ring;
        this.blocking = blocking;
        this.ringFull = ringFull;
        this.command = new StagedCommand(sequenceBase, epochNanos, nanoTime);
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
        final StagedCommand c = command;
        c.kind = StagedCommand.NEW_ORDER;
        c.accountId = accountId;
        c.clientOrderId = clientOrderId;
        c.instrumentId = instrumentId;
        c.side = StagedCommand.code(side);
        c.type = StagedCommand.code(type);
        c.timeInForce = StagedCommand.code(timeInForce);
        c.postOnly = postOnly;
        c.selfTradePrevention = StagedCommand.code(selfTradePrevention);
        c.price = price;
        c.quantity = quantity;
        return send();
    }

    /**
     * CancelOrder.
     *
     * @return journal sequence, or -1 when the ring was full.
     */
    public long cancelOrder(final long accountId, final long requestId, final long orderId)
    {
        final StagedCommand c = command;
        c.kind = StagedCommand.CANCEL_ORDER;
        c.accountId = accountId;
        c.requestId = requestId;
        c.orderId = orderId;
        return send();
    }

    /**
     * ReplaceOrder.
     *
     * @return journal sequence, or -1 when the ring was full.
     */
    public long replaceOrder(
        final long accountId, final long requestId, final long orderId, final long newPrice, final long newQuantity)
    {
        final StagedCommand c = command;
        c.kind = StagedCommand.REPLACE_ORDER;
        c.accountId = accountId;
        c.requestId = requestId;
        c.orderId = orderId;
        c.price = newPrice;
        c.quantity = newQuantity;
        return send();
    }

    /**
     * MassCancel.
     *
     * @return journal sequence, or -1 when the ring was full.
     */
    public long massCancel(final long accountId, final int instrumentId, final long requestId)
    {
        final StagedCommand c = command;
        c.kind = StagedCommand.MASS_CANCEL;
        c.accountId = accountId;
        c.instrumentId = instrumentId;
        c.requestId = requestId;
        return send();
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
        final StagedCommand c = command;
        c.kind = StagedCommand.ADD_INSTRUMENT;
        c.instrumentId = instrumentId;
        c.baseAssetId = baseAssetId;
        c.quoteAssetId = quoteAssetId;
        c.tickSize = tickSize;
        c.lotSize = lotSize;
        c.priceScale = priceScale;
        c.quantityScale = quantityScale;
        c.makerFeePerLot = makerFeePerLot;
        c.takerFeePerLot = takerFeePerLot;
        c.referencePrice = referencePrice;
        c.priceBandBps = priceBandBps;
        c.marketProtectionBps = marketProtectionBps;
        return send();
    }

    /**
     * AdjustBalance.
     *
     * @return journal sequence, or -1 when the ring was full.
     */
    public long adjustBalance(final long accountId, final int assetId, final long amount)
    {
        final StagedCommand c = command;
        c.kind = StagedCommand.ADJUST_BALANCE;
        c.accountId = accountId;
        c.assetId = assetId;
        c.amount = amount;
        return send();
    }

    /**
     * SetRiskLimits.
     *
     * @return journal sequence, or -1 when the ring was full.
     */
    public long setRiskLimits(
        final long accountId, final long maxOrderQuantity, final long maxOrderNotional, final boolean killSwitch)
    {
        final StagedCommand c = command;
        c.kind = StagedCommand.SET_RISK_LIMITS;
        c.accountId = accountId;
        c.maxOrderQuantity = maxOrderQuantity;
        c.maxOrderNotional = maxOrderNotional;
        c.killSwitch = killSwitch;
        return send();
    }

    /**
     * TakeSnapshot: the node snapshots right after this command.
     *
     * @return journal sequence, or -1 when the ring was full.
     */
    public long takeSnapshot(final long snapshotId)
    {
        command.kind = StagedCommand.TAKE_SNAPSHOT;
        command.snapshotId = snapshotId;
        return send();
    }

    /**
     * HaltInstrument.
     *
     * @return journal sequence, or -1 when the ring was full.
     */
    public long haltInstrument(final int instrumentId)
    {
        return instrumentCommand(StagedCommand.HALT_INSTRUMENT, instrumentId);
    }

    /**
     * ResumeInstrument.
     *
     * @return journal sequence, or -1 when the ring was full.
     */
    public long resumeInstrument(final int instrumentId)
    {
        return instrumentCommand(StagedCommand.RESUME_INSTRUMENT, instrumentId);
    }

    /**
     * EndOfDay (0 for every instrument).
     *
     * @return journal sequence, or -1 when the ring was full.
     */
    public long endOfDay(final int instrumentId)
    {
        return instrumentCommand(StagedCommand.END_OF_DAY, instrumentId);
    }

    private long instrumentCommand(final int kind, final int instrumentId)
    {
        command.kind = kind;
        command.instrumentId = instrumentId;
        return send();
    }

    /**
     * Claims a slot (waiting for one when blocking), lets the staged command write it, and publishes it.
     */
    private long send()
    {
        if (blocking)
        {
            ring.publishEvent(command);
        }
        else if (!ring.tryPublishEvent(command))
        {
            ringFull.increment();
            return -1;
        }
        return command.journalSequence();
    }
}
