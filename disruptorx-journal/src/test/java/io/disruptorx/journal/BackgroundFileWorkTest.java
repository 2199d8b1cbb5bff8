package io.disruptorx.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file work a writer leaves to another thread, so the appending thread does none of it: unmapping the segment a
 * roll left, and deleting segments a snapshot covers beside appends and rolls.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BackgroundFileWorkTest
{
    private static final int SEGMENT_SIZE = 64 * 1024;
    private static final int PAYLOAD = 1000;

    @TempDir
    Path dir;

    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[PAYLOAD]);

    private void append(final JournalWriter writer, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final long sequence = writer.lastSequence() + 1;
            payload.putLong(0, sequence);
            writer.append(sequence, payload, 0, PAYLOAD);
        }
        writer.endOfBatch();
    }

    private Path segment(final long index)
    {
        return dir.resolve(JournalFormat.segmentFileName(index));
    }

    /**
     * @return whether this process maps the file (which must exist), as {@code /proc/self/maps} lists it.
     */
    private static boolean mapped(final Path file)
    {
        try
        {
            final String name = file.toRealPath().toString();
            return Files.readAllLines(Path.of("/proc/self/maps")).stream().anyMatch(line -> line.endsWith(name));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private List<Long> replay()
    {
        final List<Long> sequences = new ArrayList<>();
        JournalReader.read(dir, (sequence, buffer, offset, length) -> sequences.add(sequence));
        return sequences;
    }

    @Test
    void shouldLeaveTheFullSegmentMappedForAnotherThreadToUnmapAfterARoll() throws Exception
    {
        final ExecutorService background = Executors.newSingleThreadExecutor();
        try (JournalWriter writer = JournalWriter.open(JournalConfig.durable(dir).withSegmentSize(SEGMENT_SIZE)
            .withWritePath(WritePath.MAPPED), (sequence, buffer, offset, length) -> { }))
        {
            append(writer, 10);
            assertThat(writer.retiredSegmentWaiting()).as("nothing to release before a roll").isFalse();
            while (!Files.exists(segment(1)))
            {
                append(writer, 10);
            }
            assertThat(mapped(segment(0))).as("full segment still mapped after the roll").isTrue();
            assertThat(writer.retiredSegmentWaiting()).as("roll announces the full segment").isTrue();
            assertThat(writer.retiredSegmentWaiting()).as("announced once").isFalse();

            background.submit(writer::releaseRetiredSegment).get(10, TimeUnit.SECONDS);

            assertThat(mapped(segment(0))).as("unmapped by the other thread").isFalse();
            assertThat(mapped(segment(1))).as("segment being written").isTrue();
            while (!Files.exists(segment(3)))
            {
                append(writer, 10);
            }
            assertThat(mapped(segment(1))).as("a segment nobody released is unmapped at the next roll").isFalse();
            assertThat(mapped(segment(2))).as("the last roll's, not released yet").isTrue();
        }
        finally
        {
            background.shutdown();
        }
        assertThat(mapped(segment(2))).as("close unmaps what was not released").isFalse();
        assertThat(mapped(segment(3))).isFalse();
        final List<Long> sequences = replay();
        assertThat(sequences).hasSize(sequences.get(sequences.size() - 1).intValue()).startsWith(1L, 2L, 3L);
    }

    @Test
    void shouldDeleteCoveredSegmentsOnAnotherThreadBesideAppendsAndRolls() throws Exception
    {
        final ExecutorService background = Executors.newSingleThreadExecutor();
        final List<Future<Integer>> deletions = new ArrayList<>();
        long allowed = 0;
        try (JournalWriter writer = JournalWriter.open(JournalConfig.durable(dir).withSegmentSize(SEGMENT_SIZE),
            (sequence, buffer, offset, length) -> { }))
        {
            for (int batch = 0; batch < 600; batch++)
            {
                append(writer, 3);
                if (batch % 40 == 39)
                {
                    final long upTo = writer.lastSequence() - 150;
                    allowed = upTo;
                    deletions.add(background.submit(() -> writer.deleteSegmentsUpTo(upTo)));
                }
                if (writer.retiredSegmentWaiting())
                {
                    background.execute(writer::releaseRetiredSegment);
                }
            }
            int deleted = 0;
            for (final Future<Integer> deletion : deletions)
            {
                deleted += deletion.get(10, TimeUnit.SECONDS);
            }
            final List<Path> left = JournalReader.segmentFiles(dir);
            assertThat(deleted).as("segments deleted beside the appends").isPositive();
            assertThat(JournalFormat.segmentIndex(left.get(0).getFileName().toString())).isEqualTo(deleted);
            long bytes = 0;
            for (final Path file : left)
            {
                bytes += Files.size(file);
            }
            assertThat(writer.size()).as("size counts the segments left").isLessThanOrEqualTo(bytes)
                .isGreaterThan(bytes - SEGMENT_SIZE);
            append(writer, 3);
        }
        finally
        {
            background.shutdown();
        }
        final List<Long> sequences = replay();
        assertThat(sequences.get(0)).as("first record left is needed or older").isLessThanOrEqualTo(allowed + 1);
        final long last = sequences.get(sequences.size() - 1);
        assertThat(last).isEqualTo(1803L);
        assertThat(sequences).as("no gap after the deleted segments").hasSize((int)(last - sequences.get(0) + 1));
    }
}
