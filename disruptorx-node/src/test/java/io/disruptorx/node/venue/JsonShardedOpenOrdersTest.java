package io.disruptorx.node.venue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.gateway.auth.ApiKeyCredential;
import io.disruptorx.gateway.auth.User;
import io.disruptorx.gateway.codec.ClientOrderIds;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.gateway.config.GatewaySecurityConfig;
import io.disruptorx.gateway.json.JsonConfig;
import io.disruptorx.gateway.support.EngineVenue;
import io.disruptorx.gateway.support.TestVenueSetup;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.ShardIds;
import io.disruptorx.shard.venue.ShardedVenueClient;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v3/openOrders} of the JSON edge in front of a sharded venue (three shards, each a real engine,
 * behind the {@link ShardedVenueClient}): the query goes to every shard (of one symbol: its shard) and the edge lists
 * the merged answer, shard by shard, order ids global. The orders were entered through the venue client before the
 * gateway started (as through another gateway), so only the venue knows them; a partial fill shows in the executed
 * quantity and the quote, a post-only order is {@code LIMIT_MAKER}, a shard without orders of the account adds none.
 */
class JsonShardedOpenOrdersTest
{
    private static final String T = "1700000000000";

    @Test
    @Timeout(60)
    void shouldListTheOpenOrdersOfEveryShard() throws Exception
    {
        final GatewayConfig config = TestVenueSetup.gatewayConfig(0, 1024, 1_000_000_000L);
        final JsonConfig json = new JsonConfig(new InetSocketAddress("127.0.0.1", 0), 4096, 5_000, List.of(
            new ApiKeyCredential("ak", user(config, "alice"), ApiKeyCredential.SignatureAlgorithm.HMAC_SHA256,
                "as".getBytes(StandardCharsets.UTF_8)),
            new ApiKeyCredential("bk", user(config, "bob"), ApiKeyCredential.SignatureAlgorithm.HMAC_SHA256,
                "bs".getBytes(StandardCharsets.UTF_8))));
        final EngineVenue[] shards = new EngineVenue[3];
        for (int i = 0; i < shards.length; i++)
        {
            shards[i] = new EngineVenue(EngineConfig.defaults());
            TestVenueSetup.list(shards[i].engine());
        }
        // BTC-USD (1) on shard 0, ETH-USD (2) on shard 2; shard 1 holds no order of anyone
        final RoutingTable table = RoutingTable.initial(List.of("s0", "s1", "s2"), 4096).withOverride(1, 0)
            .withOverride(2, 2);
        final ShardedVenueClient venue = new ShardedVenueClient(table, shards);
        final Entry entry = new Entry(venue);
        entry.order(1, "x1", 1, Side.BUY, TimeInForce.GTC, false, 9_950, 3);
        entry.order(1, "x2", 1, Side.SELL, TimeInForce.GTC, true, 10_100, 2);
        entry.order(1, "x3", 2, Side.BUY, TimeInForce.GTC, false, 200_000, 2_000);
        entry.order(3, "y1", 1, Side.SELL, TimeInForce.IOC, false, 9_900, 1);

        try (NodeGateways gateways = NodeGateways.start(venue, config, json, GatewaySecurityConfig.NONE,
            new BackoffIdleStrategy(1, 1, 1_000, 100_000), null))
        {
            final String base = "http://127.0.0.1:" + gateways.jsonPort();
            final String buy = order("BTC-USD", ShardIds.global(0, 1), "x1", "99.50", "3", "1", "99.50",
                "PARTIALLY_FILLED", "LIMIT", "BUY");
            final String postOnly = order("BTC-USD", ShardIds.global(0, 2), "x2", "101.00", "2", "0", "0.00", "NEW",
                "LIMIT_MAKER", "SELL");
            final String eth = order("ETH-USD", ShardIds.global(2, 1), "x3", "2000.00", "2.000", "0.000", "0.00",
                "NEW", "LIMIT", "BUY");

            assertThat(openOrders(base, "ak", "as", "").body()).isEqualTo("[" + buy + "," + postOnly + "," + eth +
                "]");
            assertThat(openOrders(base, "ak", "as", "symbol=ETH-USD").body()).isEqualTo("[" + eth + "]");
            assertThat(openOrders(base, "ak", "as", "symbol=BTC-USD").body()).isEqualTo("[" + buy + "," + postOnly +
                "]");
            assertThat(openOrders(base, "bk", "bs", "").body()).isEqualTo("[]");
            final HttpResponse<String> foreign = openOrders(base, "bk", "bs", "account=1");
            assertThat(foreign.statusCode()).isEqualTo(401);
            assertThat(foreign.body()).isEqualTo("{\"code\":-2015,\"msg\":\"Not entitled to account 1.\"}");
        }
    }

    private static String order(
        final String symbol, final long orderId, final String clientOrderId, final String price,
        final String originalQuantity, final String executed, final String quote, final String status,
        final String type, final String side)
    {
        return "{\"symbol\":\"" + symbol + "\",\"orderId\":" + orderId + ",\"orderListId\":-1,\"clientOrderId\":\"" +
            clientOrderId + "\",\"transactTime\":" + T + ",\"price\":\"" + price + "\",\"origQty\":\"" +
            originalQuantity + "\",\"executedQty\":\"" + executed + "\",\"cummulativeQuoteQty\":\"" + quote +
            "\",\"status\":\"" + status + "\",\"timeInForce\":\"GTC\",\"type\":\"" + type + "\",\"side\":\"" + side +
            "\",\"time\":" + T + ",\"updateTime\":" + T + ",\"account\":1}";
    }

    private static User user(final GatewayConfig config, final String name)
    {
        return config.users().stream().filter(e -> e.user().name().equals(name)).findFirst().orElseThrow().user();
    }

    private static HttpResponse<String> openOrders(final String base, final String key, final String secret,
        final String params) throws Exception
    {
        final String query = (params.isEmpty() ? "" : params + "&") + "timestamp=" + System.currentTimeMillis();
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        final String signature = HexFormat.of().formatHex(mac.doFinal(query.getBytes(StandardCharsets.UTF_8)));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(base + "/api/v3/openOrders?" + query + "&signature=" + signature))
            .GET().header("X-MBX-APIKEY", key).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Enters orders through the sharded venue client itself, as another gateway in front of the same shards would.
     */
    private static final class Entry
    {
        private final ShardedVenueClient venue;
        private final SbeCommandEncoder encoder = new SbeCommandEncoder();
        private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);

        Entry(final ShardedVenueClient venue)
        {
            this.venue = venue;
        }

        void order(final long account, final String clientOrderId, final int instrument, final Side side,
            final TimeInForce timeInForce, final boolean postOnly, final long price, final long quantity)
        {
            final int length = encoder.newOrder(buffer, 0, 0, account, ClientOrderIds.encode(clientOrderId),
                instrument, side, OrderType.LIMIT, timeInForce, postOnly, SelfTradePrevention.NONE, price, quantity);
            assertThat(venue.offer(buffer, 0, length)).isPositive();
        }
    }
}
