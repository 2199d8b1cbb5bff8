package io.disruptorx.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.disruptorx.cluster.client.ClusterClientConfig;
import io.disruptorx.engine.Side;
import io.disruptorx.node.cluster.LocalCluster;
import io.disruptorx.protocol.venue.TraceContext;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code dx cluster-node --trace-endpoint URL} with {@code dx-tracing.jar} on the class path: a one-member cluster
 * in its own JVM exports the spans of an order a gateway offered with a sampled trace context to an OTLP/HTTP
 * collector on loopback (a server that keeps what it is sent); {@link ClusterTracingTest} checks their parents.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterNodeTracingTest
{
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void shouldExportATracedOrdersSpansFromTheMemberProcess() throws IOException
    {
        final List<String> requests = new CopyOnWriteArrayList<>();
        final HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange ->
        {
            requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        final Path root = Path.of("target", "cluster-node-tracing-" + System.nanoTime()).toAbsolutePath();
        final String endpoint = "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces";
        try (MediaDriver driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
                .aeronDirectoryName(root.resolve("client-aeron").toString())
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new BackoffIdleStrategy(10, 20, 1_000, 1_000_000))
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
            LocalCluster cluster = new LocalCluster(root.resolve("cluster"), 1, FreePorts.block(200),
                ClusterTimeouts.tuned(), List.of(), List.of())
                .runs(List.of("io.disruptorx.node.cli.Dx", "cluster-node", "--trace-endpoint", endpoint)))
        {
            cluster.startAll(WAIT);
            try (TestGateway gateway = new TestGateway(
                ClusterClientConfig.of(41, cluster.ingressEndpoints(), driver.aeronDirectoryName())))
            {
                gateway.addInstrument(1);
                gateway.deposit(1, 0, 1_000_000_000L);
                gateway.await((e) -> e.startsWith("admin ADJUST_BALANCE 1"), WAIT);
                final TraceContext trace = new TraceContext();
                assertThat(trace.parse("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", System.nanoTime()))
                    .isTrue();
                gateway.limit(1, 700, 1, Side.BUY, 9_000, 1, trace);
                gateway.await((e) -> e.contains("coid=700 "), WAIT);

                await("the member's spans at the collector").atMost(Duration.ofSeconds(30))
                    .until(() -> String.join("\n", requests).contains("cluster.command"));
                assertThat(String.join("\n", requests)).contains("dx-cluster-node", "cluster.committed",
                    "engine.applied");
            }
        }
        finally
        {
            collector.stop(0);
        }
    }
}
