package io.disruptorx.core.bus;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.lmax.disruptor.EventTranslatorOneArg;
import io.disruptorx.core.wait.WaitStrategies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RingPublisherTest
{
    private static final EventTranslatorOneArg<TestEvent, long[]> VALUE = (event, sequence, value) ->
        event.value = value[0];

    /** Records what it receives; requests only when told. */
    static final class RecordingSubscriber implements Flow.Subscriber<TestEvent>
    {
        final List<Long> values = new CopyOnWriteArrayList<>();
        final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
        final AtomicBoolean completed = new AtomicBoolean();
        final AtomicReference<Throwable> error = new AtomicReference<>();

        @Override
        public void onSubscribe(final Flow.Subscription s)
        {
            subscription.set(s);
        }

        @Override
        public void onNext(final TestEvent item)
        {
            values.add(item.value);
        }

        @Override
        public void onError(final Throwable throwable)
        {
            error.set(throwable);
        }

        @Override
        public void onComplete()
        {
            completed.set(true);
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldDeliverOnlyWhatWasRequestedAndBackPressureTheRing() throws Exception
    {
        final EventBus bus = new EventBus();
        final Topic<TestEvent> topic = bus.createTopic(TopicConfig.builder("flow", TestEvent::new)
            .ringSize(16).waitStrategy(WaitStrategies.BLOCKING).build());
        final RingPublisher<TestEvent> publisher = topic.publisher("flow-sub", 0);
        bus.start();
        final RecordingSubscriber subscriber = new RecordingSubscriber();
        publisher.subscribe(subscriber);
        subscriber.subscription.get().request(5);

        final long[] value = new long[1];
        long accepted = 0;
        while (topic.tryPublish(0, VALUE, value))
        {
            accepted++;
            value[0]++;
            assertThat(accepted).isLessThanOrEqualTo(5 + 16);
        }
        await().atMost(Duration.ofSeconds(5))
            .until(() -> subscriber.values.size() == 5 && publisher.waitingForDemand());
        // the handler freed the slots of the batches it finished; it is now held inside an event, so refill
        while (topic.tryPublish(0, VALUE, value))
        {
            accepted++;
            value[0]++;
            assertThat(accepted).isLessThanOrEqualTo(5 + 16);
        }
        final long rejectedBefore = topic.rejectedCount();
        assertThat(topic.tryPublish(0, VALUE, value)).as("still full: no demand").isFalse();
        assertThat(topic.rejectedCount()).isEqualTo(rejectedBefore + 1);
        assertThat(subscriber.values).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(publisher.outstandingDemand()).isZero();

        subscriber.subscription.get().request(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.values.size() == 8);
        assertThat(subscriber.values).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);

        subscriber.subscription.get().request(Long.MAX_VALUE);
        final long total = accepted;
        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.values.size() == total);
        assertThat(bus.close(Duration.ofSeconds(10))).isTrue();
        assertThat(subscriber.completed).isTrue();
        assertThat(subscriber.error.get()).isNull();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldRefuseSecondSubscriberAndNonPositiveRequest() throws Exception
    {
        final EventBus bus = new EventBus();
        final Topic<TestEvent> topic = bus.createTopic(TopicConfig.builder("flow2", TestEvent::new)
            .ringSize(16).waitStrategy(WaitStrategies.BLOCKING).build());
        final RingPublisher<TestEvent> publisher = topic.publisher("only", 0);
        bus.start();
        final RecordingSubscriber first = new RecordingSubscriber();
        final RecordingSubscriber second = new RecordingSubscriber();
        publisher.subscribe(first);
        publisher.subscribe(second);
        assertThat(second.error.get()).isInstanceOf(IllegalStateException.class);

        first.subscription.get().request(0);
        assertThat(first.error.get()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.9");
        final long[] value = new long[1];
        for (int i = 0; i < 100; i++)
        {
            topic.publish(0, VALUE, value);
        }
        assertThat(bus.close(Duration.ofSeconds(10))).as("a cancelled subscription lets the ring drain").isTrue();
        assertThat(first.values).isEmpty();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldStopWaitingForDemandWhenClosed() throws Exception
    {
        final EventBus bus = new EventBus();
        final Topic<TestEvent> topic = bus.createTopic(TopicConfig.builder("flow3", TestEvent::new)
            .ringSize(16).waitStrategy(WaitStrategies.BLOCKING).build());
        final RingPublisher<TestEvent> publisher = topic.publisher("idle", 0);
        bus.start();
        final RecordingSubscriber subscriber = new RecordingSubscriber();
        publisher.subscribe(subscriber);
        topic.publish(0, VALUE, new long[1]);
        assertThat(bus.close(Duration.ofMillis(200))).as("undelivered event: not drained").isFalse();
        assertThat(topic.threads()).allSatisfy(thread -> assertThat(thread.isAlive()).isFalse());
        assertThat(subscriber.completed).isTrue();
    }
}
