package io.disruptorx.http;

/**
 * A WebSocket endpoint mounted on a path: told when a client connects, sends a text message and goes. Called on the
 * connection's I/O thread, one call at a time per session: keep it short (hand work to another thread). Binary frames
 * are refused (the connection is closed with 1003).
 */
public interface WebSocketEndpoint
{
    /**
     * @param session the new session.
     */
    void onOpen(WebSocketSession session);

    /**
     * @param session who sent it.
     * @param text    the message.
     */
    void onText(WebSocketSession session, String text);

    /**
     * @param session the session that ended (by either side).
     */
    void onClose(WebSocketSession session);
}
