package io.disruptorx.shard.venue;

import java.nio.file.Path;
import java.util.List;

import io.disruptorx.engine.TransferState;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.QueryBalancesEncoder;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.support.ShardedVenue;
import io.disruptorx.shard.transfer.TransferCoordinator;
import io.disruptorx.shard.transfer.TransferStep;
import io.disruptorx.shard.venue.BalanceAnswers.Line;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.disruptorx.shard.support.ShardedVenue.QUOTE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A balance query answered while a transfer between shards is on its way shows the amount as {@code inTransfer}:
 * real engines per shard, the real {@link TransferCoordinator} sending the steps through the sharded client, the
 * transfer held between its TransferOut and its TransferIn by a target that pushes back; then at the target; a
 * transfer the target refuses stays in transfer until it is back at the source; and after a gateway restart
 * between the steps, the account's query is answered at once and no amount is counted twice.
 */
class ShardTransferBalanceTest
{
    private static final long ALICE = 11;
    private static final int GOLD = 3;
    private static final long GOLD_HOLDER = 9;
    private static final VenueEventHandler DISCARD = (sequence, buffer, offset, length) ->
    {
    };

    @TempDir
    Path dir;

    private final UnsafeBuffer command = new UnsafeBuffer(new byte[128]);

    @Test
    void shouldShowATransferHeldBetweenItsOutAndItsInAsInTransferThenAtTheTarget()
    {
        final ShardedVenue venue = ShardedVenue.of(2);
        venue.engine(0).adjustBalance(venue.venue(0).nextTimestamp(), ALICE, QUOTE, 50);
        final TransferCoordinator coordinator = new TransferCoordinator(dir.resolve("transfers"), venue.client());
        final BalanceAnswers answers = new BalanceAnswers(coordinator);
        venue.venue(1).refuse(VenueClient.BACK_PRESSURED);

        coordinator.start(71, ALICE, QUOTE, 50, 0, 1);
        drain(venue, answers);
        assertThat(coordinator.step(71)).as("out applied, the TransferIn pushed back").isEqualTo(TransferStep.SENT);
        assertThat(venue.engine(0).balance(ALICE, QUOTE) + venue.engine(1).balance(ALICE, QUOTE))
            .as("on neither shard").isZero();

        venue.venue(1).refuse(0);
        assertThat(query(venue, ALICE, 1)).isPositive();
        drain(venue, answers);
        assertThat(answers.lines()).as("in transfer, not lost")
            .containsExactly(new Line(1, ALICE, QUOTE, 0, 0, 50, 1));

        assertThat(coordinator.resendPending()).as("the coordinator's timer sends the TransferIn").isEqualTo(1);
        drain(venue, answers);
        assertThat(coordinator.step(71)).isEqualTo(TransferStep.COMPLETED);
        assertThat(query(venue, ALICE, 2)).isPositive();
        drain(venue, answers);
        assertThat(answers.lines()).as("at the target").endsWith(new Line(2, ALICE, QUOTE, 50, 0, 0, 1));
    }

    @Test
    void shouldShowTheAmountInTransferAtACutBetweenTheOutAndTheInWhileEventsArriveOneAtATime()
    {
        final ShardedVenue venue = ShardedVenue.of(2);
        venue.engine(0).adjustBalance(venue.venue(0).nextTimestamp(), ALICE, QUOTE, 80);
        final TransferCoordinator coordinator = new TransferCoordinator(dir.resolve("transfers"), venue.client());
        final BalanceAnswers answers = new BalanceAnswers(coordinator);
        venue.venue(0).deliverAtMost(1);
        venue.venue(1).deliverAtMost(1);

        coordinator.start(72, ALICE, QUOTE, 30, 0, 1);
        assertThat(query(venue, ALICE, 3)).as("after the TransferOut at the source, before the TransferIn")
            .isPositive();
        drain(venue, answers);
        assertThat(query(venue, ALICE, 4)).as("after the transfer").isPositive();
        drain(venue, answers);

        assertThat(coordinator.step(72)).isEqualTo(TransferStep.COMPLETED);
        assertThat(answers.lines()).containsExactly(
            new Line(3, ALICE, QUOTE, 50, 0, 30, 1),
            new Line(4, ALICE, QUOTE, 80, 0, 0, 1));
    }

    @Test
    void shouldKeepATransferTheTargetRefusedInTransferUntilItIsBackAtTheSource()
    {
        final ShardedVenue venue = ShardedVenue.of(2);
        venue.engine(0).adjustBalance(venue.venue(0).nextTimestamp(), ALICE, GOLD, 40);
        venue.engine(1).adjustBalance(venue.venue(1).nextTimestamp(), GOLD_HOLDER, GOLD, Long.MAX_VALUE);
        final TransferCoordinator coordinator = new TransferCoordinator(dir.resolve("transfers"), venue.client());
        final BalanceAnswers answers = new BalanceAnswers(coordinator);

        coordinator.start(73, ALICE, GOLD, 40, 0, 1);
        venue.venue(0).refuse(VenueClient.BACK_PRESSURED);
        drain(venue, answers);
        assertThat(coordinator.step(73)).as("the target's GOLD would overflow; the return is pushed back")
            .isEqualTo(TransferStep.REFUSED);
        venue.venue(0).refuse(0);
        assertThat(query(venue, ALICE, 5)).as("refused at the target, not yet returned").isPositive();
        drain(venue, answers);
        assertThat(answers.lines()).containsExactly(new Line(5, ALICE, GOLD, 0, 0, 40, 1));

        coordinator.resendPending();
        drain(venue, answers);
        assertThat(coordinator.step(73)).isEqualTo(TransferStep.RETURNED);
        assertThat(query(venue, ALICE, 6)).isPositive();
        drain(venue, answers);
        assertThat(answers.lines()).endsWith(new Line(6, ALICE, GOLD, 40, 0, 0, 1));
    }

    @Test
    void shouldAnswerTheAccountsQueryAtOnceAfterAGatewayRestartBetweenTheStepsCountingNothingTwice()
    {
        final ShardedVenue venue = ShardedVenue.of(2);
        venue.engine(0).adjustBalance(venue.venue(0).nextTimestamp(), ALICE, QUOTE, 60);
        final Path journal = dir.resolve("transfers");
        final TransferCoordinator before = new TransferCoordinator(journal, venue.client());
        before.start(74, ALICE, QUOTE, 60, 0, 1);
        venue.venue(1).deliverAtMost(0);
        drain(venue, new BalanceAnswers(before));
        assertThat(before.step(74)).as("TransferIn sent and applied; its answer not read").isEqualTo(TransferStep.SENT);
        assertThat(venue.engine(1).transferState(74)).isEqualTo(TransferState.RECEIVED);
        before.close();
        venue.venue(1).deliverAtMost(Integer.MAX_VALUE).poll(DISCARD, Integer.MAX_VALUE);

        final ShardedVenueClient restarted = new ShardedVenueClient(RoutingTable.initial(List.of("shard-0",
            "shard-1"), 4096), venue.venue(0), venue.venue(1));
        final TransferCoordinator after = new TransferCoordinator(journal, restarted);
        final BalanceAnswers answers = new BalanceAnswers(after);
        assertThat(query(restarted, ALICE, 7)).as("the shards' answers hold where the transfer is").isPositive();
        assertThat(query(restarted, GOLD_HOLDER, 8)).isPositive();

        after.resendPending();
        restarted.poll(answers, 100);
        assertThat(after.step(74)).as("the re-sent TransferIn answered").isNotEqualTo(TransferStep.SENT);
        assertThat(query(restarted, ALICE, 9)).isPositive();
        while (restarted.poll(answers, 100) > 0)
        {
            assertThat(answers.lines().size()).isLessThan(100);
        }
        assertThat(after.step(74)).isEqualTo(TransferStep.COMPLETED);
        assertThat(answers.lines()).as("at the target, not also in transfer").containsExactly(
            new Line(7, ALICE, QUOTE, 60, 0, 0, 1),
            new Line(8, GOLD_HOLDER, 0, 0, 0, 0, 0),
            new Line(9, ALICE, QUOTE, 60, 0, 0, 1));
    }

    private long query(final ShardedVenue venue, final long accountId, final long requestId)
    {
        return query(venue.client(), accountId, requestId);
    }

    private long query(final ShardedVenueClient client, final long accountId, final long requestId)
    {
        final QueryBalancesEncoder encoder = new QueryBalancesEncoder();
        encoder.wrapAndApplyHeader(command, 0, new MessageHeaderEncoder()).timestamp(0).accountId(accountId)
            .requestId(requestId).userId(0);
        return client.offer(command, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }

    private static void drain(final ShardedVenue venue, final BalanceAnswers answers)
    {
        while (venue.client().poll(answers, 100) > 0)
        {
            assertThat(answers.lines().size()).as("answers so far").isLessThan(1_000);
        }
    }
}
