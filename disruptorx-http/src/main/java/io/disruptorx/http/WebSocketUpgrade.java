package io.disruptorx.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;

/**
 * Upgrades a request on a WebSocket path and, once the handshake is done, moves the connection's frames to the
 * endpoint (on the connection's I/O thread): text to {@link WebSocketEndpoint#onText}, ping to pong, close to close;
 * anything else closes the connection with 1003. An upgrade request the handshake refuses (no key, a method other
 * than GET) is left to the caller to answer, and the endpoint hears nothing of it. The endpoint hears of a session's
 * opening only if its connection is still open when the handshake's answer has been written (a client may end it
 * first), or when a frame comes first from a client that did not wait for the answer; always before any of the
 * session's text, and of its close only if it heard of its opening (all on the connection's I/O thread).
 */
final class WebSocketUpgrade
{
    private final int maxFrameBytes;

    WebSocketUpgrade(final int maxFrameBytes)
    {
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * What became of a request on a WebSocket path.
     */
    enum Outcome
    {
        /** It asked for no upgrade (the caller answers 426). */
        NOT_ASKED,
        /** Upgraded, or answered that its WebSocket version is not spoken. */
        HANDLED,
        /** The handshake refused it: a malformed upgrade request (the caller answers 400). */
        REFUSED
    }

    /**
     * Runs on the handler thread while the connection's I/O thread goes on reading, so the order matters: the
     * session's frame handler goes into the pipeline, in front of the dispatcher, before the handshake queues the
     * {@code 101} to the I/O thread (and the opening's listener is on the handshake's promise before it can be done).
     * A client may send its first frame the moment it reads the {@code 101}; the I/O thread writes the {@code 101}
     * only after the tasks queued before it (the frame handler's addition among them), so that frame always finds
     * the handler and never reaches the dispatcher's thread or the pipeline's end, where it was once dropped. The
     * outcome stays synchronous for the dispatcher, and a refused handshake, which changed nothing in the pipeline,
     * only takes the frame handler out again.
     *
     * @param ctx      the dispatcher's context.
     * @param request  the request (released by the dispatcher; the handshake reads it and does not keep it).
     * @param path     its path.
     * @param endpoint the endpoint mounted there.
     * @return what became of it.
     */
    Outcome upgrade(final ChannelHandlerContext ctx, final FullHttpRequest request, final String path,
        final WebSocketEndpoint endpoint)
    {
        if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true))
        {
            return Outcome.NOT_ASKED;
        }
        final String location = "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + path;
        final WebSocketServerHandshaker handshaker =
            new WebSocketServerHandshakerFactory(location, null, false, maxFrameBytes).newHandshaker(request);
        if (handshaker == null)
        {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return Outcome.HANDLED;
        }
        final WebSocketSession session = new WebSocketSession(ctx.channel(), path);
        final Frames frames = new Frames(handshaker, endpoint, session);
        final ChannelPromise answered = ctx.channel().newPromise();
        answered.addListener(done ->
        {
            if (done.isSuccess() && ctx.channel().isActive())
            {
                frames.open();
            }
            else
            {
                ctx.channel().close();
            }
        });
        ctx.pipeline().addBefore(ctx.name(), "websocket", frames);
        try
        {
            handshaker.handshake(ctx.channel(), request, null, answered);
        }
        catch (final WebSocketHandshakeException ex)
        {
            ctx.pipeline().remove(frames);
            return Outcome.REFUSED;
        }
        ctx.pipeline().remove(ctx.handler());
        return Outcome.HANDLED;
    }

    /**
     * A session's frames after the handshake.
     */
    private static final class Frames extends SimpleChannelInboundHandler<WebSocketFrame>
    {
        private final WebSocketServerHandshaker handshaker;
        private final WebSocketEndpoint endpoint;
        private final WebSocketSession session;
        /** Whether the endpoint was told of the opening; read and written on the connection's I/O thread. */
        private boolean opened;

        Frames(final WebSocketServerHandshaker handshaker, final WebSocketEndpoint endpoint,
            final WebSocketSession session)
        {
            this.handshaker = handshaker;
            this.endpoint = endpoint;
            this.session = session;
        }

        /**
         * Tells the endpoint of the opening, once: when the handshake's answer has been written, or before the first
         * frame of a client that sent one without waiting for it.
         */
        void open()
        {
            if (!opened)
            {
                opened = true;
                endpoint.onOpen(session);
            }
        }

        @Override
        protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame)
        {
            open();
            if (frame instanceof TextWebSocketFrame text)
            {
                endpoint.onText(session, text.text());
            }
            else if (frame instanceof PingWebSocketFrame)
            {
                ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
            }
            else if (frame instanceof CloseWebSocketFrame)
            {
                handshaker.close(ctx.channel(), (CloseWebSocketFrame)frame.retain());
            }
            else if (!(frame instanceof PongWebSocketFrame))
            {
                handshaker.close(ctx.channel(), new CloseWebSocketFrame(1003, "text frames only"));
            }
        }

        @Override
        public void channelInactive(final ChannelHandlerContext ctx)
        {
            if (opened)
            {
                endpoint.onClose(session);
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            ctx.close();
        }
    }
}
