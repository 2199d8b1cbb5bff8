package io.disruptorx.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import org.agrona.DirectBuffer;

/**
 * Snapshots of engine state, one file each, named by the journal sequence they reflect, written atomically:
 * temporary file, checksum, force, rename, force the directory. A reader never sees half a snapshot.
 *
 * <pre>
 *   0                   4                   8
 *   +-------------------+-------------------+
 *   | magic 'DXS1'      | version           |
 *   +-------------------+-------------------+
 *   | sequence (long)                       |
 *   +-------------------+-------------------+
 *   | payload length    | CRC32C of payload |
 *   +-------------------+-------------------+
 *   | payload ...                           |
 * </pre>
 */
public final class SnapshotStore
{
    /** 'DXS1'. */
    public static final int MAGIC = 0x31535844;
    /** Format version. */
    public static final int VERSION = 1;
    /** Header bytes. */
    public static final int HEADER_LENGTH = 24;
    private static final String PREFIX = "snapshot-";
    private static final String SUFFIX = ".dxs";
    private static final String TEMPORARY_SUFFIX = ".tmp";

    private final Path directory;

    /**
     * A snapshot read back.
     *
     * @param sequence journal sequence it reflects: replay continues after it.
     * @param payload  the engine's snapshot bytes.
     * @param file     where it came from.
     */
    public record Loaded(long sequence, byte[] payload, Path file)
    {
    }

    /**
     * @param directory where snapshots live; created when missing.
     */
    public SnapshotStore(final Path directory)
    {
        this.directory = directory;
        try
        {
            Files.createDirectories(directory);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create snapshot directory " + directory, ex);
        }
    }

    /**
     * Writes a snapshot atomically.
     *
     * @param sequence journal sequence the state reflects.
     * @param payload  state bytes.
     * @param offset   where they start.
     * @param length   how many.
     * @return the snapshot file.
     */
    public Path write(final long sequence, final DirectBuffer payload, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        payload.getBytes(offset, bytes);
        final CRC32C crc = new CRC32C();
        crc.update(bytes);
        final ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(MAGIC).putInt(VERSION).putLong(sequence).putInt(length).putInt((int)crc.getValue()).flip();

        final Path target = directory.resolve(fileName(sequence));
        final Path temporary = directory.resolve(fileName(sequence) + TEMPORARY_SUFFIX);
        try
        {
            try (FileChannel channel = FileChannel.open(temporary,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
            {
                final ByteBuffer body = ByteBuffer.wrap(bytes);
                while (header.hasRemaining() || body.hasRemaining())
                {
                    channel.write(new ByteBuffer[]{header, body});
                }
                channel.force(true);
            }
            CrashPoint.SNAPSHOT_WRITTEN.reach();
            try
            {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (final AtomicMoveNotSupportedException ex)
            {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            CrashPoint.SNAPSHOT_RENAMED.reach();
            forceDirectory();
            return target;
        }
        catch (final IOException ex)
        {
            try
            {
                Files.deleteIfExists(temporary);
            }
            catch (final IOException cleanup)
            {
                ex.addSuppressed(cleanup);
            }
            throw new UncheckedIOException("cannot write snapshot " + target + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @return the newest snapshot whose header and checksum are valid, or {@code null} when there is none.
     * Invalid files are skipped (an older valid snapshot plus a longer replay gives the same state).
     */
    public Loaded latest()
    {
        final List<Path> files = files();
        for (int i = files.size() - 1; i >= 0; i--)
        {
            final Loaded loaded = read(files.get(i));
            if (loaded != null)
            {
                return loaded;
            }
        }
        return null;
    }

    /**
     * @return snapshot files with a sequence of their own, oldest first (valid or not).
     */
    public List<Path> files()
    {
        try (Stream<Path> listing = Files.list(directory))
        {
            final List<Path> files = new ArrayList<>();
            listing.filter(p -> sequenceOf(p) >= 0).forEach(files::add);
            files.sort(null);
            return files;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list snapshot directory " + directory, ex);
        }
    }

    /**
     * Deletes all but the newest {@code keep} snapshots, and the temporary files of writes that a crash interrupted.
     * Call it from the thread that writes snapshots, never during a write.
     *
     * @param keep how many to keep, at least 1.
     * @return how many snapshots were deleted.
     */
    public int retain(final int keep)
    {
        if (keep < 1)
        {
            throw new IllegalArgumentException("keep at least one snapshot, asked for " + keep);
        }
        deleteTemporaryFiles();
        final List<Path> files = files();
        int deleted = 0;
        for (int i = 0; i < files.size() - keep; i++)
        {
            try
            {
                Files.deleteIfExists(files.get(i));
                deleted++;
                CrashPoint.SNAPSHOT_PRUNED.reach();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot delete snapshot " + files.get(i), ex);
            }
        }
        return deleted;
    }

    private void deleteTemporaryFiles()
    {
        try (Stream<Path> listing = Files.list(directory))
        {
            for (final Path file : listing.toList())
            {
                final String name = file.getFileName().toString();
                if (name.endsWith(SUFFIX + TEMPORARY_SUFFIX) && name.startsWith(PREFIX))
                {
                    Files.deleteIfExists(file);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot delete temporary snapshot files in " + directory, ex);
        }
    }

    /**
     * The checksum covers the payload only, so a header sequence that differs from the one in a snapshot file's
     * name is damage too: replaying from it would skip or repeat journal records.
     *
     * @param file a snapshot file.
     * @return its contents, or {@code null} when it is damaged.
     */
    public static Loaded read(final Path file)
    {
        final byte[] all;
        try
        {
            all = Files.readAllBytes(file);
        }
        catch (final IOException ex)
        {
            return null;
        }
        if (all.length < HEADER_LENGTH)
        {
            return null;
        }
        final ByteBuffer header = ByteBuffer.wrap(all, 0, HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        final int magic = header.getInt();
        final int version = header.getInt();
        final long sequence = header.getLong();
        final int length = header.getInt();
        final int recorded = header.getInt();
        final long named = sequenceOf(file);
        if (magic != MAGIC || version != VERSION || length != all.length - HEADER_LENGTH ||
            (named >= 0 && sequence != named))
        {
            return null;
        }
        final CRC32C crc = new CRC32C();
        crc.update(all, HEADER_LENGTH, length);
        if ((int)crc.getValue() != recorded)
        {
            return null;
        }
        final byte[] payload = new byte[length];
        System.arraycopy(all, HEADER_LENGTH, payload, 0, length);
        return new Loaded(sequence, payload, file);
    }

    private static String fileName(final long sequence)
    {
        return String.format("%s%020d%s", PREFIX, sequence, SUFFIX);
    }

    /**
     * @param file a path.
     * @return the sequence in a snapshot file's name, or -1 when it is not a snapshot file name.
     */
    public static long sequenceOf(final Path file)
    {
        final String name = file.getFileName().toString();
        if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX) ||
            name.length() != PREFIX.length() + 20 + SUFFIX.length())
        {
            return -1;
        }
        try
        {
            return Long.parseLong(name.substring(PREFIX.length(), PREFIX.length() + 20));
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    private void forceDirectory()
    {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ))
        {
            channel.force(true);
        }
        catch (final IOException ex)
        {
            return;
        }
    }
}
