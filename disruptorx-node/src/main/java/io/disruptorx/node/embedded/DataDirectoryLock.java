package io.disruptorx.node.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One active node per data directory: an exclusive lock on {@code node.lock}. The operating system releases it
 * when the process dies, however it dies, which is what lets a passive replica know it may take over.
 *
 * <p>The lock is a POSIX record lock, and Linux drops every such lock a process holds on a file as soon as the
 * process closes any descriptor of that file. So a process never opens {@code node.lock} of a directory it has
 * locked already: it keeps one lock per directory (known by its device and inode, however it is named) and
 * answers a second attempt from that table. A probe from the active node's own JVM (a replica asking whether
 * the active still runs, a second start) therefore sees the lock held and leaves it held.
 */
final class DataDirectoryLock implements AutoCloseable
{
    private static final String LOCK_FILE = "node.lock";
    /** Directories locked by this process, by file key; guarded by itself. */
    private static final Map<Object, DataDirectoryLock> HELD = new HashMap<>();
    /**
     * Channels to lock files that something else in this process had locked outside this class: closing them
     * would drop that lock, so they stay open.
     */
    private static final List<FileChannel> NEVER_CLOSED = new ArrayList<>();

    private final Object directoryKey;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean released;

    private DataDirectoryLock(final Object directoryKey, final FileChannel channel, final FileLock lock)
    {
        this.directoryKey = directoryKey;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param dataDirectory the node's data directory (created when missing).
     * @return the lock, or {@code null} when a node holds it, in this process or another.
     */
    static DataDirectoryLock tryAcquire(final Path dataDirectory)
    {
        synchronized (HELD)
        {
            try
            {
                Files.createDirectories(dataDirectory);
                final Object key = Files.readAttributes(dataDirectory, BasicFileAttributes.class).fileKey();
                if (key == null)
                {
                    throw new IllegalStateException("the file system of " + dataDirectory + " does not identify " +
                        "directories, so the data directory cannot be locked safely");
                }
                if (HELD.containsKey(key))
                {
                    return null;
                }
                final FileChannel channel = FileChannel.open(dataDirectory.resolve(LOCK_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                final FileLock lock;
                try
                {
                    lock = channel.tryLock();
                }
                catch (final OverlappingFileLockException ex)
                {
                    NEVER_CLOSED.add(channel);
                    return null;
                }
                if (lock == null)
                {
                    channel.close();
                    return null;
                }
                final DataDirectoryLock held = new DataDirectoryLock(key, channel, lock);
                HELD.put(key, held);
                return held;
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot use data directory " + dataDirectory.toAbsolutePath() + ": " +
                    why(ex), ex);
            }
        }
    }

    private static String why(final IOException ex)
    {
        if (ex instanceof FileAlreadyExistsException)
        {
            return ((FileAlreadyExistsException)ex).getFile() + " is a file, not a directory";
        }
        if (ex instanceof FileSystemException && ((FileSystemException)ex).getReason() != null)
        {
            return ((FileSystemException)ex).getFile() + ": " + ((FileSystemException)ex).getReason();
        }
        if (ex instanceof AccessDeniedException)
        {
            return "permission denied on " + ((AccessDeniedException)ex).getFile();
        }
        return ex.toString();
    }

    /**
     * Releases the lock (once; later calls do nothing).
     */
    @Override
    public void close()
    {
        synchronized (HELD)
        {
            if (released)
            {
                return;
            }
            released = true;
            HELD.remove(directoryKey);
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
}
