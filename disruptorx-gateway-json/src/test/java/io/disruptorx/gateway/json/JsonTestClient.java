package io.disruptorx.gateway.json;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A REST client as a Binance client library is: the JDK's {@link HttpClient}, parameters in the query string,
 * {@code timestamp} added, signed with HMAC-SHA256 (hex) or Ed25519 (base64), {@code X-MBX-APIKEY} header.
 */
final class JsonTestClient
{
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String apiKey;
    private final byte[] secret;
    private final PrivateKey privateKey;

    /**
     * The answer: status and body.
     *
     * @param status HTTP status.
     * @param body   body text.
     */
    record Answer(int status, String body)
    {
    }

    JsonTestClient(final String baseUrl, final String apiKey, final byte[] secret, final PrivateKey privateKey)
    {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.secret = secret;
        this.privateKey = privateKey;
    }

    static JsonTestClient hmac(final String baseUrl, final String user)
    {
        return new JsonTestClient(baseUrl, user + "-key", (user + "-secret").getBytes(StandardCharsets.UTF_8), null);
    }

    static Map<String, String> params(final String... pairs)
    {
        final Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2)
        {
            params.put(pairs[i], pairs[i + 1]);
        }
        return params;
    }

    Answer signed(final String method, final String path, final Map<String, String> params)
    {
        final Map<String, String> all = new LinkedHashMap<>(params);
        all.putIfAbsent("timestamp", Long.toString(System.currentTimeMillis()));
        final String query = form(all);
        return send(method, path + "?" + query + "&signature=" + encode(sign(query)), "", null);
    }

    /**
     * A JSON body, signed as Binance signs a body: the query string ({@code timestamp}) followed by the body.
     */
    Answer signedJson(final String method, final String path, final String body)
    {
        final String query = "timestamp=" + System.currentTimeMillis();
        return send(method, path + "?" + query + "&signature=" + encode(sign(query + body)), body,
            "application/json");
    }

    Answer send(final String method, final String pathAndQuery, final String body, final String contentType)
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
            .timeout(Duration.ofSeconds(10))
            .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() :
                HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null)
        {
            request.header("X-MBX-APIKEY", apiKey);
        }
        if (contentType != null)
        {
            request.header("Content-Type", contentType);
        }
        try
        {
            final HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    String sign(final String payload)
    {
        try
        {
            if (privateKey != null)
            {
                final Signature signer = Signature.getInstance("Ed25519");
                signer.initSign(privateKey);
                signer.update(payload.getBytes(StandardCharsets.UTF_8));
                return Base64.getEncoder().encodeToString(signer.sign());
            }
            return HexFormat.of().formatHex(RequestAuth.hmac(secret, payload.getBytes(StandardCharsets.UTF_8)));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    static String form(final Map<String, String> params)
    {
        final StringJoiner joined = new StringJoiner("&");
        params.forEach((name, value) -> joined.add(encode(name) + "=" + encode(value)));
        return joined.toString();
    }

    static String encode(final String text)
    {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
