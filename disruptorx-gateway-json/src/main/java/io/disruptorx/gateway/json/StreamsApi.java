package io.disruptorx.gateway.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.disruptorx.gateway.reference.InstrumentSpec;
import io.disruptorx.http.HttpRequest;
import io.disruptorx.http.HttpResponse;
import io.disruptorx.http.Routes;
import io.disruptorx.http.WebSocketEndpoint;
import io.disruptorx.http.WebSocketSession;

/**
 * The public market data endpoints: the WebSocket {@value #PATH}, where a client sends Binance's
 * {@code {"method":"SUBSCRIBE","params":["btc-usd@depth"],"id":1}} (also {@code UNSUBSCRIBE},
 * {@code LIST_SUBSCRIPTIONS}) and receives {@code {"stream":..,"data":..}} events, and REST
 * {@code GET /api/v3/depth?symbol=..&limit=..}. Stream names are the symbol in lower case and {@code @depth} (or
 * {@code @depth@100ms}), {@code @trade} or {@code @bookTicker}. A bad request is answered
 * {@code {"error":{"code":..,"msg":..},"id":..}} with Binance's stream codes (2 invalid request, 3 invalid JSON, 1
 * a value of the wrong type) and counted; it never reaches the streams' thread. Runs on I/O and handler threads.
 */
final class StreamsApi implements WebSocketEndpoint
{
    static final String PATH = "/stream";
    static final String DEPTH = "/api/v3/depth";
    static final int DEFAULT_DEPTH_LIMIT = 100;
    static final int MAX_DEPTH_LIMIT = 5_000;
    private static final int MAX_ID_DIGITS = 18;
    private static final long WAIT_MILLIS = 5_000;
    private static final Set<String> DEPTH_PARAMS = Set.of("symbol", "limit");

    private final MarketStreams streams;
    private final JsonCounters counters;
    private final int maxPayloadBytes;

    StreamsApi(final MarketStreams streams, final JsonCounters counters, final int maxPayloadBytes)
    {
        this.streams = streams;
        this.counters = counters;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    void mount(final Routes routes)
    {
        routes.get(DEPTH, this::depth);
        routes.webSocket(PATH, this);
    }

    @Override
    public void onOpen(final WebSocketSession session)
    {
    }

    @Override
    public void onText(final WebSocketSession session, final String text)
    {
        counters.request();
        String id = "null";
        try
        {
            if (text.length() > maxPayloadBytes)
            {
                throw new StreamException(2, "Invalid request: the message is larger than " + maxPayloadBytes +
                    " bytes");
            }
            final Map<String, JsonValue> message;
            try
            {
                message = JsonParser.parseObject(text, true);
            }
            catch (final ApiException ex)
            {
                throw new StreamException(ex.error() == ApiError.ILLEGAL_CHARS ? 3 : 2,
                    (ex.error() == ApiError.ILLEGAL_CHARS ? "Invalid JSON: " : "Invalid request: ") + ex.getMessage());
            }
            id = id(message.get("id"));
            for (final String name : message.keySet())
            {
                if (!"id".equals(name) && !"method".equals(name) && !"params".equals(name))
                {
                    throw new StreamException(2, "Invalid request: unknown field `" + ClientText.cut(name) + "`");
                }
            }
            final JsonValue method = message.get("method");
            if (method == null || method.kind() != JsonValue.Kind.STRING)
            {
                throw new StreamException(2, "Invalid request: missing field `method`");
            }
            dispatch(session, id, method.text(), message.get("params"));
        }
        catch (final StreamException ex)
        {
            streams.countError(ex.code);
            session.send(errorFrame(ex.code, ex.getMessage(), id));
        }
    }

    @Override
    public void onClose(final WebSocketSession session)
    {
        streams.submit(StreamRequest.streams(StreamRequest.Kind.CLOSED, session, null, List.of(), List.of()));
    }

    private void dispatch(final WebSocketSession session, final String id, final String method, final JsonValue params)
    {
        switch (method)
        {
            case "SUBSCRIBE":
            case "UNSUBSCRIBE":
            {
                if (params == null || params.kind() != JsonValue.Kind.ARRAY)
                {
                    throw new StreamException(1, "Invalid value type: expected `params`, an array of stream names");
                }
                final List<StreamBook> books = new ArrayList<>();
                final List<String> names = new ArrayList<>();
                for (final JsonValue element : params.elements())
                {
                    if (element.kind() != JsonValue.Kind.STRING)
                    {
                        throw new StreamException(1, "Invalid value type: expected a stream name (string)");
                    }
                    final String name = canonical(element.text());
                    final StreamBook book = streams.book(name);
                    if (book == null)
                    {
                        throw new StreamException(2, "Invalid request: unknown stream " +
                            quoted(ClientText.cut(element.text())));
                    }
                    books.add(book);
                    names.add(name);
                }
                streams.submit(StreamRequest.streams("SUBSCRIBE".equals(method) ? StreamRequest.Kind.SUBSCRIBE :
                    StreamRequest.Kind.UNSUBSCRIBE, session, id, books, names));
                return;
            }
            case "LIST_SUBSCRIPTIONS":
                if (params != null && (params.kind() != JsonValue.Kind.ARRAY || !params.elements().isEmpty()))
                {
                    throw new StreamException(2, "Invalid request: too many parameters");
                }
                streams.submit(StreamRequest.streams(StreamRequest.Kind.LIST_SUBSCRIPTIONS, session, id, List.of(),
                    List.of()));
                return;
            default:
                throw new StreamException(2, "Invalid request: unknown variant `" + method + "`, expected one of " +
                    "`SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`");
        }
    }

    private HttpResponse depth(final HttpRequest request)
    {
        counters.request();
        try
        {
            if (request.rawQuery().length() > maxPayloadBytes)
            {
                throw new ApiException(ApiError.PAYLOAD_TOO_LARGE, "The request is larger than " + maxPayloadBytes +
                    " bytes.");
            }
            final Map<String, JsonValue> values = new LinkedHashMap<>();
            RestApi.addForm(values, request.rawQuery());
            final Params params = new Params(values).only(DEPTH_PARAMS);
            final String symbol = params.string("symbol");
            final StreamBook book = symbol.length() > InstrumentSpec.MAX_SYMBOL_LENGTH ? null :
                streams.book(canonical(symbol) + "@depth");
            if (book == null || !book.instrument.symbol().equals(symbol))
            {
                throw new ApiException(ApiError.BAD_SYMBOL);
            }
            final long limit = params.integer("limit", DEFAULT_DEPTH_LIMIT);
            if (limit < 1 || limit > MAX_DEPTH_LIMIT)
            {
                throw new ApiException(ApiError.INVALID_PARAMETER, "Parameter 'limit' must be 1 to " + MAX_DEPTH_LIMIT +
                    ".");
            }
            final CompletableFuture<String> answer = new CompletableFuture<>();
            streams.submit(StreamRequest.depth(book, (int)limit, answer));
            return RestApi.await(answer, WAIT_MILLIS, HttpResponse::json, counters);
        }
        catch (final ApiException ex)
        {
            counters.error(ex.error());
            return RestApi.error(ex.error(), ex.getMessage());
        }
    }

    /**
     * @return the stream name with the symbol in lower case, {@code @depth@100ms} as {@code @depth}.
     */
    private static String canonical(final String name)
    {
        final int at = name.indexOf('@');
        final String symbol = (at < 0 ? name : name.substring(0, at)).toLowerCase(java.util.Locale.ROOT);
        final String rest = at < 0 ? "" : name.substring(at);
        return symbol + ("@depth@100ms".equals(rest) ? "@depth" : rest);
    }

    private static String id(final JsonValue id)
    {
        if (id == null || id.kind() == JsonValue.Kind.NULL)
        {
            return "null";
        }
        final String text = id.text();
        if (id.kind() != JsonValue.Kind.NUMBER || text.isEmpty() || text.length() > MAX_ID_DIGITS)
        {
            throw new StreamException(2, "Invalid request: request ID must be an unsigned integer");
        }
        for (int i = 0; i < text.length(); i++)
        {
            if (text.charAt(i) < '0' || text.charAt(i) > '9')
            {
                throw new StreamException(2, "Invalid request: request ID must be an unsigned integer");
            }
        }
        return text;
    }

    /**
     * @return a stream request's error answer, its message held to {@link ClientText#MAX_MESSAGE} characters.
     */
    static String errorFrame(final int code, final String message, final String id)
    {
        return "{\"error\":{\"code\":" + code + ",\"msg\":" + quoted(ClientText.message(message)) + "},\"id\":" +
            id + "}";
    }

    private static String quoted(final String text)
    {
        final StringBuilder out = new StringBuilder(text.length() + 2);
        JsonEncoder.string(out, text);
        return out.toString();
    }

    /**
     * A refused stream request with Binance's stream error code.
     */
    private static final class StreamException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        private final int code;

        StreamException(final int code, final String message)
        {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
