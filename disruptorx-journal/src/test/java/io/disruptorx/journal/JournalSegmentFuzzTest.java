package io.disruptorx.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Jazzer fuzz target: the journal reader over a segment file made of fuzzer bytes, written into a real directory.
 * The first input byte chooses the layout: even, the rest of the input is the whole segment file (any header,
 * any length up to 64 KiB); odd, a valid header and {@value #PREFIX_RECORDS} valid records followed by the rest of
 * the input as a torn tail, in a 64 KiB segment. {@link JournalReader#read} must either return a scan whose records
 * were each delivered once, in increasing sequence, and (for the torn-tail layout) begin with the valid prefix, or
 * refuse with {@link JournalCorruptedException}; any other throwable is a finding. Recovery (the repairing scan)
 * must then give the same records, and a second read after it must find no torn tail. The build runs it in
 * regression mode over its seeds ({@code src/test/resources/io/disruptorx/journal/JournalSegmentFuzzTestInputs});
 * {@code -Pslow} fuzzes it for a million executions (docs/security.md, "Fuzzing").
 */
class JournalSegmentFuzzTest
{
    private static final int SEGMENT_SIZE = 65_536;
    private static final int PREFIX_RECORDS = 3;

    private static final Harness HARNESS = new Harness();

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void fuzzSegment(final byte[] input)
    {
        HARNESS.check(input);
    }

    /**
     * One journal directory, its only segment rewritten for every input.
     */
    private static final class Harness
    {
        private final Path directory;
        private final Path segmentFile;
        private final CRC32C crc = new CRC32C();
        private final long[] sequences = new long[SEGMENT_SIZE / JournalFormat.RECORD_HEADER_LENGTH + 1];
        private int delivered;
        private long previous;

        Harness()
        {
            try
            {
                directory = Files.createTempDirectory("dx-journal-fuzz");
                directory.toFile().deleteOnExit();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            segmentFile = directory.resolve(JournalFormat.segmentFileName(0));
            segmentFile.toFile().deleteOnExit();
        }

        void check(final byte[] input)
        {
            if (input.length == 0)
            {
                return;
            }
            final boolean tornTail = (input[0] & 1) == 1;
            final byte[] file = tornTail ? validPrefixThen(input) : rawFile(input);
            write(file);
            final JournalReader.Scan first = scan(false);
            if (first == null)
            {
                return;
            }
            if (tornTail)
            {
                for (int i = 0; i < PREFIX_RECORDS; i++)
                {
                    if (i >= delivered || sequences[i] != i + 1)
                    {
                        throw new AssertionError("valid prefix lost: " + first);
                    }
                }
            }
            final JournalReader.Scan repaired = scan(true);
            if (repaired == null || repaired.records() != first.records() ||
                repaired.lastSequence() != first.lastSequence())
            {
                throw new AssertionError("recovery disagrees with the read: " + first + " then " + repaired);
            }
            final JournalReader.Scan after = scan(false);
            if (after == null || after.records() != first.records() || after.tornTailOffset() != -1)
            {
                throw new AssertionError("a read after recovery: " + after + ", recovered " + repaired);
            }
        }

        /**
         * @return the scan, or null when the reader refused with its own exception (the documented outcome).
         */
        private JournalReader.Scan scan(final boolean repair)
        {
            delivered = 0;
            previous = 0;
            final JournalReader.Scan scan;
            try
            {
                scan = JournalReader.scan(directory, this::onRecord, repair);
            }
            catch (final JournalCorruptedException ex)
            {
                if (ex.file() == null || ex.offset() < 0)
                {
                    throw new AssertionError("refusal without a file and offset", ex);
                }
                return null;
            }
            if (scan.records() != delivered || (delivered > 0 && scan.lastSequence() != previous))
            {
                throw new AssertionError("scan " + scan + " but " + delivered + " records delivered, last " + previous);
            }
            return scan;
        }

        private void onRecord(final long sequence, final DirectBuffer buffer, final int offset,
            final int length)
        {
            if (sequence <= previous || length < 0 || offset + length > buffer.capacity())
            {
                throw new AssertionError("record " + sequence + " after " + previous + ", length " + length);
            }
            sequences[delivered++] = sequence;
            previous = sequence;
        }

        private static byte[] rawFile(final byte[] input)
        {
            final int length = Math.min(input.length - 1, SEGMENT_SIZE);
            final byte[] file = new byte[length];
            System.arraycopy(input, 1, file, 0, length);
            return file;
        }

        private byte[] validPrefixThen(final byte[] input)
        {
            final byte[] file = new byte[SEGMENT_SIZE];
            final UnsafeBuffer buffer = new UnsafeBuffer(file);
            buffer.putInt(JournalFormat.MAGIC_OFFSET, JournalFormat.MAGIC, ByteOrder.LITTLE_ENDIAN);
            buffer.putInt(JournalFormat.VERSION_OFFSET, JournalFormat.VERSION, ByteOrder.LITTLE_ENDIAN);
            buffer.putInt(JournalFormat.SEGMENT_SIZE_OFFSET, SEGMENT_SIZE, ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(JournalFormat.SEGMENT_INDEX_OFFSET, 0, ByteOrder.LITTLE_ENDIAN);
            buffer.putInt(JournalFormat.HEADER_CRC_OFFSET, JournalFormat.headerCrc(buffer, crc, new byte[24]),
                ByteOrder.LITTLE_ENDIAN);
            int position = JournalFormat.SEGMENT_HEADER_LENGTH;
            for (int i = 1; i <= PREFIX_RECORDS; i++)
            {
                final int length = 8 * i + 3;
                buffer.putLong(position + JournalFormat.SEQUENCE_OFFSET, i, ByteOrder.LITTLE_ENDIAN);
                buffer.setMemory(position + JournalFormat.RECORD_HEADER_LENGTH, length, (byte)i);
                final ByteBuffer view = ByteBuffer.wrap(file);
                buffer.putInt(position + JournalFormat.CRC_OFFSET,
                    JournalFormat.recordCrc(view, position + JournalFormat.SEQUENCE_OFFSET, Long.BYTES + length, crc),
                    ByteOrder.LITTLE_ENDIAN);
                buffer.putInt(position + JournalFormat.LENGTH_OFFSET, length, ByteOrder.LITTLE_ENDIAN);
                position += JournalFormat.recordLength(length);
            }
            System.arraycopy(input, 1, file, position, Math.min(input.length - 1, SEGMENT_SIZE - position));
            return file;
        }

        private void write(final byte[] file)
        {
            try
            {
                Files.write(segmentFile, file);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
