package io.disruptorx.shard.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.RoutingTableStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class ShardCommandTest
{
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args)
    {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return new CommandLine(new ShardCommand()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
            .execute(args);
    }

    @Test
    void shouldInitListPlanAndApplyMoves() throws IOException
    {
        final Path table = dir.resolve("routes");
        assertThat(run("init", "--table", table.toString(), "--shards", "2", "--instrument-limit", "64")).isZero();
        final RoutingTable first = new RoutingTableStore(table).load().orElseThrow();

        int onZero = 0;
        for (int id = 1; id <= 20; id++)
        {
            onZero += first.shardOf(id) == 0 ? 1 : 0;
        }
        final int hotShard = onZero >= 10 ? 0 : 1;
        final StringBuilder loads = new StringBuilder("# instrument rate\n");
        for (int id = 1; id <= 20; id++)
        {
            loads.append(id).append(' ').append(first.shardOf(id) == hotShard ? 100 : 1).append('\n');
        }
        final Path loadFile = dir.resolve("loads");
        Files.writeString(loadFile, loads);

        assertThat(run("status", "--table", table.toString(), "--loads", loadFile.toString())).isZero();
        assertThat(out.toString()).contains("routing table version 1, 2 shards, 0 overrides")
            .contains(first.shardName(hotShard));

        assertThat(run("plan", "--table", table.toString(), "--loads", loadFile.toString(), "--target", "1.1",
            "--apply")).isZero();
        assertThat(out.toString()).contains("move ").contains("stored routing table version 2");
        final RoutingTable second = new RoutingTableStore(table).load().orElseThrow();
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.overrides()).isNotEmpty();
        assertThat(second.overrides().values()).containsOnly(second.shardName(1 - hotShard));

        assertThat(run("plan", "--table", table.toString(), "--loads", loadFile.toString())).isZero();
        assertThat(out.toString()).startsWith("0 moves");
    }

    @Test
    void shouldRefuseMissingTablesAndBadLoads() throws IOException
    {
        final Path table = dir.resolve("routes");
        assertThat(run("status", "--table", table.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no routing table");

        assertThat(run("init", "--table", table.toString(), "--shards", "3")).isZero();
        assertThat(run("init", "--table", table.toString(), "--shards", "3")).isEqualTo(2);
        final Path loadFile = dir.resolve("loads");
        Files.writeString(loadFile, "7 lots\n");
        assertThat(run("plan", "--table", table.toString(), "--loads", loadFile.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("line 1");
    }
}
