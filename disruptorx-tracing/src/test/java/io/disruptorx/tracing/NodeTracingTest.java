package io.disruptorx.tracing;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.disruptorx.gateway.auth.ApiKeyCredential;
import io.disruptorx.gateway.client.NativeReports;
import io.disruptorx.gateway.codec.ClientOrderIds;
import io.disruptorx.gateway.json.JsonConfig;
import io.disruptorx.gateway.support.NativeTestClient;
import io.disruptorx.gateway.support.RawSoupClient;
import io.disruptorx.gateway.support.TestVenueSetup;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.embedded.NodeTracing;
import io.disruptorx.node.venue.NodeGateways;
import io.disruptorx.protocol.sbe.orderentry.BooleanType;
import io.disruptorx.protocol.sbe.orderentry.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.orderentry.NewOrderEncoder;
import io.disruptorx.protocol.sbe.orderentry.OrderType;
import io.disruptorx.protocol.sbe.orderentry.SelfTradePrevention;
import io.disruptorx.protocol.sbe.orderentry.Side;
import io.disruptorx.protocol.sbe.orderentry.TimeInForce;
import io.disruptorx.protocol.venue.TraceContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.disruptorx.gateway.support.TestVenueSetup.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Orders entered through the real binary gateway (SoupBinTCP, native dialect, over loopback) and the real REST
 * edge (signed requests, the {@code traceparent} header) on a real embedded node with its journal, traced into the
 * OpenTelemetry SDK's in-memory exporter.
 */
@Timeout(60)
class NodeTracingTest
{
    private static final long TRACE_HIGH = 0x4bf92f3577b34da6L;
    private static final long TRACE_LOW = 0xa3ce929d0e0e4736L;
    private static final long CLIENT_SPAN = 0x00f067aa0ba902b7L;
    private static final String API_KEY = "alice-key";
    private static final String API_SECRET = "alice-secret";

    @TempDir
    Path dir;

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private OtelCommandSpans spans;
    private EmbeddedNode node;
    private NodeGateways gateways;

    @AfterEach
    void tearDown()
    {
        if (gateways != null)
        {
            gateways.close();
        }
        if (node != null)
        {
            node.close();
        }
        if (spans != null)
        {
            spans.close();
        }
    }

    @Test
    void shouldMakeOneTraceOfAnOrdersStagesUnderTheClientsSpan()
    {
        start(0);
        try (NativeTestClient alice = login("alice"))
        {
            order(alice, "A1", TRACE_HIGH, TRACE_LOW, CLIENT_SPAN, 1);
            assertThat(alice.awaitReports(1)).containsExactly(
                "ACCEPTED order=1 clOrd=A1 acct=1 instr=1 BUY LIMIT GTC px=100.00 qty=5");
        }

        final Map<String, SpanData> byName = assertOneTraceUnderTheClientsSpan(awaitSpans(4));
        final SpanData gateway = byName.get("gateway.receive");
        final SpanData journal = byName.get("journal.durable");
        final SpanData engine = byName.get("engine.applied");
        final SpanData report = byName.get("report.sent");
        assertThat(gateway.getEndEpochNanos()).isGreaterThanOrEqualTo(gateway.getStartEpochNanos())
            .isEqualTo(journal.getStartEpochNanos());
        assertThat(journal.getEndEpochNanos()).isGreaterThanOrEqualTo(journal.getStartEpochNanos())
            .isEqualTo(engine.getStartEpochNanos());
        assertThat(engine.getEndEpochNanos()).isGreaterThanOrEqualTo(engine.getStartEpochNanos())
            .isEqualTo(report.getStartEpochNanos());
        assertThat(report.getEndEpochNanos()).isGreaterThanOrEqualTo(report.getStartEpochNanos());
        assertThat(spans.dropped()).isZero();
    }

    @Test
    void shouldMakeOneTraceOfARestOrdersStagesUnderItsTraceparent() throws Exception
    {
        start(0);
        final HttpResponse<String> traced = post("n1",
            TraceContext.format(TRACE_HIGH, TRACE_LOW, CLIENT_SPAN, TraceContext.SAMPLED));
        assertThat(traced.statusCode()).isEqualTo(200);
        assertThat(traced.body()).contains("\"clientOrderId\":\"n1\"").contains("\"status\":\"NEW\"");
        assertThat(post("n2", TraceContext.format(TRACE_HIGH, TRACE_LOW + 1, CLIENT_SPAN + 1, 0)).body())
            .contains("\"status\":\"NEW\"");
        assertThat(post("n3", null).body()).contains("\"status\":\"NEW\"");

        assertOneTraceUnderTheClientsSpan(awaitSpans(4));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
            .until(() -> exporter.getFinishedSpanItems().size() == 4);
        assertThat(spans.dropped()).isZero();
    }

    @Test
    void shouldTraceOnlySampledContextsWhenRootSamplingIsOff()
    {
        start(0);
        try (NativeTestClient alice = login("alice"))
        {
            order(alice, "A1", TRACE_HIGH, TRACE_LOW, CLIENT_SPAN, 0);
            order(alice, "A2", 0, 0, 0, 0);
            order(alice, "A3", TRACE_HIGH, TRACE_LOW + 1, CLIENT_SPAN + 1, 1);
            assertThat(alice.awaitReports(3)).hasSize(3);
        }

        final List<SpanData> traced = awaitSpans(4);
        assertThat(traced).extracting(SpanData::getTraceId).containsOnly(TraceId.fromLongs(TRACE_HIGH, TRACE_LOW + 1));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
            .until(() -> exporter.getFinishedSpanItems().size() == 4);
    }

    @Test
    void shouldStartARootTraceForOneInEveryNOrdersWithoutAContext()
    {
        start(2);
        try (NativeTestClient alice = login("alice"))
        {
            for (int i = 1; i <= 4; i++)
            {
                order(alice, "R" + i, 0, 0, 0, 0);
            }
            assertThat(alice.awaitReports(4)).hasSize(4);
        }

        final List<SpanData> traced = awaitSpans(8);
        final Map<String, List<SpanData>> byTrace =
            traced.stream().collect(Collectors.groupingBy(SpanData::getTraceId));
        assertThat(byTrace).hasSize(2);
        for (final List<SpanData> trace : byTrace.values())
        {
            final SpanData gateway = trace.stream().filter(s -> s.getName().equals("gateway.receive")).findFirst()
                .orElseThrow();
            assertThat(gateway.getParentSpanContext().isValid()).isFalse();
            assertThat(trace).filteredOn(s -> s != gateway).hasSize(3)
                .allSatisfy(s -> assertThat(s.getParentSpanId()).isEqualTo(gateway.getSpanId()));
        }
    }

    @Test
    void shouldAcceptAVersionZeroNewOrderWithoutTraceFieldsAndTraceItAsARootSample()
    {
        start(1);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
        final NewOrderEncoder newOrder = new NewOrderEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .clientOrderId(ClientOrderIds.encode("V0")).accountId(1).instrumentId(1).side(Side.BUY)
            .orderType(OrderType.LIMIT).timeInForce(TimeInForce.GTC).postOnly(BooleanType.FALSE)
            .selfTradePrevention(SelfTradePrevention.CANCEL_NEWEST);
        newOrder.price().mantissa(10000).exponent((byte)-2);
        newOrder.quantity().mantissa(5).exponent((byte)0);
        // version 0 ends with the quantity (a Decimal of 9 bytes at offset 48): no trace fields, no padding
        final int v0BlockLength = 57;
        new MessageHeaderEncoder().wrap(buffer, 0).blockLength(v0BlockLength).version(0);
        final byte[] message = new byte[MessageHeaderEncoder.ENCODED_LENGTH + v0BlockLength];
        buffer.getBytes(0, message);

        try (RawSoupClient client = new RawSoupClient(
            new InetSocketAddress("127.0.0.1", gateways.gateway().nativePort()), 10_000))
        {
            client.login("alice", PASSWORD, "", 0);
            assertThat((char)client.read().type()).isEqualTo('A');
            client.send('U', message);
            RawSoupClient.Packet report = client.read();
            while (report != null && report.type() != 'S')
            {
                report = client.read();
            }
            assertThat(report).as("a report of the version 0 order").isNotNull();
            assertThat(new NativeReports().describe(new UnsafeBuffer(report.payload()), 0, report.payload().length))
                .isEqualTo("ACCEPTED order=1 clOrd=V0 acct=1 instr=1 BUY LIMIT GTC px=100.00 qty=5");
        }

        final List<SpanData> traced = awaitSpans(4);
        assertThat(traced).extracting(SpanData::getName)
            .containsExactlyInAnyOrder("gateway.receive", "journal.durable", "engine.applied", "report.sent");
        assertThat(traced).extracting(SpanData::getTraceId).containsOnly(traced.get(0).getTraceId());
        assertThat(traced).filteredOn(span -> span.getName().equals("gateway.receive")).singleElement()
            .satisfies(span -> assertThat(span.getParentSpanContext().isValid()).isFalse());
    }

    private void start(final int rootSampleEvery)
    {
        final SdkTracerProvider provider =
            SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
        spans = new OtelCommandSpans(provider, 1 << 16, provider);
        node = EmbeddedNode.startTraced(
            NodeConfig.defaults(dir).withSegmentSize(1024 * 1024).withRingSizes(1024, 4096), null, null,
            new NodeTracing(spans, rootSampleEvery));
        final NodeClient client = node.newClient(true);
        client.addInstrument(1, 1, 0, 1, 1, 2, 0, 1, 2, 10_000, 1_000, 1_000);
        long last = 0;
        for (long account = 1; account <= 5; account++)
        {
            client.adjustBalance(account, 0, 1_000_000_000_000L);
            client.adjustBalance(account, 1, 1_000_000_000L);
            last = client.adjustBalance(account, 2, 1_000_000_000_000L);
        }
        final long applied = last;
        await().atMost(Duration.ofSeconds(10)).until(() -> node.appliedSequence() >= applied);
        final var config = TestVenueSetup.gatewayConfig(0, 1024, 1_000_000_000L);
        final var alice = config.users().stream().filter(entry -> entry.user().name().equals("alice")).findFirst()
            .orElseThrow().user();
        final JsonConfig json = new JsonConfig(new InetSocketAddress("127.0.0.1", 0), 4096, 5_000, List.of(
            new ApiKeyCredential(API_KEY, alice, ApiKeyCredential.SignatureAlgorithm.HMAC_SHA256,
                API_SECRET.getBytes(StandardCharsets.UTF_8))));
        gateways = NodeGateways.start(node, config, json, new BackoffIdleStrategy(1, 1, 1_000, 100_000));
    }

    private Map<String, SpanData> assertOneTraceUnderTheClientsSpan(final List<SpanData> traced)
    {
        final Map<String, SpanData> byName = traced.stream()
            .collect(Collectors.toMap(SpanData::getName, Function.identity()));
        assertThat(byName).containsOnlyKeys("gateway.receive", "journal.durable", "engine.applied", "report.sent");
        final String traceId = TraceId.fromLongs(TRACE_HIGH, TRACE_LOW);
        assertThat(byName.values()).allSatisfy(span -> assertThat(span.getTraceId()).isEqualTo(traceId));
        final SpanData gateway = byName.get("gateway.receive");
        assertThat(gateway.getParentSpanId()).isEqualTo(SpanId.fromLong(CLIENT_SPAN));
        assertThat(gateway.getParentSpanContext().isRemote()).isTrue();
        for (final String stage : List.of("journal.durable", "engine.applied", "report.sent"))
        {
            assertThat(byName.get(stage).getParentSpanId()).as(stage).isEqualTo(gateway.getSpanId());
        }
        assertThat(byName.values().stream().map(SpanData::getSpanId).distinct()).hasSize(4);
        return byName;
    }

    /**
     * A signed REST limit buy of 5 BTC-USD at 100.00 by alice, with the {@code traceparent} header when given.
     */
    private HttpResponse<String> post(final String clientOrderId, final String traceparent) throws Exception
    {
        final String query = "symbol=BTC-USD&side=BUY&type=LIMIT&timeInForce=GTC&quantity=5&price=100.00" +
            "&newClientOrderId=" + clientOrderId + "&timestamp=" + System.currentTimeMillis();
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(API_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        final String signature = HexFormat.of().formatHex(mac.doFinal(query.getBytes(StandardCharsets.UTF_8)));
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" +
            gateways.jsonPort() + "/api/v3/order?" + query + "&signature=" + signature))
            .POST(HttpRequest.BodyPublishers.noBody()).header("X-MBX-APIKEY", API_KEY).timeout(Duration.ofSeconds(10));
        if (traceparent != null)
        {
            request.header("traceparent", traceparent);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private NativeTestClient login(final String user)
    {
        final NativeTestClient client = NativeTestClient.login(
            new InetSocketAddress("127.0.0.1", gateways.gateway().nativePort()), user, PASSWORD, 0);
        assertThat(client.loginRejected()).as("login of " + user).isZero();
        return client;
    }

    private List<SpanData> awaitSpans(final int count)
    {
        await().atMost(Duration.ofSeconds(10)).until(() -> exporter.getFinishedSpanItems().size() >= count);
        return exporter.getFinishedSpanItems();
    }

    private static void order(
        final NativeTestClient client, final String clientOrderId, final long traceHigh, final long traceLow,
        final long parentSpan, final int flags)
    {
        client.client().newOrder(ClientOrderIds.encode(clientOrderId), 1, 1, Side.BUY, OrderType.LIMIT,
            TimeInForce.GTC, false, SelfTradePrevention.CANCEL_NEWEST, 10000, -2, 5, 0, traceHigh, traceLow,
            parentSpan, flags);
        client.client().flush();
    }
}
