package io.disruptorx.shard.support;

import java.util.ArrayList;
import java.util.List;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.gateway.support.EngineVenue;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.venue.ShardedVenueClient;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Shards for tests: one real engine per shard behind an in-process venue client ({@link EngineVenue}), a
 * {@link ShardedVenueClient} in front, and an encoder for commands. Instruments have base asset 1 and quote asset 2,
 * tick 1, lot 1, no fees, reference price 100 and no band.
 */
public final class ShardedVenue
{
    public static final int BASE = 1;
    public static final int QUOTE = 2;

    private final List<EngineVenue> venues = new ArrayList<>();
    private final ShardedVenueClient client;
    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final EventRecorder recorder = new EventRecorder();

    /**
     * @param table routing table; one engine per shard it names.
     */
    public ShardedVenue(final RoutingTable table)
    {
        for (int i = 0; i < table.shardCount(); i++)
        {
            venues.add(new EngineVenue(new EngineConfig(4096, 8, 1 << 16, 1024, 0,
                io.disruptorx.engine.PostOnlyMode.REJECT)));
        }
        client = new ShardedVenueClient(table, venues.toArray(new EngineVenue[0]));
    }

    /**
     * @param shards number of shards, named shard-0, shard-1, ...
     * @return the venue with version 1 of the ring's table.
     */
    public static ShardedVenue of(final int shards)
    {
        final List<String> names = new ArrayList<>();
        for (int i = 0; i < shards; i++)
        {
            names.add("shard-" + i);
        }
        return new ShardedVenue(RoutingTable.initial(names, 4096));
    }

    public ShardedVenueClient client()
    {
        return client;
    }

    public EngineVenue venue(final int shard)
    {
        return venues.get(shard);
    }

    public MatchingEngine engine(final int shard)
    {
        return venues.get(shard).engine();
    }

    public int shards()
    {
        return venues.size();
    }

    public EventRecorder recorder()
    {
        return recorder;
    }

    /**
     * Delivers every waiting event to the recorder.
     *
     * @return the events delivered.
     */
    public int drain()
    {
        int total = 0;
        int delivered;
        do
        {
            delivered = client.poll(recorder, 100);
            total += delivered;
        }
        while (delivered > 0);
        return total;
    }

    public long addInstrument(final int instrumentId)
    {
        final int length = encoder.addInstrument(buffer, 0, 0, instrumentId, BASE, QUOTE, 1, 1, 0, 0, 0, 0, 100, 0,
            10_000);
        return client.offer(buffer, 0, length);
    }

    /**
     * Deposits on every shard straight into its engine (set-up, not through the client).
     */
    public void fundEverywhere(final long accountId, final int asset, final long amount)
    {
        for (final EngineVenue venue : venues)
        {
            venue.engine().adjustBalance(venue.nextTimestamp(), accountId, asset, amount);
        }
    }

    public long adjustBalance(final long accountId, final int asset, final long amount)
    {
        return client.offer(buffer, 0, encoder.adjustBalance(buffer, 0, 0, accountId, asset, amount));
    }

    public long limit(
        final long accountId, final long clientOrderId, final int instrumentId, final Side side, final long price,
        final long quantity)
    {
        final int length = encoder.newOrder(buffer, 0, 0, accountId, clientOrderId, instrumentId, side,
            OrderType.LIMIT, TimeInForce.GTC, false, SelfTradePrevention.NONE, price, quantity);
        return client.offer(buffer, 0, length);
    }

    public long cancel(final long accountId, final long requestId, final long orderId, final long clientOrderId)
    {
        return client.offer(buffer, 0, encoder.cancelOrder(buffer, 0, 0, accountId, requestId, orderId,
            clientOrderId));
    }

    public long replace(
        final long accountId, final long requestId, final long orderId, final long price, final long quantity)
    {
        return client.offer(buffer, 0, encoder.replaceOrder(buffer, 0, 0, accountId, requestId, orderId, price,
            quantity));
    }

    public long massCancel(final long accountId, final int instrumentId, final long requestId)
    {
        return client.offer(buffer, 0, encoder.massCancel(buffer, 0, 0, accountId, instrumentId, requestId));
    }

    public long setRiskLimits(final long accountId, final long maxQuantity, final boolean killSwitch)
    {
        return client.offer(buffer, 0, encoder.setRiskLimits(buffer, 0, 0, accountId, maxQuantity, Long.MAX_VALUE,
            killSwitch));
    }

    public long endOfDay(final int instrumentId)
    {
        return client.offer(buffer, 0, encoder.endOfDay(buffer, 0, 0, instrumentId));
    }
}
