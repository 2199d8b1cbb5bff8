package io.disruptorx.journal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalTailerTest
{
    @TempDir
    Path dir;

    private JournalConfig config()
    {
        return JournalConfig.durable(dir).withSegmentSize(64 * 1024);
    }

    private static void append(final JournalWriter writer, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final long sequence = writer.lastSequence() + 1;
            final byte[] payload = new byte[1 + (int)(sequence % 200)];
            payload[0] = (byte)sequence;
            writer.append(sequence, new UnsafeBuffer(payload), 0, payload.length);
        }
        writer.endOfBatch();
    }

    @Test
    void shouldFollowAGrowingJournalAcrossSegmentsInOrder()
    {
        final List<Long> seen = new ArrayList<>();
        try (JournalTailer tailer = new JournalTailer(dir, 0))
        {
            assertThat(tailer.poll((s, b, o, l) -> seen.add(s), 100)).as("no journal yet").isZero();
            try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
            {
                for (int round = 0; round < 40; round++)
                {
                    append(writer, 37);
                    while (tailer.poll((s, b, o, l) ->
                    {
                        assertThat(b.getByte(o)).isEqualTo((byte)s);
                        assertThat(l).isEqualTo(1 + (int)(s % 200));
                        seen.add(s);
                    }, 10) > 0)
                    {
                        assertThat(seen).isNotEmpty();
                    }
                    assertThat(tailer.lastSequence()).isEqualTo(writer.lastSequence());
                }
            }
        }
        assertThat(seen).hasSize(40 * 37);
        for (int i = 0; i < seen.size(); i++)
        {
            assertThat(seen.get(i)).isEqualTo(i + 1);
        }
    }

    @Test
    void shouldSkipRecordsAtOrBelowTheStartSequence()
    {
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            append(writer, 500);
        }
        final List<Long> seen = new ArrayList<>();
        try (JournalTailer tailer = new JournalTailer(dir, 450))
        {
            while (tailer.poll((s, b, o, l) -> seen.add(s), 64) > 0)
            {
                assertThat(seen.get(0)).isEqualTo(451);
            }
            assertThat(tailer.lastSequence()).isEqualTo(500);
        }
        assertThat(seen).hasSize(50);
    }

    @Test
    void shouldRefuseACorruptedCompleteRecord() throws Exception
    {
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            append(writer, 10);
        }
        try (RandomAccessFile raf = new RandomAccessFile(dir.resolve("journal-0000000000000000.dxj").toFile(), "rw"))
        {
            raf.seek(JournalFormat.SEGMENT_HEADER_LENGTH + JournalFormat.RECORD_HEADER_LENGTH);
            raf.write(0x7F);
        }

        try (JournalTailer tailer = new JournalTailer(dir, 0))
        {
            assertThatThrownBy(() -> tailer.poll((s, b, o, l) -> { }, 100))
                .isInstanceOf(JournalCorruptedException.class)
                .hasMessageContaining("offset " + JournalFormat.SEGMENT_HEADER_LENGTH);
        }
    }

    private static int drain(final JournalTailer tailer, final List<Long> seen)
    {
        int total = 0;
        int delivered;
        do
        {
            delivered = tailer.poll((s, b, o, l) -> seen.add(s), 100);
            total += delivered;
        }
        while (delivered > 0);
        return total;
    }

    @Test
    void shouldRefuseToWaitForASegmentDeletedWhileALaterOneExists() throws IOException
    {
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            append(writer, 3000);
        }
        assertThat(JournalReader.segmentFiles(dir)).hasSizeGreaterThan(3);
        final List<Long> seen = new ArrayList<>();
        try (JournalTailer tailer = new JournalTailer(dir, 0))
        {
            assertThat(tailer.poll((s, b, o, l) -> seen.add(s), 5)).isEqualTo(5);
            Files.delete(dir.resolve(JournalFormat.segmentFileName(1)));
            Files.delete(dir.resolve(JournalFormat.segmentFileName(2)));

            assertThatThrownBy(() ->
            {
                drain(tailer, seen);
                for (int idle = 0; idle < 2048; idle++)
                {
                    tailer.poll((s, b, o, l) -> seen.add(s), 100);
                }
            })
                .isInstanceOf(JournalCorruptedException.class)
                .hasMessageContaining(JournalFormat.segmentFileName(1))
                .hasMessageContaining("segment 1 is missing");
        }
    }

    /**
     * A replica starts from a snapshot at sequence 100 while retention has already deleted the segments holding
     * 101 and more (a newer snapshot covered them): it must refuse rather than continue past the gap.
     */
    @Test
    void shouldRefuseToStartPastAGapLeftByDeletedSegments() throws IOException
    {
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            append(writer, 3000);
            assertThat(writer.deleteSegmentsUpTo(2000)).isGreaterThan(1);
        }
        final List<Long> kept = new ArrayList<>();
        JournalReader.read(dir, (s, b, o, l) -> kept.add(s));
        assertThat(kept.get(0)).as("first kept record").isGreaterThan(101);

        try (JournalTailer tailer = new JournalTailer(dir, 100))
        {
            assertThatThrownBy(() -> tailer.poll((s, b, o, l) -> { }, 100))
                .isInstanceOf(JournalCorruptedException.class)
                .hasMessageContaining("the first record is sequence " + kept.get(0))
                .hasMessageContaining("starts after sequence 100");
        }
        final List<Long> seen = new ArrayList<>();
        try (JournalTailer tailer = new JournalTailer(dir, kept.get(0) - 1))
        {
            drain(tailer, seen);
        }
        assertThat(seen).as("a follower starting right before the first kept record reads them all")
            .isEqualTo(kept);
    }

    @Test
    void shouldWaitForTheNewestSegmentWhoseHeaderIsStillBeingWritten() throws IOException
    {
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            append(writer, 10);
        }
        final Path next = dir.resolve(JournalFormat.segmentFileName(1));
        final UnsafeBuffer header = header(1);
        final int checksum = header.getInt(JournalFormat.HEADER_CRC_OFFSET, ByteOrder.LITTLE_ENDIAN);
        header.putInt(JournalFormat.HEADER_CRC_OFFSET, 0, ByteOrder.LITTLE_ENDIAN);
        write(next, 0, header.byteArray(), 64 * 1024);

        final List<Long> seen = new ArrayList<>();
        try (JournalTailer tailer = new JournalTailer(dir, 0))
        {
            assertThat(drain(tailer, seen)).isEqualTo(10);
            assertThat(tailer.poll((s, b, o, l) -> seen.add(s), 100)).as("header not complete yet").isZero();

            header.putInt(JournalFormat.HEADER_CRC_OFFSET, checksum, ByteOrder.LITTLE_ENDIAN);
            write(next, 0, header.byteArray(), 64 * 1024);
            write(next, JournalFormat.SEGMENT_HEADER_LENGTH, record(11, new byte[]{11, 12, 13}), 64 * 1024);

            assertThat(drain(tailer, seen)).isEqualTo(1);
        }
        assertThat(seen).hasSize(11).endsWith(11L);
    }

    @Test
    void shouldRefuseABadHeaderInASegmentThatIsNotTheNewest() throws IOException
    {
        try (JournalWriter writer = JournalWriter.open(config(), (s, b, o, l) -> { }))
        {
            append(writer, 10);
        }
        final UnsafeBuffer header = header(1);
        header.putInt(JournalFormat.HEADER_CRC_OFFSET, 0, ByteOrder.LITTLE_ENDIAN);
        write(dir.resolve(JournalFormat.segmentFileName(1)), 0, header.byteArray(), 64 * 1024);
        write(dir.resolve(JournalFormat.segmentFileName(2)), 0, header(2).byteArray(), 64 * 1024);

        try (JournalTailer tailer = new JournalTailer(dir, 0))
        {
            assertThatThrownBy(() -> drain(tailer, new ArrayList<>()))
                .isInstanceOf(JournalCorruptedException.class)
                .hasMessageContaining(JournalFormat.segmentFileName(1))
                .hasMessageContaining("header");
        }
    }

    private static UnsafeBuffer header(final long index)
    {
        final UnsafeBuffer header = new UnsafeBuffer(new byte[JournalFormat.SEGMENT_HEADER_LENGTH]);
        header.putInt(JournalFormat.MAGIC_OFFSET, JournalFormat.MAGIC, ByteOrder.LITTLE_ENDIAN);
        header.putInt(JournalFormat.VERSION_OFFSET, JournalFormat.VERSION, ByteOrder.LITTLE_ENDIAN);
        header.putInt(JournalFormat.SEGMENT_SIZE_OFFSET, 64 * 1024, ByteOrder.LITTLE_ENDIAN);
        header.putLong(JournalFormat.SEGMENT_INDEX_OFFSET, index, ByteOrder.LITTLE_ENDIAN);
        header.putInt(JournalFormat.HEADER_CRC_OFFSET,
            JournalFormat.headerCrc(header, new CRC32C(), new byte[24]), ByteOrder.LITTLE_ENDIAN);
        return header;
    }

    private static byte[] record(final long sequence, final byte[] payload)
    {
        final UnsafeBuffer record = new UnsafeBuffer(new byte[JournalFormat.recordLength(payload.length)]);
        record.putLong(JournalFormat.SEQUENCE_OFFSET, sequence, ByteOrder.LITTLE_ENDIAN);
        record.putBytes(JournalFormat.RECORD_HEADER_LENGTH, payload);
        final CRC32C crc = new CRC32C();
        crc.update(record.byteArray(), JournalFormat.SEQUENCE_OFFSET, Long.BYTES + payload.length);
        record.putInt(JournalFormat.CRC_OFFSET, (int)crc.getValue(), ByteOrder.LITTLE_ENDIAN);
        record.putInt(JournalFormat.LENGTH_OFFSET, payload.length, ByteOrder.LITTLE_ENDIAN);
        return record.byteArray();
    }

    private static void write(final Path file, final long offset, final byte[] bytes, final int size)
        throws IOException
    {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(size);
            raf.seek(offset);
            raf.write(bytes);
        }
    }
}
