package io.disruptorx.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

import org.agrona.IoUtil;

/**
 * A segment being created. {@link #prepare} writes the file full of zeros under a temporary name and forces them, so
 * the file system allocates its blocks now (a full disk fails here, with an exception, instead of killing the
 * process with SIGBUS at the first write to a page of a sparse mapping) and the zeros are on the device before any
 * record goes in (see {@link Segment#fillWithZerosDurably}), maps it and writes and forces its header;
 * {@link #install} renames it into place and forces the directory. A segment file with its final name is
 * therefore always whole, and a file already holding that name is never replaced. Any failure deletes the
 * temporary file and releases the mapping, so a later attempt starts afresh.
 *
 * <p>Preparing takes time (a 64 MiB segment is 64 MiB of writes), installing takes a rename: a writer can have
 * the next segment prepared on another thread ahead of its roll.
 */
final class NewSegment
{
    private final Segment segment;
    private final Path temporary;

    private NewSegment(final Segment segment, final Path temporary)
    {
        this.segment = segment;
        this.temporary = temporary;
    }

    /**
     * @param directory journal directory.
     * @param index     segment index.
     * @param size      segment bytes.
     * @param crc       checksum, used only by the calling thread.
     * @param suffix    appended to the segment's name while it is being created.
     * @param pauseNanos pause between chunks of zeros: positive when preparing beside a running appender, 0 when the
     *                   appender waits for the segment.
     * @return the prepared segment, not yet installed.
     * @throws UncheckedIOException when it cannot be created (for example the disk is full), naming the file.
     */
    static NewSegment prepare(
        final Path directory, final long index, final int size, final CRC32C crc, final String suffix,
        final long pauseNanos)
    {
        final Path file = directory.resolve(JournalFormat.segmentFileName(index));
        final Path temporary = directory.resolve(JournalFormat.segmentFileName(index) + suffix);
        MappedByteBuffer mapped = null;
        try
        {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.READ, StandardOpenOption.WRITE))
            {
                Segment.fillWithZerosDurably(channel, 0, size, pauseNanos);
                mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
            }
            final Segment segment = new Segment(file, index, size, mapped);
            segment.writeHeader(crc);
            return new NewSegment(segment, temporary);
        }
        catch (final IOException ex)
        {
            abandon(mapped, temporary, ex);
            throw new UncheckedIOException("cannot create journal segment " + file + " of " + size + " bytes: " +
                ex.getMessage(), ex);
        }
        catch (final RuntimeException | Error ex)
        {
            abandon(mapped, temporary, ex);
            throw ex;
        }
    }

    /**
     * @return the segment's index.
     */
    long index()
    {
        return segment.index;
    }

    /**
     * Gives the segment its name and forces the directory; on failure the segment is discarded.
     *
     * @return the segment, ready for appending.
     * @throws UncheckedIOException when it cannot be renamed (for example a file holds its name already).
     */
    Segment install()
    {
        try
        {
            CrashPoint.SEGMENT_PREALLOCATED.reach();
            Files.move(temporary, segment.file);
        }
        catch (final IOException ex)
        {
            abandon(segment.mapped, temporary, ex);
            throw new UncheckedIOException("cannot create journal segment " + segment.file + ": " + ex, ex);
        }
        catch (final RuntimeException | Error ex)
        {
            abandon(segment.mapped, temporary, ex);
            throw ex;
        }
        Segment.forceDirectory(segment.file.getParent());
        return segment;
    }

    /**
     * Releases the mapping and deletes the temporary file.
     */
    void discard()
    {
        final IOException cleanup = new IOException("discarding " + temporary);
        abandon(segment.mapped, temporary, cleanup);
        if (cleanup.getSuppressed().length > 0)
        {
            throw new UncheckedIOException(cleanup);
        }
    }

    private static void abandon(final MappedByteBuffer mapped, final Path temporary, final Throwable cause)
    {
        if (mapped != null)
        {
            IoUtil.unmap(mapped);
        }
        try
        {
            Files.deleteIfExists(temporary);
        }
        catch (final IOException ex)
        {
            cause.addSuppressed(ex);
        }
    }
}
