package io.disruptorx.core.net;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A JDK WebSocket listener that puts each whole text message (its frames joined) on a queue and asks for the next
 * frame; what tests of the JSON edge, the public streams and the dashboard use to read a socket. It also records how
 * the socket ended (a close from the other side or an error), for a wait that fails to say why.
 */
public final class TextMessages implements WebSocket.Listener
{
    private static final long CONNECT_SECONDS = 10;

    private final BlockingQueue<String> messages;
    private final StringBuilder partial = new StringBuilder();
    private volatile String ended;

    /**
     * @param messages where each whole text message goes.
     */
    public TextMessages(final BlockingQueue<String> messages)
    {
        this.messages = messages;
    }

    /**
     * Opens a WebSocket with the JDK's client, within 10 s.
     *
     * @param uri      where.
     * @param messages where each whole text message goes.
     * @return the open socket.
     * @throws InterruptedException when interrupted.
     * @throws ExecutionException   when the handshake fails.
     * @throws TimeoutException     when it takes longer.
     */
    public static WebSocket connect(final URI uri, final BlockingQueue<String> messages)
        throws InterruptedException, ExecutionException, TimeoutException
    {
        return HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(CONNECT_SECONDS))
            .buildAsync(uri, new TextMessages(messages)).get(CONNECT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
    {
        partial.append(data);
        if (last)
        {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(final WebSocket webSocket, final int statusCode, final String reason)
    {
        ended = "closed by the other side: " + statusCode + " " + reason;
        return null;
    }

    @Override
    public void onError(final WebSocket webSocket, final Throwable error)
    {
        ended = "failed: " + error;
    }

    /**
     * @return how the socket ended ("closed by the other side: 1000 bye", "failed: ..."), or null while it is open.
     */
    public String ended()
    {
        return ended;
    }
}
