package io.disruptorx.core.net;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signed requests to a JSON edge (Binance-shaped REST: an embedded node's gateways, a {@code dx shard-gateway}
 * process), as its API keys' holders send them: HMAC-SHA256 over the query with a timestamp.
 */
public final class JsonEdgeRequests
{
    /** What a {@code dx} gateway prints once its JSON edge listens; group 1 the port. */
    public static final Pattern JSON = Pattern.compile("REST on http://127\\.0\\.0\\.1:(\\d+)/api/v3/");

    private JsonEdgeRequests()
    {
    }

    /**
     * @param api    {@code http://HOST:PORT} of the edge.
     * @param key    the API key.
     * @param secret its HMAC secret.
     * @return the {@code balances} array of {@code GET /api/v3/account}: each asset's free, locked and in-transfer
     * amounts, summed over the shards.
     * @throws Exception when the request fails.
     */
    public static String balances(final String api, final String key, final String secret) throws Exception
    {
        final String body = send(api, "GET", key, secret, "", "/api/v3/account").body();
        final String field = "\"balances\":";
        assertThat(body).contains(field);
        return body.substring(body.indexOf(field) + field.length(), body.indexOf(",\"permissions\""));
    }

    /**
     * @param api    {@code http://HOST:PORT} of the edge.
     * @param method HTTP method.
     * @param key    the API key.
     * @param secret its HMAC secret.
     * @param params the query's parameters without timestamp and signature ("" for none).
     * @param path   the endpoint.
     * @return the answer.
     * @throws Exception when the request fails.
     */
    public static HttpResponse<String> send(final String api, final String method, final String key,
        final String secret, final String params, final String path) throws Exception
    {
        final String query = (params.isEmpty() ? "" : params + "&") + "timestamp=" + System.currentTimeMillis();
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        final String signature = HexFormat.of().formatHex(mac.doFinal(query.getBytes(StandardCharsets.UTF_8)));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(api + path + "?" + query + "&signature=" + signature))
            .method(method, HttpRequest.BodyPublishers.noBody()).header("X-MBX-APIKEY", key)
            .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
