package io.disruptorx.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps every segment a journal ever had, although the node deletes the segments its snapshots cover: a thread
 * hard-links each segment file into an archive directory as soon as it appears. A hard link is the same file, so
 * the archive sees every later write and repair, and keeps the data when retention deletes the name. The test
 * then replays the whole journal from its first record. A segment deleted before it was linked (they live for
 * hundreds of milliseconds; the thread looks every millisecond) would show as a missing segment in the replay.
 */
final class JournalArchive implements AutoCloseable
{
    private static final Pattern SEGMENT = Pattern.compile("journal-[0-9a-f]{16}\\.dxj");
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Path journal;
    private final Path archive;
    private final Map<String, Object> linked = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;
    private int replaced;

    /**
     * @param journal the node's journal directory.
     * @param archive where the links go (created).
     */
    JournalArchive(final Path journal, final Path archive)
    {
        this.journal = journal;
        this.archive = archive;
        try
        {
            Files.createDirectories(archive);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        thread = new Thread(this::run, "journal-archive");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * @return the archive directory, a complete journal once {@link #close()} has returned.
     */
    Path directory()
    {
        return archive;
    }

    /**
     * @return segments whose name came back as a different file (a creation a crash interrupted, redone).
     */
    int replaced()
    {
        return replaced;
    }

    @Override
    public void close()
    {
        running = false;
        try
        {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (failure != null)
        {
            throw failure;
        }
        sync();
    }

    private void run()
    {
        try
        {
            while (running)
            {
                sync();
                LockSupport.parkNanos(POLL_NANOS);
            }
        }
        catch (final RuntimeException ex)
        {
            failure = ex;
        }
    }

    private synchronized void sync()
    {
        if (!Files.isDirectory(journal))
        {
            return;
        }
        final List<Path> files;
        try (Stream<Path> listing = Files.list(journal))
        {
            files = listing.filter(file -> SEGMENT.matcher(file.getFileName().toString()).matches()).toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + journal, ex);
        }
        for (final Path file : files)
        {
            link(file);
        }
    }

    private void link(final Path file)
    {
        final String name = file.getFileName().toString();
        try
        {
            final Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            final Object known = linked.get(name);
            if (key.equals(known))
            {
                return;
            }
            if (known != null)
            {
                Files.delete(archive.resolve(name));
                replaced++;
            }
            Files.createLink(archive.resolve(name), file);
            linked.put(name, key);
        }
        catch (final NoSuchFileException ex)
        {
            return;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot archive " + file, ex);
        }
    }
}
