package io.disruptorx.bench.engine;

import io.disruptorx.engine.AdminType;
import io.disruptorx.engine.CancelReason;
import io.disruptorx.engine.EngineListener;
import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;

/**
 * A listener that does what a host must do at the least, and no more: it folds every argument of every event
 * into {@link #sink()} (as a JMH Blackhole would, so the JIT cannot drop the work that computes them), counts
 * trades and refusals, remembers the engine order id of each flow order, and keeps a ledger of what every trade
 * should have moved between balances, to check the engine's balances at the end.
 */
final class CountingEngineListener implements EngineListener
{
    private final long[] engineOrderIds;
    private final int[] baseAsset;
    private final int[] quoteAsset;
    private final long[] ledger;
    private final int assets;
    private final long feeAccountId;

    private long sink;
    private long trades;
    private long volume;
    private long orderRejects;
    private long cancelRejects;
    private long adminRefusals;

    /**
     * @param orderCount   flow orders, numbered 1 to this.
     * @param baseAsset    base asset per instrument id.
     * @param quoteAsset   quote asset per instrument id.
     * @param accounts     trading accounts, numbered 1 to this.
     * @param assets       assets, numbered 0 to this - 1.
     * @param feeAccountId the fee account (0 here).
     */
    CountingEngineListener(
        final int orderCount,
        final int[] baseAsset,
        final int[] quoteAsset,
        final int accounts,
        final int assets,
        final long feeAccountId)
    {
        this.engineOrderIds = new long[orderCount + 1];
        this.baseAsset = baseAsset;
        this.quoteAsset = quoteAsset;
        this.ledger = new long[(accounts + 1) * assets];
        this.assets = assets;
        this.feeAccountId = feeAccountId;
    }

    long engineOrderId(final int flowOrder)
    {
        return engineOrderIds[flowOrder];
    }

    long sink()
    {
        return sink;
    }

    long trades()
    {
        return trades;
    }

    long volume()
    {
        return volume;
    }

    long failures()
    {
        return orderRejects + cancelRejects;
    }

    long adminRefusals()
    {
        return adminRefusals;
    }

    /**
     * @param account account id (the fee account is 0).
     * @param asset   asset id.
     * @return net change of that balance caused by trades and fees since the start.
     */
    long ledger(final long account, final int asset)
    {
        return ledger[(int)account * assets + asset];
    }

    @Override
    public void onOrderAccepted(
        final long timestamp,
        final long orderId,
        final long clientOrderId,
        final long accountId,
        final int instrumentId,
        final Side side,
        final OrderType type,
        final TimeInForce timeInForce,
        final long price,
        final long quantity)
    {
        engineOrderIds[(int)clientOrderId] = orderId;
        sink += timestamp ^ accountId ^ instrumentId ^ side.ordinal() ^ type.ordinal() ^ timeInForce.ordinal() ^ price
            ^ quantity;
    }

    @Override
    public void onOrderRejected(
        final long timestamp, final long clientOrderId, final long accountId, final int instrumentId,
        final RejectReason reason)
    {
        orderRejects++;
        sink += timestamp ^ clientOrderId ^ accountId ^ instrumentId ^ reason.ordinal();
    }

    @Override
    public void onTrade(
        final long timestamp,
        final long tradeId,
        final int instrumentId,
        final long price,
        final long quantity,
        final Side takerSide,
        final long makerOrderId,
        final long makerAccountId,
        final long makerRemaining,
        final long makerFee,
        final long takerOrderId,
        final long takerAccountId,
        final long takerRemaining,
        final long takerFee)
    {
        trades++;
        volume += quantity;
        sink += timestamp ^ tradeId ^ makerOrderId ^ makerRemaining ^ takerOrderId ^ takerRemaining;

        // prices are per whole lot here (quantityScale 0), so notional is price * quantity
        final long notional = price * quantity;
        final boolean takerBuys = takerSide == Side.BUY;
        final long buyer = takerBuys ? takerAccountId : makerAccountId;
        final long seller = takerBuys ? makerAccountId : takerAccountId;
        final long buyerFee = takerBuys ? takerFee : makerFee;
        final long sellerFee = takerBuys ? makerFee : takerFee;
        final int base = baseAsset[instrumentId];
        final int quote = quoteAsset[instrumentId];
        final long[] ledger = this.ledger;
        ledger[(int)buyer * assets + quote] -= notional + buyerFee;
        ledger[(int)buyer * assets + base] += quantity;
        ledger[(int)seller * assets + base] -= quantity;
        ledger[(int)seller * assets + quote] += notional - sellerFee;
        ledger[(int)feeAccountId * assets + quote] += makerFee + takerFee;
    }

    @Override
    public void onOrderCancelled(
        final long timestamp,
        final long orderId,
        final long clientOrderId,
        final long requestId,
        final long accountId,
        final int instrumentId,
        final long cancelledQuantity,
        final CancelReason reason)
    {
        sink += timestamp ^ orderId ^ clientOrderId ^ requestId ^ accountId ^ instrumentId ^ cancelledQuantity
            ^ reason.ordinal();
    }

    @Override
    public void onOrderReplaced(
        final long timestamp,
        final long orderId,
        final long requestId,
        final long accountId,
        final int instrumentId,
        final long price,
        final long quantity,
        final boolean priorityKept)
    {
        sink += timestamp ^ orderId ^ requestId ^ accountId ^ instrumentId ^ price ^ quantity ^ (priorityKept ? 1 : 0);
    }

    @Override
    public void onCancelRejected(
        final long timestamp, final long orderId, final long requestId, final long accountId, final RejectReason reason)
    {
        cancelRejects++;
        sink += timestamp ^ orderId ^ requestId ^ accountId ^ reason.ordinal();
    }

    @Override
    public void onAdminResult(
        final long timestamp, final AdminType type, final long subjectId, final RejectReason result)
    {
        if (result != RejectReason.NONE)
        {
            adminRefusals++;
        }
        sink += timestamp ^ type.ordinal() ^ subjectId ^ result.ordinal();
    }

    @Override
    public void onSnapshotRequested(final long timestamp, final long snapshotId)
    {
        sink += timestamp ^ snapshotId;
    }

    @Override
    public void onInstrumentStatus(final long timestamp, final int instrumentId, final InstrumentState state)
    {
        sink += timestamp ^ instrumentId ^ state.ordinal();
    }

    @Override
    public void onBookOrderAdded(
        final long feedSequence,
        final long timestamp,
        final int instrumentId,
        final long orderId,
        final Side side,
        final long price,
        final long quantity)
    {
        sink += feedSequence ^ timestamp ^ instrumentId ^ orderId ^ side.ordinal() ^ price ^ quantity;
    }

    @Override
    public void onBookOrderModified(
        final long feedSequence, final long timestamp, final int instrumentId, final long orderId, final long quantity)
    {
        sink += feedSequence ^ timestamp ^ instrumentId ^ orderId ^ quantity;
    }

    @Override
    public void onBookOrderDeleted(
        final long feedSequence, final long timestamp, final int instrumentId, final long orderId)
    {
        sink += feedSequence ^ timestamp ^ instrumentId ^ orderId;
    }

    @Override
    public void onMarketTrade(
        final long feedSequence,
        final long timestamp,
        final int instrumentId,
        final long tradeId,
        final long price,
        final long quantity,
        final Side aggressorSide)
    {
        sink += feedSequence ^ timestamp ^ instrumentId ^ tradeId ^ price ^ quantity ^ aggressorSide.ordinal();
    }

    @Override
    public void onMarketStatus(
        final long feedSequence, final long timestamp, final int instrumentId, final InstrumentState state)
    {
        sink += feedSequence ^ timestamp ^ instrumentId ^ state.ordinal();
    }
}
