package io.disruptorx.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two {@link WritePath}s lay out the same bytes: the same seeded appends, batches and rolls give identical
 * segment files, records larger than the write path's stage included. On the write path a batch reaches the file
 * at its end, so a tailer on the file sees each batch whole once it has ended.
 */
class WritePathTest
{
    private static final int SEGMENT_SIZE = 64 * 1024;
    private static final int LARGE_SEGMENT_SIZE = 4 * 1024 * 1024;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42})
    void shouldWriteTheSameFilesOnBothPaths(final long seed) throws IOException
    {
        final Path mapped = dir.resolve("mapped");
        final Path written = dir.resolve("written");
        appendRandomBatches(mapped, WritePath.MAPPED, seed);
        appendRandomBatches(written, WritePath.WRITE, seed);

        final List<Path> mappedFiles = JournalReader.segmentFiles(mapped);
        final List<Path> writtenFiles = JournalReader.segmentFiles(written);
        assertThat(mappedFiles).hasSizeGreaterThan(1).hasSameSizeAs(writtenFiles);
        for (int i = 0; i < mappedFiles.size(); i++)
        {
            assertThat(Files.readAllBytes(writtenFiles.get(i))).as("segment %d", i)
                .isEqualTo(Files.readAllBytes(mappedFiles.get(i)));
        }
    }

    @Test
    void shouldShowATailerEachBatchWholeOnceItHasEnded()
    {
        final JournalConfig config = JournalConfig.durable(dir).withSegmentSize(SEGMENT_SIZE)
            .withWritePath(WritePath.WRITE);
        final List<Long> seen = new ArrayList<>();
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[300]);
        try (JournalWriter writer = JournalWriter.open(config, (s, b, o, l) -> { });
            JournalTailer tailer = new JournalTailer(dir, 0))
        {
            for (int batch = 1; batch <= 50; batch++)
            {
                for (int i = 0; i < 9; i++)
                {
                    payload.putLong(0, writer.lastSequence() + 1);
                    writer.append(writer.lastSequence() + 1, payload, 0, 300);
                }
                writer.endOfBatch();
                while (tailer.poll((s, b, o, l) ->
                {
                    assertThat(b.getLong(o)).isEqualTo(s);
                    seen.add(s);
                }, 100) > 0)
                {
                    assertThat(seen).isNotEmpty();
                }
                assertThat(seen).as("after batch %d", batch).hasSize(batch * 9);
            }
        }
        for (int i = 0; i < seen.size(); i++)
        {
            assertThat(seen.get(i)).isEqualTo(i + 1);
        }
    }

    private static void appendRandomBatches(final Path directory, final WritePath path, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final JournalConfig config = JournalConfig.durable(directory).withSegmentSize(LARGE_SEGMENT_SIZE)
            .withWritePath(path);
        final byte[] bytes = new byte[2 * StagedWrites.INITIAL_CAPACITY];
        random.nextBytes(bytes);
        final UnsafeBuffer source = new UnsafeBuffer(bytes);
        try (JournalWriter writer = JournalWriter.open(config, (s, b, o, l) -> { }))
        {
            for (int batch = 0; batch < 1_000; batch++)
            {
                final int records = 1 + random.nextInt(20);
                for (int i = 0; i < records; i++)
                {
                    final int length = random.nextInt(2_000) == 0 ?
                        StagedWrites.INITIAL_CAPACITY + random.nextInt(100_000) : 1 + random.nextInt(300);
                    writer.append(writer.lastSequence() + 1, source, random.nextInt(bytes.length - length), length);
                }
                writer.endOfBatch();
            }
        }
    }
}
