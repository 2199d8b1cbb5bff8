package io.disruptorx.core.bus;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.disruptorx.core.metrics.MetricsRegistry;

/**
 * Named topics of partitioned Disruptor rings.
 *
 * <pre>{@code
 * EventBus bus = new EventBus(metrics, hook);
 * Topic<Order> orders = bus.createTopic(TopicConfig.builder("orders", Order::new).partitions(4).build());
 * orders.subscribe("matcher", p -> new MatcherHandler(p));
 * bus.start();
 * orders.publishByKey(instrumentId, Order.FROM_REQUEST, request);
 * bus.close();
 * }</pre>
 */
public final class EventBus implements AutoCloseable
{
    /** Deadline used by {@link #close()}. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final MetricsRegistry metrics;
    private final BusExceptionHook hook;
    private final Map<String, Topic<?>> topics = new LinkedHashMap<>();
    private boolean started;

    /**
     * A bus with its own metrics registry and no exception hook beyond counting.
     */
    public EventBus()
    {
        this(new MetricsRegistry(), BusExceptionHook.NONE);
    }

    /**
     * @param metrics where topics register their counters and gauges.
     * @param hook    told about every subscriber exception.
     */
    public EventBus(final MetricsRegistry metrics, final BusExceptionHook hook)
    {
        this.metrics = metrics;
        this.hook = hook;
    }

    /**
     * @param config topic configuration.
     * @param <E>    event type.
     * @return the new topic, not yet started.
     */
    public synchronized <E> Topic<E> createTopic(final TopicConfig<E> config)
    {
        if (topics.containsKey(config.name()))
        {
            throw new IllegalArgumentException("topic " + config.name() + " already exists");
        }
        final Topic<E> topic = new Topic<>(config, hook, metrics);
        topics.put(config.name(), topic);
        if (started)
        {
            topic.start();
        }
        return topic;
    }

    /**
     * @param name topic name.
     * @return the topic or null.
     */
    public synchronized Topic<?> topic(final String name)
    {
        return topics.get(name);
    }

    /**
     * Starts every topic's processors; topics created afterwards start immediately (and so take no subscribers).
     */
    public synchronized void start()
    {
        started = true;
        for (final Topic<?> topic : topics.values())
        {
            topic.start();
        }
    }

    /**
     * @return the registry the topics report to.
     */
    public MetricsRegistry metrics()
    {
        return metrics;
    }

    /**
     * Closes every topic: refuse new events, drain, halt, join.
     *
     * @param timeout overall deadline.
     * @return true when all topics drained and all threads terminated in time.
     * @throws InterruptedException if interrupted while joining.
     */
    public boolean close(final Duration timeout) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        final Topic<?>[] all;
        synchronized (this)
        {
            all = topics.values().toArray(new Topic<?>[0]);
        }
        boolean clean = true;
        for (final Topic<?> topic : all)
        {
            clean &= topic.close(deadline);
        }
        return clean;
    }

    /**
     * {@link #close(Duration)} with {@link #DEFAULT_CLOSE_TIMEOUT}.
     *
     * @throws IllegalStateException when the bus did not drain and stop in time.
     */
    @Override
    public void close()
    {
        try
        {
            if (!close(DEFAULT_CLOSE_TIMEOUT))
            {
                throw new IllegalStateException("event bus did not drain and stop within " + DEFAULT_CLOSE_TIMEOUT);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing the event bus", ex);
        }
    }
}
