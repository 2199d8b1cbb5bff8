package io.disruptorx.node.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.disruptorx.shard.cli.ShardCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code dx demo --shards 2} serves each embedded shard's commands per instrument on its one {@code /metrics} page,
 * labelled by shard, and {@code dx shard status --metrics} reads that page while the demo's traders trade: both
 * shards show a load, each for the instruments the demo's routing table (version 1, the ring, as
 * {@code dx shard init} writes it) gives it.
 */
class DemoShardsMetricsTest
{
    private static final Pattern DASHBOARD = Pattern.compile("dashboard http://127\\.0\\.0\\.1:(\\d+)/dashboard/");
    private static final Pattern LOAD =
        Pattern.compile("(shard-\\d)\\s+(\\d+) instruments\\s+load\\s+([0-9,]+)/s");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldServeEachShardsCommandsPerInstrumentToDxShardStatus() throws Exception
    {
        final StringWriter demoOut = new StringWriter();
        final CompletableFuture<Integer> demo = CompletableFuture.supplyAsync(() -> Dx.commandLine()
            .setOut(new PrintWriter(demoOut, true)).execute("demo", "--shards", "2", "--duration", "8",
                "--feed-subscribers", "1", "--data-dir", dir.resolve("demo").toString(), "--http-port", "0",
                "--feed-port", "0", "--gateway-port", "0", "--instruments", "16", "--accounts", "10",
                "--rate", "2000"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
            .until(() -> DASHBOARD.matcher(demoOut.toString()).find() || demo.isDone());
        final Matcher dashboard = DASHBOARD.matcher(demoOut.toString());
        assertThat(dashboard.find()).as(demoOut.toString()).isTrue();
        final String page = "http://127.0.0.1:" + dashboard.group(1) + "/metrics";

        final Path table = dir.resolve("routes");
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine shard = new CommandLine(new ShardCommand()).setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true));
        assertThat(shard.execute("init", "--table", table.toString(), "--shards", "2", "--instrument-limit", "64"))
            .isZero();
        final int status = shard.execute("status", "--table", table.toString(), "--metrics", page, "--window", "1");
        System.out.println(err + "\n" + out);
        assertThat(status).as(err.toString()).isZero();
        assertThat(demo.get(2, TimeUnit.MINUTES)).as(demoOut.toString()).isZero();

        final Matcher loads = LOAD.matcher(out.toString());
        int shardsWithLoad = 0;
        while (loads.find())
        {
            assertThat(Integer.parseInt(loads.group(2))).as("instruments counted on %s", loads.group(1))
                .isPositive();
            shardsWithLoad += Long.parseLong(loads.group(3).replace(",", "")) > 0 ? 1 : 0;
        }
        assertThat(shardsWithLoad).as("both shards counted commands in the window").isEqualTo(2);
    }
}
