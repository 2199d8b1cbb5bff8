package io.disruptorx.engine;

import io.disruptorx.engine.book.BookOrder;
import io.disruptorx.engine.book.BookSide;
import io.disruptorx.engine.book.PriceLevel;

/**
 * Moving an instrument's book from one shard's engine to another's, through both shards' logs (docs/engine.md, "Moving
 * an instrument"). At the source, {@link #moveOut} takes every resting order of a halted instrument out of the book in
 * priority order; each order's hold leaves its account as a transfer in flight whose id is the move's first transfer id
 * plus the order's place. At the target, {@link #restoreOrder} credits one such hold (the transfer in) and rests the
 * order with it at the back of its level, so orders restored in that same order keep their priority. A moved order
 * keeps what the engine keeps per order: its id, client order id, entry time, post-only flag, self-trade prevention,
 * what it filled so far (quantity and notional) and the time of the command that last changed it, so its later reports
 * and open-order answers are those it would have had had it not moved. The source settles each transfer
 * (SettleTransfer) once the target has it. {@link #visitBook} is the read-only side: what a move would carry, for the
 * host to write as the target's commands; {@link #readBook} says the same through the engine's own output (events), so
 * a mover reads a book of any host, a cluster's included.
 *
 * <p>Both commands are decided once per transfer id, as transfers are: a repeat is answered as the first time and
 * changes nothing, so a mover may re-send any step after a crash.
 */
public final class InstrumentMoves
{
    /**
     * The mark a move gives the id of every order it restores on its target (bit 52: the rest is the order's id across
     * shards, and an engine's own ids never reach it). The engine keeps ids as given; only a mass cancel of restored
     * orders ({@link MatchingEngine#massCancel(long, long, int, long, boolean)}) reads the mark.
     */
    public static final long MOVED_MARK = 1L << 52;

    /**
     * Receives an instrument's definition and its resting orders, in priority order.
     */
    public interface BookVisitor
    {
        /**
         * The instrument, first.
         */
        void onInstrument(
            int instrumentId, int baseAssetId, int quoteAssetId, long tickSize, long lotSize, int priceScale,
            int quantityScale, long makerFeePerLot, long takerFeePerLot, long referencePrice, int priceBandBps,
            int marketProtectionBps);

        /**
         * One resting order: bids best level first, then asks best level first, each level oldest first. Told by
         * the default {@link #onOrder(long, long, long, Side, TimeInForce, long, long, long, int, long, long, long,
         * long, boolean, SelfTradePrevention) onOrder} with everything a move carries; ignored by default.
         */
        default void onOrder(
            long orderId, long accountId, long clientOrderId, Side side, TimeInForce timeInForce, long price,
            long openQuantity, long entryTime, int heldAssetId, long hold)
        {
        }

        /**
         * One resting order with everything a move carries: its place and hold, and what it filled so far, the
         * time of the command that last changed it ({@link Order#updateTime}), its post-only flag and its
         * self-trade prevention. A visitor that writes a move overrides this one; by default it tells the short
         * {@code onOrder}.
         */
        default void onOrder(
            long orderId, long accountId, long clientOrderId, Side side, TimeInForce timeInForce, long price,
            long openQuantity, long entryTime, int heldAssetId, long hold, long filledQuantity, long filledNotional,
            long updateTime, boolean postOnly, SelfTradePrevention selfTradePrevention)
        {
            onOrder(orderId, accountId, clientOrderId, side, timeInForce, price, openQuantity, entryTime, heldAssetId,
                hold);
        }
    }

    private final EngineState state;
    private final BookEvents bookEvents = new BookEvents();

    InstrumentMoves(final EngineState state)
    {
        this.state = state;
    }

    /**
     * Answers with the instrument's book as events, changing nothing: {@link EngineListener#onBookRead} with the
     * definition and the number of resting orders, then one {@link EngineListener#onBookReadOrder} per order in
     * {@link #visitBook}'s order (priority order), numbered from 0; only the first, with -1 orders, when there is no
     * such instrument. Deterministic (the book's own order), allocation-free; a mover sends it right behind the
     * halt, so every replica answers the halted book. A read of a negative instrument whose request id has a lock
     * kind is a request of the shards' move lock instead ({@link ShardMoveLock}): applied, and answered with the
     * lock's state in the BookRead's fields.
     *
     * @param timestamp    command timestamp.
     * @param requestId    names the read in its events.
     * @param instrumentId the instrument.
     */
    public void readBook(final long timestamp, final long requestId, final int instrumentId)
    {
        if (ShardMoveLock.isRequest(requestId, instrumentId))
        {
            lockRequest(timestamp, requestId, instrumentId);
            return;
        }
        final Instrument instrument = state.instruments.get(instrumentId);
        if (instrument == null)
        {
            state.listener.onBookRead(timestamp, requestId, instrumentId, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            return;
        }
        bookEvents.start(timestamp, requestId, restingOrders(instrument));
        visitBook(instrumentId, bookEvents);
    }

    /**
     * Applies a request of the shards' move lock and answers it with the lock's state ({@link ShardMoveLock}); a
     * {@link ShardMoveLock#ROUTES} request is followed by the switches it asks for, or by the resting orders of the
     * instrument it names ({@link ShardMoveLock#PLACES}), as BookReadOrders.
     */
    private void lockRequest(final long timestamp, final long requestId, final int instrumentId)
    {
        final ShardMoveLock lock = state.moveLock;
        final int changed = lock.apply(requestId, instrumentId) ? 1 : 0;
        final boolean routes = (requestId & ShardMoveLock.KIND) == ShardMoveLock.ROUTES;
        final long after = requestId & ShardMoveLock.MOVE_ID;
        final boolean places = routes && after == ShardMoveLock.PLACES;
        final Instrument instrument = places ? state.instruments.get(-instrumentId) : null;
        final int first = routes && !places ? (int)Math.min(after, lock.switches()) + 1 : 1;
        final int records;
        if (routes && !places)
        {
            records = Math.min(ShardMoveLock.ROUTES_PER_ANSWER, lock.switches() - first + 1);
        }
        else
        {
            records = instrument == null ? 0 : restingOrders(instrument);
        }
        state.listener.onBookRead(timestamp, requestId, instrumentId, -1, lock.holderInstrument(), records,
            lock.holderClaim(), lock.highestMoveId(), ShardMoveLock.STATE_MARK, changed, lock.switches(), 0, 0, 0, 0);
        if (instrument != null)
        {
            bookEvents.start(timestamp, requestId, records);
            bookEvents.instrumentId = instrument.id;
            visitSide(instrument, instrument.book.bids(), bookEvents);
            visitSide(instrument, instrument.book.asks(), bookEvents);
            return;
        }
        for (int number = first; number < first + records; number++)
        {
            state.listener.onBookReadOrder(timestamp, requestId, lock.switchTarget(number), number, 0, 0,
                lock.switchInstrument(number), Side.BUY, TimeInForce.GTC, 0, 0, 0, 0, 0, 0, 0, 0, false,
                SelfTradePrevention.NONE);
        }
    }

    /**
     * Walks what a move of the instrument would carry; changes nothing.
     *
     * @param instrumentId instrument.
     * @param visitor      receives the definition and the resting orders.
     * @return the number of resting orders, or -1 when there is no such instrument.
     */
    public int visitBook(final int instrumentId, final BookVisitor visitor)
    {
        final Instrument instrument = state.instruments.get(instrumentId);
        if (instrument == null)
        {
            return -1;
        }
        visitor.onInstrument(instrument.id, instrument.baseAssetId, instrument.quoteAssetId, instrument.tickSize,
            instrument.lotSize, instrument.priceScale, instrument.quantityScale, instrument.makerFeePerLot,
            instrument.takerFeePerLot, instrument.referencePrice, instrument.priceBandBps,
            instrument.marketProtectionBps);
        return visitSide(instrument, instrument.book.bids(), visitor) +
            visitSide(instrument, instrument.book.asks(), visitor);
    }

    /**
     * Takes every resting order of a halted instrument out of the book (the feed sees each deleted); each order's
     * hold leaves its account as a transfer in flight with id {@code firstTransferId + place}. Answered by
     * {@code onAdminResult(MOVE_OUT, moveId, ...)}; refused, changing nothing: {@code UNKNOWN_INSTRUMENT};
     * {@code INVALID_QUANTITY} when the instrument trades or does not hold exactly {@code orderCount} resting orders
     * (its book changed since it was read); {@code UNKNOWN_ORDER} when the transfer ids are not positive. A repeat
     * whose first transfer id this shard has seen is answered as applied.
     *
     * @param timestamp       command timestamp.
     * @param moveId          names the move in the answer.
     * @param instrumentId    a halted instrument.
     * @param orderCount      resting orders the mover read with {@link #visitBook}.
     * @param firstTransferId the first order's transfer id.
     */
    public void moveOut(
        final long timestamp, final long moveId, final int instrumentId, final int orderCount,
        final long firstTransferId)
    {
        final Instrument instrument = state.instruments.get(instrumentId);
        final RejectReason reason;
        if (instrument == null)
        {
            reason = RejectReason.UNKNOWN_INSTRUMENT;
        }
        else if (firstTransferId <= 0 || orderCount < 0)
        {
            reason = RejectReason.UNKNOWN_ORDER;
        }
        else if (orderCount > 0 && state.transfers.get(firstTransferId) != null)
        {
            reason = RejectReason.NONE;
        }
        else if (instrument.state != InstrumentState.HALTED || restingOrders(instrument) != orderCount)
        {
            reason = RejectReason.INVALID_QUANTITY;
        }
        else
        {
            state.commandTimestamp(timestamp);
            final long next = takeOut(instrument.book.bids(), firstTransferId);
            takeOut(instrument.book.asks(), next);
            reason = RejectReason.NONE;
        }
        state.listener.onAdminResult(timestamp, AdminType.MOVE_OUT, moveId, reason);
    }

    /**
     * Credits a moved order's hold (a transfer in, decided once per id) and rests the order with it at the back of
     * its level; the feed sees it added. Answered by {@code onAdminResult(RESTORE_ORDER, transferId, ...)}. Refused,
     * changing nothing: {@code UNKNOWN_ORDER} (transfer id not positive or used in the other direction, order id 0
     * or resting already), {@code UNKNOWN_INSTRUMENT}, {@code UNKNOWN_ACCOUNT}, {@code INVALID_ORDER_TYPE} (a time
     * in force that does not rest, no self-trade prevention), {@code INVALID_QUANTITY} (quantity or hold not what
     * the instrument holds for it, filled quantity negative or too large, notional below -1),
     * {@code DUPLICATE_CLIENT_ORDER_ID}, {@code ORDER_CAPACITY_EXCEEDED}, {@code BALANCE_OVERFLOW}. The order takes
     * the fields it carries as they are, its update time included (the restore does not count as a change of the
     * order), so it answers and fills here as it would have at the source; no clock is read.
     *
     * @param timestamp     command timestamp.
     * @param transferId    the transfer id the source's MoveOut gave the order's hold.
     * @param orderId       the id the order keeps.
     * @param accountId     its account.
     * @param clientOrderId its client order id, 0 for none.
     * @param instrumentId  the instrument, defined here.
     * @param side          its side.
     * @param timeInForce   GTC or DAY.
     * @param price         its limit.
     * @param quantity      its open quantity.
     * @param entryTime     the time it entered the book at the source.
     * @param heldAssetId   the asset it holds.
     * @param hold          what it holds.
     * @param filled        what its fills took before it moved.
     * @param notional      what those fills moved in the quote asset; -1 when not known.
     * @param updateTime    the command that last changed it before it moved; 0 when not known.
     * @param postOnly      whether it was entered post-only.
     * @param stp           its self-trade prevention.
     */
    public void restoreOrder(
        final long timestamp, final long transferId, final long orderId, final long accountId,
        final long clientOrderId, final int instrumentId, final Side side, final TimeInForce timeInForce,
        final long price, final long quantity, final long entryTime, final int heldAssetId, final long hold,
        final long filled, final long notional, final long updateTime, final boolean postOnly,
        final SelfTradePrevention stp)
    {
        final TransferBook.Transfer seen = transferId > 0 ? state.transfers.get(transferId) : null;
        if (seen != null)
        {
            state.listener.onAdminResult(timestamp, AdminType.RESTORE_ORDER, transferId,
                seen.incoming ? seen.reason : RejectReason.UNKNOWN_ORDER);
            return;
        }
        final Instrument instrument = state.instruments.get(instrumentId);
        RejectReason reason = check(transferId, orderId, accountId, clientOrderId, instrument, side, timeInForce,
            price, quantity, heldAssetId, hold);
        if (reason == RejectReason.NONE && stp == null)
        {
            reason = RejectReason.INVALID_ORDER_TYPE;
        }
        else if (reason == RejectReason.NONE && (filled < 0 || filled > Long.MAX_VALUE - quantity || notional < -1))
        {
            reason = RejectReason.INVALID_QUANTITY;
        }
        final Order order = reason == RejectReason.NONE ? (Order)state.orderPool.take() : null;
        if (reason == RejectReason.NONE && order == null)
        {
            reason = RejectReason.ORDER_CAPACITY_EXCEEDED;
        }
        if (reason == RejectReason.NONE)
        {
            reason = state.accounts.adjust(accountId, heldAssetId, hold);
        }
        if (reason == RejectReason.NONE)
        {
            state.commandTimestamp(timestamp);
            order.init(orderId, side, price, quantity);
            order.clientOrderId = clientOrderId;
            order.account = state.accounts.get(accountId);
            order.instrument = instrument;
            order.type = OrderType.LIMIT;
            order.timeInForce = timeInForce;
            order.selfTradePrevention = stp;
            order.postOnly = postOnly;
            order.filledQuantity = filled;
            order.filledNotional = notional;
            order.entryTime = entryTime;
            order.updateTime = updateTime;
            order.account.held[heldAssetId] += hold;
            if (clientOrderId != 0)
            {
                state.clientOrders.put(order);
            }
            instrument.book.add(order);
        }
        else if (order != null)
        {
            instrument.book.discard(order);
        }
        if (transferId > 0)
        {
            state.transfers.add(transferId, accountId, heldAssetId, hold, true, reason,
                reason == RejectReason.NONE ? TransferState.RECEIVED : TransferState.REFUSED);
            if (reason == RejectReason.NONE)
            {
                order.account.addInTransfer(heldAssetId, -hold);
            }
        }
        state.listener.onAdminResult(timestamp, AdminType.RESTORE_ORDER, transferId, reason);
    }

    private RejectReason check(
        final long transferId, final long orderId, final long accountId, final long clientOrderId,
        final Instrument instrument, final Side side, final TimeInForce timeInForce, final long price,
        final long quantity, final int heldAssetId, final long hold)
    {
        if (transferId <= 0 || orderId <= 0 || state.restingOrders.get(orderId) != null)
        {
            return RejectReason.UNKNOWN_ORDER;
        }
        if (instrument == null)
        {
            return RejectReason.UNKNOWN_INSTRUMENT;
        }
        if (!state.accounts.isTradingAccountId(accountId))
        {
            return RejectReason.UNKNOWN_ACCOUNT;
        }
        if (side == null || (timeInForce != TimeInForce.GTC && timeInForce != TimeInForce.DAY))
        {
            return RejectReason.INVALID_ORDER_TYPE;
        }
        if (price <= 0 || quantity <= 0 || heldAssetId != instrument.heldAsset(side) ||
            hold != instrument.hold(side, price, quantity))
        {
            return RejectReason.INVALID_QUANTITY;
        }
        if (clientOrderId != 0 && state.clientOrders.get(accountId, clientOrderId) != null)
        {
            return RejectReason.DUPLICATE_CLIENT_ORDER_ID;
        }
        return RejectReason.NONE;
    }

    private static int restingOrders(final Instrument instrument)
    {
        return count(instrument.book.bids()) + count(instrument.book.asks());
    }

    private static int count(final BookSide side)
    {
        int count = 0;
        for (int i = side.levelCount() - 1; i >= 0; i--)
        {
            count += side.levelAt(i).orderCount();
        }
        return count;
    }

    private static int visitSide(final Instrument instrument, final BookSide side, final BookVisitor visitor)
    {
        int count = 0;
        for (int i = side.levelCount() - 1; i >= 0; i--)
        {
            for (BookOrder bookOrder = side.levelAt(i).head(); bookOrder != null; bookOrder = bookOrder.next())
            {
                final Order order = (Order)bookOrder;
                visitor.onOrder(order.orderId(), order.account.id, order.clientOrderId, order.side(),
                    order.timeInForce, order.price(), order.openQuantity(), order.entryTime,
                    instrument.heldAsset(order.side()), instrument.hold(order.side(), order.price(),
                    order.openQuantity()), order.filledQuantity, order.filledNotional, order.updateTime,
                    order.postOnly, order.selfTradePrevention);
                count++;
            }
        }
        return count;
    }

    private long takeOut(final BookSide side, final long firstTransferId)
    {
        long transferId = firstTransferId;
        while (side.levelCount() > 0)
        {
            final PriceLevel level = side.levelAt(side.levelCount() - 1);
            final Order order = (Order)level.head();
            final Instrument instrument = order.instrument;
            final int asset = instrument.heldAsset(order.side());
            final long hold = instrument.hold(order.side(), order.price(), order.openQuantity());
            order.account.held[asset] -= hold;
            state.accounts.adjust(order.account.id, asset, -hold);
            order.account.addInTransfer(asset, hold);
            state.transfers.add(transferId++, order.account.id, asset, hold, false, RejectReason.NONE,
                TransferState.IN_FLIGHT);
            instrument.book.cancel(order);
        }
        return transferId;
    }

    /**
     * Tells a book walk to the listener as a book read's events.
     */
    private final class BookEvents implements BookVisitor
    {
        private long timestamp;
        private long requestId;
        private int orderCount;
        private int place;
        private int instrumentId;

        void start(final long timestamp, final long requestId, final int orderCount)
        {
            this.timestamp = timestamp;
            this.requestId = requestId;
            this.orderCount = orderCount;
            this.place = 0;
        }

        @Override
        public void onInstrument(
            final int instrumentId, final int baseAssetId, final int quoteAssetId, final long tickSize,
            final long lotSize, final int priceScale, final int quantityScale, final long makerFeePerLot,
            final long takerFeePerLot, final long referencePrice, final int priceBandBps,
            final int marketProtectionBps)
        {
            this.instrumentId = instrumentId;
            state.listener.onBookRead(timestamp, requestId, instrumentId, orderCount, baseAssetId, quoteAssetId,
                tickSize, lotSize, priceScale, quantityScale, makerFeePerLot, takerFeePerLot, referencePrice,
                priceBandBps, marketProtectionBps);
        }

        @Override
        public void onOrder(
            final long orderId, final long accountId, final long clientOrderId, final Side side,
            final TimeInForce timeInForce, final long price, final long openQuantity, final long entryTime,
            final int heldAssetId, final long hold, final long filledQuantity, final long filledNotional,
            final long updateTime, final boolean postOnly, final SelfTradePrevention selfTradePrevention)
        {
            state.listener.onBookReadOrder(timestamp, requestId, place++, orderId, accountId, clientOrderId,
                instrumentId, side, timeInForce, price, openQuantity, entryTime, heldAssetId, hold, filledQuantity,
                filledNotional, updateTime, postOnly, selfTradePrevention);
        }
    }
}
