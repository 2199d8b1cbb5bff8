package io.disruptorx.node.cli;

import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a new user runs into when a node cannot start: one clear line on stderr and a non-zero exit code, never a
 * stack trace. A port in use, a data directory held by another node or unusable, a damaged journal, a bad key.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class NodeStartupErrorsTest
{
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int dx(final String... args)
    {
        final CommandLine commandLine = Dx.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private Path config(final String body) throws Exception
    {
        final Path file = dir.resolve("node.conf");
        Files.writeString(file, body);
        return file;
    }

    private String nodeConfig(final Path data, final int httpPort)
    {
        return "node { data-dir = \"" + data + "\", journal.segment-size = 1048576, rings.input = 1024, " +
            "rings.output = 4096, http.port = " + httpPort + " }\n";
    }

    private static ServerSocket occupiedPort() throws Exception
    {
        final ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return socket;
    }

    private void assertOneLine(final String... fragments)
    {
        assertThat(err.toString().lines()).as("stderr: %s", err).singleElement().asString().contains(fragments);
    }

    @Test
    void shouldNameTheHttpPortThatIsInUse() throws Exception
    {
        try (ServerSocket taken = occupiedPort())
        {
            final Path file = config(nodeConfig(dir.resolve("data"), taken.getLocalPort()));

            assertThat(dx("node", "--config", file.toString())).isEqualTo(StartupErrors.CANNOT_START);

            assertOneLine("dx node: cannot serve HTTP on 127.0.0.1:" + taken.getLocalPort(), "in use");
        }
        try (EmbeddedNode next = EmbeddedNode.start(NodeConfig.defaults(dir.resolve("data")), null, null))
        {
            assertThat(next.recoveredSequence()).as("the node stopped and released its directory").isZero();
        }
    }

    @Test
    void shouldRefuseADataDirectoryHeldByAnotherNode() throws Exception
    {
        final Path data = dir.resolve("data");
        try (EmbeddedNode running = EmbeddedNode.start(NodeConfig.defaults(data).withSegmentSize(1024 * 1024)
            .withRingSizes(1024, 4096), null, null))
        {
            assertThat(dx("node", "--config", config(nodeConfig(data, -1)).toString()))
                .isEqualTo(StartupErrors.CANNOT_START);

            assertOneLine("dx node: another node is running on " + data.toAbsolutePath());
            assertThat(running.recoveredSequence()).isZero();
        }
    }

    @Test
    void shouldRefuseADataDirectoryThatCannotBeCreated() throws Exception
    {
        final Path data = dir.resolve("data");
        Files.writeString(data, "not a directory");

        assertThat(dx("node", "--config", config(nodeConfig(data, -1)).toString()))
            .isEqualTo(StartupErrors.CANNOT_START);

        assertOneLine("dx node: cannot use data directory " + data.toAbsolutePath(), "is a file, not a directory");
    }

    @Test
    void shouldRefuseADataDirectoryWhereNothingCanBeWritten() throws Exception
    {
        // sysfs takes no new directory, not even from root, whom file permissions would not stop
        final Path data = Path.of("/sys", "dx-data-" + ProcessHandle.current().pid());

        assertThat(dx("node", "--config", config(nodeConfig(data, -1)).toString()))
            .isEqualTo(StartupErrors.CANNOT_START);

        assertOneLine("dx node: cannot use data directory " + data);
        assertThat(Files.exists(data)).isFalse();
    }

    @Test
    void shouldRefuseANonBooleanValueForABooleanKey() throws Exception
    {
        final Path file = config("node { data-dir = \"" + dir.resolve("data") + "\", " +
            "snapshot.delete-covered-segments = maybe }\n");

        assertThat(dx("node", "--config", file.toString())).isEqualTo(2);

        assertThat(err.toString())
            .contains("node.snapshot.delete-covered-segments = \"maybe\": expected true or false")
            .doesNotContain("Exception");
    }

    @Test
    void shouldReportMisspeltKeysAndAMisspeltSection() throws Exception
    {
        final Path file = config("node { data-dir = \"" + dir.resolve("data") + "\", snapshot.kep = 2 }\n" +
            "nod { http.port = 9000 }\n");

        assertThat(dx("node", "--config", file.toString())).isEqualTo(2);

        assertThat(err.toString())
            .contains("node.snapshot.kep = 2: expected a known key: did you mean node.snapshot.keep?")
            .contains("nod.http.port = 9000: expected a known key: did you mean node.http.port?");
        assertThat(Files.exists(dir.resolve("data"))).as("nothing started").isFalse();
    }

    @Test
    void shouldRefuseACorruptJournalWhenStartingTheDemo() throws Exception
    {
        final Path data = dir.resolve("demo");
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(data).withSegmentSize(1024 * 1024)
            .withRingSizes(1024, 4096), null, null))
        {
            final NodeClient client = node.newClient(true);
            long last = 0;
            for (int i = 0; i < 20; i++)
            {
                last = client.adjustBalance(1, 0, 1_000 + i);
            }
            final long target = last;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (node.appliedSequence() < target && System.nanoTime() < deadline)
            {
                Thread.yield();
            }
        }
        final Path segment = data.resolve("journal").resolve("journal-0000000000000000.dxj");
        try (RandomAccessFile raf = new RandomAccessFile(segment.toFile(), "rw"))
        {
            raf.seek(64 + 20);
            raf.write(0x42 ^ raf.read());
        }

        assertThat(dx("demo", "--duration", "1", "--data-dir", data.toString(), "--http-port", "-1",
            "--feed-port", "0")).isEqualTo(StartupErrors.CORRUPT_JOURNAL);

        assertOneLine("dx demo: journal corrupted in " + segment, "at offset 64");
    }

    @Test
    void shouldNameTheHttpPortInUseWhenStartingTheDemo() throws Exception
    {
        try (ServerSocket taken = occupiedPort())
        {
            assertThat(dx("demo", "--duration", "1", "--data-dir", dir.resolve("demo").toString(),
                "--http-port", Integer.toString(taken.getLocalPort()), "--feed-port", "0", "--feed-subscribers", "0"))
                .isEqualTo(StartupErrors.CANNOT_START);

            assertOneLine("dx demo: cannot serve HTTP on 127.0.0.1:" + taken.getLocalPort(), "in use");
        }
    }
}
