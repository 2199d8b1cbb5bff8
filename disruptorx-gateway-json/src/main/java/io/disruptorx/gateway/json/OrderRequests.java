package io.disruptorx.gateway.json;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.disruptorx.gateway.auth.User;
import io.disruptorx.gateway.codec.ClientOrderIds;
import io.disruptorx.gateway.codec.MutableDecimal;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import io.disruptorx.gateway.reference.InstrumentSpec;

/**
 * Turns the parameters of each order endpoint (the same for REST and the WebSocket API) into a checked
 * {@link JsonCommand}, or refuses them with a precise code. Thread-safe.
 */
final class OrderRequests
{
    static final Set<String> SIGNING = Set.of("apiKey", "recvWindow", "timestamp", "signature");
    static final Set<String> NEW_ORDER = with("symbol", "side", "type", "timeInForce", "quantity", "price",
        "newClientOrderId", "selfTradePreventionMode", "newOrderRespType", "account");
    static final Set<String> NAMED_ORDER = with("symbol", "orderId", "origClientOrderId", "account");
    static final Set<String> REPLACE = with("symbol", "orderId", "origClientOrderId", "price", "quantity", "account");
    static final Set<String> OPEN_ORDERS = with("symbol", "account");
    static final Set<String> ACCOUNT = with("account", "omitZeroBalances");
    static final Set<String> MY_TRADES = with("symbol", "limit", "account");
    static final Set<String> SUBSCRIBE = with("fromSequence");

    private static final int DEFAULT_TRADES = 500;
    private static final int MAX_TRADES = 1_000;

    private final InstrumentDirectory instruments;
    private final AtomicLong generatedIds;

    OrderRequests(final InstrumentDirectory instruments, final long epochMillis)
    {
        this.instruments = instruments;
        this.generatedIds = new AtomicLong(epochMillis * 1_000L);
    }

    JsonCommand newOrder(final Params p, final User user, final JsonAnswer answer)
    {
        p.only(NEW_ORDER);
        final JsonCommand c = new JsonCommand(JsonCommand.Kind.NEW_ORDER, user, answer);
        c.instrument = symbol(p, true);
        c.side = code(p.string("side"), ApiError.INVALID_SIDE, "BUY", "SELL");
        final String type = p.string("type");
        final boolean maker = "LIMIT_MAKER".equals(type);
        c.orderType = maker ? 0 : code(type, ApiError.INVALID_ORDER_TYPE, "LIMIT", "MARKET");
        c.postOnly = maker ? 1 : 0;
        if (c.orderType == 1)
        {
            if (p.has("price"))
            {
                throw new ApiException(ApiError.PARAM_NOT_REQUIRED, "Parameter 'price' sent when not required.");
            }
            c.timeInForce = p.has("timeInForce") ? timeInForce(p) : 2;
        }
        else
        {
            final MutableDecimal price = new MutableDecimal();
            p.decimal("price", price);
            c.priceMantissa = price.mantissa();
            c.priceExponent = price.exponent();
            if (maker && p.has("timeInForce"))
            {
                throw new ApiException(ApiError.PARAM_NOT_REQUIRED,
                    "Parameter 'timeInForce' sent when not required.");
            }
            c.timeInForce = maker ? 0 : timeInForce(p);
        }
        quantity(p, c);
        c.selfTradePrevention = code(p.string("selfTradePreventionMode", "EXPIRE_TAKER"), ApiError.INVALID_PARAMETER,
            "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH", "NONE");
        if (p.has("newOrderRespType"))
        {
            code(p.string("newOrderRespType"), ApiError.INVALID_PARAMETER, "ACK", "RESULT", "FULL");
        }
        c.clientOrderId = p.has("newClientOrderId") ? clientOrderId(p, "newClientOrderId") :
            ClientOrderIds.DECIMAL_TAG + generatedIds.incrementAndGet();
        c.accountId = p.integer("account", 0);
        return c;
    }

    JsonCommand cancel(final Params p, final User user, final JsonAnswer answer)
    {
        p.only(NAMED_ORDER);
        return named(p, new JsonCommand(JsonCommand.Kind.CANCEL, user, answer));
    }

    JsonCommand status(final Params p, final User user, final JsonAnswer answer)
    {
        p.only(NAMED_ORDER);
        return named(p, new JsonCommand(JsonCommand.Kind.STATUS, user, answer));
    }

    JsonCommand replace(final Params p, final User user, final JsonAnswer answer)
    {
        p.only(REPLACE);
        final JsonCommand c = named(p, new JsonCommand(JsonCommand.Kind.REPLACE, user, answer));
        final MutableDecimal price = new MutableDecimal();
        p.decimal("price", price);
        c.priceMantissa = price.mantissa();
        c.priceExponent = price.exponent();
        quantity(p, c);
        return c;
    }

    JsonCommand openOrders(final Params p, final User user, final JsonAnswer answer)
    {
        p.only(OPEN_ORDERS);
        final JsonCommand c = new JsonCommand(JsonCommand.Kind.OPEN_ORDERS, user, answer);
        c.instrument = p.has("symbol") ? symbol(p, true) : null;
        c.accountId = p.integer("account", 0);
        return c;
    }

    JsonCommand account(final Params p, final User user, final JsonAnswer answer)
    {
        p.only(ACCOUNT);
        if (p.has("omitZeroBalances"))
        {
            code(p.string("omitZeroBalances"), ApiError.INVALID_PARAMETER, "true");
        }
        final JsonCommand c = new JsonCommand(JsonCommand.Kind.ACCOUNT, user, answer);
        c.accountId = p.integer("account", 0);
        return c;
    }

    JsonCommand myTrades(final Params p, final User user, final JsonAnswer answer)
    {
        p.only(MY_TRADES);
        final JsonCommand c = new JsonCommand(JsonCommand.Kind.MY_TRADES, user, answer);
        c.instrument = symbol(p, true);
        final long limit = p.integer("limit", DEFAULT_TRADES);
        if (limit < 1 || limit > MAX_TRADES)
        {
            throw new ApiException(ApiError.INVALID_PARAMETER, "Parameter 'limit' must be 1 to " + MAX_TRADES + ".");
        }
        c.limit = (int)limit;
        c.accountId = p.integer("account", 0);
        return c;
    }

    JsonCommand subscribe(final Params p, final User user, final JsonAnswer answer, final ReportSink sink)
    {
        p.only(SUBSCRIBE);
        final JsonCommand c = new JsonCommand(JsonCommand.Kind.SUBSCRIBE, user, answer);
        c.fromSequence = p.integer("fromSequence", 0);
        c.sink = sink;
        return c;
    }

    private JsonCommand named(final Params p, final JsonCommand c)
    {
        c.instrument = symbol(p, true);
        c.accountId = p.integer("account", 0);
        if (p.has("orderId"))
        {
            c.orderId = p.integer("orderId");
            if (c.orderId == 0)
            {
                throw new ApiException(ApiError.INVALID_PARAMETER, "Parameter 'orderId' must be positive.");
            }
        }
        else if (p.has("origClientOrderId"))
        {
            c.clientOrderId = clientOrderId(p, "origClientOrderId");
        }
        else
        {
            throw new ApiException(ApiError.MANDATORY_PARAM_EMPTY_OR_MALFORMED,
                "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
        }
        return c;
    }

    private static void quantity(final Params p, final JsonCommand c)
    {
        final MutableDecimal quantity = new MutableDecimal();
        p.decimal("quantity", quantity);
        c.quantityMantissa = quantity.mantissa();
        c.quantityExponent = quantity.exponent();
    }

    private static int timeInForce(final Params p)
    {
        return code(p.string("timeInForce"), ApiError.INVALID_TIMEINFORCE, "GTC", "DAY", "IOC", "FOK");
    }

    InstrumentSpec symbol(final Params p, final boolean required)
    {
        if (!required && !p.has("symbol"))
        {
            return null;
        }
        final String symbol = p.string("symbol");
        final InstrumentSpec instrument = symbol.length() > InstrumentSpec.MAX_SYMBOL_LENGTH || !printable(symbol) ?
            null : instruments.bySymbol(InstrumentSpec.packSymbol(symbol));
        if (instrument == null)
        {
            throw new ApiException(ApiError.BAD_SYMBOL);
        }
        return instrument;
    }

    private static long clientOrderId(final Params p, final String name)
    {
        final long id = ClientOrderIds.encode(p.string(name));
        if (id == ClientOrderIds.INVALID)
        {
            throw new ApiException(ApiError.INVALID_PARAMETER, "Parameter '" + name +
                "' must be 1 to 10 letters and digits, or 11 to 18 digits.");
        }
        return id;
    }

    private static int code(final String value, final ApiError error, final String... names)
    {
        for (int i = 0; i < names.length; i++)
        {
            if (names[i].equals(value))
            {
                return i;
            }
        }
        throw new ApiException(error, error == ApiError.INVALID_PARAMETER ?
            "Data sent for a parameter is not valid: '" + ClientText.cut(value) + "' is not one of " +
            String.join(", ", names) + "." : error.message());
    }

    private static boolean printable(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            if (text.charAt(i) <= ' ' || text.charAt(i) > '~')
            {
                return false;
            }
        }
        return true;
    }

    private static Set<String> with(final String... names)
    {
        final Set<String> all = new HashSet<>(SIGNING);
        all.addAll(Set.of(names));
        return Set.copyOf(all);
    }
}
