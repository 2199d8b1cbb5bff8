package io.disruptorx.node.cluster;

import io.disruptorx.engine.AdminType;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.engine.sbe.SbeEventDecoder;
import io.disruptorx.node.demo.OrderFlowMix;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The demo's order flow through any {@link VenueClient}: market makers quote around a drifting mid, takers cross
 * with IOC and market orders, makers cancel and move their quotes (the same mix as the embedded demo's traders).
 * It reads the events to learn order ids for its cancels and to count what came back. One thread: the one that
 * polls the client.
 */
public final class ClusterTraders implements VenueEventHandler
{
    /** Quote asset of every instrument. */
    public static final int QUOTE_ASSET = 0;
    private static final long START_PRICE = 10_000;
    private static final long FUNDS = 1_000_000_000_000L;
    private static final int RECENT = 1024;

    private final VenueClient client;
    private final OrderFlowMix mix;
    private final EncodedOrders orders = new EncodedOrders();
    private final int instruments;
    private final int accounts;
    private final long[] recentOrders = new long[RECENT];
    private final long[] recentAccounts = new long[RECENT];
    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[SbeCommandEncoder.MAX_LENGTH]);
    private final SbeEventDecoder decoder = new SbeEventDecoder(new Counts());
    private long recentCount;
    private long nextId;
    private int length;
    private volatile long sent;
    private volatile long accepted;
    private volatile long rejected;
    private volatile long trades;
    private volatile long cancelled;
    private volatile long events;
    private volatile long lastEventNanos;

    /**
     * @param client      the venue.
     * @param seed        flow seed.
     * @param instruments instruments 1..n.
     * @param accounts    accounts 1..n.
     * @param firstId     first client order id (distinct per run, so ids never repeat across runs).
     */
    public ClusterTraders(
        final VenueClient client, final long seed, final int instruments, final int accounts, final long firstId)
    {
        this.client = client;
        this.mix = new OrderFlowMix(seed, instruments, accounts, START_PRICE, true);
        this.instruments = instruments;
        this.accounts = accounts;
        this.nextId = firstId;
    }

    /**
     * Lists the instruments and funds the accounts (an existing cluster refuses the instruments again, harmlessly).
     *
     * @param idle called while a command waits to be taken.
     */
    public void setUp(final Runnable idle)
    {
        for (int i = 1; i <= instruments; i++)
        {
            offer(encoder.addInstrument(command, 0, 0, i, i, QUOTE_ASSET, 1, 1, 2, 0, 0, 1, START_PRICE, 5_000,
                1_000), idle);
        }
        for (long account = 1; account <= accounts; account++)
        {
            fund(account, idle);
        }
    }

    /**
     * Funds an account with every asset of the flow (a trader elsewhere, such as the demo's gateway traders).
     *
     * @param account the account.
     * @param idle    called while a command waits to be taken.
     */
    public void fund(final long account, final Runnable idle)
    {
        offer(encoder.adjustBalance(command, 0, 0, account, QUOTE_ASSET, FUNDS), idle);
        for (int asset = 1; asset <= instruments; asset++)
        {
            offer(encoder.adjustBalance(command, 0, 0, account, asset, FUNDS), idle);
        }
    }

    /**
     * Offers the next command of the flow (the same one again if the last was not taken).
     *
     * @return whether it was taken.
     */
    public boolean step()
    {
        if (length == 0)
        {
            length = mix.next(orders);
        }
        if (client.offer(command, 0, length) > 0)
        {
            length = 0;
            sent++;
            return true;
        }
        return false;
    }

    @Override
    public void onEvent(final long commandSequence, final DirectBuffer buffer, final int offset, final int length)
    {
        events++;
        lastEventNanos = System.nanoTime();
        decoder.onMessage(buffer, offset, length);
    }

    /**
     * @return commands taken.
     */
    public long sent()
    {
        return sent;
    }

    /**
     * @return orders accepted.
     */
    public long accepted()
    {
        return accepted;
    }

    /**
     * @return orders rejected.
     */
    public long rejected()
    {
        return rejected;
    }

    /**
     * @return trades (each seen once).
     */
    public long trades()
    {
        return trades;
    }

    /**
     * @return orders cancelled.
     */
    public long cancelled()
    {
        return cancelled;
    }

    /**
     * @return events received.
     */
    public long events()
    {
        return events;
    }

    /**
     * @return when the last event arrived ({@link System#nanoTime()}), 0 before any.
     */
    public long lastEventNanos()
    {
        return lastEventNanos;
    }

    private void offer(final int length, final Runnable idle)
    {
        while (client.offer(command, 0, length) <= 0)
        {
            idle.run();
        }
        sent++;
    }

    /**
     * The mix's commands encoded into {@link #command}; each returns the encoded length.
     */
    private final class EncodedOrders implements OrderFlowMix.Orders
    {
        @Override
        public int limit(
            final long account, final int instrument, final Side side, final TimeInForce timeInForce,
            final long price, final long quantity)
        {
            return encoder.newOrder(command, 0, 0, account, nextId++, instrument, side, OrderType.LIMIT,
                timeInForce, false, SelfTradePrevention.CANCEL_NEWEST, price, quantity);
        }

        @Override
        public int market(final long account, final int instrument, final Side side, final long quantity)
        {
            return encoder.newOrder(command, 0, 0, account, nextId++, instrument, side, OrderType.MARKET,
                TimeInForce.IOC, false, SelfTradePrevention.CANCEL_NEWEST, 0, quantity);
        }

        @Override
        public int recentOrders()
        {
            return (int)Math.min(recentCount, RECENT);
        }

        @Override
        public boolean mayTouch(final int slot)
        {
            return true;
        }

        @Override
        public int cancel(final int slot)
        {
            return encoder.cancelOrder(command, 0, 0, recentAccounts[slot], nextId++, recentOrders[slot]);
        }

        @Override
        public int replace(final int slot, final long price, final long quantity)
        {
            return encoder.replaceOrder(
                command, 0, 0, recentAccounts[slot], nextId++, recentOrders[slot], price, quantity);
        }
    }

    /**
     * Counts the events and remembers accepted orders for cancels and replaces.
     */
    private final class Counts extends EngineListenerAdapter
    {
        @Override
        public void onOrderAccepted(
            final long timestamp, final long orderId, final long clientOrderId, final long accountId,
            final int instrumentId, final Side side, final OrderType type, final TimeInForce timeInForce,
            final long price, final long quantity)
        {
            accepted++;
            final int slot = (int)(recentCount++ % RECENT);
            recentOrders[slot] = orderId;
            recentAccounts[slot] = accountId;
        }

        @Override
        public void onOrderRejected(
            final long timestamp, final long clientOrderId, final long accountId, final int instrumentId,
            final RejectReason reason)
        {
            rejected++;
        }

        @Override
        public void onTrade(
            final long timestamp, final long tradeId, final int instrumentId, final long price, final long quantity,
            final Side takerSide, final long makerOrderId, final long makerAccountId, final long makerRemaining,
            final long makerFee, final long takerOrderId, final long takerAccountId, final long takerRemaining,
            final long takerFee)
        {
            trades++;
        }

        @Override
        public void onOrderCancelled(
            final long timestamp, final long orderId, final long clientOrderId, final long requestId,
            final long accountId, final int instrumentId, final long cancelledQuantity,
            final io.disruptorx.engine.CancelReason reason)
        {
            cancelled++;
        }

        @Override
        public void onAdminResult(
            final long timestamp, final AdminType type, final long subjectId, final RejectReason result)
        {
        }
    }
}
