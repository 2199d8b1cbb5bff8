package io.disruptorx.engine;

/**
 * Everything the engine says, as calls with primitive arguments (enums are constants, never allocated).
 * The host turns these calls into execution reports, market data and audit records.
 *
 * <p>Execution events carry the timestamp of the command that caused them. Market data events also carry
 * the shard's feed sequence: consecutive, starting at 1, assigned by the engine, identical on every replica.
 *
 * <p>Quantities are in the instrument's base units, prices and fees in its quote units (see
 * {@link MatchingEngine#addInstrument}).
 */
public interface EngineListener
{
    /**
     * A new order was accepted. It is followed by its trades, if any, and then either rests or is cancelled.
     *
     * @param timestamp     command timestamp.
     * @param orderId       engine-assigned order id.
     * @param clientOrderId the client's id from the command.
     * @param accountId     owner.
     * @param instrumentId  instrument.
     * @param side          side.
     * @param type          order type.
     * @param timeInForce   time in force.
     * @param price         limit price; for a market order the protection price it is bounded by.
     * @param quantity      quantity.
     */
    void onOrderAccepted(
        long timestamp,
        long orderId,
        long clientOrderId,
        long accountId,
        int instrumentId,
        Side side,
        OrderType type,
        TimeInForce timeInForce,
        long price,
        long quantity);

    /**
     * A new order was refused; nothing changed.
     *
     * @param timestamp     command timestamp.
     * @param clientOrderId the client's id from the command.
     * @param accountId     account from the command.
     * @param instrumentId  instrument from the command.
     * @param reason        why.
     */
    void onOrderRejected(long timestamp, long clientOrderId, long accountId, int instrumentId, RejectReason reason);

    /**
     * Two orders traded.
     *
     * @param timestamp        command timestamp.
     * @param tradeId          engine-assigned trade id.
     * @param instrumentId     instrument.
     * @param price            execution price (the resting order's price).
     * @param quantity         executed quantity.
     * @param takerSide        side of the incoming order.
     * @param makerOrderId     resting order.
     * @param makerAccountId   resting order's owner.
     * @param makerRemaining   resting order's open quantity after this trade.
     * @param makerFee         fee charged to the maker, in quote units.
     * @param takerOrderId     incoming order.
     * @param takerAccountId   incoming order's owner.
     * @param takerRemaining   incoming order's open quantity after this trade.
     * @param takerFee         fee charged to the taker, in quote units.
     */
    void onTrade(
        long timestamp,
        long tradeId,
        int instrumentId,
        long price,
        long quantity,
        Side takerSide,
        long makerOrderId,
        long makerAccountId,
        long makerRemaining,
        long makerFee,
        long takerOrderId,
        long takerAccountId,
        long takerRemaining,
        long takerFee);

    /**
     * An order, resting or incoming, was cancelled: its open quantity is gone and its held funds released.
     *
     * @param timestamp         command timestamp.
     * @param orderId           order.
     * @param clientOrderId     the order's own client order id.
     * @param requestId         client order id of the command that caused the cancel (the same as
     *                          {@code clientOrderId} when the order's own command caused it).
     * @param accountId         owner.
     * @param instrumentId      instrument.
     * @param cancelledQuantity open quantity that was cancelled.
     * @param reason            why.
     */
    void onOrderCancelled(
        long timestamp,
        long orderId,
        long clientOrderId,
        long requestId,
        long accountId,
        int instrumentId,
        long cancelledQuantity,
        CancelReason reason);

    /**
     * A resting order was replaced. When the price changed or the quantity grew, it lost its time priority,
     * and trades may follow if the new price crosses.
     *
     * @param timestamp     command timestamp.
     * @param orderId       order (keeps its id).
     * @param requestId     client order id of the replace command.
     * @param accountId     owner.
     * @param instrumentId  instrument.
     * @param price         new price.
     * @param quantity      new open quantity.
     * @param priorityKept  whether the order kept its place in the queue.
     */
    void onOrderReplaced(
        long timestamp,
        long orderId,
        long requestId,
        long accountId,
        int instrumentId,
        long price,
        long quantity,
        boolean priorityKept);

    /**
     * A cancel or replace was refused; the order is unchanged.
     *
     * @param timestamp command timestamp.
     * @param orderId   the order's id when it was found; else the order id the command gave (0 when it named the
     *                  order by client order id).
     * @param requestId client order id of the command.
     * @param accountId account from the command.
     * @param reason    why.
     */
    void onCancelRejected(long timestamp, long orderId, long requestId, long accountId, RejectReason reason);

    /**
     * An administrative command was applied ({@link RejectReason#NONE}) or refused.
     *
     * @param timestamp command timestamp.
     * @param type      which command.
     * @param subjectId the account, instrument or snapshot id the command named.
     * @param result    {@link RejectReason#NONE} or why it was refused.
     */
    void onAdminResult(long timestamp, AdminType type, long subjectId, RejectReason result);

    /**
     * The answer to a step of a transfer between shards ({@link AdminType#TRANSFER_OUT},
     * {@link AdminType#TRANSFER_IN}, {@link AdminType#SETTLE_TRANSFER}): an {@link #onAdminResult} whose subject is
     * the transfer id, with what the step did to the ledger, so that anyone following the shard's events (every
     * gateway) can tell funds in flight. This default is the plain {@link #onAdminResult}.
     *
     * @param timestamp  command timestamp.
     * @param type       which step.
     * @param transferId the transfer.
     * @param result     {@link RejectReason#NONE} or why it was refused (a repeated step gets its first answer).
     * @param accountId  the transfer's account (as first recorded by this shard; 0 when it knows no such transfer).
     * @param assetId    the transfer's asset (likewise).
     * @param moved      what the step changed in the account's balance of the asset here: {@code -amount} for a
     *                   TransferOut applied, {@code +amount} for a TransferIn applied or a SettleTransfer that
     *                   returned the funds, 0 when it changed nothing (refused, repeated, settled as completed).
     */
    default void onTransferResult(
        final long timestamp,
        final AdminType type,
        final long transferId,
        final RejectReason result,
        final long accountId,
        final int assetId,
        final long moved)
    {
        onAdminResult(timestamp, type, transferId, result);
    }

    /**
     * A TakeSnapshot command reached the engine: the host should call {@link MatchingEngine#snapshot} now,
     * before the next command, so every replica snapshots the same state.
     *
     * @param timestamp  command timestamp.
     * @param snapshotId id from the command.
     */
    void onSnapshotRequested(long timestamp, long snapshotId);

    /**
     * An instrument was added, halted or resumed.
     *
     * @param timestamp    command timestamp.
     * @param instrumentId instrument.
     * @param state        its state now.
     */
    void onInstrumentStatus(long timestamp, int instrumentId, InstrumentState state);

    /**
     * Market data: an order now rests in the book.
     *
     * @param feedSequence shard feed sequence.
     * @param timestamp    command timestamp.
     * @param instrumentId instrument.
     * @param orderId      order.
     * @param side         side.
     * @param price        price.
     * @param quantity     open quantity.
     */
    void onBookOrderAdded(
        long feedSequence, long timestamp, int instrumentId, long orderId, Side side, long price, long quantity);

    /**
     * Market data: a resting order's open quantity changed in place (partial fill or reduction); it keeps
     * its priority.
     *
     * @param feedSequence shard feed sequence.
     * @param timestamp    command timestamp.
     * @param instrumentId instrument.
     * @param orderId      order.
     * @param quantity     open quantity now.
     */
    void onBookOrderModified(long feedSequence, long timestamp, int instrumentId, long orderId, long quantity);

    /**
     * Market data: an order left the book (filled, cancelled or moved; a moved order is added again).
     *
     * @param feedSequence shard feed sequence.
     * @param timestamp    command timestamp.
     * @param instrumentId instrument.
     * @param orderId      order.
     */
    void onBookOrderDeleted(long feedSequence, long timestamp, int instrumentId, long orderId);

    /**
     * Market data: a trade. The resting order's modify or delete follows it.
     *
     * @param feedSequence  shard feed sequence.
     * @param timestamp     command timestamp.
     * @param instrumentId  instrument.
     * @param tradeId       trade id.
     * @param price         price.
     * @param quantity      quantity.
     * @param aggressorSide side of the incoming order.
     */
    void onMarketTrade(
        long feedSequence,
        long timestamp,
        int instrumentId,
        long tradeId,
        long price,
        long quantity,
        Side aggressorSide);

    /**
     * Market data: an instrument's trading state.
     *
     * @param feedSequence shard feed sequence.
     * @param timestamp    command timestamp.
     * @param instrumentId instrument.
     * @param state        state.
     */
    void onMarketStatus(long feedSequence, long timestamp, int instrumentId, InstrumentState state);

    /**
     * One asset of an account, answering a balance query ({@link MatchingEngine#queryBalances}): the answer is
     * {@code assetCount} calls in asset id order, or one call with {@code assetCount} 0 (and zero amounts) when the
     * account holds nothing. Hosts that do not serve queries may ignore it, which is what this default does.
     *
     * @param timestamp  command timestamp.
     * @param requestId  the query's request id.
     * @param accountId  account.
     * @param assetId    asset.
     * @param assetCount how many assets the answer has.
     * @param free       balance not held by open orders, in the asset's units.
     * @param locked     balance held by open orders.
     * @param inTransfer this shard's part of the account's funds on their way between shards: {@code +amount} for
     *                   each transfer that left it and was not returned, {@code -amount} for each that arrived here
     *                   (summed over all shards' answers: what is on its way at their cut); 0 without transfers.
     */
    default void onAccountBalance(
        final long timestamp,
        final long requestId,
        final long accountId,
        final int assetId,
        final int assetCount,
        final long free,
        final long locked,
        final long inTransfer)
    {
    }

    /**
     * The first event answering a book read ({@link InstrumentMoves#readBook}): the instrument's definition (what
     * AddInstrument takes) and how many {@link #onBookReadOrder} calls follow; {@code orderCount} -1 (and zeros)
     * when there is no such instrument. Hosts that do not serve moves may ignore it, which is what this default does.
     *
     * @param timestamp           command timestamp.
     * @param requestId           the read's request id.
     * @param instrumentId        instrument.
     * @param orderCount          resting orders that follow, or -1.
     * @param baseAssetId         base asset.
     * @param quoteAssetId        quote asset.
     * @param tickSize            tick size.
     * @param lotSize             lot size.
     * @param priceScale          price scale.
     * @param quantityScale       quantity scale.
     * @param makerFeePerLot      maker fee per lot.
     * @param takerFeePerLot      taker fee per lot.
     * @param referencePrice      reference price.
     * @param priceBandBps        price band.
     * @param marketProtectionBps market protection.
     */
    default void onBookRead(
        final long timestamp,
        final long requestId,
        final int instrumentId,
        final int orderCount,
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
    }

    /**
     * One resting order answering a book read, after {@link #onBookRead}: bids best level first, then asks best
     * level first, each level oldest first; {@code place} counts from 0 in that order. Ignored by default.
     *
     * @param timestamp           command timestamp.
     * @param requestId           the read's request id.
     * @param place               the order's place in priority order, from 0.
     * @param orderId             order.
     * @param accountId           owner.
     * @param clientOrderId       its client order id, 0 for none.
     * @param instrumentId        instrument.
     * @param side                side.
     * @param timeInForce         time in force.
     * @param price               limit.
     * @param quantity            open quantity.
     * @param entryTime           when it entered the book (its time priority).
     * @param heldAssetId         the asset it holds.
     * @param hold                what it holds.
     * @param filledQuantity      what its fills took so far.
     * @param filledNotional      what its fills moved in the quote asset; -1 when not known.
     * @param updateTime          the command that last changed it; 0 when not known.
     * @param postOnly            whether it was entered post-only.
     * @param selfTradePrevention what it does when a replace makes it cross an order of its own account.
     */
    default void onBookReadOrder(
        final long timestamp,
        final long requestId,
        final int place,
        final long orderId,
        final long accountId,
        final long clientOrderId,
        final int instrumentId,
        final Side side,
        final TimeInForce timeInForce,
        final long price,
        final long quantity,
        final long entryTime,
        final int heldAssetId,
        final long hold,
        final long filledQuantity,
        final long filledNotional,
        final long updateTime,
        final boolean postOnly,
        final SelfTradePrevention selfTradePrevention)
    {
    }

    /**
     * One open order answering an open-orders query ({@link MatchingEngine#queryOpenOrders}): instruments in id
     * order, each instrument's orders in priority order (bids best level first, then asks, each level oldest
     * first); {@code place} counts from 0 over the whole answer, {@code orderCount} is the answer's size. A single
     * call with {@code orderCount} 0 (and zeros) answers an account with no open order. Ignored by default.
     *
     * @param timestamp        command timestamp.
     * @param requestId        the query's request id.
     * @param accountId        the account.
     * @param orderId          order.
     * @param clientOrderId    its client order id, 0 for none.
     * @param instrumentId     instrument.
     * @param orderCount       open orders in the answer.
     * @param place            this order's place in the answer, from 0.
     * @param side             side, null in the empty answer.
     * @param timeInForce      time in force, null in the empty answer.
     * @param price            limit.
     * @param quantity         open quantity.
     * @param originalQuantity open plus filled quantity (a moved order's fills before the move counted).
     * @param entryTime        when it entered the book (its time priority).
     * @param postOnly         whether it was entered post-only.
     * @param filledNotional   what its fills moved in the quote asset (the sum of each fill's notional as the
     *                         ledger settled it, a moved order's fills before the move counted); -1 when not known
     *                         (restored after a fill from a snapshot older than version 3).
     * @param updateTime       the timestamp of the command that last changed it (rested, filled, replaced; a move
     *                         keeps it); 0 when not known (restored from an older snapshot).
     */
    default void onOpenOrder(
        final long timestamp,
        final long requestId,
        final long accountId,
        final long orderId,
        final long clientOrderId,
        final int instrumentId,
        final int orderCount,
        final int place,
        final Side side,
        final TimeInForce timeInForce,
        final long price,
        final long quantity,
        final long originalQuantity,
        final long entryTime,
        final boolean postOnly,
        final long filledNotional,
        final long updateTime)
    {
    }
}
