package io.disruptorx.protocol.snapshot;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotCursorTest
{
    @Test
    void shouldWriteLittleEndianValuesAndZeroPaddedBytes()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4);
        buffer.setMemory(0, 4, (byte)0x7F);
        final SnapshotWriter out = new SnapshotWriter().wrap(buffer, 2);

        out.putInt(0x01020304).putLong(0x1112131415161718L)
            .putBytesAligned(new UnsafeBuffer(new byte[]{(byte)0xA1, (byte)0xA2, (byte)0xA3}), 0, 3);

        assertThat(out.position()).as("2 + 4 + 8 + 3, padded to 8").isEqualTo(24);
        assertThat(bytes(buffer, 0, 24)).containsExactly(
            0x7F, 0x7F,
            0x04, 0x03, 0x02, 0x01,
            0x18, 0x17, 0x16, 0x15, 0x14, 0x13, 0x12, 0x11,
            0xA1, 0xA2, 0xA3, 0, 0, 0, 0, 0, 0, 0);
        assertThat(buffer.capacity()).as("grown past its first 4 bytes").isGreaterThanOrEqualTo(24);
    }

    @Test
    void shouldAddNoPaddingWhenAligned()
    {
        final SnapshotWriter out = new SnapshotWriter().wrap(new ExpandableArrayBuffer(16), 0);

        out.putLong(1).align();

        assertThat(out.position()).isEqualTo(8);
    }

    @Test
    void shouldReadBackWhatWasWritten()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(16);
        final int end = new SnapshotWriter().wrap(buffer, 8).putInt(-5).putLong(Long.MIN_VALUE)
            .putBytesAligned(new UnsafeBuffer("abcde".getBytes()), 1, 3).putInt(42).position();
        final SnapshotReader in = new SnapshotReader("test snapshot").wrap(buffer, 8, end - 8);
        final UnsafeBuffer bytes = new UnsafeBuffer(new byte[3]);

        assertThat(in.getInt()).isEqualTo(-5);
        assertThat(in.getLong()).isEqualTo(Long.MIN_VALUE);
        in.getBytesAligned(bytes, 0, 3);
        assertThat(bytes.getStringWithoutLengthAscii(0, 3)).isEqualTo("bcd");
        assertThat(in.getInt()).isEqualTo(42);
        assertThat(in.position()).isEqualTo(end);
    }

    @Test
    void shouldRefuseToReadPastTheEndWithTheSnapshotsName()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final SnapshotReader in = new SnapshotReader("service snapshot").wrap(buffer, 4, 10);

        in.getLong();

        assertThatThrownBy(in::getInt).isInstanceOf(IllegalStateException.class)
            .hasMessage("service snapshot truncated at byte 12 of 14");
        assertThatThrownBy(() -> in.getBytesAligned(new UnsafeBuffer(new byte[8]), 0, -1))
            .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> in.getBytesAligned(new UnsafeBuffer(new byte[8]), 0, 3))
            .isInstanceOf(IllegalStateException.class);
    }

    private static int[] bytes(final ExpandableArrayBuffer buffer, final int offset, final int length)
    {
        final int[] bytes = new int[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = buffer.getByte(offset + i) & 0xFF;
        }
        return bytes;
    }
}
