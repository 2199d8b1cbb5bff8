package io.disruptorx.core.bus;

/**
 * Told about every exception a subscriber throws. The bus has already counted it and will carry on with the next
 * event; the hook must not throw and should be cheap (log asynchronously, raise an alert).
 */
@FunctionalInterface
public interface BusExceptionHook
{
    /** A hook that does nothing beyond the bus's own counting. */
    BusExceptionHook NONE = (topic, partition, subscriber, sequence, error) ->
    {
    };

    /**
     * @param topic      topic name.
     * @param partition  partition index.
     * @param subscriber subscriber name.
     * @param sequence   sequence of the event being handled, or -1 outside event handling (start, shutdown).
     * @param error      what was thrown.
     */
    void onException(String topic, int partition, String subscriber, long sequence, Throwable error);
}
