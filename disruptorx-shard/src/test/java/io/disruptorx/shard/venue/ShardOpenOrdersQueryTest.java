package io.disruptorx.shard.venue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.disruptorx.engine.Side;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.QueryOpenOrdersEncoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.event.OpenOrderDecoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import io.disruptorx.shard.routing.ShardIds;
import io.disruptorx.shard.support.ShardedVenue;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.disruptorx.shard.support.ShardedVenue.BASE;
import static io.disruptorx.shard.support.ShardedVenue.QUOTE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An open-orders query through the sharded client goes to every shard and comes back as one answer: the shards in
 * shard order, each shard's orders as its real engine tells them (instruments in id order, books in priority order),
 * places renumbered over the whole answer and the total on every event, order ids global (the ids the client's
 * OrderAccepted carried); filled and cancelled orders are not in it; an account with none anywhere gets one event
 * with count 0; queries in flight together are kept apart; a query is held while an instrument it may name moves.
 */
class ShardOpenOrdersQueryTest
{
    private static final long ALICE = 11;
    private static final long BOB = 12;
    private static final long NOBODY = 99;
    private static final int INSTRUMENTS = 24;

    private final UnsafeBuffer command = new UnsafeBuffer(new byte[128]);
    private final List<String> answers = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();
    private final Map<Long, Long> orderIds = new HashMap<>();
    private final VenueEventHandler handler = new VenueEventHandler()
    {
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final OpenOrderDecoder open = new OpenOrderDecoder();
        private final OrderAcceptedDecoder accepted = new OrderAcceptedDecoder();

        @Override
        public void onEvent(final long commandSequence, final DirectBuffer buffer, final int offset, final int length)
        {
            header.wrap(buffer, offset);
            final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
            if (header.templateId() == OpenOrderDecoder.TEMPLATE_ID)
            {
                open.wrap(buffer, body, header.blockLength(), header.version());
                answers.add("r" + open.requestId() + " a" + open.accountId() + " " + open.place() + "/" +
                    open.orderCount() + " o" + open.orderId() + " c" + open.clientOrderId() + " i" +
                    open.instrumentId() + " " + open.side() + " " + open.timeInForce() + " " + open.price() + " " +
                    open.quantity() + "/" + open.originalQuantity());
                times.add(open.timestamp());
            }
            else if (header.templateId() == OrderAcceptedDecoder.TEMPLATE_ID)
            {
                accepted.wrap(buffer, body, header.blockLength(), header.version());
                orderIds.put(accepted.clientOrderId(), accepted.orderId());
            }
        }
    };

    @Test
    void shouldJoinTheShardsAnswersInShardOrderWithPlacesRenumberedAndGlobalIds()
    {
        final ShardedVenue venue = venue(3);
        final int[] a = {instrumentOn(venue, 0, 0), instrumentOn(venue, 1, 0), instrumentOn(venue, 2, 0)};
        final int b0 = instrumentOn(venue, 0, 1);
        assertThat(venue.limit(ALICE, 1, a[2], Side.BUY, 99, 5)).isPositive();
        assertThat(venue.limit(ALICE, 2, b0, Side.SELL, 105, 2)).isPositive();
        assertThat(venue.limit(ALICE, 3, a[0], Side.BUY, 98, 1)).isPositive();
        assertThat(venue.limit(ALICE, 4, a[0], Side.BUY, 99, 4)).isPositive();
        assertThat(venue.limit(ALICE, 5, a[1], Side.SELL, 101, 3)).isPositive();
        assertThat(venue.limit(BOB, 50, a[1], Side.BUY, 101, 1)).isPositive();
        assertThat(venue.limit(ALICE, 6, a[1], Side.SELL, 110, 1)).isPositive();
        assertThat(venue.limit(BOB, 51, a[0], Side.BUY, 99, 1)).isPositive();
        drain(venue, 100);
        assertThat(venue.cancel(ALICE, 7, orderIds.get(6L), 0)).isPositive();
        drain(venue, 100);

        assertThat(query(venue, ALICE, 500, 0)).isPositive();
        drain(venue, 100);

        assertThat(answers).containsExactly(
            "r500 a11 0/5 o" + orderIds.get(4L) + " c4 i" + a[0] + " BUY GTC 99 4/4",
            "r500 a11 1/5 o" + orderIds.get(3L) + " c3 i" + a[0] + " BUY GTC 98 1/1",
            "r500 a11 2/5 o" + orderIds.get(2L) + " c2 i" + b0 + " SELL GTC 105 2/2",
            "r500 a11 3/5 o" + orderIds.get(5L) + " c5 i" + a[1] + " SELL GTC 101 2/3",
            "r500 a11 4/5 o" + orderIds.get(1L) + " c1 i" + a[2] + " BUY GTC 99 5/5");
        assertThat(List.of(orderIds.get(4L), orderIds.get(2L), orderIds.get(5L), orderIds.get(1L)))
            .extracting(ShardIds::shardOf).containsExactly(0, 0, 1, 2);
        assertThat(times).as("one answer, one time: the latest shard's").containsOnly(times.get(0));
        assertThat(times.get(0)).isPositive();

        answers.clear();
        assertThat(query(venue, BOB, 501, a[1])).isPositive();
        assertThat(query(venue, NOBODY, 502, 0)).isPositive();
        assertThat(query(venue, ALICE, 503, a[1])).isPositive();
        drain(venue, 100);
        assertThat(answers).as("one event each; a query of one instrument, asked of its shard only, may be answered "
            + "before a query of all sent earlier (answers of different shards come in polling order)")
            .containsExactlyInAnyOrder(
            "r501 a12 0/0 o0 c0 i0 NULL_VAL NULL_VAL 0 0/0",
            "r502 a99 0/0 o0 c0 i0 NULL_VAL NULL_VAL 0 0/0",
            "r503 a11 0/1 o" + orderIds.get(5L) + " c5 i" + a[1] + " SELL GTC 101 2/3");
    }

    @Test
    void shouldKeepQueriesInFlightApartWhenEventsArriveFewAtATime()
    {
        final ShardedVenue venue = venue(2);
        final int a0 = instrumentOn(venue, 0, 0);
        final int a1 = instrumentOn(venue, 1, 0);
        assertThat(venue.limit(ALICE, 1, a1, Side.BUY, 90, 1)).isPositive();
        assertThat(venue.limit(ALICE, 2, a0, Side.BUY, 91, 2)).isPositive();
        assertThat(venue.limit(ALICE, 3, a1, Side.BUY, 92, 3)).isPositive();
        drain(venue, 100);
        for (int shard = 0; shard < 2; shard++)
        {
            venue.venue(shard).deliverAtMost(1);
        }
        assertThat(query(venue, ALICE, 1, 0)).isPositive();
        assertThat(query(venue, NOBODY, 2, 0)).isPositive();
        assertThat(query(venue, ALICE, 3, 0)).isPositive();
        drain(venue, 1);

        final List<String> expected = new ArrayList<>();
        for (final long request : new long[]{1, 3})
        {
            expected.add("r" + request + " a11 0/3 o" + orderIds.get(2L) + " c2 i" + a0 + " BUY GTC 91 2/2");
            expected.add("r" + request + " a11 1/3 o" + orderIds.get(3L) + " c3 i" + a1 + " BUY GTC 92 3/3");
            expected.add("r" + request + " a11 2/3 o" + orderIds.get(1L) + " c1 i" + a1 + " BUY GTC 90 1/1");
        }
        expected.add(3, "r2 a99 0/0 o0 c0 i0 NULL_VAL NULL_VAL 0 0/0");
        assertThat(answers).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldAnswerAfterAShardThatPushedBackTakesTheQuery()
    {
        final ShardedVenue venue = venue(3);
        final int a2 = instrumentOn(venue, 2, 0);
        assertThat(venue.limit(ALICE, 1, a2, Side.SELL, 120, 1)).isPositive();
        drain(venue, 100);
        venue.venue(2).refuse(VenueClient.BACK_PRESSURED);
        assertThat(query(venue, ALICE, 4, 0)).isPositive();
        drain(venue, 100);
        assertThat(answers).as("shard 2 has not answered").isEmpty();

        venue.venue(2).refuse(0);
        drain(venue, 100);
        assertThat(answers).containsExactly("r4 a11 0/1 o" + orderIds.get(1L) + " c1 i" + a2 + " SELL GTC 120 1/1");
    }

    @Test
    void shouldHoldAQueryWhileAnInstrumentItMayNameMovesAndAnswerItAfter()
    {
        final ShardedVenue venue = venue(2);
        final int moving = instrumentOn(venue, 0, 0);
        final int other = instrumentOn(venue, 1, 0);
        assertThat(venue.limit(ALICE, 1, moving, Side.BUY, 95, 2)).isPositive();
        assertThat(venue.limit(ALICE, 2, other, Side.BUY, 96, 1)).isPositive();
        drain(venue, 100);
        venue.client().beginMove(moving);
        assertThat(query(venue, ALICE, 8, 0)).isPositive();
        drain(venue, 100);
        assertThat(answers).as("held during the move").isEmpty();

        venue.client().endMove(null);
        drain(venue, 100);
        assertThat(answers).containsExactly(
            "r8 a11 0/2 o" + orderIds.get(1L) + " c1 i" + moving + " BUY GTC 95 2/2",
            "r8 a11 1/2 o" + orderIds.get(2L) + " c2 i" + other + " BUY GTC 96 1/1");

        answers.clear();
        venue.client().beginMove(moving);
        assertThat(query(venue, ALICE, 9, other)).isPositive();
        drain(venue, 100);
        assertThat(answers).as("another instrument's query is not held")
            .containsExactly("r9 a11 0/1 o" + orderIds.get(2L) + " c2 i" + other + " BUY GTC 96 1/1");
        venue.client().endMove(null);
    }

    private static ShardedVenue venue(final int shards)
    {
        final ShardedVenue venue = ShardedVenue.of(shards);
        for (int id = 1; id <= INSTRUMENTS; id++)
        {
            assertThat(venue.addInstrument(id)).isPositive();
        }
        venue.fundEverywhere(ALICE, QUOTE, 1_000_000);
        venue.fundEverywhere(ALICE, BASE, 1_000);
        venue.fundEverywhere(BOB, QUOTE, 1_000_000);
        venue.fundEverywhere(BOB, BASE, 1_000);
        venue.drain();
        venue.recorder().clear();
        return venue;
    }

    /**
     * @return the instrument with the lowest id but {@code skip} on the shard.
     */
    private static int instrumentOn(final ShardedVenue venue, final int shard, final int skip)
    {
        int seen = 0;
        for (int id = 1; id <= INSTRUMENTS; id++)
        {
            if (venue.client().table().shardOf(id) == shard && seen++ == skip)
            {
                return id;
            }
        }
        throw new AssertionError("no instrument " + skip + " on shard " + shard);
    }

    private long query(final ShardedVenue venue, final long accountId, final long requestId, final int instrumentId)
    {
        final QueryOpenOrdersEncoder encoder = new QueryOpenOrdersEncoder();
        encoder.wrapAndApplyHeader(command, 0, new MessageHeaderEncoder()).timestamp(0).accountId(accountId)
            .requestId(requestId).instrumentId(instrumentId);
        return venue.client().offer(command, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    private void drain(final ShardedVenue venue, final int limit)
    {
        while (venue.client().poll(handler, limit) > 0)
        {
            assertThat(answers.size()).as("answers so far").isLessThan(1_000);
        }
    }
}
