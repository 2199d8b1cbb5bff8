package io.disruptorx.gateway.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.security.auth.x500.X500Principal;

import io.disruptorx.core.config.FileWatcher;

/**
 * The venue's users from a user file ({@link UserFile}), hot reloaded: a watcher thread ({@link FileWatcher})
 * reads the file again when it changes and swaps the new version in at once; a version that does not read keeps
 * the previous one, and the problem goes to the error listener and {@link #lastReloadError()}. Logins
 * ({@link Authenticator}, on the gateway thread), signed requests ({@link ApiKeyDirectory}) and certificate
 * subjects all see the current version. Write the file to a temporary name and rename it over the old one, so the
 * watcher never reads half a file.
 */
public final class UserDirectory implements Authenticator, ApiKeyDirectory, AutoCloseable
{
    private final Path file;
    private final Consumer<String> errorListener;
    private final AtomicLong reloads = new AtomicLong();
    private final AtomicLong rejectedReloads = new AtomicLong();
    private volatile UserStore store;
    private volatile String lastReloadError;
    private FileWatcher watcher;

    private UserDirectory(final Path file, final Consumer<String> errorListener)
    {
        this.file = file.toAbsolutePath();
        this.errorListener = Objects.requireNonNull(errorListener, "errorListener");
        this.store = UserFile.read(this.file);
    }

    /**
     * Reads the file (which must be valid: there is no previous version to keep) without watching it.
     *
     * @param file          the user file.
     * @param errorListener told why a reload was refused (never a secret).
     * @return the directory.
     * @throws UserFileException when the file is not valid.
     */
    public static UserDirectory load(final Path file, final Consumer<String> errorListener)
    {
        return new UserDirectory(file, errorListener);
    }

    /**
     * Reads the file and watches it for changes.
     *
     * @param file          the user file.
     * @param errorListener told why a reload was refused (never a secret).
     * @return the directory, watching.
     * @throws UserFileException when the file is not valid.
     * @throws IOException       when its directory cannot be watched.
     */
    public static UserDirectory watch(final Path file, final Consumer<String> errorListener) throws IOException
    {
        final UserDirectory directory = new UserDirectory(file, errorListener);
        directory.startWatching();
        return directory;
    }

    @Override
    public User authenticate(final String username, final String password)
    {
        return store.authenticate(username, password);
    }

    @Override
    public ApiKeyCredential find(final String apiKey)
    {
        return apiKey == null ? null : store.apiKey(apiKey);
    }

    /**
     * @param subject a client certificate's subject.
     * @return the user it maps to, or {@code null}.
     */
    public User userForSubject(final X500Principal subject)
    {
        return store.userForSubject(subject);
    }

    @Override
    public boolean mapsCertificates()
    {
        return true;
    }

    @Override
    public User userForCertificate(final X500Principal subject)
    {
        return userForSubject(subject);
    }

    /**
     * @return the current version.
     */
    public UserStore store()
    {
        return store;
    }

    /**
     * Reads the file again now.
     *
     * @return whether the new version replaced the old one.
     */
    public boolean reload()
    {
        try
        {
            store = UserFile.read(file);
            lastReloadError = null;
            reloads.incrementAndGet();
            return true;
        }
        catch (final UserFileException ex)
        {
            rejectedReloads.incrementAndGet();
            lastReloadError = ex.getMessage();
            errorListener.accept("user file not reloaded, keeping the previous version: " + ex.getMessage());
            return false;
        }
    }

    /**
     * @return new versions swapped in since the start.
     */
    public long reloads()
    {
        return reloads.get();
    }

    /**
     * @return versions refused since the start.
     */
    public long rejectedReloads()
    {
        return rejectedReloads.get();
    }

    /**
     * @return why the last reload was refused, or {@code null} when it succeeded (or none was tried).
     */
    public String lastReloadError()
    {
        return lastReloadError;
    }

    /**
     * @return the user file.
     */
    public Path file()
    {
        return file;
    }

    /**
     * Stops watching.
     */
    @Override
    public void close()
    {
        if (watcher == null)
        {
            return;
        }
        try
        {
            watcher.close();
        }
        catch (final IOException ex)
        {
            errorListener.accept("closing the user file watcher: " + ex.getMessage());
        }
    }

    @Override
    public String toString()
    {
        return "UserDirectory[" + file + ", " + store + "]";
    }

    private void startWatching() throws IOException
    {
        watcher = FileWatcher.start(file, "dx-user-file-watcher", this::reload);
    }
}
