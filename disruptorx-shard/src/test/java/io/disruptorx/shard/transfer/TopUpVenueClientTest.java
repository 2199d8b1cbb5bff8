package io.disruptorx.shard.transfer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.metrics.PrometheusCollector;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.NewOrderEncoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderRejectedDecoder;
import io.disruptorx.protocol.sbe.event.RejectReason;
import io.disruptorx.protocol.sbe.event.TradeDecoder;
import io.disruptorx.shard.support.RecordedEvent;
import io.disruptorx.shard.venue.ShardedVenueClient;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.disruptorx.shard.support.ShardedVenue.BASE;
import static io.disruptorx.shard.support.ShardedVenue.QUOTE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Automatic top-up over real engines: an order whose shard lacks the funds gets them from another shard of the
 * account and one answer; the amount moved is the shortfall and the account's totals do not change; the policy's
 * limits, a disabled account, an unknown asset and a missing source each leave the order with its original reject and
 * move nothing; concurrent orders move exactly what they need together.
 */
class TopUpVenueClientTest
{
    private static final long ALICE = 11;
    private static final long BOB = 12;
    private static final int GOLD = 3;
    private static final int ORDER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + NewOrderEncoder.BLOCK_LENGTH;
    private static final TopUpPolicy ALICE_QUOTE = new TopUpPolicy(ALICE, true, List.of(QUOTE), 500, 1_000);

    @TempDir
    Path dir;

    @Test
    void shouldMoveTheShortfallToTheOrdersShardAndAnswerTheOrderOnceAccepted()
    {
        final TopUpShards shards = new TopUpShards(2, dir.resolve("transfers"), ALICE_QUOTE);
        final int onOne = shards.instrumentOn(1);
        shards.fund(0, ALICE, QUOTE, 500);
        shards.fund(1, ALICE, QUOTE, 30);

        assertThat(shards.buy(ALICE, 1, onOne, 10, 10)).isPositive();
        shards.drain();

        assertThat(shards.answers(ALICE, 1)).as("one answer").singleElement()
            .extracting(RecordedEvent::templateId).isEqualTo(OrderAcceptedDecoder.TEMPLATE_ID);
        assertThat(shards.venue.engine(1).balance(ALICE, QUOTE)).as("30 + the shortfall 70").isEqualTo(100);
        assertThat(shards.venue.engine(1).held(ALICE, QUOTE)).as("held by the order").isEqualTo(100);
        assertThat(shards.venue.engine(0).balance(ALICE, QUOTE)).isEqualTo(430);
        assertThat(shards.total(ALICE, QUOTE)).as("conserved").isEqualTo(530);
        assertThat(shards.client.topUps()).isEqualTo(1);
        assertThat(shards.client.amountMoved()).isEqualTo(70);
        assertThat(shards.client.tracked()).isZero();
    }

    @Test
    void shouldAnswerAnOrderThatTradesAfterItsTopUpWithItsAcceptanceAndTrade()
    {
        final TopUpShards shards = new TopUpShards(2, dir.resolve("transfers"), ALICE_QUOTE);
        final int onOne = shards.instrumentOn(1);
        shards.fund(0, ALICE, QUOTE, 500);
        shards.fund(1, BOB, BASE, 5);
        assertThat(shards.order(BOB, 1, onOne, Side.SELL, OrderType.LIMIT, 20, 5)).isPositive();
        shards.drain();

        assertThat(shards.buy(ALICE, 2, onOne, 20, 5)).isPositive();
        shards.drain();

        assertThat(shards.answers(ALICE, 2)).singleElement().extracting(RecordedEvent::templateId)
            .isEqualTo(OrderAcceptedDecoder.TEMPLATE_ID);
        assertThat(shards.venue.recorder().of(TradeDecoder.TEMPLATE_ID)).singleElement()
            .extracting(RecordedEvent::quantity).isEqualTo(5L);
        assertThat(shards.venue.engine(1).balance(ALICE, BASE)).isEqualTo(5);
        assertThat(shards.total(ALICE, QUOTE)).as("500 less the 100 paid").isEqualTo(400);
        assertThat(shards.total(BOB, QUOTE)).isEqualTo(100);
    }

    @Test
    void shouldAnswerTheOriginalRejectAndMoveNothingAboveTheMaximumPerTopUp()
    {
        final TopUpShards shards = new TopUpShards(2, dir.resolve("transfers"), ALICE_QUOTE);
        final MetricsRegistry metrics = new MetricsRegistry();
        shards.client.registerMetrics(metrics);
        final int onOne = shards.instrumentOn(1);
        shards.fund(0, ALICE, QUOTE, 2_000);
        shards.fund(1, ALICE, QUOTE, 5);

        assertThat(shards.buy(ALICE, 1, onOne, 10, 51)).as("needs 505 more, at most 500 per top-up").isPositive();
        shards.drain();

        assertRejected(shards, ALICE, 1, RejectReason.INSUFFICIENT_BALANCE);
        assertThat(shards.client.refused(TopUpRefusal.OVER_MAX_PER_TOP_UP)).isEqualTo(1);
        assertThat(shards.venue.engine(0).balance(ALICE, QUOTE)).isEqualTo(2_000);
        assertThat(shards.venue.engine(1).balance(ALICE, QUOTE)).isEqualTo(5);
        assertThat(shards.coordinator.pending()).isZero();
        assertThat(shards.client.topUps()).isZero();
        assertThat(new PrometheusCollector(metrics).scrapeText())
            .contains("dx_shard_top_ups_refused_total{reason=\"over_max_per_top_up\"} 1")
            .contains("dx_shard_top_ups_refused_total{reason=\"no_source\"} 0")
            .contains("dx_shard_top_ups_total 0");
    }

    @Test
    void shouldAnswerTheOriginalRejectForADisabledAccountOrAnAssetThePolicyDoesNotAllowKeepingItsReason()
    {
        final TopUpShards shards = new TopUpShards(2, dir.resolve("transfers"), ALICE_QUOTE,
            new TopUpPolicy(BOB, false, List.of(QUOTE, BASE), 500, 1_000));
        final int onOne = shards.instrumentOn(1);
        shards.fund(0, ALICE, BASE, 100);
        shards.fund(0, BOB, QUOTE, 1_000);

        assertThat(shards.buy(BOB, 1, onOne, 10, 5)).isPositive();
        assertThat(shards.client.tracked()).as("a disabled account's order is not tracked").isZero();
        assertThat(shards.order(ALICE, 2, onOne, Side.SELL, OrderType.LIMIT, 10, 5)).isPositive();
        shards.drain();

        assertRejected(shards, BOB, 1, RejectReason.UNKNOWN_ACCOUNT);
        assertRejected(shards, ALICE, 2, RejectReason.UNKNOWN_ACCOUNT);
        assertThat(shards.client.refused(TopUpRefusal.ASSET_NOT_ALLOWED)).as("ALICE's sell holds BASE").isEqualTo(1);
        assertThat(shards.venue.engine(1).balance(BOB, QUOTE) + shards.venue.engine(1).balance(ALICE, BASE))
            .isZero();
        assertThat(shards.total(BOB, QUOTE)).isEqualTo(1_000);
        assertThat(shards.total(ALICE, BASE)).isEqualTo(100);
    }

    @Test
    void shouldTakeFromTheShardWithTheMostFreeAndRejectWhenNoShardHasTheWholeShortfall()
    {
        final TopUpShards shards = new TopUpShards(3, dir.resolve("transfers"), ALICE_QUOTE);
        final int onZero = shards.instrumentOn(0);
        shards.fund(1, ALICE, QUOTE, 60);
        shards.fund(2, ALICE, QUOTE, 90);

        assertThat(shards.buy(ALICE, 1, onZero, 10, 8)).as("needs 80: only shard 2 has it").isPositive();
        shards.drain();
        assertThat(shards.answers(ALICE, 1)).singleElement().extracting(RecordedEvent::templateId)
            .isEqualTo(OrderAcceptedDecoder.TEMPLATE_ID);
        assertThat(shards.venue.engine(2).balance(ALICE, QUOTE)).isEqualTo(10);
        assertThat(shards.venue.engine(1).balance(ALICE, QUOTE)).isEqualTo(60);

        assertThat(shards.buy(ALICE, 2, onZero, 10, 7)).as("needs 70: 60 and 10 apart").isPositive();
        shards.drain();
        assertRejected(shards, ALICE, 2, RejectReason.INSUFFICIENT_BALANCE);
        assertThat(shards.client.refused(TopUpRefusal.NO_SOURCE)).isEqualTo(1);
        assertThat(shards.total(ALICE, QUOTE)).isEqualTo(150);
        assertThat(shards.venue.engine(0).balance(ALICE, QUOTE)).isEqualTo(80);

        shards.fund(2, ALICE, QUOTE, 50);
        assertThat(shards.buy(ALICE, 3, onZero, 10, 3)).as("needs 30: shards 1 and 2 have 60 each").isPositive();
        shards.drain();
        assertThat(shards.answers(ALICE, 3)).singleElement().extracting(RecordedEvent::templateId)
            .isEqualTo(OrderAcceptedDecoder.TEMPLATE_ID);
        assertThat(shards.venue.engine(1).balance(ALICE, QUOTE)).as("the tie goes to the lowest shard").isEqualTo(30);
        assertThat(shards.venue.engine(2).balance(ALICE, QUOTE)).isEqualTo(60);
    }

    @Test
    void shouldKeepTheDaysTopUpsUnderTheDailyMaximumAndStartAgainTheNextDay()
    {
        final TopUpShards shards = new TopUpShards(2, dir.resolve("transfers"), ALICE_QUOTE);
        final int onOne = shards.instrumentOn(1);
        shards.fund(0, ALICE, QUOTE, 5_000);

        assertThat(shards.buy(ALICE, 1, onOne, 10, 50)).isPositive();
        shards.drain();
        assertThat(shards.buy(ALICE, 2, onOne, 10, 50)).isPositive();
        shards.drain();
        assertThat(shards.buy(ALICE, 3, onOne, 10, 1)).as("1,000 moved today already").isPositive();
        shards.drain();

        assertThat(shards.answers(ALICE, 1)).extracting(RecordedEvent::templateId)
            .containsExactly(OrderAcceptedDecoder.TEMPLATE_ID);
        assertThat(shards.answers(ALICE, 2)).extracting(RecordedEvent::templateId)
            .containsExactly(OrderAcceptedDecoder.TEMPLATE_ID);
        assertRejected(shards, ALICE, 3, RejectReason.INSUFFICIENT_BALANCE);
        assertThat(shards.client.refused(TopUpRefusal.OVER_DAILY_LIMIT)).isEqualTo(1);

        shards.clock[0] += 86_400_000L;
        assertThat(shards.buy(ALICE, 4, onOne, 10, 1)).isPositive();
        shards.drain();
        assertThat(shards.answers(ALICE, 4)).extracting(RecordedEvent::templateId)
            .containsExactly(OrderAcceptedDecoder.TEMPLATE_ID);
        assertThat(shards.client.amountMoved()).isEqualTo(1_010);
        assertThat(shards.total(ALICE, QUOTE)).isEqualTo(5_000);
    }

    @Test
    void shouldMoveExactlyWhatConcurrentOrdersNeedTogether()
    {
        final TopUpShards shards = new TopUpShards(2, dir.resolve("transfers"), ALICE_QUOTE);
        final int onOne = shards.instrumentOn(1);
        shards.fund(0, ALICE, QUOTE, 1_000);
        shards.fund(1, ALICE, QUOTE, 30);

        for (int i = 1; i <= 3; i++)
        {
            assertThat(shards.buy(ALICE, i, onOne, 10, 10)).isPositive();
        }
        assertThat(shards.client.tracked()).isEqualTo(3);
        shards.drain();

        for (int i = 1; i <= 3; i++)
        {
            assertThat(shards.answers(ALICE, i)).as("order %d", i).extracting(RecordedEvent::templateId)
                .containsExactly(OrderAcceptedDecoder.TEMPLATE_ID);
        }
        assertThat(shards.client.amountMoved()).as("300 held, 30 were there").isEqualTo(270);
        assertThat(shards.venue.engine(1).balance(ALICE, QUOTE)).isEqualTo(300);
        assertThat(shards.venue.engine(1).held(ALICE, QUOTE)).isEqualTo(300);
        assertThat(shards.total(ALICE, QUOTE)).isEqualTo(1_030);
    }

    @Test
    void shouldPassOrdersThatNeedNoTopUpAndMarketOrdersThroughUntouched()
    {
        final TopUpShards shards = new TopUpShards(2, dir.resolve("transfers"), ALICE_QUOTE);
        final int onOne = shards.instrumentOn(1);
        shards.fund(0, ALICE, QUOTE, 1_000);
        shards.fund(1, ALICE, QUOTE, 100);

        assertThat(shards.buy(ALICE, 1, onOne, 10, 10)).isPositive();
        assertThat(shards.order(ALICE, 2, onOne, Side.BUY, OrderType.MARKET, 0, 10)).isPositive();
        assertThat(shards.client.tracked()).as("the limit order only").isEqualTo(1);
        shards.drain();

        assertThat(shards.answers(ALICE, 1)).extracting(RecordedEvent::templateId)
            .containsExactly(OrderAcceptedDecoder.TEMPLATE_ID);
        assertThat(shards.answers(ALICE, 2)).extracting(RecordedEvent::templateId)
            .containsExactly(OrderRejectedDecoder.TEMPLATE_ID);
        assertThat(shards.client.topUps()).isZero();
        assertThat(shards.venue.engine(0).balance(ALICE, QUOTE)).isEqualTo(1_000);
    }

    @Test
    void shouldFinishATopUpAfterAGatewayCrashFromItsJournalAndCountItInTheDaysTotal()
    {
        final Path journal = dir.resolve("transfers");
        final TopUpPolicy policy = new TopUpPolicy(ALICE, true, List.of(QUOTE), 500, 550);
        final TopUpShards before = new TopUpShards(2, journal, policy);
        final int onOne = before.instrumentOn(1);
        before.fund(0, ALICE, QUOTE, 2_000);
        before.fund(1, ALICE, QUOTE, 1);
        assertThat(before.buy(ALICE, 1, onOne, 10, 50)).isPositive();
        for (int i = 0; i < 100 && before.coordinator.pending() == 0; i++)
        {
            before.client.poll(before.venue.recorder(), 1);
        }
        assertThat(before.coordinator.pending()).as("the top-up's transfer started").isEqualTo(1);
        before.coordinator.close();

        final ShardedVenueClient restarted = new ShardedVenueClient(before.venue.client().table(),
            before.venue.venue(0), before.venue.venue(1));
        final TransferCoordinator coordinator = new TransferCoordinator(journal, restarted);
        final TopUpVenueClient after = new TopUpVenueClient(restarted, restarted, 2, coordinator,
            TopUpShards.policies(policy), 7, () -> before.clock[0]).feedingCoordinator();
        assertThat(coordinator.resendPending()).isEqualTo(1);
        drain(after, coordinator, before);
        assertThat(before.answers(ALICE, 1)).as("the crashed gateway's order: its stale reject at most")
            .allSatisfy(e -> assertThat(e.templateId()).isEqualTo(OrderRejectedDecoder.TEMPLATE_ID));
        assertThat(before.venue.engine(1).balance(ALICE, QUOTE)).as("1 + the shortfall 499").isEqualTo(500);
        assertThat(before.total(ALICE, QUOTE)).isEqualTo(2_001);

        assertThat(after.offer(order(before, ALICE, 2, onOne, 55), 0, ORDER_LENGTH)).as("needs 50 more").isPositive();
        drain(after, coordinator, before);
        assertThat(before.answers(ALICE, 2)).extracting(RecordedEvent::templateId)
            .containsExactly(OrderAcceptedDecoder.TEMPLATE_ID);
        assertThat(after.offer(order(before, ALICE, 3, onOne, 1), 0, ORDER_LENGTH)).isPositive();
        drain(after, coordinator, before);
        assertRejected(before, ALICE, 3, RejectReason.INSUFFICIENT_BALANCE);
        assertThat(after.refused(TopUpRefusal.OVER_DAILY_LIMIT)).as("499 + 50 moved today, 10 more is over 550")
            .isEqualTo(1);
        final List<Long> ids = new ArrayList<>();
        coordinator.forEach((id, recorded, step) ->
        {
            assertThat(step).isEqualTo(TransferStep.COMPLETED);
            ids.add(id);
        });
        assertThat(ids).as("two top-ups, two ids").hasSize(2).doesNotHaveDuplicates()
            .allSatisfy(id -> assertThat(id & TopUpVenueClient.TOP_UP_TRANSFER).isNotZero());
        assertThat(before.total(ALICE, QUOTE)).isEqualTo(2_001);
        assertThat(before.venue.engine(1).held(ALICE, QUOTE)).isEqualTo(550);
    }

    private static void drain(final TopUpVenueClient client, final TransferCoordinator coordinator,
        final TopUpShards shards)
    {
        for (int round = 0; round < 200; round++)
        {
            if (client.poll(shards.venue.recorder(), 100) == 0 && client.tracked() == 0 && coordinator.pending() == 0)
            {
                return;
            }
        }
        throw new AssertionError("not settled: " + client.tracked() + " tracked, " + coordinator.pending());
    }

    private static UnsafeBuffer order(
        final TopUpShards shards, final long accountId, final long clientOrderId, final int instrumentId,
        final long quantity)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
        assertThat(new SbeCommandEncoder().newOrder(buffer, 0, 0, accountId, clientOrderId, instrumentId, Side.BUY,
            OrderType.LIMIT, TimeInForce.GTC, false, SelfTradePrevention.NONE, 10, quantity)).isEqualTo(ORDER_LENGTH);
        return buffer;
    }

    private static void assertRejected(
        final TopUpShards shards, final long accountId, final long clientOrderId, final RejectReason reason)
    {
        assertThat(shards.answers(accountId, clientOrderId)).as("one answer: the original reject").singleElement()
            .satisfies(e ->
            {
                assertThat(e.templateId()).isEqualTo(OrderRejectedDecoder.TEMPLATE_ID);
                assertThat(e.code()).isEqualTo(reason.value());
            });
    }
}
