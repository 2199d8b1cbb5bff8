package io.disruptorx.bench.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.HdrHistogram.Histogram;

/**
 * What a durable write costs on this machine's disk, measured side by side in one run: the device's floor (one
 * synchronous 4 KiB write: {@code O_DSYNC}, and {@code write} plus {@code fdatasync}) and the ways a journal can make
 * a batch of records durable in a preallocated (zero-filled, allocated) file:
 * <ul>
 *   <li>{@code mmap+msync}: records stored into a mapped segment, {@code MappedByteBuffer.force(offset, length)};</li>
 *   <li>{@code mmap+fdatasync}: the same stores, {@code FileChannel.force(false)};</li>
 *   <li>{@code write+fdatasync}: {@code FileChannel.write} of the batch at its position, {@code force(false)};</li>
 *   <li>{@code O_DSYNC write}: {@code FileChannel.write} on a channel opened with
 *   {@code StandardOpenOption.DSYNC}.</li>
 * </ul>
 * Each batch is {@code records} records of {@link JournalThroughput#PAYLOAD} bytes of payload (80 bytes each on
 * disk, as the journal lays them out) appended after the previous batch; the time of one batch, stores and force
 * included, is one sample.
 */
public final class WritePaths
{
    /** The floor's write size. */
    public static final int PAGE = 4096;
    private static final int RECORD = 80;
    private static final long FILE_SIZE = 64L * 1024 * 1024;

    private WritePaths()
    {
    }

    /**
     * One way of writing durably.
     *
     * @param name    what it is.
     * @param latency per write (a batch, or one 4 KiB page), nanoseconds.
     * @param records records per batch (1 for the floor's page).
     */
    public record Measured(String name, LatencySummary latency, int records)
    {
    }

    /**
     * Prints the floor and the write paths for batches of 1, 4 and 16 records.
     *
     * @param args {@code [directory] [samples]}; default the temporary directory and 1,000.
     * @throws IOException if the scratch directory cannot be made.
     */
    public static void main(final String[] args) throws IOException
    {
        final Path base = Files.createTempDirectory(args.length > 0 ? Path.of(args[0]) :
            Path.of(System.getProperty("java.io.tmpdir")), "dx-write-paths-");
        final int samples = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        try
        {
            for (final Measured measured : floor(base, samples))
            {
                System.out.printf("%-24s %s%n", measured.name(), measured.latency().describe());
            }
            for (final int records : new int[]{1, 4, 16})
            {
                for (final Measured measured : compare(base, records, samples))
                {
                    System.out.printf("%-16s batch %2d: %s%n", measured.name(), records,
                        measured.latency().describe());
                }
            }
        }
        finally
        {
            JournalThroughput.deleteTree(base);
        }
    }

    /**
     * @param directory scratch space.
     * @param samples   synchronous writes to time.
     * @return {@code O_DSYNC} 4 KiB writes, then {@code write} + {@code fdatasync} of 4 KiB.
     */
    public static List<Measured> floor(final Path directory, final int samples)
    {
        final List<Measured> floor = new ArrayList<>();
        floor.add(new Measured("4 KiB O_DSYNC write", measure(directory, Kind.DSYNC_WRITE, samples, PAGE), 1));
        floor.add(new Measured("4 KiB write+fdatasync", measure(directory, Kind.WRITE_FDATASYNC, samples, PAGE), 1));
        return floor;
    }

    /**
     * @param floor what {@link #floor} measured.
     * @return the device's synchronous-write floor: the lower of the two 4 KiB p50s.
     */
    public static long floorNanos(final List<Measured> floor)
    {
        return Math.min(floor.get(0).latency().p50(), floor.get(1).latency().p50());
    }

    /**
     * @param directory scratch space.
     * @param records   records per batch.
     * @param samples   batches to time.
     * @return the four write paths, in the order of the class comment.
     */
    public static List<Measured> compare(final Path directory, final int records, final int samples)
    {
        final List<Measured> paths = new ArrayList<>();
        for (final Kind kind : Kind.values())
        {
            paths.add(new Measured(kind.label, measure(directory, kind, samples, records * RECORD), records));
        }
        return paths;
    }

    /** The write paths. */
    enum Kind
    {
        MMAP_MSYNC("mmap+msync"),
        MMAP_FDATASYNC("mmap+fdatasync"),
        WRITE_FDATASYNC("write+fdatasync"),
        DSYNC_WRITE("O_DSYNC write");

        private final String label;

        Kind(final String label)
        {
            this.label = label;
        }
    }

    private static LatencySummary measure(
        final Path directory, final Kind kind, final int samples, final int batchBytes)
    {
        final Path file = directory.resolve("write-path-" + kind.name().toLowerCase(Locale.ROOT) + ".bin");
        final Histogram histogram = new Histogram(10_000_000_000L, 3);
        try
        {
            preallocate(file);
            final boolean dsync = kind == Kind.DSYNC_WRITE;
            try (FileChannel channel = dsync ?
                FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.DSYNC) :
                FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE))
            {
                final MappedByteBuffer map = kind == Kind.MMAP_MSYNC || kind == Kind.MMAP_FDATASYNC ?
                    channel.map(FileChannel.MapMode.READ_WRITE, 0, FILE_SIZE) : null;
                final ByteBuffer batch = ByteBuffer.allocateDirect(batchBytes);
                long position = 0;
                for (int i = -samples / 10; i < samples; i++)
                {
                    if (position + batchBytes > FILE_SIZE)
                    {
                        position = 0;
                    }
                    final long start = System.nanoTime();
                    write(kind, channel, map, batch, position, batchBytes, i);
                    final long elapsed = System.nanoTime() - start;
                    if (i >= 0)
                    {
                        histogram.recordValue(Math.min(elapsed, histogram.getHighestTrackableValue()));
                    }
                    position += batchBytes;
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("write path " + kind + " failed in " + directory, ex);
        }
        finally
        {
            JournalThroughput.deleteTree(file);
        }
        return LatencySummary.of(histogram);
    }

    private static void write(final Kind kind, final FileChannel channel, final MappedByteBuffer map,
        final ByteBuffer batch, final long position, final int length, final int sample) throws IOException
    {
        switch (kind)
        {
            case MMAP_MSYNC, MMAP_FDATASYNC ->
            {
                for (int j = 0; j < length; j += Long.BYTES)
                {
                    map.putLong((int)position + j, sample + j);
                }
                if (kind == Kind.MMAP_MSYNC)
                {
                    map.force((int)position, length);
                }
                else
                {
                    channel.force(false);
                }
            }
            default ->
            {
                batch.clear();
                for (int j = 0; j < length; j += Long.BYTES)
                {
                    batch.putLong(j, sample + j);
                }
                long at = position;
                while (batch.hasRemaining())
                {
                    at += channel.write(batch, at);
                }
                if (kind == Kind.WRITE_FDATASYNC)
                {
                    channel.force(false);
                }
            }
        }
    }

    /** Writes the file full of zeros and forces it, so the measured writes overwrite allocated blocks. */
    private static void preallocate(final Path file) throws IOException
    {
        Files.deleteIfExists(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
        {
            final ByteBuffer zeros = ByteBuffer.allocateDirect(1024 * 1024);
            for (long at = 0; at < FILE_SIZE; at += zeros.capacity())
            {
                zeros.clear();
                while (zeros.hasRemaining())
                {
                    channel.write(zeros, at + zeros.position());
                }
            }
            channel.force(true);
        }
    }
}
