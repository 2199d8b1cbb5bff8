package io.disruptorx.node.shard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.PostOnlyMode;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.CallbackEventSink;
import io.disruptorx.engine.sbe.DispatchRejectHandler;
import io.disruptorx.engine.sbe.SbeBookExport;
import io.disruptorx.engine.sbe.SbeCommandDispatcher;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.engine.sbe.SbeEventEncoder;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import io.disruptorx.shard.move.MovingVenueClient;
import io.disruptorx.shard.move.ShardMover;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.ShardIds;
import io.disruptorx.shard.venue.ShardedVenueClient;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A dry run of the gateway's side of a move, so that the first move a {@code dx shard-gateway} carries out does not
 * run it cold: a {@link MovingVenueClient} of its own, over a {@link ShardedVenueClient} of its own and a
 * {@link ShardMover} on a scratch journal file (deleted after), moves one instrument's book back and forth between
 * two scratch shards (a real engine each, applying every command at once, in this thread) as the gateway's mover
 * does it: the halt, the book read (a move off scratch shard 0 reads it as over a shard link, answered a duty cycle
 * later; a move off shard 1 through the engine's own events, as off a cluster shard), the forced journal
 * records, MoveOut and the RestoreOrders, each restore's answer, the settles, the resume and the switch to the next
 * routing table, and the answer line. During each move a new order for the instrument is refused as halted and a
 * cancel of one of its orders waits and follows it to the target. Nothing of the gateway is used or changed: not
 * its shard links, its routing table, its journal or its store.
 *
 * <p>Without it the first move of a gateway process ran the mover's code (the journal, the piece, thousands of
 * commands and answers through the sharded client) in the interpreter, inside the instrument's halt; the shard
 * host warms its own side ({@link MoveWarmUp}).
 */
public final class MoverWarmUp
{
    private static final int INSTRUMENT = 1;
    private static final long ACCOUNT = 1;
    private static final int BASE = 1;
    private static final int QUOTE = 2;
    private static final long FIRST_TRANSFER = 1L << 40;
    private static final EngineConfig SCRATCH = new EngineConfig(16, 8, 1 << 16, 4096, 0, PostOnlyMode.REJECT);
    private static final LongSupplier CLOCK = () -> System.currentTimeMillis() * 1_000_000L;
    private static final VenueEventHandler IGNORE = (sequence, buffer, offset, length) ->
    {
    };

    private MoverWarmUp()
    {
    }

    /**
     * Moves a book of {@code orders} resting orders between two scratch shards {@code rounds} times, cancelling one
     * of them during each move.
     *
     * @param rounds moves.
     * @param orders resting orders before the first move.
     * @return the orders resting at the last move's target once it ended: {@code orders - rounds} when every move
     * carried the book and every cancel followed it.
     */
    public static int run(final int rounds, final int orders)
    {
        return run(Path.of(System.getProperty("java.io.tmpdir")), rounds, orders);
    }

    /**
     * As {@link #run(int, int)}, with the scratch journal in a directory of the caller's.
     *
     * @param directory where the scratch journal is made and deleted.
     * @param rounds    moves.
     * @param orders    resting orders before the first move.
     * @return the orders resting at the last move's target once it ended.
     */
    static int run(final Path directory, final int rounds, final int orders)
    {
        final ScratchShard[] shards = {new ScratchShard(), new ScratchShard()};
        final RoutingTable table = RoutingTable.initial(List.of("warm-up-0", "warm-up-1"), 64);
        final int owner = table.shardOf(INSTRUMENT);
        shards[owner].list(orders);
        final Path journal;
        try
        {
            journal = Files.createTempFile(directory, "dx-move-warm-up", ".moves");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create the move warm-up's scratch journal", ex);
        }
        final ShardedVenueClient sharded = new ShardedVenueClient(table, shards);
        try (MovingVenueClient venue = new MovingVenueClient(sharded,
            new ShardMover(sharded, new ScratchBooks(shards), null, journal, CLOCK)))
        {
            final SbeCommandEncoder encoder = new SbeCommandEncoder();
            final UnsafeBuffer command = new UnsafeBuffer(new byte[SbeCommandEncoder.MAX_LENGTH]);
            int at = owner;
            for (int round = 1; round <= rounds; round++)
            {
                final CompletableFuture<String> answer = venue.move(INSTRUMENT, 1 - at);
                venue.poll(IGNORE, 256);
                venue.offer(command, 0, encoder.newOrder(command, 0, 0, ACCOUNT, round, INSTRUMENT, Side.BUY,
                    OrderType.LIMIT, TimeInForce.IOC, false, SelfTradePrevention.CANCEL_NEWEST, 1, 1));
                venue.offer(command, 0, encoder.cancelOrder(command, 0, 0, ACCOUNT, round,
                    ShardIds.global(owner, round)));
                while (!answer.isDone())
                {
                    venue.poll(IGNORE, 256);
                }
                if (!answer.join().startsWith("moved"))
                {
                    throw new IllegalStateException("the move warm-up did not move its book: " + answer.join());
                }
                at = 1 - at;
                int delivered;
                do
                {
                    delivered = venue.poll(IGNORE, 256);
                }
                while (delivered > 0);
            }
            return shards[at].engine.moves().visitBook(INSTRUMENT, MoveWarmUp.IGNORE_BOOK);
        }
        finally
        {
            try
            {
                Files.deleteIfExists(journal);
            }
            catch (final IOException ex)
            {
                System.err.println("dx shard-gateway: the move warm-up's scratch journal " + journal +
                    " was not deleted: " + ex);
            }
        }
    }

    /**
     * Reads scratch shard 0's book one duty cycle after it is asked for, as a book over a shard link arrives after
     * the request; shard 1's the mover reads through the engine's events (ReadBook), as a cluster shard's.
     */
    private static final class ScratchBooks implements ShardMover.BookSource
    {
        private final ScratchShard[] shards;
        private final SbeBookExport export = new SbeBookExport();
        private boolean asked;

        ScratchBooks(final ScratchShard[] shards)
        {
            this.shards = shards;
        }

        @Override
        public int read(
            final int shard, final int instrumentId, final long timestamp, final long firstTransferId,
            final MutableDirectBuffer piece)
        {
            asked = !asked;
            return asked ? PENDING :
                export.write(shards[shard].engine, instrumentId, timestamp, firstTransferId, piece, 0);
        }

        @Override
        public boolean reads(final int shard)
        {
            return shard == 0;
        }
    }

    /**
     * A real engine behind a venue client: each command applied at once, its events waiting with its sequence until
     * polled.
     */
    private static final class ScratchShard implements VenueClient
    {
        private static final int TIMESTAMP_AT = 8;
        private static final int EVENT_HEADER = Long.BYTES + Integer.BYTES;

        private final MatchingEngine engine;
        private final SbeCommandDispatcher dispatcher;
        private final UnsafeBuffer command = new UnsafeBuffer(new byte[SbeCommandEncoder.MAX_LENGTH]);
        private final ExpandableArrayBuffer events = new ExpandableArrayBuffer(1 << 20);
        private int written;
        private int read;
        private long sequence;

        ScratchShard()
        {
            engine = new MatchingEngine(SCRATCH, new SbeEventEncoder(new CallbackEventSink(this::onEvent)));
            dispatcher = new SbeCommandDispatcher(engine, DispatchRejectHandler.IGNORE);
        }

        /**
         * Lists the instrument and rests {@code orders} orders of the account on it, half buys and half sells.
         */
        void list(final int orders)
        {
            final SbeCommandEncoder encoder = new SbeCommandEncoder();
            offer(command, 0, encoder.addInstrument(command, 0, 1, INSTRUMENT, BASE, QUOTE, 1, 1, 2, 0, 0, 0,
                10_000, 0, 1_000));
            for (int i = 0; i < orders; i++)
            {
                final boolean buy = (i & 1) == 0;
                final long price = buy ? 9_000 + i % 100 : 11_000 + i % 100;
                offer(command, 0, encoder.restoreOrder(command, 0, 1, FIRST_TRANSFER + i, i + 1, ACCOUNT, i + 1,
                    INSTRUMENT, buy ? Side.BUY : Side.SELL, TimeInForce.GTC, price, 1, i, buy ? QUOTE : BASE,
                    buy ? price : 1, 0, 0, 1, false, SelfTradePrevention.NONE));
            }
            written = 0;
            read = 0;
        }

        @Override
        public long offer(final DirectBuffer buffer, final int offset, final int length)
        {
            command.putBytes(0, buffer, offset, length);
            command.putLong(TIMESTAMP_AT, CLOCK.getAsLong(), ByteOrder.LITTLE_ENDIAN);
            sequence++;
            dispatcher.dispatch(command, 0, length);
            return sequence;
        }

        @Override
        public int poll(final VenueEventHandler handler, final int limit)
        {
            int delivered = 0;
            while (delivered < limit && read < written)
            {
                final int length = events.getInt(read + Long.BYTES);
                handler.onEvent(events.getLong(read), events, read + EVENT_HEADER, length);
                read += EVENT_HEADER + length;
                delivered++;
            }
            if (read == written)
            {
                read = 0;
                written = 0;
            }
            return delivered;
        }

        @Override
        public void close()
        {
            read = 0;
            written = 0;
        }

        private void onEvent(final DirectBuffer buffer, final int offset, final int length)
        {
            events.putLong(written, sequence);
            events.putInt(written + Long.BYTES, length);
            events.putBytes(written + EVENT_HEADER, buffer, offset, length);
            written += EVENT_HEADER + length;
        }
    }
}
