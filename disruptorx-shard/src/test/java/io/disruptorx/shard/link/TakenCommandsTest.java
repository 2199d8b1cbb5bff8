package io.disruptorx.shard.link;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway keeps a command in its link log until an event proves it journalled ({@link TakenCommands}): frames the
 * shard took stay until an event of the journal sequence of the last command among them (or a later one) arrives,
 * an event before it drops nothing, an ACK whose command already has events drops at once, and a full record widens
 * its newest entry rather than drop too early. The HELLO carries the log's first frame, the frames ever sent, the
 * last event with the count of its events (before any event, the sequence the shard had applied when the link began),
 * and the sequence the dropped frames are durable up to, which may be before the last event.
 *
 * <p>How it can fail: a frame dropped before its command is journalled (a restarted shard could not tell it was lost),
 * or one never dropped (the log fills).
 */
class TakenCommandsTest
{
    private final LinkStream stream = new LinkStream(1 << 20, 1 << 16);
    private final TakenCommands taken = new TakenCommands();
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[16]);

    @Test
    void shouldDropFramesOnlyOnceAnEventProvesThemJournalled()
    {
        append(5);
        taken.taken(3, 100, stream);
        taken.taken(5, 102, stream);
        assertThat(stream.first()).as("nothing durable yet").isZero();

        taken.onEvent(99, stream);
        assertThat(stream.first()).as("an event of an earlier command").isZero();
        taken.onEvent(100, stream);
        assertThat(stream.first()).as("the event of the third frame's command").isEqualTo(3);
        taken.onEvent(100, stream);
        taken.onEvent(103, stream);
        assertThat(stream.first()).as("a later command's event").isEqualTo(5);

        append(2);
        taken.taken(7, 101, stream);
        assertThat(stream.first()).as("taken with a sequence that already has events").isEqualTo(7);
    }

    @Test
    void shouldSayInItsHelloWhatTheGatewayHolds()
    {
        append(4);
        taken.taken(2, 10, stream);
        taken.onEvent(10, stream);
        taken.onEvent(10, stream);
        final long[] hello = taken.hello(new long[7], 77, 9, stream);
        assertThat(hello).containsExactly(77, 9, 2, 4, 10, 2, 10);
    }

    @Test
    void shouldSayUpToWhichSequenceTheDroppedFramesAreDurableWhileLaterFramesOfAnsweredCommandsStay()
    {
        taken.welcome(0, 50, false, stream);
        append(6);
        taken.taken(2, 60, stream);
        taken.taken(6, 64, stream);
        taken.onEvent(60, stream);
        taken.onEvent(62, stream);
        assertThat(stream.first()).as("the second ACK's frames wait for its last command, 64").isEqualTo(2);
        assertThat(taken.hello(new long[7], 1, 2, stream)).as("frames 2 and 3 (61, 62) have events, yet stay: " +
            "the host must match them from 60 on, not from the last event 62")
            .containsExactly(1, 2, 2, 6, 62, 1, 60);

        taken.welcome(2, 0, true, stream);
        assertThat(taken.hello(new long[7], 1, 2, stream)).as("a restarted host changes nothing durable")
            .containsExactly(1, 2, 2, 6, 62, 1, 60);
        taken.taken(6, 64, stream);
        taken.onEvent(64, stream);
        assertThat(stream.first()).isEqualTo(6);
        assertThat(taken.hello(new long[7], 1, 3, stream)).containsExactly(1, 3, 6, 6, 64, 1, 64);
    }

    @Test
    void shouldWidenItsNewestEntryWhenFullAndForgetOnClear()
    {
        append(3_000);
        for (int i = 1; i <= 3_000; i++)
        {
            taken.taken(i, 1_000 + i, stream);
        }
        taken.onEvent(1_000 + 1_023, stream);
        assertThat(stream.first()).as("the first 1,023 entries as recorded").isEqualTo(1_023);
        taken.onEvent(1_000 + 2_999, stream);
        assertThat(stream.first()).as("the widened last entry waits for its newest sequence").isEqualTo(1_023);
        taken.onEvent(1_000 + 3_000, stream);
        assertThat(stream.first()).isEqualTo(3_000);

        append(1);
        taken.taken(3_001, 5_000, stream);
        taken.clear();
        taken.onEvent(6_000, stream);
        assertThat(stream.first()).as("forgotten: a restarted shard says again what it took").isEqualTo(3_000);
    }

    @Test
    void shouldCountTheFirstWelcomesSequenceAsTheLastEventOfANewLink()
    {
        taken.welcome(0, 500, false, stream);
        taken.onEvent(480, stream);
        assertThat(taken.hello(new long[7], 1, 1, stream)).as("an older command's event changes nothing")
            .containsExactly(1, 1, 0, 0, 500, 0, 500);
        append(2);
        taken.welcome(2, 600, false, stream);
        assertThat(stream.first()).as("a later welcome is an ACK").isZero();
        taken.onEvent(600, stream);
        assertThat(stream.first()).isEqualTo(2);
        assertThat(taken.hello(new long[7], 1, 2, stream)).containsExactly(1, 2, 2, 2, 600, 1, 600);
    }

    private void append(final int frames)
    {
        for (int i = 0; i < frames; i++)
        {
            stream.append(ShardLinkFrames.COMMAND, command, 0, command.capacity());
        }
    }
}
