package io.disruptorx.node.venue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.disruptorx.gateway.auth.ApiKeyCredential;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.gateway.json.JsonConfig;
import io.disruptorx.gateway.support.TestVenueSetup;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON edge started by {@link NodeGateways} in front of a real embedded node (journal, engine, output ring):
 * a signed REST order crosses the node and is answered with its acceptance, a matching order with its fill; a GTC
 * order that sweeps several resting levels and rests is answered with every one of its entry fills (the node's
 * venue client signals each command's end and the answer waits for it), round after round of seeded books.
 */
class EmbeddedJsonGatewayTest
{
    private static final int ROUNDS = 8;
    private static final Pattern FILL = Pattern.compile("\\{\"price\":\"([0-9.]+)\",\"qty\":\"([0-9]+)\"");

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void shouldTradeOverRestThroughTheNode() throws Exception
    {
        final var config = TestVenueSetup.gatewayConfig(0, 1024, 1_000_000_000L);
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir).withSegmentSize(1024 * 1024)
            .withRingSizes(1024, 4096), null, null))
        {
            NodeVenueSetup.list(node);
            try (NodeGateways gateways = NodeGateways.start(node, config, json(config),
                new BackoffIdleStrategy(1, 1, 1_000, 100_000)))
            {
                final String base = "http://127.0.0.1:" + gateways.jsonPort();
                final HttpResponse<String> placed = post(base, "ak", "as", "symbol=BTC-USD&side=BUY&type=LIMIT" +
                    "&timeInForce=GTC&quantity=10&price=101.00&newClientOrderId=n1");
                assertThat(placed.statusCode()).isEqualTo(200);
                assertThat(placed.body()).startsWith("{\"symbol\":\"BTC-USD\",\"orderId\":1,\"orderListId\":-1," +
                    "\"clientOrderId\":\"n1\",").contains("\"price\":\"101.00\",\"origQty\":\"10\",\"executedQty\":" +
                    "\"0\"").contains("\"status\":\"NEW\"");
                final HttpResponse<String> taken = post(base, "bk", "bs", "symbol=BTC-USD&side=SELL&type=LIMIT" +
                    "&timeInForce=IOC&quantity=4&price=101.00&newClientOrderId=n2");
                assertThat(taken.body()).contains("\"executedQty\":\"4\"").contains("\"status\":\"FILLED\"")
                    .contains("\"fills\":[{\"price\":\"101.00\",\"qty\":\"4\"");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    @Timeout(120)
    void shouldAnswerAGtcSweepWithEveryEntryFill(final long seed) throws Exception
    {
        final Random random = new Random(seed);
        final var config = TestVenueSetup.gatewayConfig(0, 1024, 1_000_000_000L);
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir).withSegmentSize(1024 * 1024)
            .withRingSizes(1024, 4096), null, null))
        {
            NodeVenueSetup.list(node);
            try (NodeGateways gateways = NodeGateways.start(node, config, json(config),
                new BackoffIdleStrategy(1, 1, 1_000, 100_000)))
            {
                final String base = "http://127.0.0.1:" + gateways.jsonPort();
                for (int round = 0; round < ROUNDS; round++)
                {
                    final int levels = 2 + random.nextInt(5);
                    final long basePrice = 9_500 + 100L * round;
                    final StringBuilder expected = new StringBuilder();
                    long total = 0;
                    for (int level = 0; level < levels; level++)
                    {
                        final long price = basePrice + 10L * level;
                        final int quantity = 1 + random.nextInt(5);
                        total += quantity;
                        expected.append(expected.length() == 0 ? "" : " ").append(decimal(price)).append('x')
                            .append(quantity);
                        final HttpResponse<String> rested = post(base, "bk", "bs", "symbol=BTC-USD&side=SELL" +
                            "&type=LIMIT&timeInForce=GTC&quantity=" + quantity + "&price=" + decimal(price) +
                            "&newClientOrderId=s" + round + "x" + level);
                        assertThat(rested.statusCode()).as(rested.body()).isEqualTo(200);
                    }
                    final int rest = 1 + random.nextInt(5);
                    final HttpResponse<String> sweep = post(base, "ak", "as", "symbol=BTC-USD&side=BUY&type=LIMIT" +
                        "&timeInForce=GTC&quantity=" + (total + rest) + "&price=" +
                        decimal(basePrice + 10L * (levels - 1)) + "&newClientOrderId=b" + round);
                    assertThat(sweep.statusCode()).as(sweep.body()).isEqualTo(200);
                    assertThat(fills(sweep.body())).as("seed %d round %d: %s", seed, round, sweep.body())
                        .isEqualTo(expected.toString());
                    assertThat(sweep.body()).contains("\"executedQty\":\"" + total + "\"")
                        .contains("\"status\":\"PARTIALLY_FILLED\"");
                }
            }
        }
    }

    private static JsonConfig json(final GatewayConfig config)
    {
        final var alice = config.users().stream().filter(e -> e.user().name().equals("alice")).findFirst()
            .orElseThrow().user();
        final var bob = config.users().stream().filter(e -> e.user().name().equals("bob")).findFirst()
            .orElseThrow().user();
        return new JsonConfig(new InetSocketAddress("127.0.0.1", 0), 4096, 5_000, List.of(
            new ApiKeyCredential("ak", alice, ApiKeyCredential.SignatureAlgorithm.HMAC_SHA256, "as".getBytes()),
            new ApiKeyCredential("bk", bob, ApiKeyCredential.SignatureAlgorithm.HMAC_SHA256, "bs".getBytes())));
    }

    private static String decimal(final long cents)
    {
        return cents / 100 + "." + String.format("%02d", cents % 100);
    }

    private static String fills(final String answer)
    {
        final StringBuilder fills = new StringBuilder();
        final Matcher matcher = FILL.matcher(answer);
        while (matcher.find())
        {
            fills.append(fills.length() == 0 ? "" : " ").append(matcher.group(1)).append('x').append(matcher.group(2));
        }
        return fills.toString();
    }

    private static HttpResponse<String> post(final String base, final String key, final String secret,
        final String params) throws Exception
    {
        final String query = params + "&timestamp=" + System.currentTimeMillis();
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        final String signature = HexFormat.of().formatHex(mac.doFinal(query.getBytes(StandardCharsets.UTF_8)));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(base + "/api/v3/order?" + query + "&signature=" + signature))
            .POST(HttpRequest.BodyPublishers.noBody()).header("X-MBX-APIKEY", key).timeout(Duration.ofSeconds(10))
            .build(), HttpResponse.BodyHandlers.ofString());
    }
}
