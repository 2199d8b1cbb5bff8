package io.disruptorx.journal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How segment files come to be: with their blocks allocated (a sparse segment turns a full disk into SIGBUS in
 * the middle of an append), whole or not at all, and how a start copes with what a crash left of one.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SegmentAllocationTest
{
    private static final int SEGMENT_SIZE = 256 * 1024;

    @TempDir
    Path dir;

    private JournalConfig config()
    {
        return JournalConfig.durable(dir).withSegmentSize(SEGMENT_SIZE);
    }

    private static void append(final JournalWriter writer, final int count, final int length)
    {
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[length]);
        for (int i = 0; i < count; i++)
        {
            payload.putLong(0, writer.lastSequence() + 1);
            writer.append(writer.lastSequence() + 1, payload, 0, length);
        }
        writer.endOfBatch();
    }

    private List<Long> replay()
    {
        final List<Long> sequences = new ArrayList<>();
        JournalReader.read(dir, (sequence, buffer, offset, length) -> sequences.add(sequence));
        return sequences;
    }

    /**
     * @return bytes the file system has allocated to the file, as {@code stat} reports them.
     */
    private static long allocatedBytes(final Path file) throws IOException, InterruptedException
    {
        final Process stat = new ProcessBuilder("stat", "--format=%b %B", file.toString()).start();
        final String output;
        try (InputStream in = stat.getInputStream())
        {
            output = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        }
        assertThat(stat.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(stat.exitValue()).as("stat " + file).isZero();
        final String[] fields = output.split(" ");
        return Long.parseLong(fields[0]) * Long.parseLong(fields[1]);
    }

    private static void run(final String... command) throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output;
        try (InputStream in = process.getInputStream())
        {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }

    @Test
    void shouldAllocateEveryBlockOfEachSegmentWhenItIsCreated() throws Exception
    {
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            append(writer, 3_000, 200);
        }
        final List<Path> files = JournalReader.segmentFiles(dir);
        assertThat(files).hasSizeGreaterThan(1);
        for (final Path file : files)
        {
            assertThat(allocatedBytes(file)).as("blocks allocated to %s", file.getFileName())
                .isGreaterThanOrEqualTo(SEGMENT_SIZE);
        }
    }

    @Test
    void shouldRollIntoTheSegmentPreparedAheadOnAnotherThread() throws Exception
    {
        final ExecutorService preparer = Executors.newSingleThreadExecutor();
        final List<Object> preparedFiles = new ArrayList<>();
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            for (int i = 0; i < 3_000; i++)
            {
                append(writer, 1, 200);
                if (writer.nextSegmentWanted())
                {
                    preparer.submit(writer::prepareNextSegment).get(30, TimeUnit.SECONDS);
                    final Path next = dir.resolve(
                        JournalFormat.segmentFileName(preparedFiles.size() + 1) + WriterSegments.PREPARED_SUFFIX);
                    assertThat(allocatedBytes(next)).isGreaterThanOrEqualTo(SEGMENT_SIZE);
                    preparedFiles.add(fileKey(next));
                    assertThat(writer.nextSegmentWanted()).as("asked once per segment").isFalse();
                }
            }
            preparer.submit(writer::prepareNextSegment).get(30, TimeUnit.SECONDS);
        }
        finally
        {
            preparer.shutdown();
        }
        final List<Path> segments = JournalReader.segmentFiles(dir);
        assertThat(segments).hasSize(preparedFiles.size() + 1);
        for (int i = 1; i < segments.size(); i++)
        {
            assertThat(fileKey(segments.get(i))).as("segment %d is the file prepared for it", i)
                .isEqualTo(preparedFiles.get(i - 1));
        }
        try (var files = Files.list(dir))
        {
            assertThat(files).as("the segment prepared but never used is gone").hasSize(segments.size());
        }
        assertThat(replay()).hasSize(3_000);
    }

    @Test
    void shouldForceTheZerosOfASegmentPreparedAheadChunkByChunkBeforeTheRollCanUseIt() throws Exception
    {
        final int segmentSize = 4 * Segment.ZERO_FILL_CHUNK;
        final ExecutorService preparer = Executors.newSingleThreadExecutor();
        try (JournalWriter writer =
            JournalWriter.open(JournalConfig.durable(dir).withSegmentSize(segmentSize), (s, b, o, l) -> { }))
        {
            final long before = Segment.ZERO_FILL_FORCES.get();
            preparer.submit(writer::prepareNextSegment).get(30, TimeUnit.SECONDS);

            // every chunk of zeros reached the device before the segment was handed over: none is left for the
            // appender's first force after the roll (which forces the whole file) or for a later burst
            assertThat(Segment.ZERO_FILL_FORCES.get() - before).isEqualTo(4);
            final Path next = dir.resolve(JournalFormat.segmentFileName(1) + WriterSegments.PREPARED_SUFFIX);
            assertThat(allocatedBytes(next)).isGreaterThanOrEqualTo(segmentSize);
            final int records = segmentSize / 200;
            append(writer, records, 200);
            assertThat(JournalReader.segmentFiles(dir)).hasSize(2);
            assertThat(Segment.ZERO_FILL_FORCES.get() - before).as("the roll used the prepared segment").isEqualTo(4);
        }
        finally
        {
            preparer.shutdown();
        }
        assertThat(replay()).hasSize(segmentSize / 200);
    }

    private static Object fileKey(final Path file) throws IOException
    {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    @Test
    void shouldAllocateTheUnusedBlocksOfASparseLastSegmentWhenOpeningIt() throws Exception
    {
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            append(writer, 10, 100);
        }
        final Path segment = dir.resolve(JournalFormat.segmentFileName(0));
        run("fallocate", "--punch-hole", "--offset", "8192", "--length", Integer.toString(SEGMENT_SIZE - 8192),
            segment.toString());
        assertThat(allocatedBytes(segment)).as("sparse, as an older version left it").isLessThan(SEGMENT_SIZE);

        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            assertThat(allocatedBytes(segment)).isGreaterThanOrEqualTo(SEGMENT_SIZE);
            append(writer, 10, 100);
        }
        assertThat(replay()).hasSize(20);
    }

    @Test
    void shouldRefuseAPayloadLengthNearIntegerMaxValueBeforeWritingAnything()
    {
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            append(writer, 3, 50);
            for (final int length : new int[]{Integer.MAX_VALUE, Integer.MAX_VALUE - 3, Integer.MAX_VALUE - 16})
            {
                assertThatThrownBy(() -> writer.append(4, new UnsafeBuffer(new byte[8]), 0, length))
                    .as("length %d", length)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("record payload length " + length);
            }
            append(writer, 1, 50);
        }
        assertThat(replay()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void shouldStartOnASingleEmptySegmentLeftByACrashDuringTheVeryFirstStart() throws IOException
    {
        Files.createFile(dir.resolve(JournalFormat.segmentFileName(0)));

        assertThat(replay()).as("a read-only replay sees an empty journal").isEmpty();
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            assertThat(writer.lastSequence()).isZero();
            append(writer, 5, 30);
        }
        assertThat(replay()).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void shouldRemoveTheTemporaryFileOfASegmentCreationThatACrashInterrupted() throws IOException
    {
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            append(writer, 10, 100);
        }
        final Path leftover = dir.resolve(JournalFormat.segmentFileName(1) + ".tmp");
        Files.write(leftover, new byte[SEGMENT_SIZE / 2]);

        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            assertThat(leftover).doesNotExist();
            append(writer, 3_000, 100);
        }
        assertThat(replay()).hasSize(3_010);
    }
}
