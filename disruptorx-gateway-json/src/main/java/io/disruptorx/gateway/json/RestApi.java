package io.disruptorx.gateway.json;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.LongSupplier;

import io.disruptorx.gateway.auth.ApiKeyCredential;
import io.disruptorx.gateway.auth.User;
import io.disruptorx.gateway.reference.InstrumentSpec;
import io.disruptorx.http.HttpRequest;
import io.disruptorx.http.HttpResponse;
import io.disruptorx.http.Routes;

/**
 * The REST endpoints, Binance spot shaped: {@code POST}, {@code PUT}, {@code DELETE} and {@code GET /api/v3/order},
 * {@code GET /api/v3/openOrders}, {@code GET /api/v3/myTrades}, {@code GET /api/v3/account} (signed), and
 * {@code GET /api/v3/ping}, {@code /api/v3/time}, {@code /api/v3/exchangeInfo} (public). Parameters come in the
 * query string and in the body (form-encoded, or a flat JSON object with {@code Content-Type: application/json});
 * the signature covers the query string followed by the body, without the {@code signature} parameter. Runs on the
 * HTTP handler threads, each waiting for its answer from the gateway thread.
 */
final class RestApi
{
    static final String ORDER = "/api/v3/order";
    /** The W3C trace context header a new order may carry. */
    static final String TRACEPARENT = "traceparent";

    private final JsonGateway gateway;
    private final RequestAuth auth;
    private final CertificateBinding certificates;
    private final OrderRequests requests;
    private final LongSupplier epochMillis;
    private final int maxPayloadBytes;
    private final long waitMillis;

    /**
     * One signed endpoint: parameters and user into a command.
     */
    @FunctionalInterface
    private interface Endpoint
    {
        JsonCommand build(Params params, User user, JsonAnswer answer);
    }

    RestApi(final JsonGateway gateway, final RequestAuth auth, final CertificateBinding certificates,
        final OrderRequests requests, final LongSupplier epochMillis, final int maxPayloadBytes, final long waitMillis)
    {
        this.gateway = gateway;
        this.auth = auth;
        this.certificates = certificates;
        this.requests = requests;
        this.epochMillis = epochMillis;
        this.maxPayloadBytes = maxPayloadBytes;
        this.waitMillis = waitMillis;
    }

    void mount(final Routes routes)
    {
        routes.post(ORDER, request -> signed(request, requests::newOrder));
        routes.route("PUT", ORDER, request -> signed(request, requests::replace));
        routes.route("DELETE", ORDER, request -> signed(request, requests::cancel));
        routes.get(ORDER, request -> signed(request, requests::status));
        routes.get("/api/v3/openOrders", request -> signed(request, requests::openOrders));
        routes.get("/api/v3/myTrades", request -> signed(request, requests::myTrades));
        routes.get("/api/v3/account", request -> signed(request, requests::account));
        routes.get("/api/v3/ping", request -> HttpResponse.json("{}"));
        routes.get("/api/v3/time", request -> HttpResponse.json("{\"serverTime\":" + epochMillis.getAsLong() + "}"));
        routes.get("/api/v3/exchangeInfo", request -> HttpResponse.json(exchangeInfo()));
    }

    private HttpResponse signed(final HttpRequest request, final Endpoint endpoint)
    {
        gateway.counters().request();
        final long receivedNanos = System.nanoTime();
        try
        {
            if (request.body().length > maxPayloadBytes || request.rawQuery().length() > maxPayloadBytes)
            {
                throw new ApiException(ApiError.PAYLOAD_TOO_LARGE, "The request is larger than " + maxPayloadBytes +
                    " bytes.");
            }
            final Map<String, JsonValue> values = new LinkedHashMap<>();
            addForm(values, request.rawQuery());
            final String body = request.bodyText();
            final String contentType = request.header("content-type");
            final boolean json = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(
                "application/json");
            if (json)
            {
                for (final Map.Entry<String, JsonValue> member : JsonParser.parseObject(body).entrySet())
                {
                    if (member.getValue().kind() == JsonValue.Kind.OBJECT)
                    {
                        throw new ApiException(ApiError.INVALID_PARAMETER,
                            "Parameter '" + ClientText.cut(member.getKey()) + "' must not be an object.");
                    }
                    put(values, member.getKey(), member.getValue());
                }
            }
            else
            {
                addForm(values, body);
            }
            final Params params = new Params(values);
            if (params.has("apiKey"))
            {
                throw new ApiException(ApiError.UNKNOWN_PARAM, "An unknown parameter was sent: 'apiKey' (REST sends "
                    + "the key in the X-MBX-APIKEY header).");
            }
            final String payload = withoutSignature(request.rawQuery()) + (json ? body : withoutSignature(body));
            final ApiKeyCredential credential = auth.verify(request.header("X-MBX-APIKEY"), payload,
                params.string("signature"), params.integer("timestamp"),
                params.integer("recvWindow", RequestAuth.DEFAULT_RECV_WINDOW));
            certificates.check(credential.user(), request.clientSubject(), request.remoteAddress());
            final RestAnswer answer = new RestAnswer();
            final JsonCommand command = endpoint.build(params, credential.user(), answer);
            command.trace.parse(request.header(TRACEPARENT), receivedNanos);
            gateway.submit(command);
            return answer.await(waitMillis);
        }
        catch (final ApiException ex)
        {
            gateway.counters().error(ex.error());
            return error(ex.error(), ex.getMessage());
        }
    }

    static HttpResponse error(final ApiError error, final String message)
    {
        return HttpResponse.of(error.httpStatus(), HttpResponse.JSON, JsonEncoder.error(error, message));
    }

    /**
     * Waits for an answer another thread completes: the response made of it, {@link ApiError#TIMEOUT} (counted)
     * when none comes in time, {@link ApiError#UNKNOWN} when the wait is interrupted or the answer failed.
     */
    static <T> HttpResponse await(
        final CompletableFuture<T> answer, final long millis, final Function<T, HttpResponse> response,
        final JsonCounters counters)
    {
        try
        {
            return response.apply(answer.get(millis, TimeUnit.MILLISECONDS));
        }
        catch (final TimeoutException ex)
        {
            counters.error(ApiError.TIMEOUT);
            return error(ApiError.TIMEOUT, ApiError.TIMEOUT.message());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return error(ApiError.UNKNOWN, ApiError.UNKNOWN.message());
        }
        catch (final ExecutionException ex)
        {
            return error(ApiError.UNKNOWN, ApiError.UNKNOWN.message());
        }
    }

    private String exchangeInfo()
    {
        final StringBuilder out = new StringBuilder("{\"timezone\":\"UTC\",\"serverTime\":")
            .append(epochMillis.getAsLong()).append(",\"symbols\":[");
        boolean first = true;
        for (final InstrumentSpec instrument : gateway.instrumentList())
        {
            out.append(first ? "{" : ",{");
            first = false;
            out.append("\"symbol\":");
            JsonEncoder.string(out, instrument.symbol());
            out.append(",\"status\":\"TRADING\",\"priceScale\":").append(instrument.priceScale())
                .append(",\"quantityScale\":").append(instrument.quantityScale())
                .append(",\"tickSize\":").append(instrument.tickSize())
                .append(",\"lotSize\":").append(instrument.lotSize()).append('}');
        }
        return out.append("]}").toString();
    }

    static void addForm(final Map<String, JsonValue> values, final String form)
    {
        if (form.isEmpty())
        {
            return;
        }
        for (final String pair : form.split("&", -1))
        {
            final int equals = pair.indexOf('=');
            if (pair.isEmpty() || equals <= 0)
            {
                throw new ApiException(ApiError.ILLEGAL_CHARS, "Malformed parameter '" + ClientText.cut(pair) + "'.");
            }
            try
            {
                put(values, URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    JsonValue.text(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8)));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ApiException(ApiError.ILLEGAL_CHARS,
                    "Malformed percent-encoding in '" + ClientText.cut(pair) + "'.");
            }
        }
    }

    private static void put(final Map<String, JsonValue> values, final String name, final JsonValue value)
    {
        if (values.put(name, value) != null)
        {
            throw new ApiException(ApiError.TOO_MANY_PARAMETERS, "Parameter '" + ClientText.cut(name) +
                "' was sent more than once.");
        }
        if (values.size() > JsonParser.MAX_MEMBERS)
        {
            throw new ApiException(ApiError.TOO_MANY_PARAMETERS);
        }
    }

    static String withoutSignature(final String form)
    {
        if (!form.contains("signature="))
        {
            return form;
        }
        final StringBuilder out = new StringBuilder(form.length());
        for (final String pair : form.split("&", -1))
        {
            if (!pair.startsWith("signature="))
            {
                if (out.length() > 0)
                {
                    out.append('&');
                }
                out.append(pair);
            }
        }
        return out.toString();
    }

    /**
     * The answer a handler thread waits for.
     */
    private final class RestAnswer implements JsonAnswer
    {
        private final CompletableFuture<HttpResponse> response = new CompletableFuture<>();

        @Override
        public void result(final String json)
        {
            response.complete(HttpResponse.json(json));
        }

        @Override
        public void error(final ApiError error, final String message)
        {
            response.complete(RestApi.error(error, message));
        }

        HttpResponse await(final long millis)
        {
            return RestApi.await(response, millis, answer -> answer, gateway.counters());
        }
    }
}
