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
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.disruptorx.gateway.auth.ApiKeyCredential;
import io.disruptorx.gateway.json.JsonConfig;
import io.disruptorx.gateway.support.TestVenueSetup;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON edge started by {@link NodeGateways} in front of a real embedded node (journal, engine, output ring):
 * a signed REST order crosses the node and is answered with its acceptance, a matching order with its fill.
 */
class EmbeddedJsonGatewayTest
{
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void shouldTradeOverRestThroughTheNode() throws Exception
    {
        final var config = TestVenueSetup.gatewayConfig(0, 1024, 1_000_000_000L);
        final var alice = config.users().stream().filter(e -> e.user().name().equals("alice")).findFirst()
            .orElseThrow().user();
        final var bob = config.users().stream().filter(e -> e.user().name().equals("bob")).findFirst()
            .orElseThrow().user();
        final JsonConfig json = new JsonConfig(new InetSocketAddress("127.0.0.1", 0), 4096, 5_000, List.of(
            new ApiKeyCredential("ak", alice, ApiKeyCredential.SignatureAlgorithm.HMAC_SHA256, "as".getBytes()),
            new ApiKeyCredential("bk", bob, ApiKeyCredential.SignatureAlgorithm.HMAC_SHA256, "bs".getBytes())));
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir).withSegmentSize(1024 * 1024)
            .withRingSizes(1024, 4096), null, null))
        {
            NodeVenueSetup.list(node);
            try (NodeGateways gateways = NodeGateways.start(node, config, json,
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
