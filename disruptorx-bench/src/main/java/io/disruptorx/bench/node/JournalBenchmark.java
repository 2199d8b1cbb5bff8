package io.disruptorx.bench.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.journal.JournalConfig;
import io.disruptorx.journal.JournalReader;
import io.disruptorx.journal.JournalWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Journal throughput with JMH: {@code append} writes one batch of {@code batch} records of 64-byte payload and ends
 * it (one force per call under {@code EVERY_BATCH}, none under {@code NEVER}), scored in records per second;
 * {@code replay} reads a journal of 3,000,000 such records through {@link JournalReader#read}, checksums included,
 * from a warm page cache, scored in records per second. Scratch files go to a temporary directory and are deleted
 * at the end of the trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
public class JournalBenchmark
{
    private static final int PAYLOAD = 64;
    private static final int REPLAY_RECORDS = 3_000_000;

    /** Journal force policy of {@code append}. */
    @Param({"EVERY_BATCH", "NEVER"})
    public ForcePolicy policy;

    /** Records per batch of {@code append}. */
    @Param({"1", "64"})
    public int batch;

    private Path directory;
    private JournalWriter writer;
    private Path replayDirectory;
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[PAYLOAD]);
    private long sequence;

    /**
     * Opens a fresh journal for {@code append} and writes the one {@code replay} reads.
     *
     * @throws IOException if the temporary directories cannot be made.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        directory = Files.createTempDirectory("dx-journal-bench-");
        writer = JournalWriter.open(new JournalConfig(directory.resolve("append"), JournalConfig.DEFAULT_SEGMENT_SIZE,
            policy, 1_000_000L, System::nanoTime), (s, b, o, l) ->
        {
        });
        replayDirectory = directory.resolve("replay");
        try (JournalWriter replay = JournalWriter.open(new JournalConfig(replayDirectory,
            JournalConfig.DEFAULT_SEGMENT_SIZE, ForcePolicy.NEVER, 0, System::nanoTime), (s, b, o, l) ->
        {
        }))
        {
            for (long i = 1; i <= REPLAY_RECORDS; i++)
            {
                payload.putLong(0, i);
                replay.append(i, payload, 0, PAYLOAD);
            }
        }
    }

    /** Closes the journal and deletes the scratch files. */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        writer.close();
        try (Stream<Path> walk = Files.walk(directory))
        {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * One batch: {@code batch} appends and an end of batch. Score: batches per second; multiply by {@code batch}
     * for records per second (JMH's {@code @OperationsPerInvocation} cannot follow a {@code @Param}).
     *
     * @return whether the end of batch forced.
     */
    @Benchmark
    public boolean append()
    {
        for (int i = 0; i < batch; i++)
        {
            payload.putLong(0, ++sequence);
            writer.append(sequence, payload, 0, PAYLOAD);
        }
        return writer.endOfBatch();
    }

    /**
     * Reads the whole replay journal once. Score: journals per second; multiply by 3,000,000 for records per second.
     * Independent of the parameters (run it with {@code -p policy=NEVER -p batch=1} to avoid repeats).
     *
     * @param sink consumes a field of every record.
     * @return records read.
     */
    @Benchmark
    public long replay(final Blackhole sink)
    {
        return JournalReader.read(replayDirectory, (s, buffer, offset, length) -> sink.consume(buffer.getLong(offset)))
            .records();
    }
}
