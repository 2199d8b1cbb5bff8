package io.disruptorx.shard.venue;

import io.disruptorx.engine.Side;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.QueryBalancesEncoder;
import io.disruptorx.protocol.sbe.command.QueryOpenOrdersEncoder;
import io.disruptorx.protocol.sbe.event.AccountBalanceDecoder;
import io.disruptorx.protocol.sbe.event.CancelRejectedDecoder;
import io.disruptorx.protocol.sbe.event.OpenOrderDecoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderCancelledDecoder;
import io.disruptorx.protocol.sbe.event.RejectReason;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.shard.support.RecordedEvent;
import io.disruptorx.shard.support.ShardedVenue;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.disruptorx.shard.support.ShardedVenue.QUOTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The hold of a gateway starting ({@link RoutesCatchUp}) over two real engines: when the routes are overdue, one
 * account's held query is answered before its held and later cancels by global id are refused, in the order they
 * came, also when the bound on that wait started after the query was sent (its first mark); while the held commands
 * still drain after the routes are known, a cancel of an account with commands queued is pushed back, never refused;
 * and the refusals of a full hold fit in the room made when it began.
 */
class CatchUpHoldTest
{
    private static final long ALICE = 11;
    private static final long BOB = 12;
    private static final int INSTRUMENTS = 8;
    private static final int HALTED = RejectReason.INSTRUMENT_HALTED.value();

    private final UnsafeBuffer command = new UnsafeBuffer(new byte[128]);
    private ShardedVenue venue;
    private RoutesCatchUp catchUp;
    private int onOne;
    private long aliceOrder;
    private long bobOrder;

    @BeforeEach
    void setUp()
    {
        venue = ShardedVenue.of(2);
        for (int id = 1; id <= INSTRUMENTS; id++)
        {
            assertThat(venue.addInstrument(id)).isPositive();
        }
        venue.fundEverywhere(ALICE, QUOTE, 1_000_000);
        venue.fundEverywhere(BOB, QUOTE, 1_000_000);
        onOne = instrumentOn(1);
        assertThat(venue.limit(ALICE, 1, onOne, Side.BUY, 99, 5)).isPositive();
        assertThat(venue.limit(BOB, 2, onOne, Side.BUY, 98, 5)).isPositive();
        venue.drain();
        aliceOrder = accepted(1);
        bobOrder = accepted(2);
        venue.recorder().clear();
        catchUp = venue.client().routesCatchUp();
    }

    @Test
    void shouldAnswerAnAccountsHeldQueryBeforeRefusingItsLaterCancelsWhenTheRoutesAreOverdue()
    {
        catchUp.begin();
        assertThat(query(ALICE, 500, onOne)).isPositive();
        assertThat(venue.cancel(ALICE, 501, aliceOrder, 0)).isPositive();
        catchUp.overdue();
        assertThat(venue.cancel(ALICE, 502, aliceOrder, 0)).as("queued behind her query, refused in its turn")
            .isPositive();
        venue.drain();

        assertThat(venue.recorder().matching(event -> event.accountId() == ALICE))
            .extracting(RecordedEvent::templateId, RecordedEvent::requestId)
            .containsExactly(tuple(OpenOrderDecoder.TEMPLATE_ID, 500L),
                tuple(CancelRejectedDecoder.TEMPLATE_ID, 501L), tuple(CancelRejectedDecoder.TEMPLATE_ID, 502L));
        assertThat(venue.recorder().of(CancelRejectedDecoder.TEMPLATE_ID)).extracting(RecordedEvent::code)
            .containsOnly(HALTED);
        assertThat(catchUp.refusals()).isEqualTo(2);
        assertThat(catchUp.held()).isEqualTo(3);
        assertThat(resting(onOne)).as("nothing cancelled").isEqualTo(2);
    }

    @Test
    void shouldStillWaitForAnAnswerSentBeforeTheFirstBoundOnTheWaitForAnswers()
    {
        catchUp.begin();
        assertThat(queryBalances(ALICE, 500)).isPositive();
        assertThat(venue.cancel(ALICE, 501, aliceOrder, 0)).isPositive();
        catchUp.overdue();
        catchUp.answersOverdue();
        venue.drain();

        assertThat(venue.recorder().matching(event -> event.templateId() == AccountBalanceDecoder.TEMPLATE_ID ||
            event.templateId() == CancelRejectedDecoder.TEMPLATE_ID)).extracting(RecordedEvent::templateId)
            .as("the query's answer, then the refusal: one mark only starts the bound")
            .contains(AccountBalanceDecoder.TEMPLATE_ID).endsWith(CancelRejectedDecoder.TEMPLATE_ID)
            .containsOnlyOnce(CancelRejectedDecoder.TEMPLATE_ID);
        assertThat(venue.recorder().balances()).extracting(line -> line.requestId()).containsOnly(500L);
        assertThat(catchUp.refusals()).isEqualTo(1);
    }

    @Test
    void shouldPushBackACancelOfAnAccountWithCommandsQueuedInsteadOfRefusingItAheadOfThem()
    {
        catchUp.begin();
        for (int i = 0; i < CatchUpHold.LIMIT; i++)
        {
            assertThat(venue.cancel(ALICE, 1_000 + i, aliceOrder, 0)).isPositive();
        }
        assertThat(venue.cancel(BOB, 98, bobOrder, 0)).as("full: refused, Bob has nothing queued").isPositive();
        assertThat(venue.cancel(ALICE, 97, aliceOrder, 0)).as("full: Alice's would overtake hers")
            .isEqualTo(VenueClient.BACK_PRESSURED);
        assertThat(catchUp.refusals()).isEqualTo(1);

        catchUp.caughtUp();
        assertThat(venue.cancel(ALICE, 99, aliceOrder, 0)).as("the routes are known: not refused, pushed back until "
            + "the full queue drained").isEqualTo(VenueClient.BACK_PRESSURED);
        assertThat(catchUp.refusals()).isEqualTo(1);
        venue.drain();
        assertThat(venue.cancel(ALICE, 99, aliceOrder, 0)).isPositive();
        venue.drain();

        assertThat(venue.recorder().of(OrderCancelledDecoder.TEMPLATE_ID)).extracting(RecordedEvent::requestId)
            .containsExactly(1_000L);
        assertThat(venue.recorder().of(CancelRejectedDecoder.TEMPLATE_ID))
            .filteredOn(event -> event.code() == HALTED).extracting(RecordedEvent::requestId).containsExactly(98L);
        assertThat(venue.recorder().of(CancelRejectedDecoder.TEMPLATE_ID)).as("Alice's others: the order ended")
            .filteredOn(event -> event.accountId() == ALICE).hasSize(CatchUpHold.LIMIT)
            .allSatisfy(event -> assertThat(event.code()).isEqualTo(RejectReason.UNKNOWN_ORDER.value()));
    }

    @Test
    void shouldRefuseEveryCommandOfAFullHoldWithoutGrowingTheRoomForAnswersMadeWhenItBegan()
    {
        catchUp.begin();
        final int capacity = venue.client().localCapacity();
        for (int i = 0; i < CatchUpHold.LIMIT - 1; i++)
        {
            assertThat(venue.cancel(ALICE, 1_000 + i, aliceOrder, 0)).isPositive();
        }
        assertThat(venue.massCancel(BOB, onOne, 99)).isPositive();
        catchUp.overdue();
        assertThat(venue.client().poll(venue.recorder(), 1)).isEqualTo(1);
        assertThat(catchUp.refusals()).as("every one refused in one duty cycle").isEqualTo(CatchUpHold.LIMIT);
        assertThat(venue.client().localCapacity()).as("no room added during the burst").isEqualTo(capacity);

        venue.drain();
        assertThat(venue.recorder().of(CancelRejectedDecoder.TEMPLATE_ID)).hasSize(CatchUpHold.LIMIT - 1)
            .extracting(RecordedEvent::code).containsOnly(HALTED);
        assertThat(resting(onOne)).isEqualTo(2);
    }

    private long query(final long accountId, final long requestId, final int instrumentId)
    {
        final QueryOpenOrdersEncoder encoder = new QueryOpenOrdersEncoder();
        encoder.wrapAndApplyHeader(command, 0, new MessageHeaderEncoder()).timestamp(0).accountId(accountId)
            .requestId(requestId).instrumentId(instrumentId);
        return venue.client().offer(command, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    private long queryBalances(final long accountId, final long requestId)
    {
        final QueryBalancesEncoder encoder = new QueryBalancesEncoder();
        encoder.wrapAndApplyHeader(command, 0, new MessageHeaderEncoder()).timestamp(0).accountId(accountId)
            .requestId(requestId).userId(0);
        return venue.client().offer(command, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    private int resting(final int instrumentId)
    {
        return venue.engine(1).moves().visitBook(instrumentId,
            (id, base, quote, tick, lot, priceScale, quantityScale, makerFee, takerFee, reference, band, protection) ->
            {
            });
    }

    private long accepted(final long clientOrderId)
    {
        return venue.recorder().of(OrderAcceptedDecoder.TEMPLATE_ID).stream()
            .filter(event -> event.requestId() == clientOrderId).findFirst().orElseThrow().orderId();
    }

    private int instrumentOn(final int shard)
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
