package io.disruptorx.systemtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.disruptorx.engine.EngineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full disk under a running node, for real: in a private mount namespace ({@code unshare -m}, which needs root)
 * the test mounts an 8 MiB tmpfs, and {@link DiskFullNode} fills it and trades until the journal cannot create its
 * next segment. The node must report it (a message naming the full disk, {@code dx_journal_failed} 1,
 * {@code /health} FAILED) and stop applying commands; nothing acknowledged may be lost; and once the filler is
 * deleted the node must start cleanly and trade again. Journal segments used to be sparse, so the first write to
 * a new page of a segment on a full file system killed the JVM with SIGBUS.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DiskFullTest
{
    private static final String SCRIPT = String.join("\n",
        "set -e",
        "mount -t tmpfs -o size=8m dx-disk-full \"$MNT\"",
        "\"$@\" fill \"$MNT\"",
        "rm -f \"$MNT/filler\"",
        "\"$@\" restart \"$MNT\"",
        "cp -a \"$MNT/data\" \"$OUT/data\"");
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(150);

    @TempDir
    Path dir;

    @Test
    void shouldReportAFullDiskStopLoseNothingAcknowledgedAndStartCleanlyOnceSpaceIsFreed() throws IOException
    {
        final Path mount = Files.createDirectories(dir.resolve("mnt"));
        final List<String> command = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private",
            "sh", "-c", SCRIPT, "sh"));
        final List<String> java = new ArrayList<>(ChildNode.javaCommand(DiskFullNode.class, List.of()));
        java.add(1, "-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"));
        command.addAll(java);
        final Path stderr = dir.resolve("node.err");
        final ChildNode child = ChildNode.start(command, stderr, "MNT", mount.toString(), "OUT", dir.toString());
        final int exit;
        try
        {
            exit = child.awaitExit(TIMEOUT_NANOS);
        }
        finally
        {
            child.destroy();
        }
        final String errors = Files.readString(stderr);
        assertThat(exit).as("exit of the two runs; stderr: %s", errors).isZero();
        final List<String> lines = child.received();
        final int stopped = lines.indexOf("STOPPED");
        assertThat(stopped).as("first run stopped; output %s", lines).isPositive();
        final List<String> first = lines.subList(0, stopped);
        final List<String> second = lines.subList(stopped + 1, lines.size());

        assertThat(first).filteredOn(line -> line.startsWith("FAILED "))
            .singleElement().asString().contains("cannot create journal segment").contains("No space left on device");
        assertThat(first).contains("METRIC dx_journal_failed 1.0");
        assertThat(first).filteredOn(line -> line.startsWith("HEALTH ")).singleElement().asString()
            .contains("\"status\":\"FAILED\"");
        assertThat(errors).contains("dx: journal append of command").contains("No space left on device")
            .doesNotContain("SIGBUS").doesNotContain("A fatal error has been detected");

        final List<String[]> acks = first.stream().filter(line -> line.startsWith(CrashTestNode.ACK + ' '))
            .map(line -> line.split(" ")).toList();
        assertThat(acks).as("orders acknowledged before the disk filled up").hasSizeGreaterThan(1_000);
        assertThat(second.get(0)).startsWith("RECOVERED ");
        final long recovered = Long.parseLong(second.get(0).substring("RECOVERED ".length()));
        final JournalReplay replay = JournalReplay.of(dir.resolve("data").resolve("journal"),
            EngineConfig.defaults(), Set.of());
        for (final String[] ack : acks)
        {
            final JournalReplay.Outcome outcome = replay.orders.get(Long.parseLong(ack[2]));
            assertThat(outcome).as("acknowledged order %s is in the journal", ack[2]).isNotNull();
            assertThat(new String[]{Long.toString(outcome.account()), Long.toString(outcome.orderId()),
                outcome.result()}).as("outcome of order %s", ack[2]).containsExactly(ack[1], ack[3], ack[4]);
            assertThat(outcome.sequence()).as("order %s recovered by the restart", ack[2])
                .isLessThanOrEqualTo(recovered);
        }

        assertThat(second.stream().filter(line -> line.startsWith(CrashTestNode.ACK + ' ')))
            .as("orders acknowledged after the restart").hasSize(DiskFullNode.RESTART_ORDERS);
        assertThat(second).last().isEqualTo("STOPPED");
        assertThat(replay.scan.lastSegmentIndex()).as("segments rolled after space was freed").isPositive();
        System.out.printf("disk full: %d orders acknowledged before the failure, all in the journal; %s; restart " +
            "recovered to sequence %d and acknowledged %d more%n", acks.size(),
            first.stream().filter(line -> line.startsWith("FAILED ")).findFirst().orElseThrow(), recovered,
            DiskFullNode.RESTART_ORDERS);
    }
}
