package io.disruptorx.node.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code dx order --rest URL}: one signed request to the JSON edge (HMAC-SHA256, Binance's way: the query string
 * with {@code timestamp}, then {@code signature}, the key in {@code X-MBX-APIKEY}); prints the JSON answer.
 */
final class RestOrderClient
{
    private final PrintWriter out;
    private final String baseUrl;
    private final String apiKey;
    private final String secret;
    private final long timeoutMillis;

    RestOrderClient(final PrintWriter out, final String baseUrl, final String apiKey, final String secret,
        final long timeoutMillis)
    {
        this.out = out;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
        this.secret = secret;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * @param method HTTP method.
     * @param params the endpoint's parameters, in order.
     * @return 0 answered 200, 1 refused (the printed answer says why), 2 bad URL, 3 unreachable or silent.
     */
    int send(final String method, final Map<String, String> params)
    {
        final StringJoiner query = new StringJoiner("&");
        params.forEach((name, value) -> query.add(encode(name) + "=" + encode(value)));
        query.add("timestamp=" + System.currentTimeMillis());
        final URI uri;
        try
        {
            uri = URI.create(baseUrl + "/api/v3/order?" + query + "&signature=" + sign(query.toString()));
        }
        catch (final IllegalArgumentException ex)
        {
            out.println("dx order: --rest must be a URL such as http://127.0.0.1:31180, was " + baseUrl);
            return 2;
        }
        try
        {
            final HttpResponse<String> response = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(timeoutMillis)).build()
                .send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody())
                    .header("X-MBX-APIKEY", apiKey).timeout(Duration.ofMillis(timeoutMillis)).build(),
                    HttpResponse.BodyHandlers.ofString());
            out.println(response.body());
            return response.statusCode() == 200 ? 0 : 1;
        }
        catch (final IOException ex)
        {
            out.println("dx order: " + baseUrl + " unreachable or silent: " + ex);
            return 3;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return 3;
        }
    }

    private String sign(final String payload)
    {
        try
        {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("the JDK has no HmacSHA256", ex);
        }
    }

    private static String encode(final String text)
    {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
