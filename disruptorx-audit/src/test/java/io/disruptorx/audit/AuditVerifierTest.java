package io.disruptorx.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class AuditVerifierTest
{
    private static final long T0 = 1_764_885_600_000_000_000L;

    @TempDir
    Path dir;
    private Path segment;

    @BeforeEach
    void writeTenRecords() throws IOException
    {
        try (AuditWriter writer = new AuditWriter(dir, 1 << 20))
        {
            for (int i = 1; i <= 10; i++)
            {
                writer.append(command(i, "alice", 100 + i % 2));
            }
        }
        segment = AuditSegments.list(dir).get(0);
    }

    @Test
    void shouldProveAnIntactChain() throws IOException
    {
        final AuditVerifier.Result result = AuditVerifier.verify(dir);
        assertThat(result.intact()).isTrue();
        assertThat(result.records()).isEqualTo(10);
        assertThat(result.toString()).isEqualTo("intact: 10 records, chain verified");
    }

    @Test
    void shouldFindARecordModifiedInPlace() throws IOException
    {
        final List<String> lines = lines();
        lines.set(4, lines.get(4).replace("\"account\":101", "\"account\":999"));
        write(lines);

        assertBroken(5, "record 5 was modified: its hash does not match its content");
    }

    @Test
    void shouldFindADeletedRecord() throws IOException
    {
        final List<String> lines = lines();
        lines.remove(4);
        write(lines);

        assertBroken(5, "found record 6 where record 5 belongs: records deleted or reordered");
    }

    @Test
    void shouldFindAnInsertedRecordEvenWithAValidHashOfItsOwn() throws IOException
    {
        final List<String> lines = lines();
        final String previousHash = AuditLine.hash(AuditLine.hashedPart(lines.get(3)));
        lines.add(4, AuditLine.format(command(5, "mallory", 101).withSequence(5), previousHash));
        write(lines);

        assertBroken(6, "found record 5 again where record 6 belongs: a record inserted or records reordered");
    }

    @Test
    void shouldFindReorderedRecords() throws IOException
    {
        final List<String> lines = lines();
        final String fifth = lines.get(4);
        lines.set(4, lines.get(5));
        lines.set(5, fifth);
        write(lines);

        assertBroken(5, "found record 6 where record 5 belongs: records deleted or reordered");
    }

    @Test
    void shouldFindRecordsRenumberedToHideADeletion() throws IOException
    {
        final List<String> lines = lines();
        lines.remove(4);
        final List<String> renumbered = new ArrayList<>();
        for (final String line : lines)
        {
            final AuditRecord record = AuditLine.record(AuditLine.fields(line));
            final long sequence = record.sequence() > 5 ? record.sequence() - 1 : record.sequence();
            final String prev = AuditLine.fields(line).get("prev");
            renumbered.add(AuditLine.format(record.withSequence(sequence), prev));
        }
        write(renumbered);

        assertBroken(5, "record 5 does not follow the record before it");
    }

    @Test
    void shouldContinueTheChainAcrossReopensAndSegmentsAndCutATornLine() throws IOException
    {
        Files.writeString(segment, "{\"seq\":11,\"time\":\"20", StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.APPEND);
        try (AuditWriter writer = new AuditWriter(dir, 600))
        {
            for (int i = 11; i <= 14; i++)
            {
                writer.append(command(i, "bob", 7));
            }
        }
        final AuditVerifier.Result result = AuditVerifier.verify(dir);
        assertThat(result.intact()).as(result.toString()).isTrue();
        assertThat(result.records()).isEqualTo(15);
        assertThat(AuditSegments.list(dir)).hasSizeGreaterThan(2);
        final List<String> all = new ArrayList<>();
        new AuditQuery(null, 0, Long.MIN_VALUE, Long.MAX_VALUE).run(dir, all::add);
        assertThat(all.get(10)).contains("\"event\":\"RECOVERED\"").contains("20 bytes of a torn last line");
    }

    @Test
    void shouldAnswerQueriesByUserAccountAndTime() throws IOException
    {
        try (AuditWriter writer = new AuditWriter(dir, 1 << 20))
        {
            writer.append(command(11, "bob", 101));
        }
        final List<String> out = new ArrayList<>();
        assertThat(new AuditQuery("alice", 101, T0 + 3_000, T0 + 8_000).run(dir, out::add)).isEqualTo(3);
        assertThat(out).allMatch(line -> line.contains("\"user\":\"alice\"") && line.contains("\"account\":101"))
            .extracting(line -> AuditLine.record(AuditLine.fields(line)).sequence()).containsExactly(3L, 5L, 7L);
        out.clear();
        assertThat(new AuditQuery("bob", 0, Long.MIN_VALUE, Long.MAX_VALUE).run(dir, out::add)).isEqualTo(1);
        assertThat(out.get(0)).startsWith("{\"seq\":11,\"time\":\"2025-12-04T22:00:00.000011Z\",\"event\":\"COMMAND\"");
    }

    private static AuditRecord command(final int i, final String user, final long account)
    {
        return new AuditRecord(0, T0 + i * 1_000L, AuditEvent.COMMAND, user, 3, "127.0.0.1:5000",
            "soupbintcp-native", "NEW_ORDER", account, 1, i, 0, "");
    }

    private void assertBroken(final long line, final String problem) throws IOException
    {
        final AuditVerifier.Result result = AuditVerifier.verify(dir);
        assertThat(result.intact()).isFalse();
        assertThat(result.file()).isEqualTo(segment);
        assertThat(result.line()).isEqualTo(line);
        assertThat(result.problem()).startsWith(problem);
    }

    private List<String> lines() throws IOException
    {
        return new ArrayList<>(Files.readAllLines(segment, StandardCharsets.UTF_8));
    }

    private void write(final List<String> lines) throws IOException
    {
        Files.write(segment, lines, StandardCharsets.UTF_8);
    }
}
