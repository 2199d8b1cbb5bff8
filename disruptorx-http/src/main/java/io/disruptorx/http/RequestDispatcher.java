package io.disruptorx.http;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/**
 * Turns one aggregated request into a response from the {@link Routes}: the handler of its path and method, a static
 * resource, a WebSocket upgrade, or an error status (400 malformed, a malformed percent escape in the request target
 * and a malformed WebSocket upgrade included, 404 unknown path, 405 method not allowed with {@code Allow},
 * 413/414/431 over a limit, 426 a WebSocket path without the upgrade, 500 a handler failed, with no detail). Once
 * an answer says {@code Connection: close}, requests pipelined behind it are dropped. Runs on the server's handler
 * threads.
 */
final class RequestDispatcher extends SimpleChannelInboundHandler<FullHttpRequest>
{
    private final Routes routes;
    private final WebSocketUpgrade webSockets;
    private final RefusedRequests refused;
    /**
     * Set once an answer said {@code Connection: close}: requests the client pipelined behind it are neither handled
     * nor answered (RFC 9112, 9.6). Read and written on the connection's handler thread only.
     */
    private boolean closing;

    RequestDispatcher(final Routes routes, final WebSocketUpgrade webSockets, final RefusedRequests refused)
    {
        this.routes = routes;
        this.webSockets = webSockets;
        this.refused = refused;
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        if (closing)
        {
            return;
        }
        if (request.decoderResult().isFailure())
        {
            final Throwable cause = request.decoderResult().cause();
            final HttpResponseStatus status = cause instanceof TooLongHttpLineException ?
                HttpResponseStatus.REQUEST_URI_TOO_LONG : cause instanceof TooLongHttpHeaderException ?
                HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE : HttpResponseStatus.BAD_REQUEST;
            if (status == HttpResponseStatus.BAD_REQUEST)
            {
                refused.malformed();
            }
            else
            {
                refused.oversized();
            }
            send(ctx, request, HttpResponse.text(status.code(), status.reasonPhrase() + "\n"), true);
            return;
        }
        final QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        final String path;
        try
        {
            path = uri.path();
            uri.parameters();
        }
        catch (final IllegalArgumentException ex)
        {
            // a malformed percent escape in the path or the query (decoded once, here): the client's fault, not a
            // handler's failure
            refused.malformed();
            send(ctx, request, HttpResponse.text(400, "malformed percent-encoding in the request target\n"), true);
            return;
        }
        final WebSocketEndpoint endpoint = routes.webSocketOf(path);
        if (endpoint != null)
        {
            final WebSocketUpgrade.Outcome outcome = webSockets.upgrade(ctx, request, path, endpoint);
            if (outcome == WebSocketUpgrade.Outcome.NOT_ASKED)
            {
                send(ctx, request, HttpResponse.text(426, "a WebSocket endpoint: send an upgrade request\n")
                    .withHeader("Upgrade", "websocket"), false);
            }
            else if (outcome == WebSocketUpgrade.Outcome.REFUSED)
            {
                refused.malformed();
                send(ctx, request, HttpResponse.text(400, "malformed WebSocket upgrade request\n"), true);
            }
            return;
        }
        final String method = request.method().name();
        final boolean head = HttpMethod.HEAD.equals(request.method());
        HttpResponse response;
        try
        {
            response = respond(ctx, request, uri, path, head ? "GET" : method);
        }
        catch (final Exception ex)
        {
            System.err.println("dx-http: " + method + " " + path + " failed: " + ex);
            response = HttpResponse.text(500, "internal error\n");
        }
        send(ctx, request, head ? new HttpResponse(response.status(), response.contentType(), new byte[0],
            response.headers()).withHeader("Content-Length", Integer.toString(response.body().length)) : response,
            false);
    }

    private HttpResponse respond(final ChannelHandlerContext ctx, final FullHttpRequest request,
        final QueryStringDecoder uri, final String path, final String method) throws Exception
    {
        final Map<String, HttpHandler> byMethod = routes.handlersOf(path);
        if (byMethod != null)
        {
            final HttpHandler handler = byMethod.get(method);
            if (handler == null)
            {
                return notAllowed(String.join(", ", allowed(byMethod)));
            }
            return handler.handle(toRequest(ctx, request, uri, path));
        }
        final StaticResources resources = routes.resourcesOf(path);
        if (resources != null)
        {
            if (!"GET".equals(method))
            {
                return notAllowed("GET, HEAD");
            }
            final HttpResponse file = resources.load(path.substring(routes.resourcePrefixOf(path).length()));
            return file != null ? file : HttpResponse.text(404, "not found: " + path + "\n");
        }
        return HttpResponse.text(404, "not found: " + path + "; served here: " + String.join(" ", routes.paths()) +
            "\n");
    }

    private static Iterable<String> allowed(final Map<String, HttpHandler> byMethod)
    {
        final List<String> methods = new ArrayList<>(byMethod.keySet());
        if (methods.contains("GET"))
        {
            methods.add("HEAD");
        }
        return methods;
    }

    private static HttpResponse notAllowed(final String allow)
    {
        return HttpResponse.text(405, "method not allowed; allowed: " + allow + "\n").withHeader("Allow", allow);
    }

    private static HttpRequest toRequest(final ChannelHandlerContext ctx, final FullHttpRequest request,
        final QueryStringDecoder uri, final String path)
    {
        final Map<String, String> headers = new HashMap<>();
        for (final Map.Entry<String, String> header : request.headers())
        {
            headers.putIfAbsent(header.getKey().toLowerCase(Locale.ROOT), header.getValue());
        }
        final String target = request.uri();
        final int question = target.indexOf('?');
        return new HttpRequest(request.method().name(), path, uri.parameters(), Map.copyOf(headers),
            ByteBufUtil.getBytes(request.content()), question < 0 ? "" : target.substring(question + 1),
            ctx.channel().remoteAddress() instanceof InetSocketAddress remote ? remote : null,
            ClientCertificates.subjectOf(ctx.channel()));
    }

    private void send(final ChannelHandlerContext ctx, final FullHttpRequest request, final HttpResponse response,
        final boolean close)
    {
        final FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
        out.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        for (final Map.Entry<String, String> header : response.headers().entrySet())
        {
            out.headers().set(header.getKey(), header.getValue());
        }
        final boolean keepAlive = !close && request != null && HttpUtil.isKeepAlive(request);
        if (keepAlive)
        {
            out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(out);
        }
        else
        {
            closing = true;
            out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        if (!closing && cause instanceof TooLongFrameException && ctx.channel().isActive())
        {
            refused.oversized();
            send(ctx, null, HttpResponse.text(413, "request too large\n"), true);
            return;
        }
        ctx.close();
    }
}
