package io.disruptorx.journal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The write path puts a batch in its segment with two writes, the batch with its first length pending, then that
 * length. A process killed between the two leaves the file as it is at {@link CrashPoint#BATCH_PENDING}: these tests
 * copy the journal at that moment (what the page cache holds, which is what a SIGKILL leaves) and recover the copy.
 */
class PendingBatchRecoveryTest
{
    private static final int SEGMENT_SIZE = 64 * 1024;
    private static final int PAYLOAD = 100;
    private static final int RECORD = JournalFormat.recordLength(PAYLOAD);

    @TempDir
    Path root;
    private Path dir;
    private Path killed;

    @BeforeEach
    void directories()
    {
        dir = root.resolve("journal");
        killed = root.resolve("killed");
    }

    @AfterEach
    void stopListening()
    {
        CrashPoint.listen(null);
    }

    private static JournalConfig config(final Path directory)
    {
        return JournalConfig.durable(directory).withSegmentSize(SEGMENT_SIZE).withWritePath(WritePath.WRITE);
    }

    private static long offsetOf(final int record)
    {
        return JournalFormat.SEGMENT_HEADER_LENGTH + (long)record * RECORD;
    }

    private static void appendBatch(final JournalWriter writer, final int count)
    {
        final byte[] payload = new byte[PAYLOAD];
        for (int i = 0; i < count; i++)
        {
            final long sequence = writer.lastSequence() + 1;
            payload[0] = (byte)sequence;
            payload[PAYLOAD - 1] = (byte)(sequence * 7);
            writer.append(sequence, new UnsafeBuffer(payload), 0, PAYLOAD);
        }
        writer.endOfBatch();
    }

    /**
     * Writes a batch of 100 records, then a batch of 20 whose file state at {@link CrashPoint#BATCH_PENDING} is
     * copied to {@code killed}.
     */
    private void writeAndCopyAtPending()
    {
        try (JournalWriter writer = JournalWriter.open(config(dir), (s, b, o, l) -> { }))
        {
            appendBatch(writer, 100);
            CrashPoint.listen(point ->
            {
                if (point == CrashPoint.BATCH_PENDING)
                {
                    copyDirectory(dir, killed);
                }
            });
            appendBatch(writer, 20);
            CrashPoint.listen(null);
        }
    }

    private static void copyDirectory(final Path from, final Path to)
    {
        try
        {
            Files.createDirectories(to);
            for (final Path file : JournalReader.segmentFiles(from))
            {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static List<Long> replay(final Path directory)
    {
        final List<Long> sequences = new ArrayList<>();
        JournalReader.read(directory, (s, b, o, l) -> sequences.add(s));
        return sequences;
    }

    private static int lengthAt(final Path segment, final long offset) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(segment.toFile(), "r"))
        {
            raf.seek(offset);
            return Integer.reverseBytes(raf.readInt());
        }
    }

    private static void writeByte(final Path segment, final long offset, final int value) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(segment.toFile(), "rw"))
        {
            raf.seek(offset);
            raf.write(value);
        }
    }

    @Test
    void shouldRecoverABatchKilledBetweenItsTwoWritesAsATornTailAndAppendAfterIt() throws IOException
    {
        writeAndCopyAtPending();
        final Path segment = killed.resolve(JournalFormat.segmentFileName(0));
        assertThat(lengthAt(segment, offsetOf(100))).as("the first length of the killed batch")
            .isEqualTo(JournalFormat.PENDING_LENGTH);
        assertThat(lengthAt(segment, offsetOf(101))).as("its second record is there already").isEqualTo(PAYLOAD);
        assertThat(replay(killed)).as("a reader ends the journal at the pending batch").hasSize(100).endsWith(100L);

        final List<Long> recovered = new ArrayList<>();
        try (JournalWriter writer = JournalWriter.open(config(killed), (s, b, o, l) -> recovered.add(s)))
        {
            assertThat(writer.recovered().tornTailOffset()).isEqualTo(offsetOf(100));
            assertThat(writer.lastSequence()).isEqualTo(100);
            assertThat(lengthAt(segment, offsetOf(101))).as("the dropped batch is zeroed").isZero();
            appendBatch(writer, 5);
        }

        assertThat(recovered).hasSize(100).endsWith(100L);
        assertThat(replay(killed)).hasSize(105).endsWith(105L);
        assertThat(replay(dir)).as("the writer that was not killed finished both batches").hasSize(120);
    }

    @Test
    void shouldRefuseAPendingBatchWhoseFirstRecordIsDamagedWhenValidRecordsFollow() throws IOException
    {
        writeAndCopyAtPending();
        final Path segment = killed.resolve(JournalFormat.segmentFileName(0));
        writeByte(segment, offsetOf(100) + JournalFormat.RECORD_HEADER_LENGTH + 3, 0x5A);

        assertThatThrownBy(() -> JournalWriter.open(config(killed), (s, b, o, l) -> { }))
            .isInstanceOf(JournalCorruptedException.class)
            .hasMessageContaining("offset " + offsetOf(100))
            .hasMessageContaining("valid record follows at offset " + offsetOf(101));
    }

    @Test
    void shouldRefuseAPendingLengthInASegmentThatIsNotTheLast() throws IOException
    {
        try (JournalWriter writer = JournalWriter.open(config(dir), (s, b, o, l) -> { }))
        {
            appendBatch(writer, 2000);
        }
        final Path first = dir.resolve(JournalFormat.segmentFileName(0));
        assertThat(JournalReader.segmentFiles(dir)).hasSizeGreaterThan(2);
        try (RandomAccessFile raf = new RandomAccessFile(first.toFile(), "rw"))
        {
            raf.seek(offsetOf(5));
            raf.writeInt(Integer.reverseBytes(JournalFormat.PENDING_LENGTH));
        }

        assertThatThrownBy(() -> JournalReader.read(dir, (s, b, o, l) -> { }))
            .isInstanceOf(JournalCorruptedException.class)
            .hasMessageContaining(first.toString())
            .hasMessageContaining("offset " + offsetOf(5));
    }

    @Test
    void shouldShowATailerNothingOfAPendingBatchAndAllOfItOnceWritten()
    {
        final List<Long> seen = new ArrayList<>();
        final List<Integer> deliveredWhilePending = new ArrayList<>();
        try (JournalTailer tailer = new JournalTailer(dir, 0);
            JournalWriter writer = JournalWriter.open(config(dir), (s, b, o, l) -> { }))
        {
            appendBatch(writer, 100);
            assertThat(tailer.poll((s, b, o, l) -> seen.add(s), 1000)).isEqualTo(100);
            CrashPoint.listen(point ->
            {
                if (point == CrashPoint.BATCH_PENDING)
                {
                    deliveredWhilePending.add(tailer.poll((s, b, o, l) -> seen.add(s), 1000));
                }
            });
            appendBatch(writer, 20);
            CrashPoint.listen(null);
            assertThat(tailer.poll((s, b, o, l) -> seen.add(s), 1000)).isEqualTo(20);
        }

        assertThat(deliveredWhilePending).containsExactly(0);
        assertThat(seen).hasSize(120).endsWith(120L).doesNotHaveDuplicates();
    }
}
