package io.disruptorx.http;

import java.time.Duration;

import io.disruptorx.core.net.ConnectionLimiter;
import io.disruptorx.core.tls.TlsConfig;

/**
 * Settings of an {@link HttpServer}, validated on construction with a message naming the setting.
 *
 * @param host                   address to listen on ({@code 127.0.0.1} for loopback only, {@code 0.0.0.0} for all).
 * @param port                   port to listen on, 0 for a free one.
 * @param maxRequestLineBytes    longest request line (method, target, version); longer gets 414.
 * @param maxHeaderBytes         most bytes of headers; more gets 431.
 * @param maxBodyBytes           largest request body; larger gets 413.
 * @param idleTimeout            a connection that sends nothing for this long is closed, so a client that sends half
 *                               a request and stalls holds no more than its socket, and not for ever.
 * @param ioThreads              event loop threads (they only move bytes).
 * @param handlerThreads         threads that run route handlers, so a slow handler never holds up another client's
 *                               bytes.
 * @param maxWebSocketFrameBytes largest WebSocket frame accepted from a client.
 * @param tls                    TLS settings (HTTPS and WSS), or {@code null} for plain HTTP.
 * @param maxConnections         connections held at once; one more is closed at accept, before anything is read,
 *                               and counted ({@link HttpServer#refusedConnections()}).
 * @param maxConnectionsPerAddress connections held at once from one source address.
 */
public record HttpServerConfig(
    String host,
    int port,
    int maxRequestLineBytes,
    int maxHeaderBytes,
    int maxBodyBytes,
    Duration idleTimeout,
    int ioThreads,
    int handlerThreads,
    int maxWebSocketFrameBytes,
    TlsConfig tls,
    int maxConnections,
    int maxConnectionsPerAddress)
{
    /**
     * Validates the settings.
     */
    public HttpServerConfig
    {
        if (host == null || host.isBlank())
        {
            throw new IllegalArgumentException("http host must be set");
        }
        if (port < 0 || port > 65_535)
        {
            throw new IllegalArgumentException("http port must be 0 to 65535: " + port);
        }
        positive("maxRequestLineBytes", maxRequestLineBytes);
        positive("maxHeaderBytes", maxHeaderBytes);
        positive("maxBodyBytes", maxBodyBytes);
        positive("ioThreads", ioThreads);
        positive("handlerThreads", handlerThreads);
        positive("maxWebSocketFrameBytes", maxWebSocketFrameBytes);
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero())
        {
            throw new IllegalArgumentException("http idleTimeout must be positive: " + idleTimeout);
        }
        ConnectionLimiter.check(maxConnections, maxConnectionsPerAddress);
    }

    /**
     * With the default connection limits ({@link ConnectionLimiter#defaults()}).
     *
     * @param host                   where to listen.
     * @param port                   port, 0 for a free one.
     * @param maxRequestLineBytes    longest request line.
     * @param maxHeaderBytes         most bytes of headers.
     * @param maxBodyBytes           largest request body.
     * @param idleTimeout            idle connections are closed after this long.
     * @param ioThreads              event loop threads.
     * @param handlerThreads         route handler threads.
     * @param maxWebSocketFrameBytes largest WebSocket frame from a client.
     * @param tls                    TLS settings, or {@code null} for plain HTTP.
     */
    public HttpServerConfig(
        final String host,
        final int port,
        final int maxRequestLineBytes,
        final int maxHeaderBytes,
        final int maxBodyBytes,
        final Duration idleTimeout,
        final int ioThreads,
        final int handlerThreads,
        final int maxWebSocketFrameBytes,
        final TlsConfig tls)
    {
        this(host, port, maxRequestLineBytes, maxHeaderBytes, maxBodyBytes, idleTimeout, ioThreads, handlerThreads,
            maxWebSocketFrameBytes, tls, ConnectionLimiter.DEFAULT_MAX_CONNECTIONS,
            ConnectionLimiter.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
    }

    /**
     * Plain HTTP.
     *
     * @param host                   where to listen.
     * @param port                   port, 0 for a free one.
     * @param maxRequestLineBytes    longest request line.
     * @param maxHeaderBytes         most bytes of headers.
     * @param maxBodyBytes           largest request body.
     * @param idleTimeout            idle connections are closed after this long.
     * @param ioThreads              event loop threads.
     * @param handlerThreads         route handler threads.
     * @param maxWebSocketFrameBytes largest WebSocket frame from a client.
     */
    public HttpServerConfig(
        final String host,
        final int port,
        final int maxRequestLineBytes,
        final int maxHeaderBytes,
        final int maxBodyBytes,
        final Duration idleTimeout,
        final int ioThreads,
        final int handlerThreads,
        final int maxWebSocketFrameBytes)
    {
        this(host, port, maxRequestLineBytes, maxHeaderBytes, maxBodyBytes, idleTimeout, ioThreads, handlerThreads,
            maxWebSocketFrameBytes, null);
    }

    /**
     * @param host where to listen.
     * @param port port, 0 for a free one.
     * @return 4 KiB request lines, 16 KiB of headers, 1 MiB bodies, 30 s idle timeout, one I/O thread, two handler
     * threads, 64 KiB WebSocket frames, 1,024 connections of which 64 from one address.
     */
    public static HttpServerConfig defaults(final String host, final int port)
    {
        return new HttpServerConfig(host, port, 4096, 16 * 1024, 1024 * 1024, Duration.ofSeconds(30), 1, 2,
            64 * 1024);
    }

    /**
     * @param timeout the idle timeout.
     * @return a copy with it.
     */
    public HttpServerConfig withIdleTimeout(final Duration timeout)
    {
        return new HttpServerConfig(host, port, maxRequestLineBytes, maxHeaderBytes, maxBodyBytes, timeout,
            ioThreads, handlerThreads, maxWebSocketFrameBytes, tls, maxConnections,
            maxConnectionsPerAddress);
    }

    /**
     * @param bytes the largest request body.
     * @return a copy with it.
     */
    public HttpServerConfig withMaxBodyBytes(final int bytes)
    {
        return new HttpServerConfig(host, port, maxRequestLineBytes, maxHeaderBytes, bytes, idleTimeout,
            ioThreads, handlerThreads, maxWebSocketFrameBytes, tls, maxConnections,
            maxConnectionsPerAddress);
    }

    /**
     * @param settings TLS settings, or {@code null} for plain HTTP.
     * @return a copy serving HTTPS (and WSS) with them.
     */
    public HttpServerConfig withTls(final TlsConfig settings)
    {
        return new HttpServerConfig(host, port, maxRequestLineBytes, maxHeaderBytes, maxBodyBytes, idleTimeout,
            ioThreads, handlerThreads, maxWebSocketFrameBytes, settings, maxConnections,
            maxConnectionsPerAddress);
    }

    /**
     * @param total      connections held at once.
     * @param perAddress connections held at once from one source address.
     * @return a copy with these connection limits.
     */
    public HttpServerConfig withConnectionLimits(final int total, final int perAddress)
    {
        return new HttpServerConfig(host, port, maxRequestLineBytes, maxHeaderBytes, maxBodyBytes, idleTimeout,
            ioThreads, handlerThreads, maxWebSocketFrameBytes, tls, total, perAddress);
    }

    private static void positive(final String name, final int value)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException("http " + name + " must be positive: " + value);
        }
    }
}
