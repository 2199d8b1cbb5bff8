package io.disruptorx.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.disruptorx.cluster.client.ClusterClientConfig;
import io.disruptorx.cluster.client.ClusterVenueClient;
import io.disruptorx.engine.Side;
import io.disruptorx.protocol.venue.TraceContext;
import io.disruptorx.tracing.OtelCommandSpans;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's own spans on the cluster path: a real {@link ClusterVenueClient} recording to an
 * {@link OtelCommandSpans} (the SDK's in-memory exporter) sends orders to a real one-member Aeron cluster whose
 * leader reports to the same spans. An order sent with a caller's trace context makes one trace: the caller's span,
 * under it the gateway's {@code gateway.receive}, under that the leader's {@code cluster.command} (with
 * {@code cluster.committed} and {@code engine.applied}) and the gateway's {@code report.sent}, in time order. A
 * root-sampled order (every third new order without a context) makes the same tree under a gateway span of its own
 * trace, with no parent. Untraced orders make no spans.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterGatewayTracingTest
{
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CLIENT_TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String CLIENT_SPAN = "b7ad6b7169203331";

    @Test
    void shouldMakeOneTraceOfTheGatewaysAndTheLeadersSpansOfAnOrder()
    {
        final InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (OtelCommandSpans spans = new OtelCommandSpans(
                SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)), 1 << 16);
            TestCluster cluster = new TestCluster("gateway-traced", 1,
                (id) -> TestCluster.plainService(id).withSpans(spans)))
        {
            cluster.startAll();
            cluster.awaitLeader(WAIT);
            try (TestGateway gateway = new TestGateway(ClusterVenueClient.create(
                ClusterClientConfig.of(51, cluster.ingressEndpoints(), cluster.clientAeronDirectory()), spans, 3)))
            {
                gateway.addInstrument(1);
                gateway.deposit(1, 0, 1_000_000_000L);
                gateway.await((e) -> e.startsWith("admin ADJUST_BALANCE 1"), WAIT);
                final TraceContext trace = new TraceContext();
                assertThat(trace.parse("00-" + CLIENT_TRACE + "-" + CLIENT_SPAN + "-01", System.nanoTime())).isTrue();
                gateway.limit(1, 500, 1, Side.BUY, 9_000, 1, trace);
                gateway.await((e) -> e.contains("coid=500 "), WAIT);
                await("the traced order's five spans").atMost(Duration.ofSeconds(10))
                    .until(() -> exporter.getFinishedSpanItems().size() == 5);
                final List<SpanData> traced = exporter.getFinishedSpanItems();
                assertOneOrderTree(traced, CLIENT_TRACE);
                assertThat(named(traced, "gateway.receive").getParentSpanId()).isEqualTo(CLIENT_SPAN);

                exporter.reset();
                gateway.limit(1, 501, 1, Side.BUY, 9_000, 1);
                gateway.limit(1, 502, 1, Side.BUY, 9_000, 1);
                gateway.await((e) -> e.contains("coid=502 "), WAIT);
                assertThat(exporter.getFinishedSpanItems()).as("two untraced orders, no spans").isEmpty();
                gateway.limit(1, 503, 1, Side.BUY, 9_000, 1);
                gateway.await((e) -> e.contains("coid=503 "), WAIT);
                await("the root-sampled order's spans").atMost(Duration.ofSeconds(10))
                    .until(() -> exporter.getFinishedSpanItems().size() == 5);
                final List<SpanData> root = exporter.getFinishedSpanItems();
                final SpanData gatewaySpan = named(root, "gateway.receive");
                assertThat(gatewaySpan.getParentSpanContext().isValid()).as("a trace the gateway started").isFalse();
                assertThat(gatewaySpan.getTraceId()).isNotEqualTo(CLIENT_TRACE);
                assertOneOrderTree(root, gatewaySpan.getTraceId());
            }
            assertThat(spans.dropped()).isZero();
        }
    }

    /**
     * Asserts the gateway's and the leader's spans of one order form one tree of the given trace, in time order.
     */
    private static void assertOneOrderTree(final List<SpanData> spans, final String traceId)
    {
        assertThat(spans).extracting(SpanData::getName).containsExactlyInAnyOrder(
            "gateway.receive", "cluster.command", "cluster.committed", "engine.applied", "report.sent");
        assertThat(spans).extracting(SpanData::getTraceId).containsOnly(traceId);
        final SpanData gateway = named(spans, "gateway.receive");
        final SpanData command = named(spans, "cluster.command");
        final SpanData applied = named(spans, "engine.applied");
        final SpanData sent = named(spans, "report.sent");
        assertThat(gateway.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(command.getParentSpanId()).as("the leader's span under the gateway's")
            .isEqualTo(gateway.getSpanId());
        assertThat(named(spans, "cluster.committed").getParentSpanId()).isEqualTo(command.getSpanId());
        assertThat(applied.getParentSpanId()).isEqualTo(command.getSpanId());
        assertThat(sent.getParentSpanId()).isEqualTo(gateway.getSpanId());
        assertThat(gateway.getEndEpochNanos()).isGreaterThanOrEqualTo(gateway.getStartEpochNanos());
        assertThat(applied.getEndEpochNanos()).as("applied after the gateway offered it (one host, one clock)")
            .isGreaterThanOrEqualTo(gateway.getEndEpochNanos());
        assertThat(sent.getStartEpochNanos()).as("the answer after the apply")
            .isGreaterThanOrEqualTo(applied.getEndEpochNanos());
        assertThat(sent.getEndEpochNanos()).isGreaterThanOrEqualTo(sent.getStartEpochNanos());
    }

    private static SpanData named(final List<SpanData> spans, final String name)
    {
        return spans.stream().filter((span) -> span.getName().equals(name)).findFirst().orElseThrow();
    }
}
