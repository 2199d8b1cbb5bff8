package io.disruptorx.engine;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;

import io.disruptorx.engine.book.BookOrder;
import io.disruptorx.engine.book.BookSide;
import io.disruptorx.engine.book.OrderBook;
import io.disruptorx.engine.book.OrderIndex;
import io.disruptorx.engine.book.OrderPool;
import io.disruptorx.engine.book.PriceLevel;

/**
 * The deterministic engine: instruments, accounts, pre-trade risk and one order book per instrument.
 * One thread owns it. It reads no clock and no random and never iterates a hash-ordered collection; time
 * arrives in each command. Semantics: {@code docs/engine.md}.
 *
 * <p>Every command method validates its arguments and answers through the {@link EngineListener}: a bad
 * command is refused with a reason and changes nothing. No method throws for bad input; only
 * {@link #restore} throws, for a snapshot that does not fit this engine.
 *
 * <p>Matching is the book's ({@link io.disruptorx.engine.book.OrderBook}, one per instrument): the engine checks
 * risk, holds funds, and drives the book; each instrument's {@link InstrumentBookEvents} applies self-trade
 * prevention, settles trades and publishes market data as the book reports.
 */
public final class MatchingEngine
{
    private static final int MAX_SCALE = 18;

    final EngineConfig config;
    final EngineListener listener;
    final Instrument[] instruments;
    Instrument[] instrumentsInOrder = new Instrument[16];
    int instrumentCount;
    final Long2ObjectHashMap<Account> accounts = new Long2ObjectHashMap<>();
    Account[] accountsInOrder = new Account[16];
    int accountCount;
    final OrderIndex restingOrders;
    final OrderPool orderPool;
    /** IOC and FOK orders never rest, so they need no pool slot: the capacity bounds resting orders only. */
    private final Order immediateOrder = new Order();
    final long[] supply;
    final Account feeAccount;
    long nextOrderId = 1;
    long nextTradeId = 1;
    long nextFeedSequence = 1;
    /** Timestamp of the command being applied, for the events books report while the engine drives them. */
    long commandTimestamp;
    /** Request id of the order or replace being matched, echoed in self-trade cancels. */
    long commandRequestId;

    /**
     * @param config   settings.
     * @param listener receives every event, on the calling thread.
     */
    public MatchingEngine(final EngineConfig config, final EngineListener listener)
    {
        this.config = config;
        this.listener = listener;
        this.instruments = new Instrument[config.maxInstruments()];
        this.supply = new long[config.maxAssets()];
        this.orderPool = new OrderPool(config.initialOrderPool(), config.maxOrders(), Order::new);
        this.restingOrders = new OrderIndex(config.initialOrderPool());
        this.feeAccount = createAccount(config.feeAccountId());
    }

    /**
     * Adds an instrument; it starts trading at once.
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
     */
    public void addInstrument(
        final long timestamp,
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
        final RejectReason reason = validateInstrument(
            instrumentId, baseAssetId, quoteAssetId, tickSize, lotSize, priceScale, quantityScale,
            makerFeePerLot, takerFeePerLot, referencePrice, priceBandBps, marketProtectionBps);
        if (reason != RejectReason.NONE)
        {
            listener.onAdminResult(timestamp, AdminType.ADD_INSTRUMENT, instrumentId, reason);
            return;
        }
        final Instrument instrument = new Instrument(
            instrumentId, baseAssetId, quoteAssetId, tickSize, lotSize, priceScale, quantityScale,
            makerFeePerLot, takerFeePerLot, referencePrice, priceBandBps, marketProtectionBps, this);
        registerInstrument(instrument);
        listener.onAdminResult(timestamp, AdminType.ADD_INSTRUMENT, instrumentId, RejectReason.NONE);
        publishStatus(timestamp, instrument);
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
        final RejectReason reason = applyAdjustment(accountId, assetId, amount);
        listener.onAdminResult(timestamp, AdminType.ADJUST_BALANCE, accountId, reason);
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
    public void setRiskLimits(
        final long timestamp,
        final long accountId,
        final long maxOrderQuantity,
        final long maxOrderNotional,
        final boolean killSwitch)
    {
        if (!isTradingAccountId(accountId))
        {
            listener.onAdminResult(timestamp, AdminType.SET_RISK_LIMITS, accountId, RejectReason.UNKNOWN_ACCOUNT);
            return;
        }
        if (maxOrderQuantity <= 0 || maxOrderNotional <= 0)
        {
            listener.onAdminResult(timestamp, AdminType.SET_RISK_LIMITS, accountId, RejectReason.INVALID_LIMITS);
            return;
        }
        Account account = accounts.get(accountId);
        if (account == null)
        {
            account = createAccount(accountId);
        }
        account.maxOrderQuantity = maxOrderQuantity;
        account.maxOrderNotional = maxOrderNotional;
        account.killSwitch = killSwitch;
        if (killSwitch)
        {
            commandTimestamp = timestamp;
            for (int i = 0; i < instrumentCount; i++)
            {
                cancelWhere(instrumentsInOrder[i], account, false, CancelReason.KILL_SWITCH, 0);
            }
        }
        listener.onAdminResult(timestamp, AdminType.SET_RISK_LIMITS, accountId, RejectReason.NONE);
    }

    /**
     * Halts an instrument: new orders and replaces are refused, cancels are accepted.
     *
     * @param timestamp    command timestamp.
     * @param instrumentId instrument.
     */
    public void haltInstrument(final long timestamp, final int instrumentId)
    {
        changeState(timestamp, instrumentId, InstrumentState.HALTED, AdminType.HALT_INSTRUMENT);
    }

    /**
     * Resumes trading in a halted instrument.
     *
     * @param timestamp    command timestamp.
     * @param instrumentId instrument.
     */
    public void resumeInstrument(final long timestamp, final int instrumentId)
    {
        changeState(timestamp, instrumentId, InstrumentState.TRADING, AdminType.RESUME_INSTRUMENT);
    }

    /**
     * Expires every DAY order of an instrument, or of all instruments.
     *
     * @param timestamp    command timestamp.
     * @param instrumentId instrument, or 0 for all.
     */
    public void endOfDay(final long timestamp, final int instrumentId)
    {
        commandTimestamp = timestamp;
        if (instrumentId == 0)
        {
            for (int i = 0; i < instrumentCount; i++)
            {
                cancelWhere(instrumentsInOrder[i], null, true, CancelReason.EXPIRED, 0);
            }
        }
        else
        {
            final Instrument instrument = instrument(instrumentId);
            if (instrument == null)
            {
                listener.onAdminResult(
                    timestamp, AdminType.END_OF_DAY, instrumentId, RejectReason.UNKNOWN_INSTRUMENT);
                return;
            }
            cancelWhere(instrument, null, true, CancelReason.EXPIRED, 0);
        }
        listener.onAdminResult(timestamp, AdminType.END_OF_DAY, instrumentId, RejectReason.NONE);
    }

    /**
     * Marks a point in the command stream where the host takes a snapshot.
     *
     * @param timestamp  command timestamp.
     * @param snapshotId id the host chose.
     */
    public void takeSnapshot(final long timestamp, final long snapshotId)
    {
        listener.onAdminResult(timestamp, AdminType.TAKE_SNAPSHOT, snapshotId, RejectReason.NONE);
        listener.onSnapshotRequested(timestamp, snapshotId);
    }

    /**
     * Enters an order: pre-trade risk, then matching, then it rests or its remainder is cancelled.
     * Null enum arguments (unknown wire codes) are refused with {@link RejectReason#INVALID_ORDER_TYPE}.
     *
     * @param timestamp           command timestamp.
     * @param accountId           owner.
     * @param clientOrderId       the client's id, echoed in events.
     * @param instrumentId        instrument.
     * @param side                side.
     * @param type                limit or market.
     * @param timeInForce         time in force.
     * @param postOnly            whether it must not take liquidity.
     * @param selfTradePrevention what to do when it would trade with the same account.
     * @param price               limit price (ignored for market orders).
     * @param quantity            quantity.
     */
    public void newOrder(
        final long timestamp,
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
        final Account account = isTradingAccountId(accountId) ? accounts.get(accountId) : null;
        if (account == null)
        {
            listener.onOrderRejected(timestamp, clientOrderId, accountId, instrumentId, RejectReason.UNKNOWN_ACCOUNT);
            return;
        }
        final Instrument instrument = instrument(instrumentId);
        final RejectReason basic = checkOrderBasics(
            account, instrument, side, type, timeInForce, postOnly, selfTradePrevention, quantity);
        if (basic != RejectReason.NONE)
        {
            listener.onOrderRejected(timestamp, clientOrderId, accountId, instrumentId, basic);
            return;
        }

        final boolean market = type == OrderType.MARKET;
        long limit = market ? instrument.protectionPrice(side) : price;
        if (!market && (price <= 0 || price % instrument.tickSize != 0))
        {
            listener.onOrderRejected(timestamp, clientOrderId, accountId, instrumentId, RejectReason.INVALID_PRICE);
            return;
        }
        RejectReason reason = checkPriceAndSize(instrument, account, side, limit, quantity, !market);
        final BookSide opposite = instrument.book.opposite(side);
        final PriceLevel best = opposite.best();
        if (reason == RejectReason.NONE && market && best == null)
        {
            reason = RejectReason.NO_LIQUIDITY;
        }
        if (reason == RejectReason.NONE && postOnly && best != null && opposite.crosses(best.price(), limit))
        {
            if (config.postOnlyMode() == PostOnlyMode.REJECT)
            {
                reason = RejectReason.POST_ONLY_WOULD_TRADE;
            }
            else
            {
                limit = side == Side.BUY ? best.price() - instrument.tickSize : best.price() + instrument.tickSize;
                reason = limit <= 0 ?
                    RejectReason.INVALID_PRICE : checkPriceAndSize(instrument, account, side, limit, quantity, true);
            }
        }
        final int heldAsset = side == Side.BUY ? instrument.quoteAssetId : instrument.baseAssetId;
        final long hold = holdFor(instrument, side, limit, quantity);
        if (reason == RejectReason.NONE && account.available(heldAsset) < hold)
        {
            reason = RejectReason.INSUFFICIENT_BALANCE;
        }
        final boolean mayRest = timeInForce == TimeInForce.GTC || timeInForce == TimeInForce.DAY;
        final Order order = reason != RejectReason.NONE ? null : mayRest ? (Order)orderPool.take() : immediateOrder;
        if (reason == RejectReason.NONE && order == null)
        {
            reason = RejectReason.ORDER_CAPACITY_EXCEEDED;
        }
        if (reason != RejectReason.NONE)
        {
            listener.onOrderRejected(timestamp, clientOrderId, accountId, instrumentId, reason);
            return;
        }

        order.init(nextOrderId++, side, limit, quantity);
        order.clientOrderId = clientOrderId;
        order.account = account;
        order.instrument = instrument;
        order.type = type;
        order.timeInForce = timeInForce;
        order.selfTradePrevention = selfTradePrevention;
        order.postOnly = postOnly;
        account.held[heldAsset] += hold;
        listener.onOrderAccepted(
            timestamp, order.orderId(), clientOrderId, accountId, instrumentId, side, type, timeInForce, limit,
            quantity);
        commandTimestamp = timestamp;

        if (timeInForce == TimeInForce.FOK && !canFillCompletely(order))
        {
            cancelIncoming(timestamp, order, CancelReason.FOK_NOT_FILLED, clientOrderId);
            return;
        }
        commandRequestId = clientOrderId;
        final boolean stopped = instrument.book.match(order);
        finishIncoming(timestamp, order, stopped, clientOrderId);
    }

    /**
     * Cancels a resting order.
     *
     * @param timestamp command timestamp.
     * @param accountId must own the order.
     * @param requestId client id of this cancel, echoed in events.
     * @param orderId   engine order id.
     */
    public void cancelOrder(final long timestamp, final long accountId, final long requestId, final long orderId)
    {
        final Order order = (Order)restingOrders.get(orderId);
        if (order == null)
        {
            listener.onCancelRejected(timestamp, orderId, requestId, accountId, RejectReason.UNKNOWN_ORDER);
            return;
        }
        if (order.account.id != accountId)
        {
            listener.onCancelRejected(timestamp, orderId, requestId, accountId, RejectReason.NOT_ORDER_OWNER);
            return;
        }
        commandTimestamp = timestamp;
        cancelResting(order, CancelReason.REQUESTED, requestId);
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
    public void replaceOrder(
        final long timestamp,
        final long accountId,
        final long requestId,
        final long orderId,
        final long newPrice,
        final long newQuantity)
    {
        final Order order = (Order)restingOrders.get(orderId);
        final RejectReason reason = checkReplace(order, accountId, newPrice, newQuantity);
        if (reason != RejectReason.NONE)
        {
            listener.onCancelRejected(timestamp, orderId, requestId, accountId, reason);
            return;
        }
        commandTimestamp = timestamp;
        final Instrument instrument = order.instrument;
        final OrderBook book = instrument.book;
        if (newPrice == order.price() && newQuantity <= order.openQuantity())
        {
            releaseHold(order, order.openQuantity() - newQuantity);
            listener.onOrderReplaced(
                timestamp, orderId, requestId, accountId, instrument.id, newPrice, newQuantity, true);
            book.reduce(order, newQuantity);
            return;
        }

        // the order keeps its id and its index entry while it is out of the book
        book.detach(order);
        releaseHold(order, order.openQuantity());
        order.reprice(newPrice, newQuantity);
        order.account.held[heldAsset(order)] += holdFor(instrument, order.side(), newPrice, newQuantity);
        listener.onOrderReplaced(timestamp, orderId, requestId, accountId, instrument.id, newPrice, newQuantity, false);
        commandRequestId = requestId;
        final boolean stopped = book.match(order);
        finishIncoming(timestamp, order, stopped, requestId);
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
        commandTimestamp = timestamp;
        final Account account = accountId == 0 ? null : accounts.get(accountId);
        if (accountId != 0 && account == null)
        {
            listener.onAdminResult(timestamp, AdminType.MASS_CANCEL, accountId, RejectReason.UNKNOWN_ACCOUNT);
            return;
        }
        if (instrumentId != 0)
        {
            final Instrument instrument = instrument(instrumentId);
            if (instrument == null)
            {
                listener.onAdminResult(timestamp, AdminType.MASS_CANCEL, accountId, RejectReason.UNKNOWN_INSTRUMENT);
                return;
            }
            cancelWhere(instrument, account, false, CancelReason.MASS_CANCEL, requestId);
        }
        else
        {
            for (int i = 0; i < instrumentCount; i++)
            {
                cancelWhere(instrumentsInOrder[i], account, false, CancelReason.MASS_CANCEL, requestId);
            }
        }
        listener.onAdminResult(timestamp, AdminType.MASS_CANCEL, accountId, RejectReason.NONE);
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
        return EngineSnapshot.write(this, buffer, offset);
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
        EngineSnapshot.read(this, buffer, offset, length);
    }

    /**
     * @param accountId account.
     * @param assetId   asset.
     * @return its balance, 0 for an unknown account.
     */
    public long balance(final long accountId, final int assetId)
    {
        final Account account = accounts.get(accountId);
        return account == null ? 0 : account.balance[assetId];
    }

    /**
     * @param accountId account.
     * @param assetId   asset.
     * @return what open orders hold of it, 0 for an unknown account.
     */
    public long held(final long accountId, final int assetId)
    {
        final Account account = accounts.get(accountId);
        return account == null ? 0 : account.held[assetId];
    }

    /**
     * @param instrumentId instrument.
     * @return the best bid, or 0 when there is none or no such instrument.
     */
    public long bestBid(final int instrumentId)
    {
        return bestPrice(instrumentId, Side.BUY);
    }

    /**
     * @param instrumentId instrument.
     * @return the best ask, or 0 when there is none or no such instrument.
     */
    public long bestAsk(final int instrumentId)
    {
        return bestPrice(instrumentId, Side.SELL);
    }

    /**
     * @param orderId engine order id.
     * @return the open quantity of a resting order, 0 when it does not rest.
     */
    public long openQuantity(final long orderId)
    {
        final BookOrder order = restingOrders.get(orderId);
        return order == null ? 0 : order.openQuantity();
    }

    /**
     * @return number of resting orders over all instruments.
     */
    public int restingOrderCount()
    {
        return restingOrders.size();
    }

    /**
     * @param instrumentId instrument.
     * @return its reference price (the last trade price), 0 for an unknown instrument.
     */
    public long referencePrice(final int instrumentId)
    {
        final Instrument instrument = instrument(instrumentId);
        return instrument == null ? 0 : instrument.referencePrice;
    }

    /**
     * Walks the whole state for reports and tools (not for the hot path: it visits every level and account).
     *
     * @param visitor receives instruments, levels and balances in deterministic order.
     */
    public void visit(final EngineStateVisitor visitor)
    {
        for (int i = 0; i < instrumentCount; i++)
        {
            final Instrument instrument = instrumentsInOrder[i];
            visitor.onInstrument(instrument.id, instrument.state, instrument.referencePrice, instrument.priceScale,
                instrument.quantityScale);
            visitLevels(visitor, instrument.id, instrument.book.bids());
            visitLevels(visitor, instrument.id, instrument.book.asks());
        }
        for (int i = 0; i < accountCount; i++)
        {
            final Account account = accountsInOrder[i];
            for (int asset = 0; asset < account.balance.length; asset++)
            {
                if (account.balance[asset] != 0 || account.held[asset] != 0)
                {
                    visitor.onBalance(account.id, asset, account.balance[asset], account.held[asset]);
                }
            }
        }
    }

    private static void visitLevels(final EngineStateVisitor visitor, final int instrumentId, final BookSide side)
    {
        for (int i = side.levelCount() - 1; i >= 0; i--)
        {
            final PriceLevel level = side.levelAt(i);
            visitor.onLevel(instrumentId, side.side(), level.price(), level.totalQuantity(), level.orderCount());
        }
    }

    /**
     * @return the feed sequence the next market data event will carry.
     */
    public long nextFeedSequence()
    {
        return nextFeedSequence;
    }

    private void finishIncoming(final long timestamp, final Order order, final boolean stopped, final long requestId)
    {
        if (order.openQuantity() == 0)
        {
            release(order);
        }
        else if (stopped)
        {
            cancelIncoming(timestamp, order, CancelReason.SELF_TRADE, requestId);
        }
        else if (order.timeInForce == TimeInForce.IOC || order.timeInForce == TimeInForce.FOK)
        {
            cancelIncoming(timestamp, order, CancelReason.IOC_REMAINDER, requestId);
        }
        else
        {
            order.instrument.book.add(order);
        }
    }

    private boolean canFillCompletely(final Order taker)
    {
        final BookSide opposite = taker.instrument.book.opposite(taker.side());
        final SelfTradePrevention stp = taker.selfTradePrevention;
        long needed = taker.openQuantity();
        for (int i = opposite.levelCount() - 1; i >= 0; i--)
        {
            final PriceLevel level = opposite.levelAt(i);
            if (!opposite.crosses(level.price(), taker.price()))
            {
                return false;
            }
            for (BookOrder maker = level.head(); maker != null; maker = maker.next())
            {
                if (((Order)maker).account == taker.account && stp != SelfTradePrevention.NONE)
                {
                    if (stp == SelfTradePrevention.CANCEL_OLDEST)
                    {
                        continue;
                    }
                    return false;
                }
                if (maker.openQuantity() >= needed)
                {
                    return true;
                }
                needed -= maker.openQuantity();
            }
        }
        return false;
    }

    private void cancelIncoming(
        final long timestamp, final Order order, final CancelReason reason, final long requestId)
    {
        releaseHold(order, order.openQuantity());
        listener.onOrderCancelled(
            timestamp, order.orderId(), order.clientOrderId, requestId, order.account.id, order.instrument.id,
            order.openQuantity(), reason);
        release(order);
    }

    private void release(final Order order)
    {
        if (order == immediateOrder)
        {
            order.clear();
        }
        else
        {
            order.instrument.book.discard(order);
        }
    }

    private void cancelResting(final Order order, final CancelReason reason, final long requestId)
    {
        reportCancel(order, reason, requestId);
        order.instrument.book.cancel(order);
    }

    /**
     * Releases a resting order's hold and reports its cancel; the book deletes it next (market data follows).
     */
    void reportCancel(final Order order, final CancelReason reason, final long requestId)
    {
        releaseHold(order, order.openQuantity());
        listener.onOrderCancelled(
            commandTimestamp, order.orderId(), order.clientOrderId, requestId, order.account.id, order.instrument.id,
            order.openQuantity(), reason);
    }

    private void cancelWhere(
        final Instrument instrument,
        final Account account,
        final boolean dayOnly,
        final CancelReason reason,
        final long requestId)
    {
        cancelWhere(instrument.book.bids(), account, dayOnly, reason, requestId);
        cancelWhere(instrument.book.asks(), account, dayOnly, reason, requestId);
    }

    private void cancelWhere(
        final BookSide side,
        final Account account,
        final boolean dayOnly,
        final CancelReason reason,
        final long requestId)
    {
        for (int i = side.levelCount() - 1; i >= 0; i--)
        {
            Order order = (Order)side.levelAt(i).head();
            while (order != null)
            {
                final Order next = (Order)order.next();
                if ((account == null || order.account == account) &&
                    (!dayOnly || order.timeInForce == TimeInForce.DAY))
                {
                    cancelResting(order, reason, requestId);
                }
                order = next;
            }
        }
    }

    private void releaseHold(final Order order, final long quantity)
    {
        order.account.held[heldAsset(order)] -= holdFor(order.instrument, order.side(), order.price(), quantity);
    }

    private static int heldAsset(final Order order)
    {
        return order.side() == Side.BUY ? order.instrument.quoteAssetId : order.instrument.baseAssetId;
    }

    /**
     * @return what an order holds: for a buy its notional at the limit plus the taker fee, for a sell its
     * quantity; -1 when that does not fit in a long.
     */
    private static long holdFor(final Instrument instrument, final Side side, final long price, final long quantity)
    {
        if (side == Side.SELL)
        {
            return quantity;
        }
        final long notional = instrument.notional(price, quantity);
        final long fees = Arithmetic.multiply(instrument.lots(quantity), instrument.takerFeePerLot);
        return notional < 0 || fees < 0 ? -1 : Arithmetic.add(notional, fees);
    }

    private RejectReason checkOrderBasics(
        final Account account,
        final Instrument instrument,
        final Side side,
        final OrderType type,
        final TimeInForce timeInForce,
        final boolean postOnly,
        final SelfTradePrevention selfTradePrevention,
        final long quantity)
    {
        if (instrument == null)
        {
            return RejectReason.UNKNOWN_INSTRUMENT;
        }
        if (side == null || type == null || timeInForce == null || selfTradePrevention == null)
        {
            return RejectReason.INVALID_ORDER_TYPE;
        }
        final boolean resting = timeInForce == TimeInForce.GTC || timeInForce == TimeInForce.DAY;
        if ((type == OrderType.MARKET && (resting || postOnly)) || (postOnly && !resting))
        {
            return RejectReason.INVALID_ORDER_TYPE;
        }
        if (instrument.state == InstrumentState.HALTED)
        {
            return RejectReason.INSTRUMENT_HALTED;
        }
        if (account.killSwitch)
        {
            return RejectReason.KILL_SWITCH_ACTIVE;
        }
        if (quantity <= 0 || quantity % instrument.lotSize != 0)
        {
            return RejectReason.INVALID_QUANTITY;
        }
        return RejectReason.NONE;
    }

    private static RejectReason checkPriceAndSize(
        final Instrument instrument,
        final Account account,
        final Side side,
        final long limit,
        final long quantity,
        final boolean checkBand)
    {
        if (checkBand && instrument.outsideBand(limit))
        {
            return RejectReason.PRICE_OUTSIDE_BAND;
        }
        if (quantity > account.maxOrderQuantity)
        {
            return RejectReason.MAX_QUANTITY_EXCEEDED;
        }
        final long notional = instrument.notional(limit, quantity);
        if (notional < 0 || holdFor(instrument, side, limit, quantity) < 0)
        {
            return RejectReason.NOTIONAL_OVERFLOW;
        }
        if (notional > account.maxOrderNotional)
        {
            return RejectReason.MAX_NOTIONAL_EXCEEDED;
        }
        if (side == Side.SELL && instrument.notional(limit, instrument.lotSize) < instrument.takerFeePerLot)
        {
            return RejectReason.PRICE_BELOW_FEE;
        }
        return RejectReason.NONE;
    }

    private RejectReason checkReplace(
        final Order order, final long accountId, final long newPrice, final long newQuantity)
    {
        if (order == null)
        {
            return RejectReason.UNKNOWN_ORDER;
        }
        if (order.account.id != accountId)
        {
            return RejectReason.NOT_ORDER_OWNER;
        }
        final Instrument instrument = order.instrument;
        if (instrument.state == InstrumentState.HALTED)
        {
            return RejectReason.INSTRUMENT_HALTED;
        }
        if (newQuantity <= 0 || newQuantity % instrument.lotSize != 0)
        {
            return RejectReason.INVALID_QUANTITY;
        }
        if (newPrice <= 0 || newPrice % instrument.tickSize != 0)
        {
            return RejectReason.INVALID_PRICE;
        }
        if (newPrice == order.price() && newQuantity <= order.openQuantity())
        {
            return RejectReason.NONE;
        }
        final RejectReason reason = checkPriceAndSize(
            instrument, order.account, order.side(), newPrice, newQuantity, newPrice != order.price());
        if (reason != RejectReason.NONE)
        {
            return reason;
        }
        final BookSide opposite = instrument.book.opposite(order.side());
        final PriceLevel best = opposite.best();
        if (order.postOnly && best != null && opposite.crosses(best.price(), newPrice))
        {
            return RejectReason.POST_ONLY_WOULD_TRADE;
        }
        final long extra = holdFor(instrument, order.side(), newPrice, newQuantity) -
            holdFor(instrument, order.side(), order.price(), order.openQuantity());
        if (order.account.available(heldAsset(order)) < extra)
        {
            return RejectReason.INSUFFICIENT_BALANCE;
        }
        return RejectReason.NONE;
    }

    private RejectReason validateInstrument(
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
        if (instrumentId <= 0 || instrumentId >= instruments.length)
        {
            return RejectReason.INVALID_INSTRUMENT;
        }
        if (instruments[instrumentId] != null)
        {
            return RejectReason.DUPLICATE_INSTRUMENT;
        }
        if (!isAsset(baseAssetId) || !isAsset(quoteAssetId))
        {
            return RejectReason.INVALID_ASSET;
        }
        if (baseAssetId == quoteAssetId || tickSize <= 0 || lotSize <= 0 ||
            priceScale < 0 || priceScale > MAX_SCALE || quantityScale < 0 || quantityScale > MAX_SCALE ||
            makerFeePerLot < 0 || takerFeePerLot < makerFeePerLot ||
            priceBandBps < 0 || priceBandBps > Instrument.BPS ||
            marketProtectionBps < 1 || marketProtectionBps > Instrument.BPS ||
            referencePrice <= 0 || referencePrice % tickSize != 0)
        {
            return RejectReason.INVALID_INSTRUMENT;
        }
        final long tickLot = Arithmetic.multiply(tickSize, lotSize);
        if (tickLot < 0 || tickLot % Arithmetic.powerOfTen(quantityScale) != 0)
        {
            return RejectReason.INVALID_INSTRUMENT;
        }
        return RejectReason.NONE;
    }

    private RejectReason applyAdjustment(final long accountId, final int assetId, final long amount)
    {
        if (!isTradingAccountId(accountId) && accountId != config.feeAccountId())
        {
            return RejectReason.UNKNOWN_ACCOUNT;
        }
        if (!isAsset(assetId))
        {
            return RejectReason.INVALID_ASSET;
        }
        Account account = accounts.get(accountId);
        if (amount < 0)
        {
            if (account == null || amount == Long.MIN_VALUE || account.available(assetId) < -amount)
            {
                return RejectReason.INSUFFICIENT_BALANCE;
            }
        }
        else if (Arithmetic.add(supply[assetId], amount) < 0)
        {
            return RejectReason.BALANCE_OVERFLOW;
        }
        if (account == null)
        {
            account = createAccount(accountId);
        }
        account.balance[assetId] += amount;
        supply[assetId] += amount;
        return RejectReason.NONE;
    }

    private void changeState(
        final long timestamp, final int instrumentId, final InstrumentState state, final AdminType type)
    {
        final Instrument instrument = instrument(instrumentId);
        if (instrument == null)
        {
            listener.onAdminResult(timestamp, type, instrumentId, RejectReason.UNKNOWN_INSTRUMENT);
            return;
        }
        instrument.state = state;
        listener.onAdminResult(timestamp, type, instrumentId, RejectReason.NONE);
        publishStatus(timestamp, instrument);
    }

    private void publishStatus(final long timestamp, final Instrument instrument)
    {
        listener.onInstrumentStatus(timestamp, instrument.id, instrument.state);
        listener.onMarketStatus(nextFeedSequence++, timestamp, instrument.id, instrument.state);
    }

    private long bestPrice(final int instrumentId, final Side side)
    {
        final Instrument instrument = instrument(instrumentId);
        final PriceLevel best = instrument == null ? null : instrument.book.side(side).best();
        return best == null ? 0 : best.price();
    }

    Instrument instrument(final int instrumentId)
    {
        return instrumentId > 0 && instrumentId < instruments.length ? instruments[instrumentId] : null;
    }

    void registerInstrument(final Instrument instrument)
    {
        instruments[instrument.id] = instrument;
        if (instrumentCount == instrumentsInOrder.length)
        {
            final Instrument[] grown = new Instrument[instrumentCount * 2];
            System.arraycopy(instrumentsInOrder, 0, grown, 0, instrumentCount);
            instrumentsInOrder = grown;
        }
        instrumentsInOrder[instrumentCount++] = instrument;
    }

    Account createAccount(final long accountId)
    {
        final Account account = new Account(accountId, config.maxAssets());
        accounts.put(accountId, account);
        if (accountCount == accountsInOrder.length)
        {
            final Account[] grown = new Account[accountCount * 2];
            System.arraycopy(accountsInOrder, 0, grown, 0, accountCount);
            accountsInOrder = grown;
        }
        accountsInOrder[accountCount++] = account;
        return account;
    }

    private boolean isTradingAccountId(final long accountId)
    {
        return accountId > 0 && accountId != config.feeAccountId();
    }

    private boolean isAsset(final int assetId)
    {
        return assetId >= 0 && assetId < supply.length;
    }
}
