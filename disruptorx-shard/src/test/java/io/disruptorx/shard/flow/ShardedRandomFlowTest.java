package io.disruptorx.shard.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.PostOnlyMode;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.gateway.support.EngineVenue;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderCancelledDecoder;
import io.disruptorx.protocol.sbe.event.TradeDecoder;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.ShardIds;
import io.disruptorx.shard.support.EventRecorder;
import io.disruptorx.shard.support.RecordedEvent;
import io.disruptorx.shard.support.RecordingVenue;
import io.disruptorx.shard.venue.ShardedVenueClient;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random order flow over 2 to 4 shards through one {@link ShardedVenueClient}: new orders (GTC and IOC, limit and
 * market), cancels and replaces by global order id, cancels by client order id and mass cancels that span shards.
 * After every step the total of each asset over all shards' accounts is what was deposited; at the end each shard's
 * trades, as the sharded client delivered them, equal the trades of a fresh engine fed that shard's log alone.
 */
class ShardedRandomFlowTest
{
    private static final int BASE = 1;
    private static final int QUOTE = 2;
    private static final int INSTRUMENTS = 12;
    private static final int ACCOUNTS = 6;
    private static final long BASE_DEPOSIT = 10_000;
    private static final long QUOTE_DEPOSIT = 2_000_000;
    private static final EngineConfig CONFIG = new EngineConfig(64, 4, 1 << 14, 1024, 0, PostOnlyMode.REJECT);

    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);

    @ParameterizedTest(name = "seed {0}, {1} shards")
    @CsvSource({"1, 2", "2, 3", "3, 4", "4, 2", "5, 4"})
    void shouldMatchEachShardsReplayAndConserveEveryAsset(final long seed, final int shards)
    {
        run(seed, shards, 1_500);
    }

    @Tag("slow")
    @ParameterizedTest(name = "seed {0}, {1} shards")
    @CsvSource({"101, 2", "102, 3", "103, 4", "104, 4"})
    void shouldHoldOverLongFlows(final long seed, final int shards)
    {
        run(seed, shards, 50_000);
    }

    private void run(final long seed, final int shards, final int steps)
    {
        final List<String> names = new ArrayList<>();
        final RecordingVenue[] venues = new RecordingVenue[shards];
        for (int i = 0; i < shards; i++)
        {
            names.add("shard-" + i);
            venues[i] = new RecordingVenue(new EngineVenue(CONFIG));
        }
        final RoutingTable table = RoutingTable.initial(names, 64);
        final ShardedVenueClient client = new ShardedVenueClient(table, venues);
        final EventRecorder recorder = new EventRecorder();

        for (int id = 1; id <= INSTRUMENTS; id++)
        {
            offer(client, encoder.addInstrument(buffer, 0, 0, id, BASE, QUOTE, 1, 1, 0, 0, 1, 2, 100, 0, 5_000));
        }
        for (final RecordingVenue venue : venues)
        {
            for (long account = 1; account <= ACCOUNTS; account++)
            {
                offer(venue, encoder.adjustBalance(buffer, 0, 0, account, BASE, BASE_DEPOSIT));
                offer(venue, encoder.adjustBalance(buffer, 0, 0, account, QUOTE, QUOTE_DEPOSIT));
            }
        }
        drain(client, recorder);

        final SplittableRandom random = new SplittableRandom(seed);
        final List<long[]> live = new ArrayList<>();
        final List<RecordedEvent> accepted = new ArrayList<>();
        final List<RecordedEvent> trades = new ArrayList<>();
        for (int step = 0; step < steps; step++)
        {
            step(client, random, live, step);
            drain(client, recorder);
            track(recorder, live);
            accepted.addAll(recorder.of(OrderAcceptedDecoder.TEMPLATE_ID));
            trades.addAll(recorder.of(TradeDecoder.TEMPLATE_ID));
            assertConserved(venues, shards, seed, step);
        }

        for (final RecordedEvent event : accepted)
        {
            assertThat(ShardIds.shardOf(event.orderId())).as("seed %d", seed)
                .isEqualTo(table.shardOf(event.instrumentId()));
        }
        assertThat(trades).as("seed %d trades", seed).hasSizeGreaterThan(steps / 20);
        for (int shard = 0; shard < shards; shard++)
        {
            final int owner = shard;
            final List<RecordedEvent> viaClient = trades.stream()
                .filter(trade -> ShardIds.shardOf(trade.requestId()) == owner).map(ShardedRandomFlowTest::local)
                .toList();
            assertThat(replayTrades(venues[shard].log())).as("seed %d shard %d", seed, shard)
                .isEqualTo(viaClient);
        }
    }

    private void step(final ShardedVenueClient client, final SplittableRandom random, final List<long[]> live,
        final int step)
    {
        final int roll = random.nextInt(100);
        final long account = 1 + random.nextInt(ACCOUNTS);
        if (roll < 60 || live.isEmpty())
        {
            final boolean market = random.nextInt(10) == 0;
            final boolean ioc = !market && random.nextInt(5) == 0;
            final long clientOrderId = 1 + random.nextInt(400);
            offer(client, encoder.newOrder(buffer, 0, 0, account, clientOrderId, 1 + random.nextInt(INSTRUMENTS),
                random.nextBoolean() ? Side.BUY : Side.SELL, market ? OrderType.MARKET : OrderType.LIMIT,
                market || ioc ? TimeInForce.IOC : TimeInForce.GTC, false, SelfTradePrevention.CANCEL_NEWEST,
                95 + random.nextInt(11), 1 + random.nextInt(20)));
        }
        else if (roll < 80)
        {
            final long[] order = live.get(random.nextInt(live.size()));
            offer(client, encoder.cancelOrder(buffer, 0, 0, order[1], step, order[0], 0));
        }
        else if (roll < 92)
        {
            final long[] order = live.get(random.nextInt(live.size()));
            offer(client, encoder.replaceOrder(buffer, 0, 0, order[1], step, order[0], 95 + random.nextInt(11),
                1 + random.nextInt(20)));
        }
        else if (roll < 98)
        {
            final long[] order = live.get(random.nextInt(live.size()));
            offer(client, encoder.cancelOrder(buffer, 0, 0, order[1], step, 0, order[2]));
        }
        else
        {
            offer(client, encoder.massCancel(buffer, 0, 0, account, 0, step));
        }
    }

    private static void track(final EventRecorder recorder, final List<long[]> live)
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

    private static void assertConserved(
        final RecordingVenue[] venues, final int shards, final long seed, final int step)
    {
        long base = 0;
        long quote = 0;
        for (final RecordingVenue venue : venues)
        {
            final MatchingEngine engine = venue.venue().engine();
            for (long account = 0; account <= ACCOUNTS; account++)
            {
                base += engine.balance(account, BASE);
                quote += engine.balance(account, QUOTE);
            }
        }
        assertThat(base).as("seed %d step %d base total", seed, step).isEqualTo(shards * ACCOUNTS * BASE_DEPOSIT);
        assertThat(quote).as("seed %d step %d quote total", seed, step).isEqualTo(shards * ACCOUNTS * QUOTE_DEPOSIT);
    }

    private static List<RecordedEvent> replayTrades(final List<byte[]> log)
    {
        final EngineVenue replay = new EngineVenue(CONFIG);
        final EventRecorder recorder = new EventRecorder();
        for (final byte[] command : log)
        {
            assertThat(replay.offer(new UnsafeBuffer(command), 0, command.length)).isPositive();
            replay.poll(recorder, Integer.MAX_VALUE);
        }
        return recorder.of(TradeDecoder.TEMPLATE_ID).stream().map(trade -> new RecordedEvent(0, trade.templateId(),
            trade.orderId(), trade.otherOrderId(), trade.accountId(), trade.requestId(), trade.subjectId(),
            trade.code(), trade.result(), trade.instrumentId(), trade.quantity())).toList();
    }

    private static RecordedEvent local(final RecordedEvent trade)
    {
        return new RecordedEvent(0, trade.templateId(), ShardIds.localOf(trade.orderId()),
            ShardIds.localOf(trade.otherOrderId()), trade.accountId(), ShardIds.localOf(trade.requestId()),
            trade.subjectId(), trade.code(), trade.result(), trade.instrumentId(), trade.quantity());
    }

    private void offer(final VenueClient venue, final int length)
    {
        assertThat(venue.offer(buffer, 0, length)).isPositive();
    }

    private static void drain(final ShardedVenueClient client, final EventRecorder recorder)
    {
        recorder.clear();
        while (client.poll(recorder, 1_000) > 0)
        {
            assertThat(recorder.events().size()).isLessThan(1_000_000);
        }
    }
}
