package io.disruptorx.node.feed;

import java.util.SplittableRandom;

import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;

/**
 * A seeded random order flow for a real {@link MatchingEngine}: limit orders around a drifting mid, some
 * crossing; cancels; replaces; market IOC orders; now and then a halt and resume.
 */
final class OrderFlow
{
    static final int INSTRUMENTS = 3;
    private static final int ACCOUNTS = 8;
    private static final int QUOTE = 0;

    private final MatchingEngine engine;
    private final SplittableRandom random;
    private final long[] mids = new long[INSTRUMENTS + 1];
    private long timestamp;
    private long clientOrderId;

    OrderFlow(final MatchingEngine engine, final long seed)
    {
        this.engine = engine;
        this.random = new SplittableRandom(seed);
        for (int instrument = 1; instrument <= INSTRUMENTS; instrument++)
        {
            engine.addInstrument(++timestamp, instrument, instrument, QUOTE, 1, 1, 2, 0, 0, 0, 10_000, 0, 5_000);
            mids[instrument] = 10_000;
        }
        for (long account = 1; account <= ACCOUNTS; account++)
        {
            engine.adjustBalance(++timestamp, account, QUOTE, 1_000_000_000_000L);
            for (int asset = 1; asset <= INSTRUMENTS; asset++)
            {
                engine.adjustBalance(++timestamp, account, asset, 1_000_000_000L);
            }
        }
    }

    /**
     * Runs one random command.
     */
    void step()
    {
        final int instrument = 1 + random.nextInt(INSTRUMENTS);
        final long account = 1 + random.nextInt(ACCOUNTS);
        final int dice = random.nextInt(100);
        final long nextOrderId = Math.max(1, engine.nextFeedSequence());
        if (dice < 60)
        {
            final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            final long offset = random.nextInt(40) - 8;
            final long price = Math.max(1, side == Side.BUY ? mids[instrument] - offset : mids[instrument] + offset);
            engine.newOrder(++timestamp, account, ++clientOrderId, instrument, side, OrderType.LIMIT, TimeInForce.GTC,
                false, SelfTradePrevention.NONE, price, 1 + random.nextInt(50));
            mids[instrument] = Math.max(100, mids[instrument] + random.nextInt(3) - 1);
        }
        else if (dice < 80)
        {
            engine.cancelOrder(++timestamp, account, ++clientOrderId, 1 + random.nextLong(Math.max(1, nextOrderId)));
        }
        else if (dice < 92)
        {
            final long orderId = 1 + random.nextLong(Math.max(1, nextOrderId));
            engine.replaceOrder(++timestamp, account, ++clientOrderId, orderId,
                mids[instrument] + random.nextInt(30) - 15, 1 + random.nextInt(50));
        }
        else if (dice < 99)
        {
            engine.newOrder(++timestamp, account, ++clientOrderId, instrument,
                random.nextBoolean() ? Side.BUY : Side.SELL, OrderType.MARKET, TimeInForce.IOC,
                false, SelfTradePrevention.NONE, 0, 1 + random.nextInt(30));
        }
        else if (random.nextBoolean())
        {
            engine.haltInstrument(++timestamp, instrument);
        }
        else
        {
            engine.resumeInstrument(++timestamp, instrument);
        }
    }
}
