package io.disruptorx.gateway.json;

/**
 * Where the gateway thread delivers the answer to one request: exactly one call, from the gateway thread, which
 * must not block (a REST handler completes a future; a WebSocket sends a frame).
 */
interface JsonAnswer
{
    /**
     * @param json the result, a JSON value.
     */
    void result(String json);

    /**
     * @param error   the code.
     * @param message the message.
     */
    void error(ApiError error, String message);
}
