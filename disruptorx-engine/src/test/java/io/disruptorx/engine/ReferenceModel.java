package io.disruptorx.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.disruptorx.engine.Command.InstrumentSpec;
import io.disruptorx.engine.EngineEvent.Accepted;
import io.disruptorx.engine.EngineEvent.AdminResult;
import io.disruptorx.engine.EngineEvent.BookAdd;
import io.disruptorx.engine.EngineEvent.BookDelete;
import io.disruptorx.engine.EngineEvent.BookModify;
import io.disruptorx.engine.EngineEvent.CancelRejected;
import io.disruptorx.engine.EngineEvent.Cancelled;
import io.disruptorx.engine.EngineEvent.Fill;
import io.disruptorx.engine.EngineEvent.InstrumentStatus;
import io.disruptorx.engine.EngineEvent.MarketStatus;
import io.disruptorx.engine.EngineEvent.MarketTrade;
import io.disruptorx.engine.EngineEvent.Rejected;
import io.disruptorx.engine.EngineEvent.Replaced;
import io.disruptorx.engine.EngineEvent.SnapshotRequested;
import io.disruptorx.engine.EngineEvent.Trade;

/**
 * A slow, obvious model of docs/engine.md. Its state is rebuilt only from the engine's events (market data events
 * build the books, execution events the orders and balances; the amounts of adjustments and limits come from the
 * commands, which is all the events do not carry). Before each command it predicts, from that state, the exact
 * execution and market data events the spec requires, and after it checks the invariants: no crossed book, every
 * order's filled + open + cancelled = quantity with its open quantity equal to what market data shows, balances
 * never below holds.
 */
final class ReferenceModel
{
    static final int MAX_ACCOUNTS = 16;
    static final int MAX_ASSETS = 16;
    private static final long MAX = Long.MAX_VALUE;

    private final PostOnlyMode postOnlyMode;
    private final long feeAccountId;
    private final Map<Integer, Instrument> instruments = new TreeMap<>();
    private final Map<Long, Order> orders = new HashMap<>();
    private final List<Order> liveList = new ArrayList<>();
    /** Live orders with a client order id, by account and client order id (docs/engine.md: unique per account). */
    private final Map<List<Long>, Order> liveByClientId = new HashMap<>();
    private final Account[] accounts = new Account[MAX_ACCOUNTS];
    private final long[] adjusted = new long[MAX_ASSETS];
    private long nextOrderId = 1;
    private long nextTradeId = 1;
    private long commandCount;
    private long trades;
    private final Map<String, Long> counts = new TreeMap<>();

    ReferenceModel(final EngineConfig config)
    {
        this.postOnlyMode = config.postOnlyMode();
        this.feeAccountId = config.feeAccountId();
        for (int i = 0; i < MAX_ACCOUNTS; i++)
        {
            accounts[i] = new Account();
        }
        accounts[(int)feeAccountId].exists = true;
    }

    /** An instrument and its book as market data shows it. */
    static final class Instrument
    {
        final InstrumentSpec spec;
        boolean halted;
        long reference;
        final TreeMap<Long, LinkedHashMap<Long, Entry>> bids = new TreeMap<>(Comparator.reverseOrder());
        final TreeMap<Long, LinkedHashMap<Long, Entry>> asks = new TreeMap<>();
        final Map<Long, Entry> byId = new HashMap<>();

        Instrument(final InstrumentSpec spec)
        {
            this.spec = spec;
            this.reference = spec.referencePrice();
        }

        TreeMap<Long, LinkedHashMap<Long, Entry>> side(final Side side)
        {
            return side == Side.BUY ? bids : asks;
        }

        long best(final Side side)
        {
            final TreeMap<Long, LinkedHashMap<Long, Entry>> levels = side(side);
            return levels.isEmpty() ? 0 : levels.firstKey();
        }
    }

    /** A resting order as market data shows it. */
    static final class Entry
    {
        final long orderId;
        final Side side;
        final long price;
        long quantity;

        Entry(final long orderId, final Side side, final long price, final long quantity)
        {
            this.orderId = orderId;
            this.side = side;
            this.price = price;
            this.quantity = quantity;
        }
    }

    /** An order as execution events show it. */
    static final class Order
    {
        long id;
        long clientOrderId;
        long accountId;
        Instrument instrument;
        Side side;
        TimeInForce timeInForce;
        boolean postOnly;
        SelfTradePrevention selfTradePrevention;
        long price;
        long total;
        long filled;
        long cancelled;
        long hold;
        int liveIndex = -1;

        long open()
        {
            return total - filled - cancelled;
        }
    }

    /** An account's funds and limits. */
    static final class Account
    {
        boolean exists;
        final long[] balance = new long[MAX_ASSETS];
        final long[] held = new long[MAX_ASSETS];
        long maxQuantity = MAX;
        long maxNotional = MAX;
        boolean killSwitch;

        long available(final int asset)
        {
            return balance[asset] - held[asset];
        }
    }

    int liveCount()
    {
        return liveList.size();
    }

    Order live(final int index)
    {
        return liveList.get(index);
    }

    /**
     * @return the live order of the account with that client order id, or {@code null} (always for id 0).
     */
    Order liveByClientId(final long accountId, final long clientOrderId)
    {
        return clientOrderId == 0 ? null : liveByClientId.get(List.of(accountId, clientOrderId));
    }

    /**
     * @return the order a cancel or replace names: by order id, or when that is 0 by account and client order id.
     */
    private Order named(final String command, final long accountId, final long orderId, final long clientOrderId)
    {
        if (orderId != 0)
        {
            return orders.get(orderId);
        }
        final Order order = liveByClientId(accountId, clientOrderId);
        counts.merge(command + ".byClientOrderId." + (order == null ? "unknown" : "found"), 1L, Long::sum);
        return order;
    }

    Instrument instrument(final int id)
    {
        return instruments.get(id);
    }

    Account account(final long id)
    {
        return id >= 0 && id < MAX_ACCOUNTS ? accounts[(int)id] : null;
    }

    long nextOrderId()
    {
        return nextOrderId;
    }

    long trades()
    {
        return trades;
    }

    long adjusted(final int asset)
    {
        return adjusted[asset];
    }

    /**
     * @return how many events of each kind (and reason) the model saw, to show what a flow exercised.
     */
    Map<String, Long> counts()
    {
        return counts;
    }

    private void count(final EngineEvent event)
    {
        final String key;
        if (event instanceof Rejected r)
        {
            key = "Rejected." + r.reason();
        }
        else if (event instanceof CancelRejected r)
        {
            key = "CancelRejected." + r.reason();
        }
        else if (event instanceof Cancelled c)
        {
            key = "Cancelled." + c.reason();
        }
        else if (event instanceof AdminResult r)
        {
            key = "Admin." + r.type() + "." + r.result();
        }
        else if (event instanceof Replaced r)
        {
            key = "Replaced.kept=" + r.priorityKept();
        }
        else if (event instanceof Accepted a)
        {
            key = "Accepted." + a.type() + "." + a.timeInForce();
        }
        else
        {
            key = event.getClass().getSimpleName();
        }
        counts.merge(key, 1L, Long::sum);
    }

    /**
     * Predicts the command's events, compares them with what the engine emitted, then folds the events into the
     * model and checks the invariants.
     */
    void apply(final Command command, final List<EngineEvent> events)
    {
        commandCount++;
        final Expected expected = predict(command);
        final List<EngineEvent> exec = new ArrayList<>();
        final List<EngineEvent> md = new ArrayList<>();
        for (final EngineEvent event : events)
        {
            (event instanceof EngineEvent.MarketData ? md : exec).add(event);
        }
        final boolean same = expected.unordered ?
            sameUnordered(expected.exec, exec) && sameUnordered(expected.md, md) :
            expected.exec.equals(exec) && expected.md.equals(md);
        if (!same)
        {
            throw new AssertionError("command #" + commandCount + " " + command +
                "\n  expected executions " + expected.exec + "\n  actual executions   " + exec +
                "\n  expected market data " + expected.md + "\n  actual market data   " + md);
        }
        final List<Order> touched = new ArrayList<>();
        for (final EngineEvent event : events)
        {
            count(event);
            fold(command, event, touched);
        }
        settle(command, touched);
    }

    private static boolean sameUnordered(final List<EngineEvent> expected, final List<EngineEvent> actual)
    {
        if (expected.size() != actual.size())
        {
            return false;
        }
        if (expected.isEmpty())
        {
            return true;
        }
        final List<String> e = new ArrayList<>();
        final List<String> a = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++)
        {
            e.add(normalise(expected.get(i)).toString());
            a.add(normalise(actual.get(i)).toString());
        }
        final boolean lastIsAdmin = expected.get(expected.size() - 1) instanceof AdminResult;
        if (lastIsAdmin && !e.get(e.size() - 1).equals(a.get(a.size() - 1)))
        {
            return false;
        }
        e.sort(null);
        a.sort(null);
        return e.equals(a);
    }

    /**
     * Blanks what the spec leaves open: the request id of end-of-day and kill-switch cancels, the subject of a
     * mass cancel's result.
     */
    static EngineEvent normalise(final EngineEvent event)
    {
        if (event instanceof Cancelled c &&
            (c.reason() == CancelReason.EXPIRED || c.reason() == CancelReason.KILL_SWITCH))
        {
            return new Cancelled(c.orderId(), c.clientOrderId(), -1, c.accountId(), c.instrumentId(),
                c.cancelledQuantity(), c.reason());
        }
        if (event instanceof AdminResult r && r.type() == AdminType.MASS_CANCEL)
        {
            return new AdminResult(r.type(), -1, r.result());
        }
        return event;
    }

    private static final class Expected
    {
        final List<EngineEvent> exec = new ArrayList<>();
        final List<EngineEvent> md = new ArrayList<>();
        boolean unordered;
    }

    private Expected predict(final Command command)
    {
        final Expected expected = new Expected();
        if (command instanceof Command.NewOrder order)
        {
            predictNewOrder(order, expected);
        }
        else if (command instanceof Command.Cancel cancel)
        {
            predictCancel(cancel, expected);
        }
        else if (command instanceof Command.Replace replace)
        {
            predictReplace(replace, expected);
        }
        else if (command instanceof Command.MassCancel mass)
        {
            expected.unordered = true;
            for (final Order o : liveList)
            {
                if ((mass.accountId() == 0 || o.accountId == mass.accountId()) &&
                    (mass.instrumentId() == 0 || o.instrument.spec.id() == mass.instrumentId()))
                {
                    cancelResting(o, mass.requestId(), CancelReason.MASS_CANCEL, expected);
                }
            }
            expected.exec.add(new AdminResult(AdminType.MASS_CANCEL, -1, RejectReason.NONE));
        }
        else if (command instanceof Command.EndOfDay eod)
        {
            expected.unordered = true;
            for (final Order o : liveList)
            {
                if (o.timeInForce == TimeInForce.DAY &&
                    (eod.instrumentId() == 0 || o.instrument.spec.id() == eod.instrumentId()))
                {
                    cancelResting(o, -1, CancelReason.EXPIRED, expected);
                }
            }
            expected.exec.add(new AdminResult(AdminType.END_OF_DAY, eod.instrumentId(), RejectReason.NONE));
        }
        else if (command instanceof Command.Limits limits)
        {
            expected.unordered = true;
            if (limits.killSwitch())
            {
                for (final Order o : liveList)
                {
                    if (o.accountId == limits.accountId())
                    {
                        cancelResting(o, -1, CancelReason.KILL_SWITCH, expected);
                    }
                }
            }
            expected.exec.add(new AdminResult(AdminType.SET_RISK_LIMITS, limits.accountId(), RejectReason.NONE));
        }
        else if (command instanceof Command.Adjust adjust)
        {
            final Account account = account(adjust.accountId());
            final RejectReason result = adjust.amount() < 0 && -adjust.amount() > account.available(adjust.assetId()) ?
                RejectReason.INSUFFICIENT_BALANCE : RejectReason.NONE;
            expected.exec.add(new AdminResult(AdminType.ADJUST_BALANCE, adjust.accountId(), result));
        }
        else if (command instanceof Command.Halt halt)
        {
            status(AdminType.HALT_INSTRUMENT, halt.instrumentId(), InstrumentState.HALTED, expected);
        }
        else if (command instanceof Command.Resume resume)
        {
            status(AdminType.RESUME_INSTRUMENT, resume.instrumentId(), InstrumentState.TRADING, expected);
        }
        else if (command instanceof Command.AddInstrument add)
        {
            status(AdminType.ADD_INSTRUMENT, add.spec().id(), InstrumentState.TRADING, expected);
        }
        else if (command instanceof Command.TakeSnapshot snapshot)
        {
            expected.exec.add(new AdminResult(AdminType.TAKE_SNAPSHOT, snapshot.snapshotId(), RejectReason.NONE));
            expected.exec.add(new SnapshotRequested(snapshot.snapshotId()));
        }
        return expected;
    }

    private static void status(final AdminType type, final int id, final InstrumentState state, final Expected expected)
    {
        expected.exec.add(new AdminResult(type, id, RejectReason.NONE));
        expected.exec.add(new InstrumentStatus(id, state));
        expected.md.add(new MarketStatus(id, state));
    }

    private void cancelResting(final Order o, final long requestId, final CancelReason reason, final Expected expected)
    {
        expected.exec.add(new Cancelled(o.id, o.clientOrderId, requestId, o.accountId, o.instrument.spec.id(),
            o.open(), reason));
        expected.md.add(new BookDelete(o.instrument.spec.id(), o.id));
    }

    private void predictCancel(final Command.Cancel cancel, final Expected expected)
    {
        final Order o = named("Cancel", cancel.accountId(), cancel.orderId(), cancel.clientOrderId());
        if (o == null)
        {
            expected.exec.add(new CancelRejected(cancel.orderId(), cancel.requestId(), cancel.accountId(),
                RejectReason.UNKNOWN_ORDER));
        }
        else if (o.accountId != cancel.accountId())
        {
            expected.exec.add(new CancelRejected(o.id, cancel.requestId(), cancel.accountId(),
                RejectReason.NOT_ORDER_OWNER));
        }
        else
        {
            cancelResting(o, cancel.requestId(), CancelReason.REQUESTED, expected);
        }
    }

    private static boolean crosses(final Instrument inst, final Side side, final long price)
    {
        final long best = inst.best(side.opposite());
        return best != 0 && (side == Side.BUY ? price >= best : price <= best);
    }

    private static boolean outsideBand(final Instrument inst, final long price)
    {
        final int band = inst.spec.priceBandBps();
        return band > 0 && Math.abs(price - inst.reference) * 10_000L > inst.reference * band;
    }

    long protectionPrice(final Instrument inst, final Side side)
    {
        final long ref = inst.reference;
        final long tick = inst.spec.tickSize();
        final long move = ref * inst.spec.marketProtectionBps() / 10_000L;
        if (side == Side.BUY)
        {
            final long p = ref + move;
            return p - p % tick;
        }
        final long p = ref - move;
        return p % tick == 0 ? p : p - p % tick + tick;
    }

    private long buyHold(final InstrumentSpec spec, final long price, final long quantity)
    {
        return spec.notional(price, quantity) + spec.lots(quantity) * spec.takerFeePerLot();
    }

    private RejectReason checkPriceQuantity(
        final Account account, final Instrument inst, final Side side, final boolean limit, final long price,
        final long quantity, final boolean checkBand)
    {
        final InstrumentSpec spec = inst.spec;
        if (quantity <= 0 || quantity % spec.lotSize() != 0)
        {
            return RejectReason.INVALID_QUANTITY;
        }
        if (limit && (price <= 0 || price % spec.tickSize() != 0))
        {
            return RejectReason.INVALID_PRICE;
        }
        if (checkBand && outsideBand(inst, price))
        {
            return RejectReason.PRICE_OUTSIDE_BAND;
        }
        if (quantity > account.maxQuantity)
        {
            return RejectReason.MAX_QUANTITY_EXCEEDED;
        }
        if (Math.multiplyHigh(price, quantity) != 0 || price * quantity < 0)
        {
            return RejectReason.NOTIONAL_OVERFLOW;
        }
        if (spec.notional(price, quantity) > account.maxNotional)
        {
            return RejectReason.MAX_NOTIONAL_EXCEEDED;
        }
        if (side == Side.SELL && spec.notional(price, spec.lotSize()) < spec.takerFeePerLot())
        {
            return RejectReason.PRICE_BELOW_FEE;
        }
        return RejectReason.NONE;
    }

    private void predictNewOrder(final Command.NewOrder cmd, final Expected expected)
    {
        final Account account = account(cmd.accountId());
        final Instrument inst = instruments.get(cmd.instrumentId());
        final boolean market = cmd.type() == OrderType.MARKET;
        final boolean immediate = cmd.timeInForce() == TimeInForce.IOC || cmd.timeInForce() == TimeInForce.FOK;
        RejectReason reason = RejectReason.NONE;
        long price = cmd.price();
        if (account == null || !account.exists || cmd.accountId() <= 0 || cmd.accountId() == feeAccountId)
        {
            reason = RejectReason.UNKNOWN_ACCOUNT;
        }
        else if (liveByClientId(cmd.accountId(), cmd.clientOrderId()) != null)
        {
            reason = RejectReason.DUPLICATE_CLIENT_ORDER_ID;
        }
        else if (inst == null)
        {
            reason = RejectReason.UNKNOWN_INSTRUMENT;
        }
        else if ((market && !immediate) || (cmd.postOnly() && (market || immediate)))
        {
            reason = RejectReason.INVALID_ORDER_TYPE;
        }
        else if (inst.halted)
        {
            reason = RejectReason.INSTRUMENT_HALTED;
        }
        else if (account.killSwitch)
        {
            reason = RejectReason.KILL_SWITCH_ACTIVE;
        }
        else
        {
            if (market)
            {
                price = protectionPrice(inst, cmd.side());
            }
            reason = checkPriceQuantity(account, inst, cmd.side(), !market, price, cmd.quantity(), !market);
            if (reason == RejectReason.NONE && market && inst.side(cmd.side().opposite()).isEmpty())
            {
                reason = RejectReason.NO_LIQUIDITY;
            }
            if (reason == RejectReason.NONE && cmd.postOnly() && crosses(inst, cmd.side(), price))
            {
                if (postOnlyMode == PostOnlyMode.REJECT)
                {
                    reason = RejectReason.POST_ONLY_WOULD_TRADE;
                }
                else
                {
                    final long best = inst.best(cmd.side().opposite());
                    price = cmd.side() == Side.BUY ? best - inst.spec.tickSize() : best + inst.spec.tickSize();
                    // the repriced limit must pass the price checks again (the spec leaves this open; a bid
                    // one tick under an ask that rests outside the band would rest outside it too)
                    reason = price <= 0 ? RejectReason.INVALID_PRICE :
                        checkPriceQuantity(account, inst, cmd.side(), true, price, cmd.quantity(), true);
                }
            }
            if (reason == RejectReason.NONE)
            {
                final boolean enough = cmd.side() == Side.BUY ?
                    buyHold(inst.spec, price, cmd.quantity()) <= account.available(inst.spec.quoteAsset()) :
                    cmd.quantity() <= account.available(inst.spec.baseAsset());
                if (!enough)
                {
                    reason = RejectReason.INSUFFICIENT_BALANCE;
                }
            }
        }
        if (reason != RejectReason.NONE)
        {
            expected.exec.add(new Rejected(cmd.clientOrderId(), cmd.accountId(), cmd.instrumentId(), reason));
            return;
        }
        final long id = nextOrderId;
        final int instrumentId = cmd.instrumentId();
        expected.exec.add(new Accepted(id, cmd.clientOrderId(), cmd.accountId(), instrumentId, cmd.side(),
            cmd.type(), cmd.timeInForce(), price, cmd.quantity()));
        if (cmd.timeInForce() == TimeInForce.FOK)
        {
            final Walk dry = walk(inst, id, cmd.accountId(), cmd.side(), price, cmd.quantity(),
                cmd.selfTradePrevention(), cmd.clientOrderId(), null);
            if (dry.remaining > 0)
            {
                expected.exec.add(new Cancelled(id, cmd.clientOrderId(), cmd.clientOrderId(), cmd.accountId(),
                    instrumentId, cmd.quantity(), CancelReason.FOK_NOT_FILLED));
                return;
            }
        }
        final Walk walk = cmd.postOnly() ?
            new Walk(cmd.quantity(), false) :
            walk(inst, id, cmd.accountId(), cmd.side(), price, cmd.quantity(), cmd.selfTradePrevention(),
                cmd.clientOrderId(), expected);
        if (walk.remaining > 0)
        {
            if (walk.selfTrade)
            {
                expected.exec.add(new Cancelled(id, cmd.clientOrderId(), cmd.clientOrderId(), cmd.accountId(),
                    instrumentId, walk.remaining, CancelReason.SELF_TRADE));
            }
            else if (market || immediate)
            {
                expected.exec.add(new Cancelled(id, cmd.clientOrderId(), cmd.clientOrderId(), cmd.accountId(),
                    instrumentId, walk.remaining, CancelReason.IOC_REMAINDER));
            }
            else
            {
                expected.md.add(new BookAdd(instrumentId, id, cmd.side(), price, walk.remaining));
            }
        }
    }

    private void predictReplace(final Command.Replace cmd, final Expected expected)
    {
        final Order o = named("Replace", cmd.accountId(), cmd.orderId(), cmd.clientOrderId());
        RejectReason reason = RejectReason.NONE;
        if (o == null)
        {
            reason = RejectReason.UNKNOWN_ORDER;
        }
        else if (o.accountId != cmd.accountId())
        {
            reason = RejectReason.NOT_ORDER_OWNER;
        }
        else if (o.instrument.halted)
        {
            reason = RejectReason.INSTRUMENT_HALTED;
        }
        else
        {
            final Account account = account(o.accountId);
            final Instrument inst = o.instrument;
            final boolean reduction = cmd.price() == o.price && cmd.quantity() <= o.open();
            reason = account.killSwitch ? RejectReason.KILL_SWITCH_ACTIVE :
                checkPriceQuantity(account, inst, o.side, true, cmd.price(), cmd.quantity(), cmd.price() != o.price);
            if (reduction && (reason != RejectReason.INVALID_QUANTITY && reason != RejectReason.INVALID_PRICE))
            {
                // a reduction in place adds no risk: docs/engine.md does not say so, the lead's engine does
                reason = RejectReason.NONE;
            }
            if (reason == RejectReason.NONE && !reduction && o.postOnly && crosses(inst, o.side, cmd.price()))
            {
                reason = RejectReason.POST_ONLY_WOULD_TRADE;
            }
            if (reason == RejectReason.NONE)
            {
                final boolean enough = reduction || (o.side == Side.BUY ?
                    buyHold(inst.spec, cmd.price(), cmd.quantity()) - o.hold <=
                        account.available(inst.spec.quoteAsset()) :
                    cmd.quantity() - o.hold <= account.available(inst.spec.baseAsset()));
                if (!enough)
                {
                    reason = RejectReason.INSUFFICIENT_BALANCE;
                }
            }
        }
        if (reason != RejectReason.NONE)
        {
            expected.exec.add(new CancelRejected(o == null ? cmd.orderId() : o.id, cmd.requestId(), cmd.accountId(),
                reason));
            return;
        }
        final int instrumentId = o.instrument.spec.id();
        final boolean kept = cmd.price() == o.price && cmd.quantity() <= o.open();
        expected.exec.add(new Replaced(o.id, cmd.requestId(), o.accountId, instrumentId, cmd.price(),
            cmd.quantity(), kept));
        if (kept)
        {
            if (cmd.quantity() != o.open())
            {
                expected.md.add(new BookModify(instrumentId, o.id, cmd.quantity()));
            }
            return;
        }
        expected.md.add(new BookDelete(instrumentId, o.id));
        final Walk walk = walk(o.instrument, o.id, o.accountId, o.side, cmd.price(), cmd.quantity(),
            o.selfTradePrevention, cmd.requestId(), expected);
        if (walk.remaining > 0)
        {
            if (walk.selfTrade)
            {
                expected.exec.add(new Cancelled(o.id, o.clientOrderId, cmd.requestId(), o.accountId, instrumentId,
                    walk.remaining, CancelReason.SELF_TRADE));
            }
            else
            {
                expected.md.add(new BookAdd(instrumentId, o.id, o.side, cmd.price(), walk.remaining));
            }
        }
    }

    private record Walk(long remaining, boolean selfTrade)
    {
    }

    /**
     * Walks the opposite side in priority order as the incoming order would; with {@code expected} null it only
     * measures (fill-or-kill).
     */
    private Walk walk(
        final Instrument inst,
        final long takerId,
        final long takerAccount,
        final Side side,
        final long limit,
        final long quantity,
        final SelfTradePrevention stp,
        final long requestId,
        final Expected expected)
    {
        final InstrumentSpec spec = inst.spec;
        final int instrumentId = spec.id();
        long remaining = quantity;
        long tradeId = nextTradeId;
        boolean selfTrade = false;
        outer:
        for (final Map.Entry<Long, LinkedHashMap<Long, Entry>> level : inst.side(side.opposite()).entrySet())
        {
            final long price = level.getKey();
            if (remaining == 0 || (side == Side.BUY ? price > limit : price < limit))
            {
                break;
            }
            for (final Entry resting : level.getValue().values())
            {
                if (remaining == 0)
                {
                    break outer;
                }
                final Order maker = orders.get(resting.orderId);
                if (maker.accountId == takerAccount && stp != SelfTradePrevention.NONE)
                {
                    if (stp == SelfTradePrevention.CANCEL_NEWEST)
                    {
                        selfTrade = true;
                        break outer;
                    }
                    if (expected != null)
                    {
                        expected.exec.add(new Cancelled(maker.id, maker.clientOrderId, requestId, maker.accountId,
                            instrumentId, resting.quantity, CancelReason.SELF_TRADE));
                        expected.md.add(new BookDelete(instrumentId, maker.id));
                    }
                    if (stp == SelfTradePrevention.CANCEL_BOTH)
                    {
                        selfTrade = true;
                        break outer;
                    }
                    continue;
                }
                final long q = Math.min(remaining, resting.quantity);
                remaining -= q;
                if (expected != null)
                {
                    final long lots = spec.lots(q);
                    expected.exec.add(new Trade(tradeId, instrumentId, price, q, side,
                        new Fill(maker.id, maker.accountId, resting.quantity - q, lots * spec.makerFeePerLot()),
                        new Fill(takerId, takerAccount, remaining, lots * spec.takerFeePerLot())));
                    expected.md.add(new MarketTrade(instrumentId, tradeId, price, q, side));
                    expected.md.add(resting.quantity == q ?
                        new BookDelete(instrumentId, maker.id) :
                        new BookModify(instrumentId, maker.id, resting.quantity - q));
                }
                tradeId++;
            }
        }
        return new Walk(remaining, selfTrade);
    }

    private void fold(final Command command, final EngineEvent event, final List<Order> touched)
    {
        if (event instanceof Accepted a)
        {
            final Command.NewOrder cmd = (Command.NewOrder)command;
            final Order o = new Order();
            o.id = a.orderId();
            o.clientOrderId = a.clientOrderId();
            o.accountId = a.accountId();
            o.instrument = instruments.get(a.instrumentId());
            o.side = a.side();
            o.timeInForce = a.timeInForce();
            o.postOnly = cmd.postOnly();
            o.selfTradePrevention = cmd.selfTradePrevention();
            o.price = a.price();
            o.total = a.quantity();
            orders.put(o.id, o);
            nextOrderId = o.id + 1;
            touched.add(o);
        }
        else if (event instanceof Trade t)
        {
            trade(t, touched);
        }
        else if (event instanceof Cancelled c)
        {
            final Order o = orders.get(c.orderId());
            o.cancelled += c.cancelledQuantity();
            touched.add(o);
        }
        else if (event instanceof Replaced r)
        {
            final Order o = orders.get(r.orderId());
            o.total += r.quantity() - o.open();
            o.price = r.price();
            touched.add(o);
        }
        else if (event instanceof AdminResult r && r.result() == RejectReason.NONE)
        {
            admin(command, r);
        }
        else if (event instanceof BookAdd add)
        {
            final Instrument inst = instruments.get(add.instrumentId());
            final Entry entry = new Entry(add.orderId(), add.side(), add.price(), add.quantity());
            if (inst.byId.put(add.orderId(), entry) != null)
            {
                throw new AssertionError("book add of an order already in the book: " + add);
            }
            inst.side(add.side()).computeIfAbsent(add.price(), p -> new LinkedHashMap<>()).put(add.orderId(), entry);
        }
        else if (event instanceof BookModify modify)
        {
            final Entry entry = instruments.get(modify.instrumentId()).byId.get(modify.orderId());
            if (entry == null || modify.quantity() <= 0)
            {
                throw new AssertionError("bad book modify: " + modify);
            }
            entry.quantity = modify.quantity();
        }
        else if (event instanceof BookDelete delete)
        {
            final Instrument inst = instruments.get(delete.instrumentId());
            final Entry entry = inst.byId.remove(delete.orderId());
            if (entry == null)
            {
                throw new AssertionError("book delete of an order not in the book: " + delete);
            }
            final TreeMap<Long, LinkedHashMap<Long, Entry>> levels = inst.side(entry.side);
            final LinkedHashMap<Long, Entry> level = levels.get(entry.price);
            level.remove(entry.orderId);
            if (level.isEmpty())
            {
                levels.remove(entry.price);
            }
        }
    }

    private void trade(final Trade t, final List<Order> touched)
    {
        final Order maker = orders.get(t.maker().orderId());
        final Order taker = orders.get(t.taker().orderId());
        maker.filled += t.quantity();
        taker.filled += t.quantity();
        touched.add(maker);
        touched.add(taker);
        final Instrument inst = instruments.get(t.instrumentId());
        final InstrumentSpec spec = inst.spec;
        inst.reference = t.price();
        nextTradeId = t.tradeId() + 1;
        trades++;
        final long notional = spec.notional(t.price(), t.quantity());
        final boolean takerBuys = t.takerSide() == Side.BUY;
        final Account buyer = account(takerBuys ? t.taker().accountId() : t.maker().accountId());
        final Account seller = account(takerBuys ? t.maker().accountId() : t.taker().accountId());
        final long buyerFee = takerBuys ? t.taker().fee() : t.maker().fee();
        final long sellerFee = takerBuys ? t.maker().fee() : t.taker().fee();
        buyer.balance[spec.quoteAsset()] -= notional + buyerFee;
        buyer.balance[spec.baseAsset()] += t.quantity();
        seller.balance[spec.baseAsset()] -= t.quantity();
        seller.balance[spec.quoteAsset()] += notional - sellerFee;
        accounts[(int)feeAccountId].balance[spec.quoteAsset()] += buyerFee + sellerFee;
    }

    private void admin(final Command command, final AdminResult r)
    {
        switch (r.type())
        {
            case ADD_INSTRUMENT:
            {
                final InstrumentSpec spec = ((Command.AddInstrument)command).spec();
                instruments.put(spec.id(), new Instrument(spec));
                break;
            }
            case ADJUST_BALANCE:
            {
                final Command.Adjust adjust = (Command.Adjust)command;
                final Account account = account(adjust.accountId());
                account.exists = true;
                account.balance[adjust.assetId()] += adjust.amount();
                adjusted[adjust.assetId()] += adjust.amount();
                break;
            }
            case SET_RISK_LIMITS:
            {
                final Command.Limits limits = (Command.Limits)command;
                final Account account = account(limits.accountId());
                account.exists = true;
                account.maxQuantity = limits.maxOrderQuantity();
                account.maxNotional = limits.maxOrderNotional();
                account.killSwitch = limits.killSwitch();
                break;
            }
            case HALT_INSTRUMENT:
                instruments.get((int)r.subjectId()).halted = true;
                break;
            case RESUME_INSTRUMENT:
                instruments.get((int)r.subjectId()).halted = false;
                break;
            default:
                break;
        }
    }

    private long holdOf(final Order o)
    {
        final long open = o.open();
        if (open <= 0)
        {
            return 0;
        }
        return o.side == Side.BUY ? buyHold(o.instrument.spec, o.price, open) : open;
    }

    private void settle(final Command command, final List<Order> touched)
    {
        for (final Order o : touched)
        {
            final long open = o.open();
            final Entry entry = o.instrument.byId.get(o.id);
            if (open < 0)
            {
                throw new AssertionError("order " + o.id + " over-filled: total " + o.total + " filled " + o.filled +
                    " cancelled " + o.cancelled);
            }
            if (open > 0)
            {
                if (entry == null || entry.quantity != open || entry.price != o.price || entry.side != o.side)
                {
                    throw new AssertionError("order " + o.id + " open " + open + " at " + o.price +
                        " by executions, but market data shows " +
                        (entry == null ? "nothing" : entry.quantity + " at " + entry.price) + " after " + command);
                }
                if (o.timeInForce != TimeInForce.GTC && o.timeInForce != TimeInForce.DAY)
                {
                    throw new AssertionError("immediate order " + o.id + " rests after " + command);
                }
            }
            else if (entry != null)
            {
                throw new AssertionError("order " + o.id + " is done by executions but still in the book");
            }
            final int asset = o.side == Side.BUY ? o.instrument.spec.quoteAsset() : o.instrument.spec.baseAsset();
            final long hold = holdOf(o);
            accounts[(int)o.accountId].held[asset] += hold - o.hold;
            o.hold = hold;
            if (open > 0 && o.liveIndex < 0)
            {
                o.liveIndex = liveList.size();
                liveList.add(o);
                if (o.clientOrderId != 0 && liveByClientId.put(List.of(o.accountId, o.clientOrderId), o) != null)
                {
                    throw new AssertionError("two live orders of account " + o.accountId + " with client order id " +
                        o.clientOrderId + " after " + command);
                }
            }
            else if (open == 0)
            {
                orders.remove(o.id);
                if (o.liveIndex >= 0)
                {
                    liveByClientId.remove(List.of(o.accountId, o.clientOrderId));
                    final Order last = liveList.remove(liveList.size() - 1);
                    if (last != o)
                    {
                        liveList.set(o.liveIndex, last);
                        last.liveIndex = o.liveIndex;
                    }
                    o.liveIndex = -1;
                }
            }
        }
        for (final Instrument inst : instruments.values())
        {
            final long bid = inst.best(Side.BUY);
            final long ask = inst.best(Side.SELL);
            if (bid != 0 && ask != 0 && bid >= ask)
            {
                throw new AssertionError("crossed book on instrument " + inst.spec.id() + ": bid " + bid +
                    " ask " + ask + " after " + command);
            }
        }
        for (int a = 0; a < MAX_ACCOUNTS; a++)
        {
            final Account account = accounts[a];
            for (int asset = 0; asset < MAX_ASSETS; asset++)
            {
                if (account.held[asset] < 0 || account.balance[asset] < account.held[asset])
                {
                    throw new AssertionError("account " + a + " asset " + asset + " balance " +
                        account.balance[asset] + " below held " + account.held[asset] + " after " + command);
                }
            }
        }
    }

    /**
     * Full check that execution state and market data agree: every live order rests with its open quantity and
     * nothing else rests; and every asset's balances sum to its adjustments.
     */
    void verifyBooks()
    {
        int resting = 0;
        for (final Instrument inst : instruments.values())
        {
            resting += inst.byId.size();
        }
        if (resting != liveList.size())
        {
            throw new AssertionError(resting + " orders in market data books, " + liveList.size() + " live");
        }
        for (final Order o : liveList)
        {
            final Entry entry = o.instrument.byId.get(o.id);
            if (entry == null || entry.quantity != o.open())
            {
                throw new AssertionError("live order " + o.id + " not in market data book as open " + o.open());
            }
        }
        for (int asset = 0; asset < MAX_ASSETS; asset++)
        {
            long sum = 0;
            for (final Account account : accounts)
            {
                sum += account.balance[asset];
            }
            if (sum != adjusted[asset])
            {
                throw new AssertionError("asset " + asset + " sums to " + sum + " but adjustments total " +
                    adjusted[asset]);
            }
        }
    }

    /**
     * Compares the model with the engine's read-only queries: balances and holds of every account and asset
     * (and that each asset's engine balances sum to its adjustments), best prices, reference prices, the resting
     * orders and their open quantities.
     */
    void verifyEngine(final MatchingEngine engine)
    {
        for (int asset = 0; asset < MAX_ASSETS; asset++)
        {
            long sum = 0;
            for (int a = 0; a < MAX_ACCOUNTS; a++)
            {
                final long balance = engine.balance(a, asset);
                final long held = engine.held(a, asset);
                sum += balance;
                if (balance != accounts[a].balance[asset] || held != accounts[a].held[asset])
                {
                    throw new AssertionError("account " + a + " asset " + asset + ": engine balance " + balance +
                        " held " + held + ", model balance " + accounts[a].balance[asset] + " held " +
                        accounts[a].held[asset]);
                }
            }
            if (sum != adjusted[asset])
            {
                throw new AssertionError("engine balances of asset " + asset + " sum to " + sum +
                    " but adjustments total " + adjusted[asset]);
            }
        }
        for (final Instrument inst : instruments.values())
        {
            final int id = inst.spec.id();
            if (engine.bestBid(id) != inst.best(Side.BUY) || engine.bestAsk(id) != inst.best(Side.SELL))
            {
                throw new AssertionError("instrument " + id + ": engine best " + engine.bestBid(id) + "/" +
                    engine.bestAsk(id) + ", market data " + inst.best(Side.BUY) + "/" + inst.best(Side.SELL));
            }
            if (engine.referencePrice(id) != inst.reference)
            {
                throw new AssertionError("instrument " + id + ": engine reference " + engine.referencePrice(id) +
                    ", model " + inst.reference);
            }
        }
        if (engine.restingOrderCount() != liveList.size())
        {
            throw new AssertionError("engine rests " + engine.restingOrderCount() + " orders, model " +
                liveList.size());
        }
        for (final Order o : liveList)
        {
            if (engine.openQuantity(o.id) != o.open())
            {
                throw new AssertionError("order " + o.id + ": engine open " + engine.openQuantity(o.id) +
                    ", model " + o.open());
            }
        }
    }
}
