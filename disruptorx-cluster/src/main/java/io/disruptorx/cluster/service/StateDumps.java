package io.disruptorx.cluster.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.EngineListener;
import io.disruptorx.engine.MatchingEngine;

/**
 * Copies of the state written at each cluster snapshot, one file per snapshot named by its log position
 * ({@code state-<position>.bin}, the newest {@link #KEEP} kept): every member writes the same bytes at the same
 * position, so comparing members is comparing files.
 */
public final class StateDumps
{
    /** Files kept. */
    public static final int KEEP = 3;
    private static final String PREFIX = "state-";
    private static final String SUFFIX = ".bin";

    private StateDumps()
    {
    }

    /**
     * @param directory the member's state dump directory.
     * @param position  the snapshot's log position.
     * @return the file of that snapshot.
     */
    public static Path file(final Path directory, final long position)
    {
        return directory.resolve(PREFIX + position + SUFFIX);
    }

    /**
     * @param directory a member's state dump directory.
     * @return the positions of the dumps there, ascending (empty when none).
     */
    public static List<Long> positions(final Path directory)
    {
        final List<Long> positions = new ArrayList<>();
        if (!Files.isDirectory(directory))
        {
            return positions;
        }
        try (Stream<Path> files = Files.list(directory))
        {
            files.map((f) -> f.getFileName().toString())
                .filter((n) -> n.startsWith(PREFIX) && n.endsWith(SUFFIX))
                .map((n) -> Long.parseLong(n.substring(PREFIX.length(), n.length() - SUFFIX.length())))
                .sorted()
                .forEach(positions::add);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return positions;
    }

    /**
     * Rebuilds the engine a state copy holds (its engine snapshot), for comparing it with something outside the
     * cluster, a feed subscriber's book for instance.
     *
     * @param dump     a state copy's bytes.
     * @param config   the engine settings the members run with.
     * @param listener receives nothing during the restore; the engine's events afterwards.
     * @return the engine, restored.
     */
    public static MatchingEngine restoreEngine(
        final byte[] dump, final EngineConfig config, final EngineListener listener)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(dump);
        if (dump.length < ServiceSnapshot.ENGINE_OFFSET ||
            buffer.getInt(0, ByteOrder.LITTLE_ENDIAN) != ServiceSnapshot.MAGIC)
        {
            throw new IllegalArgumentException("not a cluster state copy");
        }
        final int engineLength = buffer.getInt(ServiceSnapshot.ENGINE_LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN);
        final MatchingEngine engine = new MatchingEngine(config, listener);
        engine.restore(buffer, ServiceSnapshot.ENGINE_OFFSET, engineLength);
        return engine;
    }

    static void write(final Path directory, final long position, final DirectBuffer bytes, final int length)
    {
        try
        {
            Files.createDirectories(directory);
            final Path temp = directory.resolve(PREFIX + position + ".tmp");
            final byte[] copy = new byte[length];
            bytes.getBytes(0, copy);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING))
            {
                final ByteBuffer buffer = ByteBuffer.wrap(copy);
                while (buffer.hasRemaining())
                {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, file(directory, position), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
            final List<Long> positions = positions(directory);
            for (int i = 0; i < positions.size() - KEEP; i++)
            {
                Files.deleteIfExists(file(directory, positions.get(i)));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
