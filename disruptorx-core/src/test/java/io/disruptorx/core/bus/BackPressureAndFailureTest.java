package io.disruptorx.core.bus;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventTranslatorOneArg;
import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.metrics.PrometheusCollector;
import io.disruptorx.core.wait.WaitStrategies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class BackPressureAndFailureTest
{
    private static final EventTranslatorOneArg<TestEvent, long[]> VALUE = (event, sequence, value) ->
        event.value = value[0];

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldRejectAndCountTryPublishWhenRingIsFull() throws Exception
    {
        final MetricsRegistry metrics = new MetricsRegistry();
        final EventBus bus = new EventBus(metrics, BusExceptionHook.NONE);
        final Topic<TestEvent> topic = bus.createTopic(TopicConfig.builder("bp", TestEvent::new)
            .ringSize(16).waitStrategy(WaitStrategies.BLOCKING).build());
        final CountDownLatch gate = new CountDownLatch(1);
        final AtomicLong handled = new AtomicLong();
        topic.subscribe("slow", (EventHandler<TestEvent>) (event, sequence, endOfBatch) ->
        {
            gate.await();
            handled.incrementAndGet();
        });
        bus.start();

        final long[] value = new long[1];
        int accepted = 0;
        while (topic.tryPublish(0, VALUE, value))
        {
            accepted++;
            value[0]++;
            assertThat(accepted).as("a 16-slot ring with a stalled consumer must fill").isLessThanOrEqualTo(16);
        }
        assertThat(accepted).isEqualTo(16);
        assertThat(topic.tryPublishBatch(0, 2, (e, s, i, a) -> e.value = -1, value)).isFalse();
        assertThat(topic.rejectedCount()).isEqualTo(2);
        assertThat(topic.backlog(0)).isEqualTo(16);
        assertThat(new PrometheusCollector(metrics).scrapeText())
            .contains("dx_bus_rejected_total{topic=\"bp\"} 2.0")
            .contains("dx_bus_backlog{partition=\"0\",topic=\"bp\"} 16.0");

        gate.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.get() == 16);
        assertThat(topic.tryPublish(0, VALUE, value)).isTrue();
        assertThat(bus.close(Duration.ofSeconds(10))).isTrue();
        assertThat(handled.get()).isEqualTo(17);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldCountReportAndSurviveHandlerExceptions() throws Exception
    {
        final List<String> reports = new CopyOnWriteArrayList<>();
        final EventBus bus = new EventBus(new MetricsRegistry(),
            (topic, partition, subscriber, sequence, error) ->
                reports.add(topic + "/" + partition + "/" + subscriber + "@" + sequence + ":" + error.getMessage()));
        final Topic<TestEvent> topic = bus.createTopic(TopicConfig.builder("boom", TestEvent::new)
            .ringSize(32).waitStrategy(WaitStrategies.BLOCKING).build());
        final AtomicLong handledByFaulty = new AtomicLong();
        final AtomicLong handledByDownstreamPeer = new AtomicLong();
        topic.subscribe("faulty", (EventHandler<TestEvent>) (event, sequence, endOfBatch) ->
        {
            handledByFaulty.incrementAndGet();
            if (event.value % 10 == 0)
            {
                throw new IllegalArgumentException("bad " + event.value);
            }
        });
        topic.subscribe("healthy", (EventHandler<TestEvent>) (event, sequence, endOfBatch) ->
            handledByDownstreamPeer.incrementAndGet());
        bus.start();
        final long[] value = new long[1];
        for (int i = 0; i < 100; i++)
        {
            value[0] = i;
            topic.publish(0, VALUE, value);
        }
        assertThat(bus.close(Duration.ofSeconds(10))).isTrue();

        assertThat(handledByFaulty.get()).isEqualTo(100);
        assertThat(handledByDownstreamPeer.get()).isEqualTo(100);
        assertThat(topic.exceptionCount()).isEqualTo(10);
        assertThat(reports).hasSize(10).contains("boom/0/faulty@0:bad 0", "boom/0/faulty@90:bad 90");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldDrainHaltAndJoinOnClose() throws Exception
    {
        final EventBus bus = new EventBus();
        final Topic<TestEvent> topic = bus.createTopic(TopicConfig.builder("close", TestEvent::new)
            .partitions(2).ringSize(1024).waitStrategy(WaitStrategies.ADAPTIVE).build());
        final AtomicLong handled = new AtomicLong();
        topic.subscribe("work", partition -> (EventHandler<TestEvent>) (event, sequence, endOfBatch) ->
        {
            long spin = 0;
            for (int i = 0; i < 200; i++)
            {
                spin += i * event.value;
            }
            event.key = spin;
            handled.incrementAndGet();
        });
        bus.start();
        final long[] value = new long[1];
        for (int i = 0; i < 50_000; i++)
        {
            value[0] = i;
            topic.publish(i & 1, VALUE, value);
        }
        assertThat(bus.close(Duration.ofSeconds(20))).isTrue();

        assertThat(handled.get()).isEqualTo(50_000);
        assertThat(topic.threads()).hasSize(2).allSatisfy(thread -> assertThat(thread.isAlive()).isFalse());
        assertThatThrownBy(() -> topic.publish(0, VALUE, value)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("closed");
        assertThat(topic.tryPublish(0, VALUE, value)).isFalse();
        final PartitionProducer<TestEvent> producer = topic.producer(1);
        assertThat(producer.partition()).isEqualTo(1);
        assertThatThrownBy(() -> producer.publish(VALUE, value)).hasMessageContaining("closed");
        assertThat(producer.tryPublish(VALUE, value)).isFalse();
        assertThat(topic.rejectedCount()).isEqualTo(2);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldReportUncleanCloseWhenASubscriberCannotDrain() throws Exception
    {
        final EventBus bus = new EventBus();
        final Topic<TestEvent> topic = bus.createTopic(TopicConfig.builder("stuck", TestEvent::new)
            .ringSize(16).waitStrategy(WaitStrategies.BLOCKING).build());
        final CountDownLatch gate = new CountDownLatch(1);
        topic.subscribe("stuck", (EventHandler<TestEvent>) (event, sequence, endOfBatch) -> gate.await());
        bus.start();
        topic.publish(0, VALUE, new long[1]);
        assertThat(bus.close(Duration.ofMillis(300))).isFalse();
        gate.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> topic.threads().stream().noneMatch(Thread::isAlive));
    }

    @Test
    void shouldRefusePublishingBeforeStartAndSubscribingAfter()
    {
        final EventBus bus = new EventBus();
        final Topic<TestEvent> topic = bus.createTopic(TopicConfig.builder("life", TestEvent::new)
            .ringSize(16).waitStrategy(WaitStrategies.BLOCKING).build());
        assertThatThrownBy(() -> topic.publish(0, VALUE, new long[1])).hasMessageContaining("not started");
        topic.subscribe("a", (EventHandler<TestEvent>) (event, sequence, endOfBatch) ->
        {
        });
        assertThatThrownBy(() -> topic.subscribe("a", (EventHandler<TestEvent>) (e, s, b) ->
        {
        })).hasMessageContaining("already has a subscriber a");
        bus.start();
        assertThatThrownBy(() -> topic.subscribe("b", (EventHandler<TestEvent>) (e, s, b) ->
        {
        })).hasMessageContaining("subscribe before start");
        assertThatThrownBy(() -> bus.createTopic(TopicConfig.builder("life", TestEvent::new).build()))
            .hasMessageContaining("already exists");
        bus.close();
    }
}
