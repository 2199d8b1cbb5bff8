package io.disruptorx.audit;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An audit log that does not hold what was checkpointed, or whose chain is broken: the trail refuses to start on
 * it (appending would continue a chain that no longer proves anything). The message names the log, the segment and
 * line of the first break, and what the break looks like.
 */
public final class AuditTamperedException extends IOException
{
    private static final long serialVersionUID = 1L;

    private final transient AuditVerifier.Result result;

    /**
     * @param directory  the audit log's directory.
     * @param checkpoint the head the venue checkpointed last, or {@code null}.
     * @param result     the verification that failed.
     */
    public AuditTamperedException(final Path directory, final AuditHead checkpoint, final AuditVerifier.Result result)
    {
        super("the audit log in " + directory + " was tampered with or damaged, refusing to append to it: " + result +
            (checkpoint == null ? "" : "; the venue's last checkpoint is " + checkpoint) +
            " (keep the directory as evidence; ./dx audit verify " + directory + " shows the same break)");
        this.result = result;
    }

    /**
     * @return the verification that failed.
     */
    public AuditVerifier.Result result()
    {
        return result;
    }
}
