package io.disruptorx.gateway.json;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.disruptorx.gateway.auth.ApiKeyCredential;
import io.disruptorx.gateway.auth.User;
import io.disruptorx.http.WebSocketBatch;
import io.disruptorx.http.WebSocketEndpoint;
import io.disruptorx.http.WebSocketSession;

/**
 * The WebSocket API, Binance's shape: each text message a request {@code {"id":..,"method":..,"params":{..}}},
 * each answered by {@code {"id":..,"status":200,"result":..}} or {@code {"id":..,"status":4xx,"error":{"code":..,
 * "msg":..}}}; the user data stream's execution reports arrive as {@code {"subscriptionId":n,"event":{..}}}.
 * Signed methods carry {@code apiKey}, {@code timestamp}, optional {@code recvWindow} and {@code signature} in their
 * params; the signature covers every other param as {@code key=value}, sorted by key, joined with {@code &}.
 * Runs on the connection's I/O thread; the answers come from the gateway thread.
 */
final class WebSocketApi implements WebSocketEndpoint
{
    static final String PATH = "/ws-api/v3";
    private static final int MAX_ID_LENGTH = 64;

    private final JsonGateway gateway;
    private final RequestAuth auth;
    private final CertificateBinding certificates;
    private final OrderRequests requests;
    private final int maxPayloadBytes;

    WebSocketApi(final JsonGateway gateway, final RequestAuth auth, final CertificateBinding certificates,
        final OrderRequests requests, final int maxPayloadBytes)
    {
        this.gateway = gateway;
        this.auth = auth;
        this.certificates = certificates;
        this.requests = requests;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public void onOpen(final WebSocketSession session)
    {
    }

    @Override
    public void onText(final WebSocketSession session, final String text)
    {
        gateway.counters().request();
        String id = "null";
        try
        {
            if (text.length() > maxPayloadBytes)
            {
                throw new ApiException(ApiError.PAYLOAD_TOO_LARGE, "The message is larger than " + maxPayloadBytes +
                    " bytes.");
            }
            final Map<String, JsonValue> message = JsonParser.parseObject(text);
            id = id(message.get("id"));
            for (final String name : message.keySet())
            {
                if (!"id".equals(name) && !"method".equals(name) && !"params".equals(name))
                {
                    throw new ApiException(ApiError.UNKNOWN_PARAM,
                        "An unknown field was sent: '" + ClientText.cut(name) + "'.");
                }
            }
            final JsonValue method = message.get("method");
            if (method == null || method.kind() != JsonValue.Kind.STRING)
            {
                throw Params.missing("method");
            }
            final JsonValue params = message.get("params");
            if (params != null && params.kind() != JsonValue.Kind.OBJECT)
            {
                throw new ApiException(ApiError.INVALID_PARAMETER, "Field 'params' must be an object.");
            }
            final Params p = new Params(params == null ? Map.of() : params.members());
            dispatch(session, id, method.text(), p);
        }
        catch (final ApiException ex)
        {
            gateway.counters().error(ex.error());
            session.send(errorFrame(id, ex.error(), ex.getMessage()));
        }
    }

    @Override
    public void onClose(final WebSocketSession session)
    {
    }

    private void dispatch(final WebSocketSession session, final String id, final String method, final Params p)
    {
        switch (method)
        {
            case "ping":
                p.only(Set.of());
                session.send("{\"id\":" + id + ",\"status\":200,\"result\":{}}");
                return;
            case "order.place":
                gateway.submit(requests.newOrder(p, signed(session, p), answer(session, id)));
                return;
            case "order.cancel":
                gateway.submit(requests.cancel(p, signed(session, p), answer(session, id)));
                return;
            case "order.replace":
                gateway.submit(requests.replace(p, signed(session, p), answer(session, id)));
                return;
            case "order.status":
                gateway.submit(requests.status(p, signed(session, p), answer(session, id)));
                return;
            case "openOrders.status":
                gateway.submit(requests.openOrders(p, signed(session, p), answer(session, id)));
                return;
            case "account.status":
                gateway.submit(requests.account(p, signed(session, p), answer(session, id)));
                return;
            case "myTrades":
                gateway.submit(requests.myTrades(p, signed(session, p), answer(session, id)));
                return;
            case "userDataStream.subscribe":
                gateway.submit(requests.subscribe(p, signed(session, p), answer(session, id), sink(session)));
                return;
            case "userDataStream.unsubscribe":
            {
                final JsonCommand command = new JsonCommand(JsonCommand.Kind.UNSUBSCRIBE, signed(session,
                    p.only(OrderRequests.SIGNING)), answer(session, id));
                command.sink = sink(session);
                gateway.submit(command);
                return;
            }
            default:
                throw new ApiException(ApiError.UNSUPPORTED_OPERATION,
                    "Unknown method '" + ClientText.cut(method) + "'.");
        }
    }

    private User signed(final WebSocketSession session, final Params p)
    {
        final Map<String, JsonValue> sorted = new TreeMap<>(p.values());
        sorted.remove("signature");
        final StringBuilder payload = new StringBuilder();
        for (final Map.Entry<String, JsonValue> entry : sorted.entrySet())
        {
            if (payload.length() > 0)
            {
                payload.append('&');
            }
            payload.append(entry.getKey()).append('=').append(entry.getValue().text());
        }
        final ApiKeyCredential credential = auth.verify(p.string("apiKey"), payload.toString(),
            p.string("signature"), p.integer("timestamp"), p.integer("recvWindow", RequestAuth.DEFAULT_RECV_WINDOW));
        certificates.check(credential.user(), session.clientSubject(),
            session.remoteAddress() instanceof InetSocketAddress peer ? peer : null);
        return credential.user();
    }

    private Answer answer(final WebSocketSession session, final String id)
    {
        return new Answer(gateway.frames(), session, id);
    }

    private Sink sink(final WebSocketSession session)
    {
        return new Sink(gateway.frames(), session);
    }

    private static String id(final JsonValue id)
    {
        if (id == null || id.kind() == JsonValue.Kind.NULL)
        {
            return "null";
        }
        if (id.kind() == JsonValue.Kind.NUMBER && id.text().length() <= MAX_ID_LENGTH)
        {
            return id.text();
        }
        if (id.kind() == JsonValue.Kind.STRING && id.text().length() <= MAX_ID_LENGTH)
        {
            final StringBuilder out = new StringBuilder();
            JsonEncoder.string(out, id.text());
            return out.toString();
        }
        throw new ApiException(ApiError.INVALID_PARAMETER, "Field 'id' must be a string or number of at most " +
            MAX_ID_LENGTH + " characters.");
    }

    static String errorFrame(final String id, final ApiError error, final String message)
    {
        return "{\"id\":" + id + ",\"status\":" + error.httpStatus() + ",\"error\":" +
            JsonEncoder.error(error, message) + "}";
    }

    /**
     * Sends one request's answer on its connection, in the gateway thread's batch (called on that thread only).
     */
    private static final class Answer implements JsonAnswer
    {
        private final WebSocketBatch frames;
        private final WebSocketSession session;
        private final String id;

        Answer(final WebSocketBatch frames, final WebSocketSession session, final String id)
        {
            this.frames = frames;
            this.session = session;
            this.id = id;
        }

        @Override
        public void result(final String json)
        {
            frames.add(session, "{\"id\":" + id + ",\"status\":200,\"result\":" + json + "}");
        }

        @Override
        public void error(final ApiError error, final String message)
        {
            frames.add(session, errorFrame(id, error, message));
        }
    }

    /**
     * A connection's user data stream.
     */
    private static final class Sink implements ReportSink
    {
        private final WebSocketBatch frames;
        private final WebSocketSession session;

        Sink(final WebSocketBatch frames, final WebSocketSession session)
        {
            this.frames = frames;
            this.session = session;
        }

        @Override
        public boolean equals(final Object other)
        {
            return other instanceof Sink sink && sink.session == session;
        }

        @Override
        public int hashCode()
        {
            return System.identityHashCode(session);
        }

        @Override
        public void send(final String json)
        {
            frames.add(session, json);
        }

        @Override
        public boolean isOpen()
        {
            return session.isOpen();
        }
    }
}
