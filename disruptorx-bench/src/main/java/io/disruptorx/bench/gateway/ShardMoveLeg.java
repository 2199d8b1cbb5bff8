package io.disruptorx.bench.gateway;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.shard.MoverWarmUp;
import io.disruptorx.protocol.sbe.command.BooleanType;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.NewOrderEncoder;
import io.disruptorx.protocol.sbe.command.OrderType;
import io.disruptorx.protocol.sbe.command.SelfTradePrevention;
import io.disruptorx.protocol.sbe.command.Side;
import io.disruptorx.protocol.sbe.command.TimeInForce;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.venue.VenueEventHandler;
import io.disruptorx.shard.link.RemoteBookSource;
import io.disruptorx.shard.link.RemoteShardClient;
import io.disruptorx.shard.move.MoveStats;
import io.disruptorx.shard.move.MovingVenueClient;
import io.disruptorx.shard.move.ShardMover;
import io.disruptorx.shard.transfer.TransferCoordinator;
import io.disruptorx.shard.transfer.TransferStep;
import io.disruptorx.shard.venue.ShardedVenueClient;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A transfer's latency and a move's halt, as {@code dx shard-gateway} runs them in front of two {@code dx
 * shard-host}s ({@link ShardBenchVenue}: the shards' links on loopback): a {@link TransferCoordinator} on its forced
 * journal moves one unit of account 1's funds from one shard to the other and back, one transfer at a time, each
 * timed from its start to its final step (TransferOut, TransferIn, SettleTransfer through both shards' logs); then
 * {@value #RESTING} GTC buys rest on each of 2 x {@value #MOVES} instruments of one shard and the {@link ShardMover}
 * (on its forced journal) moves each to the other shard, its halt as the mover measures it (from the halt sent to the
 * held commands released): in turn as {@code dx shard-gateway} moves by default (the restores after MoveOut's answer)
 * and as with {@code --single-gateway} (the restores with MoveOut), so that both modes see the same machine. Before,
 * the gateway side of a move runs on scratch shards ({@link MoverWarmUp}), as {@code dx shard-gateway} runs it before
 * it connects.
 */
final class ShardMoveLeg
{
    /** Resting orders on each moved instrument. */
    static final int RESTING = 1_000;
    /** Instruments moved in each mode. */
    static final int MOVES = 3;

    private static final int WARM_UP_MOVES = 8;
    private static final int TRANSFERS = 500;
    private static final int TRANSFER_WARMUP = 100;
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final ShardBenchVenue venue;
    private final MovingVenueClient client;
    private final ShardMover mover;
    private final TransferCoordinator transfers;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final NewOrderEncoder newOrder = new NewOrderEncoder();
    private final MessageHeaderDecoder eventHeader = new MessageHeaderDecoder();
    private final VenueEventHandler events;
    private long accepted;

    /**
     * What the leg measured.
     *
     * @param transferP50Nanos        median transfer, start to final step.
     * @param transferP99Nanos        99th percentile.
     * @param haltNanos               each default move's halt (restores after MoveOut's answer).
     * @param singleGatewayHaltNanos  each halt of a move with the restores sent with MoveOut.
     * @param stepNanos               each move's steps' ends ({@link MoveStats#STEPS}), from its start, in the order
     *                                of the moves (default first, then in turn).
     */
    record Result(
        long transferP50Nanos, long transferP99Nanos, long[] haltNanos, long[] singleGatewayHaltNanos,
        long[][] stepNanos)
    {
        long medianHaltNanos()
        {
            return median(haltNanos);
        }

        long medianSingleGatewayHaltNanos()
        {
            return median(singleGatewayHaltNanos);
        }

        private static long median(final long[] values)
        {
            final long[] sorted = values.clone();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }
    }

    private ShardMoveLeg(final ShardBenchVenue venue, final Path directory)
    {
        this.venue = venue;
        final RemoteShardClient[] links = venue.connectLinks();
        final ShardedVenueClient sharded = new ShardedVenueClient(venue.table(), links);
        mover = new ShardMover(sharded, new RemoteBookSource(links), null, directory.resolve("moves"),
            () -> System.currentTimeMillis() * 1_000_000L);
        client = new MovingVenueClient(sharded, mover);
        transfers = new TransferCoordinator(directory.resolve("transfers"), sharded);
        events = this::onEvent;
    }

    /**
     * Starts two shards, runs the transfers, rests the orders and moves the instruments.
     *
     * @param directory the shards' data and the journals go under it.
     * @param policy    the shards' journal force policy.
     * @return what it measured.
     */
    static Result run(final Path directory, final ForcePolicy policy)
    {
        try (ShardBenchVenue venue = new ShardBenchVenue(directory.resolve("shards"), policy))
        {
            System.out.println("  shard hosts' dry runs of the move path before listening: " + Arrays.stream(
                venue.warmUpNanos()).mapToObj(nanos -> Math.round(nanos / 1e6) + " ms").toList());
            final long warmUpStarted = System.nanoTime();
            MoverWarmUp.run(WARM_UP_MOVES, RESTING);
            System.out.println("  the gateway's dry run of the move path: " +
                Math.round((System.nanoTime() - warmUpStarted) / 1e6) + " ms");
            final ShardMoveLeg leg = new ShardMoveLeg(venue, directory);
            try
            {
                final long[] transfer = leg.transfers();
                final List<Integer> instruments = leg.restOrders();
                final long[] halts = new long[MOVES];
                final long[] singleGatewayHalts = new long[MOVES];
                final long[][] steps = new long[instruments.size()][];
                for (int i = 0; i < instruments.size(); i++)
                {
                    final boolean singleGateway = i % 2 == 1;
                    (singleGateway ? singleGatewayHalts : halts)[i / 2] = leg.move(instruments.get(i), singleGateway);
                    steps[i] = leg.mover.stats().stepNanos();
                }
                return new Result(transfer[transfer.length / 2], transfer[transfer.length * 99 / 100], halts,
                    singleGatewayHalts, steps);
            }
            finally
            {
                leg.close();
            }
        }
    }

    private long[] transfers()
    {
        final int owner = venue.owner();
        final long[] measured = new long[TRANSFERS - TRANSFER_WARMUP];
        for (int i = 0; i < TRANSFERS; i++)
        {
            final long id = i + 1;
            final int from = (i & 1) == 0 ? owner : 1 - owner;
            final long start = System.nanoTime();
            transfers.start(id, 1, 0, 1, from, 1 - from);
            await(() -> transfers.step(id).isFinal(), "transfer " + id);
            final long took = System.nanoTime() - start;
            if (transfers.step(id) != TransferStep.COMPLETED)
            {
                throw new IllegalStateException("transfer " + id + " ended " + transfers.step(id));
            }
            if (i >= TRANSFER_WARMUP)
            {
                measured[i - TRANSFER_WARMUP] = took;
            }
        }
        Arrays.sort(measured);
        return measured;
    }

    /**
     * Lists 2 x {@link #MOVES} instruments on the shard that owns instrument 1 (it and the next ids the table puts
     * there) and rests {@link #RESTING} buys of account 1 on each, at 100 price levels.
     *
     * @return the instruments.
     */
    private List<Integer> restOrders()
    {
        final int owner = venue.owner();
        final List<Integer> instruments = new ArrayList<>();
        final NodeClient setUp = venue.node(owner).newClient(true);
        long last = 0;
        for (int instrument = 1; instruments.size() < 2 * MOVES && instrument < 64; instrument++)
        {
            if (venue.table().shardOf(instrument) == owner)
            {
                instruments.add(instrument);
                if (instrument != 1)
                {
                    last = setUp.addInstrument(instrument, instrument, 0, 1, 1, 2, 0, 0, 0, 10_000, 0, 1_000);
                }
            }
        }
        final long listed = last;
        await(() -> venue.node(owner).appliedSequence() >= listed, "instruments listed");
        long clientOrderId = 1;
        for (final int instrument : instruments)
        {
            for (int i = 0; i < RESTING; i++)
            {
                newOrder.wrapAndApplyHeader(buffer, 0, header).timestamp(0).accountId(1)
                    .clientOrderId(clientOrderId++).instrumentId(instrument).side(Side.BUY)
                    .orderType(OrderType.LIMIT).timeInForce(TimeInForce.GTC).postOnly(BooleanType.FALSE)
                    .selfTradePrevention(SelfTradePrevention.CANCEL_NEWEST).price(9_000 + i % 100).quantity(1)
                    .userId(0);
                final int length = MessageHeaderEncoder.ENCODED_LENGTH + newOrder.encodedLength();
                while (client.offer(buffer, 0, length) <= 0)
                {
                    client.poll(events, 256);
                    Thread.yield();
                }
            }
        }
        final long orders = (long)RESTING * instruments.size();
        await(() -> accepted >= orders, orders + " resting orders accepted");
        return instruments;
    }

    private long move(final int instrument, final boolean singleGateway)
    {
        final int target = 1 - venue.owner();
        final List<String> log = new ArrayList<>();
        client.singleGateway(singleGateway).logMovesTo(log::add);
        final CompletableFuture<String> answer = client.move(instrument, target);
        await(() -> answer.isDone() && !log.isEmpty(), "move of instrument " + instrument);
        final String line = answer.join();
        System.out.println("  " + log.get(0).substring(0, log.get(0).indexOf("; steps ended at")));
        if (!line.startsWith("moved") || !line.contains(": " + RESTING + " orders, 0 refused"))
        {
            throw new IllegalStateException("the move did not carry the book: " + line);
        }
        if (!log.get(0).contains(singleGateway ? "; restores with MoveOut" : "; restores after MoveOut;"))
        {
            throw new IllegalStateException("the move did not send its restores as asked: " + log.get(0));
        }
        return mover.stats().lastHaltNanos();
    }

    private void await(final BooleanSupplier done, final String what)
    {
        final long deadline = System.nanoTime() + WAIT_NANOS;
        while (!done.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            if (client.poll(events, 256) == 0)
            {
                Thread.yield();
            }
        }
    }

    private void onEvent(final long commandSequence, final DirectBuffer events, final int offset, final int length)
    {
        transfers.onEvent(commandSequence, events, offset, length);
        eventHeader.wrap(events, offset);
        if (eventHeader.templateId() == OrderAcceptedDecoder.TEMPLATE_ID)
        {
            accepted++;
        }
    }

    private void close()
    {
        transfers.close();
        client.close();
    }
}
