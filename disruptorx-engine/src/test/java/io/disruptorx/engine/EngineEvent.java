package io.disruptorx.engine;

/**
 * One {@link EngineListener} call as a value, so a test can assert the exact list of events a command caused
 * (parity's {@code OrderBookEvents} style). Timestamps and feed sequences are kept beside the values by
 * {@link RecordingListener}, so expected lists stay short.
 */
public sealed interface EngineEvent
{
    /**
     * An execution event: order lifecycle, trades, admin results.
     */
    sealed interface Execution extends EngineEvent
    {
    }

    /**
     * A market data event: it carries a feed sequence.
     */
    sealed interface MarketData extends EngineEvent
    {
    }

    /**
     * {@link EngineListener#onOrderAccepted}.
     *
     * @param orderId       engine order id.
     * @param clientOrderId client order id.
     * @param accountId     owner.
     * @param instrumentId  instrument.
     * @param side          side.
     * @param type          type.
     * @param timeInForce   time in force.
     * @param price         limit or protection price.
     * @param quantity      quantity.
     */
    record Accepted(
        long orderId,
        long clientOrderId,
        long accountId,
        int instrumentId,
        Side side,
        OrderType type,
        TimeInForce timeInForce,
        long price,
        long quantity) implements Execution
    {
    }

    /**
     * {@link EngineListener#onOrderRejected}.
     *
     * @param clientOrderId client order id.
     * @param accountId     account.
     * @param instrumentId  instrument.
     * @param reason        reason.
     */
    record Rejected(long clientOrderId, long accountId, int instrumentId, RejectReason reason) implements Execution
    {
    }

    /**
     * One side of a trade.
     *
     * @param orderId   order.
     * @param accountId owner.
     * @param remaining open quantity after the trade.
     * @param fee       fee charged.
     */
    record Fill(long orderId, long accountId, long remaining, long fee)
    {
    }

    /**
     * {@link EngineListener#onTrade}.
     *
     * @param tradeId      trade id.
     * @param instrumentId instrument.
     * @param price        price.
     * @param quantity     quantity.
     * @param takerSide    side of the incoming order.
     * @param maker        resting side.
     * @param taker        incoming side.
     */
    record Trade(
        long tradeId, int instrumentId, long price, long quantity, Side takerSide, Fill maker, Fill taker)
        implements Execution
    {
    }

    /**
     * {@link EngineListener#onOrderCancelled}.
     *
     * @param orderId           order.
     * @param clientOrderId     the order's client order id.
     * @param requestId         the causing command's client order id.
     * @param accountId         owner.
     * @param instrumentId      instrument.
     * @param cancelledQuantity cancelled open quantity.
     * @param reason            reason.
     */
    record Cancelled(
        long orderId,
        long clientOrderId,
        long requestId,
        long accountId,
        int instrumentId,
        long cancelledQuantity,
        CancelReason reason) implements Execution
    {
    }

    /**
     * {@link EngineListener#onOrderReplaced}.
     *
     * @param orderId      order.
     * @param requestId    replace command's client order id.
     * @param accountId    owner.
     * @param instrumentId instrument.
     * @param price        new price.
     * @param quantity     new open quantity.
     * @param priorityKept whether the order kept its queue place.
     */
    record Replaced(
        long orderId, long requestId, long accountId, int instrumentId, long price, long quantity,
        boolean priorityKept) implements Execution
    {
    }

    /**
     * {@link EngineListener#onCancelRejected}.
     *
     * @param orderId   order named.
     * @param requestId command's client order id.
     * @param accountId account.
     * @param reason    reason.
     */
    record CancelRejected(long orderId, long requestId, long accountId, RejectReason reason) implements Execution
    {
    }

    /**
     * {@link EngineListener#onAdminResult}.
     *
     * @param type      command.
     * @param subjectId subject.
     * @param result    result.
     */
    record AdminResult(AdminType type, long subjectId, RejectReason result) implements Execution
    {
    }

    /**
     * {@link EngineListener#onSnapshotRequested}.
     *
     * @param snapshotId snapshot id.
     */
    record SnapshotRequested(long snapshotId) implements Execution
    {
    }

    /**
     * {@link EngineListener#onInstrumentStatus}.
     *
     * @param instrumentId instrument.
     * @param state        state.
     */
    record InstrumentStatus(int instrumentId, InstrumentState state) implements Execution
    {
    }

    /**
     * {@link EngineListener#onBookOrderAdded}.
     *
     * @param instrumentId instrument.
     * @param orderId      order.
     * @param side         side.
     * @param price        price.
     * @param quantity     open quantity.
     */
    record BookAdd(int instrumentId, long orderId, Side side, long price, long quantity) implements MarketData
    {
    }

    /**
     * {@link EngineListener#onBookOrderModified}.
     *
     * @param instrumentId instrument.
     * @param orderId      order.
     * @param quantity     open quantity now.
     */
    record BookModify(int instrumentId, long orderId, long quantity) implements MarketData
    {
    }

    /**
     * {@link EngineListener#onBookOrderDeleted}.
     *
     * @param instrumentId instrument.
     * @param orderId      order.
     */
    record BookDelete(int instrumentId, long orderId) implements MarketData
    {
    }

    /**
     * {@link EngineListener#onMarketTrade}.
     *
     * @param instrumentId  instrument.
     * @param tradeId       trade id.
     * @param price         price.
     * @param quantity      quantity.
     * @param aggressorSide incoming side.
     */
    record MarketTrade(int instrumentId, long tradeId, long price, long quantity, Side aggressorSide)
        implements MarketData
    {
    }

    /**
     * {@link EngineListener#onMarketStatus}.
     *
     * @param instrumentId instrument.
     * @param state        state.
     */
    record MarketStatus(int instrumentId, InstrumentState state) implements MarketData
    {
    }
}
