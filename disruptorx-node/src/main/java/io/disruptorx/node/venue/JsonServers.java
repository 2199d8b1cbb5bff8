package io.disruptorx.node.venue;

import java.io.PrintWriter;
import java.util.Locale;

import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.tls.TlsConfig;
import io.disruptorx.gateway.json.ApiError;
import io.disruptorx.gateway.json.JsonConfig;
import io.disruptorx.gateway.json.JsonCounters;
import io.disruptorx.gateway.json.JsonEdge;
import io.disruptorx.http.HttpServer;
import io.disruptorx.http.HttpServerConfig;
import io.disruptorx.http.Routes;

/**
 * The JSON edge's HTTP servers: the plain one ({@code gateways.json.listen}) and, with {@code gateways.json.tls},
 * an HTTPS and WSS one serving the same endpoints. TLS ends in the server itself (no relay), so its connection
 * limits and the audit trail see each client's own address, and a client certificate reaches the edge with each
 * request (mutual TLS: it names the user, see {@code CertificateBinding}). Each server holds the section's connection
 * limits on its own.
 */
final class JsonServers implements AutoCloseable
{
    private static final String EDGE = "json";
    private static final String TLS_EDGE = "json-tls";

    private final HttpServer plain;
    private final HttpServer tls;

    private JsonServers(final HttpServer plain, final HttpServer tls)
    {
        this.plain = plain;
        this.tls = tls;
    }

    /**
     * @param json   the section.
     * @param routes the JSON edge's endpoints, mounted.
     * @return the running servers.
     * @throws java.io.UncheckedIOException              when one cannot listen (the other is closed).
     * @throws io.disruptorx.core.tls.TlsConfigException when a key or trust store cannot be used.
     */
    static JsonServers start(final JsonConfig json, final Routes routes)
    {
        final HttpServerConfig http = HttpServerConfig.defaults(json.address().getHostString(),
            json.address().getPort()).withMaxBodyBytes(Math.max(64 * 1024, 2 * json.maxPayloadBytes()))
            .withConnectionLimits(json.maxConnections(), json.maxConnectionsPerAddress());
        final HttpServer plain = HttpServer.start(http, routes);
        if (json.tls() == null)
        {
            return new JsonServers(plain, null);
        }
        try
        {
            return new JsonServers(plain, HttpServer.start(HttpServerConfig.defaults(
                json.tlsAddress().getHostString(), json.tlsAddress().getPort())
                .withMaxBodyBytes(http.maxBodyBytes())
                .withConnectionLimits(json.maxConnections(), json.maxConnectionsPerAddress())
                .withTls(json.tls()), routes));
        }
        catch (final RuntimeException ex)
        {
            plain.close();
            throw ex;
        }
    }

    int port()
    {
        return plain.port();
    }

    /**
     * @return the HTTPS and WSS port, or -1 without one.
     */
    int tlsPort()
    {
        return tls == null ? -1 : tls.port();
    }

    HttpServer tlsServer()
    {
        return tls;
    }

    /**
     * Exposes {@code dx_gateway_connections_refused_total} (edges {@code json} and {@code json-tls}), the TLS
     * listener's {@code dx_tls_*} counters (edge {@code json}) and the edge's refusals by code,
     * {@code dx_json_errors_total{code}}.
     */
    void registerMetrics(final MetricsRegistry metrics, final JsonCounters counters)
    {
        metrics.counter("dx_gateway_connections_refused_total", "Connections closed at accept: the edge's " +
            "connection limit, in all or per source address, was reached", plain::refusedConnections, "edge", EDGE);
        plain.registerMetrics(metrics, EDGE);
        for (final ApiError error : ApiError.values())
        {
            metrics.counter("dx_json_errors_total", "JSON edge answers refusing a request, by error code",
                () -> counters.errors(error), "code", error.name());
        }
        if (tls == null)
        {
            return;
        }
        metrics.counter("dx_gateway_connections_refused_total", "Connections closed at accept: the edge's " +
            "connection limit, in all or per source address, was reached", tls::refusedConnections, "edge",
            TLS_EDGE);
        tls.registerMetrics(metrics, TLS_EDGE);
        metrics.counter("dx_tls_handshakes_total", "TLS handshakes completed", tls::tlsHandshakes, "edge", EDGE);
        metrics.counter("dx_tls_handshake_failures_total", "TLS handshakes refused or broken off (plain clients, " +
            "refused protocols or certificates)", tls::tlsHandshakeFailures, "edge", EDGE);
        metrics.counter("dx_tls_certificate_reloads_total", "Key or trust stores reloaded after they changed",
            () -> tls.tls().reloads(), "edge", EDGE);
        metrics.counter("dx_tls_certificate_reload_failures_total", "Changed key or trust stores that could not be " +
            "read (the previous certificates still serve)", () -> tls.tls().failedReloads(), "edge", EDGE);
    }

    void describe(final String prefix, final PrintWriter out)
    {
        out.printf(Locale.ROOT, "%sJSON order entry (Binance-shaped) REST on http://127.0.0.1:%d/api/v3/, " +
            "WebSocket API on ws://127.0.0.1:%d%s%n", prefix, plain.port(), plain.port(), JsonEdge.WEBSOCKET_PATH);
        if (tls != null)
        {
            final TlsConfig settings = tls.tls().config();
            out.printf(Locale.ROOT, "%sTLS json on port %d: https://127.0.0.1:%d/api/v3/, wss://127.0.0.1:%d%s " +
                "(%s, client certificates %s)%n", prefix, tls.port(), tls.port(), tls.port(), JsonEdge.WEBSOCKET_PATH,
                String.join(", ", settings.protocols()), settings.clientAuth().name().toLowerCase(Locale.ROOT));
        }
    }

    @Override
    public void close()
    {
        if (tls != null)
        {
            tls.close();
        }
        plain.close();
    }
}
