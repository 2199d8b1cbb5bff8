package io.disruptorx.core.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Watches a configuration file with the JDK {@link java.nio.file.WatchService} and delivers each new valid version to
 * subscribers, without a restart.
 * <p>
 * An edit that does not parse or validate is passed to the error listener and otherwise ignored: {@link #current()}
 * keeps the last good configuration. An edit that validates to a value equal to the current one is not delivered.
 * Subscribers run on the watcher thread, one at a time, in subscription order.
 * <p>
 * Editors that write in several steps may produce a transient invalid version (reported) followed by the valid
 * one (delivered); writing to a temporary file and renaming it over the watched one avoids that.
 *
 * @param <T> the configuration record.
 */
public final class ConfigWatcher<T> implements AutoCloseable
{
    private final Path file;
    private final ConfigLoader loader;
    private final ConfigBinder<T> binder;
    private final Consumer<ConfigValidationException> errorListener;
    private final List<Consumer<? super T>> subscribers = new CopyOnWriteArrayList<>();
    private final FileWatcher watcher;
    private volatile T current;
    private volatile long reloads;
    private volatile long rejectedEdits;

    /**
     * Loads the file once (throwing if it is invalid: there is no last good version yet) and starts watching.
     *
     * @param file          the configuration file.
     * @param loader        parses and applies environment overrides.
     * @param binder        validates into the record.
     * @param errorListener told about each rejected edit.
     * @throws IOException if the directory cannot be watched.
     */
    public ConfigWatcher(final Path file, final ConfigLoader loader, final ConfigBinder<T> binder,
        final Consumer<ConfigValidationException> errorListener) throws IOException
    {
        this.file = file.toAbsolutePath();
        this.loader = loader;
        this.binder = binder;
        this.errorListener = Objects.requireNonNull(errorListener, "errorListener");
        this.current = loader.load(this.file, binder);
        this.watcher = FileWatcher.start(this.file, "dx-config-watcher-" + this.file.getFileName(), this::reload);
    }

    /**
     * @return the last valid configuration.
     */
    public T current()
    {
        return current;
    }

    /**
     * @param subscriber called with each new valid configuration (not with the current one).
     */
    public void subscribe(final Consumer<? super T> subscriber)
    {
        subscribers.add(subscriber);
    }

    /**
     * @return new valid versions delivered so far.
     */
    public long reloads()
    {
        return reloads;
    }

    /**
     * @return edits rejected as invalid so far.
     */
    public long rejectedEdits()
    {
        return rejectedEdits;
    }

    private void reload()
    {
        final T candidate;
        try
        {
            candidate = loader.load(file, binder);
        }
        catch (final ConfigValidationException ex)
        {
            rejectedEdits++;
            errorListener.accept(ex);
            return;
        }
        if (candidate.equals(current))
        {
            return;
        }
        current = candidate;
        reloads++;
        for (final Consumer<? super T> subscriber : subscribers)
        {
            try
            {
                subscriber.accept(candidate);
            }
            catch (final RuntimeException ex)
            {
                errorListener.accept(new ConfigValidationException(file + " (subscriber " + subscriber + ")", ex));
            }
        }
    }

    /**
     * Stops watching and joins the watcher thread.
     */
    @Override
    public void close() throws IOException
    {
        watcher.close();
    }
}
