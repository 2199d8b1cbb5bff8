package io.disruptorx.audit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit log checked on start against the head checkpointed beside the venue's journal: real files, tampered
 * with after the writer closed (truncated mid-record, a byte edited, whole records deleted off the tail, the tail
 * rewritten with a valid chain, the whole log removed), each refused with what and where; an intact log continues.
 */
class AuditCheckpointTest
{
    private static final long T0 = 1_764_885_600_000_000_000L;

    @TempDir
    Path dir;
    private Path log;
    private Path checkpoints;
    private Path segment;

    @BeforeEach
    void writeTenRecords() throws IOException
    {
        log = dir.resolve("audit");
        checkpoints = dir.resolve("data").resolve("audit-checkpoints");
        try (AuditWriter writer = new AuditWriter(log, 1 << 20, AuditCheckpoints.open(checkpoints)))
        {
            for (int i = 1; i <= 10; i++)
            {
                writer.append(command(i, "alice"));
            }
        }
        segment = AuditSegments.list(log).get(0);
    }

    @Test
    void shouldCheckpointTheHeadWhenForcedAndContinueAnIntactLog() throws IOException
    {
        try (AuditCheckpoints read = AuditCheckpoints.open(checkpoints))
        {
            assertThat(read.last().sequence()).isEqualTo(10);
            assertThat(read.last().hash()).isEqualTo(AuditLine.hash(AuditLine.hashedPart(lines().get(9))));
        }
        try (AuditWriter writer = new AuditWriter(log, 1 << 20, AuditCheckpoints.open(checkpoints)))
        {
            assertThat(writer.append(command(11, "bob"))).isEqualTo(11);
            writer.force();
            assertThat(writer.head().sequence()).isEqualTo(11);
        }
        try (AuditCheckpoints read = AuditCheckpoints.open(checkpoints))
        {
            assertThat(read.last().sequence()).isEqualTo(11);
        }
        assertThat(AuditVerifier.verify(log).records()).isEqualTo(11);
    }

    @Test
    void shouldRefuseALogTruncatedInTheMiddleOfARecord() throws IOException
    {
        final long size = Files.size(segment);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw"))
        {
            file.setLength(size - 100);
        }

        assertRefused(segment, 10, "the log ends at record 9 but the venue checkpointed record 10: 1 records cut off " +
            "its tail (deleted or truncated)");
    }

    @Test
    void shouldRefuseALogWithAByteEdited() throws IOException
    {
        final byte[] bytes = Files.readAllBytes(segment);
        final int at = new String(bytes, StandardCharsets.UTF_8).indexOf("\"clientOrderId\":4,") + 16;
        assertThat(bytes[at]).isEqualTo((byte)'4');
        bytes[at] = '5';
        Files.write(segment, bytes);

        assertRefused(segment, 4, "record 4 was modified: its hash does not match its content");
    }

    @Test
    void shouldRefuseALogWhoseTailWasDeleted() throws IOException
    {
        final List<String> lines = lines();
        write(lines.subList(0, 7));

        assertRefused(segment, 8, "the log ends at record 7 but the venue checkpointed record 10: 3 records cut off " +
            "its tail (deleted or truncated)");
    }

    @Test
    void shouldRefuseALogWhoseTailWasRewrittenWithAValidChain() throws IOException
    {
        final List<String> lines = new ArrayList<>(lines().subList(0, 7));
        String previous = AuditLine.hash(AuditLine.hashedPart(lines.get(6)));
        for (int i = 8; i <= 10; i++)
        {
            final String line = AuditLine.format(command(i, "mallory").withSequence(i), previous);
            lines.add(line);
            previous = AuditLine.hash(AuditLine.hashedPart(line));
        }
        write(lines);
        assertThat(AuditVerifier.verify(log).intact()).isTrue();

        assertRefused(segment, 10, "record 10 is not the one the venue checkpointed: its hash is " + previous);
    }

    @Test
    void shouldRefuseALogRemovedAltogether() throws IOException
    {
        Files.delete(segment);

        assertRefused(log, 1, "the log ends at record 0 but the venue checkpointed record 10: 10 records cut off");
    }

    @Test
    void shouldRefuseToStartTheTrailOnATamperedLog() throws IOException
    {
        write(lines().subList(0, 5));

        assertThatThrownBy(() -> AuditTrail.start(log, checkpoints))
            .isInstanceOf(AuditTamperedException.class)
            .hasMessageContaining("the audit log in " + log + " was tampered with or damaged")
            .hasMessageContaining(segment + " line 6")
            .hasMessageContaining("5 records cut off its tail");
        assertThat(lines()).hasSize(5);
        try (AuditTrail trail = AuditTrail.start(log))
        {
            assertThat(trail.directory()).isEqualTo(log);
        }
    }

    private void assertRefused(final Path where, final long line, final String problem)
    {
        assertThatThrownBy(() -> new AuditWriter(log, 1 << 20, AuditCheckpoints.open(checkpoints)))
            .isInstanceOfSatisfying(AuditTamperedException.class, ex ->
            {
                assertThat(ex.result().intact()).isFalse();
                assertThat(ex.result().file()).isEqualTo(where);
                assertThat(ex.result().line()).isEqualTo(line);
                assertThat(ex.result().problem()).startsWith(problem);
                assertThat(ex.getMessage()).contains(log.toString(), where + " line " + line, problem,
                    "the venue's last checkpoint is record 10");
            });
    }

    private List<String> lines() throws IOException
    {
        return Files.readAllLines(segment, StandardCharsets.UTF_8);
    }

    private void write(final List<String> lines) throws IOException
    {
        Files.write(segment, lines, StandardCharsets.UTF_8);
    }

    private static AuditRecord command(final int i, final String user)
    {
        return new AuditRecord(0, T0 + i * 1_000L, AuditEvent.COMMAND, user, 3, "127.0.0.1:5000",
            "soupbintcp-native", "NEW_ORDER", 101, 1, i, 0, "");
    }
}
