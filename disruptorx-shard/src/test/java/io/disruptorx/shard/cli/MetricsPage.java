package io.disruptorx.shard.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpServer;
import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.metrics.PrometheusCollector;

/**
 * A {@code /metrics} page on a loopback HTTP server (the JDK's), written by the framework's collector from a registry
 * holding a shard's commands per instrument as a node registers them; before each request it runs {@code onRequest}
 * (the test adds commands there, so two readings differ).
 */
final class MetricsPage implements AutoCloseable
{
    final AtomicLongArray counts = new AtomicLongArray(64);
    private final HttpServer server;

    private MetricsPage(final HttpServer server)
    {
        this.server = server;
    }

    /**
     * @param withCounters whether the registry holds the commands per instrument (else only another counter).
     * @param onRequest    run before each answer, given the counts.
     * @param labelPairs   fixed labels of the series (a shard label, or none).
     */
    static MetricsPage start(final boolean withCounters, final Consumer<AtomicLongArray> onRequest,
        final String... labelPairs) throws IOException
    {
        final HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        final MetricsPage page = new MetricsPage(server);
        final MetricsRegistry registry = new MetricsRegistry();
        registry.counter("dx_trades_total", "Trades delivered", () -> 5);
        if (withCounters)
        {
            registry.counterArray("dx_instrument_commands_total", "Commands per instrument id", "instrument",
                page.counts, labelPairs);
            registry.gauge("dx_instrument_commands_limit", "Ids counted are below this", () -> 64, labelPairs);
        }
        final PrometheusCollector collector = new PrometheusCollector(registry);
        server.createContext("/metrics", exchange ->
        {
            onRequest.accept(page.counts);
            final byte[] body = collector.scrapeText().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(body);
            }
        });
        server.start();
        return page;
    }

    URI url()
    {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
    }

    @Override
    public void close()
    {
        server.stop(0);
    }
}
