package io.disruptorx.node.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

import io.disruptorx.gateway.auth.PasswordHash;
import io.disruptorx.gateway.client.NativeClient;
import io.disruptorx.gateway.codec.ClientOrderIds;
import io.disruptorx.protocol.sbe.orderentry.OrderType;
import io.disruptorx.protocol.sbe.orderentry.SelfTradePrevention;
import io.disruptorx.protocol.sbe.orderentry.Side;
import io.disruptorx.protocol.sbe.orderentry.TimeInForce;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dx order}: enters, cancels, replaces and queries an order by hand over the binary gateway (SoupBinTCP,
 * native dialect), printing the reports about it, or with {@code --rest URL} over the JSON edge's REST API, printing
 * its answer; {@code dx order hash-password} makes a user store entry.
 */
@Command(
    name = "order",
    mixinStandardHelpOptions = true,
    description = {
        "Places, cancels, replaces or queries one order over the binary gateway and prints its reports.",
        "Defaults match a running ./dx demo (127.0.0.1:31100, user demo, password demo). Prices and quantities",
        "are decimals; the gateway converts them with the instrument's scales and refuses any precision loss.",
        "With --rest URL (e.g. http://127.0.0.1:31180, dx demo's JSON edge) the order goes over REST, signed with",
        "--api-key and --secret (defaults demo-key, demo-secret), instruments named by --symbol.",
        "Exit code: 0 done, 1 refused (the report says why), 2 bad arguments, 3 gateway unreachable or silent."},
    subcommands = {
        OrderCommand.NewOrder.class,
        OrderCommand.Cancel.class,
        OrderCommand.Replace.class,
        OrderCommand.Status.class,
        OrderCommand.HashPassword.class})
public final class OrderCommand
{
    /**
     * Where and as whom.
     */
    static final class Connection
    {
        @Option(names = "--host", defaultValue = "127.0.0.1", description = "Gateway host (default ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--port", defaultValue = "31100",
            description = "Native SoupBinTCP port (default ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--user", defaultValue = "demo", description = "User (default ${DEFAULT-VALUE}).")
        String user;

        @Option(names = "--password", defaultValue = "${env:DX_PASSWORD:-demo}",
            description = "Password (default $DX_PASSWORD, else demo).")
        String password;

        @Option(names = "--account", defaultValue = "0",
            description = "Account; 0 for the user's first (default ${DEFAULT-VALUE}).")
        long account;

        @Option(names = "--timeout", paramLabel = "MILLIS", defaultValue = "5000",
            description = "How long to wait for the answer (default ${DEFAULT-VALUE}).")
        long timeoutMillis;

        @Option(names = "--rest", paramLabel = "URL",
            description = "Send over the JSON edge's REST API at this URL instead of the binary gateway.")
        String restUrl;

        @Option(names = "--api-key", defaultValue = "demo-key",
            description = "REST: API key (default ${DEFAULT-VALUE}).")
        String apiKey;

        @Option(names = "--secret", defaultValue = "${env:DX_API_SECRET:-demo-secret}",
            description = "REST: the key's HMAC-SHA256 secret (default $DX_API_SECRET, else demo-secret).")
        String secret;

        @Option(names = "--symbol", description = "REST: the instrument's symbol, e.g. DX1.")
        String symbol;

        InetSocketAddress address()
        {
            return new InetSocketAddress(host, port);
        }

        boolean rest()
        {
            return restUrl != null;
        }

        /**
         * @param out where a missing {@code --symbol} is reported.
         * @return the REST parameters every endpoint takes: symbol and, when given, account; {@code null} without
         * a symbol.
         */
        Map<String, String> restParams(final PrintWriter out)
        {
            if (symbol == null)
            {
                out.println("dx order: --rest needs --symbol");
                return null;
            }
            final Map<String, String> params = new LinkedHashMap<>();
            params.put("symbol", symbol);
            if (account != 0)
            {
                params.put("account", Long.toString(account));
            }
            return params;
        }

        int sendRest(final PrintWriter out, final String method, final Map<String, String> params)
        {
            return new RestOrderClient(out, restUrl, apiKey, secret, timeoutMillis).send(method, params);
        }
    }

    /**
     * A request about a named order on a connected binary client.
     */
    @FunctionalInterface
    interface NamedRequest
    {
        void send(NativeClient client, long requestId);
    }

    /**
     * Cancel, replace and status: the named order's request over REST (method, extra parameters) or the binary
     * gateway.
     */
    static int named(final CommandSpec spec, final Connection connection, final Target target, final String method,
        final Map<String, String> extra, final NamedRequest binary)
    {
        final PrintWriter out = spec.commandLine().getOut();
        if (connection.rest())
        {
            final Map<String, String> params = connection.restParams(out);
            if (params == null)
            {
                return 2;
            }
            if (target.orderId != 0)
            {
                params.put("orderId", Long.toString(target.orderId));
            }
            else
            {
                params.put("origClientOrderId", target.clientOrderId);
            }
            params.putAll(extra);
            return connection.sendRest(out, method, params);
        }
        final long request = requestId();
        return new OrderClientSession(out).run(connection.address(), connection.user, connection.password,
            target.clientOrderIdValue(), target.orderId, request, 0, connection.timeoutMillis,
            client -> binary.send(client, request));
    }

    /**
     * Cancel, replace and status: a command about one named order, over either connection.
     */
    abstract static class NamedOrderCommand implements Callable<Integer>
    {
        @Spec
        CommandSpec spec;

        @Mixin
        Connection connection;

        @ArgGroup(multiplicity = "1")
        Target target;
    }

    /**
     * The order a cancel, replace or status names.
     */
    static final class Target
    {
        @Option(names = "--order-id", required = true, description = "The venue's order id.")
        long orderId;

        @Option(names = "--id", required = true, description = "The client order id it was entered with.")
        String clientOrderId;

        long clientOrderIdValue()
        {
            return clientOrderId == null ? 0 : ClientOrderIds.encode(clientOrderId);
        }
    }

    private static final String[] STP_NAMES = {"EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH", "NONE"};

    private static long requestId()
    {
        return 1 + ThreadLocalRandom.current().nextLong(Long.MAX_VALUE - 1);
    }

    private static BigDecimal decimal(final String text, final String what)
    {
        try
        {
            final BigDecimal value = new BigDecimal(text);
            value.unscaledValue().longValueExact();
            if (value.scale() > Byte.MAX_VALUE || value.scale() < Byte.MIN_VALUE)
            {
                throw new ArithmeticException("exponent out of range");
            }
            return value;
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            throw new IllegalArgumentException(what + " must be a decimal such as 101.25, was " + text);
        }
    }

    /**
     * {@code dx order new}.
     */
    @Command(name = "new", mixinStandardHelpOptions = true, description = "Enters an order.")
    static final class NewOrder implements Callable<Integer>
    {
        @Spec
        CommandSpec spec;

        @Mixin
        Connection connection;

        @Option(names = "--instrument", description = "Instrument id (binary gateway).")
        int instrument;

        @Option(names = "--side", required = true, description = "${COMPLETION-CANDIDATES}.")
        Side side;

        @Option(names = "--type", defaultValue = "LIMIT", description = "LIMIT or MARKET (default ${DEFAULT-VALUE}).")
        OrderType type;

        @Option(names = "--tif", description = "GTC, DAY, IOC or FOK (default GTC, IOC for market orders).")
        TimeInForce timeInForce;

        @Option(names = "--price", description = "Limit price (none for a market order).")
        String price;

        @Option(names = "--quantity", required = true, description = "Quantity.")
        String quantity;

        @Option(names = "--post-only", description = "Never take liquidity.")
        boolean postOnly;

        @Option(names = "--stp", defaultValue = "CANCEL_NEWEST",
            description = "Self-trade prevention: CANCEL_NEWEST, CANCEL_OLDEST, CANCEL_BOTH, NONE (default " +
                "${DEFAULT-VALUE}).")
        SelfTradePrevention selfTradePrevention;

        @Option(names = "--id", description = "Client order id: up to 10 letters and digits, or 11 to 18 digits " +
            "(default: one made from the time of day).")
        String clientOrderId;

        @Option(names = "--follow", paramLabel = "MILLIS", defaultValue = "1000",
            description = "After the acceptance, print fills for this long (default ${DEFAULT-VALUE}).")
        long followMillis;

        @Override
        public Integer call()
        {
            final PrintWriter out = spec.commandLine().getOut();
            final String text = clientOrderId != null ? clientOrderId :
                Long.toString(LocalTime.now().toNanoOfDay() / 1_000, 36).toUpperCase(Locale.ROOT);
            final long id = ClientOrderIds.encode(text);
            if (id == ClientOrderIds.INVALID || (type == OrderType.LIMIT && price == null))
            {
                out.println(id == ClientOrderIds.INVALID ? "dx order: --id must be 1 to 10 letters and digits or " +
                    "11 to 18 digits, was " + text : "dx order: a limit order needs --price");
                return 2;
            }
            final BigDecimal px;
            final BigDecimal qty;
            try
            {
                px = price == null ? BigDecimal.ZERO : decimal(price, "--price");
                qty = decimal(quantity, "--quantity");
            }
            catch (final IllegalArgumentException ex)
            {
                out.println("dx order: " + ex.getMessage());
                return 2;
            }
            final TimeInForce tif = timeInForce != null ? timeInForce :
                type == OrderType.MARKET ? TimeInForce.IOC : TimeInForce.GTC;
            if (connection.rest())
            {
                return rest(out, text, tif);
            }
            if (instrument <= 0)
            {
                out.println("dx order: --instrument is required");
                return 2;
            }
            out.println("dx order: client order id " + text);
            return new OrderClientSession(out).run(connection.address(), connection.user, connection.password, id, 0,
                0, followMillis, connection.timeoutMillis, client -> client.newOrder(id, connection.account,
                    instrument, side, type, tif, postOnly, selfTradePrevention, px.unscaledValue().longValueExact(),
                    -px.scale(), qty.unscaledValue().longValueExact(), -qty.scale()));
        }

        private int rest(final PrintWriter out, final String text, final TimeInForce tif)
        {
            final Map<String, String> params = connection.restParams(out);
            if (params == null)
            {
                return 2;
            }
            params.put("side", side.name());
            params.put("type", type == OrderType.LIMIT && postOnly ? "LIMIT_MAKER" : type.name());
            if (type == OrderType.LIMIT && !postOnly)
            {
                params.put("timeInForce", tif.name());
            }
            params.put("quantity", quantity);
            if (price != null && type == OrderType.LIMIT)
            {
                params.put("price", price);
            }
            params.put("newClientOrderId", text);
            params.put("selfTradePreventionMode", STP_NAMES[selfTradePrevention.value()]);
            return connection.sendRest(out, "POST", params);
        }
    }

    /**
     * {@code dx order cancel}.
     */
    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancels an order.")
    static final class Cancel extends NamedOrderCommand
    {
        @Override
        public Integer call()
        {
            return named(spec, connection, target, "DELETE", Map.of(), (client, request) ->
                client.cancel(request, connection.account, target.orderId, target.clientOrderIdValue()));
        }
    }

    /**
     * {@code dx order replace}.
     */
    @Command(name = "replace", mixinStandardHelpOptions = true,
        description = "Replaces an order's price and open quantity.")
    static final class Replace extends NamedOrderCommand
    {
        @Option(names = "--price", required = true, description = "New price.")
        String price;

        @Option(names = "--quantity", required = true, description = "New open quantity.")
        String quantity;

        @Override
        public Integer call()
        {
            final PrintWriter out = spec.commandLine().getOut();
            final BigDecimal px;
            final BigDecimal qty;
            try
            {
                px = decimal(price, "--price");
                qty = decimal(quantity, "--quantity");
            }
            catch (final IllegalArgumentException ex)
            {
                out.println("dx order: " + ex.getMessage());
                return 2;
            }
            return named(spec, connection, target, "PUT", Map.of("price", price, "quantity", quantity),
                (client, request) -> client.replace(request, connection.account, target.orderId,
                    target.clientOrderIdValue(), px.unscaledValue().longValueExact(), -px.scale(),
                    qty.unscaledValue().longValueExact(), -qty.scale()));
        }
    }

    /**
     * {@code dx order status}.
     */
    @Command(name = "status", mixinStandardHelpOptions = true,
        description = "Prints the gateway's view of a live order.")
    static final class Status extends NamedOrderCommand
    {
        @Override
        public Integer call()
        {
            return named(spec, connection, target, "GET", Map.of(), (client, request) ->
                client.status(request, connection.account, target.orderId, target.clientOrderIdValue()));
        }
    }

    /**
     * {@code dx order hash-password}.
     */
    @Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = "Prints a PBKDF2 hash of a password for the gateways.users[].password-hash key.")
    static final class HashPassword implements Callable<Integer>
    {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "PASSWORD", description = "The password.")
        String password;

        @Option(names = "--iterations", defaultValue = "60000", description = "PBKDF2 iterations (default " +
            "${DEFAULT-VALUE}).")
        int iterations;

        @Override
        public Integer call()
        {
            spec.commandLine().getOut().println(PasswordHash.create(password, iterations, new SecureRandom()));
            return 0;
        }
    }
}
