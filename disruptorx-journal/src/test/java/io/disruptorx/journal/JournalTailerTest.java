package io.disruptorx.journal;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
}
