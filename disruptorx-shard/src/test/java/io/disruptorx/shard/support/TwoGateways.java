package io.disruptorx.shard.support;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import io.disruptorx.engine.InstrumentMoves;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeBookExport;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.gateway.support.EngineVenue;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import io.disruptorx.shard.move.MovingVenueClient;
import io.disruptorx.shard.move.ShardMover;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.RoutingTableStore;
import io.disruptorx.shard.routing.ShardIds;
import io.disruptorx.shard.venue.ShardedVenueClient;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static io.disruptorx.shard.support.ShardedVenue.BASE;
import static io.disruptorx.shard.support.ShardedVenue.QUOTE;

/**
 * Real engines (one per shard) with two gateways in front of them, as two {@code dx shard-gateway} processes over the
 * shard links: each gateway is a {@link MovingVenueClient} (a {@link ShardedVenueClient} with its {@link ShardMover})
 * with its own routing table file and move journal, both started from the same table. A shard applies each command
 * when a gateway offers it (in the order they arrive, whichever gateway sends it) and hands every event to both
 * gateways, each in its own queue, as a shard host's node hands every event to every link. A gateway's events from a
 * shard can be held back ({@link #lag}, {@link #lagBefore}) to model a link that is behind, and its commands to a
 * shard pushed back ({@link #pushBack}) to model a link whose send buffer is full. More than two gateways may be
 * asked for; one may be stopped for good ({@link #stop}) or started as a new process that sees no earlier event
 * ({@link #startLate}).
 */
public final class TwoGateways
{
    private final List<Shard> shards = new ArrayList<>();
    private final Path directory;
    private final Gateway[] gateways;
    private final SbeBookExport export = new SbeBookExport();
    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private Runnable afterRead = () ->
    {
    };

    /**
     * @param count     shards.
     * @param directory for the gateways' tables and journals.
     */
    public TwoGateways(final int count, final Path directory)
    {
        this(count, directory, 2);
    }

    /**
     * @param count     shards.
     * @param directory for the gateways' tables and journals.
     * @param gateways  gateways in front of them, ids 0 to {@code gateways - 1}.
     */
    public TwoGateways(final int count, final Path directory, final int gateways)
    {
        this.directory = directory;
        this.gateways = new Gateway[gateways];
        final List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            names.add("shard-" + i);
            shards.add(new Shard(new EngineVenue(MovingShards.CONFIG), gateways));
        }
        for (int g = 0; g < gateways; g++)
        {
            new RoutingTableStore(directory.resolve("routes-" + g + ".txt")).save(RoutingTable.initial(names, 64));
            restart(g);
        }
    }

    /**
     * Stops gateway {@code g} (its client and mover) and starts it again from its stored table and journal.
     */
    public void restart(final int g)
    {
        if (gateways[g] != null && !gateways[g].stopped[0])
        {
            gateways[g].moving.close();
        }
        final VenueClient[] links = new VenueClient[shards.size()];
        for (int i = 0; i < links.length; i++)
        {
            links[i] = shards.get(i).link(g);
        }
        final RoutingTableStore store = new RoutingTableStore(directory.resolve("routes-" + g + ".txt"));
        final ShardedVenueClient client = new ShardedVenueClient(store.load().orElseThrow(), links);
        final ShardMover.BookSource direct = (shard, instrumentId, timestamp, firstTransferId, piece) ->
        {
            final int length = export.write(engine(shard), instrumentId, timestamp, firstTransferId, piece, 0);
            afterRead.run();
            return length;
        };
        final long[] clock = {1};
        final ShardMover mover = new ShardMover(client, direct, store, directory.resolve("moves-" + g + ".journal"),
            () -> clock[0]++);
        gateways[g] = new Gateway(client, mover, new MovingVenueClient(client, mover).gatewayId(g),
            new EventRecorder(), new boolean[1]);
    }

    /**
     * @param action runs right after each book read, before the mover sends MoveOut.
     */
    public void afterRead(final Runnable action)
    {
        afterRead = action;
    }

    public ShardedVenueClient client(final int g)
    {
        return gateways[g].client;
    }

    public ShardMover mover(final int g)
    {
        return gateways[g].mover;
    }

    public MovingVenueClient gateway(final int g)
    {
        return gateways[g].moving;
    }

    public EventRecorder recorder(final int g)
    {
        return gateways[g].recorder;
    }

    public MatchingEngine engine(final int shard)
    {
        return shards.get(shard).venue.engine();
    }

    /**
     * @param lagging whether gateway {@code g} receives no events of the shard from now on (they wait for it).
     */
    public void lag(final int g, final int shard, final boolean lagging)
    {
        shards.get(shard).lagging[g] = lagging;
    }

    /**
     * Lets gateway {@code g} read the shard's events up to, not including, the first that matches; it lags from there.
     */
    public void lagBefore(final int g, final int shard, final EventMatch stop)
    {
        shards.get(shard).stopBefore[g] = stop;
        shards.get(shard).lagging[g] = false;
    }

    /**
     * @param full whether the shard pushes back every command gateway {@code g} offers it from now on.
     */
    public void pushBack(final int g, final int shard, final boolean full)
    {
        shards.get(shard).full[g] = full;
    }

    /**
     * One duty cycle of gateway {@code g}: its mover works and it delivers what events it has to its recorder.
     *
     * @return events delivered.
     */
    public int poll(final int g)
    {
        return gateways[g].stopped[0] ? 0 : gateways[g].moving.poll(gateways[g].recorder, 100);
    }

    /**
     * Stops gateway {@code g} (its client and mover) for good, as a host that is gone: it is polled no more (its
     * events wait for a {@link #restart}).
     */
    public void stop(final int g)
    {
        gateways[g].moving.close();
        gateways[g].stopped[0] = true;
    }

    /**
     * Starts gateway {@code g} again as a new process with a new link to each shard: it sees none of the events
     * the shards sent before (those waiting for it are dropped), only its stored table and journal.
     */
    public void startLate(final int g)
    {
        if (!gateways[g].stopped[0])
        {
            stop(g);
        }
        for (final Shard shard : shards)
        {
            shard.venue.poll(shard::fanOut, Integer.MAX_VALUE);
            shard.queues.get(g).clear();
        }
        restart(g);
    }

    /**
     * Runs every running gateway's duty cycle until none delivers anything three cycles in a row.
     */
    public void pump()
    {
        int quiet = 0;
        int rounds = 0;
        while (quiet < 3)
        {
            int delivered = 0;
            for (int g = 0; g < gateways.length; g++)
            {
                delivered += poll(g);
            }
            quiet = delivered == 0 ? quiet + 1 : 0;
            if (++rounds > 100_000)
            {
                throw new IllegalStateException("events keep coming");
            }
        }
    }

    /**
     * @return the account's asset over all shards: balances plus what is in flight.
     */
    public long total(final long accountId, final int assetId)
    {
        long total = 0;
        for (final Shard shard : shards)
        {
            total += shard.venue.engine().balance(accountId, assetId) +
                shard.venue.engine().inFlight(accountId, assetId);
        }
        return total;
    }

    /**
     * Deposits each account's base and quote assets on every shard and adds the instruments (tick and lot 1, no fees,
     * reference price 1,000, price band 10,000 bps), all through gateway 0.
     *
     * @param accounts    the accounts.
     * @param base        base asset deposited per account and shard.
     * @param quote       quote asset deposited per account and shard.
     * @param instruments the instruments.
     */
    public void fundAndList(final long[] accounts, final long base, final long quote, final int... instruments)
    {
        for (int shard = 0; shard < shards.size(); shard++)
        {
            for (final long account : accounts)
            {
                client(0).offerTo(shard, buffer, 0, encoder.adjustBalance(buffer, 0, 0, account, BASE, base));
                client(0).offerTo(shard, buffer, 0, encoder.adjustBalance(buffer, 0, 0, account, QUOTE, quote));
            }
        }
        for (final int instrument : instruments)
        {
            gateway(0).offer(buffer, 0, encoder.addInstrument(buffer, 0, 0, instrument, BASE, QUOTE, 1, 1, 0, 0,
                0, 0, 1_000, 0, 10_000));
        }
    }

    /**
     * Sends a GTC limit order without self-trade prevention through gateway {@code g}.
     *
     * @throws AssertionError when the gateway does not take it.
     */
    public void order(
        final int g, final long account, final long clientOrderId, final int instrument, final Side side,
        final long price, final long quantity)
    {
        if (gateway(g).offer(buffer, 0, encoder.newOrder(buffer, 0, 0, account, clientOrderId, instrument, side,
            OrderType.LIMIT, TimeInForce.GTC, false, SelfTradePrevention.NONE, price, quantity)) <= 0)
        {
            throw new AssertionError("gateway " + g + " did not take order " + clientOrderId);
        }
    }

    /**
     * @return the instrument's resting orders on the shard, as global ids, in priority order.
     */
    public List<Long> book(final int shard, final int instrument)
    {
        final List<Long> ids = new ArrayList<>();
        engine(shard).moves().visitBook(instrument, new Orders(shard, ids));
        return ids;
    }

    /**
     * @return the instrument's resting orders on the shard, or -1 when the shard does not have the instrument.
     */
    public int orderCount(final int shard, final int instrument)
    {
        return engine(shard).moves().visitBook(instrument, new Orders(shard, new ArrayList<>()));
    }

    /**
     * @return the lowest instrument id (1 to 63) the table routes to the shard.
     */
    public static int instrumentOn(final RoutingTable table, final int shard)
    {
        for (int id = 1; id < 64; id++)
        {
            if (table.shardOf(id) == shard)
            {
                return id;
            }
        }
        throw new AssertionError("no instrument on shard " + shard);
    }

    /**
     * Collects a book's orders as global ids, in priority order.
     */
    private record Orders(int shard, List<Long> ids) implements InstrumentMoves.BookVisitor
    {
        @Override
        public void onInstrument(
            final int id, final int baseAssetId, final int quoteAssetId, final long tickSize, final long lotSize,
            final int priceScale, final int quantityScale, final long makerFeePerLot, final long takerFeePerLot,
            final long referencePrice, final int priceBandBps, final int marketProtectionBps)
        {
        }

        @Override
        public void onOrder(
            final long orderId, final long accountId, final long clientOrderId, final Side side,
            final TimeInForce timeInForce, final long price, final long openQuantity, final long entryTime,
            final int heldAssetId, final long hold)
        {
            ids.add(ShardIds.global(shard, orderId));
        }
    }

    private record Gateway(
        ShardedVenueClient client, ShardMover mover, MovingVenueClient moving, EventRecorder recorder,
        boolean[] stopped)
    {
    }

    private static final class Shard
    {
        private final EngineVenue venue;
        private final List<ArrayDeque<Event>> queues = new ArrayList<>();
        private final boolean[] lagging;
        private final boolean[] full;
        private final EventMatch[] stopBefore;

        Shard(final EngineVenue venue, final int gateways)
        {
            this.venue = venue;
            this.lagging = new boolean[gateways];
            this.full = new boolean[gateways];
            this.stopBefore = new EventMatch[gateways];
            for (int g = 0; g < gateways; g++)
            {
                queues.add(new ArrayDeque<>());
            }
        }

        void fanOut(final long sequence, final DirectBuffer events, final int offset, final int length)
        {
            final byte[] copy = new byte[length];
            events.getBytes(offset, copy);
            for (final ArrayDeque<Event> queue : queues)
            {
                queue.add(new Event(sequence, copy));
            }
        }

        VenueClient link(final int g)
        {
            return new VenueClient()
            {
                @Override
                public long offer(final DirectBuffer buffer, final int offset, final int length)
                {
                    return full[g] ? VenueClient.BACK_PRESSURED : venue.offer(buffer, offset, length);
                }

                @Override
                public int poll(final VenueEventHandler handler, final int limit)
                {
                    venue.poll(Shard.this::fanOut, Integer.MAX_VALUE);
                    int delivered = 0;
                    final ArrayDeque<Event> queue = queues.get(g);
                    while (!lagging[g] && delivered < limit && !queue.isEmpty())
                    {
                        final EventMatch stop = stopBefore[g];
                        final byte[] next = queue.peek().bytes;
                        if (stop != null && stop.matches(new UnsafeBuffer(next), next.length))
                        {
                            lagging[g] = true;
                            stopBefore[g] = null;
                            break;
                        }
                        final Event event = queue.poll();
                        handler.onEvent(event.sequence, new UnsafeBuffer(event.bytes), 0, event.bytes.length);
                        delivered++;
                    }
                    return delivered;
                }

                @Override
                public void close()
                {
                }
            };
        }
    }

    private record Event(long sequence, byte[] bytes)
    {
    }

    /**
     * Picks an event (header at offset 0).
     */
    @FunctionalInterface
    public interface EventMatch
    {
        boolean matches(DirectBuffer event, int length);
    }
}
