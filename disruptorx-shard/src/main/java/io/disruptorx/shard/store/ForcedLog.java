package io.disruptorx.shard.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An append-only file of records, each forced to the device before {@link #append} returns. Opening reads nothing:
 * the journal on top reads its records back with {@link #read}, and {@link #truncate}s after the last whole one, so
 * a record torn by a crash is dropped before anything is appended. Every I/O failure is an
 * {@link UncheckedIOException} naming the journal.
 */
public final class ForcedLog implements AutoCloseable
{
    private final FileChannel channel;
    private final String name;
    private long position;

    /**
     * Opens the file, creating it when missing.
     *
     * @param file the file.
     * @param name what it holds, for messages ("move journal").
     */
    public ForcedLog(final Path file, final String name)
    {
        this.name = name;
        try
        {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("opening " + name + " " + file, ex);
        }
    }

    /**
     * @return the file's length in bytes.
     */
    public long size()
    {
        try
        {
            return channel.size();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("reading the " + name, ex);
        }
    }

    /**
     * Reads from {@code at} into the buffer's remaining space, as far as the file goes.
     */
    public void read(final ByteBuffer into, final long at)
    {
        try
        {
            channel.read(into, at);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("reading the " + name, ex);
        }
    }

    /**
     * Cuts the file after the last whole record; appends continue from there.
     *
     * @param length bytes of whole records.
     */
    public void truncate(final long length)
    {
        try
        {
            channel.truncate(length);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("reading the " + name, ex);
        }
        position = length;
    }

    /**
     * Writes the buffer's remaining bytes at the end of the file and forces them to the device.
     */
    public void append(final ByteBuffer record)
    {
        final int length = record.remaining();
        final int start = record.position();
        try
        {
            while (record.hasRemaining())
            {
                channel.write(record, position + record.position() - start);
            }
            channel.force(false);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("appending to the " + name, ex);
        }
        position += length;
    }

    @Override
    public void close()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("closing the " + name, ex);
        }
    }
}
