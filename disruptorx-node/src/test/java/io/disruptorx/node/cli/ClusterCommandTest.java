package io.disruptorx.node.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.disruptorx.cluster.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class ClusterCommandTest
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

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldRunALocalClusterAndEndWithIdenticalMembersAndBooks()
    {
        final int basePort = FreePorts.block(200);

        assertThat(dx("cluster", "--duration", "5", "--dir", dir.toString(), "--base-port",
            Integer.toString(basePort), "--rate", "500", "--instruments", "2", "--accounts", "10"))
            .as("dx cluster's exit code; its output:%n%s%nits errors:%n%s", out, err).isZero();

        assertThat(out.toString())
            .contains("3 members in " + dir.toAbsolutePath())
            .containsPattern("members 0:\\w+ 1:\\w+ 2:\\w+")
            .contains("LEADER")
            .containsPattern("snapshot at log position [0-9]+: 3 of 3 running members hold byte-identical state")
            .containsPattern("feed-AB: book equal to the engine's at sequence [1-9]")
            .containsPattern("feed-BC: book equal to the engine's at sequence [1-9]")
            .containsPattern("binary order entry \\(SoupBinTCP, native SBE\\) on 127.0.0.1:[0-9]+")
            .containsPattern("binary gateway: [1-9][0-9,]* orders sent by mm and taker over SoupBinTCP, [1-9][0-9,]* " +
                "reports received; gateway rejects by its own checks [0-9,]+, internal errors 0")
            .contains("members stopped");
    }

    @Test
    void shouldSayWhenThereIsNoClusterToLookAt()
    {
        assertThat(dx("cluster", "status", "--dir", dir.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("dx cluster status: no member files in " + dir.toAbsolutePath());

        assertThat(dx("cluster", "snapshot", "--dir", dir.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("dx cluster snapshot: no member files in " + dir.toAbsolutePath());

        assertThat(dx("cluster", "restart", "1", "--dir", dir.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("no dx cluster runs on");
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    void shouldAskTheMembersOverHttpWhenTheirFileListsTheirServers() throws IOException
    {
        final Path file = dir.resolve("member-0.conf");
        Files.writeString(file, "cluster { dir = \"" + dir.resolve("m0") + "\", members-http = " +
            "[\"127.0.0.1:1\", \"127.0.0.1:2\", \"127.0.0.1:3\"] }\n");

        assertThat(dx("cluster", "dashboard", "--config", file.toString(), "--http", "127.0.0.1:0", "--duration",
            "1")).isZero();

        assertThat(out.toString()).containsPattern("dx cluster dashboard: 3 members asked over HTTP at " +
            "127.0.0.1:1, 127.0.0.1:2, 127.0.0.1:3, dashboard http://127.0.0.1:[1-9][0-9]*/dashboard/");
    }

    @Test
    void shouldRefuseAnEvenNumberOfMembers()
    {
        assertThat(dx("cluster", "--members", "4", "--dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--members must be 3 or 5");
    }

    @Test
    void shouldTellWhatAClusterGatewayConfigurationLacks() throws IOException
    {
        assertThat(dx("cluster-gateway")).isEqualTo(2);
        assertThat(err.toString()).contains("--config FILE is required");

        final Path noIngress = dir.resolve("no-ingress.conf");
        Files.writeString(noIngress, "cluster-gateway { gateway-id = 0, colour = blue }\n");
        assertThat(dx("cluster-gateway", "--config", noIngress.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("cluster-gateway.ingress").contains("cluster-gateway.gateway-id")
            .contains("cluster-gateway.colour");

        final Path noGateway = dir.resolve("no-gateway.conf");
        Files.writeString(noGateway, "cluster-gateway { ingress = \"0=localhost:21000\" }\n");
        assertThat(dx("cluster-gateway", "--config", noGateway.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("has no gateways section");

        assertThat(dx("cluster-gateway", "--print-defaults")).isZero();
        assertThat(out.toString()).contains("gateway-id").contains("ingress").contains("pending-capacity");
    }
}
