package io.disruptorx.http;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What a handler answers.
 *
 * @param status      HTTP status code.
 * @param contentType value of {@code Content-Type}.
 * @param body        body bytes.
 * @param headers     further headers.
 */
public record HttpResponse(int status, String contentType, byte[] body, Map<String, String> headers)
{
    /** Plain UTF-8 text. */
    public static final String TEXT = "text/plain; charset=utf-8";
    /** JSON. */
    public static final String JSON = "application/json";

    /**
     * @param status      status code.
     * @param contentType content type.
     * @param body        text, sent as UTF-8.
     * @return the response.
     */
    public static HttpResponse of(final int status, final String contentType, final String body)
    {
        return new HttpResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /**
     * @param json a JSON document.
     * @return 200 with it.
     */
    public static HttpResponse json(final String json)
    {
        return of(200, JSON, json);
    }

    /**
     * @param status status code.
     * @param text   a line for the client.
     * @return a plain text response.
     */
    public static HttpResponse text(final int status, final String text)
    {
        return of(status, TEXT, text);
    }

    /**
     * @param name  header name.
     * @param value header value.
     * @return a copy with that header added.
     */
    public HttpResponse withHeader(final String name, final String value)
    {
        final Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new HttpResponse(status, contentType, body, Map.copyOf(more));
    }
}
