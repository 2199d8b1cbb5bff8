package io.disruptorx.gateway.json;

import java.net.URI;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.disruptorx.core.net.TextMessages;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.gateway.codec.ClientOrderIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.disruptorx.gateway.json.JsonTestClient.params;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebSocket API with the JDK's WebSocket client: order entry, the user data stream receiving the execution
 * reports of the user's orders (whichever edge entered them), a second connection resuming the stream from a
 * sequence number with nothing lost or repeated, and malformed messages answered with their codes.
 */
class JsonWebSocketTest
{
    private static final String T = JsonLifecycleTest.T;

    private JsonTestVenue venue;
    private JsonTestClient alice;

    @BeforeEach
    void start()
    {
        venue = new JsonTestVenue();
        alice = JsonTestClient.hmac(venue.baseUrl(), "alice");
    }

    @AfterEach
    void stop()
    {
        venue.close();
    }

    @Test
    void shouldEnterOrdersAndStreamTheirReports() throws Exception
    {
        final Connection stream = new Connection(venue.webSocketUrl());
        stream.send(request(1, "userDataStream.subscribe", params()));
        assertThat(stream.next()).isEqualTo("{\"id\":1,\"status\":200,\"result\":{\"subscriptionId\":1," +
            "\"nextSequence\":1}}");

        stream.send(request(2, "order.place", params("symbol", "BTC-USD", "side", "BUY", "type", "LIMIT",
            "timeInForce", "GTC", "quantity", "3", "price", "99.50", "newClientOrderId", "w1")));
        assertThat(stream.next()).isEqualTo("{\"id\":2,\"status\":200,\"result\":" + JsonLifecycleTest.order(1, "w1",
            "99.50", "3", "0", "0.00", "NEW", "GTC", "LIMIT", "BUY", 1) + ",\"fills\":[]}}");
        final String accepted = "{\"subscriptionId\":1,\"event\":{\"e\":\"executionReport\",\"E\":" + T +
            ",\"s\":\"BTC-USD\",\"c\":\"w1\",\"S\":\"BUY\",\"o\":\"LIMIT\",\"f\":\"GTC\",\"q\":\"3\",\"p\":\"99.50\"," +
            "\"x\":\"NEW\",\"X\":\"NEW\",\"r\":\"NONE\",\"i\":1,\"T\":" + T + ",\"dxSeq\":1,\"acct\":1}}";
        assertThat(stream.next()).isEqualTo(accepted);

        final JsonTestClient bob =
            new JsonTestClient(venue.baseUrl(), "bob-key", null, venue.bobKeys().getPrivate());
        assertThat(bob.signed("POST", "/api/v3/order", params("symbol", "BTC-USD", "side", "SELL", "type", "MARKET",
            "quantity", "1")).status()).isEqualTo(200);
        final String fill = "{\"subscriptionId\":1,\"event\":{\"e\":\"executionReport\",\"E\":" + T +
            ",\"s\":\"BTC-USD\",\"c\":\"w1\",\"S\":\"BUY\",\"x\":\"TRADE\",\"X\":\"PARTIALLY_FILLED\",\"r\":\"NONE\"," +
            "\"i\":1,\"l\":\"1\",\"L\":\"99.50\",\"n\":\"0.01\",\"t\":1,\"m\":true,\"z\":\"1\",\"lv\":\"2\"," +
            "\"T\":" + T + ",\"dxSeq\":2,\"acct\":1}}";
        assertThat(stream.next()).isEqualTo(fill);

        final Connection resumed = new Connection(venue.webSocketUrl());
        resumed.send(request("r", "userDataStream.subscribe", params("fromSequence", "1")));
        assertThat(resumed.next()).isEqualTo("{\"id\":\"r\",\"status\":200,\"result\":{\"subscriptionId\":2," +
            "\"nextSequence\":1}}");
        assertThat(resumed.next()).isEqualTo(accepted.replace("\"subscriptionId\":1", "\"subscriptionId\":2"));
        assertThat(resumed.next()).isEqualTo(fill.replace("\"subscriptionId\":1", "\"subscriptionId\":2"));
        resumed.send(request(3, "order.cancel", params("symbol", "BTC-USD", "origClientOrderId", "w1")));
        assertThat(resumed.next()).isEqualTo("{\"id\":3,\"status\":200,\"result\":" + JsonLifecycleTest.order(1,
            "w1", "99.50", "3", "1", "99.50", "CANCELED", "GTC", "LIMIT", "BUY", 1) + "}}");
        assertThat(resumed.next()).contains("\"x\":\"CANCELED\",\"X\":\"CANCELED\",\"r\":\"REQUESTED\"")
            .contains("\"dxSeq\":3");
        assertThat(stream.next()).contains("\"x\":\"CANCELED\"").contains("\"dxSeq\":3");
        assertThat(stream.quiet()).isTrue();
        assertThat(resumed.quiet()).isTrue();
    }

    @Test
    void shouldAnswerAccountStatusWithTheEnginesBalances() throws Exception
    {
        final Connection connection = new Connection(venue.webSocketUrl());
        connection.send(request(1, "order.place", params("symbol", "BTC-USD", "side", "BUY", "type", "LIMIT",
            "timeInForce", "GTC", "quantity", "3", "price", "99.50", "newClientOrderId", "a1")));
        assertThat(connection.next()).contains("\"status\":\"NEW\"");
        connection.send(request(2, "account.status", params()));
        // a buy of 3 at 99.50 holds 3 x 9,950 plus the taker fee of 2 per lot, in asset 0's units (unnamed here)
        assertThat(connection.next()).startsWith("{\"id\":2,\"status\":200,\"result\":{\"account\":1,")
            .contains("\"balances\":[{\"asset\":\"0\",\"free\":\"999999970144\",\"locked\":\"29856\"," +
                "\"inTransfer\":\"0\"},{\"asset\":\"1\",\"free\":\"1000000000\",\"locked\":\"0\"," +
                "\"inTransfer\":\"0\"},{\"asset\":\"2\",\"free\":\"1000000000000\",\"locked\":\"0\"," +
                "\"inTransfer\":\"0\"}]");
        connection.send(request(3, "account.status", params("account", "3")));
        assertThat(connection.next()).isEqualTo("{\"id\":3,\"status\":401,\"error\":{\"code\":-2015," +
            "\"msg\":\"Not entitled to account 3.\"}}");
    }

    @Test
    void shouldAnswerOpenOrdersStatusWithTheVenuesOrders() throws Exception
    {
        venue.onGatewayThread(engineVenue ->
        {
            engineVenue.engine().newOrder(engineVenue.nextTimestamp(), 1, ClientOrderIds.encode("v1"), 1, Side.SELL,
                OrderType.LIMIT, TimeInForce.GTC, true, SelfTradePrevention.NONE, 10_100, 4);
            return null;
        });
        final Connection connection = new Connection(venue.webSocketUrl());
        connection.send(request(1, "openOrders.status", params("symbol", "BTC-USD")));
        assertThat(connection.next()).isEqualTo("{\"id\":1,\"status\":200,\"result\":[" +
            JsonOpenOrdersTest.order("BTC-USD", 1, "v1", "101.00", "4", "0", "0.00", "NEW", "GTC", "LIMIT_MAKER",
            "SELL") + "]}");
        connection.send(request(2, "openOrders.status", params("symbol", "ETH-USD")));
        assertThat(connection.next()).isEqualTo("{\"id\":2,\"status\":200,\"result\":[]}");
        connection.send(request(3, "openOrders.status", params("symbol", "NOPE")));
        assertThat(connection.next()).isEqualTo("{\"id\":3,\"status\":400,\"error\":{\"code\":-1121," +
            "\"msg\":\"Invalid symbol.\"}}");
    }

    @Test
    void shouldAnswerMalformedMessagesWithTheirCodes() throws Exception
    {
        final Connection connection = new Connection(venue.webSocketUrl());
        connection.send("{\"id\":1,\"method\":\"order.place\",");
        assertThat(connection.next()).isEqualTo("{\"id\":null,\"status\":400,\"error\":{\"code\":-1100," +
            "\"msg\":\"Malformed JSON at character 31: unexpected end.\"}}");
        connection.send("{\"id\":2,\"method\":\"order.teleport\",\"params\":{}}");
        assertThat(connection.next()).isEqualTo("{\"id\":2,\"status\":400,\"error\":{\"code\":-1020," +
            "\"msg\":\"Unknown method 'order.teleport'.\"}}");
        connection.send("{\"id\":3,\"method\":\"ping\",\"extra\":true}");
        assertThat(connection.next()).isEqualTo("{\"id\":3,\"status\":400,\"error\":{\"code\":-1103," +
            "\"msg\":\"An unknown field was sent: 'extra'.\"}}");
        connection.send("{\"id\":4,\"method\":\"ping\",\"params\":\"now\"}");
        assertThat(connection.next()).isEqualTo("{\"id\":4,\"status\":400,\"error\":{\"code\":-1130," +
            "\"msg\":\"Field 'params' must be an object.\"}}");
        connection.send("{\"id\":5,\"method\":\"ping\",\"params\":{\"pad\":\"" + "x".repeat(4_100) + "\"}}");
        assertThat(connection.next()).isEqualTo("{\"id\":null,\"status\":413,\"error\":{\"code\":-1190," +
            "\"msg\":\"The message is larger than 4096 bytes.\"}}");
        final Map<String, String> order = params("symbol", "BTC-USD", "side", "BUY", "type", "LIMIT",
            "timeInForce", "GTC", "quantity", "1", "price", "99.50", "apiKey", "alice-key", "timestamp",
            Long.toString(System.currentTimeMillis()), "signature", "00");
        connection.send(message(6, "order.place", order));
        assertThat(connection.next()).isEqualTo("{\"id\":6,\"status\":400,\"error\":{\"code\":-1022," +
            "\"msg\":\"Signature for this request is not valid.\"}}");
        connection.send("{\"id\":7,\"method\":\"ping\"}");
        assertThat(connection.next()).isEqualTo("{\"id\":7,\"status\":200,\"result\":{}}");
        connection.send("{\"id\":8,\"method\":\"" + "m".repeat(500) + "\",\"params\":{}}");
        assertThat(connection.next()).as("a long method name is quoted cut").isEqualTo("{\"id\":8,\"status\":400," +
            "\"error\":{\"code\":-1020,\"msg\":\"Unknown method '" + "m".repeat(ClientText.MAX_QUOTED) + "...'.\"}}");
        assertThat(venue.commandsTaken()).isZero();
    }

    private String request(final Object id, final String method, final Map<String, String> params)
    {
        final Map<String, String> signed = new TreeMap<>(params);
        signed.put("apiKey", "alice-key");
        signed.put("timestamp", Long.toString(System.currentTimeMillis()));
        final StringBuilder payload = new StringBuilder();
        signed.forEach((name, value) -> payload.append(payload.length() == 0 ? "" : "&").append(name).append('=')
            .append(value));
        signed.put("signature", alice.sign(payload.toString()));
        return message(id, method, signed);
    }

    private static String message(final Object id, final String method, final Map<String, String> params)
    {
        final StringBuilder out = new StringBuilder("{\"id\":")
            .append(id instanceof String ? "\"" + id + "\"" : id).append(",\"method\":\"").append(method)
            .append("\",\"params\":{");
        params.forEach((name, value) -> out.append(out.charAt(out.length() - 1) == '{' ? "" : ",").append('"')
            .append(name).append("\":").append(name.equals("timestamp") || name.equals("fromSequence") ||
            name.equals("account") ? value :
            "\"" + value + "\""));
        return out.append("}}").toString();
    }

    /**
     * One WebSocket connection whose messages queue up for the test.
     */
    private static final class Connection
    {
        private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        private final WebSocket socket;

        Connection(final String url) throws Exception
        {
            socket = TextMessages.connect(URI.create(url), messages);
        }

        void send(final String text) throws Exception
        {
            socket.sendText(text, true).get(10, TimeUnit.SECONDS);
        }

        String next() throws InterruptedException
        {
            final String message = messages.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a message within 10 s").isNotNull();
            return message;
        }

        boolean quiet() throws InterruptedException
        {
            return messages.poll(300, TimeUnit.MILLISECONDS) == null;
        }
    }
}
