package io.disruptorx.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Proves an audit log's chain: every record's hash matches its content, its {@code prev} is the hash of the record
 * before it, and sequences run from 1 without a gap. Reports the first record where that fails and what the break
 * looks like: a record changed in place (its own hash no longer matches), records deleted (a sequence skipped),
 * a record inserted or records reordered (a sequence out of order, or a {@code prev} that is not the previous
 * record's hash).
 */
public final class AuditVerifier
{
    /**
     * The outcome.
     *
     * @param records records read up to the first break (all of them when intact).
     * @param intact  whether the whole chain holds.
     * @param file    the segment of the first broken record, or {@code null}.
     * @param line    its line in that segment (from 1), or 0.
     * @param problem what is wrong there, or "".
     */
    public record Result(long records, boolean intact, Path file, long line, String problem)
    {
        @Override
        public String toString()
        {
            return intact ? "intact: " + records + " records, chain verified" :
                "BROKEN at " + file + " line " + line + " (after " + records + " good records): " + problem;
        }
    }

    private AuditVerifier()
    {
    }

    /**
     * @param directory an audit log directory.
     * @return the outcome.
     * @throws IOException when a segment cannot be read.
     */
    public static Result verify(final Path directory) throws IOException
    {
        return verify(directory, null);
    }

    /**
     * Proves the chain and, with a checkpoint, that the log still holds the checkpointed record unchanged: a log
     * that ends before it had its tail cut off; one whose record at that sequence has another hash was rewritten.
     *
     * @param directory  an audit log directory.
     * @param checkpoint the head the venue checkpointed last, or {@code null}.
     * @return the outcome.
     * @throws IOException when a segment cannot be read.
     */
    public static Result verify(final Path directory, final AuditHead checkpoint) throws IOException
    {
        final List<Path> segments = AuditSegments.list(directory);
        String previous = AuditLine.GENESIS;
        long expected = 1;
        long good = 0;
        Path lastSegment = null;
        long lastLine = 0;
        for (final Path segment : segments)
        {
            try (BufferedReader reader = Files.newBufferedReader(segment, StandardCharsets.UTF_8))
            {
                long lineNumber = 0;
                String line;
                while ((line = reader.readLine()) != null)
                {
                    lineNumber++;
                    final String problem = check(line, previous, expected);
                    if (problem != null)
                    {
                        return new Result(good, false, segment, lineNumber, problem);
                    }
                    previous = AuditLine.hash(AuditLine.hashedPart(line));
                    if (checkpoint != null && expected == checkpoint.sequence() && !previous.equals(checkpoint.hash()))
                    {
                        return new Result(good, false, segment, lineNumber, "record " + expected + " is not the " +
                            "one the venue checkpointed: its hash is " + previous + ", the checkpoint's " +
                            checkpoint.hash() + " (the log was rewritten at or before this record)");
                    }
                    expected++;
                    good++;
                }
                if (lineNumber > 0)
                {
                    lastSegment = segment;
                    lastLine = lineNumber;
                }
            }
        }
        if (checkpoint != null && good < checkpoint.sequence())
        {
            return new Result(good, false, lastSegment == null ? directory : lastSegment, lastLine + 1,
                "the log ends at record " + good + " but the venue checkpointed record " + checkpoint.sequence() +
                ": " + (checkpoint.sequence() - good) + " records cut off its tail (deleted or truncated)");
        }
        return new Result(good, true, null, 0, "");
    }

    private static String check(final String line, final String previous, final long expected)
    {
        final String hashed = AuditLine.hashedPart(line);
        Map<String, String> fields;
        try
        {
            fields = AuditLine.fields(line);
        }
        catch (final RuntimeException ex)
        {
            fields = null;
        }
        if (hashed == null || fields == null || fields.get("hash") == null || fields.get("seq") == null ||
            fields.get("prev") == null)
        {
            return "not an audit record (a partial or foreign line)";
        }
        final long sequence;
        try
        {
            sequence = Long.parseLong(fields.get("seq"));
        }
        catch (final NumberFormatException ex)
        {
            return "sequence is not a number";
        }
        if (!AuditLine.hash(hashed).equals(fields.get("hash")))
        {
            return "record " + sequence + " was modified: its hash does not match its content";
        }
        if (sequence > expected)
        {
            return "found record " + sequence + " where record " + expected + " belongs: records deleted or " +
                "reordered";
        }
        if (sequence < expected)
        {
            return "found record " + sequence + " again where record " + expected + " belongs: a record inserted " +
                "or records reordered";
        }
        if (!fields.get("prev").equals(previous))
        {
            return "record " + sequence + " does not follow the record before it: its prev is not the previous " +
                "record's hash (records inserted, deleted or reordered with rewritten sequence numbers)";
        }
        return null;
    }
}
