package io.disruptorx.gateway.json;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.disruptorx.gateway.json.JsonTestClient.params;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refusal the REST edge makes itself, with its exact code and message, and none of them reaching the engine;
 * then the refusals of the gateway core (throttle, duplicate client order id, drop copy, precision), answered with
 * Binance's codes.
 */
class JsonRejectsTest
{
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
    void shouldRefuseBadSignaturesKeysAndTimestamps()
    {
        final String now = Long.toString(System.currentTimeMillis());
        final String query = "symbol=BTC-USD&orderId=5&timestamp=" + now;
        final String good = alice.sign(query);
        assertThat(alice.send("GET", "/api/v3/order?" + query + "&signature=" + good, "", null).body())
            .isEqualTo(error(-2013, "Order does not exist."));
        assertThat(alice.send("GET", "/api/v3/order?" + query + "&signature=" + good, "", null))
            .isEqualTo(new JsonTestClient.Answer(400, error(-1191,
            "This signature was already used: a request is accepted once.")));
        final String other = "symbol=BTC-USD&orderId=6&timestamp=" + now;
        assertThat(alice.send("GET", "/api/v3/order?" + other + "&signature=" + good, "", null))
            .isEqualTo(new JsonTestClient.Answer(400, error(-1022, "Signature for this request is not valid.")));
        assertThat(alice.send("GET", "/api/v3/order?" + other + "&signature=zz", "", null).body())
            .isEqualTo(error(-1022, "Signature for this request is not valid."));
        final String old = "symbol=BTC-USD&orderId=6&timestamp=" + (System.currentTimeMillis() - 6_000);
        assertThat(alice.send("GET", "/api/v3/order?" + old + "&signature=" + alice.sign(old), "", null).body())
            .isEqualTo(error(-1021, "Timestamp for this request is outside of the recvWindow."));
        final String ahead = "symbol=BTC-USD&orderId=6&timestamp=" + (System.currentTimeMillis() + 5_000);
        assertThat(alice.send("GET", "/api/v3/order?" + ahead + "&signature=" + alice.sign(ahead), "", null).body())
            .isEqualTo(error(-1021, "Timestamp for this request is outside of the recvWindow."));
        assertThat(alice.signed("GET", "/api/v3/order", params("symbol", "BTC-USD", "orderId", "6",
            "recvWindow", "60001")).body()).isEqualTo(error(-1131, "recvWindow must be less than 60000"));
        final JsonTestClient bobWithHmac = JsonTestClient.hmac(venue.baseUrl(), "bob");
        assertThat(bobWithHmac.signed("GET", "/api/v3/order", params("symbol", "BTC-USD", "orderId", "6")).body())
            .isEqualTo(error(-1022, "Signature for this request is not valid."));
        final JsonTestClient stranger = JsonTestClient.hmac(venue.baseUrl(), "mallory");
        assertThat(stranger.signed("GET", "/api/v3/order", params("symbol", "BTC-USD", "orderId", "6")))
            .isEqualTo(new JsonTestClient.Answer(401, error(-2015, "Invalid API-key, IP, or permissions for action.")));
        final JsonTestClient keyless = new JsonTestClient(venue.baseUrl(), null, "x".getBytes(), null);
        assertThat(keyless.signed("GET", "/api/v3/order", params("symbol", "BTC-USD", "orderId", "6")))
            .isEqualTo(new JsonTestClient.Answer(401, error(-2014, "API-key format invalid.")));
        assertThat(alice.send("GET", "/api/v3/order?symbol=BTC-USD&orderId=6&timestamp=" + now, "", null).body())
            .isEqualTo(error(-1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed."));
        assertThat(venue.commandsTaken()).isZero();
    }

    @Test
    void shouldRefuseMalformedRequestsBeforeTheEngine()
    {
        final Map<String, String> order = params("symbol", "BTC-USD", "side", "BUY", "type", "LIMIT",
            "timeInForce", "GTC", "quantity", "1", "price", "99.50");
        assertRefused(with(order, "side", "UP"), -1117, "Invalid side.");
        assertRefused(with(order, "type", "STOP"), -1116, "Invalid orderType.");
        assertRefused(with(order, "timeInForce", "GTX"), -1115, "Invalid timeInForce.");
        assertRefused(with(order, "symbol", "DOGE-USD"), -1121, "Invalid symbol.");
        assertRefused(with(order, "price", "9x"), -1102, "Parameter 'price' is not a decimal such as \"99.50\".");
        assertRefused(with(order, "price", ""), -1102,
            "Mandatory parameter 'price' was not sent, was empty/null, or malformed.");
        assertRefused(with(order, "colour", "red"), -1103, "An unknown parameter was sent: 'colour'.");
        assertRefused(with(order, "newClientOrderId", "no spaces allowed"), -1130,
            "Parameter 'newClientOrderId' must be 1 to 10 letters and digits, or 11 to 18 digits.");
        assertRefused(with(with(order, "type", "MARKET"), "timeInForce", "IOC"), -1106,
            "Parameter 'price' sent when not required.");
        assertRefused(with(order, "selfTradePreventionMode", "MAYBE"), -1130,
            "Data sent for a parameter is not valid: 'MAYBE' is not one of EXPIRE_TAKER, EXPIRE_MAKER, EXPIRE_BOTH, " +
            "NONE.");
        assertThat(alice.send("POST", "/api/v3/order?symbol=BTC-USD&symbol=ETH-USD", "", null).body())
            .isEqualTo(error(-1101, "Parameter 'symbol' was sent more than once."));
        assertThat(alice.send("POST", "/api/v3/order", "symbol=%zz", null).body())
            .isEqualTo(error(-1100, "Malformed percent-encoding in 'symbol=%zz'."));

        final String body = "{\"symbol\":\"BTC-USD\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\"," +
            "\"quantity\":\"1\",\"price\":";
        assertThat(alice.signedJson("POST", "/api/v3/order", body + "99.50}").body())
            .isEqualTo(error(-1130, "Parameter 'price' must be a decimal string such as \"99.50\"."));
        assertThat(alice.signedJson("POST", "/api/v3/order", body + "\"99.50\"").body())
            .isEqualTo(error(-1100, "Malformed JSON at character 98: unexpected end."));
        assertThat(alice.signedJson("POST", "/api/v3/order", body + "\"99.50\",\"price\":\"1\"}").body())
            .isEqualTo(error(-1101, "Duplicate field 'price'."));
        assertThat(alice.signedJson("POST", "/api/v3/order", body + "[1]}").body())
            .isEqualTo(error(-1100, "Malformed JSON at character 91: arrays are not accepted."));
        assertThat(alice.signedJson("POST", "/api/v3/order", body + "{\"a\":{\"b\":1}}}").body())
            .isEqualTo(error(-1100, "Malformed JSON at character 96: objects nest at most 2 deep."));
        assertThat(alice.signedJson("POST", "/api/v3/order", "{\"symbol\":\"" + "A".repeat(5_000) + "\"}"))
            .isEqualTo(new JsonTestClient.Answer(413, error(-1190, "The request is larger than 4096 bytes.")));
        assertThat(venue.commandsTaken()).isZero();
        assertThat(venue.json().counters().errors(ApiError.ILLEGAL_CHARS)).isEqualTo(4);
    }

    @Test
    void shouldAnswerTheCoresRefusalsWithBinanceCodes()
    {
        final Map<String, String> order = params("symbol", "BTC-USD", "side", "BUY", "type", "LIMIT",
            "timeInForce", "GTC", "quantity", "1", "price", "90.00", "newClientOrderId", "dup1");
        assertThat(alice.signed("POST", "/api/v3/order", order).status()).isEqualTo(200);
        assertThat(alice.signed("POST", "/api/v3/order", order))
            .isEqualTo(new JsonTestClient.Answer(400, error(-2010, "DUPLICATE_CLIENT_ORDER_ID")));
        assertThat(alice.signed("POST", "/api/v3/order", with(with(order, "price", "90.001"), "newClientOrderId",
            "p1"))).isEqualTo(new JsonTestClient.Answer(400, error(-1111,
            "Precision is over the maximum defined for this asset: PRECISION_LOSS.")));
        assertThat(alice.signed("POST", "/api/v3/order", with(order, "account", "3")).body())
            .isEqualTo(error(-2010, "NOT_ENTITLED"));

        final JsonTestClient copy = JsonTestClient.hmac(venue.baseUrl(), "copy");
        assertThat(copy.signed("POST", "/api/v3/order", with(order, "newClientOrderId", "c1")).body())
            .isEqualTo(error(-2010, "READ_ONLY_SESSION"));

        final JsonTestClient slow = JsonTestClient.hmac(venue.baseUrl(), "slow");
        assertThat(slow.signed("POST", "/api/v3/order", with(order, "newClientOrderId", "s1")).status())
            .isEqualTo(200);
        assertThat(slow.signed("POST", "/api/v3/order", with(order, "newClientOrderId", "s2")).status())
            .isEqualTo(200);
        assertThat(slow.signed("POST", "/api/v3/order", with(order, "newClientOrderId", "s3")))
            .isEqualTo(new JsonTestClient.Answer(429, error(-1015, "Too many new orders: THROTTLED.")));
        assertThat(slow.signed("GET", "/api/v3/openOrders", params()).body())
            .contains("\"clientOrderId\":\"s1\"").contains("\"clientOrderId\":\"s2\"").doesNotContain("s3");
        assertThat(venue.json().counters().errors(ApiError.TOO_MANY_ORDERS)).isEqualTo(1);
    }

    static String error(final int code, final String message)
    {
        return "{\"code\":" + code + ",\"msg\":\"" + message.replace("\"", "\\\"") + "\"}";
    }

    private void assertRefused(final Map<String, String> params, final int code, final String message)
    {
        assertThat(alice.signed("POST", "/api/v3/order", params)).isEqualTo(new JsonTestClient.Answer(
            code == -2015 ? 401 : 400, error(code, message)));
    }

    private static Map<String, String> with(final Map<String, String> params, final String name, final String value)
    {
        final Map<String, String> copy = new java.util.LinkedHashMap<>(params);
        copy.put(name, value);
        return copy;
    }
}
