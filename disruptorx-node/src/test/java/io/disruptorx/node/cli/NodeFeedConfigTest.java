package io.disruptorx.node.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bad {@code market-data} section of {@code dx node}'s configuration is refused before anything starts, every
 * problem named by its key (exit 2); a feed that cannot start (a port in use, an unreadable key store) is one line
 * on stderr (exit 1).
 */
@Timeout(90)
class NodeFeedConfigTest
{
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldNameEveryBadKeyOfTheSection() throws Exception
    {
        assertThat(dx(config("session = \"MUCH-TOO-LONG\", recovery-port = 70000, tcp-feed-prot = 1, " +
            "max-connections = 8, max-connections-per-address = 9, bind = \"no-such-host.invalid\", " +
            "lines { multicast-a = \"127.0.0.1:31001\", unicast-b = [\"127.0.0.1:31002\"] }, " +
            "tls { tcp-feed = \"127.0.0.1:0\" }"))).isEqualTo(2);
        assertThat(err.toString()).contains("market-data.recovery-port").contains("market-data.tcp-feed-prot")
            .contains("did you mean market-data.tcp-feed-port?")
            .contains("market-data.max-connections-per-address").contains("market-data.bind")
            .contains("market-data.lines.multicast-a").contains("market-data.tls.key-store")
            .contains("market-data.lines.unicast-b").contains("session: 1 to 10 ASCII characters");
        assertThat(out.toString()).doesNotContain("dx node: running");
    }

    @Test
    void shouldRefuseAKeyStoreWithoutATlsListener() throws Exception
    {
        assertThat(dx(config("tls.key-store = \"" + dir.resolve("server.p12") + "\""))).isEqualTo(2);
        assertThat(err.toString()).contains("market-data.tls.tcp-feed");
    }

    @Test
    void shouldNameAPortInUseInOneLine() throws Exception
    {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            assertThat(dx(config("tcp-feed-port = " + taken.getLocalPort()))).isEqualTo(StartupErrors.CANNOT_START);
        }
        assertThat(err.toString().lines()).as("stderr: %s", err).singleElement().asString().startsWith("dx node: ");
    }

    @Test
    void shouldNameAnUnreadableKeyStoreInOneLine() throws Exception
    {
        final Path password = dir.resolve("password");
        Files.writeString(password, "secret\n");
        final Path missing = dir.resolve("missing.p12");
        assertThat(dx(config("tls { tcp-feed = \"127.0.0.1:0\", key-store = \"" + missing +
            "\", key-store-password-file = \"" + password + "\" }"))).isEqualTo(StartupErrors.CANNOT_START);
        assertThat(err.toString().lines()).as("stderr: %s", err).singleElement().asString()
            .startsWith("dx node: tls: cannot read " + missing);
    }

    private int dx(final Path config)
    {
        final CommandLine commandLine = Dx.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute("node", "--config", config.toString());
    }

    private Path config(final String marketData) throws Exception
    {
        final Path file = dir.resolve("node.conf");
        Files.writeString(file, String.join("\n",
            "node { data-dir = \"" + dir.resolve("data") + "\", journal.segment-size = 1048576, rings.input = 1024, " +
                "rings.output = 4096, http.port = -1 }",
            "market-data { " + marketData + " }"));
        return file;
    }
}
