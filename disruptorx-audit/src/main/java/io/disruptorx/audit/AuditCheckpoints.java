package io.disruptorx.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HexFormat;

import io.disruptorx.journal.JournalConfig;
import io.disruptorx.journal.JournalCorruptedException;
import io.disruptorx.journal.JournalReader;
import io.disruptorx.journal.JournalWriter;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The audit chain's heads, checkpointed into a journal of the venue (the journal module's CRC-checked segments,
 * forced on every checkpoint), kept apart from the audit log: in the node's data directory beside the command
 * journal. Each record is one {@link AuditHead}: the journal sequence is the audit sequence, the payload the 32
 * bytes of its hash. On start the last one is what the audit log must still hold: a log cut short (its tail
 * deleted or truncated) or rewritten (even with a recomputed chain) no longer ends in, or passes through, that
 * record. Single-threaded: the audit writer's thread.
 */
public final class AuditCheckpoints implements AutoCloseable
{
    /** Segment size: about 20,000 checkpoints each; older segments are deleted as new ones fill. */
    public static final int SEGMENT_BYTES = 1 << 20;

    private static final HexFormat HEX = HexFormat.of();

    private final Path directory;
    private final JournalWriter journal;
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[32]);
    private AuditHead last;

    private AuditCheckpoints(final Path directory)
    {
        this.directory = directory;
        this.journal = JournalWriter.open(JournalConfig.durable(directory).withSegmentSize(SEGMENT_BYTES),
            (sequence, buffer, offset, length) ->
            {
                final byte[] hash = new byte[length];
                buffer.getBytes(offset, hash);
                last = new AuditHead(sequence, HEX.formatHex(hash));
            });
    }

    /**
     * @param directory the checkpoints' directory (created when missing).
     * @return the checkpoints, with the last one read back.
     * @throws IOException when the directory cannot be created or its journal is damaged.
     */
    public static AuditCheckpoints open(final Path directory) throws IOException
    {
        try
        {
            return new AuditCheckpoints(directory);
        }
        catch (final UncheckedIOException | JournalCorruptedException ex)
        {
            throw new IOException("audit checkpoints in " + directory + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Reads the last checkpoint without changing any file (for {@code dx audit verify --checkpoints}).
     *
     * @param directory the checkpoints' directory.
     * @return the last head checkpointed, or {@code null} when none was.
     * @throws IOException when the journal there is damaged.
     */
    public static AuditHead readLast(final Path directory) throws IOException
    {
        final AuditHead[] last = new AuditHead[1];
        try
        {
            JournalReader.read(directory, (sequence, buffer, offset, length) ->
            {
                final byte[] hash = new byte[length];
                buffer.getBytes(offset, hash);
                last[0] = new AuditHead(sequence, HEX.formatHex(hash));
            });
        }
        catch (final UncheckedIOException | JournalCorruptedException ex)
        {
            throw new IOException("audit checkpoints in " + directory + ": " + ex.getMessage(), ex);
        }
        return last[0];
    }

    /**
     * @return the last head checkpointed, or {@code null} when none was.
     */
    public AuditHead last()
    {
        return last;
    }

    /**
     * Appends a head and forces it to the device; a head at or below the last one is ignored.
     *
     * @param head the audit log's head, once its records are on the device.
     * @throws IOException when the checkpoint cannot be written.
     */
    public void record(final AuditHead head) throws IOException
    {
        if (head.sequence() <= 0 || (last != null && head.sequence() <= last.sequence()))
        {
            return;
        }
        payload.putBytes(0, HEX.parseHex(head.hash()));
        try
        {
            journal.append(head.sequence(), payload, 0, payload.capacity());
            journal.endOfBatch();
            if (last != null)
            {
                journal.deleteSegmentsUpTo(last.sequence());
            }
        }
        catch (final UncheckedIOException ex)
        {
            throw new IOException("audit checkpoint in " + directory + ": " + ex.getMessage(), ex);
        }
        last = head;
    }

    /**
     * @return the checkpoints' directory.
     */
    public Path directory()
    {
        return directory;
    }

    @Override
    public void close()
    {
        journal.close();
    }
}
