package io.disruptorx.shard.move;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.disruptorx.engine.CancelReason;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.protocol.sbe.event.AdminResultDecoder;
import io.disruptorx.protocol.sbe.event.AdminType;
import io.disruptorx.protocol.sbe.event.BookReadDecoder;
import io.disruptorx.protocol.sbe.event.CancelRejectedDecoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.shard.support.MoveScene;
import io.disruptorx.shard.support.RecordedEvent;
import io.disruptorx.shard.support.TwoGateways;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.disruptorx.shard.support.MoveScene.A;
import static io.disruptorx.shard.support.MoveScene.ALICE;
import static io.disruptorx.shard.support.MoveScene.B;
import static io.disruptorx.shard.support.MoveScene.BOB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateways in front of two shards (real engines); the second is behind on the source and its link to the source
 * is full. It sends a command that spans the shards: the target takes it before the first gateway restores the first
 * moved instrument there, the source only after the first gateway moved a second instrument out of it as well. The
 * second gateway then reads the first move to its switch, and the second move's announcement before the source's
 * answer, so it holds the second instrument while the first is still held after its switch. Its mass cancel of all
 * instruments still cancels every moved order of the account of both moves, on the target, once, and is answered
 * once, after them; its cancel by client order id of an order of the first move is answered {@code INSTRUMENT_HALTED}
 * (retryable), and a retry finds the order.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LaggingGatewayTwoMovesTest
{
    private static final int SOURCE = 1;
    private static final int TARGET = 0;

    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);

    @TempDir
    Path directory;

    private MoveScene scene;
    private TwoGateways venue;
    private int first;
    private int second;
    private int staying;

    @BeforeEach
    void setUp()
    {
        scene = new MoveScene(directory, 2);
        venue = scene.venue();
        first = scene.instrumentOn(SOURCE);
        second = first + 1;
        while (venue.client(A).table().shardOf(second) != SOURCE)
        {
            second++;
        }
        staying = scene.instrumentOn(TARGET);
        scene.fundAndList(first, second, staying);
        venue.order(A, ALICE, 1, first, Side.BUY, 990, 1);
        venue.order(A, ALICE, 2, second, Side.BUY, 990, 1);
        venue.order(B, BOB, 11, first, Side.BUY, 995, 1);
        venue.order(B, BOB, 12, first, Side.BUY, 980, 1);
        venue.order(B, BOB, 15, second, Side.BUY, 985, 1);
        venue.order(B, BOB, 16, second, Side.BUY, 975, 1);
        venue.order(B, BOB, 14, staying, Side.SELL, 1_020, 3);
        venue.pump();
        assertThat(scene.keepAccepted()).hasSize(7);
    }

    @Test
    void shouldCancelEveryMovedOrderOfAMassCancelLateForTwoMovesOfTheSameSource()
    {
        twoMovesBeforeTheSecondGatewayReadsTheSourcesAnswer(
            () -> encoder.massCancel(buffer, 0, 0, BOB, 0, 90));
        assertThat(venue.client(B).holdsAfterSwitch()).as("the source's answer not read yet").isTrue();

        venue.lag(B, SOURCE, false);
        venue.pump();
        assertThat(venue.client(B).movingInstrument()).as("the second move followed").isEqualTo(second);
        venue.lag(B, TARGET, false);
        venue.pump();

        assertThat(venue.client(B).movingInstrument()).isEqualTo(-1);
        assertThat(venue.client(B).table().version()).isEqualTo(venue.client(A).table().version()).isEqualTo(3);
        assertThat(venue.book(TARGET, first)).as("every moved order of the account cancelled")
            .containsExactly(scene.id(1));
        assertThat(venue.book(TARGET, second)).as("every moved order of the account cancelled")
            .containsExactly(scene.id(2));
        assertThat(venue.book(TARGET, staying)).isEmpty();
        assertThat(venue.book(SOURCE, first)).isEmpty();
        assertThat(venue.book(SOURCE, second)).isEmpty();
        final List<RecordedEvent> answers = scene.massCancelAnswers(B, BOB);
        assertThat(answers).as("one answer").hasSize(1);
        assertThat(answers.get(0).result()).isEqualTo(RejectReason.NONE.code());
        final List<RecordedEvent> events = venue.recorder(B).events();
        for (final long order : new long[]{scene.id(11), scene.id(12), scene.id(15), scene.id(16), scene.id(14)})
        {
            final List<RecordedEvent> cancels = scene.cancelled(B, order);
            assertThat(cancels).as("order " + order + " cancelled once").hasSize(1);
            assertThat(cancels.get(0).requestId()).as("as the client's mass cancel").isEqualTo(90);
            assertThat(cancels.get(0).code()).isEqualTo(CancelReason.MASS_CANCEL.code());
            assertThat(events.indexOf(cancels.get(0))).as("before the answer")
                .isLessThan(events.indexOf(answers.get(0)));
        }
        assertThat(venue.client(B).massCancelsResent()).as("once per moved instrument").isEqualTo(2);
        scene.assertConserved();
    }

    @Test
    void shouldAnswerACancelByClientOrderIdOfAnOrderOfTheFirstMoveAsHaltedAfterTheSecondMoveIsAnnounced()
    {
        twoMovesBeforeTheSecondGatewayReadsTheSourcesAnswer(
            () -> encoder.cancelOrder(buffer, 0, 0, BOB, 92, 0, 12));

        venue.lag(B, SOURCE, false);
        venue.pump();
        venue.lag(B, TARGET, false);
        venue.pump();
        assertThat(venue.client(B).movingInstrument()).isEqualTo(-1);
        assertThat(venue.book(TARGET, first)).as("still live on the target")
            .containsExactly(scene.id(11), scene.id(1), scene.id(12));
        final List<RecordedEvent> rejected = venue.recorder(B).matching(
            event -> event.templateId() == CancelRejectedDecoder.TEMPLATE_ID && event.requestId() == 92);
        assertThat(rejected).as("one answer").hasSize(1);
        assertThat(rejected.get(0).code()).as("retryable, not unknown")
            .isEqualTo(RejectReason.INSTRUMENT_HALTED.code());

        assertThat(venue.gateway(B).offer(buffer, 0, encoder.cancelOrder(buffer, 0, 0, BOB, 95, 0, 12)))
            .isPositive();
        venue.pump();
        assertThat(scene.cancelled(B, scene.id(12))).as("the retry finds it on the target").hasSize(1);
        assertThat(venue.book(TARGET, first)).containsExactly(scene.id(11), scene.id(1));
        scene.assertConserved();
    }

    /**
     * The second gateway reads nothing of either shard. The first moves the first instrument out of the source and
     * reads nothing of the source from there, so it restores nothing yet; the second gateway's command goes to the
     * target now and waits for the source (its link full). The first gateway completes that move and moves the second
     * instrument; only then does the source take the command. The second gateway then reads the source up to the
     * second move's announcement and the target up to the second move's first command: it switched the first move.
     */
    private void twoMovesBeforeTheSecondGatewayReadsTheSourcesAnswer(final Command command)
    {
        venue.lag(B, SOURCE, true);
        venue.lag(B, TARGET, true);
        venue.afterRead(() ->
        {
            venue.afterRead(() ->
            {
            });
            venue.lag(A, SOURCE, true);
        });
        final CompletableFuture<String> firstMove = venue.gateway(A).move(first, TARGET);
        venue.pump();
        assertThat(venue.book(SOURCE, first)).as("moved out").isEmpty();
        assertThat(venue.orderCount(TARGET, first)).as("nothing restored yet").isEqualTo(-1);

        venue.pushBack(B, SOURCE, true);
        assertThat(venue.gateway(B).offer(buffer, 0, command.encode()))
            .as("the move unknown here: the target takes it, the source pushes back").isPositive();
        venue.pump();
        venue.lag(A, SOURCE, false);
        venue.pump();
        assertThat(firstMove.join()).startsWith("moved instrument " + first);
        final CompletableFuture<String> secondMove = venue.gateway(A).move(second, TARGET);
        venue.pump();
        assertThat(secondMove.join()).startsWith("moved instrument " + second);
        assertThat(venue.book(TARGET, first)).as("missed on the target")
            .containsExactly(scene.id(11), scene.id(1), scene.id(12));
        assertThat(venue.book(TARGET, second)).containsExactly(scene.id(2), scene.id(15), scene.id(16));

        venue.pushBack(B, SOURCE, false);
        venue.pump();
        assertThat(venue.book(TARGET, first)).as("missed on the source as well")
            .containsExactly(scene.id(11), scene.id(1), scene.id(12));
        assertThat(venue.book(TARGET, second)).containsExactly(scene.id(2), scene.id(15), scene.id(16));
        assertThat(venue.client(B).movingInstrument()).as("the second gateway knows of neither move").isEqualTo(-1);

        venue.lagBefore(B, SOURCE, (event, length) -> isBookReadOf(event, second));
        venue.pump();
        assertThat(venue.client(B).movingInstrument()).isEqualTo(first);
        venue.lagBefore(B, TARGET, (event, length) -> isAddInstrumentAnswerOf(event, second));
        venue.pump();
        assertThat(venue.client(B).table().shardOf(first)).as("the first move switched").isEqualTo(TARGET);
        assertThat(venue.client(B).table().shardOf(second)).isEqualTo(SOURCE);
    }

    private static boolean isBookReadOf(final DirectBuffer event, final int instrument)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(event, 0);
        if (header.schemaId() != BookReadDecoder.SCHEMA_ID || header.templateId() != BookReadDecoder.TEMPLATE_ID)
        {
            return false;
        }
        return new BookReadDecoder().wrap(event, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(),
            header.version()).instrumentId() == instrument;
    }

    private static boolean isAddInstrumentAnswerOf(final DirectBuffer event, final int instrument)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(event, 0);
        if (header.schemaId() != AdminResultDecoder.SCHEMA_ID || header.templateId() != AdminResultDecoder.TEMPLATE_ID)
        {
            return false;
        }
        final AdminResultDecoder result = new AdminResultDecoder().wrap(event, MessageHeaderDecoder.ENCODED_LENGTH,
            header.blockLength(), header.version());
        return result.adminType() == AdminType.ADD_INSTRUMENT && result.subjectId() == instrument;
    }

    /**
     * Writes the second gateway's command into the buffer.
     */
    @FunctionalInterface
    private interface Command
    {
        int encode();
    }
}
