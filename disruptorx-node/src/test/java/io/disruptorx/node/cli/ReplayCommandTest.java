package io.disruptorx.node.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReplayCommandTest
{
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private long lastSequence;

    @BeforeEach
    void writeJournal()
    {
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir).withSegmentSize(1024 * 1024)
            .withRingSizes(1024, 4096).withSnapshotEvery(0, 0), null, null))
        {
            final NodeClient client = node.newClient(true);
            client.addInstrument(1, 1, 0, 1, 1, 2, 0, 0, 0, 10_000, 0, 1_000);
            client.adjustBalance(1, 0, 1_000_000_000L);
            client.adjustBalance(2, 1, 1_000_000L);
            client.newOrder(2, 1, 1, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
                SelfTradePrevention.CANCEL_NEWEST, 10_010, 100);
            client.newOrder(1, 2, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
                SelfTradePrevention.CANCEL_NEWEST, 9_990, 40);
            lastSequence = client.newOrder(1, 3, 1, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, false,
                SelfTradePrevention.CANCEL_NEWEST, 10_010, 30);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (node.appliedSequence() < lastSequence && System.nanoTime() < deadline)
            {
                Thread.yield();
            }
        }
    }

    private int replay(final String... args)
    {
        final CommandLine commandLine = Dx.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        final String[] all = new String[args.length + 1];
        all[0] = "replay";
        System.arraycopy(args, 0, all, 1, args.length);
        return commandLine.execute(all);
    }

    @Test
    void shouldPrintBooksAndBalancesAtTheEnd()
    {
        assertThat(replay("--journal", dir.resolve("journal").toString())).isZero();

        assertThat(out.toString())
            .contains("replayed 6 commands; state at journal sequence " + lastSequence)
            .contains("instrument 1  TRADING  last 10010")
            .containsPattern("ask\\s+10,010\\s+x\\s+70")
            .containsPattern("bid\\s+9,990\\s+x\\s+40")
            .contains("  2, 1: 999,970 / 70");
    }

    @Test
    void shouldStopAtTheRequestedSequenceAndPrintEventsAsJsonLines()
    {
        final PrintStream original = System.out;
        final ByteArrayOutputStream events = new ByteArrayOutputStream();
        System.setOut(new PrintStream(events, true, StandardCharsets.UTF_8));
        try
        {
            assertThat(replay("--journal", dir.resolve("journal").toString(), "--to", "4", "--events")).isZero();
        }
        finally
        {
            System.setOut(original);
        }

        final String json = events.toString(StandardCharsets.UTF_8);
        assertThat(json.lines()).allMatch(line -> line.startsWith("{\"event\":\""));
        assertThat(json).contains("\"event\":\"OrderAccepted\"").doesNotContain("\"event\":\"Trade\"");
        assertThat(err.toString()).contains("replayed 4 commands; state at journal sequence 4")
            .containsPattern("ask\\s+10,010\\s+x\\s+100");
    }

    @Test
    void shouldRefuseACorruptedJournalNamingFileAndOffset() throws Exception
    {
        final Path segment = dir.resolve("journal").resolve("journal-0000000000000000.dxj");
        try (RandomAccessFile raf = new RandomAccessFile(segment.toFile(), "rw"))
        {
            raf.seek(64 + 20);
            raf.write(0x42 ^ raf.read());
        }

        assertThat(replay("--journal", dir.resolve("journal").toString())).isEqualTo(3);

        assertThat(err.toString()).contains("journal corrupted in ").contains(segment.getFileName().toString())
            .contains("at offset 64");
    }

    @Test
    void shouldPointFromADataDirectoryToItsJournal()
    {
        assertThat(replay("--journal", dir.toString())).isEqualTo(2);

        assertThat(err.toString()).contains(dir + " is a node's data directory; its journal is " +
            dir.resolve("journal"));
        assertThat(out.toString()).doesNotContain("replayed");
    }

    @Test
    void shouldRefuseANegativeSequence()
    {
        assertThat(replay("--journal", dir.resolve("journal").toString(), "--to", "-5")).isEqualTo(2);

        assertThat(err.toString()).contains("--to must be a journal sequence >= 0").contains("--to -5");
    }

    /**
     * With covered segments deleted and every kept snapshot newer than {@code --to}, the replay cannot start: the
     * message must say so, not ask for the {@code --snapshots} it was given.
     */
    @Test
    void shouldSayNoSnapshotIsOldEnoughRatherThanAskForSnapshotsItWasGiven() throws Exception
    {
        final Path data = dir.resolve("retained");
        final NodeConfig retaining = NodeConfig.defaults(data).withSegmentSize(64 * 1024).withRingSizes(1024, 4096)
            .withSnapshotEvery(500, 0);
        try (EmbeddedNode node = EmbeddedNode.start(retaining, null, null))
        {
            final NodeClient client = node.newClient(true);
            long last = 0;
            for (int i = 0; i < 6_000; i++)
            {
                last = client.adjustBalance(1 + i % 10, 0, 1_000);
            }
            final long target = last;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (node.appliedSequence() < target && System.nanoTime() < deadline)
            {
                Thread.yield();
            }
        }
        assertThat(data.resolve("journal").resolve("journal-0000000000000000.dxj")).as("covered segment deleted")
            .doesNotExist();
        final String journalDir = data.resolve("journal").toString();
        final String snapshotDir = data.resolve("snapshots").toString();

        assertThat(replay("--journal", journalDir, "--snapshots", snapshotDir, "--to", "10")).isEqualTo(2);
        assertThat(err.toString()).contains("has no valid snapshot at or before --to 10")
            .doesNotContain("pass --snapshots");

        assertThat(replay("--journal", journalDir, "--snapshots", snapshotDir)).isZero();
        assertThat(out.toString()).contains("state at journal sequence 6000");
    }

    @Test
    void shouldExplainAMissingJournal()
    {
        assertThat(replay("--journal", dir.resolve("nope").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no journal directory");
    }
}
