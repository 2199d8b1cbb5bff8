package io.disruptorx.gateway.json;

/**
 * A user data stream's connection: receives one execution report event per call, from the gateway thread.
 */
interface ReportSink
{
    /**
     * @param json the event.
     */
    void send(String json);

    /**
     * @return whether the connection is still open.
     */
    boolean isOpen();
}
