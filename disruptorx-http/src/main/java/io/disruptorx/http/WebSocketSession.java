package io.disruptorx.http;

import java.net.SocketAddress;
import javax.security.auth.x500.X500Principal;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * One client's WebSocket connection; safe to use from any thread.
 */
public final class WebSocketSession
{
    private final Channel channel;
    private final String path;
    private final X500Principal clientSubject;

    WebSocketSession(final Channel channel, final String path)
    {
        this.channel = channel;
        this.path = path;
        this.clientSubject = ClientCertificates.subjectOf(channel);
    }

    /**
     * Sends a text message (queued; a slow client's backlog is its own).
     *
     * @param text the message.
     */
    public void send(final String text)
    {
        channel.writeAndFlush(new TextWebSocketFrame(text));
    }

    /**
     * Closes the session normally (1000).
     */
    public void close()
    {
        channel.writeAndFlush(new CloseWebSocketFrame(1000, "closed")).addListener(f -> channel.close());
    }

    /**
     * @return whether the connection is still open.
     */
    public boolean isOpen()
    {
        return channel.isActive();
    }

    /**
     * @return the endpoint's path.
     */
    public String path()
    {
        return path;
    }

    /**
     * @return the client's address.
     */
    public SocketAddress remoteAddress()
    {
        return channel.remoteAddress();
    }

    /**
     * @return the subject of the certificate the client showed over TLS (mutual TLS), or {@code null}.
     */
    public X500Principal clientSubject()
    {
        return clientSubject;
    }

    Channel channel()
    {
        return channel;
    }

    /**
     * @return an id unique among the server's open connections.
     */
    public String id()
    {
        return channel.id().asShortText();
    }
}
