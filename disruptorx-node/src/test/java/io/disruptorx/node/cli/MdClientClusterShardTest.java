package io.disruptorx.node.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

import io.disruptorx.cluster.ClusterMember;
import io.disruptorx.cluster.ClusterMemberConfig;
import io.disruptorx.cluster.ClusterTimeouts;
import io.disruptorx.cluster.FreePorts;
import io.disruptorx.cluster.MemberAddress;
import io.disruptorx.cluster.client.ClusterClientConfig;
import io.disruptorx.cluster.client.ClusterVenueClient;
import io.disruptorx.cluster.feed.MemberFeed;
import io.disruptorx.cluster.service.ServiceConfig;
import io.disruptorx.core.net.FeedPortBase;
import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.PostOnlyMode;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.shard.ShardFeedOptions;
import io.disruptorx.node.venue.NodeMarketData;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dx md-client} over a venue of two shards of different hosts: shard 0 an embedded node publishing by the
 * shards' convention ({@code dx shard-host --feed-shard 0}), shard 1 a cluster (one member, in this JVM) whose member
 * publishes session DXCLUSTER on its own line and ports, as {@code dx cluster-node} does. {@code --shards 2} names
 * shard 0 by the convention and {@code --feed shard=1,...} replaces the convention's shard 1 with the cluster's feed;
 * the client prints one set of books: instrument 1 from DXSHARD-0, instrument 2 from DXCLUSTER.
 *
 * <p>How it can fail: the cluster's session not followed (instrument 2 missing, DXCLUSTER never SYNCHRONIZED), the
 * convention's shard 1 followed instead of the named feed (its lines never hear anything, the client gives up), or
 * the books mixed up between the sessions (wrong best prices or owners).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MdClientClusterShardTest
{
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final Pattern SHARD_BOOK =
        Pattern.compile("(?m)^  1 TRADING bid 3 @ 9900 \\| ask .* \\| orders 1 \\| DXSHARD-0$");
    private static final VenueEventHandler IGNORE = (sequence, buffer, offset, length) ->
    {
    };
    private static final Pattern CLUSTER_BOOK =
        Pattern.compile("(?m)^  2 TRADING bid 4 @ 9901 \\| ask .* \\| orders 1 \\| DXCLUSTER$");

    @TempDir
    Path dir;

    @Test
    void shouldFollowAnEmbeddedShardAndAClusterShardAsOneSetOfBooks() throws Exception
    {
        final int base = FeedPortBase.freeForTwoShards();
        final int clusterPorts = FreePorts.block(16);
        final InetAddress loopback = InetAddress.getLoopbackAddress();
        final int line = clusterPorts + 8;
        final int retransmit = clusterPorts + 9;
        final int recovery = clusterPorts + 10;
        final ClusterMemberConfig memberConfig = new ClusterMemberConfig(0,
            List.of(new MemberAddress(0, "localhost", clusterPorts)),
            Path.of("target", "md-client-cluster", "member-" + System.nanoTime()).toAbsolutePath(),
            ClusterTimeouts.tuned(), ServiceConfig.of(new EngineConfig(16, 8, 10_000, 1024, 0, PostOnlyMode.REJECT))
            .withFeed(new MemberFeed.Settings("DXCLUSTER", 'A', loopback, null, null,
            List.of(new InetSocketAddress(loopback, line)), retransmit, recovery, clusterPorts + 11, 1 << 12)));
        try (NodeMarketData feed = NodeMarketData.start(ShardFeedOptions.config(null, 0, base));
            EmbeddedNode node = ShardFeedOptions.startNode(NodeConfig.defaults(dir.resolve("shard-0")), feed);
            ClusterMember member = ClusterMember.launch(memberConfig, System.err);
            ClusterVenueClient cluster = ClusterVenueClient.create(ClusterClientConfig.of(1,
                ClusterMemberConfig.ingressEndpoints(memberConfig.members()),
                memberConfig.aeronDirectory().toString())))
        {
            final NodeClient shard = node.newClient(true);
            shard.addInstrument(1, 1, 0, 1, 1, 2, 0, 0, 0, 10_000, 0, 1_000);
            shard.adjustBalance(1, 0, 1_000_000_000L);
            shard.newOrder(1, 1, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
                SelfTradePrevention.CANCEL_NEWEST, 9_900, 3);

            assertThat(cluster.awaitConnected(WAIT_NANOS)).as("a session with the cluster member").isTrue();
            final SbeCommandEncoder encoder = new SbeCommandEncoder();
            final UnsafeBuffer command = new UnsafeBuffer(new byte[SbeCommandEncoder.MAX_LENGTH]);
            offer(cluster, command, encoder.addInstrument(command, 0, 0, 2, 1, 0, 1, 1, 2, 0, 0, 0, 10_000, 0,
                1_000));
            offer(cluster, command, encoder.adjustBalance(command, 0, 0, 1, 0, 1_000_000_000L));
            offer(cluster, command, encoder.newOrder(command, 0, 0, 1, 2, 2, Side.BUY, OrderType.LIMIT,
                TimeInForce.GTC, false, SelfTradePrevention.CANCEL_NEWEST, 9_901, 4));

            final StringWriter out = new StringWriter();
            final AtomicInteger exit = new AtomicInteger(-1);
            final Thread client = new Thread(() ->
            {
                final CommandLine commandLine = Dx.commandLine();
                commandLine.setOut(new PrintWriter(out, true));
                commandLine.setErr(new PrintWriter(out, true));
                exit.set(commandLine.execute("md-client", "--shards", "2", "--session", "DXSHARD", "--port-base",
                    Integer.toString(base), "--feed", "shard=1,session=DXCLUSTER,line-a=127.0.0.1:" + line +
                    ",request=127.0.0.1:" + retransmit + ",recovery=127.0.0.1:" + recovery,
                    "--print-millis", "100", "--timeout", "60", "--duration", "100"));
            }, "md-client");
            client.start();
            final long deadline = System.nanoTime() + WAIT_NANOS;
            String last = "";
            while (System.nanoTime() < deadline && client.isAlive() &&
                !(SHARD_BOOK.matcher(last).find() && CLUSTER_BOOK.matcher(last).find()))
            {
                cluster.poll(IGNORE, 100);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                last = lastPrint(out.toString());
            }
            client.interrupt();
            client.join(TimeUnit.SECONDS.toMillis(30));
            System.out.println(out);

            assertThat(exit.get()).as("md-client's exit code; it said:%n%s", out).isZero();
            assertThat(out.toString())
                .containsPattern("md-client session DXSHARD-0 listening on .*127\\.0\\.0\\.1:" + (base + 1))
                .containsPattern("md-client session DXCLUSTER listening on .*127\\.0\\.0\\.1:" + line + "\n");
            assertThat(last).as("the consolidated books, instrument 1 from the embedded shard's session and 2 " +
                "from the cluster's").containsPattern(SHARD_BOOK).containsPattern(CLUSTER_BOOK)
                .containsPattern("^sessions DXSHARD-0 seq \\d+ SYNCHRONIZED DXCLUSTER seq \\d+ SYNCHRONIZED\n");
        }
    }

    /**
     * @return the last complete print: from its {@code sessions} line to the next one.
     */
    private static String lastPrint(final String out)
    {
        final int end = out.lastIndexOf("sessions DXSHARD-0");
        final int start = end <= 0 ? -1 : out.lastIndexOf("sessions DXSHARD-0", end - 1);
        return start < 0 ? "" : out.substring(start, end);
    }

    private static void offer(final VenueClient cluster, final UnsafeBuffer command, final int length)
    {
        final long deadline = System.nanoTime() + WAIT_NANOS;
        long result = cluster.offer(command, 0, length);
        while (result < 0 && System.nanoTime() < deadline)
        {
            cluster.poll(IGNORE, 100);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            result = cluster.offer(command, 0, length);
        }
        assertThat(result).as("the cluster took the command").isPositive();
    }
}
