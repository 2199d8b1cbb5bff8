package io.disruptorx.node.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.disruptorx.core.net.FeedPortBase;
import io.disruptorx.core.net.TestPorts;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.shard.ShardFeedOptions;
import io.disruptorx.node.venue.NodeMarketData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dx md-client} on first contact: a second client on the same ports, and a client with nothing to connect
 * to, each end with one clear line and exit code 1 instead of a stack trace or RECOVERING forever. With
 * {@code --shards 2} it follows two shards' feeds, published by the shards' convention of {@code dx shard-host
 * --feed-shard I} on real loopback ports, and prints one consolidated set of books, each instrument from its shard's
 * session.
 */
class MdClientCommandTest
{
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldSayWhichLineIsInUseWhenASecondClientStartsOnTheSamePorts() throws IOException
    {
        try (DatagramChannel first = DatagramChannel.open(StandardProtocolFamily.INET))
        {
            first.bind(new InetSocketAddress(LOOPBACK, 0));
            final int port = ((InetSocketAddress)first.getLocalAddress()).getPort();
            final Run run = mdClient("--line-a", "127.0.0.1:" + port, "--line-b", "none",
                "--request", "127.0.0.1:" + TestPorts.port(), "--recovery", "127.0.0.1:" + TestPorts.port());

            assertThat(run.exit).isEqualTo(1);
            assertThat(run.out).contains("md-client: line A 127.0.0.1:" + port + " is in use")
                .contains("a second md-client?");
            assertThat(run.out + run.err).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldSayWhatItCannotReachAndExitNonZeroAfterTheTimeout() throws IOException
    {
        final int lineA = TestPorts.port();
        final int lineB = TestPorts.port();
        final int recovery = TestPorts.port();
        final long start = System.nanoTime();
        final Run run = mdClient("--line-a", "127.0.0.1:" + lineA, "--line-b", "127.0.0.1:" + lineB,
            "--request", "127.0.0.1:" + TestPorts.port(), "--recovery", "127.0.0.1:" + recovery, "--timeout", "1");
        final long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(run.exit).isEqualTo(1);
        assertThat(run.out).contains("md-client: no feed for 1 s: nothing arrived on line A 127.0.0.1:" + lineA +
            " or line B 127.0.0.1:" + lineB).contains("snapshot server 127.0.0.1:" + recovery + ": Connection refused");
        assertThat(elapsedMillis).as("gave up after the timeout, not forever").isLessThan(15_000);
        assertThat(run.out + run.err).doesNotContain("Exception");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldPrintTwoShardsFeedsAsOneSetOfBooks(@TempDir final Path dir) throws IOException
    {
        final int base = FeedPortBase.freeForTwoShards();
        final NodeMarketData[] feeds = new NodeMarketData[2];
        final EmbeddedNode[] nodes = new EmbeddedNode[2];
        try
        {
            for (int i = 0; i < 2; i++)
            {
                feeds[i] = NodeMarketData.start(ShardFeedOptions.config(null, i, base));
                nodes[i] = ShardFeedOptions.startNode(NodeConfig.defaults(dir.resolve("shard-" + i)), feeds[i]);
                final NodeClient shard = nodes[i].newClient(true);
                final int instrument = i + 1;
                shard.addInstrument(instrument, instrument, 0, 1, 1, 2, 0, 0, 0, 10_000, 0, 1_000);
                shard.adjustBalance(1, 0, 1_000_000_000L);
                final long last = shard.newOrder(1, 1, instrument, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
                    SelfTradePrevention.CANCEL_NEWEST, 9_900 + i, 3 + i);
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (nodes[i].appliedSequence() < last && System.nanoTime() < deadline)
                {
                    Thread.yield();
                }
            }
            final Run run = mdClient("--shards", "2", "--session", "DXSHARD", "--port-base", Integer.toString(base),
                "--duration", "2", "--print-millis", "500", "--timeout", "10");

            assertThat(run.exit).isZero();
            assertThat(run.out)
                .containsPattern("md-client session DXSHARD-0 listening on .*127\\.0\\.0\\.1:" + (base + 1))
                .containsPattern("md-client session DXSHARD-1 listening on .*127\\.0\\.0\\.1:" + (base + 11));
            final String last = run.out.substring(run.out.lastIndexOf("sessions DXSHARD-0"));
            assertThat(Pattern.compile("(?m)^  1 TRADING bid 3 @ 9900 \\| ask .* \\| orders 1 \\| DXSHARD-0$")
                .matcher(last).find()).as("instrument 1 from shard 0's session in:%n%s", last).isTrue();
            assertThat(Pattern.compile("(?m)^  2 TRADING bid 4 @ 9901 \\| ask .* \\| orders 1 \\| DXSHARD-1$")
                .matcher(last).find()).as("instrument 2 from shard 1's session in:%n%s", last).isTrue();
        }
        finally
        {
            for (int i = 0; i < 2; i++)
            {
                if (nodes[i] != null)
                {
                    nodes[i].close();
                }
                if (feeds[i] != null)
                {
                    feeds[i].close();
                }
            }
        }
    }

    private static Run mdClient(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = Dx.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        final String[] all = new String[args.length + 1];
        all[0] = "md-client";
        System.arraycopy(args, 0, all, 1, args.length);
        final int exit = commandLine.execute(all);
        System.out.println(out);
        return new Run(exit, out.toString(), err.toString());
    }

    private record Run(int exit, String out, String err)
    {
    }
}
