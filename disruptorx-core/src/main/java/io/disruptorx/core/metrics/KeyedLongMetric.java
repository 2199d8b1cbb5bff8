package io.disruptorx.core.metrics;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

import org.agrona.collections.Long2LongHashMap;

/**
 * A family of long values keyed by a numeric id with a text label, for business metrics such as traded volume per
 * instrument or PnL per strategy.
 * <p>
 * Keys are registered up front (that allocates); recording against a registered key is a primitive map lookup and
 * an atomic add: no allocation, no boxing, no locks. Registration copies the index map, so recording threads always
 * read a map that is never mutated. Recording against an unknown key is counted in {@link #unknownKeyCount()} and
 * otherwise ignored.
 */
public final class KeyedLongMetric
{
    private static final long MISSING = -1;

    private final String name;
    private final String help;
    private final String labelName;
    private final AtomicLongArray values;
    private final String[] labels;
    private final Counter unknownKeys = new Counter();
    private volatile Long2LongHashMap indexByKey = new Long2LongHashMap(MISSING);
    private int size;

    /**
     * @param name      metric name, e.g. {@code dx_traded_volume}.
     * @param help      help text for the exposition.
     * @param labelName label that carries the key's text, e.g. {@code instrument}.
     * @param capacity  maximum number of keys.
     */
    public KeyedLongMetric(final String name, final String help, final String labelName, final int capacity)
    {
        this.name = name;
        this.help = help;
        this.labelName = labelName;
        this.values = new AtomicLongArray(capacity);
        this.labels = new String[capacity];
    }

    /**
     * Registers a key; idempotent.
     *
     * @param key   numeric id used when recording.
     * @param label text exposed as the label value.
     * @throws IllegalStateException when the capacity is exhausted.
     */
    public synchronized void register(final long key, final String label)
    {
        if (indexByKey.get(key) != MISSING)
        {
            return;
        }
        if (size == labels.length)
        {
            throw new IllegalStateException(name + ": capacity " + labels.length + " exhausted registering " + label);
        }
        final Long2LongHashMap copy = new Long2LongHashMap(MISSING);
        copy.putAll(indexByKey);
        labels[size] = label;
        copy.put(key, size);
        size++;
        indexByKey = copy;
    }

    /**
     * Adds to the value of a key.
     *
     * @param key   registered key.
     * @param delta amount to add.
     */
    public void add(final long key, final long delta)
    {
        final long index = indexByKey.get(key);
        if (index == MISSING)
        {
            unknownKeys.increment();
            return;
        }
        values.getAndAdd((int) index, delta);
    }

    /**
     * Sets the value of a key.
     *
     * @param key   registered key.
     * @param value the new value.
     */
    public void set(final long key, final long value)
    {
        final long index = indexByKey.get(key);
        if (index == MISSING)
        {
            unknownKeys.increment();
            return;
        }
        values.set((int) index, value);
    }

    /**
     * @param key registered key.
     * @return its value, or 0 when unknown.
     */
    public long get(final long key)
    {
        final long index = indexByKey.get(key);
        return index == MISSING ? 0 : values.get((int) index);
    }

    /**
     * @return how many recordings named an unregistered key.
     */
    public long unknownKeyCount()
    {
        return unknownKeys.get();
    }

    /**
     * @return metric name.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return help text.
     */
    public String help()
    {
        return help;
    }

    /**
     * @return label name.
     */
    public String labelName()
    {
        return labelName;
    }

    /**
     * @return registered label values, in registration order.
     */
    public synchronized String[] labelValues()
    {
        return Arrays.copyOf(labels, size);
    }

    /**
     * @param index registration index.
     * @return value at that index.
     */
    long valueAt(final int index)
    {
        return values.get(index);
    }
}
