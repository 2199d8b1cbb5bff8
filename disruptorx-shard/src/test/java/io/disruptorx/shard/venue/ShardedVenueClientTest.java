package io.disruptorx.shard.venue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.disruptorx.engine.Side;
import io.disruptorx.protocol.sbe.event.AdminResultDecoder;
import io.disruptorx.protocol.sbe.event.AdminType;
import io.disruptorx.protocol.sbe.event.CancelRejectedDecoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderCancelledDecoder;
import io.disruptorx.protocol.sbe.event.RejectReason;
import io.disruptorx.protocol.sbe.event.TradeDecoder;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.shard.routing.ShardIds;
import io.disruptorx.shard.support.RecordedEvent;
import io.disruptorx.shard.support.ShardedVenue;
import org.junit.jupiter.api.Test;

import static io.disruptorx.shard.support.ShardedVenue.BASE;
import static io.disruptorx.shard.support.ShardedVenue.QUOTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardedVenueClientTest
{
    private static final long ALICE = 11;
    private static final long BOB = 12;
    private static final int INSTRUMENTS = 24;

    private static ShardedVenue venueWithInstruments(final int shards)
    {
        final ShardedVenue venue = ShardedVenue.of(shards);
        for (int id = 1; id <= INSTRUMENTS; id++)
        {
            assertThat(venue.addInstrument(id)).isPositive();
        }
        venue.fundEverywhere(ALICE, BASE, 1_000_000);
        venue.fundEverywhere(ALICE, QUOTE, 100_000_000);
        venue.fundEverywhere(BOB, BASE, 1_000_000);
        venue.fundEverywhere(BOB, QUOTE, 100_000_000);
        venue.drain();
        venue.recorder().clear();
        return venue;
    }

    @Test
    void shouldSendEachInstrumentToTheShardTheTableNames()
    {
        final ShardedVenue venue = venueWithInstruments(3);
        final Set<Integer> used = new HashSet<>();
        for (int id = 1; id <= INSTRUMENTS; id++)
        {
            final int owner = venue.client().table().shardOf(id);
            used.add(owner);
            for (int shard = 0; shard < 3; shard++)
            {
                assertThat(venue.engine(shard).referencePrice(id)).as("instrument %d on shard %d", id, shard)
                    .isEqualTo(shard == owner ? 100 : 0);
            }
        }
        assertThat(used).as("24 instruments over 3 shards use every shard").hasSize(3);
    }

    @Test
    void shouldHandOutGlobalOrderIdsAndRouteCancelsByThem()
    {
        final ShardedVenue venue = venueWithInstruments(3);
        for (int id = 1; id <= INSTRUMENTS; id++)
        {
            assertThat(venue.limit(ALICE, id, id, Side.BUY, 99, 5)).isPositive();
        }
        venue.drain();
        final List<RecordedEvent> accepted = venue.recorder().of(OrderAcceptedDecoder.TEMPLATE_ID);
        assertThat(accepted).hasSize(INSTRUMENTS);
        assertThat(accepted.stream().map(RecordedEvent::orderId).distinct().count()).isEqualTo(INSTRUMENTS);
        for (final RecordedEvent event : accepted)
        {
            assertThat(ShardIds.shardOf(event.orderId()))
                .isEqualTo(venue.client().table().shardOf(event.instrumentId()));
        }

        venue.recorder().clear();
        for (final RecordedEvent event : accepted)
        {
            assertThat(venue.cancel(ALICE, 1000 + event.instrumentId(), event.orderId(), 0)).isPositive();
        }
        venue.drain();
        assertThat(venue.recorder().of(OrderCancelledDecoder.TEMPLATE_ID)).extracting(RecordedEvent::orderId)
            .containsExactlyInAnyOrderElementsOf(accepted.stream().map(RecordedEvent::orderId).toList());
        for (int shard = 0; shard < 3; shard++)
        {
            assertThat(venue.engine(shard).restingOrderCount()).isZero();
        }
    }

    @Test
    void shouldGiveTradesGlobalOrderAndTradeIds()
    {
        final ShardedVenue venue = venueWithInstruments(2);
        for (int id = 1; id <= 4; id++)
        {
            venue.limit(ALICE, id, id, Side.SELL, 100, 2);
            venue.limit(BOB, id, id, Side.BUY, 100, 2);
        }
        venue.drain();
        final List<RecordedEvent> accepted = venue.recorder().of(OrderAcceptedDecoder.TEMPLATE_ID);
        final List<RecordedEvent> trades = venue.recorder().of(TradeDecoder.TEMPLATE_ID);
        assertThat(trades).hasSize(4);
        final Set<Long> orderIds = new HashSet<>(accepted.stream().map(RecordedEvent::orderId).toList());
        for (final RecordedEvent trade : trades)
        {
            assertThat(orderIds).contains(trade.orderId(), trade.otherOrderId());
            assertThat(ShardIds.shardOf(trade.requestId())).as("trade id's shard")
                .isEqualTo(venue.client().table().shardOf(trade.instrumentId()));
        }
        assertThat(trades.stream().map(RecordedEvent::requestId).distinct().count()).isEqualTo(4);
    }

    @Test
    void shouldMergeAMassCancelOfEveryInstrumentIntoOneResultAfterItsCancels()
    {
        final ShardedVenue venue = venueWithInstruments(3);
        for (int id = 1; id <= INSTRUMENTS; id++)
        {
            venue.limit(ALICE, id, id, Side.BUY, 98, 1);
        }
        venue.drain();
        venue.recorder().clear();

        assertThat(venue.massCancel(ALICE, 0, 77)).isPositive();
        venue.drain();

        final List<RecordedEvent> events = venue.recorder().events();
        assertThat(venue.recorder().of(OrderCancelledDecoder.TEMPLATE_ID)).hasSize(INSTRUMENTS);
        assertThat(venue.recorder().of(AdminResultDecoder.TEMPLATE_ID)).singleElement()
            .satisfies(result ->
            {
                assertThat(result.code()).isEqualTo(AdminType.MASS_CANCEL.value());
                assertThat(result.subjectId()).isEqualTo(ALICE);
                assertThat(result.result()).isEqualTo(RejectReason.NONE.value());
            });
        assertThat(events.get(events.size() - 1).templateId()).as("the result comes last")
            .isEqualTo(AdminResultDecoder.TEMPLATE_ID);
    }

    @Test
    void shouldKeepTheResultOfAOneInstrumentMassCancelApartFromAnEveryInstrumentOne()
    {
        final ShardedVenue venue = venueWithInstruments(2);
        venue.limit(ALICE, 1, 1, Side.BUY, 98, 1);
        venue.drain();
        venue.recorder().clear();

        venue.massCancel(ALICE, 1, 5);
        venue.massCancel(ALICE, 0, 6);
        venue.drain();

        assertThat(venue.recorder().of(AdminResultDecoder.TEMPLATE_ID)).hasSize(2);
        assertThat(venue.recorder().of(OrderCancelledDecoder.TEMPLATE_ID)).singleElement()
            .extracting(RecordedEvent::requestId).isEqualTo(5L);
    }

    @Test
    void shouldMergeTheReplyOfACommandEveryShardApplies()
    {
        final ShardedVenue venue = venueWithInstruments(4);
        assertThat(venue.setRiskLimits(ALICE, 10, false)).isPositive();
        assertThat(venue.setRiskLimits(-5, 10, false)).isPositive();
        venue.drain();

        final List<RecordedEvent> results = venue.recorder().of(AdminResultDecoder.TEMPLATE_ID);
        assertThat(results).extracting(RecordedEvent::subjectId).containsExactly(ALICE, -5L);
        assertThat(results.get(0).result()).isEqualTo(RejectReason.NONE.value());
        assertThat(results.get(1).result()).isEqualTo(RejectReason.UNKNOWN_ACCOUNT.value());
        for (int id = 1; id <= INSTRUMENTS; id++)
        {
            venue.limit(ALICE, id, id, Side.BUY, 98, 11);
        }
        venue.drain();
        assertThat(venue.recorder().of(OrderAcceptedDecoder.TEMPLATE_ID)).as("the limit holds on every shard")
            .isEmpty();
    }

    @Test
    void shouldFindAnOrderByClientOrderIdOnWhicheverShardHoldsIt()
    {
        final ShardedVenue venue = venueWithInstruments(3);
        venue.limit(ALICE, 555, 7, Side.SELL, 120, 3);
        venue.drain();
        final long orderId = venue.recorder().of(OrderAcceptedDecoder.TEMPLATE_ID).get(0).orderId();
        venue.recorder().clear();

        assertThat(venue.cancel(ALICE, 9, 0, 555)).isPositive();
        assertThat(venue.cancel(ALICE, 10, 0, 556)).isPositive();
        venue.drain();

        assertThat(venue.recorder().of(OrderCancelledDecoder.TEMPLATE_ID)).singleElement()
            .extracting(RecordedEvent::orderId).isEqualTo(orderId);
        assertThat(venue.recorder().of(CancelRejectedDecoder.TEMPLATE_ID)).singleElement().satisfies(reject ->
        {
            assertThat(reject.requestId()).isEqualTo(10);
            assertThat(reject.code()).isEqualTo(RejectReason.UNKNOWN_ORDER.value());
        });
    }

    @Test
    void shouldRefuseAnOrderIdThatNamesNoShardWithoutSendingIt()
    {
        final ShardedVenue venue = venueWithInstruments(3);
        final long taken = venue.venue(0).commandsTaken() + venue.venue(1).commandsTaken() +
            venue.venue(2).commandsTaken();

        assertThat(venue.cancel(ALICE, 4, ShardIds.global(7, 1), 0)).isPositive();
        venue.drain();

        assertThat(venue.recorder().of(CancelRejectedDecoder.TEMPLATE_ID)).singleElement()
            .satisfies(reject -> assertThat(reject.orderId()).isEqualTo(ShardIds.global(7, 1)));
        assertThat(venue.client().unknownShardRefusals()).isEqualTo(1);
        assertThat(venue.venue(0).commandsTaken() + venue.venue(1).commandsTaken() + venue.venue(2).commandsTaken())
            .isEqualTo(taken);
    }

    @Test
    void shouldOfferAFanOutAgainToAShardThatPushedBack()
    {
        final ShardedVenue venue = venueWithInstruments(3);
        venue.venue(1).refuse(VenueClient.BACK_PRESSURED);

        assertThat(venue.setRiskLimits(ALICE, 10, true)).isPositive();
        venue.drain();
        assertThat(venue.recorder().of(AdminResultDecoder.TEMPLATE_ID)).as("shard 1 has not answered").isEmpty();

        venue.venue(1).refuse(0);
        venue.drain();
        assertThat(venue.recorder().of(AdminResultDecoder.TEMPLATE_ID)).hasSize(1);
    }

    @Test
    void shouldPassOnBackPressureWhenNoShardTookAFanOut()
    {
        final ShardedVenue venue = venueWithInstruments(2);
        venue.venue(0).refuse(VenueClient.BACK_PRESSURED);
        assertThat(venue.setRiskLimits(ALICE, 10, false)).isEqualTo(VenueClient.BACK_PRESSURED);
        assertThat(venue.limit(ALICE, 1, firstInstrumentOn(venue, 0), Side.BUY, 99, 1))
            .isEqualTo(VenueClient.BACK_PRESSURED);
        venue.venue(0).refuse(0);
        venue.drain();
        assertThat(venue.recorder().events()).isEmpty();
    }

    @Test
    void shouldFollowANewerTableForTheNextCommands()
    {
        final ShardedVenue venue = venueWithInstruments(2);
        final int from = venue.client().table().shardOf(3);
        final int to = 1 - from;
        venue.engine(to).addInstrument(venue.venue(to).nextTimestamp(), 3, BASE, QUOTE, 1, 1, 0, 0, 0, 0, 100, 0,
            10_000);

        venue.client().follow(venue.client().table().withOverride(3, to));
        venue.limit(ALICE, 1, 3, Side.BUY, 99, 1);
        venue.drain();

        assertThat(venue.engine(to).restingOrderCount()).isEqualTo(1);
        assertThat(venue.engine(from).restingOrderCount()).isZero();
        assertThatThrownBy(() -> venue.client().follow(venue.client().table()))
            .hasMessageContaining("not newer");
    }

    @Test
    void shouldSendDepositsToTheAccountsHomeShard()
    {
        final ShardedVenue venue = venueWithInstruments(3);
        final int home = venue.client().table().homeShardOf(42);
        assertThat(venue.adjustBalance(42, QUOTE, 500)).isPositive();
        for (int shard = 0; shard < 3; shard++)
        {
            assertThat(venue.engine(shard).balance(42, QUOTE)).isEqualTo(shard == home ? 500 : 0);
        }
    }

    @Test
    void shouldCloseEveryShard()
    {
        final ShardedVenue venue = venueWithInstruments(2);
        venue.client().close();
        assertThat(venue.limit(ALICE, 1, 1, Side.BUY, 99, 1)).isEqualTo(VenueClient.CLOSED);
        assertThat(venue.venue(0).offer(new org.agrona.concurrent.UnsafeBuffer(new byte[8]), 0, 8))
            .isEqualTo(VenueClient.CLOSED);
    }

    private static int firstInstrumentOn(final ShardedVenue venue, final int shard)
    {
        for (int id = 1; id <= INSTRUMENTS; id++)
        {
            if (venue.client().table().shardOf(id) == shard)
            {
                return id;
            }
        }
        throw new AssertionError("no instrument on shard " + shard);
    }
}
