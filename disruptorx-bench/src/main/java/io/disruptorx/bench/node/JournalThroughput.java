package io.disruptorx.bench.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.journal.JournalConfig;
import io.disruptorx.journal.JournalReader;
import io.disruptorx.journal.JournalWriter;
import io.disruptorx.journal.RecordHandler;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Journal throughput on this machine's disk: {@link JournalWriter#append} of fixed-size records with
 * {@link JournalWriter#endOfBatch()} every N records and replay through {@link JournalReader#read}. What a single
 * force costs on the device is {@link WritePaths}.
 */
public final class JournalThroughput
{
    /** Payload bytes of a benchmark record: about the size of an SBE NewOrder (the record adds 16). */
    public static final int PAYLOAD = 64;

    private static final int SEGMENT_SIZE = JournalConfig.DEFAULT_SEGMENT_SIZE;

    private JournalThroughput()
    {
    }

    /**
     * Result of an append run.
     *
     * @param records appended.
     * @param forces  forces done.
     * @param nanos   elapsed.
     */
    public record Append(long records, long forces, long nanos)
    {
        /**
         * @return records per second.
         */
        public double recordsPerSecond()
        {
            return records * 1e9 / nanos;
        }
    }

    /**
     * Appends records until {@code maxRecords} or {@code maxNanos}, whichever comes first, into a fresh journal
     * (segment creation and rolling included in the time).
     *
     * @param directory  empty directory for the segments.
     * @param policy     force policy.
     * @param batch      records per batch: {@code endOfBatch()} after every this many.
     * @param maxRecords upper bound on records.
     * @param maxNanos   upper bound on time.
     * @return what was done.
     */
    public static Append append(
        final Path directory, final ForcePolicy policy, final int batch, final long maxRecords, final long maxNanos)
    {
        final UnsafeBuffer payload = new UnsafeBuffer(new byte[PAYLOAD]);
        for (int i = 0; i < PAYLOAD; i++)
        {
            payload.putByte(i, (byte)(i * 31 + 7));
        }
        final JournalConfig config = new JournalConfig(directory, SEGMENT_SIZE, policy, 1_000_000L, System::nanoTime);
        try (JournalWriter writer = JournalWriter.open(config, (sequence, buffer, offset, length) ->
        {
        }))
        {
            final long start = System.nanoTime();
            long sequence = 0;
            while (sequence < maxRecords)
            {
                for (int i = 0; i < batch; i++)
                {
                    payload.putLong(0, ++sequence);
                    writer.append(sequence, payload, 0, PAYLOAD);
                }
                writer.endOfBatch();
                if (System.nanoTime() - start > maxNanos)
                {
                    break;
                }
            }
            final long nanos = System.nanoTime() - start;
            return new Append(sequence, writer.forces(), nanos);
        }
    }

    /**
     * Reads a whole journal, checking every checksum, and times it.
     *
     * @param directory journal directory.
     * @param expected  records it must hold.
     * @return records per second.
     */
    public static double replay(final Path directory, final long expected)
    {
        final long[] sum = new long[1];
        final RecordHandler handler = (sequence, buffer, offset, length) -> sum[0] += buffer.getLong(offset);
        final long start = System.nanoTime();
        final JournalReader.Scan scan = JournalReader.read(directory, handler);
        final long nanos = System.nanoTime() - start;
        if (scan.records() != expected || sum[0] == 0)
        {
            throw new IllegalStateException("replay read " + scan.records() + " records from " + directory +
                ", expected " + expected);
        }
        return scan.records() * 1e9 / nanos;
    }

    /**
     * Deletes a directory tree (best effort: benchmark scratch space).
     *
     * @param directory the tree.
     */
    public static void deleteTree(final Path directory)
    {
        if (!Files.exists(directory))
        {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory))
        {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete " + directory, ex);
        }
    }
}
