package io.disruptorx.node.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dx demo --shards 2}: two embedded shards behind one shard gateway, the gateway's traders trading over real
 * sockets. Each shard lists the instruments the routing table gives it, shows its load every second, takes orders
 * (the gateway routed them there) and ends with its subscribers' books equal to its own engine's.
 */
class DemoShardsCommandTest
{
    private static final Pattern REPORTS = Pattern.compile("shard-(\\d): ([0-9,]+) order reports");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldRunTwoShardsBehindOneGatewayAndMatchEachShardsBooks()
    {
        final StringWriter out = new StringWriter();
        final CommandLine commandLine = Dx.commandLine();
        commandLine.setOut(new PrintWriter(out, true));

        final int exit = commandLine.execute("demo", "--shards", "2", "--duration", "3", "--feed-subscribers", "1",
            "--data-dir", dir.resolve("demo").toString(), "--http-port", "-1", "--feed-port", "0",
            "--gateway-port", "0", "--instruments", "16", "--accounts", "10", "--rate", "2000");
        System.out.println(out);

        assertThat(exit).isZero();
        assertThat(out.toString())
            .containsPattern("shard-0: data in .*shard-0 \\(recovered to journal sequence 0\\), instruments [0-9,]+")
            .containsPattern("shard-1: data in .*shard-1 \\(recovered to journal sequence 0\\), instruments [0-9,]+")
            .containsPattern("2 shards behind one shard gateway")
            .containsPattern("t=  1s \\| shard-0 orders/s=[0-9,]+ trades/s=[0-9,]+ \\| shard-1 orders/s=[0-9,]+ " +
                "trades/s=[0-9,]+");
        final Matcher reports = REPORTS.matcher(out.toString());
        int shardsWithOrders = 0;
        while (reports.find())
        {
            shardsWithOrders += Long.parseLong(reports.group(2).replace(",", "")) > 0 ? 1 : 0;
        }
        assertThat(shardsWithOrders).as("both shards took orders through the gateway").isEqualTo(2);
        assertThat(Pattern.compile("books: MATCH \\(1 of 1 subscribers equal the engine's final book")
            .matcher(out.toString()).results().count()).as("each shard's books").isEqualTo(2);
    }

    @Test
    void shouldRefuseMulticastFeedsAndTooManyShards()
    {
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = Dx.commandLine();
        commandLine.setErr(new PrintWriter(err, true));

        assertThat(commandLine.execute("demo", "--shards", "2", "--feed-multicast", "239.1.1.1:1,239.1.1.2:2"))
            .isEqualTo(2);
        assertThat(commandLine.execute("demo", "--shards", "5")).isEqualTo(2);
        assertThat(err.toString()).contains("dx demo --shards: need --shards 1..4");
    }
}
