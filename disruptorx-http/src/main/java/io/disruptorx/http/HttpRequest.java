package io.disruptorx.http;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.security.auth.x500.X500Principal;

/**
 * One request as a handler sees it: copied out of Netty's buffers, so a handler may keep it.
 *
 * @param method  upper-case method ({@code GET}, {@code POST}...).
 * @param path    decoded path, without the query.
 * @param query   query parameters by name.
 * @param headers headers by lower-case name (the first value of each).
 * @param body    body bytes, empty for none.
 * @param rawQuery the query as the client sent it (still percent-encoded, without the {@code ?}), empty for none:
 *                 what a signed request's signature covers.
 * @param remoteAddress the client's address, or {@code null} when not known.
 * @param clientSubject the subject of the certificate the client showed over TLS (mutual TLS), or {@code null}.
 */
public record HttpRequest(
    String method, String path, Map<String, List<String>> query, Map<String, String> headers, byte[] body,
    String rawQuery, InetSocketAddress remoteAddress, X500Principal clientSubject)
{
    /**
     * A request from an unknown address without a client certificate.
     *
     * @param method   upper-case method.
     * @param path     decoded path.
     * @param query    query parameters by name.
     * @param headers  headers by lower-case name.
     * @param body     body bytes.
     * @param rawQuery the query as the client sent it.
     */
    public HttpRequest(
        final String method, final String path, final Map<String, List<String>> query,
        final Map<String, String> headers, final byte[] body, final String rawQuery)
    {
        this(method, path, query, headers, body, rawQuery, null, null);
    }

    /**
     * A request with no raw query kept.
     *
     * @param method  upper-case method.
     * @param path    decoded path.
     * @param query   query parameters by name.
     * @param headers headers by lower-case name.
     * @param body    body bytes.
     */
    public HttpRequest(
        final String method, final String path, final Map<String, List<String>> query,
        final Map<String, String> headers, final byte[] body)
    {
        this(method, path, query, headers, body, "");
    }

    /**
     * @param name header name, any case.
     * @return its first value, or {@code null}.
     */
    public String header(final String name)
    {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * @param name query parameter name.
     * @return its first value, or {@code null}.
     */
    public String queryParameter(final String name)
    {
        final List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * @return the body as UTF-8 text.
     */
    public String bodyText()
    {
        return new String(body, StandardCharsets.UTF_8);
    }
}
