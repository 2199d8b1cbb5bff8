package io.disruptorx.core.bus;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.dsl.ProducerType;
import io.disruptorx.core.wait.WaitStrategies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransactionalPublishTest
{
    private static final BatchTranslator<TestEvent, long[]> BATCH = (event, sequence, index, batch) ->
    {
        event.voided = false;
        event.publisher = (int) batch[0];
        event.batchId = batch[1];
        event.size = (int) batch[2];
        event.index = index;
    };

    /**
     * Sees a batch "in part" if, when the first event of a transaction arrives, the slots available to the
     * consumer end before the transaction's last slot.
     */
    static final class AtomicityChecker implements EventHandler<TestEvent>
    {
        final long[] nextBatchPerPublisher;
        long batchSize;
        long batchEnd = -1;
        long events;
        long batches;
        String violation;
        long expectedIndex;

        AtomicityChecker(final int publishers)
        {
            nextBatchPerPublisher = new long[publishers];
        }

        @Override
        public void onBatchStart(final long size, final long queueDepth)
        {
            batchSize = size;
            batchEnd = -1;
        }

        @Override
        public void onEvent(final TestEvent event, final long sequence, final boolean endOfBatch)
        {
            if (batchEnd < 0)
            {
                batchEnd = sequence + batchSize - 1;
            }
            events++;
            if (event.index == 0)
            {
                batches++;
                if (sequence + event.size - 1 > batchEnd && violation == null)
                {
                    violation = "transaction " + event.batchId + " of " + event.size + " at " + sequence
                        + " visible only up to " + batchEnd;
                }
                if (event.batchId != nextBatchPerPublisher[event.publisher] && violation == null)
                {
                    violation = "publisher " + event.publisher + " batch " + event.batchId + " out of order";
                }
                nextBatchPerPublisher[event.publisher] = event.batchId + 1;
                expectedIndex = 0;
            }
            if (event.index != expectedIndex && violation == null)
            {
                violation = "transaction " + event.batchId + " interleaved at index " + event.index;
            }
            expectedIndex = event.index + 1;
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 42L, 20_240_101L})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldNeverExposePartOfATransactionWithManyProducers(final long seed) throws Exception
    {
        final int publishers = 3;
        final int batchesEach = 20_000;
        final EventBus bus = new EventBus();
        final Topic<TestEvent> topic = bus.createTopic(TopicConfig.builder("tx", TestEvent::new)
            .ringSize(256).waitStrategy(WaitStrategies.YIELDING).build());
        final AtomicityChecker checker = new AtomicityChecker(publishers);
        topic.subscribe("checker", checker);
        bus.start();

        final long[] published = new long[publishers];
        final Thread[] threads = new Thread[publishers];
        for (int p = 0; p < publishers; p++)
        {
            final int id = p;
            threads[p] = new Thread(() ->
            {
                final SplittableRandom random = new SplittableRandom(seed + id);
                final long[] batch = new long[3];
                for (int b = 0; b < batchesEach; b++)
                {
                    final int size = 1 + random.nextInt(16);
                    batch[0] = id;
                    batch[1] = b;
                    batch[2] = size;
                    topic.publishBatch(0, size, BATCH, batch);
                    published[id] += size;
                }
            });
            threads[p].start();
        }
        for (final Thread thread : threads)
        {
            thread.join();
        }
        assertThat(bus.close(Duration.ofSeconds(30))).isTrue();

        assertThat(checker.violation).as("seed %d", seed).isNull();
        assertThat(checker.batches).isEqualTo((long) publishers * batchesEach);
        assertThat(checker.events).isEqualTo(published[0] + published[1] + published[2]);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldPublishSingleProducerBatchAsOneCursorMove() throws Exception
    {
        final EventBus bus = new EventBus();
        final Topic<TestEvent> topic = bus.createTopic(TopicConfig.builder("tx-single", TestEvent::new)
            .ringSize(64).producerType(ProducerType.SINGLE).waitStrategy(WaitStrategies.BLOCKING).build());
        final AtomicityChecker checker = new AtomicityChecker(1);
        topic.subscribe("checker", checker);
        bus.start();
        final long[] batch = new long[3];
        final SplittableRandom random = new SplittableRandom(7);
        long events = 0;
        for (int b = 0; b < 10_000; b++)
        {
            final int size = 1 + random.nextInt(32);
            batch[1] = b;
            batch[2] = size;
            topic.publishBatch(0, size, BATCH, batch);
            events += size;
        }
        assertThat(bus.close(Duration.ofSeconds(20))).isTrue();
        assertThat(checker.violation).isNull();
        assertThat(checker.events).isEqualTo(events);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldVoidEveryEventOfABatchWhoseTranslatorFails() throws Exception
    {
        final EventBus bus = new EventBus();
        final Topic<TestEvent> topic = bus.createTopic(TopicConfig.builder("tx-void", TestEvent::new)
            .ringSize(64).waitStrategy(WaitStrategies.BLOCKING).voidMarker(TestEvent::clear).build());
        final long[] voided = new long[1];
        final long[] valid = new long[1];
        topic.subscribe("counter", (EventHandler<TestEvent>) (event, sequence, endOfBatch) ->
        {
            if (event.voided)
            {
                voided[0]++;
            }
            else
            {
                valid[0]++;
            }
        });
        bus.start();
        final BatchTranslator<TestEvent, long[]> failsAtThird = (event, sequence, index, arg) ->
        {
            if (index == 2)
            {
                throw new IllegalStateException("cannot fill");
            }
            event.voided = false;
        };
        assertThatThrownBy(() -> topic.publishBatch(0, 5, failsAtThird, new long[3]))
            .isInstanceOf(IllegalStateException.class).hasMessage("cannot fill");
        topic.publishBatch(0, 4, BATCH, new long[] {0, 0, 4});
        assertThat(bus.close(Duration.ofSeconds(10))).isTrue();

        assertThat(voided[0]).isEqualTo(5);
        assertThat(valid[0]).isEqualTo(4);
    }

    @Test
    void shouldRefuseBatchLargerThanTheRing()
    {
        final EventBus bus = new EventBus();
        final Topic<TestEvent> topic = bus.createTopic(TopicConfig.builder("tx-big", TestEvent::new)
            .ringSize(16).waitStrategy(WaitStrategies.BLOCKING).build());
        bus.start();
        assertThatThrownBy(() -> topic.publishBatch(0, 17, BATCH, new long[3]))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..16");
        bus.close();
    }
}
