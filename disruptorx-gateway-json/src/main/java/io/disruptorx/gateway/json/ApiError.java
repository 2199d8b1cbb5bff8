package io.disruptorx.gateway.json;

/**
 * The error codes the JSON edge answers with, Binance's where Binance has one (same number, same meaning), and three
 * of our own ({@link #PAYLOAD_TOO_LARGE}, {@link #REPLAYED_SIGNATURE}, {@link #CERTIFICATE_MISMATCH}). Each carries
 * the HTTP status of a REST answer.
 */
public enum ApiError
{
    /** Our own fault; never a client's. */
    UNKNOWN(-1000, 500, "An unknown error occurred while processing the request."),
    /** The venue did not answer in time: the request may or may not have been executed. */
    TIMEOUT(-1007, 503, "Timeout waiting for response from backend server. Send status unknown; execution status "
        + "unknown."),
    /** The user's token bucket is empty. */
    TOO_MANY_ORDERS(-1015, 429, "Too many new orders."),
    /** The WebSocket API has no such method. */
    UNSUPPORTED_OPERATION(-1020, 400, "This operation is not supported."),
    /** The timestamp is older than the receive window or too far in the future. */
    INVALID_TIMESTAMP(-1021, 400, "Timestamp for this request is outside of the recvWindow."),
    /** The signature does not verify. */
    INVALID_SIGNATURE(-1022, 400, "Signature for this request is not valid."),
    /** Not JSON, or not a JSON object of the expected shape; malformed form encoding. */
    ILLEGAL_CHARS(-1100, 400, "Illegal characters found in a parameter."),
    /** A parameter sent twice, or too many parameters. */
    TOO_MANY_PARAMETERS(-1101, 400, "Too many parameters sent for this endpoint."),
    /** A mandatory parameter missing, empty or malformed. */
    MANDATORY_PARAM_EMPTY_OR_MALFORMED(-1102, 400, "A mandatory parameter was not sent, was empty/null, or "
        + "malformed."),
    /** A parameter this endpoint does not take. */
    UNKNOWN_PARAM(-1103, 400, "An unknown parameter was sent."),
    /** A parameter sent where it must not be (a price on a market order). */
    PARAM_NOT_REQUIRED(-1106, 400, "A parameter was sent when not required."),
    /** More decimals than the instrument's scale. */
    BAD_PRECISION(-1111, 400, "Precision is over the maximum defined for this asset."),
    /** Unknown time in force. */
    INVALID_TIMEINFORCE(-1115, 400, "Invalid timeInForce."),
    /** Unknown order type. */
    INVALID_ORDER_TYPE(-1116, 400, "Invalid orderType."),
    /** Unknown side. */
    INVALID_SIDE(-1117, 400, "Invalid side."),
    /** Unknown symbol. */
    BAD_SYMBOL(-1121, 400, "Invalid symbol."),
    /** A parameter of the wrong type or out of its range. */
    INVALID_PARAMETER(-1130, 400, "Data sent for a parameter is not valid."),
    /** The receive window is not 1 to 60,000 ms. */
    BAD_RECV_WINDOW(-1131, 400, "recvWindow must be less than 60000"),
    /** The body or message is larger than the edge takes. */
    PAYLOAD_TOO_LARGE(-1190, 413, "The request is larger than this endpoint takes."),
    /** The same signature was seen before within the receive window. */
    REPLAYED_SIGNATURE(-1191, 400, "This signature was already used: a request is accepted once."),
    /** Over mutual TLS: the client certificate names another user than the request's API key, or no user. */
    CERTIFICATE_MISMATCH(-1192, 401, "The client certificate does not name this API key's user."),
    /** The venue or the gateway refused a new order; the message names the reason. */
    NEW_ORDER_REJECTED(-2010, 400, "New order rejected."),
    /** The venue or the gateway refused a cancel or replace; the message names the reason. */
    CANCEL_REJECTED(-2011, 400, "Cancel rejected."),
    /** No such live order. */
    NO_SUCH_ORDER(-2013, 400, "Order does not exist."),
    /** No API key sent, or not of the key's format. */
    BAD_API_KEY_FMT(-2014, 401, "API-key format invalid."),
    /** The API key is unknown, or may not do this. */
    REJECTED_MBX_KEY(-2015, 401, "Invalid API-key, IP, or permissions for action.");

    private final int code;
    private final int httpStatus;
    private final String message;

    ApiError(final int code, final int httpStatus, final String message)
    {
        this.code = code;
        this.httpStatus = httpStatus;
        this.message = message;
    }

    /**
     * @return the numeric code clients see.
     */
    public int code()
    {
        return code;
    }

    /**
     * @return the HTTP status of a REST answer.
     */
    public int httpStatus()
    {
        return httpStatus;
    }

    /**
     * @return the standard message.
     */
    public String message()
    {
        return message;
    }
}
