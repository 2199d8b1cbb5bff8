package io.disruptorx.audit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
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

    /**
     * @return the file's last non-empty line, read from its end, or {@code null} when it has none.
     */
    static String lastLine(final Path file) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r"))
        {
            final long length = raf.length();
            long window = 1 << 16;
            while (true)
            {
                final long from = Math.max(0, length - window);
                final byte[] bytes = new byte[(int)(length - from)];
                raf.seek(from);
                raf.readFully(bytes);
                final String text = new String(bytes, StandardCharsets.UTF_8);
                int end = text.length();
                while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r'))
                {
                    end--;
                }
                final int start = text.lastIndexOf('\n', end - 1) + 1;
                if (from == 0)
                {
                    return end == 0 ? null : text.substring(start, end);
                }
                if (start > 0)
                {
                    return text.substring(start, end);
                }
                window *= 2;
            }
        }
    }

    /**
     * Cuts a torn last line (one without its newline) off the file and forces the file to the device (what the
     * last run wrote may not have been forced yet).
     *
     * @return the bytes cut off.
     */
    static long cutTornLine(final Path file) throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            long end = raf.length();
            final long length = end;
            while (end > 0)
            {
                raf.seek(end - 1);
                if (raf.read() == '\n')
                {
                    break;
                }
                end--;
            }
            if (end < length)
            {
                raf.setLength(end);
            }
            raf.getFD().sync();
            return length - end;
        }
    }

    private static boolean isSegment(final Path file)
    {
        final String name = file.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX) && Files.isRegularFile(file);
    }
}
