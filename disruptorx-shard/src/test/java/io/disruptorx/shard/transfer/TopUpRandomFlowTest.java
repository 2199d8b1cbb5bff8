package io.disruptorx.shard.transfer;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.Side;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderRejectedDecoder;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.shard.support.RecordedEvent;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.disruptorx.shard.support.ShardedVenue.BASE;
import static io.disruptorx.shard.support.ShardedVenue.QUOTE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random flows of limit orders over 3 shards behind a top-up client, two accounts with policies for both assets whose
 * funds start on shard 0 (each account trades only with itself, so its totals do not change), events arriving a few at
 * a time, shards pushing back for a while and the coordinator's re-sends. At the end: every order a shard took was
 * answered exactly once (accepted or rejected), every transfer ended, nothing is in flight, and each account's
 * assets over the ledgers are what was deposited.
 */
class TopUpRandomFlowTest
{
    private static final long[] ACCOUNTS = {11, 12};
    private static final int STEPS = 600;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void shouldAnswerEveryOrderOnceAndConserveEveryAssetWithTopUpsUnderWay(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final int count = 3;
        final TopUpShards shards = new TopUpShards(count, dir.resolve("transfers"),
            new TopUpPolicy(ACCOUNTS[0], true, List.of(BASE, QUOTE), 2_000, 1_000_000),
            new TopUpPolicy(ACCOUNTS[1], true, List.of(QUOTE), 300, 1_000_000));
        for (final long account : ACCOUNTS)
        {
            shards.fund(0, account, QUOTE, 20_000);
            shards.fund(0, account, BASE, 400);
        }
        for (int shard = 0; shard < count; shard++)
        {
            shards.venue.venue(shard).deliverAtMost(1 + random.nextInt(3));
        }
        final Map<String, Integer> taken = new HashMap<>();
        final boolean[] refusing = new boolean[count];
        long clientOrderId = 1;
        for (int step = 0; step < STEPS; step++)
        {
            final int action = random.nextInt(100);
            final int a = random.nextInt(ACCOUNTS.length);
            if (action < 40)
            {
                final int instrument = 1 + a + 2 * random.nextInt(TopUpShards.INSTRUMENTS / 2);
                final long id = clientOrderId++;
                if (shards.order(ACCOUNTS[a], id, instrument, random.nextBoolean() ? Side.BUY : Side.SELL,
                    OrderType.LIMIT, 90 + random.nextInt(21), 1 + random.nextInt(20)) > 0)
                {
                    taken.put(ACCOUNTS[a] + "/" + id, 0);
                }
            }
            else if (action < 45)
            {
                final int shard = random.nextInt(count);
                refusing[shard] = !refusing[shard];
                shards.venue.venue(shard).refuse(refusing[shard] ? VenueClient.BACK_PRESSURED : 0);
            }
            else if (action < 52)
            {
                shards.coordinator.resendPending();
            }
            else
            {
                shards.client.poll(shards.venue.recorder(), 1 + random.nextInt(5));
            }
        }
        for (int shard = 0; shard < count; shard++)
        {
            shards.venue.venue(shard).refuse(0);
        }
        for (int round = 0; round < 500 && (shards.client.tracked() > 0 || shards.coordinator.pending() > 0);
            round++)
        {
            shards.coordinator.resendPending();
            shards.client.poll(shards.venue.recorder(), 100);
        }
        shards.drain();

        for (final RecordedEvent event : shards.venue.recorder().events())
        {
            if (event.templateId() == OrderAcceptedDecoder.TEMPLATE_ID ||
                event.templateId() == OrderRejectedDecoder.TEMPLATE_ID)
            {
                taken.merge(event.accountId() + "/" + event.requestId(), 1, Integer::sum);
            }
        }
        assertThat(taken).as("answers per order taken").isNotEmpty().allSatisfy((order, answers) ->
            assertThat(answers).as("order %s", order).isEqualTo(1));
        assertThat(shards.coordinator.pending()).isZero();
        assertThat(shards.client.topUps()).as("top-ups done").isPositive();
        for (final long account : ACCOUNTS)
        {
            assertThat(shards.total(account, QUOTE)).as("account %d QUOTE", account).isEqualTo(20_000);
            assertThat(shards.total(account, BASE)).as("account %d BASE", account).isEqualTo(400);
        }
    }
}
