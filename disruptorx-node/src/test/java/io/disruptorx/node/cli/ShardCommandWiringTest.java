package io.disruptorx.node.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class ShardCommandWiringTest
{
    @TempDir
    Path dir;

    @Test
    void shouldRunShardSubcommandsThroughDx()
    {
        final StringWriter out = new StringWriter();
        final CommandLine dx = Dx.commandLine().setOut(new PrintWriter(out, true));
        final String table = dir.resolve("routes").toString();

        assertThat(dx.execute("shard", "init", "--table", table, "--shards", "2", "--instrument-limit", "8"))
            .isZero();
        assertThat(dx.execute("shard", "status", "--table", table)).isZero();

        assertThat(out.toString()).contains("routing table version 1, 2 shards: ")
            .contains("routing table version 1, 2 shards, 0 overrides").contains("shard-0").contains("shard-1");
    }

    @Test
    void shouldRefuseAShardGatewayToldBothThatItIsTheOnlyOneAndThatOthersRun()
    {
        final StringWriter err = new StringWriter();
        final CommandLine dx = Dx.commandLine().setErr(new PrintWriter(err, true));

        assertThat(dx.execute("shard-gateway", "--config", dir.resolve("gateway.conf").toString(), "--table",
            dir.resolve("routes").toString(), "--single-gateway", "--other-gateways")).isEqualTo(2);

        assertThat(err.toString()).contains("--single-gateway and --other-gateways contradict each other");
    }
}
