package io.disruptorx.cluster;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.disruptorx.cluster.client.ClusterClientConfig;
import io.disruptorx.engine.Side;
import io.disruptorx.protocol.venue.TraceContext;
import io.disruptorx.tracing.OtelCommandSpans;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
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
 * Tracing on the cluster host: a gateway offers an order with its caller's trace context through a real
 * {@link io.disruptorx.cluster.client.ClusterVenueClient} to three members in this JVM, all reporting to one
 * {@link OtelCommandSpans} over the SDK's in-memory exporter. The client's span and the leader's spans of the
 * order form one trace with the right parents; only the leader reports (one {@code cluster.command} although three
 * members apply the order), and untraced commands make no spans.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterTracingTest
{
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void shouldMakeOneTraceOfTheClientsSpanAndTheLeadersSpansOfATracedOrder()
    {
        final InMemorySpanExporter exporter = InMemorySpanExporter.create();
        final SdkTracerProvider provider =
            SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
        try (OtelCommandSpans spans = new OtelCommandSpans(provider, 1 << 16, provider);
            TestCluster cluster = new TestCluster("traced", 3, (id) -> TestCluster.plainService(id).withSpans(spans)))
        {
            cluster.startAll();
            cluster.awaitLeader(WAIT);
            try (TestGateway gateway = new TestGateway(
                ClusterClientConfig.of(31, cluster.ingressEndpoints(), cluster.clientAeronDirectory())))
            {
                gateway.addInstrument(1);
                gateway.deposit(1, 0, 1_000_000_000L);
                gateway.await((e) -> e.startsWith("admin ADJUST_BALANCE 1"), WAIT);

                final Span client = provider.get("test-gateway").spanBuilder("client.order")
                    .setSpanKind(SpanKind.CLIENT).startSpan();
                final SpanContext context = client.getSpanContext();
                final TraceContext trace = new TraceContext();
                assertThat(trace.parse("00-" + context.getTraceId() + "-" + context.getSpanId() + "-01",
                    System.nanoTime())).isTrue();
                gateway.limit(1, 500, 1, Side.BUY, 9_000, 1, trace);
                gateway.limit(1, 501, 1, Side.BUY, 9_000, 1);
                gateway.await((e) -> e.contains("coid=501 "), WAIT);
                client.end();

                await("the leader's spans of the order, and no other member's").atMost(Duration.ofSeconds(10))
                    .during(Duration.ofMillis(500))
                    .until(() -> named(exporter.getFinishedSpanItems(), "cluster.command").size() == 1);
                final List<SpanData> finished = exporter.getFinishedSpanItems();
                assertThat(finished).extracting(SpanData::getName).containsExactlyInAnyOrder(
                    "client.order", "cluster.command", "cluster.committed", "engine.applied");
                assertThat(finished).extracting(SpanData::getTraceId).containsOnly(context.getTraceId());
                final SpanData command = named(finished, "cluster.command").get(0);
                assertThat(command.getParentSpanId()).isEqualTo(context.getSpanId());
                assertThat(command.getKind()).isEqualTo(SpanKind.SERVER);
                final SpanData committed = named(finished, "cluster.committed").get(0);
                final SpanData applied = named(finished, "engine.applied").get(0);
                assertThat(committed.getParentSpanId()).isEqualTo(command.getSpanId());
                assertThat(applied.getParentSpanId()).isEqualTo(command.getSpanId());
                assertThat(committed.getStartEpochNanos()).isEqualTo(command.getStartEpochNanos());
                assertThat(applied.getStartEpochNanos()).isEqualTo(committed.getEndEpochNanos());
                assertThat(applied.getEndEpochNanos()).isEqualTo(command.getEndEpochNanos())
                    .isGreaterThanOrEqualTo(applied.getStartEpochNanos());
            }
        }
    }

    private static List<SpanData> named(final List<SpanData> spans, final String name)
    {
        return spans.stream().filter((span) -> span.getName().equals(name)).toList();
    }
}
