package io.disruptorx.shard.venue;

import java.util.ArrayList;
import java.util.List;

import io.disruptorx.engine.Side;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.QueryBalancesEncoder;
import io.disruptorx.protocol.sbe.command.TransferInEncoder;
import io.disruptorx.protocol.sbe.command.TransferOutEncoder;
import io.disruptorx.protocol.sbe.event.AccountBalanceDecoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import io.disruptorx.shard.support.ShardedVenue;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static io.disruptorx.shard.support.ShardedVenue.BASE;
import static io.disruptorx.shard.support.ShardedVenue.QUOTE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A balance query through the sharded client goes to every shard and comes back as one answer: each asset the
 * account has on any shard, its free and locked amounts summed over the shards, checked against the real engines'
 * ledgers after deposits on some shards only and resting orders that hold funds on others.
 */
class ShardBalanceQueryTest
{
    private static final long ALICE = 11;
    private static final long NOBODY = 99;
    private static final int INSTRUMENTS = 24;

    private final UnsafeBuffer command = new UnsafeBuffer(new byte[128]);
    private final List<long[]> answers = new ArrayList<>();
    private final VenueEventHandler balances = new VenueEventHandler()
    {
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final AccountBalanceDecoder balance = new AccountBalanceDecoder();

        @Override
        public void onEvent(final long commandSequence, final DirectBuffer buffer, final int offset, final int length)
        {
            header.wrap(buffer, offset);
            if (header.templateId() == AccountBalanceDecoder.TEMPLATE_ID)
            {
                balance.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
                    header.version());
                answers.add(new long[]{balance.requestId(), balance.accountId(), balance.assetId(), balance.free(),
                    balance.locked(), balance.assetCount(), balance.timestamp()});
            }
        }
    };

    @Test
    void shouldSumEachAssetOverTheShardsWhereTheAccountHasIt()
    {
        final ShardedVenue venue = venue(3);
        fund(venue, 0, QUOTE, 1_000);
        fund(venue, 1, QUOTE, 20_000);
        fund(venue, 1, BASE, 7);
        fund(venue, 2, QUOTE, 300_000);
        // a resting buy on shard 2 holds 5 x 99 of its quote; one on shard 1 holds 2 x 98
        assertThat(venue.limit(ALICE, 1, instrumentOn(venue, 2), Side.BUY, 99, 5)).isPositive();
        assertThat(venue.limit(ALICE, 2, instrumentOn(venue, 1), Side.BUY, 98, 2)).isPositive();
        venue.drain();

        assertThat(query(venue, ALICE, 500)).isPositive();
        drain(venue, 100);

        assertThat(answers).hasSize(2);
        assertAnswer(answers.get(0), 500, BASE, 7, 0, 2);
        assertAnswer(answers.get(1), 500, QUOTE, 321_000 - 5 * 99 - 2 * 98, 5 * 99 + 2 * 98, 2);
        long free = 0;
        long held = 0;
        for (int shard = 0; shard < 3; shard++)
        {
            free += venue.engine(shard).balance(ALICE, QUOTE) - venue.engine(shard).held(ALICE, QUOTE);
            held += venue.engine(shard).held(ALICE, QUOTE);
        }
        assertThat(answers.get(1)[3]).as("free, as the engines' ledgers say").isEqualTo(free);
        assertThat(answers.get(1)[4]).as("locked, as the engines' ledgers say").isEqualTo(held);
        assertThat(answers.get(0)[6]).as("the venue's time").isPositive();
    }

    @Test
    void shouldAnswerOnceWithNothingForAnAccountNoShardKnows()
    {
        final ShardedVenue venue = venue(3);
        assertThat(query(venue, NOBODY, 7)).isPositive();
        drain(venue, 100);
        assertThat(answers).singleElement().satisfies(answer -> assertAnswer(answer, 7, 0, 0, 0, 0));
    }

    @Test
    void shouldKeepQueriesInFlightApartWhenEventsArriveFewAtATime()
    {
        final ShardedVenue venue = venue(2);
        fund(venue, 0, QUOTE, 10);
        fund(venue, 1, BASE, 3);
        fund(venue, 1, QUOTE, 5);
        for (int shard = 0; shard < 2; shard++)
        {
            venue.venue(shard).deliverAtMost(1);
        }
        assertThat(query(venue, ALICE, 1)).isPositive();
        assertThat(query(venue, NOBODY, 2)).isPositive();
        assertThat(query(venue, ALICE, 3)).isPositive();
        drain(venue, 1);

        assertThat(answers).extracting(answer -> answer[0]).containsExactly(1L, 1L, 2L, 3L, 3L);
        assertAnswer(answers.get(0), 1, BASE, 3, 0, 2);
        assertAnswer(answers.get(1), 1, QUOTE, 15, 0, 2);
        assertAnswer(answers.get(2), 2, 0, 0, 0, 0);
        assertAnswer(answers.get(3), 3, BASE, 3, 0, 2);
        assertAnswer(answers.get(4), 3, QUOTE, 15, 0, 2);
    }

    @Test
    void shouldAnswerAfterAShardThatPushedBackTakesTheQuery()
    {
        final ShardedVenue venue = venue(3);
        fund(venue, 0, QUOTE, 10);
        fund(venue, 2, QUOTE, 30);
        venue.venue(2).refuse(VenueClient.BACK_PRESSURED);
        assertThat(query(venue, ALICE, 4)).isPositive();
        drain(venue, 100);
        assertThat(answers).as("shard 2 has not answered").isEmpty();

        venue.venue(2).refuse(0);
        drain(venue, 100);
        assertThat(answers).singleElement().satisfies(answer -> assertAnswer(answer, 4, QUOTE, 40, 0, 1));
    }

    @Test
    void shouldKeepATransferStepBehindTheQueryItsShardPushedBackSoTheAmountIsNotCountedTwice()
    {
        final ShardedVenue venue = venue(2);
        fund(venue, 0, QUOTE, 50);
        venue.venue(1).refuse(VenueClient.BACK_PRESSURED);
        assertThat(query(venue, ALICE, 6)).as("taken by shard 0, owed to shard 1").isPositive();
        assertThat(transfer(venue, true, 0)).as("TransferOut at the source, after the query").isPositive();

        venue.venue(1).refuse(0);
        assertThat(transfer(venue, false, 1)).as("TransferIn, offered before the query it came after reached shard 1")
            .isEqualTo(VenueClient.BACK_PRESSURED);
        assertThat(venue.limit(ALICE, 1, instrumentOn(venue, 1), Side.BUY, 100, 1))
            .as("any command for shard 1 waits for the query too").isEqualTo(VenueClient.BACK_PRESSURED);
        drain(venue, 100);
        assertThat(answers).as("shard 0 counted the 50 before it left; shard 1 answered before it arrived")
            .singleElement().satisfies(answer -> assertAnswer(answer, 6, QUOTE, 50, 0, 1));

        assertThat(transfer(venue, false, 1)).as("TransferIn once the query is taken").isPositive();
        drain(venue, 100);
        answers.clear();
        assertThat(query(venue, ALICE, 7)).isPositive();
        drain(venue, 100);
        assertThat(answers).as("after the transfer: on shard 1").extracting(answer -> answer[3]).containsExactly(50L);
    }

    @Test
    void shouldHoldAQueryWhileAnInstrumentMovesAndAnswerItAfter()
    {
        final ShardedVenue venue = venue(2);
        fund(venue, 0, QUOTE, 10);
        venue.client().beginMove(instrumentOn(venue, 0));
        assertThat(query(venue, ALICE, 8)).isPositive();
        drain(venue, 100);
        assertThat(answers).as("held during the move").isEmpty();

        venue.client().endMove(null);
        drain(venue, 100);
        assertThat(answers).singleElement().satisfies(answer -> assertAnswer(answer, 8, QUOTE, 10, 0, 1));
    }

    @Test
    void shouldHoldOnlyTheQueriesOfAccountsWhoseOrdersMove()
    {
        final ShardedVenue venue = venue(2);
        fund(venue, 0, QUOTE, 10);
        venue.client().beginMove(instrumentOn(venue, 0));
        venue.client().movingAccounts(new long[]{NOBODY});
        assertThat(query(venue, ALICE, 1)).isPositive();
        assertThat(query(venue, NOBODY, 2)).isPositive();
        drain(venue, 100);
        assertThat(answers).as("ALICE has no order that moves: answered during the move")
            .singleElement().satisfies(answer -> assertAnswer(answer, 1, QUOTE, 10, 0, 1));

        venue.client().endMove(null);
        drain(venue, 100);
        assertThat(answers).extracting(answer -> answer[0]).containsExactly(1L, 2L);
    }

    @Test
    void shouldAnswerQueriesOfAnOwnMoveUntilItNamesItsAccounts()
    {
        final ShardedVenue venue = venue(2);
        fund(venue, 1, QUOTE, 30);
        venue.client().beginOwnMove(instrumentOn(venue, 1));
        assertThat(query(venue, ALICE, 3)).isPositive();
        drain(venue, 100);
        assertThat(answers).as("before the move touches funds").singleElement()
            .satisfies(answer -> assertAnswer(answer, 3, QUOTE, 30, 0, 1));

        venue.client().movingAccounts(new long[]{ALICE, ALICE});
        assertThat(query(venue, ALICE, 5)).isPositive();
        drain(venue, 100);
        assertThat(answers).as("held once ALICE's orders may move").hasSize(1);
        venue.client().endMove(null);
        drain(venue, 100);
        assertThat(answers).extracting(answer -> answer[0]).containsExactly(3L, 5L);
    }

    private static ShardedVenue venue(final int shards)
    {
        final ShardedVenue venue = ShardedVenue.of(shards);
        for (int id = 1; id <= INSTRUMENTS; id++)
        {
            assertThat(venue.addInstrument(id)).isPositive();
        }
        venue.drain();
        venue.recorder().clear();
        return venue;
    }

    private static void fund(final ShardedVenue venue, final int shard, final int asset, final long amount)
    {
        venue.engine(shard).adjustBalance(venue.venue(shard).nextTimestamp(), ALICE, asset, amount);
    }

    private static int instrumentOn(final ShardedVenue venue, final int shard)
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

    private long query(final ShardedVenue venue, final long accountId, final long requestId)
    {
        final QueryBalancesEncoder encoder = new QueryBalancesEncoder();
        encoder.wrapAndApplyHeader(command, 0, new MessageHeaderEncoder()).timestamp(0).accountId(accountId)
            .requestId(requestId).userId(0);
        return venue.client().offer(command, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    /**
     * Offers transfer 71's TransferOut or TransferIn of ALICE's 50 QUOTE to a shard, as the transfer coordinator does.
     */
    private long transfer(final ShardedVenue venue, final boolean out, final int shard)
    {
        final int length;
        if (out)
        {
            length = MessageHeaderEncoder.ENCODED_LENGTH + new TransferOutEncoder()
                .wrapAndApplyHeader(command, 0, new MessageHeaderEncoder()).timestamp(0).transferId(71)
                .accountId(ALICE).assetId(QUOTE).amount(50).encodedLength();
        }
        else
        {
            length = MessageHeaderEncoder.ENCODED_LENGTH + new TransferInEncoder()
                .wrapAndApplyHeader(command, 0, new MessageHeaderEncoder()).timestamp(0).transferId(71)
                .accountId(ALICE).assetId(QUOTE).amount(50).encodedLength();
        }
        return venue.client().offerTo(shard, command, 0, length);
    }

    private void drain(final ShardedVenue venue, final int limit)
    {
        while (venue.client().poll(balances, limit) > 0)
        {
            assertThat(answers.size()).as("answers so far").isLessThan(1_000);
        }
    }

    private static void assertAnswer(final long[] answer, final long requestId, final int asset, final long free,
        final long locked, final int count)
    {
        assertThat(answer[0]).as("request id").isEqualTo(requestId);
        assertThat(answer[1]).as("account").isEqualTo(requestId == 2 || requestId == 7 ? NOBODY : ALICE);
        assertThat(answer[2]).as("asset").isEqualTo(asset);
        assertThat(answer[3]).as("free").isEqualTo(free);
        assertThat(answer[4]).as("locked").isEqualTo(locked);
        assertThat(answer[5]).as("asset count").isEqualTo(count);
    }
}
