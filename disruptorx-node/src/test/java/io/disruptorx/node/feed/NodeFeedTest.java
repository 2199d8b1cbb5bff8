package io.disruptorx.node.feed;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.metrics.PrometheusCollector;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.marketdata.client.FeedClientRunner;
import io.disruptorx.marketdata.server.FeedServerConfig;
import io.disruptorx.marketdata.server.LossModel;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An embedded node publishes its market data through the feed (unicast lines on 127.0.0.1); in-process
 * subscribers, one of them with loss injected on both lines, must end with the engine's book.
 */
class NodeFeedTest
{
    private static final int INSTRUMENTS = 3;
    private static final int ACCOUNTS = 20;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 20_261_121})
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldGiveEverySubscriberTheEnginesFinalBookDespiteLoss(final long seed)
    {
        System.out.println("[node-feed] seed=" + seed + " mode=unicast-127.0.0.1");
        final NodeFeed feed = NodeFeed.start(FeedServerConfig.builder().session("DXTEST").build());
        try
        {
            final EmbeddedNode node = EmbeddedNode.start(config(), feed.sink(), null);
            assertThat(feed.openingImage(node)).isZero();
            final FeedClientRunner clean = feed.addSubscriber(null, null, seed);
            final FeedClientRunner lossy = feed.addSubscriber(
                lossy(seed, 300, 340), lossy(seed + 1, 300, 340), seed + 2);
            final long commands = runFlow(node, seed, true, 6_000);
            node.close();
            final MatchingEngine engine = node.engineAfterClose();

            feed.endOfSession();
            assertThat(feed.awaitSubscribersEnded(TimeUnit.SECONDS.toNanos(20)))
                .as("subscribers reach the end of session, seed %d: %s / %s", seed, NodeFeed.describe(clean),
                    NodeFeed.describe(lossy))
                .isTrue();
            feed.stopSubscribers();
            final List<List<String>> differences = feed.compare(engine);
            System.out.println("[node-feed] seed=" + seed + " commands=" + commands + " messages=" +
                feed.server().lastSequence() + " dropped=" + feed.server().packetsDropped() + " restingOrders=" +
                engine.restingOrderCount() + " clean: " + NodeFeed.describe(clean) + " lossy: " +
                NodeFeed.describe(lossy) + " serverRequests=" +
                feed.server().retransmitServer().counters().requestsReceived() + " resent=" +
                feed.server().retransmitServer().counters().messagesRetransmitted());

            assertThat(engine.restingOrderCount()).as("seed %d", seed).isGreaterThan(50);
            assertThat(differences).as("seed %d", seed).containsExactly(List.of(), List.of());
            assertThat(clean.client().counters().messagesDelivered()).isEqualTo(feed.server().lastSequence());
            assertThat(lossy.client().counters().messagesDelivered()).isEqualTo(feed.server().lastSequence());
            assertThat(feed.server().packetsDropped()).as("seed %d", seed).isPositive();
            assertThat(lossy.client().counters().gapsFilled()).as("seed %d", seed).isPositive();
            assertThat(lossy.client().counters().messagesRecovered()).as("seed %d", seed).isPositive();
            assertThat(feed.server().engineSequenceBreaks()).isZero();
            assertMetrics(feed, lossy);
        }
        finally
        {
            feed.close();
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void shouldStartARestartedNodesFeedWithItsRecoveredBook()
    {
        final EmbeddedNode first = EmbeddedNode.start(config(), null, null);
        runFlow(first, 99, true, 3_000);
        first.close();
        final int restingBefore = first.engineAfterClose().restingOrderCount();

        final NodeFeed feed = NodeFeed.start(FeedServerConfig.builder().session("DXTEST").build());
        try
        {
            final EmbeddedNode node = EmbeddedNode.start(config(), feed.sink(), null);
            final int image = feed.openingImage(node);
            final FeedClientRunner subscriber = feed.addSubscriber(null, null, 5);
            runFlow(node, 100, false, 2_000);
            node.close();
            feed.endOfSession();
            assertThat(feed.awaitSubscribersEnded(TimeUnit.SECONDS.toNanos(20))).isTrue();
            feed.stopSubscribers();
            System.out.println("[node-feed] restart: opening image=" + image + " restingBefore=" + restingBefore +
                " renumbered=" + feed.server().renumbered() + " subscriber: " + NodeFeed.describe(subscriber));

            assertThat(image).isGreaterThanOrEqualTo(restingBefore).isPositive();
            assertThat(feed.server().renumbered()).isEqualTo(feed.server().lastSequence());
            assertThat(feed.compare(node.engineAfterClose())).containsExactly(List.of());
        }
        finally
        {
            feed.close();
        }
    }

    private static void assertMetrics(final NodeFeed feed, final FeedClientRunner lossy)
    {
        final MetricsRegistry metrics = new MetricsRegistry();
        FeedMetrics.register(metrics, feed.server());
        FeedMetrics.registerClient(metrics, "lossy", lossy.client().counters());
        final String text = new PrometheusCollector(metrics).scrapeText();
        assertThat(value(text, "dx_feed_packets_sent_total{line=\"A\"}")).isEqualTo(
            feed.server().lineA().packetsSent()).isPositive();
        assertThat(value(text, "dx_feed_messages_sent_total{line=\"B\"}")).isEqualTo(
            feed.server().lineB().messagesSent()).isGreaterThanOrEqualTo(feed.server().lastSequence());
        assertThat(value(text, "dx_feed_messages_published_total")).isEqualTo(feed.server().lastSequence());
        assertThat(value(text, "dx_feed_packets_dropped_total")).isEqualTo(feed.server().packetsDropped());
        assertThat(value(text, "dx_feed_retransmit_requests_received_total{transport=\"udp\"}")).isPositive();
        assertThat(value(text, "dx_feed_messages_retransmitted_total{transport=\"udp\"}")).isEqualTo(
            feed.server().retransmitServer().counters().messagesRetransmitted());
        assertThat(value(text, "dx_feed_client_gaps_filled_total{subscriber=\"lossy\"}")).isEqualTo(
            lossy.client().counters().gapsFilled());
        assertThat(value(text, "dx_feed_client_messages_delivered_total{subscriber=\"lossy\"}")).isEqualTo(
            feed.server().lastSequence());
        assertThat(value(text, "dx_feed_requests_malformed_total{kind=\"truncated\",server=\"retransmit\"}"))
            .isZero();
    }

    private static long value(final String text, final String series)
    {
        final Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.E+-]+)$").matcher(text);
        assertThat(matcher.find()).as(series + " in the scrape").isTrue();
        return (long)Double.parseDouble(matcher.group(1));
    }

    private NodeConfig config()
    {
        return NodeConfig.defaults(dir).withSegmentSize(4 * 1024 * 1024).withRingSizes(4096, 16_384)
            .withForcePolicy(ForcePolicy.INTERVAL, 1_000_000L);
    }

    /**
     * Random loss plus a range lost on this line whatever happens: lost on both lines it must be re-requested.
     */
    private static LossModel lossy(final long seed, final long from, final long to)
    {
        final LossModel random = LossModel.random(seed, 0.04, 0.01, 3);
        final LossModel range = LossModel.sequenceRange(from, to);
        return (packet, first, count) -> range.drop(packet, first, count) || random.drop(packet, first, count);
    }

    private static long runFlow(final EmbeddedNode node, final long seed, final boolean setUp, final int commands)
    {
        final NodeClient client = node.newClient(true);
        final SplittableRandom random = new SplittableRandom(seed);
        long last = 0;
        if (setUp)
        {
            for (int i = 1; i <= INSTRUMENTS; i++)
            {
                client.addInstrument(i, i, 0, 1, 1, 2, 0, 0, 1, 10_000, 5_000, 1_000);
            }
            for (long account = 1; account <= ACCOUNTS; account++)
            {
                for (int asset = 0; asset <= INSTRUMENTS; asset++)
                {
                    last = client.adjustBalance(account, asset, 1_000_000_000_000L);
                }
            }
        }
        long clientOrderId = seed * 1_000_000;
        for (int i = 0; i < commands; i++)
        {
            final int instrument = 1 + random.nextInt(INSTRUMENTS);
            final long account = 1 + random.nextInt(ACCOUNTS);
            final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            final long quantity = 1 + random.nextInt(50);
            final int action = random.nextInt(100);
            if (action < 65)
            {
                final long offset = 1 + random.nextInt(15);
                last = client.newOrder(account, ++clientOrderId, instrument, side, OrderType.LIMIT, TimeInForce.GTC,
                    false, SelfTradePrevention.CANCEL_NEWEST, side == Side.BUY ? 10_000 - offset : 10_000 + offset,
                    quantity);
            }
            else if (action < 95)
            {
                last = client.newOrder(account, ++clientOrderId, instrument, side, OrderType.LIMIT, TimeInForce.IOC,
                    false, SelfTradePrevention.CANCEL_NEWEST, side == Side.BUY ? 10_008 : 9_992, quantity);
            }
            else if (action < 99)
            {
                last = client.massCancel(account, instrument, ++clientOrderId);
            }
            else
            {
                client.haltInstrument(instrument);
                last = client.resumeInstrument(instrument);
            }
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (node.appliedSequence() < last && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        assertThat(node.appliedSequence()).isGreaterThanOrEqualTo(last);
        return commands;
    }
}
