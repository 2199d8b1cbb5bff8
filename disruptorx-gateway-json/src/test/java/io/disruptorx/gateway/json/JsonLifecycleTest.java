package io.disruptorx.gateway.json;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.disruptorx.gateway.json.JsonTestClient.params;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An order's life over REST with the JDK's HttpClient against the real engine, every answer compared whole: alice
 * signs with HMAC-SHA256, bob with Ed25519.
 */
class JsonLifecycleTest
{
    static final String T = "1700000000000";

    private JsonTestVenue venue;
    private JsonTestClient alice;
    private JsonTestClient bob;

    @BeforeEach
    void start()
    {
        venue = new JsonTestVenue();
        alice = JsonTestClient.hmac(venue.baseUrl(), "alice");
        bob = new JsonTestClient(venue.baseUrl(), "bob-key", null, venue.bobKeys().getPrivate());
    }

    @AfterEach
    void stop()
    {
        venue.close();
    }

    @Test
    void shouldPlaceFillReplaceQueryAndCancelAnOrder()
    {
        assertThat(alice.signed("POST", "/api/v3/order", params("symbol", "BTC-USD", "side", "BUY", "type", "LIMIT",
            "timeInForce", "GTC", "quantity", "3", "price", "99.50", "newClientOrderId", "a1")))
            .isEqualTo(ok(order(1, "a1", "99.50", "3", "0", "0.00", "NEW", "GTC", "LIMIT", "BUY", 1) +
            ",\"fills\":[]}"));
        assertThat(alice.signed("GET", "/api/v3/order", params("symbol", "BTC-USD", "origClientOrderId", "a1")))
            .isEqualTo(ok(order(1, "a1", "99.50", "3", "0", "0.00", "NEW", "GTC", "LIMIT", "BUY", 1) + "}"));

        assertThat(bob.signed("POST", "/api/v3/order", params("symbol", "BTC-USD", "side", "SELL", "type", "MARKET",
            "quantity", "1", "newClientOrderId", "b1")))
            .isEqualTo(ok(order(2, "b1", "0.00", "1", "1", "99.50", "FILLED", "IOC", "MARKET", "SELL", 3) +
            ",\"fills\":[{\"price\":\"99.50\",\"qty\":\"1\",\"commission\":\"0.02\",\"tradeId\":1}]}"));
        assertThat(alice.signed("GET", "/api/v3/order", params("symbol", "BTC-USD", "orderId", "1")))
            .isEqualTo(ok(order(1, "a1", "99.50", "3", "1", "99.50", "PARTIALLY_FILLED", "GTC", "LIMIT", "BUY", 1) +
            "}"));

        assertThat(alice.signed("PUT", "/api/v3/order", params("symbol", "BTC-USD", "origClientOrderId", "a1",
            "price", "99.00", "quantity", "1")))
            .isEqualTo(ok(order(1, "a1", "99.00", "2", "1", "99.50", "PARTIALLY_FILLED", "GTC", "LIMIT", "BUY", 1) +
            "}"));
        assertThat(alice.signed("GET", "/api/v3/openOrders", params("symbol", "BTC-USD")))
            .isEqualTo(ok("[" + order(1, "a1", "99.00", "2", "1", "99.50", "PARTIALLY_FILLED", "GTC", "LIMIT", "BUY",
            1) + "}]"));

        assertThat(alice.signed("DELETE", "/api/v3/order", params("symbol", "BTC-USD", "origClientOrderId", "a1")))
            .isEqualTo(ok(order(1, "a1", "99.00", "2", "1", "99.50", "CANCELED", "GTC", "LIMIT", "BUY", 1) + "}"));
        assertThat(alice.signed("DELETE", "/api/v3/order", params("symbol", "BTC-USD", "origClientOrderId", "a1")))
            .isEqualTo(new JsonTestClient.Answer(400,
            "{\"code\":-2011,\"msg\":\"Unknown order sent: UNKNOWN_ORDER.\"}"));
        assertThat(alice.signed("GET", "/api/v3/openOrders", params())).isEqualTo(ok("[]"));
        assertThat(alice.signed("GET", "/api/v3/order", params("symbol", "BTC-USD", "origClientOrderId", "a1")))
            .isEqualTo(ok(order(1, "a1", "99.00", "2", "1", "99.50", "CANCELED", "GTC", "LIMIT", "BUY", 1) + "}"));
        assertThat(alice.signed("GET", "/api/v3/myTrades", params("symbol", "BTC-USD")))
            .isEqualTo(ok("[{\"symbol\":\"BTC-USD\",\"id\":1,\"orderId\":1,\"price\":\"99.50\",\"qty\":\"1\"," +
            "\"quoteQty\":\"99.50\",\"commission\":\"0.01\",\"time\":" + T + ",\"isBuyer\":true,\"isMaker\":true}]"));
        assertThat(bob.signed("GET", "/api/v3/order", params("symbol", "BTC-USD", "orderId", "77")))
            .isEqualTo(new JsonTestClient.Answer(400, "{\"code\":-2013,\"msg\":\"Order does not exist.\"}"));
    }

    @Test
    void shouldAnswerThePublicEndpoints()
    {
        final JsonTestClient anyone = new JsonTestClient(venue.baseUrl(), null, null, null);
        assertThat(anyone.send("GET", "/api/v3/ping", "", null)).isEqualTo(ok("{}"));
        assertThat(anyone.send("GET", "/api/v3/exchangeInfo", "", null).body())
            .contains("{\"symbol\":\"ETH-USD\",\"status\":\"TRADING\",\"priceScale\":2,\"quantityScale\":3," +
            "\"tickSize\":5,\"lotSize\":1000}");
        assertThat(anyone.send("GET", "/api/v3/time", "", null).body()).startsWith("{\"serverTime\":");
    }

    static JsonTestClient.Answer ok(final String body)
    {
        return new JsonTestClient.Answer(200, body);
    }

    static String order(
        final long orderId, final String clientOrderId, final String price, final String originalQuantity,
        final String executed, final String quote, final String status, final String timeInForce, final String type,
        final String side, final long account)
    {
        return "{\"symbol\":\"BTC-USD\",\"orderId\":" + orderId + ",\"orderListId\":-1,\"clientOrderId\":\"" +
            clientOrderId + "\",\"transactTime\":" + T + ",\"price\":\"" + price + "\",\"origQty\":\"" +
            originalQuantity + "\",\"executedQty\":\"" + executed + "\",\"cummulativeQuoteQty\":\"" + quote +
            "\",\"status\":\"" + status + "\",\"timeInForce\":\"" + timeInForce + "\",\"type\":\"" + type +
            "\",\"side\":\"" + side + "\",\"time\":" + T + ",\"updateTime\":" + T + ",\"account\":" + account;
    }
}
