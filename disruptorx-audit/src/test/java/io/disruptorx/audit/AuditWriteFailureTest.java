package io.disruptorx.audit;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The disk fills under the audit log mid-record: each segment's file output (the writer's own stream, over the real
 * file) writes the bytes that still fit and throws as a full disk does, until space is freed. The recorder goes on
 * taking records throughout; afterwards the log on disk verifies against the last checkpoint (the gateway starts
 * again), the torn bytes after the last forced record are cut off, every record after that record is noted as lost
 * by one LOST record in the chain with their count and the hash it goes on from, the checkpoint moves past it, and
 * deleting that record is still found.
 */
@Timeout(60)
class AuditWriteFailureTest
{
    private static final Pattern LOST = Pattern.compile("^(\\d+) records lost: writing the log failed " +
        "\\(java.io.IOException: No space left on device\\); (\\d+) bytes after the last record forced to disk cut " +
        "off; the chain goes on from record (\\d+) \\(hash ([0-9a-f]{64})\\)$");

    @TempDir
    Path dir;
    private final AtomicLong space = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong now = new AtomicLong();

    @Test
    void shouldKeepTheChainOnDiskVerifiableAndNoteTheRecordsLostWhenTheDiskFillsMidRecord() throws IOException
    {
        final Path log = dir.resolve("audit");
        final Path checkpoints = dir.resolve("audit-checkpoints");
        final AuditRing ring = new AuditRing(1 << 20);
        final AuditRecorder recorder = new AuditRecorder(ring,
            new AuditWriter(log, 1 << 30, AuditCheckpoints.open(checkpoints), DiskFull::new), now::get);

        offer(ring, 0, 100);
        recorder.doWork();
        forceAfterASecond(recorder);
        space.set(1_000);
        offer(ring, 100, 300);
        recorder.doWork();
        forceAfterASecond(recorder);
        assertThat(recorder.writeErrors()).isPositive();
        space.set(Long.MAX_VALUE);
        forceAfterASecond(recorder);
        offer(ring, 400, 50);
        recorder.doWork();
        forceAfterASecond(recorder);
        recorder.onClose();

        final AuditVerifier.Result result = AuditVerifier.verify(log, AuditCheckpoints.readLast(checkpoints));
        assertThat(result.intact()).as(result.toString()).isTrue();
        final List<Map<String, String>> records = new ArrayList<>();
        new AuditQuery(null, 0, Long.MIN_VALUE, Long.MAX_VALUE).run(log, line -> records.add(AuditLine.fields(line)));
        final List<Map<String, String>> notes = records.stream().filter(r -> r.get("event").equals("LOST")).toList();
        assertThat(notes).hasSize(1);
        final Map<String, String> note = notes.get(0);
        final int at = records.indexOf(note);
        final Matcher detail = LOST.matcher(note.get("detail"));
        assertThat(detail.matches()).as(note.get("detail")).isTrue();
        final long lost = Long.parseLong(detail.group(1));
        assertThat(records.subList(0, at)).extracting(r -> Long.parseLong(r.get("clientOrderId")))
            .containsExactlyElementsOf(ids(0, at));
        assertThat(records.subList(at + 1, records.size())).extracting(r -> Long.parseLong(r.get("clientOrderId")))
            .containsExactlyElementsOf(ids(400, 50));
        assertThat(at).as("the records forced before the disk filled").isEqualTo(100);
        assertThat(at + lost).as("records on disk and records noted as lost").isEqualTo(400);
        assertThat(Long.parseLong(detail.group(2))).as("torn bytes cut off").isEqualTo(1_000);
        assertThat(Long.parseLong(detail.group(3))).isEqualTo(at);
        assertThat(detail.group(4)).isEqualTo(records.get(at - 1).get("hash")).isEqualTo(note.get("prev"));
        assertThat(AuditCheckpoints.readLast(checkpoints).sequence()).as("the checkpoint moved past the LOST record")
            .isEqualTo(records.size()).isGreaterThan(at + 1);
        assertThat(AuditCheckpoints.readLast(checkpoints).hash())
            .isEqualTo(records.get(records.size() - 1).get("hash"));

        new AuditWriter(log, 1 << 30, AuditCheckpoints.open(checkpoints)).close();

        final Path noted = AuditSegments.segment(log, 1);
        final List<String> lines = new ArrayList<>(Files.readAllLines(noted, StandardCharsets.UTF_8));
        assertThat(lines.get(at)).contains("\"event\":\"LOST\"");
        lines.remove(at);
        Files.write(noted, lines, StandardCharsets.UTF_8);
        final AuditVerifier.Result deleted = AuditVerifier.verify(log);
        assertThat(deleted.intact()).isFalse();
        assertThat(deleted.problem()).isEqualTo("found record " + (at + 2) + " where record " + (at + 1) +
            " belongs: records deleted or reordered");
    }

    private void forceAfterASecond(final AuditRecorder recorder)
    {
        now.addAndGet(2_000_000_000L);
        recorder.doWork();
    }

    private static void offer(final AuditRing ring, final int first, final int count)
    {
        for (int i = first; i < first + count; i++)
        {
            assertThat(ring.offer(AuditEvent.COMMAND, 1_000L + i, 3, "alice", "127.0.0.1:5000", "soupbintcp-native",
                "NEW_ORDER", 101, 1, i, 0, "")).isTrue();
        }
    }

    private static List<Long> ids(final long first, final long count)
    {
        final List<Long> ids = new ArrayList<>();
        for (long i = first; i < first + count; i++)
        {
            ids.add(i);
        }
        return ids;
    }

    /**
     * A file's output on a disk with {@link #space} bytes left: writes what fits, then throws.
     */
    private final class DiskFull extends FilterOutputStream
    {
        DiskFull(final OutputStream file)
        {
            super(file);
        }

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
    }
}
