package io.disruptorx.shard.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.disruptorx.core.net.TestPorts;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.RoutingTableStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dx shard plan --metrics} and {@code dx shard status --metrics} over real {@code /metrics} pages on loopback:
 * shard-0 counts 3,000 commands of instrument 3 and 1,000 of instrument 4 between any two readings, shard-1 none
 * (instrument 9 rests there idle). Loads 3:1 on shard-0 against 0 on shard-1: the planner's goal is 1.1 x the
 * heaviest instrument (3 units), so instrument 4 moves to shard-1, one move. And the errors an operator meets: a shard
 * that does not answer, a page without the counters, loads given twice, a table that routes a counted instrument
 * elsewhere. The pages may also come from the gateway's config file ({@code --gateway-config}, its
 * {@code shard-gateway.shards}), with its own errors: a shard without a page, fewer shards than the table.
 */
class ShardPlanMetricsTest
{
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path table;

    @BeforeEach
    void writeTable()
    {
        table = dir.resolve("routes");
        final Map<Integer, String> overrides = new TreeMap<>(Map.of(3, "shard-0", 4, "shard-0", 9, "shard-1"));
        new RoutingTableStore(table).save(RoutingTable.of(1, List.of("shard-0", "shard-1"), 150, 64,
            new TreeMap<>(overrides)));
    }

    private int run(final String... args)
    {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return new CommandLine(new ShardCommand()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
            .execute(args);
    }

    private static MetricsPage busyShard() throws Exception
    {
        return MetricsPage.start(true, counts ->
        {
            counts.addAndGet(3, 3_000);
            counts.addAndGet(4, 1_000);
        });
    }

    private static MetricsPage idleShard() throws Exception
    {
        final MetricsPage page = MetricsPage.start(true, counts -> { });
        page.counts.set(9, 5);
        return page;
    }

    @Test
    void shouldPlanTheMoveTheMeasuredRatesCallForAndApplyItToTheTable() throws Exception
    {
        try (MetricsPage zero = busyShard(); MetricsPage one = idleShard())
        {
            assertThat(run("plan", "--table", table.toString(), "--metrics", zero.url().toString(), "--metrics",
                one.url().toString(), "--window", "0.3")).as(err.toString()).isZero();
            assertThat(out.toString()).contains("move 4 shard-0 -> shard-1").contains("1 moves");
            assertThat(err.toString()).contains("reading commands per instrument from 2 page(s), twice, 0.3 s apart")
                .contains("3 instruments counted, 2 of them in the");

            assertThat(run("plan", "--table", table.toString(), "--metrics", "shard-1=" + one.url(), "--metrics",
                "shard-0=" + zero.url(), "--window", "0.2", "--apply")).as(err.toString()).isZero();
            assertThat(out.toString()).contains("move 4 shard-0 -> shard-1").contains("stored routing table version 2");
            final RoutingTable next = new RoutingTableStore(table).load().orElseThrow();
            assertThat(next.shardName(next.shardOf(4))).isEqualTo("shard-1");
            assertThat(next.shardName(next.shardOf(3))).isEqualTo("shard-0");

            assertThat(run("status", "--table", table.toString(), "--metrics", zero.url().toString(), "--metrics",
                one.url().toString(), "--window", "0.2")).as(err.toString()).isNotZero();
            assertThat(err.toString()).as("the table now routes 4 to shard-1, the page still counts it on shard-0")
                .contains("shard-0 counted instrument 4 in the window but the table routes it to shard-1");
        }
    }

    @Test
    void shouldSayWhichShardDoesNotAnswerOrServesNoCounters() throws Exception
    {
        final int closedPort = TestPorts.port();
        try (MetricsPage zero = busyShard(); MetricsPage other = MetricsPage.start(false, counts -> { }))
        {
            final String gone = "http://127.0.0.1:" + closedPort + "/metrics";
            assertThat(run("plan", "--table", table.toString(), "--metrics", zero.url().toString(), "--metrics",
                gone, "--window", "0.1")).isEqualTo(2);
            assertThat(err.toString()).contains("cannot read " + gone);

            assertThat(run("plan", "--table", table.toString(), "--metrics", zero.url().toString(), "--metrics",
                other.url().toString(), "--window", "0.1")).isEqualTo(2);
            assertThat(err.toString()).contains(other.url() + " carries neither dx_instrument_commands_total");

            assertThat(run("plan", "--table", table.toString(), "--metrics", zero.url().toString(), "--loads",
                dir.resolve("loads").toString())).isEqualTo(2);
            assertThat(err.toString()).contains("either as a file (--loads) or as the shards' pages (--metrics)");

            assertThat(run("plan", "--table", table.toString(), "--metrics", "shard-7=" + zero.url())).isEqualTo(2);
            assertThat(err.toString()).contains("names shard shard-7, which the table does not have");
        }
    }

    @Test
    void shouldReadTheShardsPagesFromTheGatewaysConfigFile() throws Exception
    {
        try (MetricsPage zero = busyShard(); MetricsPage one = idleShard())
        {
            final Path config = dir.resolve("gateway.conf");
            Files.writeString(config, "gateways { }\nshard-gateway {\n  shards = [\n" +
                "    { link = \"127.0.0.1:9700\", metrics = \"" + zero.url() + "\" }\n" +
                "    { link = \"127.0.0.1:9701\", metrics = \"" + one.url() + "\" }\n  ]\n}\n");
            assertThat(run("plan", "--table", table.toString(), "--gateway-config", config.toString(), "--window",
                "0.3")).as(err.toString()).isZero();
            assertThat(out.toString()).contains("move 4 shard-0 -> shard-1").contains("1 moves");
            assertThat(err.toString()).contains("reading commands per instrument from 2 page(s)");
            assertThat(run("status", "--table", table.toString(), "--gateway-config", config.toString(), "--window",
                "0.2")).as(err.toString()).isZero();
            assertThat(out.toString()).containsPattern("shard-0 +2 instruments").containsPattern("shard-1 +1 instr");

            assertThat(run("plan", "--table", table.toString(), "--gateway-config", config.toString(), "--metrics",
                zero.url().toString())).isEqualTo(2);
            assertThat(err.toString()).contains("either in the gateway's config (--gateway-config) or as --metrics");

            Files.writeString(config, "shard-gateway.shards = [\n" +
                "  { link = \"127.0.0.1:9700\", metrics = \"" + zero.url() + "\" }\n" +
                "  { link = \"127.0.0.1:9701\" }\n]\n");
            assertThat(run("plan", "--table", table.toString(), "--gateway-config", config.toString())).isEqualTo(2);
            assertThat(err.toString()).contains("gives no metrics URL for shard-1 (shard-gateway.shards[1].metrics)");

            Files.writeString(config, "shard-gateway.shards = [ { link = \"127.0.0.1:9700\", metric = x } ]\n");
            assertThat(run("plan", "--table", table.toString(), "--gateway-config", config.toString())).isEqualTo(2);
            assertThat(err.toString()).contains("metric");

            Files.writeString(config, "shard-gateway.shards = [ { link = \"127.0.0.1:9700\", metrics = x } ]\n");
            assertThat(run("plan", "--table", table.toString(), "--gateway-config", config.toString())).isEqualTo(2);
            assertThat(err.toString()).contains("must list 2 shards in shard-gateway.shards").contains("lists 1");
        }
    }
}
