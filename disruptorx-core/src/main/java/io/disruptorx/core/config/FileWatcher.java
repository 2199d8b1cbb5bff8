package io.disruptorx.core.config;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/**
 * Watches one file (through its directory, with the JDK's {@link WatchService}) and runs an action on a daemon
 * thread of its own each time the file is created or modified, or when the watch service lost events. For hot
 * reloaded files: the configuration ({@link ConfigWatcher}) and the gateway's user file.
 */
public final class FileWatcher implements AutoCloseable
{
    private final Path file;
    private final Runnable onChange;
    private final WatchService watchService;
    private final Thread thread;

    private FileWatcher(final Path file, final String threadName, final Runnable onChange) throws IOException
    {
        this.file = file.toAbsolutePath();
        this.onChange = onChange;
        this.watchService = FileSystems.getDefault().newWatchService();
        this.file.getParent().register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
            StandardWatchEventKinds.ENTRY_MODIFY);
        this.thread = new Thread(this::watch, threadName);
        this.thread.setDaemon(true);
    }

    /**
     * @param file       the file.
     * @param threadName the watcher thread's name.
     * @param onChange   runs on the watcher thread after each change, one at a time.
     * @return the watcher, watching.
     * @throws IOException when the file's directory cannot be watched.
     */
    public static FileWatcher start(final Path file, final String threadName, final Runnable onChange)
        throws IOException
    {
        final FileWatcher watcher = new FileWatcher(file, threadName, onChange);
        watcher.thread.start();
        return watcher;
    }

    /**
     * Stops watching and joins the watcher thread (up to 5 s).
     *
     * @throws IOException when the watch service cannot be closed.
     */
    @Override
    public void close() throws IOException
    {
        try
        {
            watchService.close();
        }
        finally
        {
            thread.interrupt();
            try
            {
                thread.join(5_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void watch()
    {
        final Path name = file.getFileName();
        try
        {
            while (true)
            {
                final WatchKey key = watchService.take();
                boolean relevant = false;
                for (final WatchEvent<?> event : key.pollEvents())
                {
                    relevant |= event.kind() == StandardWatchEventKinds.OVERFLOW || name.equals(event.context());
                }
                key.reset();
                if (relevant)
                {
                    onChange.run();
                }
            }
        }
        catch (final InterruptedException | ClosedWatchServiceException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
