package io.disruptorx.shard.move;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.protocol.sbe.command.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.command.MoveOutDecoder;
import io.disruptorx.protocol.sbe.command.RestoreOrderDecoder;
import io.disruptorx.protocol.sbe.command.ResumeInstrumentDecoder;
import io.disruptorx.protocol.sbe.event.AdminResultDecoder;
import io.disruptorx.protocol.sbe.event.AdminType;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderCancelledDecoder;
import io.disruptorx.protocol.sbe.event.OrderRejectedDecoder;
import io.disruptorx.protocol.sbe.event.RejectReason;
import io.disruptorx.protocol.sbe.event.TradeDecoder;
import io.disruptorx.shard.support.MovingShards;
import io.disruptorx.shard.support.RecordedEvent;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Moving an instrument with 1,000 resting orders from one real engine to another, and a crash of both shards and the
 * gateway at every point of a move: the orders keep their ids and priority, the funds are conserved, the instrument
 * ends on exactly one shard and trades there. Each holds whether the mover reads the source's book directly (as over
 * a shard link) or through the source engine's own events (ReadBook, as off a cluster shard).
 */
class ShardMoverTest
{
    static final int BASE = 1;
    static final int QUOTE = 2;
    static final long DEPOSIT_BASE = 1_000_000;
    static final long DEPOSIT_QUOTE = 100_000_000;
    private static final int ACCOUNTS = 5;

    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);

    @TempDir
    Path directory;

    private MovingShards shards;
    private boolean byEvents;
    private boolean withMoveOut;

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldMoveAThousandRestingOrdersWithTheirIdsAndPriority()
    {
        moveAThousandRestingOrders();
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldMoveAThousandRestingOrdersReadThroughTheSourceEnginesEvents()
    {
        byEvents = true;
        moveAThousandRestingOrders();
    }

    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @ParameterizedTest(name = "crash after {0} commands")
    @ValueSource(longs = {0, 1, 2, 3, 4, 5, 30, 52, 53, 54, 55, 56, 80, 103, 104, 105, 106, 107, 400})
    void shouldRecoverACrashAnywhereInAMoveReadByEventsToExactlyOneOwner(final long commands)
    {
        byEvents = true;
        shouldRecoverACrashAnywhereInAMoveToExactlyOneOwner(commands);
    }

    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @ParameterizedTest(name = "crash after {0} commands")
    @ValueSource(longs = {0, 1, 2, 3, 4, 30, 52, 53, 54, 55, 80, 103, 104, 105, 106, 400})
    void shouldRecoverACrashAnywhereInAMoveWithItsRestoresSentWithMoveOut(final long commands)
    {
        withMoveOut = true;
        shouldRecoverACrashAnywhereInAMoveToExactlyOneOwner(commands);
    }

    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @ParameterizedTest(name = "crash after {0} commands")
    @ValueSource(longs = {Long.MAX_VALUE, 0, 1, 2, 3, 4, 8, 13, 14, 15, 16, 17, 20, 25, 26, 27})
    void shouldUndoTheRestoresWhenTheSourceRefusesMoveOutAfterAReadByEvents(final long commands)
    {
        byEvents = true;
        shouldUndoTheRestoresWhenTheSourceRefusesMoveOut(commands);
    }

    /**
     * By default the restores wait for MoveOut's answer: a refused MoveOut rolls back at once, the target never
     * lists the instrument.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldRollBackWithNothingSentToTheTargetWhenTheSourceRefusesMoveOut()
    {
        refusedMoveOut(Long.MAX_VALUE);
        assertThat(shards.lists(1 - shards.client().table().shardOf(3), 3)).as("nothing reached the target")
            .isFalse();
    }

    /**
     * The same with a crash: a move taken up from the journal at READ sends MoveOut alone again (the READ record says
     * its restores waited for MoveOut's answer, so none went) and rolls back.
     */
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @ParameterizedTest(name = "crash after {0} commands")
    @ValueSource(longs = {0, 1, 2, 3, 4, 5})
    void shouldRollBackWhenTheSourceRefusesMoveOutWhateverCrashes(final long commands)
    {
        refusedMoveOut(commands);
    }

    /**
     * The stuck undo: a move taken up from the journal at READ (the crashed mover never had MoveOut's answer) whose
     * source refuses MoveOut, because another gateway's cancel by client order id reached it after the read; the
     * same cancel reaches the target right after the target took that order's restore, if it ever does (else after
     * the move). The restores waited for MoveOut's answer, so the new mover sends MoveOut alone and rolls back:
     * nothing reached the target, nothing to undo; the instrument trades on the source, the funds are conserved.
     * After 3 commands the source took MoveOut and refused it, the refusal is recorded (REFUSED) and the resume held:
     * the new mover only resumes the source. A mover that sent the restores with MoveOut here had the target refuse
     * to take out its copies, one of them cancelled, and stopped (as every restart did): the instrument halted on
     * both shards.
     */
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @ParameterizedTest(name = "crash after {0} commands, read by events: {1}")
    @CsvSource({"2, false", "3, false", "2, true", "3, true"})
    void shouldRollBackAMoveTakenUpAtReadWithNothingToUndoWhenTheCancelEndsTheOrderOnBothShards(
        final long commands, final boolean events)
    {
        byEvents = events;
        final int instrument = setUp(10);
        final int from = shards.client().table().shardOf(instrument);
        final int to = 1 - from;
        final List<long[]> before = shards.book(from, instrument);
        shards.afterRead(() ->
        {
            shards.afterRead(() ->
            {
            });
            assertThat(shards.offerPastGate(from, buffer, 0, encoder.cancelOrder(buffer, 0, 0, 1, 97, 0, 1)))
                .isPositive();
        });
        shards.budget(commands);
        shards.mover().move(instrument, to);
        shards.pump();
        assertThat(journalSteps()).as("the crash comes at READ, or once the refusal is recorded").last()
            .isEqualTo(commands == 2 ? MoveStep.READ : MoveStep.REFUSED);
        shards.budget(Long.MAX_VALUE);

        final boolean[] targetCancelled = {false};
        shards.afterTaken((shard, command, offset, length) ->
        {
            if (shard == to && !targetCancelled[0] && command.getShort(offset +
                MessageHeaderDecoder.templateIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN) ==
                RestoreOrderDecoder.TEMPLATE_ID)
            {
                targetCancelled[0] = true;
                assertThat(shards.offerPastGate(to, buffer, 0, encoder.cancelOrder(buffer, 0, 0, 1, 97, 0, 1)))
                    .isPositive();
            }
        });
        shards.crashEverything();
        shards.pump();
        if (!targetCancelled[0])
        {
            assertThat(shards.offerPastGate(to, buffer, 0, encoder.cancelOrder(buffer, 0, 0, 1, 97, 0, 1)))
                .isPositive();
            shards.pump();
        }

        assertThat(shards.mover().isIdle()).isTrue();
        assertThat(shards.mover().stats().rolledBack()).isEqualTo(1);
        assertThat(journalSteps()).last().isEqualTo(MoveStep.ROLLED_BACK);
        assertThat(shards.client().table().shardOf(instrument)).isEqualTo(from);
        assertThat(shards.lists(to, instrument)).as("nothing reached the target").isFalse();
        final List<long[]> expected = before.subList(1, before.size());
        assertRestsAndTrades(from, instrument, expected);
    }

    /**
     * The source refuses MoveOut and the gateway stops right after the source took its resume, before ROLLED_BACK;
     * then the instrument trades on the source and is halted again with as many orders as the read found. The restart
     * only resumes the source: it never sends that MoveOut again (the source would apply it to the orders resting
     * now, and the read's piece would be restored on the target). The source keeps its book, the funds are conserved.
     */
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @ParameterizedTest(name = "read by events: {0}")
    @ValueSource(booleans = {false, true})
    void shouldNeverSendARefusedMoveOutAgainWhenTheGatewayStopsAfterTheSourcesResume(final boolean events)
    {
        byEvents = events;
        final int instrument = setUp(10);
        final int from = shards.client().table().shardOf(instrument);
        final int to = 1 - from;
        refuseAndStopAfterTheSourcesResume(instrument, from, to);

        final int[] moveOuts = {0};
        shards.afterTaken((shard, command, offset, length) ->
        {
            if (shard == from && templateId(command, offset) == MoveOutDecoder.TEMPLATE_ID)
            {
                moveOuts[0]++;
            }
        });
        shards.budget(0);
        shards.crashEverything();
        assertThat(shards.offerPastGate(from, buffer, 0, encoder.newOrder(buffer, 0, 0, ACCOUNTS, 3_000_001,
            instrument, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, SelfTradePrevention.NONE, 990, 1)))
            .isPositive();
        assertThat(shards.offerPastGate(from, buffer, 0, encoder.haltInstrument(buffer, 0, 0, instrument)))
            .isPositive();
        final List<long[]> current = shards.book(from, instrument);
        assertThat(current).as("halted again with as many orders as the read found").hasSize(10);
        shards.budget(Long.MAX_VALUE);
        shards.pump();

        assertThat(moveOuts[0]).as("MoveOuts sent again").isZero();
        assertThat(shards.mover().isIdle()).isTrue();
        assertThat(journalSteps()).endsWith(MoveStep.READ, MoveStep.REFUSED, MoveStep.ROLLED_BACK);
        assertThat(shards.client().table().shardOf(instrument)).isEqualTo(from);
        assertThat(shards.lists(to, instrument)).as("nothing reached the target").isFalse();
        assertThat(shards.book(from, instrument)).usingElementComparator(MovingShardsOrders::compare)
            .containsExactlyElementsOf(current);
        assertThat(inFlight()).as("in flight on either shard").isZero();
        assertConserved();
    }

    private static int templateId(final DirectBuffer command, final int offset)
    {
        return command.getShort(offset + MessageHeaderDecoder.templateIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The source applied MoveOut, but its answer never reached the mover: the gateway and both shards crash with it
     * undelivered, so the journal ends at READ, whose mark says the restores wait for MoveOut's answer (the default).
     * The restart sends MoveOut alone again; the source answers the repeat applied (its first transfer id is known
     * there), and only then do the restores go: the move completes, the instrument trades on the target with every
     * order in priority, nothing stays in flight, the totals are conserved. Were the repeat refused, the rollback
     * would resume a source whose orders are out, their holds in flight for good.
     */
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @ParameterizedTest(name = "read by events: {0}")
    @ValueSource(booleans = {false, true})
    void shouldCompleteAMoveTakenUpAtReadWhoseAppliedMoveOutsAnswerWasNeverSeen(final boolean events)
    {
        byEvents = events;
        final int instrument = setUp(10);
        final int from = shards.client().table().shardOf(instrument);
        final int to = 1 - from;
        final List<long[]> before = shards.book(from, instrument);
        shards.withhold((shard, event, offset, length) -> shard == from && moveOutAnswer(event, offset));
        final long moveId = shards.mover().move(instrument, to);
        shards.pump();
        assertThat(journalSteps()).as("MoveOut's answer unseen").endsWith(MoveStep.BEGUN, MoveStep.READ);
        assertThat(shards.book(from, instrument)).as("the source applied MoveOut").isEmpty();
        assertThat(inFlight()).as("the orders' holds in flight").isPositive();
        assertThat(shards.lists(to, instrument)).as("no restore went").isFalse();

        shards.withhold((shard, event, offset, length) -> false);
        final boolean[] answered = {false};
        shards.listen((sequence, event, offset, length) -> answered[0] |= moveOutAnswer(event, offset));
        final List<Integer> taken = new ArrayList<>();
        shards.afterTaken((shard, command, offset, length) ->
        {
            final int template = templateId(command, offset);
            if (shard == from && template == MoveOutDecoder.TEMPLATE_ID ||
                shard == to && template == RestoreOrderDecoder.TEMPLATE_ID)
            {
                assertThat(answered[0]).as("a restore taken before MoveOut's answer was seen")
                    .isEqualTo(template == RestoreOrderDecoder.TEMPLATE_ID);
                taken.add(template);
            }
        });
        shards.crashEverything();
        shards.pump();

        assertThat(taken).as("MoveOut again, then the restores").hasSize(11)
            .startsWith(MoveOutDecoder.TEMPLATE_ID).containsOnlyOnce(MoveOutDecoder.TEMPLATE_ID);
        assertThat(shards.recorder().matching(event -> event.templateId() == AdminResultDecoder.TEMPLATE_ID &&
            event.code() == AdminType.MOVE_OUT.value())).as("the repeat answered applied").singleElement()
            .satisfies(answer ->
            {
                assertThat(answer.subjectId()).isEqualTo(moveId);
                assertThat(answer.result()).isEqualTo(RejectReason.NONE.value());
            });
        assertThat(shards.mover().isIdle()).isTrue();
        assertThat(shards.mover().stats().moves()).isEqualTo(1);
        assertThat(shards.mover().stats().rolledBack()).isZero();
        assertThat(journalSteps()).endsWith(MoveStep.READ, MoveStep.MOVED_OUT, MoveStep.RESTORED, MoveStep.SWITCHED,
            MoveStep.DONE);
        assertThat(shards.client().table().shardOf(instrument)).isEqualTo(to);
        assertThat(shards.book(from, instrument)).isEmpty();
        assertRestsAndTrades(to, instrument, before);
    }

    /**
     * A move stopped at REFUSED (the gateway stopped right after the source took the rollback's resume) whose
     * restart stops the same way, after the source took its resume and before ROLLED_BACK: the next start again only
     * resumes the source. After the first stop the source takes exactly two resumes and no MoveOut; the journal
     * ends READ, REFUSED, ROLLED_BACK (REFUSED recorded once); the source keeps its book and trades.
     */
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @ParameterizedTest(name = "read by events: {0}")
    @ValueSource(booleans = {false, true})
    void shouldOnlyResumeTheSourceAgainWhenTheRestartAtRefusedStopsToo(final boolean events)
    {
        byEvents = events;
        final int instrument = setUp(10);
        final int from = shards.client().table().shardOf(instrument);
        final int to = 1 - from;
        final List<long[]> before = shards.book(from, instrument);
        refuseAndStopAfterTheSourcesResume(instrument, from, to);

        final int[] resumes = {0};
        final int[] moveOuts = {0};
        shards.afterTaken((shard, command, offset, length) ->
        {
            if (shard == from && templateId(command, offset) == MoveOutDecoder.TEMPLATE_ID)
            {
                moveOuts[0]++;
            }
            if (shard == from && templateId(command, offset) == ResumeInstrumentDecoder.TEMPLATE_ID &&
                ++resumes[0] == 1)
            {
                throw new IllegalStateException("the gateway stops again");
            }
        });
        restartWithNothingSent();
        assertThat(shards.mover().isIdle()).as("taken up at REFUSED").isFalse();
        assertThatThrownBy(shards::pump).hasMessage("the gateway stops again");
        assertThat(journalSteps()).as("stopped again before ROLLED_BACK").endsWith(MoveStep.READ, MoveStep.REFUSED);
        restartWithNothingSent();
        shards.pump();

        assertThat(resumes[0]).as("resumes after the first stop").isEqualTo(2);
        assertThat(moveOuts[0]).as("MoveOuts after the first stop").isZero();
        assertThat(shards.mover().isIdle()).isTrue();
        assertThat(shards.mover().stats().rolledBack()).isEqualTo(1);
        final List<MoveStep> steps = journalSteps();
        assertThat(steps).endsWith(MoveStep.READ, MoveStep.REFUSED, MoveStep.ROLLED_BACK);
        assertThat(steps).containsOnlyOnce(MoveStep.REFUSED, MoveStep.ROLLED_BACK);
        assertThat(shards.client().table().shardOf(instrument)).isEqualTo(from);
        assertThat(shards.lists(to, instrument)).as("nothing reached the target").isFalse();
        final List<long[]> expected = before.subList(1, before.size());
        assertRestsAndTrades(from, instrument, expected);
    }

    /**
     * Compaction after every move ({@code compactAbove(0)}) around a refused move: the first move completes and the
     * journal is compacted; the second (back) is refused and the gateway stops right after the source took the
     * resume. While the journal ends at REFUSED nothing compacts it, before the restart and after it (the move is under
     * way); the restart's ROLLED_BACK compacts it to ROLLED_BACK of the last move id and the first move's routes, no
     * READ, no REFUSED; the next move numbers on from that id.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldCompactNothingWhileTheJournalEndsAtRefusedAndDropRefusedOnceRolledBack()
    {
        final int instrument = setUp(10);
        final int first = shards.client().table().shardOf(instrument);
        final int second = 1 - first;
        shards.mover().journal().compactAbove(0);
        assertThat(shards.mover().move(instrument, second)).isEqualTo(1);
        shards.pump();
        assertThat(journal().steps).as("compacted after the first move")
            .containsExactly(MoveStep.ROLLED_BACK, MoveStep.PLACED);
        final List<long[]> before = shards.book(second, instrument);
        assertThat(before).hasSize(10);

        refuseAndStopAfterTheSourcesResume(instrument, second, first);
        final List<MoveStep> stopped = List.of(MoveStep.ROLLED_BACK, MoveStep.PLACED, MoveStep.BEGUN, MoveStep.READ,
            MoveStep.REFUSED);
        assertThat(shards.mover().journal().moveUnderWay()).isTrue();
        assertThat(shards.mover().journal().compactRoutes()).as("not while the journal ends at REFUSED").isFalse();
        assertThat(journal().steps).containsExactlyElementsOf(stopped);
        restartWithNothingSent();
        shards.mover().journal().compactAbove(0);
        assertThat(shards.mover().journal().moveUnderWay()).isTrue();
        assertThat(shards.mover().journal().compactRoutes()).as("nor once taken up there").isFalse();
        assertThat(journal().steps).containsExactlyElementsOf(stopped);
        shards.pump();

        assertThat(shards.mover().isIdle()).isTrue();
        final JournalCopy compacted = journal();
        assertThat(compacted.steps).as("compacted at ROLLED_BACK")
            .containsExactly(MoveStep.ROLLED_BACK, MoveStep.PLACED);
        assertThat(compacted.records.get(0).moveId()).as("the last move id").isEqualTo(2);
        final Map<Long, Long> routes = new HashMap<>();
        shards.client().forEachMovedOrder(routes::put);
        assertThat(compacted.orders).as("the first move's routes").hasSize(10).isEqualTo(routes)
            .containsOnlyKeys(before.stream().map(order -> order[0]).toList());
        assertThat(shards.book(second, instrument)).usingElementComparator(MovingShardsOrders::compare)
            .containsExactlyElementsOf(before.subList(1, before.size()));

        assertThat(shards.mover().move(instrument, first)).as("numbered on from the compacted id").isEqualTo(3);
        shards.pump();
        assertThat(shards.mover().stats().moves()).isEqualTo(1);
        assertThat(shards.book(first, instrument)).usingElementComparator(MovingShardsOrders::compare)
            .containsExactlyElementsOf(before.subList(1, before.size()));
        assertThat(inFlight()).as("in flight on either shard").isZero();
        assertConserved();
    }

    /**
     * Moves the instrument; another gateway's cancel of account 1's client order id 1 reaches the source right after
     * the read, so the source refuses MoveOut; the gateway stops right after the source took the rollback's resume.
     */
    private void refuseAndStopAfterTheSourcesResume(final int instrument, final int from, final int to)
    {
        shards.afterRead(() ->
        {
            shards.afterRead(() ->
            {
            });
            assertThat(shards.offerPastGate(from, buffer, 0, encoder.cancelOrder(buffer, 0, 0, 1, 97, 0, 1)))
                .isPositive();
        });
        final boolean[] resumed = {false};
        shards.afterTaken((shard, command, offset, length) ->
        {
            if (shard == from && !resumed[0] && templateId(command, offset) == ResumeInstrumentDecoder.TEMPLATE_ID)
            {
                resumed[0] = true;
                throw new IllegalStateException("the gateway stops");
            }
        });
        shards.mover().move(instrument, to);
        assertThatThrownBy(shards::pump).hasMessage("the gateway stops");
        assertThat(journalSteps()).as("stopped before ROLLED_BACK").endsWith(MoveStep.READ, MoveStep.REFUSED);
    }

    /**
     * Asserts that the instrument's book on the shard is the expected orders in priority, that no funds are in flight
     * on either shard and the totals are conserved, and that a crossing sell trades there with the first of them.
     */
    private void assertRestsAndTrades(final int shard, final int instrument, final List<long[]> expected)
    {
        assertThat(shards.book(shard, instrument)).usingElementComparator(MovingShardsOrders::compare)
            .containsExactlyElementsOf(expected);
        assertThat(inFlight()).as("in flight on either shard").isZero();
        assertConserved();

        order(ACCOUNTS, 2_000_001, instrument, Side.SELL, 1, 1);
        shards.pump();
        assertThat(shards.recorder().of(TradeDecoder.TEMPLATE_ID)).extracting(RecordedEvent::orderId)
            .as("trades on shard %d", shard).containsExactly(expected.get(0)[0]);
    }

    /** Crashes the shards and the gateway; the new mover, taking the move up, sends nothing until pumped. */
    private void restartWithNothingSent()
    {
        shards.budget(0);
        shards.crashEverything();
        shards.budget(Long.MAX_VALUE);
    }

    /** @return whether the event is an answer to MoveOut. */
    private static boolean moveOutAnswer(final DirectBuffer event, final int offset)
    {
        return templateId(event, offset) == AdminResultDecoder.TEMPLATE_ID && new AdminResultDecoder().wrap(event,
            offset + MessageHeaderDecoder.ENCODED_LENGTH,
            event.getShort(offset + MessageHeaderDecoder.blockLengthEncodingOffset(), ByteOrder.LITTLE_ENDIAN),
            event.getShort(offset + MessageHeaderDecoder.versionEncodingOffset(), ByteOrder.LITTLE_ENDIAN))
            .adminType() == AdminType.MOVE_OUT;
    }

    /** @return every account's funds in flight, both assets, over both shards. */
    private long inFlight()
    {
        long inFlight = 0;
        for (int shard = 0; shard < shards.count(); shard++)
        {
            for (long account = 1; account <= ACCOUNTS; account++)
            {
                inFlight += shards.engine(shard).inFlight(account, BASE) +
                    shards.engine(shard).inFlight(account, QUOTE);
            }
        }
        return inFlight;
    }

    /** @return what the mover's journal says (read while no mover appends to it). */
    private JournalCopy journal()
    {
        return JournalCopy.read(directory.resolve("moves.journal"));
    }

    /**
     * A journal whose READ record does not say how the restores went (an older mover's): a move taken up there sends
     * the restores with MoveOut, as then (they may have gone), and undoes them when the source refuses MoveOut.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldSendTheRestoresWithMoveOutAndUndoThemForAMoveTakenUpAtAReadThatDoesNotSayHowTheyWent()
        throws IOException
    {
        final int instrument = setUp(10);
        final int from = shards.client().table().shardOf(instrument);
        final int to = 1 - from;
        final List<long[]> before = shards.book(from, instrument);
        shards.afterRead(() ->
        {
            shards.afterRead(() ->
            {
            });
            assertThat(shards.offerPastGate(from, buffer, 0, encoder.cancelOrder(buffer, 0, 0, 1, 97, 0, 1)))
                .isPositive();
        });
        shards.budget(2);
        shards.mover().move(instrument, to);
        shards.pump();
        shards.mover().close();
        final List<JournalCopy.Record> records = new ArrayList<>();
        for (final JournalCopy.Record record : journal().records)
        {
            records.add(record.step() != MoveStep.READ ? record : new JournalCopy.Record(record.step(),
                record.moveId(), record.instrumentId(), record.from(), record.to(),
                Arrays.copyOf(record.payload(), record.payload().length - Integer.BYTES)));
        }
        assertThat(records).last().extracting(JournalCopy.Record::step).isEqualTo(MoveStep.READ);
        JournalCopy.write(directory.resolve("moves.journal"), records);
        shards.budget(Long.MAX_VALUE);
        shards.crashEverything();
        shards.pump();

        assertThat(shards.mover().isIdle()).isTrue();
        assertThat(journalSteps()).as("undone, then rolled back").endsWith(MoveStep.UNDOING, MoveStep.ROLLED_BACK);
        assertThat(shards.lists(to, instrument)).as("the restores went").isTrue();
        assertThat(shards.book(to, instrument)).as("and were taken out again").isEmpty();
        assertThat(shards.client().table().shardOf(instrument)).isEqualTo(from);
        assertThat(shards.book(from, instrument)).usingElementComparator(MovingShardsOrders::compare)
            .containsExactlyElementsOf(before.subList(1, before.size()));
        assertConserved();
    }

    /** @return the steps the mover's journal holds, in order. */
    private List<MoveStep> journalSteps()
    {
        final List<MoveStep> steps = new ArrayList<>();
        new MoveJournal(directory.resolve("moves.journal"), (step, moveId, instrumentId, source, target, payload,
            payloadLength) -> steps.add(step)).close();
        return steps;
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldRollBackAMoveWhoseSourceEngineAnswersItHasNoSuchInstrument()
    {
        byEvents = true;
        final int instrument = setUp(3);
        final int from = shards.client().table().shardOf(instrument);
        int missing = instrument + 1;
        while (shards.client().table().shardOf(missing) != from)
        {
            missing++;
        }

        shards.mover().move(missing, 1 - from);
        shards.pump();

        assertThat(shards.mover().isIdle()).isTrue();
        assertThat(shards.mover().stats().rolledBack()).isEqualTo(1);
        assertThat(shards.mover().stats().moves()).isZero();
        assertThat(shards.client().table().shardOf(missing)).isEqualTo(from);
        assertThat(shards.book(from, instrument)).hasSize(3);
    }

    private void moveAThousandRestingOrders()
    {
        final int instrument = setUp(1_000);
        final int from = shards.client().table().shardOf(instrument);
        final int to = 1 - from;
        final List<long[]> before = shards.book(from, instrument);
        assertThat(before).hasSize(1_000);

        shards.mover().move(instrument, to);
        shards.pump();

        assertThat(shards.mover().isIdle()).isTrue();
        assertThat(shards.mover().stats().moves()).isEqualTo(1);
        assertThat(shards.mover().stats().ordersMoved()).isEqualTo(1_000);
        assertThat(shards.client().table().shardOf(instrument)).isEqualTo(to);
        assertThat(shards.book(from, instrument)).isEmpty();
        assertThat(shards.book(to, instrument)).usingElementComparator(MovingShardsOrders::compare)
            .containsExactlyElementsOf(before);
        assertConserved();

        final long bestBid = before.get(0)[0];
        cancel(1, 99, bestBid);
        shards.pump();
        assertThat(shards.recorder().of(OrderCancelledDecoder.TEMPLATE_ID)).extracting(RecordedEvent::orderId)
            .containsExactly(bestBid);
        final long secondBid = before.get(1)[0];
        order(ACCOUNTS, 1_000_001, instrument, Side.SELL, 1, 1);
        shards.pump();
        assertThat(shards.recorder().of(TradeDecoder.TEMPLATE_ID)).extracting(RecordedEvent::orderId)
            .containsExactly(secondBid);
        assertConserved();
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldAnswerNewOrdersOfAMovingInstrumentAsHaltedAndTakeThemAfterTheMove()
    {
        final int instrument = setUp(10);
        final int other = 4;
        shards.client().offer(buffer, 0, encoder.addInstrument(buffer, 0, 0, other, BASE, QUOTE, 1, 1, 0, 0, 0, 1,
            1_000, 0, 10_000));
        shards.pump();
        final int from = shards.client().table().shardOf(instrument);
        final long resting = shards.book(from, instrument).get(0)[0];
        shards.recorder().clear();

        shards.mover().move(instrument, 1 - from);
        order(ACCOUNTS, 2_000_001, instrument, Side.BUY, 990, 1);
        cancel(1, 2_000_002, resting);
        order(ACCOUNTS, 2_000_003, other, Side.BUY, 990, 1);
        assertThat(shards.client().haltedDuringMoves()).isEqualTo(1);
        shards.pump();

        assertThat(shards.mover().stats().moves()).isEqualTo(1);
        assertThat(shards.recorder().of(OrderRejectedDecoder.TEMPLATE_ID)).singleElement().satisfies(reject ->
        {
            assertThat(reject.requestId()).isEqualTo(2_000_001);
            assertThat(reject.accountId()).isEqualTo(ACCOUNTS);
            assertThat(reject.instrumentId()).isEqualTo(instrument);
            assertThat(reject.code()).isEqualTo(RejectReason.INSTRUMENT_HALTED.value());
        });
        assertThat(shards.recorder().of(OrderCancelledDecoder.TEMPLATE_ID)).as("the cancel, held, then applied")
            .extracting(RecordedEvent::orderId).containsExactly(resting);
        assertThat(shards.recorder().of(OrderAcceptedDecoder.TEMPLATE_ID)).as("the other instrument trades on")
            .extracting(RecordedEvent::requestId).containsExactly(2_000_003L);

        shards.recorder().clear();
        order(ACCOUNTS, 2_000_004, instrument, Side.BUY, 990, 1);
        shards.pump();
        assertThat(shards.recorder().of(OrderAcceptedDecoder.TEMPLATE_ID)).as("resumed on the target")
            .extracting(RecordedEvent::requestId).containsExactly(2_000_004L);
        assertThat(shards.client().haltedDuringMoves()).isEqualTo(1);
        assertConserved();
    }

    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @ParameterizedTest(name = "crash after {0} commands")
    @ValueSource(longs = {0, 1, 2, 3, 4, 30, 52, 53, 54, 55, 80, 103, 104, 105, 106, 400})
    void shouldRecoverACrashAnywhereInAMoveToExactlyOneOwner(final long commands)
    {
        final int instrument = setUp(50);
        final int from = shards.client().table().shardOf(instrument);
        final int to = 1 - from;
        final List<long[]> before = shards.book(from, instrument);

        shards.budget(commands);
        shards.mover().move(instrument, to);
        shards.pump();
        shards.budget(Long.MAX_VALUE);
        shards.crashEverything();
        shards.pump();

        assertThat(shards.mover().isIdle()).isTrue();
        final int owner = shards.client().table().shardOf(instrument);
        assertThat(owner).isIn(from, to);
        assertThat(shards.book(1 - owner, instrument)).isEmpty();
        assertThat(shards.book(owner, instrument)).usingElementComparator(MovingShardsOrders::compare)
            .containsExactlyElementsOf(before);
        assertConserved();

        order(ACCOUNTS, 2_000_001, instrument, Side.SELL, 1, 1);
        shards.pump();
        assertThat(shards.recorder().of(TradeDecoder.TEMPLATE_ID)).extracting(RecordedEvent::orderId)
            .containsExactly(before.get(0)[0]);

        shards.restartGateway();
        cancel(3, 98, before.get(1)[0]);
        shards.pump();
        assertThat(shards.recorder().of(OrderCancelledDecoder.TEMPLATE_ID)).extracting(RecordedEvent::orderId)
            .as("a restarted gateway still knows where moved orders rest").containsExactly(before.get(1)[0]);
        assertConserved();
    }

    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @ParameterizedTest(name = "crash after {0} commands")
    @ValueSource(longs = {Long.MAX_VALUE, 0, 1, 2, 3, 8, 13, 14, 15, 16, 20, 25, 26})
    void shouldUndoTheRestoresWhenTheSourceRefusesMoveOut(final long commands)
    {
        withMoveOut = true;
        refusedMoveOut(commands);
    }

    /**
     * Another client's cancel reaches the source right after the book read, so the source refuses MoveOut; both
     * shards and the gateway may crash after {@code commands} commands: the instrument stays on the source, its book
     * as before but the cancelled order, the funds are conserved and it trades there again.
     */
    private void refusedMoveOut(final long commands)
    {
        final int instrument = setUp(10);
        final int from = shards.client().table().shardOf(instrument);
        final int to = 1 - from;
        final List<long[]> before = shards.book(from, instrument);
        final boolean[] cancelled = {false};
        shards.afterRead(() ->
        {
            shards.afterRead(() ->
            {
            });
            assertThat(shards.offerPastGate(from, buffer, 0, encoder.cancelOrder(buffer, 0, 0, 1, 97, 0, 1)))
                .isPositive();
            cancelled[0] = true;
        });

        shards.budget(commands);
        shards.mover().move(instrument, to);
        shards.pump();
        if (commands == Long.MAX_VALUE)
        {
            assertThat(shards.mover().stats().rolledBack()).isEqualTo(1);
            assertThat(shards.mover().stats().moves()).isZero();
        }
        shards.budget(Long.MAX_VALUE);
        shards.crashEverything();
        shards.pump();

        assertThat(shards.mover().isIdle()).isTrue();
        assertThat(shards.client().table().shardOf(instrument)).isEqualTo(from);
        assertThat(shards.book(to, instrument)).as("the target took out what it restored").isEmpty();
        final List<long[]> expected = cancelled[0] ? before.subList(1, before.size()) : before;
        assertThat(shards.book(from, instrument)).usingElementComparator(MovingShardsOrders::compare)
            .containsExactlyElementsOf(expected);
        for (long account = 1; account <= ACCOUNTS; account++)
        {
            assertThat(shards.engine(to).inFlight(account, BASE) + shards.engine(to).inFlight(account, QUOTE))
                .as("the holds the target gave back are settled").isZero();
        }
        assertConserved();

        order(ACCOUNTS, 2_000_001, instrument, Side.SELL, 1, 1);
        shards.pump();
        assertThat(shards.recorder().of(TradeDecoder.TEMPLATE_ID)).extracting(RecordedEvent::orderId)
            .as("the source trades again").containsExactly(expected.get(0)[0]);
    }

    /**
     * Funds every account on every shard, adds instrument 3 on the shard the ring gives it, and rests {@code orders}
     * orders on it over accounts 1..4 (order i: account 1 + i % 4), bids below 1,000 and asks above, several per
     * level; the best bids are orders 0 (account 1) and 14 (account 3).
     *
     * @return the instrument.
     */
    private int setUp(final int orders)
    {
        shards = new MovingShards(2, directory);
        if (byEvents)
        {
            shards.readingBooksByEvents();
        }
        if (withMoveOut)
        {
            shards.restoresWithMoveOut();
        }
        final int instrument = 3;
        for (int shard = 0; shard < shards.count(); shard++)
        {
            for (long account = 1; account <= ACCOUNTS; account++)
            {
                shards.client().offerTo(shard, buffer, 0, encoder.adjustBalance(buffer, 0, 0, account, BASE,
                    DEPOSIT_BASE));
                shards.client().offerTo(shard, buffer, 0, encoder.adjustBalance(buffer, 0, 0, account, QUOTE,
                    DEPOSIT_QUOTE));
            }
        }
        shards.client().offer(buffer, 0, encoder.addInstrument(buffer, 0, 0, instrument, BASE, QUOTE, 1, 1, 0, 0, 0,
            1, 1_000, 0, 10_000));
        for (int i = 0; i < orders; i++)
        {
            final boolean bid = i % 2 == 0;
            order(1 + i % 4, 1 + i, instrument, bid ? Side.BUY : Side.SELL, bid ? 999 - i % 7 : 1_001 + i % 7,
                1 + i % 3);
        }
        shards.pump();
        assertThat(shards.recorder().of(OrderAcceptedDecoder.TEMPLATE_ID)).hasSize(orders);
        shards.recorder().clear();
        return instrument;
    }

    private void order(
        final long account, final long clientOrderId, final int instrument, final Side side, final long price,
        final long quantity)
    {
        assertThat(shards.client().offer(buffer, 0, encoder.newOrder(buffer, 0, 0, account, clientOrderId,
            instrument, side, OrderType.LIMIT, TimeInForce.GTC, false, SelfTradePrevention.NONE, price, quantity)))
            .isPositive();
    }

    private void cancel(final long account, final long requestId, final long orderId)
    {
        assertThat(shards.client().offer(buffer, 0, encoder.cancelOrder(buffer, 0, 0, account, requestId, orderId,
            0))).isPositive();
    }

    private void assertConserved()
    {
        long base = 0;
        long quote = 0;
        for (long account = 0; account <= ACCOUNTS; account++)
        {
            base += shards.total(account, BASE);
            quote += shards.total(account, QUOTE);
        }
        assertThat(base).isEqualTo(2 * ACCOUNTS * DEPOSIT_BASE);
        assertThat(quote).isEqualTo(2 * ACCOUNTS * DEPOSIT_QUOTE);
    }
}
