package io.disruptorx.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Finds the records of an audit log that match a user, an account and a time range, in log order, as their
 * stored JSON lines (chain fields included, so an answer can be checked against the log).
 *
 * @param user      only this user's records, or {@code null} for every user.
 * @param account   only records naming this account, or 0 for every record.
 * @param fromNanos only records at or after this time (nanoseconds since the epoch), or {@link Long#MIN_VALUE}.
 * @param toNanos   only records before this time, or {@link Long#MAX_VALUE}.
 */
public record AuditQuery(String user, long account, long fromNanos, long toNanos)
{
    /**
     * @param directory an audit log directory.
     * @param out       gets each matching line.
     * @return how many matched.
     * @throws IOException when a segment cannot be read.
     */
    public long run(final Path directory, final Consumer<String> out) throws IOException
    {
        long matched = 0;
        for (final Path segment : AuditSegments.list(directory))
        {
            try (BufferedReader reader = Files.newBufferedReader(segment, StandardCharsets.UTF_8))
            {
                String line;
                while ((line = reader.readLine()) != null)
                {
                    if (matches(line))
                    {
                        out.accept(line);
                        matched++;
                    }
                }
            }
        }
        return matched;
    }

    private boolean matches(final String line)
    {
        final AuditRecord record;
        try
        {
            final Map<String, String> fields = AuditLine.fields(line);
            record = fields == null ? null : AuditLine.record(fields);
        }
        catch (final RuntimeException ex)
        {
            return false;
        }
        return record != null && (user == null || user.equals(record.user())) &&
            (account == 0 || account == record.account()) && record.timeNanos() >= fromNanos &&
            record.timeNanos() < toNanos;
    }
}
