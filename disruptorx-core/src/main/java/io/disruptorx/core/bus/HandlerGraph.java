package io.disruptorx.core.bus;

import com.lmax.disruptor.dsl.Disruptor;

/**
 * Something that wires handlers onto a partition's Disruptor, such as a compiled workflow. Called once per
 * partition before the topic starts; each call must create fresh handler instances, since every partition runs its
 * own threads.
 *
 * @param <E> event type.
 */
@FunctionalInterface
public interface HandlerGraph<E>
{
    /**
     * @param disruptor the partition's Disruptor, not yet started.
     * @param partition partition index.
     */
    void install(Disruptor<E> disruptor, int partition);
}
