package io.disruptorx.engine;

import java.util.Arrays;

/**
 * Elements in the order they were added, for everything the engine walks (snapshots, mass cancels, end of day,
 * queries), so no walk ever depends on a hash order. Grows by doubling; never shrinks.
 *
 * @param <T> the element type.
 */
final class InsertionOrder<T>
{
    private Object[] elements = new Object[16];
    private int count;

    void add(final T element)
    {
        if (count == elements.length)
        {
            elements = Arrays.copyOf(elements, count * 2);
        }
        elements[count++] = element;
    }

    /**
     * @return elements added so far.
     */
    int count()
    {
        return count;
    }

    /**
     * @param index 0 to {@link #count()} - 1.
     * @return the element added in that place.
     */
    @SuppressWarnings("unchecked")
    T get(final int index)
    {
        return (T)elements[index];
    }
}
