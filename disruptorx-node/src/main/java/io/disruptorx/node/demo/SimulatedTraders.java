package io.disruptorx.node.demo;

import java.util.Arrays;
import java.util.SplittableRandom;

import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.node.embedded.NodeClient;

/**
 * A seeded order flow for the demo: market makers quote around a drifting mid, takers cross the spread
 * with IOC and market orders, and makers cancel and move their quotes. The host side of the demo, so it
 * may use a random generator; the engine never sees it, only the commands. Runs on one producer thread.
 */
public final class SimulatedTraders
{
    /** Quote asset of every demo instrument. */
    public static final int QUOTE_ASSET = 0;
    static final long START_PRICE = 10_000;
    static final long FUNDS = 1_000_000_000_000L;

    private final NodeClient client;
    private final DemoStats stats;
    private final SplittableRandom random;
    private final int instruments;
    private final int accounts;
    private final long[] mid;
    private long clientOrderId;

    /**
     * @param firstClientOrderId client order ids start above it: a recovered venue's resting orders keep theirs,
     *                           and the engine refuses a live one twice.
     */
    SimulatedTraders(
        final NodeClient client,
        final DemoStats stats,
        final long seed,
        final int instruments,
        final int accounts,
        final long firstClientOrderId)
    {
        this.clientOrderId = firstClientOrderId;
        this.client = client;
        this.stats = stats;
        this.random = new SplittableRandom(seed);
        this.instruments = instruments;
        this.accounts = accounts;
        this.mid = new long[instruments + 1];
        Arrays.fill(mid, START_PRICE);
    }

    /**
     * Lists the instruments and funds the accounts.
     */
    void setUp()
    {
        for (int i = 1; i <= instruments; i++)
        {
            client.addInstrument(i, i, QUOTE_ASSET, 1, 1, 2, 0, 0, 1, START_PRICE, 5_000, 1_000);
        }
        for (long account = 1; account <= accounts; account++)
        {
            client.adjustBalance(account, QUOTE_ASSET, FUNDS);
            for (int asset = 1; asset <= instruments; asset++)
            {
                client.adjustBalance(account, asset, FUNDS);
            }
        }
    }

    /**
     * Sends one command.
     */
    void step()
    {
        final int instrument = 1 + random.nextInt(instruments);
        final long account = 1 + random.nextInt(accounts);
        final int action = random.nextInt(100);
        if (action < 2)
        {
            mid[instrument] = Math.max(100, mid[instrument] + random.nextInt(-5, 6));
        }
        final long quantity = 1 + random.nextInt(100);
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        if (action < 40)
        {
            final long offset = 1 + random.nextInt(20);
            final long price = side == Side.BUY ? mid[instrument] - offset : mid[instrument] + offset;
            client.newOrder(account, ++clientOrderId, instrument, side, OrderType.LIMIT, TimeInForce.GTC,
                false, SelfTradePrevention.CANCEL_NEWEST, price, quantity);
        }
        else if (action < 52)
        {
            final long price = side == Side.BUY ? mid[instrument] + 2 : mid[instrument] - 2;
            client.newOrder(account, ++clientOrderId, instrument, side, OrderType.LIMIT, TimeInForce.IOC,
                false, SelfTradePrevention.CANCEL_NEWEST, price, quantity);
        }
        else if (action < 55)
        {
            client.newOrder(account, ++clientOrderId, instrument, side, OrderType.MARKET, TimeInForce.IOC,
                false, SelfTradePrevention.CANCEL_NEWEST, 0, quantity);
        }
        else if (stats.recentCount > 0)
        {
            final int slot = random.nextInt((int)Math.min(stats.recentCount, DemoStats.RECENT));
            final long orderId = stats.recentOrderIds.get(slot);
            final long owner = stats.recentOrderAccounts.get(slot);
            if (owner > accounts)
            {
                // an order of a gateway user (the traders over sockets, or dx order): not ours to touch
                return;
            }
            if (action < 88)
            {
                client.cancelOrder(owner, ++clientOrderId, orderId);
            }
            else
            {
                final long offset = 1 + random.nextInt(20);
                final long price = random.nextBoolean() ? mid[instrument] - offset : mid[instrument] + offset;
                client.replaceOrder(owner, ++clientOrderId, orderId, price, quantity);
            }
        }
    }
}
