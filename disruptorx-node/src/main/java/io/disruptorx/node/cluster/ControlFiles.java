package io.disruptorx.node.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How {@code dx cluster restart N}, run in another terminal, reaches the running {@code dx cluster}: a request file
 * {@code control/restart-N} in the cluster's directory that the launcher picks up, and {@code control/launcher.pid}
 * naming the launcher so a request to no one is refused.
 */
public final class ControlFiles
{
    private static final String CONTROL = "control";
    private static final String PID = "launcher.pid";
    private static final String RESTART = "restart-";

    private ControlFiles()
    {
    }

    /**
     * @param directory the cluster's directory.
     * @return the pid of the launcher running on it, if one is.
     */
    public static Optional<Long> launcher(final Path directory)
    {
        final Path file = directory.resolve(CONTROL).resolve(PID);
        try
        {
            if (!Files.exists(file))
            {
                return Optional.empty();
            }
            final long pid = Long.parseLong(Files.readString(file).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        }
        catch (final IOException | NumberFormatException ex)
        {
            return Optional.empty();
        }
    }

    static void claim(final Path directory)
    {
        write(directory.resolve(CONTROL).resolve(PID), Long.toString(ProcessHandle.current().pid()));
    }

    static void release(final Path directory)
    {
        delete(directory.resolve(CONTROL).resolve(PID));
    }

    /**
     * @param directory the cluster's directory.
     * @param memberId  the member to restart.
     */
    public static void requestRestart(final Path directory, final int memberId)
    {
        write(directory.resolve(CONTROL).resolve(RESTART + memberId), "");
    }

    /**
     * @param directory the cluster's directory.
     * @param memberId  a member.
     * @return whether a restart was requested (the request is consumed).
     */
    static boolean takeRestart(final Path directory, final int memberId)
    {
        final Path file = directory.resolve(CONTROL).resolve(RESTART + memberId);
        if (Files.exists(file))
        {
            delete(file);
            return true;
        }
        return false;
    }

    private static void write(final Path file, final String text)
    {
        try
        {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static void delete(final Path file)
    {
        try
        {
            Files.deleteIfExists(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
