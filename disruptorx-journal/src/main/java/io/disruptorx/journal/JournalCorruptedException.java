package io.disruptorx.journal;

import java.nio.file.Path;

/**
 * The journal holds a damaged record that is not a torn tail: starting would silently lose or reorder
 * acknowledged commands, so it refuses, naming the file and offset.
 */
public final class JournalCorruptedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long offset;

    /**
     * @param file   segment file.
     * @param offset byte offset of the bad record or header.
     * @param reason what is wrong.
     */
    public JournalCorruptedException(final Path file, final long offset, final String reason)
    {
        super("journal corrupted in " + file + " at offset " + offset + ": " + reason +
            " (not a torn tail: valid data follows; refusing to start)");
        this.file = file;
        this.offset = offset;
    }

    /**
     * @return the segment file.
     */
    public Path file()
    {
        return file;
    }

    /**
     * @return byte offset of the damage.
     */
    public long offset()
    {
        return offset;
    }
}
