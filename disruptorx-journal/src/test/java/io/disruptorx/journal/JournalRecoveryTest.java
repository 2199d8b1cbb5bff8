package io.disruptorx.journal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalRecoveryTest
{
    private static final int SEGMENT_SIZE = 64 * 1024;
    private static final int PAYLOAD = 100;
    private static final int RECORD = JournalFormat.recordLength(PAYLOAD);

    @TempDir
    Path dir;

    private JournalConfig config()
    {
        return JournalConfig.durable(dir).withSegmentSize(SEGMENT_SIZE);
    }

    private void append(final int count)
    {
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            final byte[] payload = new byte[PAYLOAD];
            for (int i = 0; i < count; i++)
            {
                payload[0] = (byte)i;
                payload[PAYLOAD - 1] = (byte)(i * 7);
                writer.append(writer.lastSequence() + 1, new UnsafeBuffer(payload), 0, PAYLOAD);
            }
            writer.endOfBatch();
        }
    }

    private static long offsetOf(final int record)
    {
        return JournalFormat.SEGMENT_HEADER_LENGTH + (long)record * RECORD;
    }

    private static byte[] readLength(final Path file, final long offset) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r"))
        {
            final byte[] bytes = new byte[4];
            raf.seek(offset);
            raf.readFully(bytes);
            return bytes;
        }
    }

    private static void writeLength(final Path file, final long offset, final int length) throws IOException
    {
        writeBytes(file, offset, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(length).array());
    }

    private static void writeBytes(final Path file, final long offset, final byte[] bytes) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(offset);
            raf.write(bytes);
        }
    }

    private List<Long> replay()
    {
        final List<Long> sequences = new ArrayList<>();
        JournalReader.read(dir, (s, b, o, l) -> sequences.add(s));
        return sequences;
    }

    @Test
    void shouldRefuseAZeroedLengthInTheLastSegmentWhenValidRecordsFollowAndLeaveThemIntact() throws IOException
    {
        append(100);
        final Path segment = dir.resolve(JournalFormat.segmentFileName(0));
        final long tenth = offsetOf(10);
        final byte[] original = readLength(segment, tenth);
        writeLength(segment, tenth, 0);

        assertThatThrownBy(() -> JournalWriter.open(config(), (s, b, o, l) -> { }))
            .isInstanceOf(JournalCorruptedException.class)
            .hasMessageContaining(segment.toString())
            .hasMessageContaining("offset " + tenth)
            .hasMessageContaining("valid record follows at offset " + offsetOf(11));
        assertThatThrownBy(() -> JournalReader.read(dir, (s, b, o, l) -> { }))
            .isInstanceOf(JournalCorruptedException.class);

        writeBytes(segment, tenth, original);
        assertThat(replay()).as("the refused open erased nothing").hasSize(100);
    }

    @Test
    void shouldRefuseADamagedLengthThatStillFitsTheSegmentWhenValidRecordsFollow() throws IOException
    {
        append(100);
        final Path segment = dir.resolve(JournalFormat.segmentFileName(0));
        final long tenth = offsetOf(10);
        final byte[] original = readLength(segment, tenth);
        final int fits = (int)(SEGMENT_SIZE - tenth - 2 * JournalFormat.RECORD_HEADER_LENGTH);
        assertThat(tenth + JournalFormat.recordLength(fits)).isLessThanOrEqualTo(SEGMENT_SIZE);
        writeLength(segment, tenth, fits);

        assertThatThrownBy(() -> JournalWriter.open(config(), (s, b, o, l) -> { }))
            .isInstanceOf(JournalCorruptedException.class)
            .hasMessageContaining("offset " + tenth)
            .hasMessageContaining("checksum");

        writeBytes(segment, tenth, original);
        assertThat(replay()).as("the refused open erased nothing").hasSize(100);
    }

    @Test
    void shouldRefuseDataAfterAZeroLengthInASegmentThatIsNotTheLast() throws IOException
    {
        append(2000);
        final Path first = dir.resolve(JournalFormat.segmentFileName(0));
        assertThat(JournalReader.segmentFiles(dir)).hasSizeGreaterThan(2);
        writeLength(first, offsetOf(5), 0);

        assertThatThrownBy(() -> JournalReader.read(dir, (s, b, o, l) -> { }))
            .isInstanceOf(JournalCorruptedException.class)
            .hasMessageContaining(first.toString())
            .hasMessageContaining("offset " + offsetOf(5));
    }

    @Test
    void shouldStillTreatDamageWithNoValidRecordAfterItAsATornTail() throws IOException
    {
        append(100);
        final Path segment = dir.resolve(JournalFormat.segmentFileName(0));
        final long last = offsetOf(99);
        writeLength(segment, last, 0);

        final List<Long> sequences = new ArrayList<>();
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> sequences.add(s)))
        {
            assertThat(writer.recovered().tornTailOffset()).isEqualTo(last);
            writer.append(100, new UnsafeBuffer(new byte[8]), 0, 8);
            writer.endOfBatch();
        }

        assertThat(sequences).hasSize(99);
        assertThat(replay()).hasSize(100).endsWith(100L);
    }

    @Test
    void shouldTreatALengthThatOverflowsTheRecordSizeAsATornTail() throws IOException
    {
        append(100);
        final Path segment = dir.resolve(JournalFormat.segmentFileName(0));
        final long last = offsetOf(99);
        writeLength(segment, last, Integer.MAX_VALUE - 3);

        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            assertThat(writer.recovered().tornTailOffset()).isEqualTo(last);
            assertThat(writer.lastSequence()).isEqualTo(99);
        }
    }

    @Test
    void shouldForceTheDirectoryWhenCreatingASegment()
    {
        final long before = Segment.DIRECTORY_FORCES.get();

        try (Segment segment = Segment.create(dir, 0, SEGMENT_SIZE, new CRC32C()))
        {
            assertThat(segment.index).isZero();
        }

        assertThat(Segment.DIRECTORY_FORCES.get()).isGreaterThan(before);
    }
}
