package io.disruptorx.shard.support;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.InstrumentMoves;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.PostOnlyMode;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeBookExport;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.protocol.sbe.event.BookReadDecoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import io.disruptorx.shard.move.ShardMover;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.RoutingTableStore;
import io.disruptorx.shard.routing.ShardIds;
import io.disruptorx.shard.venue.ShardedVenueClient;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Shards that crash ({@link CrashableShard}) behind a gate that can stop taking commands, a sharded client on a
 * stored routing table, and a {@link ShardMover} on a journal: {@link #restartGateway} drops client and mover and
 * builds them again from the stored table and the journal, as a restarted gateway does. The mover reads books from
 * the source engine directly (a {@link ShardMover.BookSource}), or, made {@link #readingBooksByEvents}, through the
 * engine's own events (ReadBook), as it reads a cluster shard's.
 */
public final class MovingShards
{
    /**
     * Told of every command a shard took through the gate, right after the shard applied it.
     */
    @FunctionalInterface
    public interface Taken
    {
        void taken(int shard, DirectBuffer buffer, int offset, int length);
    }

    /**
     * Picks the events {@link #pump} withholds ({@link #withhold}).
     */
    @FunctionalInterface
    public interface Withheld
    {
        /**
         * @param shard  the shard that emitted the event.
         * @param buffer holding it, as the client hands it on (ids and sequences global).
         * @param offset of its header.
         * @param length of header and body.
         * @return whether nobody of the gateway sees it.
         */
        boolean withheld(int shard, DirectBuffer buffer, int offset, int length);
    }

    public static final EngineConfig CONFIG = new EngineConfig(64, 4, 1 << 14, 1024, 0, PostOnlyMode.REJECT);

    private final List<CrashableShard> shards = new ArrayList<>();
    private final RoutingTableStore store;
    private final Path journal;
    private final EventRecorder recorder = new EventRecorder();
    private final SbeBookExport export = new SbeBookExport();
    private ShardedVenueClient client;
    private ShardMover mover;
    private long budget = Long.MAX_VALUE;
    private long clock = 1;
    private Runnable afterRead = () ->
    {
    };
    private boolean byEvents;
    private boolean withMoveOut;
    private VenueEventHandler listener = (sequence, buffer, offset, length) ->
    {
    };
    private Taken taken = (shard, buffer, offset, length) ->
    {
    };
    private Withheld withheld = (shard, buffer, offset, length) -> false;

    /**
     * @param count     shards.
     * @param directory for the routing table and the mover's journal.
     */
    public MovingShards(final int count, final Path directory)
    {
        final List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            names.add("shard-" + i);
            shards.add(new CrashableShard(CONFIG));
        }
        store = new RoutingTableStore(directory.resolve("routes.txt"));
        store.save(RoutingTable.initial(names, 64));
        journal = directory.resolve("moves.journal");
        restartGateway();
    }

    /**
     * Has the mover read every book through the engine's events from now on (the gateway restarts).
     *
     * @return this.
     */
    public MovingShards readingBooksByEvents()
    {
        byEvents = true;
        restartGateway();
        return this;
    }

    public ShardedVenueClient client()
    {
        return client;
    }

    public ShardMover mover()
    {
        return mover;
    }

    public EventRecorder recorder()
    {
        return recorder;
    }

    public MatchingEngine engine(final int shard)
    {
        return shards.get(shard).engine();
    }

    public int count()
    {
        return shards.size();
    }

    /**
     * @return every command the shard took, in order (its log, for a replay).
     */
    public List<byte[]> log(final int shard)
    {
        return shards.get(shard).log();
    }

    /**
     * @param action runs right after each book read, before the mover sends anything more (a change of the source's
     *               book between the read and MoveOut); read by events: when the read's first event arrives (the
     *               mover sends MoveOut after its last).
     */
    public void afterRead(final Runnable action)
    {
        afterRead = action;
    }

    /**
     * @param listener receives every event {@link #pump} delivers, after the recorder, as the client hands it on
     *                 (execution events and market data of every shard, ids and sequences global).
     */
    public void listen(final VenueEventHandler listener)
    {
        this.listener = listener;
    }

    /**
     * @param action told of every command a shard takes through the gate, right after the shard applied it (before
     *               the gate takes another).
     */
    public void afterTaken(final Taken action)
    {
        taken = action;
    }

    /**
     * @param events the events {@link #pump} drops from now on, before the recorder, the listener and the mover see
     *               them, as a crash right before their delivery loses them (a shard's events after one it withholds
     *               still come); {@code (shard, buffer, offset, length) -> false} delivers every event again.
     */
    public void withhold(final Withheld events)
    {
        withheld = events;
    }

    /**
     * Offers a command to one shard past the gate (as another gateway would): it counts against no budget.
     */
    public long offerPastGate(final int shard, final DirectBuffer buffer, final int offset, final int length)
    {
        return shards.get(shard).offer(buffer, offset, length);
    }

    /**
     * @param commands how many more commands the shards take in all before refusing (back-pressure).
     */
    public void budget(final long commands)
    {
        budget = commands;
    }

    /**
     * Delivers waiting events to the recorder and the mover, and lets the mover work, until nothing moves.
     */
    public void pump()
    {
        final VenueEventHandler both = (sequence, buffer, offset, length) ->
        {
            if (withheld.withheld(ShardIds.shardOf(sequence), buffer, offset, length))
            {
                return;
            }
            if (byEvents && length >= MessageHeaderDecoder.ENCODED_LENGTH &&
                buffer.getShort(offset + MessageHeaderDecoder.templateIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN) ==
                BookReadDecoder.TEMPLATE_ID)
            {
                afterRead.run();
            }
            recorder.onEvent(sequence, buffer, offset, length);
            listener.onEvent(sequence, buffer, offset, length);
            mover.onEvent(sequence, buffer, offset, length);
        };
        int rounds = 0;
        while (client.poll(both, 100) + mover.doWork() > 0)
        {
            if (++rounds > 1_000_000)
            {
                throw new IllegalStateException("events and moves keep coming");
            }
        }
    }

    /**
     * Every shard restarts from its log (undelivered events are lost); then the gateway restarts.
     */
    public void crashEverything()
    {
        shards.forEach(CrashableShard::crash);
        restartGateway();
    }

    /**
     * Drops the client and the mover and builds them again from the stored routing table and the journal.
     */
    public void restartGateway()
    {
        if (mover != null)
        {
            mover.close();
        }
        final VenueClient[] gated = new VenueClient[shards.size()];
        for (int i = 0; i < gated.length; i++)
        {
            final CrashableShard shard = shards.get(i);
            final int index = i;
            gated[i] = new VenueClient()
            {
                @Override
                public long offer(final DirectBuffer buffer, final int offset, final int length)
                {
                    if (budget <= 0)
                    {
                        return BACK_PRESSURED;
                    }
                    final long result = shard.offer(buffer, offset, length);
                    if (result > 0)
                    {
                        budget--;
                        taken.taken(index, buffer, offset, length);
                    }
                    return result;
                }

                @Override
                public int poll(final VenueEventHandler handler, final int limit)
                {
                    return shard.poll(handler, limit);
                }

                @Override
                public void close()
                {
                }
            };
        }
        client = new ShardedVenueClient(store.load().orElseThrow(), gated);
        final ShardMover.BookSource direct = (shard, instrumentId, timestamp, firstTransferId, piece) ->
        {
            final int length = export.write(engine(shard), instrumentId, timestamp, firstTransferId, piece, 0);
            afterRead.run();
            return length;
        };
        mover = new ShardMover(client, byEvents ? null : direct, store, journal, () -> clock++);
        mover.restoresWithMoveOut(withMoveOut);
    }

    /**
     * Has the mover, now and after each restart, send a move's restores with MoveOut (a single gateway's opt-in)
     * instead of after its answer.
     */
    public void restoresWithMoveOut()
    {
        withMoveOut = true;
        mover.restoresWithMoveOut(true);
    }

    /**
     * @return the orders of the instrument resting on the shard, as global ids in priority order (bids best level
     * first, then asks, each level oldest first) with price, quantity and side: {id, price, quantity, side (0 buy,
     * 1 sell)} each.
     */
    public List<long[]> book(final int shard, final int instrumentId)
    {
        final List<long[]> orders = new ArrayList<>();
        engine(shard).moves().visitBook(instrumentId, bookOf(shard, orders));
        return orders;
    }

    /**
     * @return whether the shard's engine has the instrument.
     */
    public boolean lists(final int shard, final int instrumentId)
    {
        return engine(shard).moves().visitBook(instrumentId, bookOf(shard, new ArrayList<>())) >= 0;
    }

    private static InstrumentMoves.BookVisitor bookOf(final int shard, final List<long[]> orders)
    {
        return new InstrumentMoves.BookVisitor()
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
                orders.add(new long[]{ShardIds.global(shard, orderId), price, openQuantity, side == Side.BUY ? 0 : 1});
            }
        };
    }

    /**
     * Deposits both assets into accounts {@code 1 .. accounts} on every shard, lists instruments
     * {@code 1 .. instruments} (base and quote, tick and lot 1, up to 1,000 lots, price band 10,000 bps) where the
     * table routes them, delivers it all and clears the recorder.
     */
    public void fundAndList(
        final int accounts, final int baseAssetId, final long baseDeposit, final int quoteAssetId,
        final long quoteDeposit, final int instruments)
    {
        final SbeCommandEncoder encoder = new SbeCommandEncoder();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
        for (int shard = 0; shard < shards.size(); shard++)
        {
            for (long account = 1; account <= accounts; account++)
            {
                client.offerTo(shard, buffer, 0, encoder.adjustBalance(buffer, 0, 0, account, baseAssetId,
                    baseDeposit));
                client.offerTo(shard, buffer, 0, encoder.adjustBalance(buffer, 0, 0, account, quoteAssetId,
                    quoteDeposit));
            }
        }
        for (int instrument = 1; instrument <= instruments; instrument++)
        {
            client.offer(buffer, 0, encoder.addInstrument(buffer, 0, 0, instrument, baseAssetId, quoteAssetId, 1, 1,
                0, 0, 0, 1, 1_000, 0, 10_000));
        }
        pump();
        recorder.clear();
    }

    /**
     * @return the account's asset over all shards: balances plus what is in flight.
     */
    public long total(final long accountId, final int assetId)
    {
        long total = 0;
        for (final CrashableShard shard : shards)
        {
            total += shard.engine().balance(accountId, assetId) + shard.engine().inFlight(accountId, assetId);
        }
        return total;
    }
}
