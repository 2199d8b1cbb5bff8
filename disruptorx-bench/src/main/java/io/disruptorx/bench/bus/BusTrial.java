package io.disruptorx.bench.bus;

import java.time.Duration;
import java.util.function.Consumer;

import com.lmax.disruptor.dsl.ProducerType;
import io.disruptorx.core.bus.EventBus;
import io.disruptorx.core.bus.PartitionProducer;
import io.disruptorx.core.bus.Topic;
import io.disruptorx.core.bus.TopicConfig;
import io.disruptorx.core.wait.WaitStrategies;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH state of the bus benchmarks: a bus with one single-producer topic partition of {@link LongEvent}s, started
 * for the trial and closed after it; the subclass says what consumes the topic.
 */
@State(Scope.Benchmark)
public abstract class BusTrial
{
    @Param({"yielding"})
    String waitStrategy;

    EventBus bus;
    Topic<LongEvent> topic;
    PartitionProducer<LongEvent> producer;
    final long[] holder = new long[1];

    private final String topicName;
    private final Consumer<Topic<LongEvent>> consumers;

    /**
     * @param topicName the topic's name.
     * @param consumers subscribes or attaches the topic's consumers before the bus starts.
     */
    protected BusTrial(final String topicName, final Consumer<Topic<LongEvent>> consumers)
    {
        this.topicName = topicName;
        this.consumers = consumers;
    }

    /** Starts the bus. */
    @Setup(Level.Trial)
    public void start()
    {
        bus = new EventBus();
        topic = bus.createTopic(TopicConfig.builder(topicName, LongEvent::new).ringSize(BusOneToOneBenchmark.RING_SIZE)
            .producerType(ProducerType.SINGLE).waitStrategy(WaitStrategies.parse(waitStrategy)).build());
        consumers.accept(topic);
        bus.start();
        producer = topic.producer(0);
    }

    /**
     * Closes the bus.
     *
     * @throws InterruptedException if interrupted.
     */
    @TearDown(Level.Trial)
    public void stop() throws InterruptedException
    {
        bus.close(Duration.ofSeconds(10));
    }
}
