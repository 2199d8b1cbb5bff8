package io.disruptorx.core.bus;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventTranslatorOneArg;
import io.disruptorx.core.AllocationMeter;
import io.disruptorx.core.wait.WaitStrategies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

class PublishAllocationTest
{
    private static final EventTranslatorOneArg<TestEvent, long[]> VALUE = (event, sequence, value) ->
        event.value = value[0];
    private static final KeyedTranslator<TestEvent, long[]> KEYED = (event, sequence, key, value) ->
    {
        event.key = key;
        event.value = value[0];
    };
    private static final BatchTranslator<TestEvent, long[]> BATCH = (event, sequence, index, value) ->
        event.value = value[0] + index;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldPublishWithoutAllocatingOnTheProducerThread() throws Exception
    {
        final EventBus bus = new EventBus();
        final Topic<TestEvent> topic = bus.createTopic(TopicConfig.builder("alloc", TestEvent::new)
            .partitions(2).ringSize(1024).waitStrategy(WaitStrategies.ADAPTIVE).build());
        final long[] sum = new long[2];
        topic.subscribe("sum", partition -> (EventHandler<TestEvent>) (event, sequence, endOfBatch) ->
            sum[partition] += event.value);
        bus.start();
        final long[] value = new long[1];
        final long bytes = AllocationMeter.measure(() ->
        {
            for (int i = 0; i < 20_000; i++)
            {
                value[0] = i;
                topic.publish(i & 1, VALUE, value);
                topic.publishByKey(i, KEYED, value);
                topic.tryPublish(0, VALUE, value);
                topic.publishBatch(1, 4, BATCH, value);
            }
        });
        assertThat(bus.close(Duration.ofSeconds(20))).isTrue();
        assertThat(bytes).as("bytes allocated by 80k publishes after warm-up").isLessThan(1_024);
    }
}
