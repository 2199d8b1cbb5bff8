package io.disruptorx.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Appends records to an audit log directory, continuing the chain of what is already there: each open starts a
 * new segment whose first record's {@code prev} is the hash of the last record before it. A torn last line (the
 * process died mid-write) is cut off and noted by a {@link AuditEvent#RECOVERED} record. Segments roll over at a
 * size. Single-threaded: the one writer is the audit ring's consumer.
 *
 * <p>A record joins the chain (its sequence and hash become the head) only once its whole line went into the
 * segment's stream; the writer keeps in memory where the last record made durable by a successful force ends (file,
 * byte offset, sequence, hash: the forced mark). A write, flush or force that fails (a full disk) may leave part of
 * a line in the stream, or bytes in the file that never reach the device: nothing more goes into it. The writer cuts
 * the segment back to the forced mark, forces the file and the directory, counts every record after the mark as lost
 * and appends a {@link AuditEvent#LOST} record, forced at once, chained to the mark's sequence and hash as the writer
 * knows them, never to anything read back from the file: a tail someone rewrote or cut meanwhile does not chain onto
 * it. Until that succeeds, appends fail and are counted for it; the writer tries again at most once per
 * {@link #force()}. So the chain on disk verifies and the gap is on the record, written by the writer: a verifier
 * infers nothing, and a record deleted later still breaks the chain.
 *
 * <p>With {@link AuditCheckpoints}, the writer checks the log against the last checkpoint before appending (the
 * whole chain proven, the checkpointed record still there with its hash; an {@link AuditTamperedException}
 * otherwise), and checkpoints its head each time what it appended is forced to the device.
 */
public final class AuditWriter implements AutoCloseable
{
    private final Path directory;
    private final long segmentBytes;
    private final AuditCheckpoints checkpoints;
    private final UnaryOperator<OutputStream> output;
    private long sequence;
    private String previous = AuditLine.GENESIS;
    private BufferedWriter out;
    private FileChannel channel;
    private Path file;
    private long written;
    private Path markFile;
    private long markOffset;
    private long markSequence;
    private String markHash = AuditLine.GENESIS;
    private boolean broken;
    private boolean retried;
    private long recoveries;
    private String failure;
    private long lost;
    private long cut;

    /**
     * @param directory    the log's directory, created when missing.
     * @param segmentBytes a segment is closed once it holds at least this many bytes.
     * @throws IOException when the directory or its last segment cannot be read or written.
     */
    public AuditWriter(final Path directory, final long segmentBytes) throws IOException
    {
        this(directory, segmentBytes, null);
    }

    /**
     * @param directory    the log's directory, created when missing.
     * @param segmentBytes a segment is closed once it holds at least this many bytes.
     * @param checkpoints  where the head is checkpointed, and what the log is checked against first; owned from
     *                     now on (closed with the writer); {@code null} for none.
     * @throws AuditTamperedException when the log's chain is broken or it does not hold the last checkpoint.
     * @throws IOException            when the directory or its last segment cannot be read or written.
     */
    public AuditWriter(final Path directory, final long segmentBytes, final AuditCheckpoints checkpoints)
        throws IOException
    {
        this(directory, segmentBytes, checkpoints, UnaryOperator.identity());
    }

    /**
     * @param directory    the log's directory, created when missing.
     * @param segmentBytes a segment is closed once it holds at least this many bytes.
     * @param checkpoints  as above, or {@code null}.
     * @param output       wraps each segment's file output stream (the identity; a test's failing stream).
     * @throws IOException when the directory or its last segment cannot be read or written.
     */
    AuditWriter(
        final Path directory, final long segmentBytes, final AuditCheckpoints checkpoints,
        final UnaryOperator<OutputStream> output) throws IOException
    {
        this.output = output;
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.checkpoints = checkpoints;
        Files.createDirectories(directory);
        final List<Path> segments = AuditSegments.list(directory);
        long torn = 0;
        if (!segments.isEmpty())
        {
            torn = AuditSegments.cutTornLine(segments.get(segments.size() - 1));
        }
        if (checkpoints != null)
        {
            final AuditVerifier.Result result = AuditVerifier.verify(directory, checkpoints.last());
            if (!result.intact())
            {
                checkpoints.close();
                throw new AuditTamperedException(directory, checkpoints.last(), result);
            }
        }
        final AuditHead last = lastOnDisk();
        sequence = last.sequence();
        previous = last.hash();
        open();
        if (torn > 0)
        {
            append(new AuditRecord(0, System.currentTimeMillis() * 1_000_000L, AuditEvent.RECOVERED, "", -1, "", "",
                "", 0, 0, 0, 0, torn + " bytes of a torn last line cut off"));
        }
    }

    /**
     * @param record the record; its sequence is assigned here.
     * @return the sequence it got.
     * @throws IOException when the log cannot be written (the record is then counted as lost).
     */
    public long append(final AuditRecord record) throws IOException
    {
        if (broken)
        {
            lost++;
            throw new IOException("audit log " + directory + " not writable (" + failure + "): record lost");
        }
        final String line = AuditLine.format(record.withSequence(sequence + 1), previous);
        try
        {
            out.write(line);
            out.write('\n');
        }
        catch (final IOException ex)
        {
            lost++;
            fail(ex);
            throw ex;
        }
        final long assigned = ++sequence;
        previous = AuditLine.hash(AuditLine.hashedPart(line));
        written += AuditLine.utf8Length(line) + 1;
        if (written >= segmentBytes)
        {
            closeSegment();
            try
            {
                open();
            }
            catch (final IOException ex)
            {
                fail(ex);
            }
        }
        return assigned;
    }

    /**
     * Hands what was appended to the operating system.
     *
     * @throws IOException when the log cannot be written (what was appended since the last force is then lost).
     */
    public void flush() throws IOException
    {
        if (broken)
        {
            throw new IOException("audit log " + directory + " not writable (" + failure + ")");
        }
        try
        {
            out.flush();
        }
        catch (final IOException ex)
        {
            fail(ex);
            throw ex;
        }
    }

    /**
     * Flushes and forces what was appended to the disk, then checkpoints the head (when checkpoints are kept).
     * While the writer is broken, tries to recover instead, unless it already tried since the last call (so at most
     * once per call: the recorder calls this at most once a second).
     *
     * @throws IOException when the log or the checkpoint cannot be written.
     */
    public void force() throws IOException
    {
        try
        {
            if (broken && !retried)
            {
                recover();
            }
            flush();
            try
            {
                channel.force(false);
            }
            catch (final IOException ex)
            {
                fail(ex);
                throw ex;
            }
        }
        finally
        {
            retried = false;
        }
        markFile = file;
        markOffset = written;
        markSequence = sequence;
        markHash = previous;
        if (checkpoints != null)
        {
            checkpoints.record(head());
        }
    }

    /**
     * @return the sequence of the last record a successful force made durable (a record after it may still be cut
     * off by a recovery).
     */
    public long forcedSequence()
    {
        return markSequence;
    }

    /**
     * @return how many times the writer recovered from a write error (each cut the log back to its last forced
     * record and appended a {@link AuditEvent#LOST} record).
     */
    public long recoveries()
    {
        return recoveries;
    }

    /**
     * @return whether a write failed and the writer has not recovered yet (appends are counted as lost; the next
     *         {@link #force()} tries again).
     */
    public boolean broken()
    {
        return broken;
    }

    /**
     * @return the last record's sequence and hash (sequence 0 and the genesis hash when the log is empty).
     */
    public AuditHead head()
    {
        return new AuditHead(sequence, previous);
    }

    /**
     * @return the last sequence written.
     */
    public long sequence()
    {
        return sequence;
    }

    /**
     * Forces and closes the log. A writer still broken tries to recover once more; if it cannot, the records
     * counted as lost are noted nowhere in the log, so this throws, naming how many.
     *
     * @throws IOException when the log cannot be written, or the writer could not note the records it lost.
     */
    @Override
    public void close() throws IOException
    {
        try
        {
            if (broken)
            {
                recover();
                if (broken)
                {
                    throw new IOException("audit log " + directory + " closed while not writable (" + failure +
                        "): " + lost + " records lost and not noted in the log");
                }
            }
            closeSegment();
        }
        finally
        {
            closeChannel();
            if (checkpoints != null)
            {
                checkpoints.close();
            }
        }
    }

    private void closeSegment() throws IOException
    {
        if (out != null && !broken)
        {
            force();
            out.close();
            out = null;
        }
    }

    /**
     * A write, flush or force failed: the stream may hold part of a line and the file bytes that never reach the
     * device, so nothing more goes into it (closing the channel under it drops what it buffered); everything
     * appended since the last successful force is lost. Tries to recover at once.
     */
    private void fail(final IOException ex)
    {
        broken = true;
        if (failure == null)
        {
            failure = ex.toString();
        }
        closeChannel();
        lost += sequence - markSequence;
        sequence = markSequence;
        previous = markHash;
        recover();
    }

    private void closeChannel()
    {
        out = null;
        if (channel != null)
        {
            try
            {
                channel.close();
            }
            catch (final IOException ignored)
            {
                // the stream is abandoned: the file is cut back to the last forced record
            }
            channel = null;
        }
    }

    /**
     * Cuts the segment back to the end of the last record forced to the device (nothing after it, whole or torn, is
     * trusted, nor read back), deletes any later segment, forces the file and the directory, then appends a
     * {@link AuditEvent#LOST} record chained to the forced record's sequence and hash as this writer knows them, and
     * forces it. A rewritten or cut tail therefore does not chain onto it. On failure the writer stays broken.
     */
    private void recover()
    {
        retried = true;
        try
        {
            closeChannel();
            for (final Path segment : AuditSegments.list(directory))
            {
                if (segment.compareTo(markFile) > 0)
                {
                    cut += Files.size(segment);
                    Files.delete(segment);
                }
            }
            channel = FileChannel.open(markFile, StandardOpenOption.WRITE);
            if (channel.size() < markOffset)
            {
                throw new IOException(markFile + " is shorter than its last record forced to disk: cut by another " +
                    "hand, so the writer stays broken and the next start's check against the checkpoint reports it");
            }
            cut += channel.size() - markOffset;
            channel.truncate(markOffset);
            channel.force(true);
            forceDirectory();
            channel.position(markOffset);
            file = markFile;
            written = markOffset;
            stream();
            final String line = AuditLine.format(new AuditRecord(markSequence + 1,
                System.currentTimeMillis() * 1_000_000L, AuditEvent.LOST, "", -1, "", "", "", 0, 0, 0, 0,
                lost + " records lost: writing the log failed (" + failure + "); " + cut + " bytes after the last " +
                "record forced to disk cut off; the chain goes on from record " + markSequence + " (hash " +
                markHash + ")"), markHash);
            out.write(line);
            out.write('\n');
            out.flush();
            channel.force(false);
            sequence = markSequence + 1;
            previous = AuditLine.hash(AuditLine.hashedPart(line));
            written = markOffset + AuditLine.utf8Length(line) + 1;
            markOffset = written;
            markSequence = sequence;
            markHash = previous;
            lost = 0;
            cut = 0;
            failure = null;
            broken = false;
            recoveries++;
        }
        catch (final IOException | RuntimeException ex)
        {
            closeChannel();
            cutBackToMark();
        }
    }

    /**
     * After a failed recovery, takes off what it wrote past the mark (part of a LOST record), so that while the
     * writer stays broken the log on disk still ends at its last forced record and verifies; if this fails too, the
     * next recovery cuts it.
     */
    private void cutBackToMark()
    {
        try (FileChannel back = FileChannel.open(markFile, StandardOpenOption.WRITE))
        {
            if (back.size() > markOffset)
            {
                back.truncate(markOffset);
                back.force(true);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            if (failure == null)
            {
                failure = ex.toString();
            }
        }
    }

    private void forceDirectory() throws IOException
    {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ))
        {
            dir.force(true);
        }
    }

    private void open() throws IOException
    {
        file = AuditSegments.segment(directory, sequence + 1);
        channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        // the new file's name must survive a power loss before a checkpoint can name a record in it
        forceDirectory();
        written = 0;
        stream();
        markFile = file;
        markOffset = 0;
        markSequence = sequence;
        markHash = previous;
    }

    private void stream()
    {
        out = new BufferedWriter(new OutputStreamWriter(
            output.apply(Channels.newOutputStream(channel)), StandardCharsets.UTF_8), 64 * 1024);
    }

    /**
     * @return the last whole record on disk (sequence 0 and the genesis hash when there is none); empty segments at
     *         the end are deleted.
     */
    private AuditHead lastOnDisk() throws IOException
    {
        final List<Path> segments = AuditSegments.list(directory);
        for (int i = segments.size() - 1; i >= 0; i--)
        {
            final Path segment = segments.get(i);
            final String lastLine = AuditSegments.lastLine(segment);
            if (lastLine == null)
            {
                Files.delete(segment);
                continue;
            }
            final Map<String, String> fields = AuditLine.fields(lastLine);
            final String hashed = AuditLine.hashedPart(lastLine);
            if (fields == null || hashed == null || fields.get("seq") == null)
            {
                throw new IOException(segment + ": the last record is not an audit record; run dx audit verify");
            }
            return new AuditHead(Long.parseLong(fields.get("seq")), AuditLine.hash(hashed));
        }
        return new AuditHead(0, AuditLine.GENESIS);
    }
}
