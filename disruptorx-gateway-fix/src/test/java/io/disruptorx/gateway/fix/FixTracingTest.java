package io.disruptorx.gateway.fix;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.gateway.config.GatewayConfigBinder;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.embedded.NodeTracing;
import io.disruptorx.node.venue.NodeGateways;
import io.disruptorx.protocol.venue.TraceContext;
import io.disruptorx.tracing.OtelCommandSpans;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import quickfix.field.Side;
import quickfix.fix44.NewOrderSingle;

import static io.disruptorx.gateway.fix.FixMessages.limit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A W3C trace context in a NewOrderSingle's TraceParent(9700), sent by a real QuickFIX/J client to the FIX acceptor
 * of a traced embedded node (journal, engine, output ring): the order's four spans form one trace under the
 * client's span, collected by the OpenTelemetry SDK's in-memory exporter. Orders without the tag, or with an
 * invalid value, are not traced when root sampling is off.
 */
@Timeout(120)
class FixTracingTest
{
    private static final long WAIT_MS = FixTestNode.WAIT_MS;
    private static final int TRACE_PARENT = 9700;
    private static final long TRACE_HIGH = 0x0af7651916cd43ddL;
    private static final long TRACE_LOW = 0x8448eb211c80319cL;
    private static final long CLIENT_SPAN = 0xb7ad6b7169203331L;

    @TempDir
    Path directory;

    @Test
    void shouldMakeOneTraceOfAFixOrdersStagesUnderTheClientsSpan() throws Exception
    {
        final int port = FixTestNode.freePort();
        final Path dataDirectory = directory.resolve("data");
        final Path file = FixTestNode.configuration(directory, dataDirectory,
            "  fix { listen = \"127.0.0.1:" + port + "\", heartbeat = 5s }");
        final Config parsed = ConfigFactory.parseFile(file.toFile()).resolve();
        final GatewayConfig gateways = GatewayConfigBinder.bind(parsed, file.toString());
        final FixSettings fix = FixConfigBinder.bind(parsed, file.toString(), dataDirectory);
        final InMemorySpanExporter exporter = InMemorySpanExporter.create();
        final SdkTracerProvider provider =
            SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();

        try (OtelCommandSpans spans = new OtelCommandSpans(provider, 1 << 16, provider);
            EmbeddedNode node = EmbeddedNode.startTraced(NodeConfig.defaults(dataDirectory)
                .withForcePolicy(ForcePolicy.NEVER, 1_000_000L), null, null, new NodeTracing(spans, 0)))
        {
            FixTestNode.listAndFund(node);
            try (NodeGateways running = NodeGateways.start(node, gateways, new BackoffIdleStrategy(),
                gateway -> FixGateway.launch(fix, gateway.core(), new InstrumentDirectory(gateways.instruments())));
                QfjClient alice = QfjClient.loggedOn(port, "alice", FixTestNode.PASSWORD, Map.of(), WAIT_MS))
            {
                alice.send(traced("A1", TraceContext.format(TRACE_HIGH, TRACE_LOW, CLIENT_SPAN, 1)));
                alice.send(traced("A2", "00-not-a-trace-context"));
                alice.send(limit("A3", "BTC-USD", Side.BUY, "100.00", "1"));
                assertThat(alice.next(3, WAIT_MS)).extracting(FixMessages::summary).containsExactly(
                    "8 11=A1 37=1 54=1 150=0 39=0 44=100 38=1 151=1 14=0 6=0",
                    "8 11=A2 37=2 54=1 150=0 39=0 44=100 38=1 151=1 14=0 6=0",
                    "8 11=A3 37=3 54=1 150=0 39=0 44=100 38=1 151=1 14=0 6=0");
                assertThat(running.gateway().core().counters().internalErrors()).isZero();
            }

            await("the traced order's spans").atMost(Duration.ofSeconds(10))
                .until(() -> exporter.getFinishedSpanItems().size() >= 4);
            await("no more spans").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> exporter.getFinishedSpanItems().size() == 4);
            assertOneTraceUnderTheClientsSpan(exporter.getFinishedSpanItems());
            assertThat(spans.dropped()).isZero();
        }
    }

    private static NewOrderSingle traced(final String clOrdId, final String traceParent)
    {
        final NewOrderSingle order = limit(clOrdId, "BTC-USD", Side.BUY, "100.00", "1");
        order.setString(TRACE_PARENT, traceParent);
        return order;
    }

    private static void assertOneTraceUnderTheClientsSpan(final List<SpanData> traced)
    {
        final Map<String, SpanData> byName = traced.stream()
            .collect(Collectors.toMap(SpanData::getName, Function.identity()));
        assertThat(byName).containsOnlyKeys("gateway.receive", "journal.durable", "engine.applied", "report.sent");
        assertThat(traced).extracting(SpanData::getTraceId).containsOnly(TraceId.fromLongs(TRACE_HIGH, TRACE_LOW));
        final SpanData gateway = byName.get("gateway.receive");
        assertThat(gateway.getParentSpanId()).isEqualTo(SpanId.fromLong(CLIENT_SPAN));
        assertThat(gateway.getParentSpanContext().isRemote()).isTrue();
        for (final String stage : List.of("journal.durable", "engine.applied", "report.sent"))
        {
            assertThat(byName.get(stage).getParentSpanId()).as(stage).isEqualTo(gateway.getSpanId());
        }
        assertThat(traced).extracting(SpanData::getSpanId).doesNotHaveDuplicates();
    }
}
