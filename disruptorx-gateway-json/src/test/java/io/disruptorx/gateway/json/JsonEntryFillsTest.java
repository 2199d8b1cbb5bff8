package io.disruptorx.gateway.json;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.disruptorx.gateway.support.EngineVenue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.disruptorx.gateway.json.JsonTestClient.params;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A GTC order that trades on entry and rests, placed over REST while the venue hands the gateway one event per
 * poll (as a host whose events are still arriving when the gateway reads them): when the venue client signals
 * command ends, the answer waits for the end of the order's command and carries every entry fill; when it does not,
 * the answer is given at the acceptance, before the fills (the behaviour the signal exists to mend).
 */
@Timeout(60)
class JsonEntryFillsTest
{
    private static final Pattern FILL = Pattern.compile("\\{\"price\":\"([0-9.]+)\",\"qty\":\"([0-9]+)\"");

    @Test
    void shouldAnswerWithEveryEntryFillWhenTheVenueSignalsCommandEnds()
    {
        try (JsonTestVenue venue = new JsonTestVenue(EngineVenue.withDefaults().signalCommandEnds().deliverAtMost(1)))
        {
            final String answer = sweep(venue);
            assertThat(answer).contains("\"executedQty\":\"6\"").contains("\"status\":\"PARTIALLY_FILLED\"");
            assertThat(fills(answer)).isEqualTo("99.00x1 99.50x2 100.00x3");
        }
    }

    @Test
    void shouldAnswerAtAcceptanceWhenTheVenueDoesNotSignalCommandEnds()
    {
        try (JsonTestVenue venue = new JsonTestVenue(EngineVenue.withDefaults().deliverAtMost(1)))
        {
            final String answer = sweep(venue);
            assertThat(answer).contains("\"executedQty\":\"0\"").contains("\"status\":\"NEW\"");
            assertThat(fills(answer)).isEmpty();
        }
    }

    @Test
    void shouldAnswerARestingOrderWithoutFillsWhenTheVenueSignalsCommandEnds()
    {
        try (JsonTestVenue venue = new JsonTestVenue(EngineVenue.withDefaults().signalCommandEnds().deliverAtMost(1)))
        {
            final JsonTestClient alice = JsonTestClient.hmac(venue.baseUrl(), "alice");
            final JsonTestClient.Answer answer = alice.signed("POST", "/api/v3/order", params("symbol", "BTC-USD",
                "side", "BUY", "type", "LIMIT", "timeInForce", "GTC", "quantity", "2", "price", "98.00",
                "newClientOrderId", "r1"));
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).contains("\"status\":\"NEW\"").endsWith(",\"fills\":[]}");
        }
    }

    /**
     * Bob rests three asks (99.00 x1, 99.50 x2, 100.00 x3); alice buys 10 at 100.00 GTC: six fill, four rest.
     */
    private static String sweep(final JsonTestVenue venue)
    {
        final JsonTestClient alice = JsonTestClient.hmac(venue.baseUrl(), "alice");
        final JsonTestClient bob = new JsonTestClient(venue.baseUrl(), "bob-key", null, venue.bobKeys().getPrivate());
        final String[][] asks = {{"99.00", "1"}, {"99.50", "2"}, {"100.00", "3"}};
        for (int i = 0; i < asks.length; i++)
        {
            final JsonTestClient.Answer rested = bob.signed("POST", "/api/v3/order", params("symbol", "BTC-USD",
                "side", "SELL", "type", "LIMIT", "timeInForce", "GTC", "quantity", asks[i][1], "price", asks[i][0],
                "newClientOrderId", "s" + i));
            assertThat(rested.status()).as(rested.body()).isEqualTo(200);
        }
        final JsonTestClient.Answer answer = alice.signed("POST", "/api/v3/order", params("symbol", "BTC-USD",
            "side", "BUY", "type", "LIMIT", "timeInForce", "GTC", "quantity", "10", "price", "100.00",
            "newClientOrderId", "sweep"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.body();
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
}
