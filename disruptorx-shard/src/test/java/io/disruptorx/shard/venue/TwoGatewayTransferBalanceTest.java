package io.disruptorx.shard.venue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.disruptorx.engine.TransferState;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.QueryBalancesEncoder;
import io.disruptorx.protocol.venue.VenueEventHandler;
import io.disruptorx.shard.support.TwoGateways;
import io.disruptorx.shard.transfer.TransferCoordinator;
import io.disruptorx.shard.transfer.TransferStep;
import io.disruptorx.shard.venue.BalanceAnswers.Line;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.disruptorx.shard.support.ShardedVenue.QUOTE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every gateway shows funds on their way between shards as {@code inTransfer}, not only the one whose coordinator
 * carries the transfer out: two gateways' sharded clients over the same real engines, each receiving every event of
 * every shard; gateway A's {@link TransferCoordinator} moves an account's funds from shard 0 to shard 1, and both
 * gateways answer a balance query after every step. Each shard's answer carries its part of the funds on their way,
 * so gateway B shows them whichever of the two shards' streams it reads first (the arrival polled before the
 * departure, or after), and also when it started while the transfer was on its way (it saw none of its steps).
 * Every answer's free + locked + inTransfer is the account's total, which no step changes.
 */
class TwoGatewayTransferBalanceTest
{
    private static final int A = 0;
    private static final int B = 1;
    private static final int SOURCE = 0;
    private static final int TARGET = 1;
    private static final long ALICE = 11;
    private static final int GOLD = 3;
    private static final long GOLD_HOLDER = 9;
    private static final VenueEventHandler DISCARD = (sequence, buffer, offset, length) ->
    {
    };

    @TempDir
    Path dir;

    private final UnsafeBuffer command = new UnsafeBuffer(new byte[128]);
    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private long timestamp = 1;

    @Test
    void shouldShowTheTransferInTransferOnTheOtherGatewayWhenItReadsTheArrivalBeforeTheDeparture()
    {
        completedTransferSeenByB(SOURCE);
    }

    @Test
    void shouldShowTheTransferInTransferOnTheOtherGatewayWhenItReadsTheDepartureBeforeTheArrival()
    {
        completedTransferSeenByB(TARGET);
    }

    @Test
    void shouldKeepARefusedTransferInTransferOnTheOtherGatewayUntilItIsBackWhicheverStreamComesFirst()
    {
        refusedTransferSeenByB(SOURCE);
        refusedTransferSeenByB(TARGET);
    }

    @Test
    void shouldShowEveryTransferOnItsWayHoweverManyAreOnTheirWayAtOnce()
    {
        final TwoGateways venue = new TwoGateways(2, directory("many"));
        final int transfers = 1_025;
        final long funds = 2L * transfers;
        deposit(venue, ALICE, QUOTE, funds);
        final BalanceAnswers[] answers = {new BalanceAnswers(DISCARD), new BalanceAnswers(DISCARD)};
        for (int i = 1; i <= transfers; i++)
        {
            assertThat(venue.client(A).offerTo(SOURCE, command, 0,
                encoder.transferOut(command, 0, timestamp++, 1_000 + i, ALICE, QUOTE, 1))).isPositive();
        }
        queryBoth(venue, answers, 1);
        for (int i = 1; i <= transfers; i++)
        {
            assertThat(venue.client(A).offerTo(TARGET, command, 0,
                encoder.transferIn(command, 0, timestamp++, 1_000 + i, ALICE, QUOTE, 1))).isPositive();
        }
        queryBoth(venue, answers, 2);
        for (int i = 1; i <= transfers; i++)
        {
            assertThat(venue.client(A).offerTo(SOURCE, command, 0,
                encoder.settleTransfer(command, 0, timestamp++, 1_000 + i, false))).isPositive();
        }
        queryBoth(venue, answers, 3);
        for (final int g : new int[] {A, B})
        {
            assertThat(mine(answers[g], g)).as("gateway %d: every one in transfer (before 2026-12-06 a gateway " +
                "followed 1,024 at once and showed the others on no shard), then at the target once", g)
                .containsExactly(
                    new Line(id(g, 1), ALICE, QUOTE, funds - transfers, 0, transfers, 1),
                    new Line(id(g, 2), ALICE, QUOTE, funds, 0, 0, 1),
                    new Line(id(g, 3), ALICE, QUOTE, funds, 0, 0, 1));
        }
        assertThat(venue.total(ALICE, QUOTE)).isEqualTo(funds);
    }

    @Test
    void shouldShowATransferInTransferOnAGatewayStartedDuringItsFlightThenOnceAtTheTarget()
    {
        final TwoGateways venue = new TwoGateways(2, directory("started-in-flight"));
        deposit(venue, ALICE, QUOTE, 100);
        final TransferCoordinator coordinator = new TransferCoordinator(dir.resolve("in-flight.log"), venue.client(A));
        final BalanceAnswers atA = new BalanceAnswers(coordinator);
        final BalanceAnswers atB = new BalanceAnswers(DISCARD);
        venue.lag(A, SOURCE, true);
        coordinator.start(75, ALICE, QUOTE, 100, SOURCE, TARGET);
        assertThat(venue.engine(SOURCE).transferState(75)).as("left the source").isEqualTo(TransferState.IN_FLIGHT);
        drain(venue, B, atB);
        venue.restart(B);

        query(venue, B, 50);
        drain(venue, B, atB);
        assertThat(venue.engine(TARGET).transferState(75)).as("held: the TransferIn not sent yet")
            .isEqualTo(TransferState.NONE);
        query(venue, B, 51);
        venue.lag(A, SOURCE, false);
        drain(venue, A, atA);
        assertThat(coordinator.step(75)).isEqualTo(TransferStep.COMPLETED);
        query(venue, B, 52);
        drain(venue, B, atB);
        query(venue, B, 53);
        drain(venue, B, atB);

        assertThat(mine(atB, B)).as("B started after the departure: in transfer, then at the target once")
            .containsExactly(
                new Line(50, ALICE, QUOTE, 0, 0, 100, 1),
                new Line(51, ALICE, QUOTE, 0, 0, 100, 1),
                new Line(52, ALICE, QUOTE, 100, 0, 0, 1),
                new Line(53, ALICE, QUOTE, 100, 0, 0, 1));
        assertTotals(atA, atB, 100);
        assertThat(venue.total(ALICE, QUOTE)).isEqualTo(100);
    }

    @Test
    void shouldCountOnceATransferThatArrivedBeforeTheGatewayStartedAndIsSettledAfter()
    {
        final TwoGateways venue = new TwoGateways(2, directory("started-after-arrival"));
        deposit(venue, ALICE, QUOTE, 100);
        final TransferCoordinator coordinator = new TransferCoordinator(dir.resolve("arrived.log"), venue.client(A));
        final BalanceAnswers atA = new BalanceAnswers(coordinator);
        final BalanceAnswers atB = new BalanceAnswers(DISCARD);
        venue.lag(A, TARGET, true);
        coordinator.start(76, ALICE, QUOTE, 100, SOURCE, TARGET);
        drain(venue, A, atA);
        assertThat(coordinator.step(76)).as("arrived, the settle not sent yet").isEqualTo(TransferStep.SENT);
        assertThat(venue.engine(SOURCE).transferState(76)).as("not settled").isEqualTo(TransferState.IN_FLIGHT);
        assertThat(venue.engine(TARGET).balance(ALICE, QUOTE)).isEqualTo(100);
        drain(venue, B, atB);
        venue.restart(B);

        query(venue, B, 60);
        drain(venue, B, atB);
        venue.lag(A, TARGET, false);
        drain(venue, A, atA);
        assertThat(coordinator.step(76)).isEqualTo(TransferStep.COMPLETED);
        query(venue, B, 61);
        drain(venue, B, atB);

        assertThat(mine(atB, B)).as("the source's unsettled departure and the target's arrival count once")
            .containsExactly(
                new Line(60, ALICE, QUOTE, 100, 0, 0, 1),
                new Line(61, ALICE, QUOTE, 100, 0, 0, 1));
        assertThat(venue.total(ALICE, QUOTE)).isEqualTo(100);
    }

    @Test
    void shouldKeepATransferTheTargetRefusesInTransferOnAGatewayStartedDuringItsFlightUntilItIsBack()
    {
        final TwoGateways venue = new TwoGateways(2, directory("started-refused"));
        deposit(venue, ALICE, GOLD, 40);
        venue.engine(TARGET).adjustBalance(timestamp++, GOLD_HOLDER, GOLD, Long.MAX_VALUE);
        final TransferCoordinator coordinator = new TransferCoordinator(dir.resolve("started-refused.log"),
            venue.client(A));
        final BalanceAnswers atA = new BalanceAnswers(coordinator);
        final BalanceAnswers atB = new BalanceAnswers(DISCARD);
        venue.lag(A, SOURCE, true);
        coordinator.start(77, ALICE, GOLD, 40, SOURCE, TARGET);
        drain(venue, B, atB);
        venue.restart(B);

        query(venue, B, 70);
        drain(venue, B, atB);
        venue.lag(A, SOURCE, false);
        venue.lag(A, TARGET, true);
        drain(venue, A, atA);
        assertThat(venue.engine(TARGET).transferState(77)).as("the target's GOLD would overflow")
            .isEqualTo(TransferState.REFUSED);
        query(venue, B, 71);
        drain(venue, B, atB);
        venue.lag(A, TARGET, false);
        drain(venue, A, atA);
        assertThat(coordinator.step(77)).isEqualTo(TransferStep.RETURNED);
        query(venue, B, 72);
        drain(venue, B, atB);

        assertThat(mine(atB, B)).as("in transfer from B's start until it is back at the source").containsExactly(
            new Line(70, ALICE, GOLD, 0, 0, 40, 1),
            new Line(71, ALICE, GOLD, 0, 0, 40, 1),
            new Line(72, ALICE, GOLD, 40, 0, 0, 1));
        assertTotals(atA, atB, 40);
        assertThat(venue.total(ALICE, GOLD)).isEqualTo(40);
    }

    /**
     * Gateway B reads the {@code lagging} shard's events only after every step (its link is behind), so it reads
     * the other shard's result of the transfer first. A query is answered by both gateways after every step; B's
     * answers are complete once it reads the lagging shard too.
     */
    private void completedTransferSeenByB(final int lagging)
    {
        final TwoGateways venue = new TwoGateways(2, directory("lagging-" + lagging));
        deposit(venue, ALICE, QUOTE, 100);
        final TransferCoordinator coordinator = new TransferCoordinator(dir.resolve("transfers-" + lagging),
            venue.client(A));
        final BalanceAnswers atA = new BalanceAnswers(coordinator);
        final BalanceAnswers atB = new BalanceAnswers(DISCARD);
        venue.lag(B, lagging, true);
        venue.lag(A, TARGET, true);

        query(venue, A, 20);
        query(venue, B, 10);
        coordinator.start(71, ALICE, QUOTE, 100, SOURCE, TARGET);
        assertThat(venue.engine(SOURCE).balance(ALICE, QUOTE)).as("out of the source").isZero();
        query(venue, A, 21);
        query(venue, B, 11);
        drain(venue, A, atA);
        drain(venue, B, atB);
        assertThat(coordinator.step(71)).as("A sent the TransferIn, its answer not read").isEqualTo(TransferStep.SENT);
        assertThat(venue.engine(TARGET).balance(ALICE, QUOTE)).as("at the target").isEqualTo(100);
        query(venue, A, 22);
        query(venue, B, 12);
        venue.lag(A, TARGET, false);
        drain(venue, A, atA);
        drain(venue, B, atB);
        assertThat(coordinator.step(71)).isEqualTo(TransferStep.COMPLETED);
        query(venue, A, 23);
        query(venue, B, 13);
        venue.lag(B, lagging, false);
        drain(venue, A, atA);
        drain(venue, B, atB);
        query(venue, B, 14);
        drain(venue, B, atB);

        assertThat(mine(atA, A)).as("the coordinating gateway").containsExactly(
            new Line(20, ALICE, QUOTE, 100, 0, 0, 1),
            new Line(21, ALICE, QUOTE, 0, 0, 100, 1),
            new Line(22, ALICE, QUOTE, 100, 0, 0, 1),
            new Line(23, ALICE, QUOTE, 100, 0, 0, 1));
        assertThat(mine(atB, B)).as("the other gateway, lagging on shard %d", lagging).containsExactly(
            new Line(10, ALICE, QUOTE, 100, 0, 0, 1),
            new Line(11, ALICE, QUOTE, 0, 0, 100, 1),
            new Line(12, ALICE, QUOTE, 100, 0, 0, 1),
            new Line(13, ALICE, QUOTE, 100, 0, 0, 1),
            new Line(14, ALICE, QUOTE, 100, 0, 0, 1));
        assertTotals(atA, atB, 100);
        assertThat(venue.total(ALICE, QUOTE)).isEqualTo(100);
    }

    private void refusedTransferSeenByB(final int lagging)
    {
        final TwoGateways venue = new TwoGateways(2, directory("refused-" + lagging));
        deposit(venue, ALICE, GOLD, 40);
        venue.engine(TARGET).adjustBalance(timestamp++, GOLD_HOLDER, GOLD, Long.MAX_VALUE);
        final TransferCoordinator coordinator = new TransferCoordinator(dir.resolve("refused-" + lagging + ".log"),
            venue.client(A));
        final BalanceAnswers atA = new BalanceAnswers(coordinator);
        final BalanceAnswers atB = new BalanceAnswers(DISCARD);
        venue.lag(B, lagging, true);
        venue.lag(A, TARGET, true);

        coordinator.start(73, ALICE, GOLD, 40, SOURCE, TARGET);
        query(venue, B, 30);
        query(venue, A, 40);
        drain(venue, A, atA);
        drain(venue, B, atB);
        assertThat(venue.engine(TARGET).transferState(73)).as("the target's GOLD would overflow")
            .isEqualTo(TransferState.REFUSED);
        query(venue, B, 31);
        query(venue, A, 41);
        venue.lag(A, SOURCE, true);
        venue.lag(A, TARGET, false);
        drain(venue, A, atA);
        drain(venue, B, atB);
        assertThat(venue.engine(SOURCE).transferState(73)).isEqualTo(TransferState.RETURNED);
        query(venue, B, 32);
        query(venue, A, 42);
        venue.lag(A, SOURCE, false);
        venue.lag(B, lagging, false);
        drain(venue, A, atA);
        drain(venue, B, atB);

        assertThat(coordinator.step(73)).isEqualTo(TransferStep.RETURNED);
        assertThat(mine(atA, A)).as("the coordinating gateway").containsExactly(
            new Line(40, ALICE, GOLD, 0, 0, 40, 1),
            new Line(41, ALICE, GOLD, 0, 0, 40, 1),
            new Line(42, ALICE, GOLD, 40, 0, 0, 1));
        assertThat(mine(atB, B)).as("the other gateway, lagging on shard %d", lagging).containsExactly(
            new Line(30, ALICE, GOLD, 0, 0, 40, 1),
            new Line(31, ALICE, GOLD, 0, 0, 40, 1),
            new Line(32, ALICE, GOLD, 40, 0, 0, 1));
        assertTotals(atA, atB, 40);
        assertThat(venue.total(ALICE, GOLD)).isEqualTo(40);
    }

    private Path directory(final String name)
    {
        try
        {
            return Files.createDirectories(dir.resolve(name));
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    private void deposit(final TwoGateways venue, final long accountId, final int assetId, final long amount)
    {
        venue.engine(SOURCE).adjustBalance(timestamp++, accountId, assetId, amount);
    }

    private void queryBoth(final TwoGateways venue, final BalanceAnswers[] answers, final long requestId)
    {
        query(venue, A, id(A, requestId));
        query(venue, B, id(B, requestId));
        drain(venue, A, answers[A]);
        drain(venue, B, answers[B]);
    }

    private void query(final TwoGateways venue, final int g, final long requestId)
    {
        final QueryBalancesEncoder query = new QueryBalancesEncoder();
        query.wrapAndApplyHeader(command, 0, new MessageHeaderEncoder()).timestamp(0).accountId(ALICE)
            .requestId(requestId).userId(0);
        assertThat(venue.client(g).offer(command, 0, MessageHeaderEncoder.ENCODED_LENGTH + query.encodedLength()))
            .isPositive();
    }

    private static void drain(final TwoGateways venue, final int g, final BalanceAnswers answers)
    {
        int rounds = 0;
        while (venue.gateway(g).poll(answers, 100) > 0)
        {
            assertThat(++rounds).as("events keep coming").isLessThan(10_000);
        }
    }

    /**
     * Request ids: gateway A's queries are 20 to 29 and 40 to 49 (and 100 on in {@link #queryBoth}), B's the others;
     * two gateways' queries of one account must not share a request id.
     */
    private static long id(final int g, final long requestId)
    {
        return g == A ? 100 + requestId : requestId;
    }

    /**
     * @return the merged answers to gateway {@code g}'s own queries (every gateway also receives, unmerged, each
     * shard's answers to the other gateway's queries).
     */
    private static List<Line> mine(final BalanceAnswers answers, final int g)
    {
        return answers.lines().stream().filter(line -> isA(line.requestId()) == (g == A)).toList();
    }

    private static boolean isA(final long requestId)
    {
        return requestId >= 100 || requestId / 10 == 2 || requestId / 10 == 4;
    }

    private static void assertTotals(final BalanceAnswers atA, final BalanceAnswers atB, final long total)
    {
        for (final int g : new int[] {A, B})
        {
            for (final Line line : mine(g == A ? atA : atB, g))
            {
                assertThat(line.free() + line.locked() + line.inTransfer()).as("total in %s", line).isEqualTo(total);
            }
        }
    }
}
