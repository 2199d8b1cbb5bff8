package io.disruptorx.shard.flow;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.gateway.support.EngineVenue;
import io.disruptorx.protocol.sbe.command.HaltInstrumentDecoder;
import io.disruptorx.protocol.sbe.command.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.command.MoveOutDecoder;
import io.disruptorx.protocol.sbe.command.RestoreOrderDecoder;
import io.disruptorx.protocol.sbe.command.ResumeInstrumentDecoder;
import io.disruptorx.protocol.sbe.command.SettleTransferDecoder;
import io.disruptorx.protocol.sbe.command.TransferInDecoder;
import io.disruptorx.protocol.sbe.command.TransferOutDecoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderCancelledDecoder;
import io.disruptorx.protocol.sbe.event.TradeDecoder;
import io.disruptorx.shard.move.MovingVenueClient;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.ShardIds;
import io.disruptorx.shard.support.EventRecorder;
import io.disruptorx.shard.support.MovingShards;
import io.disruptorx.shard.support.RecordedEvent;
import io.disruptorx.shard.transfer.TransferCoordinator;
import io.disruptorx.shard.transfer.TransferDesk;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random order flow over 2 to 4 shards (real engines, each keeping its log) through the venue client a sharded
 * gateway runs on ({@link MovingVenueClient}, with its transfer desk): new orders (GTC and IOC, limit and market),
 * cancels and replaces by global order id, cancels by client order id and mass cancels that span shards. With moves
 * and transfers, the flow also asks the gateway, interleaved with the orders, to move an instrument with its resting
 * orders to another shard (every {@value #MOVE_EVERY} steps, through the move lock, the real {@code ShardMover}) and to
 * transfer an account's funds between two shards (through the desk's {@link TransferCoordinator}; at random steps
 * the coordinator re-sends its unfinished steps, as the desk's timer does), and it reads the events a few at a time,
 * so commands arrive while an instrument is halted and while transfers are half done. New orders then carry client
 * order ids unique over the flow: a moved order whose account rests another order with its client order id on the
 * target is refused there by design, and the flow checks that no moved order is lost.
 *
 * <p>After every step the total of each asset over all shards' balances and what is in flight between them (sent
 * and not settled, less what a target already credited) is what was deposited. At the end each shard's trades, as
 * the gateway delivered them, equal the trades of a fresh engine fed that shard's log alone (halts, MoveOut,
 * RestoreOrder and the transfer commands included), and that engine's snapshot is the shard's. Every move carried
 * every order that rested at the source's halt to the target, where at its resume the instrument's book holds the
 * same orders (same global ids) in the same priority, level by level.
 */
class ShardedRandomFlowTest
{
    private static final int BASE = 1;
    private static final int QUOTE = 2;
    private static final int INSTRUMENTS = 12;
    private static final int ACCOUNTS = 6;
    private static final long BASE_DEPOSIT = 10_000;
    private static final long QUOTE_DEPOSIT = 2_000_000;
    private static final int MOVE_EVERY = 100;
    private static final int TRANSFER_ONE_IN = 40;
    private static final int RESEND_ONE_IN = 25;
    private static final int DRAIN_EVERY = 16;
    private static final long UNIQUE_CLIENT_ORDER_IDS = 1_000;
    private static final int[] LOGGED = {HaltInstrumentDecoder.TEMPLATE_ID, MoveOutDecoder.TEMPLATE_ID,
        RestoreOrderDecoder.TEMPLATE_ID, ResumeInstrumentDecoder.TEMPLATE_ID, TransferOutDecoder.TEMPLATE_ID,
        TransferInDecoder.TEMPLATE_ID, SettleTransferDecoder.TEMPLATE_ID};

    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderDecoder commandHeader = new MessageHeaderDecoder();
    private final EventRecorder recorder = new EventRecorder();
    private final List<Move> moves = new ArrayList<>();
    private final List<CompletableFuture<String>> transfers = new ArrayList<>();
    private MovingShards shards;
    private MovingVenueClient venue;
    private TransfersInFlight inFlight;

    @TempDir
    Path directory;

    /** A move asked for, and the instrument's book at the source's halt and at the target's resume. */
    private static final class Move
    {
        final int instrument;
        final int from;
        final int to;
        final CompletableFuture<String> answer;
        List<List<Long>> atHalt;
        List<List<Long>> atResume;

        Move(final int instrument, final int from, final int to, final CompletableFuture<String> answer)
        {
            this.instrument = instrument;
            this.from = from;
            this.to = to;
            this.answer = answer;
        }
    }

    @ParameterizedTest(name = "seed {0}, {1} shards")
    @CsvSource({"1, 2", "2, 3", "3, 4", "4, 2", "5, 4"})
    void shouldMatchEachShardsReplayAndConserveEveryAsset(final long seed, final int count)
    {
        run(seed, count, 1_500, false);
    }

    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @ParameterizedTest(name = "seed {0}, {1} shards")
    @CsvSource({"11, 2", "12, 3", "13, 4", "14, 3"})
    void shouldMatchEachShardsReplayAndKeepEveryMovedOrderWhileInstrumentsMoveAndFundsTransfer(
        final long seed, final int count)
    {
        run(seed, count, 1_500, true);
    }

    @Tag("slow")
    @ParameterizedTest(name = "seed {0}, {1} shards")
    @CsvSource({"101, 2", "102, 3", "103, 4", "104, 4"})
    void shouldHoldOverLongFlows(final long seed, final int count)
    {
        run(seed, count, 50_000, false);
    }

    @Tag("slow")
    @Timeout(value = 1_200, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @ParameterizedTest(name = "seed {0}, {1} shards")
    @CsvSource({"111, 2", "112, 3", "113, 4"})
    void shouldHoldOverLongFlowsWithMovesAndTransfers(final long seed, final int count)
    {
        run(seed, count, 50_000, true);
    }

    private void run(final long seed, final int count, final int steps, final boolean moving)
    {
        shards = new MovingShards(count, directory);
        venue = new MovingVenueClient(shards.client(), shards.mover()).withTransfers(new TransferDesk(
            new TransferCoordinator(directory.resolve("transfers.journal"), shards.client()::offerTo),
            shard -> "shard-" + shard));
        inFlight = new TransfersInFlight(shards);
        shards.afterTaken(this::onTaken);
        shards.afterRead(this::onRead);
        final RoutingTable initial = shards.client().table();
        for (int id = 1; id <= INSTRUMENTS; id++)
        {
            offer(encoder.addInstrument(buffer, 0, 0, id, BASE, QUOTE, 1, 1, 0, 0, 1, 2, 100, 0, 5_000));
        }
        for (int shard = 0; shard < count; shard++)
        {
            for (long account = 1; account <= ACCOUNTS; account++)
            {
                assertThat(shards.client().offerTo(shard, buffer, 0,
                    encoder.adjustBalance(buffer, 0, 0, account, BASE, BASE_DEPOSIT))).isPositive();
                assertThat(shards.client().offerTo(shard, buffer, 0,
                    encoder.adjustBalance(buffer, 0, 0, account, QUOTE, QUOTE_DEPOSIT))).isPositive();
            }
        }
        drain();
        recorder.clear();

        final SplittableRandom random = new SplittableRandom(seed);
        final List<long[]> live = new ArrayList<>();
        final List<RecordedEvent> accepted = new ArrayList<>();
        final List<RecordedEvent> trades = new ArrayList<>();
        for (int step = 0; step < steps; step++)
        {
            if (moving)
            {
                maybeMove(random, count, step);
            }
            if (moving && random.nextInt(TRANSFER_ONE_IN) == 0)
            {
                transfer(random, count);
            }
            else if (moving && random.nextInt(RESEND_ONE_IN) == 0)
            {
                venue.transfers().coordinator().resendPending();
            }
            else
            {
                step(random, live, step, moving);
            }
            if (!moving || step % DRAIN_EVERY == DRAIN_EVERY - 1)
            {
                drain();
            }
            else
            {
                for (int polls = random.nextInt(3); polls > 0; polls--)
                {
                    venue.poll(recorder, 1 + random.nextInt(32));
                }
            }
            track(live);
            accepted.addAll(recorder.of(OrderAcceptedDecoder.TEMPLATE_ID));
            trades.addAll(recorder.of(TradeDecoder.TEMPLATE_ID));
            recorder.clear();
            assertConserved(count, seed, step);
        }
        drain();
        for (int round = 0; round < 1_000 && busy(); round++)
        {
            drain();
        }
        assertThat(busy()).as("seed %d: moves and transfers ended", seed).isFalse();
        accepted.addAll(recorder.of(OrderAcceptedDecoder.TEMPLATE_ID));
        trades.addAll(recorder.of(TradeDecoder.TEMPLATE_ID));
        assertConserved(count, seed, steps);

        for (final RecordedEvent event : accepted)
        {
            assertThat(ShardIds.shardOf(event.orderId())).as("seed %d", seed)
                .isEqualTo(ShardIds.shardOf(event.commandSequence()));
            if (!moving)
            {
                assertThat(ShardIds.shardOf(event.orderId())).as("seed %d", seed)
                    .isEqualTo(initial.shardOf(event.instrumentId()));
            }
        }
        assertThat(trades).as("seed %d trades", seed).hasSizeGreaterThan(steps / 20);
        for (int shard = 0; shard < count; shard++)
        {
            final int owner = shard;
            final Replay replay = replay(shard);
            assertThat(replay.trades()).as("seed %d shard %d: trades of a fresh engine fed the shard's log", seed,
                shard).isEqualTo(trades.stream().filter(trade -> ShardIds.shardOf(trade.commandSequence()) == owner)
                .toList());
            assertThat(snapshot(replay.engine())).as("seed %d shard %d: snapshot after a replay of its log", seed,
                shard).isEqualTo(snapshot(shards.engine(shard)));
        }
        if (moving)
        {
            assertMovesAndTransfers(seed, steps);
        }
    }

    /**
     * Every {@value #MOVE_EVERY} steps, once the last move was answered, asks to move the instrument with the most
     * resting orders (the first found from a random one) to another shard.
     */
    private void maybeMove(final SplittableRandom random, final int count, final int step)
    {
        if (step % MOVE_EVERY != MOVE_EVERY / 2 || (!moves.isEmpty() && !moves.get(moves.size() - 1).answer.isDone()))
        {
            return;
        }
        final int first = random.nextInt(INSTRUMENTS);
        int instrument = 0;
        int deepest = -1;
        for (int i = 0; i < INSTRUMENTS; i++)
        {
            final int candidate = 1 + (first + i) % INSTRUMENTS;
            final int depth = shards.book(shards.client().table().shardOf(candidate), candidate).size();
            if (depth > deepest)
            {
                instrument = candidate;
                deepest = depth;
            }
        }
        final int from = shards.client().table().shardOf(instrument);
        final int to = (from + 1 + random.nextInt(count - 1)) % count;
        moves.add(new Move(instrument, from, to, venue.move(instrument, to)));
    }

    private void transfer(final SplittableRandom random, final int count)
    {
        final long account = 1 + random.nextInt(ACCOUNTS);
        final int from = random.nextInt(count);
        final int to = (from + 1 + random.nextInt(count - 1)) % count;
        final boolean base = random.nextBoolean();
        final long amount = 1 + random.nextLong(base ? BASE_DEPOSIT : QUOTE_DEPOSIT);
        transfers.add(venue.transfers().transfer(transfers.size() + 1, account, base ? BASE : QUOTE, amount, from,
            to));
    }

    private void step(final SplittableRandom random, final List<long[]> live, final int step, final boolean moving)
    {
        final int roll = random.nextInt(100);
        final long account = 1 + random.nextInt(ACCOUNTS);
        if (roll < 60 || live.isEmpty())
        {
            final boolean market = random.nextInt(10) == 0;
            final boolean ioc = !market && random.nextInt(5) == 0;
            final long drawn = 1 + random.nextInt(400);
            final long clientOrderId = moving ? UNIQUE_CLIENT_ORDER_IDS + step : drawn;
            offer(encoder.newOrder(buffer, 0, 0, account, clientOrderId, 1 + random.nextInt(INSTRUMENTS),
                random.nextBoolean() ? Side.BUY : Side.SELL, market ? OrderType.MARKET : OrderType.LIMIT,
                market || ioc ? TimeInForce.IOC : TimeInForce.GTC, false, SelfTradePrevention.CANCEL_NEWEST,
                95 + random.nextInt(11), 1 + random.nextInt(20)));
        }
        else if (roll < 80)
        {
            final long[] order = live.get(random.nextInt(live.size()));
            offer(encoder.cancelOrder(buffer, 0, 0, order[1], step, order[0], 0));
        }
        else if (roll < 92)
        {
            final long[] order = live.get(random.nextInt(live.size()));
            offer(encoder.replaceOrder(buffer, 0, 0, order[1], step, order[0], 95 + random.nextInt(11),
                1 + random.nextInt(20)));
        }
        else if (roll < 98)
        {
            final long[] order = live.get(random.nextInt(live.size()));
            offer(encoder.cancelOrder(buffer, 0, 0, order[1], step, 0, order[2]));
        }
        else
        {
            offer(encoder.massCancel(buffer, 0, 0, account, 0, step));
        }
    }

    private void track(final List<long[]> live)
    {
        for (final RecordedEvent event : recorder.events())
        {
            if (event.templateId() == OrderAcceptedDecoder.TEMPLATE_ID)
            {
                live.add(new long[] {event.orderId(), event.accountId(), event.requestId()});
            }
            else if (event.templateId() == OrderCancelledDecoder.TEMPLATE_ID)
            {
                live.removeIf(order -> order[0] == event.orderId());
            }
        }
        if (live.size() > 200)
        {
            live.subList(0, live.size() - 200).clear();
        }
    }

    /**
     * @return whether a move or a transfer asked for has not been answered yet.
     */
    private boolean busy()
    {
        return (!moves.isEmpty() && !moves.get(moves.size() - 1).answer.isDone()) ||
            transfers.stream().anyMatch(answer -> !answer.isDone());
    }

    private void onRead()
    {
        final Move move = moves.get(moves.size() - 1);
        if (move.atHalt == null)
        {
            move.atHalt = book(move.from, move.instrument);
        }
    }

    private void onTaken(final int shard, final DirectBuffer command, final int offset, final int length)
    {
        inFlight.onTaken(shard, command, offset, length);
        commandHeader.wrap(command, offset);
        if (commandHeader.templateId() != ResumeInstrumentDecoder.TEMPLATE_ID || moves.isEmpty())
        {
            return;
        }
        final Move move = moves.get(moves.size() - 1);
        final int instrument = command.getInt(offset + MessageHeaderDecoder.ENCODED_LENGTH +
            ResumeInstrumentDecoder.instrumentIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN);
        if (shard == move.to && instrument == move.instrument)
        {
            assertThat(move.atResume).as("one resume of instrument %d at shard %d", instrument, shard).isNull();
            move.atResume = book(move.to, move.instrument);
        }
    }

    /**
     * @return the instrument's resting orders on the shard in priority order (bids best level first, then asks, each
     * level oldest first), each as {global id, price, open quantity, side}.
     */
    private List<List<Long>> book(final int shard, final int instrument)
    {
        return shards.book(shard, instrument).stream().map(order -> List.of(order[0], order[1], order[2], order[3]))
            .toList();
    }

    private void assertConserved(final int count, final long seed, final int step)
    {
        long base = -inFlight.countedTwice(BASE);
        long quote = -inFlight.countedTwice(QUOTE);
        for (int shard = 0; shard < count; shard++)
        {
            final MatchingEngine engine = shards.engine(shard);
            for (long account = 0; account <= ACCOUNTS; account++)
            {
                base += engine.balance(account, BASE) + engine.inFlight(account, BASE);
                quote += engine.balance(account, QUOTE) + engine.inFlight(account, QUOTE);
            }
        }
        assertThat(base).as("seed %d step %d base total", seed, step).isEqualTo(count * ACCOUNTS * BASE_DEPOSIT);
        assertThat(quote).as("seed %d step %d quote total", seed, step).isEqualTo(count * ACCOUNTS * QUOTE_DEPOSIT);
    }

    /** A fresh engine fed one shard's log alone, and its trades. */
    private record Replay(MatchingEngine engine, List<RecordedEvent> trades)
    {
    }

    /**
     * @return the replay, its trades with the ids and command sequences the gateway gives the shard's.
     */
    private Replay replay(final int shard)
    {
        final EngineVenue replay = new EngineVenue(MovingShards.CONFIG);
        final EventRecorder replayed = new EventRecorder();
        final List<RecordedEvent> trades = new ArrayList<>();
        for (final byte[] command : shards.log(shard))
        {
            assertThat(replay.offer(new UnsafeBuffer(command), 0, command.length)).isPositive();
            replay.poll(replayed, Integer.MAX_VALUE);
            for (final RecordedEvent trade : replayed.of(TradeDecoder.TEMPLATE_ID))
            {
                trades.add(new RecordedEvent(ShardIds.global(shard, trade.commandSequence()), trade.templateId(),
                    ShardIds.global(shard, trade.orderId()), ShardIds.global(shard, trade.otherOrderId()),
                    trade.accountId(), ShardIds.global(shard, trade.requestId()), trade.subjectId(), trade.code(),
                    trade.result(), trade.instrumentId(), trade.quantity()));
            }
            replayed.clear();
        }
        return new Replay(replay.engine(), trades);
    }

    private static byte[] snapshot(final MatchingEngine engine)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final int length = engine.snapshot(buffer, 0);
        return Arrays.copyOf(buffer.byteArray(), length);
    }

    private void assertMovesAndTransfers(final long seed, final int steps)
    {
        assertThat(moves).as("seed %d moves", seed).hasSizeGreaterThanOrEqualTo(steps / MOVE_EVERY / 2);
        int moved = 0;
        int behindAnother = 0;
        for (final Move move : moves)
        {
            assertThat(move.answer.join()).as("seed %d", seed)
                .startsWith("moved instrument " + move.instrument + " shard-" + move.from + " -> shard-" + move.to +
                ": " + move.atHalt.size() + " orders, 0 refused");
            assertThat(move.atResume).as("seed %d: instrument %d's book at shard %d's resume", seed,
                move.instrument, move.to).isEqualTo(move.atHalt);
            moved += move.atHalt.size();
            for (int i = 1; i < move.atHalt.size(); i++)
            {
                if (move.atHalt.get(i).get(1).equals(move.atHalt.get(i - 1).get(1)) &&
                    move.atHalt.get(i).get(3).equals(move.atHalt.get(i - 1).get(3)))
                {
                    behindAnother++;
                }
            }
        }
        assertThat(moved).as("seed %d: orders moved", seed).isGreaterThanOrEqualTo(moves.size());
        assertThat(behindAnother).as("seed %d: moved orders behind another at their price", seed).isPositive();
        assertThat(shards.mover().stats().rolledBack()).isZero();
        assertThat(shards.mover().stats().ordersNotRestored()).isZero();
        assertThat(transfers.stream().filter(answer -> answer.join().startsWith("transferred ")).count())
            .as("seed %d: transfers carried out", seed).isPositive();
        assertThat(transfers).as("seed %d: every transfer ended", seed).allSatisfy(answer -> assertThat(answer.join())
            .matches("(transferred|failed) transfer .*"));
        for (final int template : LOGGED)
        {
            int logged = 0;
            for (int shard = 0; shard < shards.count(); shard++)
            {
                for (final byte[] command : shards.log(shard))
                {
                    commandHeader.wrap(new UnsafeBuffer(command), 0);
                    logged += commandHeader.templateId() == template ? 1 : 0;
                }
            }
            assertThat(logged).as("seed %d: commands of template %d in the shards' logs", seed, template)
                .isPositive();
        }
    }

    private void offer(final int length)
    {
        assertThat(venue.offer(buffer, 0, length)).isPositive();
    }

    /**
     * Polls the gateway until two polls in a row deliver nothing (the second sees what the first one's work sent).
     */
    private void drain()
    {
        int quiet = 0;
        int rounds = 0;
        while (quiet < 2)
        {
            quiet = venue.poll(recorder, 1_000) > 0 ? 0 : quiet + 1;
            assertThat(++rounds).as("events keep coming").isLessThan(1_000_000);
        }
    }
}
