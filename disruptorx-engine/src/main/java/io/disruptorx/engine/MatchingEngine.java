package io.disruptorx.engine;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The deterministic engine: instruments, accounts, pre-trade risk and one order book per instrument. One thread owns
 * it. It reads no clock and no random and never iterates a hash-ordered collection; time arrives in each command.
 * Semantics: {@code docs/engine.md}.
 *
 * <p>Every command method validates its arguments and answers through the {@link EngineListener}: a bad command is
 * refused with a reason and changes nothing. No method throws for bad input; only {@link #restore} throws, for a
 * snapshot that does not fit this engine.
 *
 * <p>This class is the engine's face and holds no logic of its own. Behind it: the {@link EngineState} every part
 * shares (instruments in an {@link InstrumentRegistry}, accounts in an {@link AccountLedger}, live orders, id
 * counters); {@link EngineAdmin} for administrative commands; {@link OrderLifecycle} for orders, which checks
 * {@link PreTradeRisk} and drives each instrument's book ({@link io.disruptorx.engine.book.OrderBook}), whose
 * {@link InstrumentBookEvents} apply self-trade prevention, settle trades and publish market data;
 * {@link EngineQueries} for questions; {@link EngineSnapshot} for the state as bytes; {@link InstrumentMoves} for
 * moving a book between shards. The read-only methods (balances, prices, resting orders, transfers, the state walk)
 * are inherited from {@link EngineView}; this file holds the commands.
 */
public final class MatchingEngine extends EngineView
{
    private final EngineState state;
    private final OrderLifecycle orders;
    private final EngineAdmin admin;
    private final EngineQueries queries;
    private final EngineTransfers transfers;
    private final InstrumentMoves moves;

    /**
     * @param config   settings.
     * @param listener receives every event, on the calling thread.
     */
    public MatchingEngine(final EngineConfig config, final EngineListener listener)
    {
        this(new EngineState(config, listener));
    }

    private MatchingEngine(final EngineState state)
    {
        super(state);
        this.state = state;
        this.orders = new OrderLifecycle(state);
        this.admin = new EngineAdmin(state, orders);
        this.queries = new EngineQueries(state);
        this.transfers = new EngineTransfers(state);
        this.moves = new InstrumentMoves(state);
    }

    /**
     * @return the commands and the query that move an instrument's book between shards.
     */
    public InstrumentMoves moves()
    {
        return moves;
    }

    /** Adds an instrument; it starts trading at once. The parameters: the overload that names the state. */
    public void addInstrument(final long timestamp, final int instrumentId, final int baseAssetId,
        final int quoteAssetId, final long tickSize, final long lotSize, final int priceScale, final int quantityScale,
        final long makerFeePerLot, final long takerFeePerLot, final long referencePrice, final int priceBandBps,
        final int marketProtectionBps)
    {
        admin.addInstrument(timestamp, instrumentId, baseAssetId, quoteAssetId, tickSize, lotSize, priceScale,
            quantityScale, makerFeePerLot, takerFeePerLot, referencePrice, priceBandBps, marketProtectionBps,
            InstrumentState.TRADING);
    }

    /**
     * Adds an instrument in a given state: TRADING, or HALTED until a {@link #resumeInstrument} (a shard move's
     * target, whose book must not trade before the orders it carries rest). The status events tell that state.
     *
     * @param timestamp           command timestamp.
     * @param instrumentId        1 to {@code maxInstruments - 1}.
     * @param baseAssetId         asset bought and sold.
     * @param quoteAssetId        asset prices and fees are in.
     * @param tickSize            smallest price step.
     * @param lotSize             smallest quantity step; fees are per lot.
     * @param priceScale          decimals of a price, for display (0 to 18).
     * @param quantityScale       decimals of a quantity: notional = price * quantity / 10^quantityScale.
     * @param makerFeePerLot      maker fee in quote units per lot.
     * @param takerFeePerLot      taker fee in quote units per lot, at least the maker fee.
     * @param referencePrice      starting reference price for the band and market protection.
     * @param priceBandBps        limit prices further than this from the reference are refused; 0 for none.
     * @param marketProtectionBps market orders trade no further than this from the reference (1 to 10,000).
     * @param initialState        the state it is listed in; {@code null} is refused as {@code INVALID_INSTRUMENT}.
     */
    public void addInstrument(final long timestamp, final int instrumentId, final int baseAssetId,
        final int quoteAssetId, final long tickSize, final long lotSize, final int priceScale, final int quantityScale,
        final long makerFeePerLot, final long takerFeePerLot, final long referencePrice, final int priceBandBps,
        final int marketProtectionBps, final InstrumentState initialState)
    {
        admin.addInstrument(timestamp, instrumentId, baseAssetId, quoteAssetId, tickSize, lotSize, priceScale,
            quantityScale, makerFeePerLot, takerFeePerLot, referencePrice, priceBandBps, marketProtectionBps,
            initialState);
    }

    /**
     * Deposits (positive amount) or withdraws (negative amount). A withdrawal may take only the available
     * balance, never funds held for open orders.
     *
     * @param timestamp command timestamp.
     * @param accountId a trading account (positive) or the fee account.
     * @param assetId   asset.
     * @param amount    signed amount.
     */
    public void adjustBalance(final long timestamp, final long accountId, final int assetId, final long amount)
    {
        admin.adjustBalance(timestamp, accountId, assetId, amount);
    }

    /**
     * Answers with the account's balances ({@link EngineListener#onAccountBalance}); changes nothing.
     *
     * @param timestamp command timestamp.
     * @param accountId any account id; an unknown one has no balances.
     * @param requestId the asker's id, echoed in each answer.
     */
    public void queryBalances(final long timestamp, final long accountId, final long requestId)
    {
        queries.answerBalances(timestamp, accountId, requestId);
    }

    /**
     * Answers with the account's open orders ({@link EngineListener#onOpenOrder}), of one instrument or all (0).
     */
    public void queryOpenOrders(final long timestamp, final long accountId, final long requestId, final int instrument)
    {
        queries.answerOpenOrders(timestamp, accountId, requestId, instrument);
    }

    /**
     * Sets an account's limits. Turning the kill switch on cancels every open order of the account and
     * refuses new ones until it is turned off.
     *
     * @param timestamp        command timestamp.
     * @param accountId        trading account.
     * @param maxOrderQuantity largest quantity of one order (positive).
     * @param maxOrderNotional largest notional of one order, in quote units (positive).
     * @param killSwitch       kill switch state.
     */
    public void setRiskLimits(final long timestamp, final long accountId, final long maxOrderQuantity,
        final long maxOrderNotional, final boolean killSwitch)
    {
        admin.setRiskLimits(timestamp, accountId, maxOrderQuantity, maxOrderNotional, killSwitch);
    }

    /**
     * Halts an instrument: new orders and replaces are refused, cancels are accepted.
     *
     * @param timestamp    command timestamp.
     * @param instrumentId instrument.
     */
    public void haltInstrument(final long timestamp, final int instrumentId)
    {
        admin.changeState(timestamp, instrumentId, InstrumentState.HALTED, AdminType.HALT_INSTRUMENT);
    }

    /**
     * Resumes trading in a halted instrument.
     *
     * @param timestamp    command timestamp.
     * @param instrumentId instrument.
     */
    public void resumeInstrument(final long timestamp, final int instrumentId)
    {
        admin.changeState(timestamp, instrumentId, InstrumentState.TRADING, AdminType.RESUME_INSTRUMENT);
    }

    /**
     * Expires every DAY order of an instrument, or of all instruments.
     *
     * @param timestamp    command timestamp.
     * @param instrumentId instrument, or 0 for all.
     */
    public void endOfDay(final long timestamp, final int instrumentId)
    {
        admin.endOfDay(timestamp, instrumentId);
    }

    /**
     * Marks a point in the command stream where the host takes a snapshot.
     *
     * @param timestamp  command timestamp.
     * @param snapshotId id the host chose.
     */
    public void takeSnapshot(final long timestamp, final long snapshotId)
    {
        admin.takeSnapshot(timestamp, snapshotId);
    }

    /**
     * Enters an order: pre-trade risk, then matching, then it rests or its remainder is cancelled.
     * Null enum arguments (unknown wire codes) are refused with {@link RejectReason#INVALID_ORDER_TYPE}. A client
     * order id that a resting order of the same account already has is refused with
     * {@link RejectReason#DUPLICATE_CLIENT_ORDER_ID}, so a re-sent order never makes a second one.
     *
     * @param timestamp           command timestamp.
     * @param accountId           owner.
     * @param clientOrderId       the client's id, echoed in events; unique among the account's resting orders, or 0
     *                            for none (never checked, and the order cannot be named by it).
     * @param instrumentId        instrument.
     * @param side                side.
     * @param type                limit or market.
     * @param timeInForce         time in force.
     * @param postOnly            whether it must not take liquidity.
     * @param selfTradePrevention what to do when it would trade with the same account.
     * @param price               limit price (ignored for market orders).
     * @param quantity            quantity.
     */
    public void newOrder(final long timestamp, final long accountId, final long clientOrderId, final int instrumentId,
        final Side side, final OrderType type, final TimeInForce timeInForce, final boolean postOnly,
        final SelfTradePrevention selfTradePrevention, final long price, final long quantity)
    {
        orders.newOrder(
            timestamp, accountId, clientOrderId, instrumentId, side, type, timeInForce, postOnly, selfTradePrevention,
            price, quantity);
    }

    /**
     * Cancels a resting order named by its engine order id.
     *
     * @param timestamp command timestamp.
     * @param accountId must own the order.
     * @param requestId client id of this cancel, echoed in events.
     * @param orderId   engine order id.
     */
    public void cancelOrder(final long timestamp, final long accountId, final long requestId, final long orderId)
    {
        orders.cancelOrder(timestamp, accountId, requestId, orderId, 0);
    }

    /**
     * Cancels a resting order named by its engine order id or, when that is 0, by the account and its client order
     * id. An order it cannot find is refused with {@link RejectReason#UNKNOWN_ORDER}, naming the order id given.
     *
     * @param timestamp     command timestamp.
     * @param accountId     must own the order.
     * @param requestId     client id of this cancel, echoed in events.
     * @param orderId       engine order id, or 0 to name the order by its client order id.
     * @param clientOrderId the order's client order id when {@code orderId} is 0 (0 names no order); else ignored.
     */
    public void cancelOrder(
        final long timestamp, final long accountId, final long requestId, final long orderId, final long clientOrderId)
    {
        orders.cancelOrder(timestamp, accountId, requestId, orderId, clientOrderId);
    }

    /**
     * Changes a resting order's price and open quantity. Same price and less quantity keeps its priority;
     * anything else moves it to the back of its new level, and it trades first if the new price crosses.
     *
     * @param timestamp   command timestamp.
     * @param accountId   must own the order.
     * @param requestId   client id of this replace, echoed in events.
     * @param orderId     engine order id.
     * @param newPrice    new limit price.
     * @param newQuantity new open quantity.
     */
    public void replaceOrder(final long timestamp, final long accountId, final long requestId, final long orderId,
        final long newPrice, final long newQuantity)
    {
        orders.replaceOrder(timestamp, accountId, requestId, orderId, newPrice, newQuantity, 0);
    }

    /**
     * As {@link #replaceOrder(long, long, long, long, long, long)}, for an order named by its engine order id or,
     * when that is 0, by the account and its client order id. The order keeps its client order id. Events name the
     * order by its engine order id; a refusal for an order it cannot find names the order id given.
     *
     * @param timestamp     command timestamp.
     * @param accountId     must own the order.
     * @param requestId     client id of this replace, echoed in events.
     * @param orderId       engine order id, or 0 to name the order by its client order id.
     * @param newPrice      new limit price.
     * @param newQuantity   new open quantity.
     * @param clientOrderId the order's client order id when {@code orderId} is 0 (0 names no order); else ignored.
     */
    public void replaceOrder(
        final long timestamp,
        final long accountId,
        final long requestId,
        final long orderId,
        final long newPrice,
        final long newQuantity,
        final long clientOrderId)
    {
        orders.replaceOrder(timestamp, accountId, requestId, orderId, newPrice, newQuantity, clientOrderId);
    }

    /**
     * Cancels every resting order of an account, an instrument, both, or everything.
     *
     * @param timestamp    command timestamp.
     * @param accountId    account, or 0 for all.
     * @param instrumentId instrument, or 0 for all.
     * @param requestId    client id of this command, echoed in the cancels.
     */
    public void massCancel(final long timestamp, final long accountId, final int instrumentId, final long requestId)
    {
        orders.massCancel(timestamp, accountId, instrumentId, requestId, false);
    }

    /**
     * As {@link #massCancel(long, long, int, long)}; with {@code restoredOnly}, only the orders a move restored here
     * (their id carries {@link InstrumentMoves#MOVED_MARK}): a move's gateway re-sends a mass cancel its source
     * applied after the orders left, and orders placed here after the move's resume stay.
     */
    public void massCancel(final long timestamp, final long accountId, final int instrumentId, final long requestId,
        final boolean restoredOnly)
    {
        orders.massCancel(timestamp, accountId, instrumentId, requestId, restoredOnly);
    }

    /**
     * Sends funds out of this shard: the amount leaves the account's available balance and is in flight until
     * {@link #settleTransfer}. A transfer id this shard has seen is answered as applied and changes nothing.
     *
     * @param timestamp  command timestamp.
     * @param transferId positive id naming the transfer on both shards.
     * @param accountId  trading account.
     * @param assetId    asset.
     * @param amount     positive amount, at most the available balance.
     */
    public void transferOut(
        final long timestamp, final long transferId, final long accountId, final int assetId, final long amount)
    {
        transfers.transferOut(timestamp, transferId, accountId, assetId, amount);
    }

    /**
     * Credits funds sent out of another shard. A transfer id this shard has seen is answered as applied and changes
     * nothing.
     *
     * @param timestamp  command timestamp.
     * @param transferId the id the source shard's TransferOut had.
     * @param accountId  trading account.
     * @param assetId    asset.
     * @param amount     positive amount.
     */
    public void transferIn(
        final long timestamp, final long transferId, final long accountId, final int assetId, final long amount)
    {
        transfers.transferIn(timestamp, transferId, accountId, assetId, amount);
    }

    /**
     * Settles a transfer out of this shard: arrived (completed), or returned to its account when the target refused
     * it. Settling a settled transfer changes nothing; an id this shard never sent out is refused.
     *
     * @param timestamp  command timestamp.
     * @param transferId the transfer.
     * @param returned   whether the amount goes back to the account.
     */
    public void settleTransfer(final long timestamp, final long transferId, final boolean returned)
    {
        transfers.settleTransfer(timestamp, transferId, returned);
    }

    /**
     * Writes the whole state. With an {@link org.agrona.ExpandableArrayBuffer} the buffer grows as needed.
     *
     * @param buffer destination.
     * @param offset where to start.
     * @return bytes written.
     */
    public int snapshot(final MutableDirectBuffer buffer, final int offset)
    {
        return EngineSnapshot.write(state, buffer, offset);
    }

    /**
     * Rebuilds the state written by {@link #snapshot} into this engine, which must be new (no command applied)
     * and have the same configuration.
     *
     * @param buffer source.
     * @param offset where the snapshot starts.
     * @param length its length.
     * @throws IllegalStateException when the engine is not new, the snapshot is malformed or was written with
     *                               another configuration.
     */
    public void restore(final DirectBuffer buffer, final int offset, final int length)
    {
        EngineSnapshot.read(state, orders, buffer, offset, length);
    }
}
