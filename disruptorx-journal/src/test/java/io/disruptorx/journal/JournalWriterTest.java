package io.disruptorx.journal;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalWriterTest
{
    private static final int SMALL_SEGMENT = 64 * 1024;

    @TempDir
    Path dir;

    private final List<byte[]> written = new ArrayList<>();

    private JournalConfig config()
    {
        return JournalConfig.durable(dir).withSegmentSize(SMALL_SEGMENT);
    }

    private void appendRecords(final JournalWriter writer, final int count, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++)
        {
            final byte[] payload = new byte[1 + random.nextInt(300)];
            random.nextBytes(payload);
            writer.append(writer.lastSequence() + 1, new UnsafeBuffer(payload), 0, payload.length);
            written.add(payload);
            if (random.nextInt(8) == 0)
            {
                writer.endOfBatch();
            }
        }
        writer.endOfBatch();
    }

    private List<byte[]> replay(final List<Long> sequences)
    {
        final List<byte[]> payloads = new ArrayList<>();
        try (JournalWriter writer = JournalWriter.open(config(), (sequence, buffer, offset, length) ->
        {
            sequences.add(sequence);
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            payloads.add(copy);
        }))
        {
            assertThat(writer.lastSequence()).isEqualTo(sequences.isEmpty() ? 0 : sequences.get(sequences.size() - 1));
        }
        return payloads;
    }

    private long offsetOfRecord(final int recordIndexInSegment, final int firstIndex)
    {
        long offset = JournalFormat.SEGMENT_HEADER_LENGTH;
        for (int i = firstIndex; i < firstIndex + recordIndexInSegment; i++)
        {
            offset += JournalFormat.recordLength(written.get(i).length);
        }
        return offset;
    }

    private static void flipByte(final Path file, final long offset) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(offset);
            final int value = raf.read();
            raf.seek(offset);
            raf.write(value ^ 0x5A);
        }
    }

    @Test
    void shouldReplayEveryRecordInOrderAfterReopen()
    {
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            appendRecords(writer, 1000, 1);
        }
        final List<Long> sequences = new ArrayList<>();

        final List<byte[]> payloads = replay(sequences);

        assertThat(sequences).hasSize(1000);
        for (int i = 0; i < 1000; i++)
        {
            assertThat(sequences.get(i)).isEqualTo(i + 1);
            assertThat(payloads.get(i)).isEqualTo(written.get(i));
        }
    }

    @Test
    void shouldRollSegmentsAndReadAcrossThem() throws IOException
    {
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            appendRecords(writer, 2000, 2);
            assertThat(writer.size()).isGreaterThan(3L * SMALL_SEGMENT);
        }
        try (var files = Files.list(dir))
        {
            assertThat(files.count()).isGreaterThanOrEqualTo(4);
        }

        final List<Long> sequences = new ArrayList<>();
        assertThat(replay(sequences)).hasSize(2000);
        assertThat(sequences.get(1999)).isEqualTo(2000);
    }

    @Test
    void shouldContinueAppendingAfterReopen()
    {
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            appendRecords(writer, 700, 3);
        }
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            assertThat(writer.lastSequence()).isEqualTo(700);
            appendRecords(writer, 700, 4);
        }

        final List<Long> sequences = new ArrayList<>();
        final List<byte[]> payloads = replay(sequences);
        assertThat(sequences).hasSize(1400);
        assertThat(payloads.get(1399)).isEqualTo(written.get(1399));
    }

    @Test
    void shouldTruncateTornTailAndKeepEverythingBefore() throws IOException
    {
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            appendRecords(writer, 50, 5);
        }
        final Path segment = dir.resolve(JournalFormat.segmentFileName(0));
        final long lastRecord = offsetOfRecord(49, 0);
        flipByte(segment, lastRecord + JournalFormat.RECORD_HEADER_LENGTH);

        final List<Long> sequences = new ArrayList<>();
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> sequences.add(s)))
        {
            assertThat(writer.recovered().tornTailOffset()).isEqualTo(lastRecord);
            assertThat(writer.lastSequence()).isEqualTo(49);
            writer.append(50, new UnsafeBuffer(new byte[]{7}), 0, 1);
            writer.endOfBatch();
        }
        assertThat(sequences).hasSize(49);

        final List<Long> again = new ArrayList<>();
        final List<byte[]> payloads = replay(again);
        assertThat(again).hasSize(50);
        assertThat(payloads.get(49)).containsExactly(7);
    }

    @Test
    void shouldTreatHalfWrittenLastRecordAsTornTail() throws IOException
    {
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            appendRecords(writer, 20, 6);
        }
        final Path segment = dir.resolve(JournalFormat.segmentFileName(0));
        final long lastRecord = offsetOfRecord(19, 0);
        final int lastLength = JournalFormat.recordLength(written.get(19).length);
        try (RandomAccessFile raf = new RandomAccessFile(segment.toFile(), "rw"))
        {
            raf.seek(lastRecord + lastLength / 2);
            raf.write(new byte[lastLength - lastLength / 2]);
        }

        final List<Long> sequences = new ArrayList<>();
        replay(sequences);

        assertThat(sequences).hasSize(19);
    }

    @Test
    void shouldRefuseToStartOnCorruptionInTheMiddleNamingFileAndOffset() throws IOException
    {
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            appendRecords(writer, 100, 7);
        }
        final Path segment = dir.resolve(JournalFormat.segmentFileName(0));
        final long tenth = offsetOfRecord(10, 0);
        flipByte(segment, tenth + JournalFormat.RECORD_HEADER_LENGTH);

        assertThatThrownBy(() -> JournalWriter.open(config(), (s, b, o, l) -> { }))
            .isInstanceOf(JournalCorruptedException.class)
            .hasMessageContaining(segment.toString())
            .hasMessageContaining("offset " + tenth)
            .hasMessageContaining("checksum");
        assertThatThrownBy(() -> JournalReader.read(dir, (s, b, o, l) -> { }))
            .isInstanceOf(JournalCorruptedException.class);
    }

    @Test
    void shouldRefuseCorruptionInAnEarlierSegmentEvenAtItsEnd() throws IOException
    {
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            appendRecords(writer, 2000, 8);
        }
        final Path first = dir.resolve(JournalFormat.segmentFileName(0));
        flipByte(first, JournalFormat.SEGMENT_HEADER_LENGTH + JournalFormat.RECORD_HEADER_LENGTH);

        assertThatThrownBy(() -> JournalReader.read(dir, (s, b, o, l) -> { }))
            .isInstanceOf(JournalCorruptedException.class)
            .hasMessageContaining(first.getFileName().toString());
    }

    @Test
    void shouldRefuseMissingSegment() throws IOException
    {
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            appendRecords(writer, 2000, 9);
        }
        Files.delete(dir.resolve(JournalFormat.segmentFileName(1)));

        assertThatThrownBy(() -> JournalReader.read(dir, (s, b, o, l) -> { }))
            .isInstanceOf(JournalCorruptedException.class)
            .hasMessageContaining("segment 1 is missing");
    }

    @Test
    void shouldRepairSegmentWhoseCreationWasTornByACrash() throws IOException
    {
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            appendRecords(writer, 10, 10);
        }
        try (RandomAccessFile raf = new RandomAccessFile(dir.resolve(JournalFormat.segmentFileName(1)).toFile(), "rw"))
        {
            raf.setLength(SMALL_SEGMENT);
        }

        final List<Long> sequences = new ArrayList<>();
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> sequences.add(s)))
        {
            writer.append(11, new UnsafeBuffer(new byte[]{1, 2}), 0, 2);
        }
        final List<Long> again = new ArrayList<>();
        replay(again);

        assertThat(sequences).hasSize(10);
        assertThat(again).hasSize(11);
    }

    @Test
    void shouldStayUsableWhenTheNextSegmentCannotBeCreated() throws IOException
    {
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            Files.createFile(dir.resolve(JournalFormat.segmentFileName(1)));
            final byte[] large = new byte[1000];
            boolean refused = false;
            while (!refused)
            {
                try
                {
                    writer.append(writer.lastSequence() + 1, new UnsafeBuffer(large), 0, large.length);
                }
                catch (final RuntimeException ex)
                {
                    refused = true;
                }
            }
            writer.append(writer.lastSequence() + 1, new UnsafeBuffer(new byte[]{42}), 0, 1);
            writer.endOfBatch();
        }
        Files.delete(dir.resolve(JournalFormat.segmentFileName(1)));

        final List<Long> sequences = new ArrayList<>();
        final List<byte[]> payloads = replay(sequences);
        assertThat(sequences.get(sequences.size() - 1)).isEqualTo(sequences.size());
        assertThat(payloads.get(payloads.size() - 1)).as("the small record still fitted the full segment")
            .containsExactly(42);
    }

    /**
     * The roll fails inside segment creation, after the new file exists (a real {@code EFBIG} from a lowered file
     * size limit, in a child JVM), and the next roll, once the limit is lifted, must succeed: a failed creation
     * leaves nothing in the way.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldRollAgainOnceTheObstacleIsGoneAfterACreationFailedWithTheFileHalfMade() throws Exception
    {
        final String output = rollUnderAFileSizeLimit(WritePath.MAPPED);
        assertThat(output).contains("ROLL FAILED cannot create journal segment");
        assertContiguousJournalOfTwoSegments();
    }

    /**
     * On the write path the file size limit stops the write of the full segment's second half before the roll
     * creates anything: the append fails with the reason, loses nothing, and the next one (the limit lifted) rolls.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldReportAFailedWriteAndRollOnceTheObstacleIsGoneOnTheWritePath() throws Exception
    {
        final String output = rollUnderAFileSizeLimit(WritePath.WRITE);
        assertThat(output).contains("ROLL FAILED cannot write journal segment");
        assertContiguousJournalOfTwoSegments();
    }

    private String rollUnderAFileSizeLimit(final WritePath path) throws Exception
    {
        final List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx64m", "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
            FileSizeLimitedRoll.class.getName(), dir.toString(), path.name());
        final Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output;
        try (InputStream in = child.getInputStream())
        {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child ended").isTrue();

        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).as("the first roll failed on the file size limit").contains("ROLL FAILED ")
            .contains("File too large");
        assertThat(output).as("the roll after the limit was lifted").doesNotContain("ROLL FAILED AGAIN")
            .contains("ROLL OK");
        return output;
    }

    private void assertContiguousJournalOfTwoSegments() throws IOException
    {
        try (var files = Files.list(dir))
        {
            assertThat(files.map(file -> file.getFileName().toString()))
                .containsExactlyInAnyOrder(JournalFormat.segmentFileName(0), JournalFormat.segmentFileName(1));
        }
        final List<Long> sequences = new ArrayList<>();
        JournalReader.read(dir, (sequence, buffer, offset, length) ->
        {
            assertThat(length).isEqualTo(FileSizeLimitedRoll.PAYLOAD);
            sequences.add(sequence);
        });
        assertThat(sequences).hasSizeGreaterThan(60);
        for (int i = 0; i < sequences.size(); i++)
        {
            assertThat(sequences.get(i)).isEqualTo(i + 1);
        }
    }

    @Test
    void shouldZeroTheLeftoversOfAnAppendKilledBeforeItsLengthSoALaterCrashCannotLookLikeCorruption()
        throws IOException
    {
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[96]);
        payload.setMemory(0, 96, (byte)7);
        final long end;
        try (JournalWriter first = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            first.append(1, payload, 0, 80);
            first.append(2, payload, 0, 80);
            first.endOfBatch();
            end = first.size();
        }
        try (RandomAccessFile raf = new RandomAccessFile(dir.resolve(JournalFormat.segmentFileName(0)).toFile(), "rw"))
        {
            raf.seek(end + JournalFormat.CRC_OFFSET);
            raf.write(new byte[]{9, 9, 9, 9, 3, 0, 0, 0, 0, 0, 0, 0});
            raf.write(new byte[80]);
            raf.seek(end + JournalFormat.RECORD_HEADER_LENGTH);
            final byte[] body = new byte[80];
            Arrays.fill(body, (byte)5);
            raf.write(body);
        }
        try (JournalWriter second = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            assertThat(second.recovered().tornTailOffset()).isEqualTo(end);
            second.append(3, payload, 0, 24);
            second.endOfBatch();
        }

        final List<Long> sequences = new ArrayList<>();
        replay(sequences);

        assertThat(sequences).containsExactly(1L, 2L, 3L);
    }

    @Test
    void shouldDropAnEmptySegmentLeftByACrashDuringARoll() throws IOException
    {
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            appendRecords(writer, 2000, 12);
        }
        final List<Path> files = JournalReader.segmentFiles(dir);
        final long next = JournalFormat.segmentIndex(files.get(files.size() - 1).getFileName().toString()) + 1;
        Files.createFile(dir.resolve(JournalFormat.segmentFileName(next)));

        final List<Long> sequences = new ArrayList<>();
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> sequences.add(s)))
        {
            assertThat(writer.lastSequence()).isEqualTo(2000);
            appendRecords(writer, 500, 13);
        }
        final List<Long> again = new ArrayList<>();
        replay(again);

        assertThat(sequences).hasSize(2000);
        assertThat(again).hasSize(2500);
    }

    @Test
    void shouldForceOncePerBatchUnderEveryBatchPolicy()
    {
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            for (int batch = 0; batch < 5; batch++)
            {
                for (int i = 0; i < 10; i++)
                {
                    writer.append(writer.lastSequence() + 1, new UnsafeBuffer(new byte[16]), 0, 16);
                }
                assertThat(writer.endOfBatch()).isTrue();
            }
            assertThat(writer.endOfBatch()).as("nothing new to force").isFalse();
            assertThat(writer.forces()).isEqualTo(5);
        }
    }

    @Test
    void shouldForceOnlyAfterTheIntervalUnderIntervalPolicy()
    {
        final AtomicLong now = new AtomicLong();
        final JournalConfig interval =
            config().withForcePolicy(ForcePolicy.INTERVAL, 1_000_000).withNanoClock(now::get);
        try (JournalWriter writer = JournalWriter.open(interval, (s, b, o, l) -> { }))
        {
            writer.append(1, new UnsafeBuffer(new byte[8]), 0, 8);
            now.set(999_999);
            assertThat(writer.endOfBatch()).isFalse();
            now.set(1_000_000);
            assertThat(writer.endOfBatch()).isTrue();
            writer.append(2, new UnsafeBuffer(new byte[8]), 0, 8);
            now.set(1_500_000);
            assertThat(writer.endOfBatch()).isFalse();
            assertThat(writer.forces()).isEqualTo(1);
        }
    }

    @Test
    void shouldNeverForceUnderNeverPolicy()
    {
        final JournalConfig never = config().withForcePolicy(ForcePolicy.NEVER, 0);
        try (JournalWriter writer = JournalWriter.open(never, (s, b, o, l) -> { }))
        {
            writer.append(1, new UnsafeBuffer(new byte[8]), 0, 8);
            assertThat(writer.endOfBatch()).isFalse();
            assertThat(writer.forces()).isZero();
        }
    }

    @Test
    void shouldRefuseSequenceThatDoesNotIncreaseAndBadLengths()
    {
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            writer.append(5, new UnsafeBuffer(new byte[8]), 0, 8);
            assertThatThrownBy(() -> writer.append(5, new UnsafeBuffer(new byte[8]), 0, 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not follow 5");
            assertThatThrownBy(() -> writer.append(6, new UnsafeBuffer(new byte[8]), 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> writer.append(6, new UnsafeBuffer(new byte[SMALL_SEGMENT]), 0, SMALL_SEGMENT))
                .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldDeleteOnlySegmentsFullyCoveredBySnapshotSequence() throws IOException
    {
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            appendRecords(writer, 3000, 11);
            final long before = writer.size();
            final int deleted = writer.deleteSegmentsUpTo(1500);
            assertThat(deleted).isPositive();
            assertThat(writer.size()).isLessThan(before);
        }
        final List<Long> sequences = new ArrayList<>();
        final JournalReader.Scan scan = JournalReader.read(dir, (s, b, o, l) -> sequences.add(s));

        assertThat(sequences.get(0)).as("first kept record").isGreaterThan(1).isLessThanOrEqualTo(1501);
        assertThat(scan.lastSequence()).isEqualTo(3000);
        assertThat(sequences).hasSize((int)(3001 - sequences.get(0)));
    }
}
