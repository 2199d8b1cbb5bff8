package io.disruptorx.gateway.json;

import java.util.function.LongSupplier;

import io.disruptorx.gateway.auth.ApiKeyDirectory;
import io.disruptorx.gateway.auth.Authenticator;
import io.disruptorx.http.Routes;

/**
 * Mounts the JSON edge on an HTTP server's {@link Routes}: the REST endpoints under {@code /api/v3/} and the
 * WebSocket API on {@value #WEBSOCKET_PATH}, both feeding one {@link JsonGateway} (which the host runs on the
 * gateway thread).
 */
public final class JsonEdge
{
    /** The WebSocket API's path. */
    public static final String WEBSOCKET_PATH = WebSocketApi.PATH;
    /** The public market streams' WebSocket path. */
    public static final String STREAMS_PATH = StreamsApi.PATH;
    /** Largest request body, query or WebSocket message taken by default. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 4_096;

    private final RequestAuth auth;

    private JsonEdge(final RequestAuth auth)
    {
        this.auth = auth;
    }

    /**
     * @param routes          the HTTP server's table, before it starts.
     * @param gateway         the gateway-thread part.
     * @param keys            where API keys are looked up.
     * @param epochMillis     the venue's wall clock (timestamps of signed requests).
     * @param maxPayloadBytes largest body, query or WebSocket message; larger ones get
     *                        {@link ApiError#PAYLOAD_TOO_LARGE} (the HTTP server's own limits must be larger).
     * @return the edge.
     */
    public static JsonEdge mount(
        final Routes routes,
        final JsonGateway gateway,
        final ApiKeyDirectory keys,
        final LongSupplier epochMillis,
        final int maxPayloadBytes)
    {
        return mount(routes, gateway, keys, epochMillis, maxPayloadBytes, null);
    }

    /**
     * Mounts the order entry endpoints and, with {@code streams}, the public market data endpoints: the WebSocket
     * {@value #STREAMS_PATH} and REST {@code GET /api/v3/depth}.
     *
     * @param routes          the HTTP server's table, before it starts.
     * @param gateway         the gateway-thread part.
     * @param keys            where API keys are looked up.
     * @param epochMillis     the venue's wall clock (timestamps of signed requests).
     * @param maxPayloadBytes largest body, query or WebSocket message.
     * @param streams         the public streams (run by the host on a thread of their own), or {@code null}.
     * @return the edge.
     */
    public static JsonEdge mount(
        final Routes routes,
        final JsonGateway gateway,
        final ApiKeyDirectory keys,
        final LongSupplier epochMillis,
        final int maxPayloadBytes,
        final MarketStreams streams)
    {
        return mount(routes, gateway, keys, epochMillis, maxPayloadBytes, streams, null);
    }

    /**
     * Mounts the endpoints with mutual TLS: a client that showed a certificate signs only as the user the
     * certificate names ({@link ApiError#CERTIFICATE_MISMATCH} otherwise, counted and audited).
     *
     * @param routes          the HTTP server's table, before it starts.
     * @param gateway         the gateway-thread part.
     * @param keys            where API keys are looked up.
     * @param epochMillis     the venue's wall clock (timestamps of signed requests).
     * @param maxPayloadBytes largest body, query or WebSocket message.
     * @param streams         the public streams (run by the host on a thread of their own), or {@code null}.
     * @param certificates    maps client certificates' subjects to users (a user file), or {@code null}.
     * @return the edge.
     */
    public static JsonEdge mount(
        final Routes routes,
        final JsonGateway gateway,
        final ApiKeyDirectory keys,
        final LongSupplier epochMillis,
        final int maxPayloadBytes,
        final MarketStreams streams,
        final Authenticator certificates)
    {
        if (streams != null)
        {
            new StreamsApi(streams, gateway.counters(), maxPayloadBytes).mount(routes);
        }
        final RequestAuth auth = new RequestAuth(keys, epochMillis);
        final OrderRequests requests = new OrderRequests(gateway.instruments(), epochMillis.getAsLong());
        final CertificateBinding binding = new CertificateBinding(certificates, gateway);
        new RestApi(gateway, auth, binding, requests, epochMillis, maxPayloadBytes,
            gateway.answerTimeoutMillis() + 1_000L).mount(routes);
        routes.webSocket(WEBSOCKET_PATH, new WebSocketApi(gateway, auth, binding, requests, maxPayloadBytes));
        return new JsonEdge(auth);
    }

    /**
     * @return signatures remembered against replay now.
     */
    public int rememberedSignatures()
    {
        return auth.remembered();
    }
}
