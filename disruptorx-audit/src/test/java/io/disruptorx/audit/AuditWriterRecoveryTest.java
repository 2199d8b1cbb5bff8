package io.disruptorx.audit;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How the writer recovers from a write error: it trusts nothing it could read back from the file, tries again at
 * most once per force, and does not lose its count of lost records silently on close.
 */
@Timeout(60)
class AuditWriterRecoveryTest
{
    @TempDir
    Path dir;
    private final AtomicLong space = new AtomicLong(Long.MAX_VALUE);
    private final AtomicInteger streams = new AtomicInteger();

    @Test
    void shouldNotChainTheLostRecordOntoATailRewrittenBeforeTheDiskFilled() throws IOException
    {
        final Path log = dir.resolve("audit");
        final AuditWriter writer = new AuditWriter(log, 1 << 30, null, this::diskFull);
        for (int i = 0; i < 10; i++)
        {
            writer.append(record(i));
        }
        writer.force();
        final Path segment = AuditSegments.segment(log, 1);
        final List<String> lines = Files.readAllLines(segment, StandardCharsets.UTF_8);
        final String forged = rehash(lines.get(9).replace("\"clientOrderId\":9,", "\"clientOrderId\":8,"));
        assertThat(forged).isNotEqualTo(lines.get(9)).hasSameSizeAs(lines.get(9));
        lines.set(9, forged);
        Files.write(segment, lines, StandardCharsets.UTF_8);
        assertThat(AuditVerifier.verify(log).intact()).as("a consistent rewrite the chain alone cannot see").isTrue();

        space.set(0);
        writer.append(record(10));
        assertThatThrownBy(writer::force).isInstanceOf(IOException.class);
        space.set(Long.MAX_VALUE);
        writer.force();
        writer.close();

        final AuditVerifier.Result result = AuditVerifier.verify(log);
        assertThat(result.intact()).as("the tampering is still found: " + result).isFalse();
        assertThat(result.line()).isEqualTo(11);
        assertThat(result.problem()).startsWith("record 11 does not follow the record before it");
        final List<String> after = Files.readAllLines(segment, StandardCharsets.UTF_8);
        assertThat(after).hasSize(11);
        assertThat(after.get(10)).contains("\"event\":\"LOST\"");
    }

    @Test
    void shouldRetryAtMostOncePerForceAndThrowOnCloseWhileStillBroken() throws IOException
    {
        final Path log = dir.resolve("audit");
        final AuditWriter writer = new AuditWriter(log, 1 << 30, null, this::diskFull);
        for (int i = 0; i < 5; i++)
        {
            writer.append(record(i));
        }
        writer.force();
        assertThat(streams.get()).isEqualTo(1);

        space.set(0);
        writer.append(record(5));
        assertThatThrownBy(writer::flush).isInstanceOf(IOException.class);
        assertThat(writer.broken()).isTrue();
        assertThat(streams.get()).as("one try to recover at the failure").isEqualTo(2);
        for (int i = 6; i < 106; i++)
        {
            final AuditRecord record = record(i);
            assertThatThrownBy(() -> writer.append(record)).isInstanceOf(IOException.class);
        }
        assertThatThrownBy(writer::flush).isInstanceOf(IOException.class);
        assertThat(streams.get()).as("appends and flushes do not retry").isEqualTo(2);
        assertThatThrownBy(writer::force).isInstanceOf(IOException.class);
        assertThat(streams.get()).as("no retry in the force interval of the failure").isEqualTo(2);
        assertThatThrownBy(writer::force).isInstanceOf(IOException.class);
        assertThat(streams.get()).as("one retry in the next").isEqualTo(3);
        assertThat(writer.head().sequence()).isEqualTo(5);

        assertThatThrownBy(writer::close).isInstanceOf(IOException.class)
            .hasMessageContaining("101 records lost and not noted in the log");
        assertThat(streams.get()).as("one last try on close").isEqualTo(4);

        final AuditVerifier.Result result = AuditVerifier.verify(log);
        assertThat(result.intact()).as(result.toString()).isTrue();
        assertThat(result.records()).as("cut back to the last forced record").isEqualTo(5);
    }

    @Test
    void shouldCutWhatAFailedForceLeftAndGoOnFromTheForcedRecord() throws IOException
    {
        final Path log = dir.resolve("audit");
        final AuditWriter writer = new AuditWriter(log, 1 << 30, null, this::diskFull);
        writer.append(record(0));
        writer.force();
        final long forcedBytes = Files.size(AuditSegments.segment(log, 1));
        space.set(500);
        writer.append(record(1));
        writer.append(record(2));
        assertThatThrownBy(writer::force).isInstanceOf(IOException.class);
        assertThat(Files.size(AuditSegments.segment(log, 1))).as("the torn bytes cut").isEqualTo(forcedBytes);
        space.set(Long.MAX_VALUE);
        writer.force();
        assertThat(writer.broken()).isFalse();
        writer.append(record(3));
        writer.close();

        final List<String> lines = Files.readAllLines(AuditSegments.segment(log, 1), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(AuditLine.fields(lines.get(1)).get("detail")).startsWith("2 records lost: writing the log failed " +
            "(java.io.IOException: No space left on device); 500 bytes after the last record forced to disk cut off");
        assertThat(AuditLine.fields(lines.get(2)).get("clientOrderId")).isEqualTo("3");
        assertThat(AuditVerifier.verify(log).intact()).isTrue();
    }

    @Test
    void shouldLeaveNoPartOfALostRecordOnDiskWhenTheRecoveryItselfFails() throws IOException
    {
        final Path log = dir.resolve("audit");
        final Path segment = AuditSegments.segment(log, 1);
        final AuditWriter writer = new AuditWriter(log, 1 << 30, null, this::diskFull);
        for (int i = 0; i < 3; i++)
        {
            writer.append(record(i));
        }
        writer.force();
        final long forcedBytes = Files.size(segment);
        space.set(0);
        writer.append(record(3));
        assertThatThrownBy(writer::force).isInstanceOf(IOException.class);

        space.set(60);
        assertThatThrownBy(writer::force).isInstanceOf(IOException.class);
        assertThat(streams.get()).as("the recovery was tried and wrote part of its LOST record").isEqualTo(3);
        assertThat(writer.broken()).isTrue();
        assertThat(Files.size(segment)).as("the part of the LOST record cut off again").isEqualTo(forcedBytes);
        assertThat(AuditVerifier.verify(log).intact()).as("the log verifies while the writer is broken").isTrue();

        space.set(Long.MAX_VALUE);
        writer.force();
        assertThat(writer.broken()).isFalse();
        writer.close();
        final List<String> lines = Files.readAllLines(segment, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(4);
        assertThat(AuditLine.fields(lines.get(3)).get("event")).isEqualTo("LOST");
        assertThat(AuditVerifier.verify(log).intact()).isTrue();
    }

    @Test
    void shouldStayBrokenWhenTheSegmentIsShorterThanItsLastForcedRecord() throws IOException
    {
        final Path log = dir.resolve("audit");
        final Path segment = AuditSegments.segment(log, 1);
        final AuditWriter writer = new AuditWriter(log, 1 << 30, null, this::diskFull);
        for (int i = 0; i < 3; i++)
        {
            writer.append(record(i));
        }
        writer.force();
        final long forcedBytes = Files.size(segment);
        try (FileChannel file = FileChannel.open(segment, StandardOpenOption.WRITE))
        {
            file.truncate(forcedBytes - 10);
        }
        space.set(0);
        writer.append(record(3));
        assertThatThrownBy(writer::force).isInstanceOf(IOException.class);
        space.set(Long.MAX_VALUE);
        assertThatThrownBy(writer::force).isInstanceOf(IOException.class);
        assertThat(writer.broken()).as("no LOST record written after a tail cut by another hand").isTrue();
        assertThat(Files.size(segment)).isEqualTo(forcedBytes - 10);
        assertThat(AuditVerifier.verify(log).intact()).as("the cut is still reported").isFalse();
    }

    @Test
    void shouldNoteEveryRecordTheRingDroppedWhileTheWriterWasBroken() throws IOException
    {
        final Path log = dir.resolve("audit");
        final AtomicLong now = new AtomicLong();
        final AuditRing ring = new AuditRing(1 << 12);
        final AuditWriter writer = new AuditWriter(log, 1 << 30, null, this::diskFull);
        final AuditRecorder recorder = new AuditRecorder(ring, writer, now::get);
        assertThat(offer(ring, 0, 5)).isEqualTo(5);
        recorder.doWork();
        now.addAndGet(2_000_000_000L);
        recorder.doWork();

        space.set(0);
        assertThat(offer(ring, 5, 5)).isEqualTo(5);
        recorder.doWork();
        assertThat(writer.broken()).isTrue();
        final int taken = offer(ring, 10, 200);
        assertThat(ring.dropped()).isEqualTo(200 - taken).isPositive();
        recorder.doWork();
        now.addAndGet(2_000_000_000L);
        recorder.doWork();
        assertThat(writer.broken()).isTrue();
        space.set(Long.MAX_VALUE);
        now.addAndGet(2_000_000_000L);
        recorder.doWork();
        assertThat(writer.broken()).isFalse();
        now.addAndGet(2_000_000_000L);
        recorder.doWork();
        recorder.onClose();

        final List<String> details = new ArrayList<>();
        new AuditQuery(null, 0, Long.MIN_VALUE, Long.MAX_VALUE).run(log, line -> details.add(
            AuditLine.fields(line).get("detail")));
        assertThat(details).contains(ring.dropped() + " records dropped: the audit ring was full");
        assertThat(AuditVerifier.verify(log).intact()).isTrue();
    }

    @Test
    void shouldNoteDroppedRecordsAgainWhenARecoveryCutTheirNoteOff() throws IOException
    {
        final Path log = dir.resolve("audit");
        final AtomicLong now = new AtomicLong();
        final AuditRing ring = new AuditRing(1 << 12);
        final AuditWriter writer = new AuditWriter(log, 1 << 30, null, this::diskFull);
        final AuditRecorder recorder = new AuditRecorder(ring, writer, now::get);
        assertThat(offer(ring, 0, 5)).isEqualTo(5);
        recorder.doWork();
        now.addAndGet(2_000_000_000L);
        recorder.doWork();

        final int taken = offer(ring, 5, 200);
        assertThat(ring.dropped()).isEqualTo(200 - taken).isPositive();
        space.set(100);
        recorder.doWork();
        assertThat(writer.broken()).as("the note and the records before it were appended, then the flush failed")
            .isTrue();
        space.set(Long.MAX_VALUE);
        for (int force = 0; force < 2; force++)
        {
            now.addAndGet(2_000_000_000L);
            recorder.doWork();
        }
        assertThat(writer.broken()).as("recovered at the second force after the failure").isFalse();
        now.addAndGet(2_000_000_000L);
        recorder.doWork();
        recorder.onClose();

        final List<String> details = new ArrayList<>();
        new AuditQuery(null, 0, Long.MIN_VALUE, Long.MAX_VALUE).run(log, line -> details.add(
            AuditLine.fields(line).get("detail")));
        assertThat(details).as("the note cut off with the unforced records is written again")
            .contains(ring.dropped() + " records dropped: the audit ring was full");
        assertThat(AuditVerifier.verify(log).intact()).isTrue();
    }

    private static int offer(final AuditRing ring, final int first, final int count)
    {
        int taken = 0;
        for (int i = first; i < first + count; i++)
        {
            if (ring.offer(AuditEvent.COMMAND, 1_000L + i, 3, "alice", "127.0.0.1:5000", "soupbintcp-native",
                "NEW_ORDER", 101, 1, i, 0, ""))
            {
                taken++;
            }
        }
        return taken;
    }

    private static AuditRecord record(final long clientOrderId)
    {
        return new AuditRecord(0, 1_000L + clientOrderId, AuditEvent.COMMAND, "alice", 3, "127.0.0.1:5000",
            "soupbintcp-native", "NEW_ORDER", 101, 1, clientOrderId, 0, "");
    }

    private static String rehash(final String line)
    {
        final String hashed = AuditLine.hashedPart(line);
        return hashed + ",\"hash\":\"" + AuditLine.hash(hashed) + "\"}";
    }

    private OutputStream diskFull(final OutputStream file)
    {
        streams.incrementAndGet();
        return new FilterOutputStream(file)
        {
            @Override
            public void write(final int b) throws IOException
            {
                write(new byte[]{(byte)b}, 0, 1);
            }

            @Override
            public void write(final byte[] bytes, final int offset, final int length) throws IOException
            {
                final long left = space.get();
                final int fits = (int)Math.min(length, left);
                out.write(bytes, offset, fits);
                space.addAndGet(left == Long.MAX_VALUE ? 0 : -fits);
                if (fits < length)
                {
                    throw new IOException("No space left on device");
                }
            }
        };
    }
}
