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
        if (!segments.isEmpty())
        {
            resume(segments.get(segments.size() - 1));
        }
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
        sequence++;
        final String line = AuditLine.format(record.withSequence(sequence), previous);
        previous = AuditLine.hash(AuditLine.hashedPart(line));
        out.write(line);
        out.write('\n');
        written += line.length() + 1;
        if (written >= segmentBytes)
        {
            closeSegment();
            open();
        }
        return sequence;
    }

    /**
     * Hands what was appended to the operating system.
     *
     * @throws IOException when the log cannot be written.
     */
    public void flush() throws IOException
    {
        out.flush();
    }

    /**
     * Flushes and forces what was appended to the disk, then checkpoints the head (when checkpoints are kept).
     *
     * @throws IOException when the log or the checkpoint cannot be written.
     */
    public void force() throws IOException
    {
        out.flush();
        channel.force(false);
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
            closeSegment();
        }
        finally
        {
            if (checkpoints != null)
            {
                checkpoints.close();
            }
        }
    }

    private void closeSegment() throws IOException
    {
        if (out != null)
        {
            force();
            out.close();
            out = null;
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

    private void resume(final Path last) throws IOException
    {
        String lastLine = null;
        for (final String line : Files.readAllLines(last, StandardCharsets.UTF_8))
        {
            if (!line.isEmpty())
            {
                lastLine = line;
            }
        }
        if (lastLine == null)
        {
            Files.delete(last);
            final List<Path> segments = AuditSegments.list(directory);
            if (!segments.isEmpty())
            {
                resume(segments.get(segments.size() - 1));
            }
            return;
        }
        final Map<String, String> fields = AuditLine.fields(lastLine);
        final String hashed = AuditLine.hashedPart(lastLine);
        if (fields == null || hashed == null || fields.get("seq") == null)
        {
            throw new IOException(last + ": the last record is not an audit record; run dx audit verify");
        }
        sequence = Long.parseLong(fields.get("seq"));
        previous = AuditLine.hash(hashed);
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
            raf.setLength(end);
            return length - end;
        }
    }
}
