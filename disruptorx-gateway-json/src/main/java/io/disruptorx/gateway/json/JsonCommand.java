package io.disruptorx.gateway.json;

import io.disruptorx.gateway.auth.User;
import io.disruptorx.gateway.reference.InstrumentSpec;
import io.disruptorx.protocol.venue.TraceContext;

/**
 * One checked request on its way from an HTTP or WebSocket thread to the gateway thread: which user, what to do,
 * the fields it needs in the core's terms, and where the answer goes. Published once through a concurrent queue.
 */
final class JsonCommand
{
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
        CERTIFICATE_MISMATCH
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
    /** The client's address, for the audit trail ({@link Kind#CERTIFICATE_MISMATCH}). */
    String source;
    /** A new order's W3C trace context, from the HTTP {@code traceparent} header; empty when absent or invalid. */
    final TraceContext trace = new TraceContext();

    JsonCommand(final Kind kind, final User user, final JsonAnswer answer)
    {
        this.kind = kind;
        this.user = user;
        this.answer = answer;
    }
}
