package io.disruptorx.node.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One active node per data directory: an exclusive lock on {@code node.lock}. The operating system releases it
 * when the process dies, however it dies, which is what lets a passive replica know it may take over.
 */
final class DataDirectoryLock implements AutoCloseable
{
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(final FileChannel channel, final FileLock lock)
    {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param dataDirectory the node's data directory (created when missing).
     * @return the lock, or {@code null} when another node holds it.
     */
    static DataDirectoryLock tryAcquire(final Path dataDirectory)
    {
        try
        {
            Files.createDirectories(dataDirectory);
            final FileChannel channel = FileChannel.open(dataDirectory.resolve("node.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try
            {
                lock = channel.tryLock();
            }
            catch (final OverlappingFileLockException ex)
            {
                lock = null;
            }
            if (lock == null)
            {
                channel.close();
                return null;
            }
            return new DataDirectoryLock(channel, lock);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot lock data directory " + dataDirectory, ex);
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
            throw new UncheckedIOException("cannot release the data directory lock", ex);
        }
    }
}
