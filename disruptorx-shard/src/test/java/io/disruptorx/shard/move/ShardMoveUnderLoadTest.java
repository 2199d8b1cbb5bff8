package io.disruptorx.shard.move;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.protocol.sbe.event.CancelRejectedDecoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderCancelledDecoder;
import io.disruptorx.protocol.sbe.event.OrderRejectedDecoder;
import io.disruptorx.protocol.sbe.event.RejectReason;
import io.disruptorx.shard.support.MovingShards;
import io.disruptorx.shard.support.RecordedEvent;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random orders and cancels over several instruments on 2 or 3 shards while instruments move between them, the
 * commands interleaved with the moves' steps. After every step every asset is conserved over the shards; at the end
 * every new order was answered exactly once (accepted or rejected, never lost, never twice; those of a moving
 * instrument rejected as halted), every cancel exactly once, and every instrument's orders rest on the one shard the
 * routing table names.
 */
class ShardMoveUnderLoadTest
{
    private static final int BASE = 1;
    private static final int QUOTE = 2;
    private static final int INSTRUMENTS = 6;
    private static final int ACCOUNTS = 5;
    private static final long DEPOSIT_BASE = 1_000_000;
    private static final long DEPOSIT_QUOTE = 100_000_000;

    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);

    @TempDir
    Path directory;

    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @ParameterizedTest(name = "seed {0}, {1} shards")
    @CsvSource({"1, 2", "2, 3", "3, 2"})
    void shouldLoseNoOrderAndConserveFundsWhileInstrumentsMove(final long seed, final int count)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final MovingShards shards = new MovingShards(count, directory);
        shards.fundAndList(ACCOUNTS, BASE, DEPOSIT_BASE, QUOTE, DEPOSIT_QUOTE, INSTRUMENTS);

        final Map<Long, Long> ownerOfOrder = new HashMap<>();
        final List<Long> live = new ArrayList<>();
        long orders = 0;
        long cancels = 0;
        int movesStarted = 0;
        for (int step = 0; step < 3_000; step++)
        {
            if (step % 400 == 100 && shards.mover().isIdle())
            {
                final int instrument = 1 + random.nextInt(INSTRUMENTS);
                final int from = shards.client().table().shardOf(instrument);
                shards.mover().move(instrument, (from + 1 + random.nextInt(count - 1)) % count);
                movesStarted++;
            }
            if (random.nextInt(4) == 0 && !live.isEmpty())
            {
                final long orderId = live.remove(random.nextInt(live.size()));
                final long account = ownerOfOrder.get(orderId);
                assertThat(shards.client().offer(buffer, 0, encoder.cancelOrder(buffer, 0, 0, account,
                    5_000_000 + step, orderId, 0))).isPositive();
                cancels++;
            }
            else
            {
                final boolean buy = random.nextBoolean();
                final long price = buy ? 990 + random.nextInt(12) : 999 + random.nextInt(12);
                assertThat(shards.client().offer(buffer, 0, encoder.newOrder(buffer, 0, 0, 1 + random.nextInt(
                    ACCOUNTS), 1 + step, 1 + random.nextInt(INSTRUMENTS), buy ? Side.BUY : Side.SELL,
                    OrderType.LIMIT, TimeInForce.GTC, false, SelfTradePrevention.NONE, price,
                    1 + random.nextInt(5)))).isPositive();
                orders++;
            }
            if (random.nextInt(3) == 0)
            {
                final int before = shards.recorder().events().size();
                shards.pump();
                for (final RecordedEvent event : shards.recorder().events().subList(before,
                    shards.recorder().events().size()))
                {
                    if (event.templateId() == OrderAcceptedDecoder.TEMPLATE_ID)
                    {
                        ownerOfOrder.put(event.orderId(), event.accountId());
                        live.add(event.orderId());
                    }
                }
                assertConserved(shards);
            }
        }
        shards.pump();
        assertThat(shards.mover().isIdle()).isTrue();
        assertConserved(shards);

        assertThat(shards.mover().stats().moves()).isEqualTo(movesStarted);
        assertThat(shards.mover().stats().rolledBack()).isZero();
        assertThat(shards.client().commandsHeld()).isPositive();
        final List<RecordedEvent> events = shards.recorder().events();
        final Map<Long, Integer> answers = new HashMap<>();
        for (final RecordedEvent event : events)
        {
            if (event.templateId() == OrderAcceptedDecoder.TEMPLATE_ID ||
                event.templateId() == OrderRejectedDecoder.TEMPLATE_ID)
            {
                answers.merge(event.requestId(), 1, Integer::sum);
            }
        }
        assertThat(answers).hasSize((int)orders).allSatisfy((clientOrderId, count1) -> assertThat(count1)
            .isEqualTo(1));
        final long cancelAnswers = events.stream().filter(e -> e.requestId() >= 5_000_000 &&
            (e.templateId() == OrderCancelledDecoder.TEMPLATE_ID ||
            e.templateId() == CancelRejectedDecoder.TEMPLATE_ID)).count();
        assertThat(cancelAnswers).isEqualTo(cancels);
        assertThat(events.stream().filter(e -> e.templateId() == OrderRejectedDecoder.TEMPLATE_ID &&
            e.code() == RejectReason.INSTRUMENT_HALTED.value()).count())
            .as("new orders of a moving instrument, answered as halted by the gateway's client")
            .isEqualTo(shards.client().haltedDuringMoves()).isPositive();
        for (int instrument = 1; instrument <= INSTRUMENTS; instrument++)
        {
            final int owner = shards.client().table().shardOf(instrument);
            for (int shard = 0; shard < count; shard++)
            {
                if (shard != owner)
                {
                    assertThat(shards.book(shard, instrument)).as("instrument %d on shard %d", instrument, shard)
                        .isEmpty();
                }
            }
        }
    }

    private static void assertConserved(final MovingShards shards)
    {
        long base = 0;
        long quote = 0;
        for (long account = 0; account <= ACCOUNTS; account++)
        {
            base += shards.total(account, BASE);
            quote += shards.total(account, QUOTE);
        }
        assertThat(base).as("base over all accounts and shards").isEqualTo(shards.count() * ACCOUNTS * DEPOSIT_BASE);
        assertThat(quote).as("quote over all accounts and shards")
            .isEqualTo(shards.count() * ACCOUNTS * DEPOSIT_QUOTE);
    }
}
