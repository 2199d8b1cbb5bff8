package io.disruptorx.node.venue;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.disruptorx.engine.EngineStateVisitor;
import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.gateway.config.GatewaySecurityConfig;
import io.disruptorx.gateway.json.ApiError;
import io.disruptorx.gateway.json.JsonConfig;
import io.disruptorx.gateway.support.TestVenueSetup;
import io.disruptorx.marketdata.server.FeedServerConfig;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.embedded.RecentTrades;
import io.disruptorx.node.feed.NodeFeed;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The JSON edge's public streams against a real node and its feed, with the JDK's HttpClient and WebSocket as the
 * client: a client that takes the REST depth snapshot in the middle of a flow of orders and then applies the depth
 * updates as Binance documents it (drop {@code u <= lastUpdateId}, the first one spans {@code lastUpdateId + 1},
 * each next one's {@code pu} is the previous {@code u}) ends with the engine's book and verifies every checksum; the
 * trade stream carries every trade the engine made; the last book ticker is the engine's top of book.
 */
class JsonMarketStreamsTest
{

    private static final AtomicLong CLIENT_IDS = new AtomicLong();

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void shouldKeepASnapshotPlusDepthUpdatesEqualToTheEnginesBook() throws Exception
    {
        final long seed = 9_090_901L;
        final SplittableRandom random = new SplittableRandom(seed);
        final var config = TestVenueSetup.gatewayConfig(0, 1024, 1_000_000_000L);
        final JsonConfig json = new JsonConfig(new InetSocketAddress("127.0.0.1", 0), 4096, 5_000, List.of());
        final StreamClient client = new StreamClient();
        final EmbeddedNode node;
        try (NodeFeed feed = NodeFeed.start(FeedServerConfig.builder().session("DXJSONMD").build()))
        {
            node = EmbeddedNode.start(NodeConfig.defaults(dir).withSegmentSize(1024 * 1024).withRingSizes(1024, 4096),
                feed.sink(), null);
            try (node)
            {
                feed.openingImage(node);
                NodeVenueSetup.list(node);
                try (JsonMarketData marketData = JsonMarketData.start(feed, config.instruments());
                    NodeGateways gateways = NodeGateways.start(node.newVenueClient(), config, json,
                        GatewaySecurityConfig.NONE, new BackoffIdleStrategy(1, 1, 1_000, 100_000), null,
                        marketData.streams()))
                {
                    final String base = "127.0.0.1:" + gateways.jsonPort();
                    final WebSocket socket = client.connect("ws://" + base + "/stream");
                    socket.sendText("{\"method\":\"SUBSCRIBE\",\"params\":[\"btc-usd@depth\",\"btc-usd@trade\"," +
                        "\"BTC-USD@bookTicker\"],\"id\":1}", true).join();
                    assertThat(client.next()).isEqualTo("{\"result\":null,\"id\":1}");

                    final NodeClient orders = node.newClient(true);
                    long last = send(orders, random, 80, false);
                    client.load(get("http://" + base + "/api/v3/depth?symbol=BTC-USD&limit=5000"));
                    last = Math.max(last, send(orders, random, 300, true));
                    final long applied = last;
                    await().atMost(20, TimeUnit.SECONDS).until(() -> node.appliedSequence() >= applied);
                    final long feedLast = feed.server().lastSequence();
                    await().atMost(20, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(20))
                        .until(() -> client.drain() >= feedLast);
                    await().atMost(10, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(20))
                        .until(() -> client.drain() >= 0 && client.tickerMatchesBook());
                    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
                }
            }
        }
        final MatchingEngine engine = node.engineAfterClose();
        assertThat(client.depthUpdatesApplied()).as("depth updates applied after the snapshot (seed %d)", seed)
            .isGreaterThan(0);
        assertThat(client.checksumsVerified()).isEqualTo(client.depthUpdatesApplied());
        client.assertBookEquals(engineBook(engine, 1));

        final List<String> expectedTrades = new ArrayList<>();
        node.recentTrades().newest(10_000).stream().filter(t -> t.instrumentId() == 1)
            .sorted(Comparator.comparingLong(RecentTrades.Trade::tradeId))
            .forEach(t -> expectedTrades.add(t.tradeId() + "@" + BigDecimal.valueOf(t.price(), 2).toPlainString() +
                "x" + t.quantity()));
        assertThat(expectedTrades).as("trades the engine made (seed %d)", seed).isNotEmpty();
        assertThat(client.tradesSeen()).as("every trade of the engine, in order").isEqualTo(expectedTrades);
    }

    @Test
    @Timeout(60)
    void shouldAnswerBadStreamAndDepthRequestsWithBinanceCodesAndNeverReachTheEngine() throws Exception
    {
        final var config = TestVenueSetup.gatewayConfig(0, 1024, 1_000_000_000L);
        final JsonConfig json = new JsonConfig(new InetSocketAddress("127.0.0.1", 0), 4096, 5_000, List.of());
        final StreamClient client = new StreamClient();
        try (NodeFeed feed = NodeFeed.start(FeedServerConfig.builder().session("DXJSONBAD").build());
            EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir).withSegmentSize(1024 * 1024)
                .withRingSizes(1024, 4096), feed.sink(), null))
        {
            feed.openingImage(node);
            NodeVenueSetup.list(node);
            final long applied = node.appliedSequence();
            try (JsonMarketData marketData = JsonMarketData.start(feed, config.instruments());
                NodeGateways gateways = NodeGateways.start(node.newVenueClient(), config, json,
                    GatewaySecurityConfig.NONE, new BackoffIdleStrategy(1, 1, 1_000, 100_000), null,
                    marketData.streams()))
            {
                final String base = "127.0.0.1:" + gateways.jsonPort();
                final WebSocket socket = client.connect("ws://" + base + "/stream");
                assertThat(ask(socket, client, "{\"method\":\"SUBSCRIBE\",\"params\":[\"btc-usd@trade\"]"))
                    .startsWith("{\"error\":{\"code\":3,\"msg\":\"Invalid JSON: ").endsWith("},\"id\":null}");
                assertThat(ask(socket, client, "{\"method\":\"SUBSCRIBE\",\"params\":\"btc-usd@trade\",\"id\":2}"))
                    .isEqualTo("{\"error\":{\"code\":1,\"msg\":\"Invalid value type: expected `params`, an array of " +
                        "stream names\"},\"id\":2}");
                assertThat(ask(socket, client, "{\"method\":\"SUBSCRIBE\",\"params\":[\"btc-usd@trade\",7],\"id\":3}"))
                    .isEqualTo("{\"error\":{\"code\":1,\"msg\":\"Invalid value type: expected a stream name " +
                        "(string)\"},\"id\":3}");
                assertThat(ask(socket, client, "{\"method\":\"SUBSCRIBE\",\"params\":[\"nope@trade\"],\"id\":4}"))
                    .isEqualTo("{\"error\":{\"code\":2,\"msg\":\"Invalid request: unknown stream " +
                        "\\\"nope@trade\\\"\"},\"id\":4}");
                assertThat(ask(socket, client, "{\"method\":\"PUBLISH\",\"id\":5}"))
                    .isEqualTo("{\"error\":{\"code\":2,\"msg\":\"Invalid request: unknown variant `PUBLISH`, " +
                        "expected one of `SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`\"},\"id\":5}");
                assertThat(ask(socket, client, "{\"method\":\"SUBSCRIBE\",\"params\":[],\"id\":\"six\"}"))
                    .isEqualTo("{\"error\":{\"code\":2,\"msg\":\"Invalid request: request ID must be an unsigned " +
                        "integer\"},\"id\":null}");
                assertThat(ask(socket, client, "{\"method\":\"SUBSCRIBE\",\"params\":[],\"id\":7,\"x\":1}"))
                    .isEqualTo("{\"error\":{\"code\":2,\"msg\":\"Invalid request: unknown field `x`\"},\"id\":7}");
                assertThat(ask(socket, client, "{\"method\":\"SUBSCRIBE\",\"params\":[\"" + "x".repeat(5_000) +
                    "\"],\"id\":8}")).isEqualTo("{\"error\":{\"code\":2,\"msg\":\"Invalid request: the message is " +
                    "larger than 4096 bytes\"},\"id\":null}");
                assertThat(ask(socket, client, "{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":9}"))
                    .isEqualTo("{\"result\":[],\"id\":9}");
                assertThat(ask(socket, client, "{\"method\":\"SUBSCRIBE\",\"params\":[\"eth-usd@depth@100ms\"," +
                    "\"ETH-USD@bookTicker\"],\"id\":10}")).isEqualTo("{\"result\":null,\"id\":10}");
                assertThat(ask(socket, client, "{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":11}"))
                    .isEqualTo("{\"result\":[\"eth-usd@depth\",\"eth-usd@bookTicker\"],\"id\":11}");
                assertThat(marketData.streams().streamErrors(1)).isEqualTo(2);
                assertThat(marketData.streams().streamErrors(2)).isEqualTo(5);
                assertThat(marketData.streams().streamErrors(3)).isEqualTo(1);
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();

                final String depth = "http://" + base + "/api/v3/depth";
                assertThat(status(depth)).isEqualTo("400 {\"code\":-1102,\"msg\":\"Mandatory parameter 'symbol' was " +
                    "not sent, was empty/null, or malformed.\"}");
                assertThat(status(depth + "?symbol=NOPE"))
                    .isEqualTo("400 {\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
                assertThat(status(depth + "?symbol=BTC-USD&limit=0")).isEqualTo("400 {\"code\":-1130,\"msg\":" +
                    "\"Parameter 'limit' must be 1 to 5000.\"}");
                assertThat(status(depth + "?symbol=BTC-USD&limit=ten")).isEqualTo("400 {\"code\":-1130,\"msg\":" +
                    "\"Parameter 'limit' must be a non-negative integer.\"}");
                assertThat(status(depth + "?symbol=BTC-USD&side=BUY")).isEqualTo("400 {\"code\":-1103,\"msg\":" +
                    "\"An unknown parameter was sent: 'side'.\"}");
                assertThat(status(depth + "?symbol=BTC-USD")).isEqualTo("200 {\"lastUpdateId\":0,\"bids\":[]," +
                    "\"asks\":[]}");
                assertThat(gateways.json().counters().errors(ApiError.INVALID_PARAMETER)).isEqualTo(2);
            }
            assertThat(node.appliedSequence()).as("commands the engine applied").isEqualTo(applied);
        }
    }

    private static String ask(final WebSocket socket, final StreamClient client, final String request)
        throws Exception
    {
        socket.sendText(request, true).join();
        return client.next();
    }

    private static String status(final String uri) throws Exception
    {
        final HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    /**
     * Sends {@code count} random limit orders on BTC-USD for accounts 1 to 5; with {@code crossing}, a third of them
     * cross the spread (IOC or GTC), so trades modify and delete resting orders.
     */
    private static long send(final NodeClient orders, final SplittableRandom random, final int count,
        final boolean crossing)
    {
        long last = 0;
        for (int i = 0; i < count; i++)
        {
            final boolean buy = random.nextBoolean();
            final boolean cross = crossing && random.nextInt(3) == 0;
            final long offset = random.nextLong(1, 200);
            final long price = cross ? (buy ? 10_000 + offset : 10_000 - offset) : (buy ? 10_000 - offset :
                10_000 + offset);
            last = orders.newOrder(1 + random.nextInt(5), 1_000_000 + CLIENT_IDS.incrementAndGet(), 1,
                buy ? Side.BUY : Side.SELL, OrderType.LIMIT, cross && random.nextBoolean() ? TimeInForce.IOC :
                TimeInForce.GTC, false, SelfTradePrevention.CANCEL_NEWEST, price, random.nextLong(1, 20));
            assertThat(last).as("order %d taken by the input ring", i).isPositive();
        }
        return last;
    }

    private static Map<String, TreeMap<BigDecimal, String>> engineBook(final MatchingEngine engine,
        final int instrumentId)
    {
        final TreeMap<BigDecimal, String> bids = new TreeMap<>();
        final TreeMap<BigDecimal, String> asks = new TreeMap<>();
        engine.visit(new EngineStateVisitor()
        {
            @Override
            public void onInstrument(final int id, final InstrumentState state, final long referencePrice,
                final int priceScale, final int quantityScale)
            {
            }

            @Override
            public void onLevel(final int id, final Side side, final long price, final long quantity,
                final int orders)
            {
                if (id == instrumentId)
                {
                    (side == Side.BUY ? bids : asks).put(BigDecimal.valueOf(price, 2), Long.toString(quantity));
                }
            }

            @Override
            public void onBalance(final long accountId, final int assetId, final long balance, final long held)
            {
            }
        });
        return Map.of("bids", bids, "asks", asks);
    }

    static String get(final String uri) throws Exception
    {
        final HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
