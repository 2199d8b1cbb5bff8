package io.disruptorx.core.bus;

/**
 * Mutable ring slot used by the bus tests.
 */
final class TestEvent
{
    int publisher;
    long value;
    long key;
    long batchId;
    int index;
    int size;
    boolean voided;

    void clear()
    {
        publisher = 0;
        value = 0;
        key = 0;
        batchId = 0;
        index = 0;
        size = 0;
        voided = true;
    }
}
