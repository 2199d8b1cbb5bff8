package io.disruptorx.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.RandomAccessFile;
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
 * segment's stream. A write that fails (a full disk) breaks that stream, which may hold part of a line: nothing more
 * goes into it. The writer closes it, cuts the torn line off the file, continues from the last record the file
 * holds whole and starts a new segment whose first record, forced to the device at once, is a {@link AuditEvent#LOST}
 * record chained to that one, saying how many records were lost and why. Until that succeeds, appends fail and the
 * records are counted for it. So the chain on disk always verifies and the gap is on the record, written by the
 * writer: a verifier infers nothing, and a record deleted later still breaks the chain.
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
    private long written;
    private boolean broken;
    private String failure;
    private long lost;
    private String noteHash;
    private long noteLost;

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
            torn = cutTornLine(segments.get(segments.size() - 1));
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
     * @throws IOException when the log cannot be written.
     */
    public long append(final AuditRecord record) throws IOException
    {
        if (broken && !restore())
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
        sequence++;
        previous = AuditLine.hash(AuditLine.hashedPart(line));
        written += line.length() + 1;
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
                throw ex;
            }
        }
        return sequence;
    }

    /**
     * Hands what was appended to the operating system.
     *
     * @throws IOException when the log cannot be written (what was not written is then noted as lost).
     */
    public void flush() throws IOException
    {
        if (broken)
        {
            if (!restore())
            {
                throw new IOException("audit log " + directory + " not writable (" + failure + ")");
            }
            return;
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
     *
     * @throws IOException when the log or the checkpoint cannot be written.
     */
    public void force() throws IOException
    {
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
        if (checkpoints != null)
        {
            checkpoints.record(head());
        }
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

    @Override
    public void close() throws IOException
    {
        try
        {
            if (broken)
            {
                restore();
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
     * The segment's stream failed: it may hold part of a line, so nothing more goes into it (closing the channel
     * under it drops what it buffered); then tries to go on in a new segment at once.
     */
    private void fail(final IOException ex)
    {
        broken = true;
        failure = ex.toString();
        closeChannel();
        restore();
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
                // the stream is abandoned; what the file holds is read back from disk
            }
            channel = null;
        }
    }

    /**
     * Cuts the torn line off the last segment, takes the last whole record on disk as the head, counts what was
     * appended after it as lost, and starts a new segment with a forced {@link AuditEvent#LOST} record.
     *
     * @return whether the writer can append again.
     */
    private boolean restore()
    {
        try
        {
            closeChannel();
            final List<Path> segments = AuditSegments.list(directory);
            final long torn = segments.isEmpty() ? 0 : cutTornLine(segments.get(segments.size() - 1));
            final AuditHead onDisk = lastOnDisk();
            if (noteHash != null && noteHash.equals(onDisk.hash()))
            {
                lost -= noteLost;
            }
            else
            {
                lost += Math.max(0, sequence - onDisk.sequence());
            }
            noteHash = null;
            sequence = onDisk.sequence();
            previous = onDisk.hash();
            open();
            final String line = AuditLine.format(new AuditRecord(sequence + 1,
                System.currentTimeMillis() * 1_000_000L, AuditEvent.LOST, "", -1, "", "", "", 0, 0, 0, 0,
                lost + " records lost: writing the log failed (" + failure + "); " + torn + " bytes of a torn line " +
                "cut off; the chain goes on from record " + sequence + " (hash " + previous + ")"), previous);
            noteHash = AuditLine.hash(AuditLine.hashedPart(line));
            noteLost = lost;
            out.write(line);
            out.write('\n');
            out.flush();
            channel.force(false);
            sequence++;
            previous = noteHash;
            written = line.length() + 1;
            lost = 0;
            noteHash = null;
            broken = false;
            return true;
        }
        catch (final IOException | RuntimeException ex)
        {
            failure = ex.toString();
            closeChannel();
            return false;
        }
    }

    private void open() throws IOException
    {
        final Path file = AuditSegments.segment(directory, sequence + 1);
        channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        out = new BufferedWriter(new OutputStreamWriter(
            output.apply(Channels.newOutputStream(channel)), StandardCharsets.UTF_8), 64 * 1024);
        written = 0;
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
            final String lastLine = lastLine(segment);
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

    /**
     * @return the file's last non-empty line, read from its end, or {@code null} when it has none.
     */
    private static String lastLine(final Path file) throws IOException
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

    private static long cutTornLine(final Path file) throws IOException
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
                raf.getFD().sync();
            }
            return length - end;
        }
    }
}
