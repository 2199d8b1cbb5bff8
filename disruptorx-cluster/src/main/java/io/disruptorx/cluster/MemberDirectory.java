package io.disruptorx.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A member's hold on its directory: an exclusive OS lock on {@code member.lock}, which the OS releases when the
 * process dies however it dies. Holding it, the member knows no other process uses the directory, so the mark
 * files a killed member left behind are stale. Aeron refuses to start its archive, consensus module and service
 * over a mark file whose activity timestamp is under 10 s old (its guard against two instances on one
 * directory); this class sets those stale timestamps to zero, so a member killed with SIGKILL restarts at once
 * instead of waiting out the 10 s. Nothing else in the files changes.
 */
final class MemberDirectory implements AutoCloseable
{
    private static final String LOCK_FILE = "member.lock";
    private static final int HEADER = io.aeron.cluster.codecs.mark.MessageHeaderDecoder.ENCODED_LENGTH;

    private final FileChannel channel;
    private final FileLock lock;

    private MemberDirectory(final FileChannel channel, final FileLock lock)
    {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param config the member's settings.
     * @return the hold, with stale mark files made inactive.
     * @throws IllegalStateException when another process holds the directory.
     */
    static MemberDirectory hold(final ClusterMemberConfig config)
    {
        try
        {
            Files.createDirectories(config.directory());
            final FileChannel channel = FileChannel.open(config.directory().resolve(LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            final FileLock lock = channel.tryLock();
            if (lock == null)
            {
                channel.close();
                throw new IllegalStateException("member directory " + config.directory() +
                    " is in use by another process");
            }
            final MemberDirectory directory = new MemberDirectory(channel, lock);
            directory.clearStale(config.archiveDirectory().resolve("archive-mark.dat"),
                io.aeron.archive.codecs.mark.MarkFileHeaderDecoder.activityTimestampEncodingOffset(),
                io.aeron.archive.codecs.mark.MarkFileHeaderDecoder.SCHEMA_ID,
                io.aeron.archive.codecs.mark.MarkFileHeaderDecoder.TEMPLATE_ID);
            for (final String name : new String[]{"cluster-mark.dat", "cluster-mark-service-0.dat"})
            {
                directory.clearStale(config.clusterDirectory().resolve(name),
                    io.aeron.cluster.codecs.mark.MarkFileHeaderDecoder.activityTimestampEncodingOffset(),
                    io.aeron.cluster.codecs.mark.MarkFileHeaderDecoder.SCHEMA_ID,
                    io.aeron.cluster.codecs.mark.MarkFileHeaderDecoder.TEMPLATE_ID);
            }
            return directory;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private void clearStale(final Path file, final int timestampOffset, final int schemaId, final int templateId)
    {
        if (!Files.exists(file))
        {
            return;
        }
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(file.toFile(), file.getFileName().toString());
        try
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(mapped);
            final io.aeron.cluster.codecs.mark.MessageHeaderDecoder header =
                new io.aeron.cluster.codecs.mark.MessageHeaderDecoder().wrap(buffer, 0);
            final int offset = header.schemaId() == schemaId && header.templateId() == templateId ? HEADER : 0;
            if (buffer.capacity() >= offset + timestampOffset + Long.BYTES)
            {
                buffer.putLongVolatile(offset + timestampOffset, 0);
            }
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }

    @Override
    public void close()
    {
        try
        {
            lock.release();
            channel.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
