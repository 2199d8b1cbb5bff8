package io.disruptorx.node.http;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.metrics.PrometheusCollector;

/**
 * The node's HTTP endpoint: {@code /metrics} in the Prometheus text format, {@code /health} and further
 * {@code /api/...} endpoints as JSON. It
 * listens on loopback unless told otherwise and runs on one background thread, away from the rings.
 */
public final class NodeHttpServer implements AutoCloseable
{
    private final HttpServer server;
    private final ExecutorService executor;

    private NodeHttpServer(final HttpServer server, final ExecutorService executor)
    {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving.
     *
     * @param address where to listen (port 0 picks a free port).
     * @param metrics the node's metrics; JVM GC and heap gauges are added to it.
     * @param health  the body of {@code /health}, a JSON object.
     * @param api     further JSON endpoints by path (for example {@code /api/trades}).
     * @return the running server.
     * @throws UncheckedIOException when it cannot listen (the port is in use, say), naming the address.
     */
    public static NodeHttpServer start(
        final InetSocketAddress address,
        final MetricsRegistry metrics,
        final Supplier<String> health,
        final Map<String, Supplier<String>> api)
    {
        registerJvmGauges(metrics);
        final PrometheusCollector collector = new PrometheusCollector(metrics);
        final HttpServer server;
        try
        {
            server = HttpServer.create(address, 16);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot serve HTTP on " + address.getHostString() + ":" +
                address.getPort() + ": " + ex.getMessage(), ex);
        }
        server.createContext("/metrics", exchange -> respond(exchange, 200,
            "text/plain; version=0.0.4; charset=utf-8", collector.scrapeText()));
        server.createContext("/health", exchange -> respond(exchange, 200, "application/json", health.get()));
        for (final Map.Entry<String, Supplier<String>> endpoint : api.entrySet())
        {
            final Supplier<String> body = endpoint.getValue();
            server.createContext(endpoint.getKey(), exchange -> respond(exchange, 200, "application/json", body.get()));
        }
        server.createContext("/", exchange -> respond(exchange, 404, "text/plain; charset=utf-8",
            "not found: try /metrics or /health\n"));
        final ExecutorService executor = Executors.newSingleThreadExecutor(r ->
        {
            final Thread thread = new Thread(r, "dx-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        return new NodeHttpServer(server, executor);
    }

    /**
     * @return the port it listens on.
     */
    public int port()
    {
        return server.getAddress().getPort();
    }

    @Override
    public void close()
    {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void registerJvmGauges(final MetricsRegistry metrics)
    {
        metrics.gauge("dx_jvm_gc_collections_total", "Garbage collections since start", () ->
        {
            long total = 0;
            for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
            {
                total += Math.max(0, gc.getCollectionCount());
            }
            return total;
        });
        metrics.gauge("dx_jvm_gc_time_ms_total", "Milliseconds spent in garbage collection since start", () ->
        {
            long total = 0;
            for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
            {
                total += Math.max(0, gc.getCollectionTime());
            }
            return total;
        });
        metrics.gauge("dx_jvm_heap_used_bytes", "Heap in use",
            () -> ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    private static void respond(final HttpExchange exchange, final int status, final String type, final String body)
        throws IOException
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write(bytes);
        }
    }
}
