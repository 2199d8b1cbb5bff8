package io.disruptorx.tracing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dx-tracing thread survives the SDK throwing: a span processor that throws once, on the first span that ends,
 * costs that one timeline (counted as failed); the next timeline's spans are built and exported.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class OtelCommandSpansTest
{
    @Test
    void shouldCountATimelineTheSdkThrewOnAndGoOnBuildingTheNext()
    {
        final InMemorySpanExporter exporter = InMemorySpanExporter.create();
        final ThrowsOnce throwsOnce = new ThrowsOnce(SimpleSpanProcessor.create(exporter));
        final SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(throwsOnce).build();
        try (OtelCommandSpans spans = new OtelCommandSpans(provider, 1 << 16, provider))
        {
            spans.onOrder(0x1111L, 0x2222L, 0x33L, 1_000, 2_000, 3_000, 4_000, 5_000);
            await("the first timeline failed").atMost(Duration.ofSeconds(10)).until(() -> spans.failed() == 1);

            spans.onOrder(0x4444L, 0x5555L, 0x66L, 11_000, 12_000, 13_000, 14_000, 15_000);
            await("the second timeline's spans").atMost(Duration.ofSeconds(10)).until(() -> spans.recorded() == 1);

            assertThat(throwsOnce.thrown.get()).isEqualTo(1);
            assertThat(spans.failed()).isEqualTo(1);
            assertThat(spans.dropped()).isZero();
            assertThat(exporter.getFinishedSpanItems())
                .filteredOn(span -> span.getTraceId().equals("0000000000004444" + "0000000000005555"))
                .extracting(SpanData::getName).containsExactlyInAnyOrder(
                "gateway.receive", "journal.durable", "engine.applied", "report.sent");
        }
    }

    /**
     * Passes spans on, but throws instead on the first span that ends (as a broken exporter or processor would).
     */
    private static final class ThrowsOnce implements SpanProcessor
    {
        private final SpanProcessor next;
        private final AtomicInteger thrown = new AtomicInteger();

        ThrowsOnce(final SpanProcessor next)
        {
            this.next = next;
        }

        @Override
        public void onStart(final Context parentContext, final ReadWriteSpan span)
        {
            next.onStart(parentContext, span);
        }

        @Override
        public boolean isStartRequired()
        {
            return next.isStartRequired();
        }

        @Override
        public void onEnd(final ReadableSpan span)
        {
            if (thrown.compareAndSet(0, 1))
            {
                throw new IllegalStateException("exporter failure (test)");
            }
            next.onEnd(span);
        }

        @Override
        public boolean isEndRequired()
        {
            return true;
        }

        @Override
        public CompletableResultCode shutdown()
        {
            return next.shutdown();
        }
    }
}
