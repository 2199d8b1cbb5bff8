package io.disruptorx.engine.sbe;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;

/**
 * Seeded command streams, each command applied with the same arguments to several {@link Commands} targets.
 * Full range: any value of every field. Market: two instruments, four funded accounts, prices near the
 * reference, with a few invalid values mixed in, so an engine trades, rests, cancels and rejects.
 */
final class RandomCommands
{
    static final int INSTRUMENT_A = 1;
    static final int INSTRUMENT_B = 2;

    private final SplittableRandom random;
    private final Commands[] targets;
    private final List<long[]> accepted = new ArrayList<>();
    private EventLog hints;
    private int hintsRead;
    private long timestamp = 1_700_000_000_000_000_000L;
    private long clientId = 1_000;

    RandomCommands(final long seed, final Commands... targets)
    {
        this.random = new SplittableRandom(seed);
        this.targets = targets;
    }

    /**
     * @param log events of one of the targets: cancels and replaces then mostly name live orders of their owner.
     */
    RandomCommands withHints(final EventLog log)
    {
        this.hints = log;
        return this;
    }

    /** Two instruments and four accounts funded in every asset. */
    void setUpMarket()
    {
        final long ts = ++timestamp;
        for (final Commands t : targets)
        {
            t.addInstrument(ts, INSTRUMENT_A, 1, 2, 10, 1, 2, 0, 0, 1, 10_000, 1_000, 500, InstrumentState.TRADING);
            t.addInstrument(ts, INSTRUMENT_B, 3, 2, 5, 10, 2, 1, 1, 2, 5_000, 0, 1_000, InstrumentState.TRADING);
            for (long account = 1; account <= 4; account++)
            {
                for (int asset = 1; asset <= 3; asset++)
                {
                    t.adjustBalance(ts, account, asset, 1_000_000_000L);
                }
            }
        }
    }

    void nextFullRange()
    {
        final SplittableRandom r = random;
        final long ts = r.nextLong();
        switch (r.nextInt(11))
        {
            case 0:
                final long accountId = r.nextLong();
                final long clientOrderId = r.nextLong();
                final int instrumentId = r.nextInt();
                final Side side = orNull(Side.values());
                final OrderType type = orNull(OrderType.values());
                final TimeInForce tif = orNull(TimeInForce.values());
                final boolean postOnly = r.nextBoolean();
                final SelfTradePrevention stp = orNull(SelfTradePrevention.values());
                final long price = r.nextLong();
                final long quantity = r.nextLong();
                for (final Commands t : targets)
                {
                    t.newOrder(ts, accountId, clientOrderId, instrumentId, side, type, tif, postOnly, stp, price,
                        quantity);
                }
                break;
            case 1:
                final long[] cancel = {r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong()};
                for (final Commands t : targets)
                {
                    t.cancelOrder(ts, cancel[0], cancel[1], cancel[2], cancel[3]);
                }
                break;
            case 2:
                final long[] replace =
                    {r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong()};
                for (final Commands t : targets)
                {
                    t.replaceOrder(ts, replace[0], replace[1], replace[2], replace[3], replace[4], replace[5]);
                }
                break;
            case 3:
                final long massAccount = r.nextLong();
                final int massInstrument = r.nextInt();
                final long massRequest = r.nextLong();
                final boolean restoredOnly = r.nextBoolean();
                for (final Commands t : targets)
                {
                    t.massCancel(ts, massAccount, massInstrument, massRequest, restoredOnly);
                }
                break;
            case 4:
                final int[] ints = {r.nextInt(), r.nextInt(), r.nextInt(), r.nextInt(), r.nextInt(), r.nextInt(),
                    r.nextInt()};
                final long[] longs = {r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong()};
                final InstrumentState state = InstrumentState.fromCode(r.nextInt(3));
                for (final Commands t : targets)
                {
                    t.addInstrument(ts, ints[0], ints[1], ints[2], longs[0], longs[1], ints[3], ints[4], longs[2],
                        longs[3], longs[4], ints[5], ints[6], state);
                }
                break;
            case 5:
                final long adjustAccount = r.nextLong();
                final int asset = r.nextInt();
                final long amount = r.nextLong();
                for (final Commands t : targets)
                {
                    t.adjustBalance(ts, adjustAccount, asset, amount);
                }
                break;
            case 6:
                final long[] limits = {r.nextLong(), r.nextLong(), r.nextLong()};
                final boolean killSwitch = r.nextBoolean();
                for (final Commands t : targets)
                {
                    t.setRiskLimits(ts, limits[0], limits[1], limits[2], killSwitch);
                }
                break;
            default:
                instrumentCommand(ts, r.nextInt(), r.nextLong());
                break;
        }
    }

    void nextMarket()
    {
        final SplittableRandom r = random;
        final long ts = ++timestamp;
        final long accountId = pickAccount();
        final int instrumentId = pickInstrument();
        final int kind = r.nextInt(100);
        if (kind < 55)
        {
            final long clientOrderId = ++clientId;
            final Side side = orNull(Side.values());
            final OrderType type = rare() ? null : r.nextInt(100) < 85 ? OrderType.LIMIT : OrderType.MARKET;
            final TimeInForce tif = orNull(TimeInForce.values());
            final boolean postOnly = r.nextInt(10) == 0;
            final SelfTradePrevention stp = orNull(SelfTradePrevention.values());
            final long price = price(instrumentId);
            final long quantity = quantity(instrumentId);
            for (final Commands t : targets)
            {
                t.newOrder(ts, accountId, clientOrderId, instrumentId, side, type, tif, postOnly, stp, price, quantity);
            }
        }
        else if (kind < 68)
        {
            final long[] order = pickOrder(accountId);
            final long requestId = ++clientId;
            // now and then by client order id: a recent one of the account, live or not
            final boolean byClientId = r.nextInt(4) == 0;
            final long orderId = byClientId ? 0 : order[0];
            final long clientOrderId = byClientId ? Math.max(1, clientId - r.nextInt(64)) : 0;
            for (final Commands t : targets)
            {
                t.cancelOrder(ts, byClientId ? accountId : order[1], requestId, orderId, clientOrderId);
            }
        }
        else if (kind < 82)
        {
            final long[] order = pickOrder(accountId);
            final long requestId = ++clientId;
            final int orderInstrument = order[2] == INSTRUMENT_B ? INSTRUMENT_B : INSTRUMENT_A;
            final long price = price(orderInstrument);
            final long quantity = quantity(orderInstrument);
            final boolean byClientId = r.nextInt(4) == 0;
            final long orderId = byClientId ? 0 : order[0];
            final long clientOrderId = byClientId ? Math.max(1, clientId - r.nextInt(64)) : 0;
            for (final Commands t : targets)
            {
                t.replaceOrder(
                    ts, byClientId ? accountId : order[1], requestId, orderId, price, quantity, clientOrderId);
            }
        }
        else if (kind < 85)
        {
            final long massAccount = r.nextBoolean() ? 0 : accountId;
            final int massInstrument = r.nextBoolean() ? 0 : instrumentId;
            final long requestId = ++clientId;
            final boolean restoredOnly = r.nextInt(8) == 0;
            for (final Commands t : targets)
            {
                t.massCancel(ts, massAccount, massInstrument, requestId, restoredOnly);
            }
        }
        else if (kind < 90)
        {
            final int asset = r.nextInt(5);
            final long amount = r.nextLong(-2_000_000L, 2_000_000L);
            for (final Commands t : targets)
            {
                t.adjustBalance(ts, accountId, asset, amount);
            }
        }
        else if (kind < 93)
        {
            final long maxQuantity = rare() ? -1 : r.nextLong(1, 1_000);
            final long maxNotional = r.nextBoolean() ? Long.MAX_VALUE : r.nextLong(1, 100_000_000L);
            final boolean killSwitch = r.nextInt(8) == 0;
            for (final Commands t : targets)
            {
                t.setRiskLimits(ts, accountId, maxQuantity, maxNotional, killSwitch);
            }
        }
        else if (kind < 94)
        {
            final int tick = r.nextInt(1, 20);
            final int newInstrumentId = r.nextInt(0, 9);
            for (final Commands t : targets)
            {
                t.addInstrument(ts, newInstrumentId, 1, 2, tick, 1, 2, 0, 0, 0, 100L * tick, 0, 100,
                    InstrumentState.TRADING);
            }
        }
        else
        {
            instrumentCommand(ts, r.nextInt(4) == 0 ? 0 : instrumentId, clientId);
        }
    }

    private void instrumentCommand(final long ts, final int instrumentId, final long snapshotId)
    {
        final int which = random.nextInt(4);
        for (final Commands t : targets)
        {
            switch (which)
            {
                case 0:
                    t.haltInstrument(ts, instrumentId);
                    break;
                case 1:
                    t.resumeInstrument(ts, instrumentId);
                    break;
                case 2:
                    t.takeSnapshot(ts, snapshotId);
                    break;
                default:
                    t.endOfDay(ts, instrumentId);
                    break;
            }
        }
    }

    /** @return order id, account, instrument: mostly an accepted order and its owner, else anything. */
    private long[] pickOrder(final long accountId)
    {
        if (hints != null)
        {
            final List<String> events = hints.events();
            for (; hintsRead < events.size(); hintsRead++)
            {
                final String event = events.get(hintsRead);
                if (event.startsWith("onOrderAccepted("))
                {
                    final String[] fields = event.substring(event.indexOf('(') + 1).split(", ");
                    accepted.add(new long[] {
                        Long.parseLong(fields[1]), Long.parseLong(fields[3]), Long.parseLong(fields[4])});
                }
            }
        }
        if (!accepted.isEmpty() && random.nextInt(10) < 8)
        {
            final int recent = Math.min(accepted.size(), 20);
            return accepted.get(accepted.size() - 1 - random.nextInt(recent));
        }
        return new long[] {1 + random.nextInt(2 + (int) (clientId - 1_000)), accountId, 0};
    }

    private long pickAccount()
    {
        return rare() ? (random.nextBoolean() ? 0 : 77) : random.nextInt(1, 5);
    }

    private int pickInstrument()
    {
        return rare() ? (random.nextBoolean() ? 0 : 7) : (random.nextBoolean() ? INSTRUMENT_A : INSTRUMENT_B);
    }

    private long price(final int instrumentId)
    {
        if (rare())
        {
            return random.nextBoolean() ? -10 : 10_003;
        }
        return instrumentId == INSTRUMENT_B ?
            5_000 + 5L * random.nextInt(-10, 11) :
            10_000 + 10L * random.nextInt(-10, 11);
    }

    private long quantity(final int instrumentId)
    {
        if (rare())
        {
            return random.nextBoolean() ? 0 : 3;
        }
        return (instrumentId == INSTRUMENT_B ? 10L : 1L) * random.nextInt(1, 6);
    }

    private boolean rare()
    {
        return random.nextInt(50) == 0;
    }

    private <T> T orNull(final T[] values)
    {
        return random.nextInt(50) == 0 ? null : values[random.nextInt(values.length)];
    }
}
