package io.disruptorx.node.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.disruptorx.core.net.TestPorts;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code dx replica}: after it takes over, the promoted node serves {@code /health} and {@code /metrics} on the
 * configured port, as the active node did, because an operator needs them most right then.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ReplicaCommandTest
{
    @TempDir
    Path dir;

    @Test
    void shouldServeHealthAndMetricsOnceItHasTakenOver() throws Exception
    {
        final int port = TestPorts.port();
        final Path file = dir.resolve("node.conf");
        Files.writeString(file, "node { data-dir = \"" + dir.resolve("data") + "\", journal.segment-size = 1048576, " +
            "rings.input = 1024, rings.output = 4096, http.port = " + port + " }\n");
        final EmbeddedNode active = EmbeddedNode.start(NodeCommand.load(file).node(), null, null);
        final NodeClient client = active.newClient(true);
        long last = 0;
        for (int i = 0; i < 100; i++)
        {
            last = client.adjustBalance(1, 0, 1_000);
        }

        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = Dx.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        final Thread replica = new Thread(() -> commandLine.execute("replica", "--config", file.toString()),
            "replica-command");
        replica.start();
        try
        {
            await("the replica to follow").atMost(Duration.ofSeconds(30))
                .until(() -> out.toString().contains("active node running"));
            active.close();
            await("the promoted node's HTTP").atMost(Duration.ofSeconds(30))
                .until(() -> out.toString().contains("http://127.0.0.1:" + port + "/metrics"));

            final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            final HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
            final HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());

            assertThat(out.toString()).contains("dx replica: promoted");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"appliedSequence\":" + last);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("dx_engine_applied_sequence " + last + ".0");
            assertThat(err.toString()).isEmpty();
        }
        finally
        {
            replica.interrupt();
            replica.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(replica.isAlive()).isFalse();
    }
}
