package io.disruptorx.systemtest;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

import io.disruptorx.core.process.ChildJvm;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.protocol.sbe.orderentry.OrderCancelledDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderRejectedDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderType;
import io.disruptorx.protocol.sbe.orderentry.SelfTradePrevention;
import io.disruptorx.protocol.sbe.orderentry.Side;
import io.disruptorx.protocol.sbe.orderentry.TimeInForce;
import io.disruptorx.shard.cli.ShardCommand;
import io.disruptorx.shard.plan.InstrumentRates;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.RoutingTableStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static io.disruptorx.systemtest.ShardProcesses.ADMIN;
import static io.disruptorx.systemtest.ShardProcesses.LINE_WAIT_MS;
import static io.disruptorx.systemtest.ShardProcesses.NATIVE;
import static io.disruptorx.systemtest.ShardProcesses.awaitPort;
import static io.disruptorx.systemtest.ShardProcesses.instrument;
import static io.disruptorx.systemtest.ShardProcesses.link;
import static io.disruptorx.systemtest.ShardProcesses.startGateway;
import static io.disruptorx.systemtest.ShardProcesses.startShardHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code dx shard plan --metrics} against running shards: two {@code dx shard-host} processes serving their
 * {@code /metrics} ({@code --http}) and one {@code dx shard-gateway}. shard-0 lists instruments 1 and 2, shard-1
 * instrument 3. Bob sends a 1-lot IOC buy far below the book every millisecond, in a cycle of seven: four for
 * instrument 1, two for 2, one for 3, so the shards count loads of about 4:2 on shard-0 and 1 on shard-1. The
 * planner's goal is 1.1 x the heaviest instrument (4.4); shard-0 carries 6, and the lightest instrument whose move
 * brings it under the goal is 2, which fits on shard-1 (1 + 2): {@code dx shard plan} must propose exactly
 * "move 2 shard-0 -> shard-1". Then {@code dx shard plan --apply --admin} proposes it again and has the gateway move
 * instrument 2 online: the gateway's table routes 2 to shard-1 afterwards, an order for 2 trades there (shard-1's
 * page counts it) and a further plan finds nothing to move.
 *
 * <p>How it can fail: a host that does not serve or count the commands (no rates, or the wrong instrument moves),
 * rates mixed up between shards, a plan that does not reach the gateway or a move that does not switch the route.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ShardPlanSystemTest
{
    private static final Pattern METRICS = Pattern.compile("metrics on (http://127\\.0\\.0\\.1:\\d+/metrics)");
    private static final String PASSWORD = "shard";
    private static final int PRICE_EXPONENT = -2;
    private static final int[] CYCLE = {1, 1, 1, 1, 2, 2, 3};
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final String SIGTERM_EXIT = "exit status of a JVM ended by SIGTERM after its shutdown hooks";

    @TempDir
    Path dir;

    private long nextOrder = 1;

    @Test
    void shouldPlanTheMoveTheShardsLoadsCallForAndApplyItThroughTheGateway() throws Exception
    {
        final Path routes = dir.resolve("routes.txt");
        new RoutingTableStore(routes).save(RoutingTable.of(1, List.of("shard-0", "shard-1"), 150, 64,
            new TreeMap<>(Map.of(1, "shard-0", 2, "shard-0", 3, "shard-1"))));
        prepareShard(dir.resolve("shard-0"), 1, 2);
        prepareShard(dir.resolve("shard-1"), 3);
        final List<NativeSession.Received> received = new ArrayList<>();
        try (ChildJvm shard0 = startShardHost(dir, "shard-0", dir.resolve("shard-0"), "--http", "127.0.0.1:0");
            ChildJvm shard1 = startShardHost(dir, "shard-1", dir.resolve("shard-1"), "--http", "127.0.0.1:0"))
        {
            final List<String> links = List.of(link(shard0), link(shard1));
            final String metrics0 = shard0.awaitMatch(METRICS, LINE_WAIT_MS).group(1);
            final String metrics1 = shard1.awaitMatch(METRICS, LINE_WAIT_MS).group(1);
            try (ChildJvm gateway = startGateway(dir, writeGatewayConfig(), links))
            {
                final int admin = awaitPort(gateway, ADMIN);
                final int entry = awaitPort(gateway, NATIVE);
                try (NativeSession bob = NativeSession.login(new InetSocketAddress("127.0.0.1", entry), "bob",
                    PASSWORD, PRICE_EXPONENT, received))
                {
                    final StringWriter plan = new StringWriter();
                    final StringWriter planErr = new StringWriter();
                    final int planned = whileLoading(bob, () -> shard(plan, planErr, "plan", "--table",
                        routes.toString(), "--metrics", metrics0, "--metrics", metrics1, "--window", "2"));
                    System.out.println("ShardPlanSystemTest: dx shard plan:\n" + planErr + plan);
                    assertThat(planned).as(planErr.toString()).isZero();
                    assertThat(plan.toString()).contains("move 2 shard-0 -> shard-1").contains("1 moves")
                        .doesNotContain("move 1 ").doesNotContain("move 3 ");
                    assertThat(planErr.toString()).contains("3 instruments counted, 3 of them in the");

                    final StringWriter applied = new StringWriter();
                    final StringWriter appliedErr = new StringWriter();
                    final int exit = whileLoading(bob, () -> shard(applied, appliedErr, "plan", "--table",
                        routes.toString(), "--metrics", metrics0, "--metrics", metrics1, "--window", "2", "--apply",
                        "--admin", "127.0.0.1:" + admin, "--user", "ops", "--password-file",
                        dir.resolve("ops.password").toString()));
                    System.out.println("ShardPlanSystemTest: dx shard plan --apply:\n" + appliedErr + applied);
                    assertThat(exit).as(appliedErr.toString()).isZero();
                    assertThat(applied.toString()).contains("move 2 shard-0 -> shard-1")
                        .contains("moved instrument 2 shard-0 -> shard-1").contains("applied 1 moves");
                    final RoutingTable after = new RoutingTableStore(routes).load().orElseThrow();
                    assertThat(after.shardName(after.shardOf(2))).isEqualTo("shard-1");
                    assertThat(after.shardName(after.shardOf(1))).isEqualTo("shard-0");

                    final long before = countOn(metrics1, "shard-1", 2);
                    received.clear();
                    final long last = probe(bob, 2);
                    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1)).until(() ->
                    {
                        bob.client().poll(bob);
                        return received.stream().anyMatch(r -> r.clientOrderId() == last && isFinal(r));
                    });
                    assertThat(received).filteredOn(r -> r.clientOrderId() == last && isFinal(r)).singleElement()
                        .satisfies(r -> assertThat(r.template()).as("accepted, its rest cancelled: it traded")
                            .isEqualTo(OrderCancelledDecoder.TEMPLATE_ID));
                    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                        .until(() -> countOn(metrics1, "shard-1", 2) > before);

                    final StringWriter again = new StringWriter();
                    final StringWriter againErr = new StringWriter();
                    assertThat(whileLoading(bob, () -> shard(again, againErr, "plan", "--table",
                        routes.toString(), "--metrics", metrics0, "--metrics", metrics1, "--window", "2")))
                        .as(againErr.toString()).isZero();
                    System.out.println("ShardPlanSystemTest: the plan after the move:\n" + againErr + again);
                    assertThat(again.toString()).startsWith("0 moves");
                    assertThat(received).as("after the move every order of the three instruments reached a shard "
                        + "that lists it, none halted or unknown").filteredOn(r -> r.template() ==
                        OrderRejectedDecoder.TEMPLATE_ID).isEmpty();
                }
                assertThat(gateway.stop()).as(SIGTERM_EXIT).isEqualTo(143);
            }
            assertThat(shard0.stop()).as(SIGTERM_EXIT).isEqualTo(143);
            assertThat(shard1.stop()).as(SIGTERM_EXIT).isEqualTo(143);
        }
    }

    private interface Command
    {
        int run();
    }

    /**
     * Runs a {@code dx shard} command on another thread while bob sends the cycle's orders, one every millisecond on
     * a fixed schedule, polling his session in between.
     */
    private int whileLoading(final NativeSession bob, final Command command) throws Exception
    {
        final CompletableFuture<Integer> done = CompletableFuture.supplyAsync(command::run);
        long due = System.nanoTime();
        int tick = 0;
        while (!done.isDone())
        {
            probe(bob, CYCLE[tick++ % CYCLE.length]);
            bob.client().poll(bob);
            due += TICK_NANOS;
            long left;
            while ((left = due - System.nanoTime()) > 0)
            {
                LockSupport.parkNanos(left);
            }
        }
        return done.get(1, TimeUnit.MINUTES);
    }

    private static int shard(final StringWriter out, final StringWriter err, final String... args)
    {
        return new CommandLine(new ShardCommand()).setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true)).execute(args);
    }

    private long probe(final NativeSession bob, final int instrument)
    {
        final long id = nextOrder++;
        bob.client().newOrder(id, 3, instrument, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, false,
            SelfTradePrevention.CANCEL_NEWEST, 9_000, PRICE_EXPONENT, 1, 0);
        return id;
    }

    private static boolean isFinal(final NativeSession.Received report)
    {
        return report.template() == OrderRejectedDecoder.TEMPLATE_ID ||
            report.template() == OrderCancelledDecoder.TEMPLATE_ID;
    }

    private static long countOn(final String page, final String shard, final int instrument) throws Exception
    {
        return InstrumentRates.read(HttpClient.newHttpClient(), URI.create(page), shard).counts().get(shard)
            .getOrDefault(instrument, 0L);
    }

    private static void prepareShard(final Path data, final int... instruments)
    {
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(data).withSegmentSize(4 * 1024 * 1024),
            null, null))
        {
            final NodeClient client = node.newClient(true);
            for (final int instrument : instruments)
            {
                client.addInstrument(instrument, 1, 0, 1, 1, 2, 0, 1, 2, 10_000, 1_000, 1_000);
            }
            long last = 0;
            for (final long account : new long[]{1, 3})
            {
                client.adjustBalance(account, 0, 1_000_000_000_000L);
                last = client.adjustBalance(account, 1, 1_000_000_000L);
            }
            final long lastCommand = last;
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                .until(() -> node.appliedSequence() >= lastCommand);
        }
    }

    /**
     * The gateway's config: instruments 1 to 3, bob (account 3) trading, ops the move admin's operator.
     */
    private Path writeGatewayConfig() throws IOException
    {
        return ShardProcesses.writeGatewayConfig(dir, ShardProcesses.writeUsers(dir, PASSWORD), PASSWORD,
            ShardProcesses.BTC_USD + instrument(2, "ETH-USD") + instrument(3, "SOL-USD"));
    }
}
