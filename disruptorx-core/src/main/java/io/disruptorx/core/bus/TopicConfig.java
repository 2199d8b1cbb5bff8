package io.disruptorx.core.bus;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.lmax.disruptor.EventFactory;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.dsl.ProducerType;
import io.disruptorx.core.wait.WaitStrategies;

/**
 * How a topic is built: name, partitions, ring size, event factory, wait strategy, producer type.
 *
 * @param name         topic name, unique within a bus.
 * @param partitions   number of partitions (rings), at least 1.
 * @param ringSize     slots per ring, a power of two.
 * @param eventFactory preallocates the ring's events.
 * @param waitStrategy creates one wait strategy per ring.
 * @param producerType SINGLE only when exactly one thread ever publishes to a partition.
 * @param voidMarker   marks a slot as void when a transactional batch fails half-filled, or null.
 * @param <E>          event type.
 */
public record TopicConfig<E>(
    String name,
    int partitions,
    int ringSize,
    EventFactory<E> eventFactory,
    Supplier<? extends WaitStrategy> waitStrategy,
    ProducerType producerType,
    Consumer<E> voidMarker)
{
    /**
     * Validates the configuration.
     */
    public TopicConfig
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(eventFactory, "eventFactory");
        Objects.requireNonNull(waitStrategy, "waitStrategy");
        Objects.requireNonNull(producerType, "producerType");
        if (partitions < 1)
        {
            throw new IllegalArgumentException("topic " + name + ": partitions must be >= 1, got " + partitions);
        }
        if (ringSize < 1 || Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalArgumentException("topic " + name + ": ringSize must be a power of two, got "
                + ringSize);
        }
    }

    /**
     * @param name         topic name.
     * @param eventFactory preallocates events.
     * @param <E>          event type.
     * @return a builder with 1 partition, 1024 slots, multi-producer and a wait strategy chosen by core count.
     */
    public static <E> Builder<E> builder(final String name, final EventFactory<E> eventFactory)
    {
        return new Builder<>(name, eventFactory);
    }

    /**
     * Builds a {@link TopicConfig}.
     *
     * @param <E> event type.
     */
    public static final class Builder<E>
    {
        private final String name;
        private final EventFactory<E> eventFactory;
        private int partitions = 1;
        private int ringSize = 1024;
        private Supplier<? extends WaitStrategy> waitStrategy;
        private ProducerType producerType = ProducerType.MULTI;
        private Consumer<E> voidMarker;

        Builder(final String name, final EventFactory<E> eventFactory)
        {
            this.name = name;
            this.eventFactory = eventFactory;
        }

        /**
         * @param partitions number of rings.
         * @return this.
         */
        public Builder<E> partitions(final int partitions)
        {
            this.partitions = partitions;
            return this;
        }

        /**
         * @param ringSize slots per ring, a power of two.
         * @return this.
         */
        public Builder<E> ringSize(final int ringSize)
        {
            this.ringSize = ringSize;
            return this;
        }

        /**
         * @param preset a named preset.
         * @return this.
         */
        public Builder<E> waitStrategy(final WaitStrategies preset)
        {
            this.waitStrategy = preset::create;
            return this;
        }

        /**
         * @param factory creates one strategy per ring.
         * @return this.
         */
        public Builder<E> waitStrategy(final Supplier<? extends WaitStrategy> factory)
        {
            this.waitStrategy = factory;
            return this;
        }

        /**
         * @param producerType SINGLE when one thread publishes to each partition.
         * @return this.
         */
        public Builder<E> producerType(final ProducerType producerType)
        {
            this.producerType = producerType;
            return this;
        }

        /**
         * @param voidMarker marks slots of a failed transactional batch so subscribers can skip them.
         * @return this.
         */
        public Builder<E> voidMarker(final Consumer<E> voidMarker)
        {
            this.voidMarker = voidMarker;
            return this;
        }

        /**
         * @return the validated configuration.
         */
        public TopicConfig<E> build()
        {
            final Supplier<? extends WaitStrategy> strategy = waitStrategy != null
                ? waitStrategy
                : WaitStrategies.defaultFor(2 * partitions + 1)::create;
            return new TopicConfig<>(name, partitions, ringSize, eventFactory, strategy, producerType, voidMarker);
        }
    }
}
