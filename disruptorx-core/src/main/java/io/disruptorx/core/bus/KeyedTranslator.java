package io.disruptorx.core.bus;

/**
 * Fills an event published by key; the key arrives as a primitive so that nothing is boxed.
 *
 * @param <E> event type.
 * @param <A> argument type.
 */
@FunctionalInterface
public interface KeyedTranslator<E, A>
{
    /**
     * @param event    the preallocated slot to overwrite.
     * @param sequence its ring sequence.
     * @param key      the partitioning key.
     * @param arg      the caller's argument.
     */
    void translateTo(E event, long sequence, long key, A arg);
}
