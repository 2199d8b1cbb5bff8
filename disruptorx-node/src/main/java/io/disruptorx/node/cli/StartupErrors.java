package io.disruptorx.node.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

import io.disruptorx.core.tls.TlsConfigException;
import io.disruptorx.journal.JournalCorruptedException;
import io.disruptorx.node.embedded.NodeStartException;

/**
 * What stops a node from starting that its operator can fix, as one line on stderr and an exit code instead of a
 * stack trace: the data directory held by another node, not writable, or its journal not continuing from the
 * snapshots, a port in use (exit {@value #CANNOT_START}); a damaged journal (exit {@value #CORRUPT_JOURNAL}).
 * Anything else is a bug and goes up as it is.
 */
final class StartupErrors
{
    /** Exit code when the node cannot start: a held or unusable data directory, a port in use. */
    static final int CANNOT_START = 1;
    /** Exit code for a damaged journal (as {@code dx replay} uses it). */
    static final int CORRUPT_JOURNAL = 3;

    private StartupErrors()
    {
    }

    /**
     * @param ex a failure while starting.
     * @return whether it is one the operator can fix.
     */
    static boolean isOperational(final RuntimeException ex)
    {
        return ex instanceof NodeStartException || ex instanceof UncheckedIOException ||
            ex instanceof JournalCorruptedException || ex instanceof TlsConfigException;
    }

    /**
     * Prints the failure as one line, or rethrows it when it is not one the operator can fix.
     *
     * @param err     stderr.
     * @param command the command's name, which starts the line ({@code dx node}).
     * @param ex      the failure.
     * @return the exit code.
     */
    static int report(final PrintWriter err, final String command, final RuntimeException ex)
    {
        if (ex instanceof JournalCorruptedException)
        {
            err.println(command + ": " + ex.getMessage() + "; dx replay --journal DIR reads it up to the damage");
            err.flush();
            return CORRUPT_JOURNAL;
        }
        if (isOperational(ex))
        {
            err.println(command + ": " + ex.getMessage());
            err.flush();
            return CANNOT_START;
        }
        throw ex;
    }
}
