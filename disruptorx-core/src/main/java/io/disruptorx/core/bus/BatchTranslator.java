package io.disruptorx.core.bus;

/**
 * Fills one event of a transactional batch. Implementations should be stateless singletons (no capturing lambdas
 * on the hot path): everything they need arrives in {@code arg}.
 *
 * @param <E> event type.
 * @param <A> argument type.
 */
@FunctionalInterface
public interface BatchTranslator<E, A>
{
    /**
     * @param event    the preallocated slot to overwrite.
     * @param sequence its ring sequence.
     * @param index    position in the batch, from 0.
     * @param arg      the caller's argument.
     */
    void translateTo(E event, long sequence, int index, A arg);
}
