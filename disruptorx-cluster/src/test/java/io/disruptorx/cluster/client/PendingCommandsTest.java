package io.disruptorx.cluster.client;

import java.nio.ByteOrder;

import io.disruptorx.cluster.wire.IngressFrame;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unsent commands go out as BATCH frames of as many as fit, in sequence order, each command's bytes exactly as
 * taken; a rewind sends the unacknowledged ones again, batched the same way; a traced command is kept with its trace
 * context and left out of a batch unless the leader reads no traces.
 */
class PendingCommandsTest
{
    private final PendingCommands pending = new PendingCommands(8);
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[1024]);

    @Test
    void shouldBatchConsecutiveUnsentCommandsUpToTheLengthGiven()
    {
        for (int i = 1; i <= 5; i++)
        {
            assertThat(pending.add(command(i, 40 + i), 0, 40 + i)).isEqualTo(i);
        }
        assertThat(pending.unsent()).isEqualTo(5);

        final int fitsThree = IngressFrame.BATCH_COMMANDS_OFFSET + 3 * IngressFrame.BATCH_LENGTH_PREFIX + 41 + 42 + 43;
        assertThat(pending.batch(frame, fitsThree + 3, false)).isEqualTo(3);
        assertThat(pending.batchLength()).isEqualTo(fitsThree);
        assertBatch(1, 3);
        pending.markSent(3);
        assertThat(pending.unsent()).isEqualTo(2);

        assertThat(pending.batch(frame, frame.capacity(), false)).isEqualTo(2);
        assertBatch(4, 2);
        pending.markSent(2);
        assertThat(pending.hasUnsent()).isFalse();

        assertThat(pending.acknowledge(2)).isEqualTo(2);
        assertThat(pending.rewind()).isEqualTo(3);
        assertThat(pending.batch(frame, frame.capacity(), false)).isEqualTo(3);
        assertBatch(3, 3);
    }

    @Test
    void shouldKeepATracedCommandAsItsTracedFrameAndBatchItUntracedOnlyWhenAsked()
    {
        pending.add(command(1, 41), 0, 41);
        pending.add(command(2, 42), 0, 42, 0x1111L, 0x2222L, 0x3333L);
        pending.add(command(3, 43), 0, 43);

        assertThat(pending.batch(frame, frame.capacity(), true)).as("a batch stops before the traced command")
            .isEqualTo(1);
        assertBatch(1, 1);
        pending.markSent(1);
        assertThat(pending.unsentTraced()).isTrue();
        final int offset = pending.unsentOffset();
        assertThat(IngressFrame.type(pending.buffer(), offset)).isEqualTo(IngressFrame.TRACED);
        assertThat(IngressFrame.value(pending.buffer(), offset)).isEqualTo(2);
        assertThat(pending.buffer().getLong(offset + IngressFrame.HEADER_LENGTH, ByteOrder.LITTLE_ENDIAN))
            .isEqualTo(0x1111L);
        assertThat(pending.buffer().getLong(offset + IngressFrame.HEADER_LENGTH + 8, ByteOrder.LITTLE_ENDIAN))
            .isEqualTo(0x2222L);
        assertThat(pending.buffer().getLong(offset + IngressFrame.HEADER_LENGTH + 16, ByteOrder.LITTLE_ENDIAN))
            .isEqualTo(0x3333L);
        assertThat(pending.unsentLength()).isEqualTo(IngressFrame.TRACED_COMMAND_OFFSET + 42);
        final byte[] bytes = new byte[42];
        pending.buffer().getBytes(offset + IngressFrame.TRACED_COMMAND_OFFSET, bytes);
        final byte[] expected = new byte[42];
        command(2, 42).getBytes(0, expected);
        assertThat(bytes).isEqualTo(expected);

        assertThat(pending.batch(frame, frame.capacity(), false))
            .as("for a leader that reads no traces, the traced command goes untraced in a batch").isEqualTo(2);
        assertBatch(2, 2);
    }

    private void assertBatch(final long first, final int count)
    {
        assertThat(IngressFrame.type(frame, 0)).isEqualTo(IngressFrame.BATCH);
        assertThat(IngressFrame.value(frame, 0)).isEqualTo(first);
        assertThat(frame.getInt(IngressFrame.BATCH_COUNT_OFFSET, ByteOrder.LITTLE_ENDIAN)).isEqualTo(count);
        int at = IngressFrame.BATCH_COMMANDS_OFFSET;
        for (long sequence = first; sequence < first + count; sequence++)
        {
            final int length = frame.getInt(at, ByteOrder.LITTLE_ENDIAN);
            assertThat(length).isEqualTo(40 + (int)sequence);
            final byte[] bytes = new byte[length];
            frame.getBytes(at + IngressFrame.BATCH_LENGTH_PREFIX, bytes);
            final byte[] expected = new byte[length];
            command((int)sequence, length).getBytes(0, expected);
            assertThat(bytes).isEqualTo(expected);
            at += IngressFrame.BATCH_LENGTH_PREFIX + length;
        }
        assertThat(at).isEqualTo(pending.batchLength());
    }

    private static UnsafeBuffer command(final int seed, final int length)
    {
        final UnsafeBuffer command = new UnsafeBuffer(new byte[length]);
        for (int i = 0; i < length; i++)
        {
            command.putByte(i, (byte)(seed * 31 + i));
        }
        return command;
    }
}
