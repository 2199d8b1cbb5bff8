package io.disruptorx.core.bus;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.EventTranslatorTwoArg;
import com.lmax.disruptor.RingBuffer;
import io.disruptorx.core.wait.WaitStrategies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lifecycle check of {@link PartitionProducer}'s per-event publishes: before start and after close every
 * variant is refused with an {@link IllegalStateException} naming the state, and claims no slot, also once the
 * publishing loop has run hot (the JIT compiles the lifecycle check its own way; a refusal must stay the same error).
 */
class PartitionProducerLifecycleTest
{
    private static final EventTranslatorOneArg<TestEvent, long[]> ONE = (event, sequence, value) ->
        event.value = value[0];
    private static final EventTranslatorTwoArg<TestEvent, long[], long[]> TWO = (event, sequence, a, b) ->
        event.value = a[0] + b[0];
    private static final KeyedTranslator<TestEvent, long[]> KEYED = (event, sequence, key, value) ->
    {
        event.key = key;
        event.value = value[0];
    };
    private static final int LOOP_EVENTS = 1_000_000;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldRefuseEveryPublishBeforeStartAndAfterCloseWithoutClaimingASlot() throws Exception
    {
        final EventBus bus = new EventBus();
        final Topic<TestEvent> topic = bus.createTopic(TopicConfig.builder("life", TestEvent::new)
            .ringSize(16).waitStrategy(WaitStrategies.BLOCKING).build());
        final AtomicLong sum = new AtomicLong();
        topic.subscribe("sum", (EventHandler<TestEvent>) (event, sequence, endOfBatch) ->
            sum.addAndGet(event.value + event.key));
        final PartitionProducer<TestEvent> producer = topic.producer(0);
        final RingBuffer<TestEvent> ring = topic.ring(0);
        final long[] one = {1};

        assertRefused(producer, one, "topic life not started");
        assertThat(ring.getCursor()).isEqualTo(-1);

        bus.start();
        producer.publish(ONE, one);
        producer.publish(TWO, one, one);
        producer.publish(10, KEYED, one);
        assertThat(bus.close(Duration.ofSeconds(10))).isTrue();
        assertThat(sum.get()).isEqualTo(1 + 2 + 11);
        assertThat(ring.getCursor()).isEqualTo(2);

        assertRefused(producer, one, "topic life closed");
        assertThat(ring.getCursor()).as("a refused publish claims no slot").isEqualTo(2);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldRefuseWithTheSameErrorAfterTheLoopRanHot() throws Exception
    {
        final EventBus bus = new EventBus();
        final Topic<TestEvent> topic = bus.createTopic(TopicConfig.builder("hot", TestEvent::new)
            .ringSize(1024).waitStrategy(WaitStrategies.YIELDING).build());
        final AtomicLong handled = new AtomicLong();
        topic.subscribe("count", (EventHandler<TestEvent>) (event, sequence, endOfBatch) ->
            handled.lazySet(sequence + 1));
        final PartitionProducer<TestEvent> producer = topic.producer(0);
        bus.start();
        final long[] value = new long[1];
        publishLoop(producer, value, LOOP_EVENTS);
        assertThat(bus.close(Duration.ofSeconds(20))).isTrue();
        assertThat(handled.get()).isEqualTo(LOOP_EVENTS);

        assertThatThrownBy(() -> publishLoop(producer, value, LOOP_EVENTS))
            .isExactlyInstanceOf(IllegalStateException.class).hasMessage("topic hot closed");
        assertThat(topic.ring(0).getCursor()).isEqualTo(LOOP_EVENTS - 1);
    }

    private static void publishLoop(final PartitionProducer<TestEvent> producer, final long[] value,
        final long count)
    {
        for (long i = 0; i < count; i++)
        {
            value[0] = i;
            producer.publish(ONE, value);
        }
    }

    private static void assertRefused(final PartitionProducer<TestEvent> producer, final long[] arg,
        final String message)
    {
        assertThatThrownBy(() -> producer.publish(ONE, arg))
            .isExactlyInstanceOf(IllegalStateException.class).hasMessage(message);
        assertThatThrownBy(() -> producer.publish(TWO, arg, arg))
            .isExactlyInstanceOf(IllegalStateException.class).hasMessage(message);
        assertThatThrownBy(() -> producer.publish(7, KEYED, arg))
            .isExactlyInstanceOf(IllegalStateException.class).hasMessage(message);
    }
}
