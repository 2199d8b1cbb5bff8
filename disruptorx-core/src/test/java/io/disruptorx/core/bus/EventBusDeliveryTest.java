package io.disruptorx.core.bus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventTranslatorTwoArg;
import io.disruptorx.core.wait.WaitStrategies;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

class EventBusDeliveryTest
{
    private static final int PUBLISHERS = 4;

    private static final EventTranslatorTwoArg<TestEvent, Integer, long[]> SET =
        (event, sequence, publisher, counter) ->
        {
            event.publisher = publisher;
            event.value = counter[0];
        };

    /** Checks exactly-once, per-publisher order; single-threaded like every handler. */
    static final class OrderChecker implements EventHandler<TestEvent>
    {
        final long[] next = new long[PUBLISHERS];
        long total;
        String firstViolation;

        @Override
        public void onEvent(final TestEvent event, final long sequence, final boolean endOfBatch)
        {
            if (event.value != next[event.publisher] && firstViolation == null)
            {
                firstViolation = "publisher " + event.publisher + " expected " + next[event.publisher] + " got "
                    + event.value + " at sequence " + sequence;
            }
            next[event.publisher] = event.value + 1;
            total++;
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldDeliverEveryEventOnceAndInPublisherOrderToEverySubscriber() throws Exception
    {
        runFourPublishers(250_000);
    }

    @Test
    @Tag("slow")
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldDeliverFourMillionEventsOnceAndInPublisherOrder() throws Exception
    {
        runFourPublishers(1_000_000);
    }

    private static void runFourPublishers(final int perPublisher) throws Exception
    {
        final EventBus bus = new EventBus();
        final Topic<TestEvent> topic = bus.createTopic(TopicConfig.builder("delivery", TestEvent::new)
            .ringSize(4096).waitStrategy(WaitStrategies.ADAPTIVE).build());
        final OrderChecker first = new OrderChecker();
        final OrderChecker second = new OrderChecker();
        topic.subscribe("first", first);
        topic.subscribe("second", second);
        bus.start();

        final CyclicBarrier go = new CyclicBarrier(PUBLISHERS);
        final List<Thread> publishers = new ArrayList<>();
        for (int p = 0; p < PUBLISHERS; p++)
        {
            final Integer id = p;
            final Thread thread = new Thread(() ->
            {
                final long[] counter = new long[1];
                try
                {
                    go.await();
                }
                catch (final Exception ex)
                {
                    throw new IllegalStateException(ex);
                }
                for (long i = 0; i < perPublisher; i++)
                {
                    counter[0] = i;
                    topic.publish(0, SET, id, counter);
                }
            }, "publisher-" + p);
            publishers.add(thread);
            thread.start();
        }
        for (final Thread thread : publishers)
        {
            thread.join();
        }
        assertThat(bus.close(Duration.ofSeconds(30))).isTrue();

        for (final OrderChecker checker : List.of(first, second))
        {
            assertThat(checker.firstViolation).isNull();
            assertThat(checker.total).isEqualTo((long) PUBLISHERS * perPublisher);
            for (int p = 0; p < PUBLISHERS; p++)
            {
                assertThat(checker.next[p]).as("events seen from publisher %d", p).isEqualTo(perPublisher);
            }
        }
        assertThat(topic.publishedCount()).isEqualTo((long) PUBLISHERS * perPublisher);
    }

    private static final KeyedTranslator<TestEvent, long[]> BY_KEY = (event, sequence, key, perKeyCounter) ->
    {
        event.key = key;
        event.value = perKeyCounter[(int) key]++;
    };

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldKeepPerKeyOrderAcrossPartitions() throws Exception
    {
        final int keys = 64;
        final int perThread = 100_000;
        final EventBus bus = new EventBus();
        final Topic<TestEvent> topic = bus.createTopic(TopicConfig.builder("keyed", TestEvent::new)
            .partitions(4).ringSize(1024).waitStrategy(WaitStrategies.BLOCKING).build());
        final long[][] nextPerKey = new long[4][keys];
        final long[] seen = new long[4];
        final String[] violation = new String[4];
        topic.subscribe("checker", partition -> (EventHandler<TestEvent>) (event, sequence, endOfBatch) ->
        {
            final int key = (int) event.key;
            if (topic.partitionFor(key) != partition || nextPerKey[partition][key] != event.value)
            {
                violation[partition] = "key " + key + " value " + event.value + " on partition " + partition;
            }
            nextPerKey[partition][key] = event.value + 1;
            seen[partition]++;
        });
        bus.start();

        final Thread[] threads = new Thread[2];
        for (int t = 0; t < threads.length; t++)
        {
            final int firstKey = t * keys / 2;
            threads[t] = new Thread(() ->
            {
                final long[] perKeyCounter = new long[keys];
                for (int i = 0; i < perThread; i++)
                {
                    topic.publishByKey(firstKey + (i % (keys / 2)), BY_KEY, perKeyCounter);
                }
            });
            threads[t].start();
        }
        for (final Thread thread : threads)
        {
            thread.join();
        }
        assertThat(bus.close(Duration.ofSeconds(30))).isTrue();

        assertThat(violation).containsOnlyNulls();
        assertThat(seen[0] + seen[1] + seen[2] + seen[3]).isEqualTo(2L * perThread);
        assertThat(seen).doesNotContain(0L);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldGiveEachEventToExactlyOneWorker() throws Exception
    {
        final int events = 30_000;
        final int workers = 3;
        final EventBus bus = new EventBus();
        final Topic<TestEvent> topic = bus.createTopic(TopicConfig.builder("work", TestEvent::new)
            .ringSize(256).waitStrategy(WaitStrategies.BLOCKING).build());
        final int[][] handledBy = new int[workers][events];
        final int[] handledCount = new int[workers];
        final boolean[][] sawEndOfBatch = new boolean[workers][1];
        topic.subscribeWorkers("workers", workers, index -> (EventHandler<TestEvent>) (event, sequence, eob) ->
        {
            handledBy[index][(int) event.value]++;
            handledCount[index]++;
            sawEndOfBatch[index][0] |= eob;
        });
        bus.start();
        final long[] counter = new long[1];
        for (int i = 0; i < events; i++)
        {
            counter[0] = i;
            topic.publish(0, SET, 0, counter);
        }
        assertThat(bus.close(Duration.ofSeconds(20))).isTrue();

        for (int i = 0; i < events; i++)
        {
            int total = 0;
            for (int w = 0; w < workers; w++)
            {
                total += handledBy[w][i];
            }
            assertThat(total).as("workers that handled event %d", i).isEqualTo(1);
        }
        for (int w = 0; w < workers; w++)
        {
            assertThat(handledCount[w]).isEqualTo(events / workers);
            assertThat(sawEndOfBatch[w][0]).as("worker %d told of batch ends", w).isTrue();
        }
    }
}
