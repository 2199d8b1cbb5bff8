package io.disruptorx.cluster;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.disruptorx.cluster.client.ClusterClientConfig;
import io.disruptorx.cluster.feed.MemberFeed;
import io.disruptorx.cluster.service.ServiceConfig;
import io.disruptorx.cluster.service.StateDumps;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.Side;
import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.client.FeedClientConfig;
import io.disruptorx.marketdata.client.FeedClientRunner;
import io.disruptorx.marketdata.client.FeedEndpoints;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders flow while the leader is stopped and later restarted (from a snapshot taken earlier, so its feed
 * continues the session at the engine's sequence): every order the client took is answered exactly once, every
 * member ends in the same state, and two feed subscribers, one on lines A and B, one on lines B and C (each member
 * transmits its own line), hold the engine's book.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class FeedAndFailoverTest
{
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SESSION = "DXCLUSTER";
    private static final int ORDERS = 3_000;

    @Test
    void shouldAnswerEveryOrderOnceAndFeedTheEnginesBookFromEveryLine()
    {
        final int feedBase = FreePorts.block(16);
        final InetAddress loopback = InetAddress.getLoopbackAddress();
        final InetSocketAddress xLineA = new InetSocketAddress(loopback, feedBase + 12);
        final InetSocketAddress xLineB = new InetSocketAddress(loopback, feedBase + 13);
        final InetSocketAddress yLineB = new InetSocketAddress(loopback, feedBase + 14);
        final InetSocketAddress yLineC = new InetSocketAddress(loopback, feedBase + 15);
        final InetSocketAddress watchA = new InetSocketAddress(loopback, feedBase + 11);
        final List<List<InetSocketAddress>> lines =
            List.of(List.of(xLineA, watchA), List.of(xLineB, yLineB), List.of(yLineC));
        try (LineWatcher lineA = new LineWatcher(watchA);
            TestCluster cluster = new TestCluster("feed", 3, (id) -> ServiceConfig.of(TestCluster.ENGINE)
            .withFeed(new MemberFeed.Settings(SESSION, (char)('A' + id), loopback, null, null, lines.get(id),
                feedBase + id * 4, feedBase + id * 4 + 1, feedBase + id * 4 + 2, 1 << 16))))
        {
            cluster.startAll();
            final FeedClientRunner x = subscriber(xLineA, xLineB, feedBase, "x");
            final FeedClientRunner y = subscriber(yLineB, yLineC, feedBase + 8, "y");
            final int firstLeader = cluster.awaitLeader(WAIT);
            try (TestGateway gateway = new TestGateway(
                ClusterClientConfig.of(3, cluster.ingressEndpoints(), cluster.clientAeronDirectory())))
            {
                gateway.addInstrument(1);
                for (long account = 1; account <= 4; account++)
                {
                    gateway.deposit(account, 0, 1_000_000_000_000L);
                    gateway.deposit(account, 1, 1_000_000_000_000L);
                }
                final SplittableRandom random = new SplittableRandom(0xC1L);
                long restartSequence = 0;
                long restartNanos = 0;
                for (int i = 1; i <= ORDERS; i++)
                {
                    final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                    final long price = 10_000 + (side == Side.BUY ? -1 : 1) * random.nextInt(-2, 20);
                    gateway.limit(1 + random.nextInt(4), i, 1, side, price, 1 + random.nextInt(50));
                    if (i == ORDERS / 6)
                    {
                        cluster.snapshot(WAIT);
                    }
                    if (i == ORDERS / 3)
                    {
                        cluster.stop(firstLeader);
                    }
                    if (i == 2 * ORDERS / 3)
                    {
                        restartSequence = y.client().nextSequence();
                        restartNanos = System.nanoTime();
                        cluster.start(firstLeader);
                    }
                    if (i % 4 == 0)
                    {
                        gateway.poll();
                    }
                }
                gateway.await((e) -> e.contains("coid=" + ORDERS + " "), WAIT);

                final Map<Long, Integer> answers = new HashMap<>();
                for (final String event : gateway.events())
                {
                    if (event.startsWith("accepted") || event.startsWith("rejected"))
                    {
                        final long coid = Long.parseLong(event.replaceAll(".*coid=(\\d+).*", "$1"));
                        answers.merge(coid, 1, Integer::sum);
                    }
                }
                System.out.println("client: " + gateway.client().counters());
                assertThat(answers).hasSize(ORDERS);
                assertThat(answers.values()).allMatch((count) -> count == 1);
                final List<String> trades = gateway.events().stream().filter((e) -> e.startsWith("trade")).toList();
                assertThat(trades).doesNotHaveDuplicates().isNotEmpty();

                final long position = cluster.snapshot(WAIT);
                final byte[] state = cluster.stateDump(0, position);
                assertThat(cluster.stateDump(1, position)).isEqualTo(state);
                assertThat(cluster.stateDump(2, position)).isEqualTo(state);

                final MatchingEngine engine = StateDumps.restoreEngine(state, TestCluster.ENGINE,
                    new EngineListenerAdapter()
                    {
                    });
                awaitSequence(x, engine.nextFeedSequence() - 1);
                awaitSequence(y, engine.nextFeedSequence() - 1);
                x.close();
                y.close();
                final List<String> levels = EngineBooks.levels(engine);
                assertThat(levels).isNotEmpty();
                assertThat(EngineBooks.levels(x.book())).containsExactlyInAnyOrderElementsOf(levels);
                assertThat(EngineBooks.levels(y.book())).containsExactlyInAnyOrderElementsOf(levels);
                System.out.println("subscriber x: " + x.client().counters() + "; y: " + y.client().counters());
                assertThat(x.client().counters().packetsA()).isPositive();
                assertThat(x.client().counters().packetsB()).isPositive();
                assertThat(y.client().counters().packetsB()).isPositive();
                final long firstAfterRestart = lineA.firstSequenceAfter(restartNanos);
                assertThat(firstAfterRestart).as("line A after its member restarted: nothing replayed goes out")
                    .isGreaterThanOrEqualTo(restartSequence);
            }
        }
    }

    private static FeedClientRunner subscriber(
        final InetSocketAddress lineA, final InetSocketAddress lineB, final int serversBase, final String name)
    {
        final InetAddress loopback = InetAddress.getLoopbackAddress();
        return new FeedClientRunner(FeedClientConfig.builder().session(SESSION).build(),
            new FeedEndpoints(lineA, lineB, false, null, new InetSocketAddress(loopback, serversBase),
            new InetSocketAddress(loopback, serversBase + 1)), new MarketDataListener()
            {
            }).start("dx-md-" + name);
    }

    private static void awaitSequence(final FeedClientRunner runner, final long sequence)
    {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (runner.client().nextSequence() <= sequence)
        {
            assertThat(System.nanoTime()).as("feed at %d of %d", runner.client().nextSequence() - 1, sequence)
                .isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
