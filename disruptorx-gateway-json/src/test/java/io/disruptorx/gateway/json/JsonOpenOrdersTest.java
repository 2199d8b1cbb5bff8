package io.disruptorx.gateway.json;

import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.gateway.codec.ClientOrderIds;
import io.disruptorx.gateway.support.EngineVenue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.disruptorx.gateway.json.JsonLifecycleTest.T;
import static io.disruptorx.gateway.json.JsonLifecycleTest.ok;
import static io.disruptorx.gateway.json.JsonTestClient.params;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v3/openOrders} answered by the venue's open-orders query, with the JDK's HttpClient against the
 * real engine: orders that never passed through this edge (entered straight into the venue's engine, as another
 * gateway's would be, before the user's first JSON request, so the edge's own order table never saw them) are
 * listed, in the venue's order (instruments in id order, each book in priority order), with what only the venue
 * knows: the executed quantity and the quote it moved after a partial fill, {@code LIMIT_MAKER} for a post-only
 * order. One symbol can be asked alone; an account with none gets {@code []}; an unknown symbol and another user's
 * account are refused.
 */
class JsonOpenOrdersTest
{
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
    void shouldListTheVenuesOrdersOfTheAccountWhereverTheyWereEntered()
    {
        enterElsewhere(1, "x1", 1, Side.BUY, TimeInForce.GTC, false, 9_950, 3);
        enterElsewhere(1, "x2", 1, Side.SELL, TimeInForce.GTC, true, 10_100, 2);
        enterElsewhere(1, "x3", 2, Side.BUY, TimeInForce.DAY, false, 200_000, 2_000);
        // bob's IOC sell of 1 at 99.00 fills 1 of alice's buy at its 99.50 and leaves nothing of his own open
        enterElsewhere(3, "y1", 1, Side.SELL, TimeInForce.IOC, false, 9_900, 1);

        final String buy = order("BTC-USD", 1, "x1", "99.50", "3", "1", "99.50", "PARTIALLY_FILLED", "GTC", "LIMIT",
            "BUY");
        final String postOnly = order("BTC-USD", 2, "x2", "101.00", "2", "0", "0.00", "NEW", "GTC", "LIMIT_MAKER",
            "SELL");
        final String eth = order("ETH-USD", 3, "x3", "2000.00", "2.000", "0.000", "0.00", "NEW", "DAY", "LIMIT",
            "BUY");
        assertThat(alice.signed("GET", "/api/v3/openOrders", params()))
            .isEqualTo(ok("[" + buy + "," + postOnly + "," + eth + "]"));
        assertThat(alice.signed("GET", "/api/v3/openOrders", params("symbol", "ETH-USD")))
            .isEqualTo(ok("[" + eth + "]"));
        assertThat(alice.signed("GET", "/api/v3/openOrders", params("symbol", "BTC-USD", "account", "1")))
            .isEqualTo(ok("[" + buy + "," + postOnly + "]"));
        assertThat(alice.signed("GET", "/api/v3/openOrders", params("account", "2"))).isEqualTo(ok("[]"));
        assertThat(bob.signed("GET", "/api/v3/openOrders", params())).isEqualTo(ok("[]"));

        // a second fill, through this edge this time: executed and quote add up, the order leaves the list when done
        assertThat(bob.signed("POST", "/api/v3/order", params("symbol", "BTC-USD", "side", "SELL", "type", "LIMIT",
            "timeInForce", "IOC", "quantity", "1", "price", "99.50", "newClientOrderId", "y2")).body())
            .contains("\"status\":\"FILLED\"");
        assertThat(alice.signed("GET", "/api/v3/openOrders", params("symbol", "BTC-USD")))
            .isEqualTo(ok("[" + order("BTC-USD", 1, "x1", "99.50", "3", "2", "199.00", "PARTIALLY_FILLED", "GTC",
            "LIMIT", "BUY") + "," + postOnly + "]"));
    }

    @Test
    void shouldRefuseAnUnknownSymbolAndAnotherUsersAccount()
    {
        assertThat(alice.signed("GET", "/api/v3/openOrders", params("symbol", "DOGE-USD")))
            .isEqualTo(new JsonTestClient.Answer(400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}"));
        assertThat(alice.signed("GET", "/api/v3/openOrders", params("account", "3")))
            .isEqualTo(new JsonTestClient.Answer(401, "{\"code\":-2015,\"msg\":\"Not entitled to account 3.\"}"));
        assertThat(alice.signed("GET", "/api/v3/openOrders", params("limit", "3")).body())
            .startsWith("{\"code\":-1103,");
        assertThat(venue.commandsTaken()).as("none of them reached the venue").isZero();
    }

    private void enterElsewhere(final long account, final String clientOrderId, final int instrument,
        final Side side, final TimeInForce timeInForce, final boolean postOnly, final long price, final long quantity)
    {
        venue.onGatewayThread((EngineVenue engineVenue) ->
        {
            engineVenue.engine().newOrder(engineVenue.nextTimestamp(), account, ClientOrderIds.encode(clientOrderId),
                instrument, side, OrderType.LIMIT, timeInForce, postOnly, SelfTradePrevention.NONE, price, quantity);
            return null;
        });
    }

    static String order(
        final String symbol, final long orderId, final String clientOrderId, final String price,
        final String originalQuantity, final String executed, final String quote, final String status,
        final String timeInForce, final String type, final String side)
    {
        return "{\"symbol\":\"" + symbol + "\",\"orderId\":" + orderId + ",\"orderListId\":-1,\"clientOrderId\":\"" +
            clientOrderId + "\",\"transactTime\":" + T + ",\"price\":\"" + price + "\",\"origQty\":\"" +
            originalQuantity + "\",\"executedQty\":\"" + executed + "\",\"cummulativeQuoteQty\":\"" + quote +
            "\",\"status\":\"" + status + "\",\"timeInForce\":\"" + timeInForce + "\",\"type\":\"" + type +
            "\",\"side\":\"" + side + "\",\"time\":" + T + ",\"updateTime\":" + T + ",\"account\":1}";
    }
}
