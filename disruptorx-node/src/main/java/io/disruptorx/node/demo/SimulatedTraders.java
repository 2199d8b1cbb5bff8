package io.disruptorx.node.demo;

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
    private final OrderFlowMix mix;
    private final ClientOrders orders = new ClientOrders();
    private final int instruments;
    private final int accounts;
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
        this.mix = new OrderFlowMix(seed, instruments, accounts, START_PRICE, false);
        this.instruments = instruments;
        this.accounts = accounts;
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
        mix.next(orders);
    }

    /**
     * The mix's commands as node client calls; orders of gateway users (the traders over sockets, or dx order)
     * are not ours to touch.
     */
    private final class ClientOrders implements OrderFlowMix.Orders
    {
        private long orderId;
        private long owner;

        @Override
        public int limit(
            final long account, final int instrument, final Side side, final TimeInForce timeInForce,
            final long price, final long quantity)
        {
            client.newOrder(account, ++clientOrderId, instrument, side, OrderType.LIMIT, timeInForce,
                false, SelfTradePrevention.CANCEL_NEWEST, price, quantity);
            return 0;
        }

        @Override
        public int market(final long account, final int instrument, final Side side, final long quantity)
        {
            client.newOrder(account, ++clientOrderId, instrument, side, OrderType.MARKET, TimeInForce.IOC,
                false, SelfTradePrevention.CANCEL_NEWEST, 0, quantity);
            return 0;
        }

        @Override
        public int recentOrders()
        {
            return (int)Math.min(stats.recentCount, DemoStats.RECENT);
        }

        @Override
        public boolean mayTouch(final int slot)
        {
            orderId = stats.recentOrderIds.get(slot);
            owner = stats.recentOrderAccounts.get(slot);
            return owner <= accounts;
        }

        @Override
        public int cancel(final int slot)
        {
            client.cancelOrder(owner, ++clientOrderId, orderId);
            return 0;
        }

        @Override
        public int replace(final int slot, final long price, final long quantity)
        {
            client.replaceOrder(owner, ++clientOrderId, orderId, price, quantity);
            return 0;
        }
    }
}
