package io.disruptorx.gateway.json;

import java.net.InetSocketAddress;

import io.disruptorx.gateway.auth.User;
import io.disruptorx.gateway.reference.InstrumentSpec;
import io.disruptorx.protocol.venue.TraceContext;

/**
 * One checked request on its way from an HTTP or WebSocket thread to the gateway thread: which user, what to do,
 * the fields it needs in the core's terms, and where the answer goes. Published once through a concurrent queue.
 */
final class JsonCommand
{
    static final String UNKNOWN_SOURCE = "unknown";

    /**
     * What is asked.
     */
    enum Kind
    {
        /** Enter an order. */
        NEW_ORDER,
        /** Cancel an order. */
        CANCEL,
        /** Replace an order's price and open quantity. */
        REPLACE,
        /** One order's state. */
        STATUS,
        /** Live orders of an account. */
        OPEN_ORDERS,
        /** Recent fills of an account in an instrument. */
        MY_TRADES,
        /** Balances of an account. */
        ACCOUNT,
        /** Start sending execution reports to a WebSocket. */
        SUBSCRIBE,
        /** Stop sending them. */
        UNSUBSCRIBE,
        /**
         * Not a request: a request refused because the client certificate names another user than its API key, for
         * the audit trail (the refusal itself is answered and counted where it was found).
         */
        CERTIFICATE_MISMATCH,
        /**
         * Not a request: a request whose authentication failed ({@link #failure}), for the audit trail and the login
         * throttle, answered on the gateway thread (with {@link ApiError#LOGIN_THROTTLED} while the throttle holds
         * its user or address back, so the answer does not tell whether the signature was good).
         */
        AUTH_FAILED
    }

    final Kind kind;
    final User user;
    final JsonAnswer answer;
    long accountId;
    InstrumentSpec instrument;
    int side;
    int orderType;
    int timeInForce;
    int postOnly;
    int selfTradePrevention;
    long priceMantissa;
    int priceExponent;
    long quantityMantissa;
    int quantityExponent;
    long orderId;
    long clientOrderId;
    long fromSequence;
    int limit;
    ReportSink sink;
    /** The client's address ({@code host:port}, or {@code unknown}), for the audit trail and the login throttle. */
    String source = UNKNOWN_SOURCE;
    /**
     * {@link Kind#AUTH_FAILED}: who the request's API key names (the key's user, else a shortened key id, else
     * empty), why it failed and the message to answer with.
     */
    String principal;
    ApiError failure;
    String failureMessage;
    /** A new order's W3C trace context, from the HTTP {@code traceparent} header; empty when absent or invalid. */
    final TraceContext trace = new TraceContext();

    JsonCommand(final Kind kind, final User user, final JsonAnswer answer)
    {
        this.kind = kind;
        this.user = user;
        this.answer = answer;
    }

    /**
     * @param principal who the request's API key names ({@link RequestAuth#principal}).
     * @param refused   why its authentication failed.
     * @param source    the client's address.
     * @param answer    where the answer goes.
     * @return the {@link Kind#AUTH_FAILED} record of it.
     */
    static JsonCommand authFailed(
        final String principal, final ApiException refused, final String source, final JsonAnswer answer)
    {
        final JsonCommand command = new JsonCommand(Kind.AUTH_FAILED, null, answer);
        command.principal = principal;
        command.failure = refused.error();
        command.failureMessage = refused.getMessage();
        command.source = source;
        return command;
    }

    /**
     * @return the peer as the audit trail names it: {@code host:port}, or {@code unknown}.
     */
    static String source(final InetSocketAddress peer)
    {
        return peer == null ? UNKNOWN_SOURCE : peer.getHostString() + ":" + peer.getPort();
    }

    /**
     * @return whether a refusal of {@link RequestAuth#verify} is a failed authentication (audited as a failed login
     * and counted by the login throttle): an unknown key, a bad signature, a timestamp out of its window, a replay.
     */
    static boolean isAuthFailure(final ApiError error)
    {
        return error == ApiError.REJECTED_MBX_KEY || error == ApiError.INVALID_SIGNATURE ||
            error == ApiError.INVALID_TIMESTAMP || error == ApiError.REPLAYED_SIGNATURE;
    }
}
