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
            .contains(String.format("%-12s %6d instruments", first.shardName(0), onZero))
            .as("only the 20 instruments of the file, of the 63 the table routes")
            .contains(String.format("%-12s %6d instruments", first.shardName(1), 20 - onZero));

        assertThat(run("plan", "--table", table.toString(), "--loads", loadFile.toString(), "--target", "1.1",
            "--apply")).isZero();
        assertThat(out.toString()).contains("move ").contains("stored routing table version 2");
        final RoutingTable second = new RoutingTableStore(table).load().orElseThrow();
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.overrides()).isNotEmpty();
        assertThat(second.overrides().values()).containsOnly(second.shardName(1 - hotShard));

        assertThat(run("plan", "--table", table.toString(), "--loads", loadFile.toString())).isZero();
        assertThat(out.toString()).startsWith("0 moves").contains("\nfewest moves: proven");

        assertThat(run("status", "--table", table.toString())).as("no load source").isZero();
        final StringBuilder expected = new StringBuilder("routing table version 2, 2 shards, " +
            second.overrides().size() + " overrides\n");
        for (int s = 0; s < 2; s++)
        {
            expected.append(String.format("%-12s overrides to it: %s\n", second.shardName(s),
                s == hotShard ? "[]" : second.overrides().keySet()));
        }
        expected.append("instruments and load not listed: the table routes every id below 64; give --loads, " +
            "--metrics or --gateway-config to list the instruments that trade\n");
        assertThat(out.toString()).as("no instrument listed without a source").isEqualTo(expected.toString());
    }

    @Test
    void shouldPrintWhetherTheFewestMovesAreProvenOrTheGoalIsInfeasible() throws IOException
    {
        final Path table = dir.resolve("routes");
        assertThat(run("init", "--table", table.toString(), "--shards", "3", "--instrument-limit", "64")).isZero();
        final RoutingTable routes = new RoutingTableStore(table).load().orElseThrow();
        final int[] first = new int[3];
        final int[] second = new int[3];
        final int[] third = new int[3];
        for (int id = 63; id >= 1; id--)
        {
            third[routes.shardOf(id)] = second[routes.shardOf(id)];
            second[routes.shardOf(id)] = first[routes.shardOf(id)];
            first[routes.shardOf(id)] = id;
        }
        assertThat(second[0]).as("two instruments on shard 0").isPositive();
        assertThat(third[1]).as("three on shard 1").isPositive();
        assertThat(third[2]).as("three on shard 2").isPositive();
        final Path loadFile = dir.resolve("loads");
        Files.writeString(loadFile, first[0] + " 6\n" + second[0] + " 6\n" + first[1] + " 5\n" + first[2] + " 5\n");

        assertThat(run("plan", "--table", table.toString(), "--loads", loadFile.toString(), "--target", "1.3"))
            .isZero();
        assertThat(out.toString()).as("a 5 makes room for a 6: two moves, which greedy alone does not find")
            .isEqualTo("move " + first[1] + " " + routes.shardName(1) + " -> " + routes.shardName(2) + " (load 5/s)\n" +
                "move " + first[0] + " " + routes.shardName(0) + " -> " + routes.shardName(1) + " (load 6/s)\n" +
                "2 moves, most loaded shard over the mean 1.64 -> 1.36 (goal 1.36, reached)\n" +
                "fewest moves: proven\n");

        Files.writeString(loadFile, first[0] + " 6\n" + second[0] + " 6\n" + first[1] + " 5\n" + second[1] + " 1\n" +
            third[1] + " 1\n" + first[2] + " 5\n" + second[2] + " 1\n" + third[2] + " 1\n");
        assertThat(run("plan", "--table", table.toString(), "--loads", loadFile.toString(), "--target", "1.1",
            "--search-budget", "0")).isZero();
        assertThat(out.toString()).contains("0 moves").contains("not reached")
            .contains("goal not reached; at least 2 moves needed if any plan reaches it (the lower bound rules out " +
                "fewer than 2, the exact search spent its budget of 0 steps on 2 moves; whether any plan reaches " +
                "the goal is not known)");

        Files.writeString(loadFile, first[0] + " 10\n" + second[0] + " 10\n" + first[1] + " 10\n" + first[2] +
            " 10\n");
        assertThat(run("plan", "--table", table.toString(), "--loads", loadFile.toString(), "--target", "1.0"))
            .isZero();
        assertThat(out.toString()).contains("not reached").contains("infeasible: 4 instruments each carry more " +
            "than half the goal of 14, no shard can hold two of them, and there are 3 shards");
    }

    @Test
    void shouldRefuseMissingTablesAndBadLoads() throws IOException
    {
        final Path table = dir.resolve("routes");
        assertThat(run("status", "--table", table.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no routing table");
        assertThat(run("status")).isEqualTo(2);
        assertThat(err.toString()).contains("give --table FILE").contains("--admin HOST:PORT");

        assertThat(run("init", "--table", table.toString(), "--shards", "3")).isZero();
        assertThat(run("init", "--table", table.toString(), "--shards", "3")).isEqualTo(2);
        final Path loadFile = dir.resolve("loads");
        Files.writeString(loadFile, "7 lots\n");
        assertThat(run("plan", "--table", table.toString(), "--loads", loadFile.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("line 1");
    }
}
