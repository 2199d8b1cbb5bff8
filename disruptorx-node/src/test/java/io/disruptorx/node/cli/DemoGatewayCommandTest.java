package io.disruptorx.node.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dx demo} with its binary gateway: part of the simulated flow goes through it over sockets; its audit log's
 * chain head is checkpointed beside the journal, and {@code dx audit verify --checkpoints} proves the two agree.
 */
class DemoGatewayCommandTest
{
    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    void shouldTradeThroughTheBinaryGatewayAndSayHowToConnect()
    {
        final StringWriter out = new StringWriter();
        final CommandLine commandLine = Dx.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        assertThat(commandLine.execute("demo", "--duration", "3", "--data-dir", dir.toString(), "--http-port", "-1",
            "--feed-port", "0", "--feed-subscribers", "0", "--gateway-port", "0", "--instruments", "2", "--accounts",
            "10", "--rate", "5000")).isZero();

        assertThat(out.toString())
            .containsPattern("binary order entry \\(SoupBinTCP, native SBE\\) on 127\\.0\\.0\\.1:\\d+, session DX")
            .contains("try ./dx order new --port ")
            .containsPattern("binary order entry \\(SoupBinTCP, parity POE\\) on 127\\.0\\.0\\.1:\\d+")
            .containsPattern("parity's POE clients connect to port \\d+: instruments DX1 to DX2")
            .containsPattern("JSON order entry \\(Binance-shaped\\) REST on http://127\\.0\\.0\\.1:\\d+/api/v3/, " +
                "WebSocket API on ws://127\\.0\\.0\\.1:\\d+/ws-api/v3")
            .contains("-H 'X-MBX-APIKEY: demo-key'")
            .containsPattern("binary gateway: [1-9][0-9,]* orders sent by mm and taker over SoupBinTCP, " +
                "[1-9][0-9,]* reports received; gateway rejects by its own checks 0, internal errors 0")
            .contains("audit chain head checkpointed into " + dir.resolve("audit-checkpoints").toAbsolutePath());

        final StringWriter verified = new StringWriter();
        commandLine.setOut(new PrintWriter(verified, true));
        assertThat(commandLine.execute("audit", "verify", dir.resolve("audit").toString(), "--checkpoints",
            dir.resolve("audit-checkpoints").toString())).as(verified.toString()).isZero();
        assertThat(verified.toString()).as("the demo's audit log agrees with its checkpoints").contains("intact");
    }
}
