package io.disruptorx.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deletes the segments a sequence covers, oldest first ({@link JournalWriter#deleteSegmentsUpTo}). It may run beside
 * the appender: it reads only the files, and never deletes the last segment file it lists.
 */
final class CoveredSegments
{
    private CoveredSegments()
    {
    }

    /**
     * @param directory    the journal directory.
     * @param sequence     records up to this one are no longer needed.
     * @param deletedBytes counts the bytes of the files deleted.
     * @return segments deleted.
     * @throws UncheckedIOException when a segment cannot be deleted (those before it are).
     */
    static int delete(final Path directory, final long sequence, final AtomicLong deletedBytes)
    {
        final List<Path> files = JournalReader.segmentFiles(directory);
        int deleted = 0;
        for (int i = 0; i + 1 < files.size(); i++)
        {
            final long nextFirst = firstSequence(files.get(i + 1));
            if (nextFirst <= 0 || nextFirst > sequence + 1)
            {
                break;
            }
            try
            {
                final long bytes = Files.size(files.get(i));
                Files.delete(files.get(i));
                deletedBytes.addAndGet(bytes);
                deleted++;
                CrashPoint.SEGMENT_DELETED.reach();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot delete journal segment " + files.get(i), ex);
            }
        }
        return deleted;
    }

    private static long firstSequence(final Path file)
    {
        try (Segment next = Segment.open(file, JournalFormat.segmentIndex(file.getFileName().toString())))
        {
            final int length = next.buffer.getIntVolatile(JournalFormat.SEGMENT_HEADER_LENGTH);
            if (length == 0 || length == JournalFormat.PENDING_LENGTH)
            {
                return -1;
            }
            return next.buffer.getLong(
                JournalFormat.SEGMENT_HEADER_LENGTH + JournalFormat.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
        }
    }
}
