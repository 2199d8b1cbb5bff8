package io.disruptorx.shard.move;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import io.disruptorx.engine.Side;
import io.disruptorx.protocol.sbe.event.AdminResultDecoder;
import io.disruptorx.protocol.sbe.event.AdminType;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.shard.support.MoveScene;
import io.disruptorx.shard.support.TwoGateways;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.disruptorx.shard.support.MoveScene.A;
import static io.disruptorx.shard.support.MoveScene.ALICE;
import static io.disruptorx.shard.support.MoveScene.B;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateways over two real engines: the second follows the first's move from shard 0 to shard 1 and, behind on
 * the target, reads between the target's AddInstrument answer and its ResumeInstrument answer an operator's
 * AddInstrument answer of another instrument (listed on the source meanwhile). It still follows the move to its
 * switch and holds nothing after it, and then follows a move back the same way.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MoveFollowerAddedInstrumentsTest
{
    @TempDir
    Path directory;

    @Test
    void shouldFollowAMoveWhoseTargetResumeComesAfterAnotherInstrumentsAddAnswer()
    {
        final MoveScene scene = new MoveScene(directory, 2);
        final TwoGateways venue = scene.venue();
        final int moving = scene.instrumentOn(0);
        final int[] listedOnSource = {nextOn(venue, 0, moving), scene.instrumentOn(1)};
        scene.fundAndList(moving);
        venue.order(A, ALICE, 1, moving, Side.BUY, 990, 1);
        venue.pump();
        assertThat(scene.keepAccepted()).hasSize(1);

        for (int move = 0; move < 2; move++)
        {
            final int from = move;
            final int to = 1 - move;
            venue.lagBefore(B, to, (event, length) -> isResumeAnswerOf(event, moving));
            final CompletableFuture<String> moved = venue.gateway(A).move(moving, to);
            venue.pump();
            assertThat(moved.join()).startsWith("moved instrument " + moving);
            assertThat(venue.client(B).holdsInstrument(moving)).as("following, the target's resume unread").isTrue();

            venue.fundAndList(new long[0], 0, 0, listedOnSource[move]);
            venue.pump();
            venue.lag(B, to, false);
            venue.pump();
            assertThat(venue.client(B).table().shardOf(moving)).as("move " + move + " switched").isEqualTo(to)
                .isEqualTo(venue.client(A).table().shardOf(moving));
            assertThat(venue.client(B).holdsInstrument(moving)).as("nothing held").isFalse();
            assertThat(venue.client(B).movingInstrument()).isEqualTo(-1);
            assertThat(venue.book(to, moving)).containsExactly(scene.id(1));
            assertThat(venue.book(from, moving)).isEmpty();
        }
    }

    private static int nextOn(final TwoGateways venue, final int shard, final int after)
    {
        for (int id = after + 1; id < 64; id++)
        {
            if (venue.client(A).table().shardOf(id) == shard)
            {
                return id;
            }
        }
        throw new AssertionError("no other instrument on shard " + shard);
    }

    private static boolean isResumeAnswerOf(final DirectBuffer event, final int instrument)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(event, 0);
        if (header.schemaId() != AdminResultDecoder.SCHEMA_ID || header.templateId() != AdminResultDecoder.TEMPLATE_ID)
        {
            return false;
        }
        final AdminResultDecoder result = new AdminResultDecoder().wrap(event, MessageHeaderDecoder.ENCODED_LENGTH,
            header.blockLength(), header.version());
        return result.adminType() == AdminType.RESUME_INSTRUMENT && result.subjectId() == instrument;
    }
}
