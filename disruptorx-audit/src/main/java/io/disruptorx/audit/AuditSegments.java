package io.disruptorx.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The files of an audit log directory: segments named {@code audit-NNNNNNNNNNNNNNNNNNNN.jsonl} after the sequence
 * of their first record, read in name order, the chain continuing from each segment into the next.
 */
public final class AuditSegments
{
    private static final String PREFIX = "audit-";
    private static final String SUFFIX = ".jsonl";

    private AuditSegments()
    {
    }

    /**
     * @param directory the log's directory.
     * @return its segments in order (none when the directory does not exist).
     * @throws IOException when the directory cannot be listed.
     */
    public static List<Path> list(final Path directory) throws IOException
    {
        if (!Files.isDirectory(directory))
        {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory))
        {
            return files.filter(AuditSegments::isSegment).sorted().toList();
        }
    }

    /**
     * @param directory     the log's directory.
     * @param firstSequence sequence of the segment's first record.
     * @return the segment's path.
     */
    public static Path segment(final Path directory, final long firstSequence)
    {
        return directory.resolve(String.format(Locale.ROOT, "%s%020d%s", PREFIX, firstSequence, SUFFIX));
    }

    private static boolean isSegment(final Path file)
    {
        final String name = file.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX) && Files.isRegularFile(file);
    }
}
