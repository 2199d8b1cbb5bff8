package io.disruptorx.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.disruptorx.engine.Command.InstrumentSpec;

/**
 * A seeded random command flow: ~10 accounts trading 1 to 3 instruments around drifting prices with every order
 * type, cancels and replaces of live orders (picked from the model, named by order id or by client order id), mass
 * cancels, halts, end of day, limits, the kill switch, deposits and withdrawals, and a few invalid commands. Client
 * order ids are mostly fresh; some orders reuse the id of a live order (of the same account: a duplicate; of
 * another: allowed) or of an order that may be gone, and some have none (0).
 */
final class CommandFlow
{
    static final int QUOTE = 10;
    static final int ACCOUNTS = 10;
    static final long POOR_ACCOUNT = 10;
    static final long UNKNOWN_ACCOUNT = 11;
    private static final long MAX = Long.MAX_VALUE;
    private static final int MAX_LIVE = 2_500;

    private static final InstrumentSpec[] SPECS = {
        new InstrumentSpec(1, 1, QUOTE, 1, 1, 2, 0, 1, 2, 1_000, 300, 200),
        new InstrumentSpec(2, 2, QUOTE, 5, 10, 2, 1, 0, 3, 5_000, 500, 200),
        new InstrumentSpec(3, 3, QUOTE, 10, 100, 2, 3, 2, 2, 20_000, 0, 300),
    };

    private final SplittableRandom random;
    private final ReferenceModel model;
    private final int instrumentCount;
    private final long[] mid;
    private long nextClientId = 1;
    private long nextSnapshotId = 1;

    CommandFlow(final SplittableRandom random, final ReferenceModel model, final int instrumentCount)
    {
        this.random = random;
        this.model = model;
        this.instrumentCount = instrumentCount;
        this.mid = new long[instrumentCount];
        for (int i = 0; i < instrumentCount; i++)
        {
            mid[i] = SPECS[i].referencePrice();
        }
    }

    /**
     * @param random seed source.
     * @return a small engine config with a random post-only mode and a small initial pool, so the pool grows.
     */
    static EngineConfig config(final SplittableRandom random)
    {
        final PostOnlyMode mode = random.nextBoolean() ? PostOnlyMode.REJECT : PostOnlyMode.REPRICE;
        return new EngineConfig(8, ReferenceModel.MAX_ASSETS, 1 << 16, 256, 0, mode);
    }

    /**
     * @return instruments and deposits for every account.
     */
    List<Command> setup()
    {
        final List<Command> commands = new ArrayList<>();
        for (int i = 0; i < instrumentCount; i++)
        {
            commands.add(new Command.AddInstrument(SPECS[i]));
        }
        for (long account = 1; account <= ACCOUNTS; account++)
        {
            final boolean poor = account == POOR_ACCOUNT;
            commands.add(new Command.Adjust(account, QUOTE, poor ? 300_000 : 10_000_000_000L));
            for (int i = 0; i < instrumentCount; i++)
            {
                final long lots = poor ? 30 : 1_000_000;
                commands.add(new Command.Adjust(account, SPECS[i].baseAsset(), SPECS[i].lotSize() * lots));
            }
        }
        return commands;
    }

    /**
     * @return the next command, chosen against the model's current state.
     */
    Command next()
    {
        drift();
        final Command recovery = recovery();
        if (recovery != null)
        {
            return recovery;
        }
        final int roll = random.nextInt(1_000);
        if (roll < 530 && model.liveCount() > MAX_LIVE && random.nextBoolean())
        {
            return cancel();
        }
        if (roll < 400 || roll >= 950)
        {
            return restingOrder();
        }
        if (roll < 480)
        {
            return immediateOrder(OrderType.LIMIT, TimeInForce.IOC);
        }
        if (roll < 530)
        {
            return immediateOrder(OrderType.LIMIT, TimeInForce.FOK);
        }
        if (roll < 570)
        {
            return immediateOrder(OrderType.MARKET, random.nextInt(10) < 7 ? TimeInForce.IOC : TimeInForce.FOK);
        }
        if (roll < 680)
        {
            return cancel();
        }
        if (roll < 830)
        {
            return replace();
        }
        if (roll < 890)
        {
            return restingOrder();
        }
        if (roll < 920)
        {
            return adjust();
        }
        if (roll < 922)
        {
            return massCancel();
        }
        if (roll < 924)
        {
            return new Command.Halt(instrumentId());
        }
        if (roll < 925)
        {
            return new Command.EndOfDay(random.nextInt(3) == 0 ? 0 : instrumentId());
        }
        if (roll < 930)
        {
            return limits();
        }
        if (roll < 932)
        {
            return new Command.TakeSnapshot(nextSnapshotId++);
        }
        return restingOrder();
    }

    private void drift()
    {
        final int i = random.nextInt(instrumentCount);
        final long tick = SPECS[i].tickSize();
        final long ref = SPECS[i].referencePrice();
        final int step = random.nextInt(3) - 1;
        final long next = mid[i] + step * tick;
        if (next > ref / 2 && next < ref * 2)
        {
            mid[i] = next;
        }
    }

    private Command recovery()
    {
        if (random.nextInt(20) == 0)
        {
            for (int i = 0; i < instrumentCount; i++)
            {
                if (model.instrument(SPECS[i].id()).halted)
                {
                    return new Command.Resume(SPECS[i].id());
                }
            }
        }
        if (random.nextInt(50) == 0)
        {
            for (long account = 1; account <= ACCOUNTS; account++)
            {
                if (model.account(account).killSwitch)
                {
                    return new Command.Limits(account, MAX, MAX, false);
                }
            }
        }
        return null;
    }

    private int instrumentIndex()
    {
        return random.nextInt(instrumentCount);
    }

    private int instrumentId()
    {
        return SPECS[instrumentIndex()].id();
    }

    private long account()
    {
        return 1 + random.nextInt(ACCOUNTS);
    }

    private long quantity(final InstrumentSpec spec)
    {
        final long lots = random.nextInt(100) < 85 ? 1 + random.nextInt(20) : 1 + random.nextInt(200);
        return lots * spec.lotSize();
    }

    private long price(final int index, final Side side)
    {
        final InstrumentSpec spec = SPECS[index];
        final int ticks = random.nextInt(10) == 0 ? random.nextInt(-60, 61) : random.nextInt(-3, 12);
        final long offset = ticks * spec.tickSize();
        final long price = side == Side.BUY ? mid[index] - offset : mid[index] + offset;
        return Math.max(spec.tickSize(), price);
    }

    private SelfTradePrevention stp()
    {
        final int roll = random.nextInt(10);
        return roll < 4 ? SelfTradePrevention.NONE : SelfTradePrevention.values()[roll % 3];
    }

    private Command restingOrder()
    {
        final int index = instrumentIndex();
        final InstrumentSpec spec = SPECS[index];
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final TimeInForce tif = random.nextInt(4) == 0 ? TimeInForce.DAY : TimeInForce.GTC;
        final boolean postOnly = random.nextInt(10) == 0;
        final long account = account();
        final Command.NewOrder order = new Command.NewOrder(account, clientOrderId(account), spec.id(), side,
            OrderType.LIMIT, tif, postOnly, postOnly ? SelfTradePrevention.NONE : stp(), price(index, side),
            quantity(spec));
        return random.nextInt(100) == 0 ? invalid(order) : order;
    }

    /**
     * @return mostly a fresh client order id; now and then a live order's (of this account: a duplicate), a recent
     * one that may be live or gone, or 0 (none).
     */
    private long clientOrderId(final long account)
    {
        final int roll = random.nextInt(100);
        if (roll < 3 && model.liveCount() > 0)
        {
            final ReferenceModel.Order live = model.live(random.nextInt(model.liveCount()));
            return live.clientOrderId == 0 ? nextClientId++ : live.clientOrderId;
        }
        if (roll < 5)
        {
            return Math.max(1, nextClientId - 1 - random.nextInt(200));
        }
        if (roll < 7)
        {
            return 0;
        }
        return nextClientId++;
    }

    private Command immediateOrder(final OrderType type, final TimeInForce tif)
    {
        final int index = instrumentIndex();
        final InstrumentSpec spec = SPECS[index];
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final long price = type == OrderType.MARKET ? 0 : price(index, side);
        final long account = account();
        return new Command.NewOrder(account, clientOrderId(account), spec.id(), side, type, tif, false, stp(), price,
            quantity(spec));
    }

    private Command invalid(final Command.NewOrder o)
    {
        switch (random.nextInt(6))
        {
            case 0:
                return new Command.NewOrder(UNKNOWN_ACCOUNT, o.clientOrderId(), o.instrumentId(), o.side(), o.type(),
                    o.timeInForce(), o.postOnly(), o.selfTradePrevention(), o.price(), o.quantity());
            case 1:
                return new Command.NewOrder(o.accountId(), o.clientOrderId(), 7, o.side(), o.type(),
                    o.timeInForce(), o.postOnly(), o.selfTradePrevention(), o.price(), o.quantity());
            case 2:
                return new Command.NewOrder(o.accountId(), o.clientOrderId(), o.instrumentId(), o.side(),
                    OrderType.MARKET, o.timeInForce(), o.postOnly(), o.selfTradePrevention(), 0, o.quantity());
            case 3:
                return new Command.NewOrder(o.accountId(), o.clientOrderId(), o.instrumentId(), o.side(), o.type(),
                    o.timeInForce(), o.postOnly(), o.selfTradePrevention(), o.price(), o.quantity() + 1);
            case 4:
                return new Command.NewOrder(o.accountId(), o.clientOrderId(), o.instrumentId(), o.side(), o.type(),
                    o.timeInForce(), o.postOnly(), o.selfTradePrevention(), o.price() + 1, o.quantity());
            default:
                return new Command.NewOrder(o.accountId(), o.clientOrderId(), o.instrumentId(), o.side(), o.type(),
                    o.timeInForce(), o.postOnly(), o.selfTradePrevention(), o.price(), 0);
        }
    }

    private Command cancel()
    {
        final long requestId = nextClientId++;
        if (model.liveCount() == 0 || random.nextInt(20) == 0)
        {
            return new Command.Cancel(account(), requestId, 1 + random.nextLong(model.nextOrderId() + 10));
        }
        final ReferenceModel.Order o = model.live(random.nextInt(model.liveCount()));
        final long account = random.nextInt(20) == 0 ? o.accountId % ACCOUNTS + 1 : o.accountId;
        return byClientId() ? new Command.Cancel(account, requestId, 0, o.clientOrderId) :
            new Command.Cancel(account, requestId, o.id);
    }

    /**
     * @return whether a cancel or replace of a live order names it by its client order id (then an order without
     * one, or a wrong account, is not found).
     */
    private boolean byClientId()
    {
        return random.nextInt(10) < 3;
    }

    private Command replace()
    {
        final long requestId = nextClientId++;
        if (model.liveCount() == 0 || random.nextInt(30) == 0)
        {
            return random.nextBoolean() ?
                new Command.Replace(account(), requestId, 1 + random.nextLong(model.nextOrderId() + 10), 100, 10) :
                new Command.Replace(account(), requestId, 0, 100, 10, 1 + random.nextLong(nextClientId + 10));
        }
        final ReferenceModel.Order o = model.live(random.nextInt(model.liveCount()));
        final Command.Replace replace = replaceOf(o, requestId);
        if (!byClientId())
        {
            return replace;
        }
        return new Command.Replace(
            replace.accountId(), requestId, 0, replace.price(), replace.quantity(), o.clientOrderId);
    }

    private Command.Replace replaceOf(final ReferenceModel.Order o, final long requestId)
    {
        final long lot = o.instrument.spec.lotSize();
        final long tick = o.instrument.spec.tickSize();
        final long account = random.nextInt(30) == 0 ? o.accountId % ACCOUNTS + 1 : o.accountId;
        final long open = o.open();
        final int roll = random.nextInt(100);
        if (roll < 40)
        {
            return new Command.Replace(account, requestId, o.id, o.price, lot * (1 + random.nextLong(open / lot)));
        }
        if (roll < 75)
        {
            final long ticks = random.nextBoolean() ? 1 + random.nextInt(5) : -1 - random.nextInt(5);
            final long quantity = random.nextBoolean() ? open : quantity(o.instrument.spec);
            return new Command.Replace(account, requestId, o.id, Math.max(tick, o.price + ticks * tick), quantity);
        }
        if (roll < 95)
        {
            return new Command.Replace(account, requestId, o.id, o.price, open + lot * (1 + random.nextInt(10)));
        }
        return new Command.Replace(account, requestId, o.id, o.price, open);
    }

    private Command adjust()
    {
        final long account = account();
        final int asset = random.nextInt(3) == 0 ? QUOTE : SPECS[instrumentIndex()].baseAsset();
        final long size = account == POOR_ACCOUNT ? 20_000 : 2_000_000;
        final long amount = random.nextBoolean() ? 1 + random.nextLong(size) : -1 - random.nextLong(2 * size);
        return new Command.Adjust(account, asset, amount);
    }

    private Command massCancel()
    {
        final long account = random.nextInt(5) == 0 ? 0 : account();
        final int instrument = account != 0 && random.nextBoolean() ? 0 : instrumentId();
        return new Command.MassCancel(account, instrument, nextClientId++);
    }

    private Command limits()
    {
        final long account = account();
        final int roll = random.nextInt(10);
        if (roll < 2)
        {
            return new Command.Limits(account, MAX, MAX, true);
        }
        if (roll < 5)
        {
            return new Command.Limits(account, MAX, MAX, false);
        }
        if (roll < 6)
        {
            return new Command.Limits(account, MAX, 200_000 + random.nextInt(800_000), false);
        }
        return new Command.Limits(account, 100L * (1 + random.nextInt(50)), MAX, false);
    }
}
