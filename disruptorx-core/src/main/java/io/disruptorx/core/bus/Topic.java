package io.disruptorx.core.bus;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.EventTranslatorTwoArg;
import com.lmax.disruptor.RingBuffer;
import io.disruptorx.core.metrics.Counter;
import io.disruptorx.core.metrics.MetricsRegistry;
import net.openhft.hashing.LongHashFunction;

/**
 * A named stream of events split into partitions, each a Disruptor ring of preallocated events.
 * <p>
 * Lifecycle: create through {@link EventBus#createTopic}, add subscribers, {@link EventBus#start()}, publish,
 * {@link EventBus#close()}. Publishing before start throws; after close, {@code publish} throws and
 * {@code tryPublish} returns false.
 * <p>
 * Publishing is allocation-free: pass a stateless translator and the data as arguments. A producer thread with a
 * hot loop should hold the partition's {@link PartitionProducer} ({@link #producer(int)}). A full ring makes
 * {@code publish} wait for space (the Disruptor parks the producer); {@code tryPublish} returns false instead and
 * counts the rejection ({@link #rejectedCount()}, {@code dx_bus_rejected_total}).
 * <p>
 * Stop publishers before closing: a publish that races with {@code close()} is either refused or accepted, and an
 * accepted one that completes after the drain finished is not delivered.
 *
 * @param <E> event type.
 */
public final class Topic<E>
{
    private static final int NEW = PartitionProducer.NEW;
    private static final int STARTED = PartitionProducer.STARTED;
    private static final int CLOSED = PartitionProducer.CLOSED;
    private static final LongHashFunction KEY_HASH = LongHashFunction.xx();
    private final TopicConfig<E> config;
    private final Partition<E>[] partitions;
    private final RingBuffer<E>[] rings;
    private final BusExceptionHook hook;
    private final Counter rejected = new Counter();
    private final Counter exceptions = new Counter();
    private final Set<String> subscriberNames = new HashSet<>();
    private final List<RingPublisher<E>> publishers = new ArrayList<>();
    private final PartitionProducer<E>[] producers;
    private volatile int state = NEW;

    @SuppressWarnings({"unchecked", "rawtypes"})
    Topic(final TopicConfig<E> config, final BusExceptionHook hook, final MetricsRegistry metrics)
    {
        this.config = config;
        this.hook = hook;
        final int count = config.partitions();
        this.partitions = new Partition[count];
        this.rings = new RingBuffer[count];
        this.producers = new PartitionProducer[count];
        for (int i = 0; i < count; i++)
        {
            partitions[i] = new Partition<>(config, i);
            rings[i] = partitions[i].ring;
            producers[i] = new PartitionProducer<>(rings[i], config, i, rejected);
            partitions[i].disruptor.setDefaultExceptionHandler(
                new SubscriberExceptionHandler(config.name(), i, "default", exceptions, hook));
        }
        final String name = config.name();
        metrics.register(rejected, "dx_bus_rejected_total", "tryPublish calls refused because the ring was full",
            "topic", name);
        metrics.register(exceptions, "dx_bus_handler_exceptions_total", "Exceptions thrown by subscribers",
            "topic", name);
        metrics.counter("dx_bus_published_total", "Events claimed on the topic", this::publishedCount, "topic", name);
        for (int i = 0; i < count; i++)
        {
            final Partition<E> partition = partitions[i];
            metrics.gauge("dx_bus_backlog", "Events published but not yet consumed by every subscriber",
                partition::backlog, "topic", name, "partition", Integer.toString(i));
        }
    }

    /**
     * @return topic name.
     */
    public String name()
    {
        return config.name();
    }

    /**
     * @return number of partitions.
     */
    public int partitionCount()
    {
        return partitions.length;
    }

    /**
     * The partition a key maps to: xxHash64 of the key modulo the partition count. Stable for a given count.
     *
     * @param key partitioning key, e.g. an instrument or account id.
     * @return partition index.
     */
    public int partitionFor(final long key)
    {
        return (int) Long.remainderUnsigned(KEY_HASH.hashLong(key), partitions.length);
    }

    /**
     * Subscribes one handler to a single-partition topic.
     *
     * @param name    subscriber name (in metrics and exception reports).
     * @param handler batch-aware handler ({@code onBatchStart}, {@code endOfBatch}).
     */
    public void subscribe(final String name, final EventHandler<? super E> handler)
    {
        if (partitions.length != 1)
        {
            throw new IllegalStateException("topic " + config.name() + " has " + partitions.length
                + " partitions: subscribe with a handler per partition");
        }
        subscribe(name, p -> handler);
    }

    /**
     * Subscribes a handler per partition; every subscriber sees every event of every partition, in order within a
     * partition, on the partition's own thread.
     *
     * @param name            subscriber name.
     * @param handlerForIndex creates the handler for a partition.
     */
    public void subscribe(final String name, final IntFunction<? extends EventHandler<? super E>> handlerForIndex)
    {
        claimName(name);
        for (int i = 0; i < partitions.length; i++)
        {
            final EventHandler<? super E> handler = handlerForIndex.apply(i);
            partitions[i].disruptor.handleEventsWith(handler);
            partitions[i].disruptor.handleExceptionsFor(handler)
                .with(new SubscriberExceptionHandler(config.name(), i, name, exceptions, hook));
        }
    }

    /**
     * Work-queue subscription: each event goes to exactly one of {@code workers} handlers per partition (striped
     * by sequence, see {@link StripedWorker}).
     *
     * @param name           subscriber name.
     * @param workers        workers per partition.
     * @param workerForIndex creates worker {@code w} of partition {@code p} from {@code p * workers + w}.
     */
    public void subscribeWorkers(final String name, final int workers,
        final IntFunction<? extends EventHandler<? super E>> workerForIndex)
    {
        if (workers < 1)
        {
            throw new IllegalArgumentException("workers must be >= 1: " + workers);
        }
        claimName(name);
        for (int p = 0; p < partitions.length; p++)
        {
            for (int w = 0; w < workers; w++)
            {
                final StripedWorker<E> worker = new StripedWorker<>(w, workers, workerForIndex.apply(p * workers + w));
                partitions[p].disruptor.handleEventsWith(worker);
                partitions[p].disruptor.handleExceptionsFor(worker)
                    .with(new SubscriberExceptionHandler(config.name(), p, name + "-" + w, exceptions, hook));
            }
        }
    }

    /**
     * A partition as a {@link java.util.concurrent.Flow.Publisher} with back-pressure through the ring.
     *
     * @param name      subscriber name.
     * @param partition partition index.
     * @return the publisher; subscribe to it any time, demand starts at zero.
     */
    public RingPublisher<E> publisher(final String name, final int partition)
    {
        claimName(name);
        final RingPublisher<E> publisher = new RingPublisher<>(config.name() + "/" + name);
        partitions[partition].disruptor.handleEventsWith(publisher.handler());
        partitions[partition].disruptor.handleExceptionsFor(publisher.handler())
            .with(new SubscriberExceptionHandler(config.name(), partition, name, exceptions, hook));
        publishers.add(publisher);
        return publisher;
    }

    /**
     * Installs a handler graph, such as a compiled workflow, on every partition.
     *
     * @param name  subscriber name.
     * @param graph the graph.
     */
    public void attach(final String name, final HandlerGraph<E> graph)
    {
        claimName(name);
        for (int i = 0; i < partitions.length; i++)
        {
            graph.install(partitions[i].disruptor, i);
        }
    }

    private synchronized void claimName(final String name)
    {
        if (state != NEW)
        {
            throw new IllegalStateException("topic " + config.name() + " already started: subscribe before start");
        }
        if (!subscriberNames.add(name))
        {
            throw new IllegalArgumentException("topic " + config.name() + " already has a subscriber " + name);
        }
    }

    /**
     * @param partition partition index.
     * @return the publishing handle of that partition; hold it in a local for a hot loop.
     */
    public PartitionProducer<E> producer(final int partition)
    {
        return producers[partition];
    }

    /**
     * Publishes one event to a partition, waiting for space if the ring is full.
     *
     * @param partition  partition index.
     * @param translator fills the event.
     * @param arg        data for the translator.
     * @param <A>        argument type.
     */
    public <A> void publish(final int partition, final EventTranslatorOneArg<E, A> translator, final A arg)
    {
        producers[partition].publish(translator, arg);
    }

    /**
     * Publishes one event to a partition, waiting for space if the ring is full.
     *
     * @param partition  partition index.
     * @param translator fills the event.
     * @param arg0       first argument.
     * @param arg1       second argument.
     * @param <A>        first argument type.
     * @param <B>        second argument type.
     */
    public <A, B> void publish(final int partition, final EventTranslatorTwoArg<E, A, B> translator, final A arg0,
        final B arg1)
    {
        producers[partition].publish(translator, arg0, arg1);
    }

    /**
     * Publishes to the partition of {@code key}, so events with one key keep their order.
     *
     * @param key        partitioning key.
     * @param translator fills the event; receives the key unboxed.
     * @param arg        data for the translator.
     * @param <A>        argument type.
     */
    public <A> void publishByKey(final long key, final KeyedTranslator<E, A> translator, final A arg)
    {
        producers[partitionFor(key)].publish(key, translator, arg);
    }

    /**
     * Publishes if there is space now, else returns false and counts the rejection. Never waits.
     *
     * @param partition  partition index.
     * @param translator fills the event.
     * @param arg        data for the translator.
     * @param <A>        argument type.
     * @return true when published.
     */
    public <A> boolean tryPublish(final int partition, final EventTranslatorOneArg<E, A> translator, final A arg)
    {
        return producers[partition].tryPublish(translator, arg);
    }

    /**
     * {@link #tryPublish} to the partition of {@code key}.
     *
     * @param key        partitioning key.
     * @param translator fills the event.
     * @param arg        data for the translator.
     * @param <A>        argument type.
     * @return true when published.
     */
    public <A> boolean tryPublishByKey(final long key, final KeyedTranslator<E, A> translator, final A arg)
    {
        return producers[partitionFor(key)].tryPublish(key, translator, arg);
    }

    /**
     * Transactional publish: claims {@code count} consecutive slots, fills them all, then makes them visible
     * together: a subscriber sees either none of the batch or all of it.
     * <p>
     * With a single producer the Disruptor moves the cursor once over the range. With several producers it marks
     * slots available one by one, so the first slot is published last: consumers stop at the first unavailable
     * slot, hence see nothing of the batch until its first slot, and then all of it.
     * <p>
     * Claimed sequences cannot be given back: if the translator throws, every slot of the batch is passed to the
     * topic's void marker (when configured) and published, and the exception is rethrown.
     *
     * @param partition  partition index.
     * @param count      batch size, 1 to ring size.
     * @param translator fills each event.
     * @param arg        data for the translator.
     * @param <A>        argument type.
     */
    public <A> void publishBatch(final int partition, final int count, final BatchTranslator<E, A> translator,
        final A arg)
    {
        producers[partition].publishBatch(count, translator, arg);
    }

    /**
     * Non-blocking {@link #publishBatch}: all {@code count} slots or nothing; a refusal is counted.
     *
     * @param partition  partition index.
     * @param count      batch size.
     * @param translator fills each event.
     * @param arg        data for the translator.
     * @param <A>        argument type.
     * @return true when the batch was published.
     */
    public <A> boolean tryPublishBatch(final int partition, final int count, final BatchTranslator<E, A> translator,
        final A arg)
    {
        return producers[partition].tryPublishBatch(count, translator, arg);
    }

    /**
     * @return tryPublish calls refused (ring full or topic closed).
     */
    public long rejectedCount()
    {
        return rejected.get();
    }

    /**
     * @return exceptions thrown by subscribers.
     */
    public long exceptionCount()
    {
        return exceptions.get();
    }

    /**
     * @return events claimed across all partitions.
     */
    public long publishedCount()
    {
        long total = 0;
        for (final RingBuffer<E> ring : rings)
        {
            total += ring.getCursor() + 1;
        }
        return total;
    }

    /**
     * @param partition partition index.
     * @return events published but not consumed by every subscriber.
     */
    public long backlog(final int partition)
    {
        return partitions[partition].backlog();
    }

    /**
     * @param partition partition index.
     * @return the partition's ring, for code that wants the raw Disruptor API (e.g. benchmarks).
     */
    public RingBuffer<E> ring(final int partition)
    {
        return rings[partition];
    }

    /**
     * @return every thread started for this topic (terminated after a successful close).
     */
    public List<Thread> threads()
    {
        final List<Thread> all = new ArrayList<>();
        for (final Partition<E> partition : partitions)
        {
            all.addAll(partition.threads());
        }
        return all;
    }

    synchronized void start()
    {
        if (state != NEW)
        {
            throw new IllegalStateException("topic " + config.name() + " already started");
        }
        for (final Partition<E> partition : partitions)
        {
            partition.disruptor.start();
        }
        state = STARTED;
        for (final PartitionProducer<E> producer : producers)
        {
            producer.state(STARTED);
        }
    }

    /**
     * Refuses new events, waits for subscribers to consume what was published, halts the processors and joins
     * their threads.
     *
     * @param deadlineNanos System.nanoTime() deadline.
     * @return true when everything was drained and every thread terminated before the deadline.
     */
    boolean close(final long deadlineNanos) throws InterruptedException
    {
        final int previous;
        synchronized (this)
        {
            previous = state;
            state = CLOSED;
            for (final PartitionProducer<E> producer : producers)
            {
                producer.state(CLOSED);
            }
        }
        if (previous != STARTED)
        {
            return true;
        }
        boolean clean = true;
        for (final Partition<E> partition : partitions)
        {
            clean &= partition.drain(deadlineNanos);
        }
        for (final RingPublisher<E> publisher : publishers)
        {
            publisher.stop();
        }
        for (final Partition<E> partition : partitions)
        {
            clean &= partition.haltAndJoin(deadlineNanos);
        }
        return clean;
    }
}
