package io.disruptorx.node.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;

/**
 * Reads the text command format: one command per line, a verb then {@code key=value} fields in any order;
 * blank lines and lines starting with {@code #} are skipped. The whole file is parsed before anything is
 * applied, so a malformed line stops the run with nothing applied. The format is in the README.
 *
 * <p>A UTF-8 byte-order mark at the start of the file is skipped. Bytes that are not UTF-8, and control characters
 * other than tab, make the line malformed (a binary file is not a command file).
 */
public final class CommandFileParser
{
    private static final Map<String, Set<String>> REQUIRED = Map.ofEntries(
        Map.entry("ADD_INSTRUMENT", Set.of("ts", "instrument", "base", "quote", "tick", "lot", "ref")),
        Map.entry("ADJUST_BALANCE", Set.of("ts", "account", "asset", "amount")),
        Map.entry("SET_RISK_LIMITS", Set.of("ts", "account", "maxQty", "maxNotional")),
        Map.entry("HALT", Set.of("ts", "instrument")),
        Map.entry("RESUME", Set.of("ts", "instrument")),
        Map.entry("END_OF_DAY", Set.of("ts")),
        Map.entry("SNAPSHOT", Set.of("ts", "id")),
        Map.entry("NEW", Set.of("ts", "account", "clientOrderId", "instrument", "side", "qty")),
        Map.entry("CANCEL", Set.of("ts", "account")),
        Map.entry("REPLACE", Set.of("ts", "account", "price", "qty")),
        Map.entry("MASS_CANCEL", Set.of("ts")));

    private static final Map<String, Set<String>> OPTIONAL = Map.ofEntries(
        Map.entry("ADD_INSTRUMENT",
            Set.of("priceScale", "qtyScale", "makerFee", "takerFee", "band", "protection")),
        Map.entry("ADJUST_BALANCE", Set.of()),
        Map.entry("SET_RISK_LIMITS", Set.of("kill")),
        Map.entry("HALT", Set.of()),
        Map.entry("RESUME", Set.of()),
        Map.entry("END_OF_DAY", Set.of("instrument")),
        Map.entry("SNAPSHOT", Set.of()),
        Map.entry("NEW", Set.of("type", "tif", "postOnly", "stp", "price")),
        Map.entry("CANCEL", Set.of("order", "clientOrderId", "request")),
        Map.entry("REPLACE", Set.of("order", "clientOrderId", "request")),
        Map.entry("MASS_CANCEL", Set.of("account", "instrument", "request")));

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private CommandFileParser()
    {
    }

    /**
     * @param reader the command file.
     * @return the commands, in file order.
     * @throws CommandLineError on the first malformed line.
     * @throws IOException      when reading fails.
     */
    public static List<TextCommand> parse(final BufferedReader reader) throws CommandLineError, IOException
    {
        final List<TextCommand> commands = new ArrayList<>();
        int lineNumber = 0;
        String line;
        while ((line = readLine(reader, lineNumber + 1)) != null)
        {
            lineNumber++;
            if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK)
            {
                line = line.substring(1);
            }
            checkText(lineNumber, line);
            final String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#"))
            {
                continue;
            }
            commands.add(parseLine(lineNumber, trimmed));
        }
        return commands;
    }

    private static String readLine(final BufferedReader reader, final int lineNumber)
        throws CommandLineError, IOException
    {
        try
        {
            return reader.readLine();
        }
        catch (final CharacterCodingException ex)
        {
            throw new CommandLineError(
                lineNumber, "bytes that are not UTF-8 text, at or after this line (is this a binary file?)");
        }
    }

    private static void checkText(final int lineNumber, final String line) throws CommandLineError
    {
        for (int i = 0; i < line.length(); i++)
        {
            final char c = line.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F)
            {
                throw new CommandLineError(lineNumber, String.format(
                    "control character U+%04X at column %d (is this a binary file?)", (int)c, i + 1));
            }
        }
    }

    /**
     * @param lineNumber 1-based line number, for errors.
     * @param line       one non-blank, non-comment line.
     * @return the command.
     * @throws CommandLineError when the line is malformed.
     */
    public static TextCommand parseLine(final int lineNumber, final String line) throws CommandLineError
    {
        final String[] tokens = line.split("\\s+");
        final String verb = tokens[0].toUpperCase(Locale.ROOT);
        final Set<String> required = REQUIRED.get(verb);
        if (required == null)
        {
            throw new CommandLineError(lineNumber, "unknown command '" + tokens[0] + "' (expected one of " +
                String.join(", ", REQUIRED.keySet().stream().sorted().toList()) + ")");
        }
        final Fields f = new Fields(lineNumber, verb);
        for (int i = 1; i < tokens.length; i++)
        {
            final int eq = tokens[i].indexOf('=');
            if (eq <= 0 || eq == tokens[i].length() - 1)
            {
                throw new CommandLineError(lineNumber, "expected key=value, found '" + tokens[i] + "'");
            }
            final String key = tokens[i].substring(0, eq);
            if (!required.contains(key) && !OPTIONAL.get(verb).contains(key))
            {
                throw new CommandLineError(lineNumber, "unknown field '" + key + "' for " + verb + " (allowed: " +
                    String.join(", ", sortedUnion(required, OPTIONAL.get(verb))) + ")");
            }
            if (f.values.put(key, tokens[i].substring(eq + 1)) != null)
            {
                throw new CommandLineError(lineNumber, "field '" + key + "' given twice");
            }
        }
        for (final String key : sortedUnion(required, Set.of()))
        {
            if (!f.values.containsKey(key))
            {
                throw new CommandLineError(lineNumber, verb + " needs field '" + key + "'");
            }
        }
        return build(verb, f);
    }

    private static TextCommand build(final String verb, final Fields f) throws CommandLineError
    {
        final long ts = f.longValue("ts", 0);
        switch (verb)
        {
            case "ADD_INSTRUMENT":
            {
                final int id = f.intValue("instrument", 0);
                final int base = f.intValue("base", 0);
                final int quote = f.intValue("quote", 0);
                final long tick = f.longValue("tick", 0);
                final long lot = f.longValue("lot", 0);
                final int priceScale = f.intValue("priceScale", 0);
                final int qtyScale = f.intValue("qtyScale", 0);
                final long makerFee = f.longValue("makerFee", 0);
                final long takerFee = f.longValue("takerFee", 0);
                final long ref = f.longValue("ref", 0);
                final int band = f.intValue("band", 0);
                final int protection = f.intValue("protection", 1000);
                return e -> e.addInstrument(
                    ts, id, base, quote, tick, lot, priceScale, qtyScale, makerFee, takerFee, ref, band, protection);
            }
            case "ADJUST_BALANCE":
            {
                final long account = f.longValue("account", 0);
                final int asset = f.intValue("asset", 0);
                final long amount = f.longValue("amount", 0);
                return e -> e.adjustBalance(ts, account, asset, amount);
            }
            case "SET_RISK_LIMITS":
            {
                final long account = f.longValue("account", 0);
                final long maxQty = f.longValue("maxQty", 0);
                final long maxNotional = f.longValue("maxNotional", 0);
                final boolean kill = f.booleanValue("kill", false);
                return e -> e.setRiskLimits(ts, account, maxQty, maxNotional, kill);
            }
            case "HALT":
            {
                final int id = f.intValue("instrument", 0);
                return e -> e.haltInstrument(ts, id);
            }
            case "RESUME":
            {
                final int id = f.intValue("instrument", 0);
                return e -> e.resumeInstrument(ts, id);
            }
            case "END_OF_DAY":
            {
                final int id = f.intValue("instrument", 0);
                return e -> e.endOfDay(ts, id);
            }
            case "SNAPSHOT":
            {
                final long id = f.longValue("id", 0);
                return e -> e.takeSnapshot(ts, id);
            }
            case "NEW":
                return buildNew(ts, f);
            case "CANCEL":
            {
                final long account = f.longValue("account", 0);
                final long order = f.orderName();
                final long clientOrderId = f.longValue("clientOrderId", 0);
                final long request = f.longValue("request", 0);
                return e -> e.cancelOrder(ts, account, request, order, clientOrderId);
            }
            case "REPLACE":
            {
                final long account = f.longValue("account", 0);
                final long order = f.orderName();
                final long clientOrderId = f.longValue("clientOrderId", 0);
                final long price = f.longValue("price", 0);
                final long qty = f.longValue("qty", 0);
                final long request = f.longValue("request", 0);
                return e -> e.replaceOrder(ts, account, request, order, price, qty, clientOrderId);
            }
            default:
            {
                final long account = f.longValue("account", 0);
                final int instrument = f.intValue("instrument", 0);
                final long request = f.longValue("request", 0);
                return e -> e.massCancel(ts, account, instrument, request);
            }
        }
    }

    private static TextCommand buildNew(final long ts, final Fields f) throws CommandLineError
    {
        final long account = f.longValue("account", 0);
        final long clientOrderId = f.longValue("clientOrderId", 0);
        final int instrument = f.intValue("instrument", 0);
        final Side side = f.enumValue("side", Side.class, null);
        final OrderType type = f.enumValue("type", OrderType.class, OrderType.LIMIT);
        final TimeInForce tif = f.enumValue("tif", TimeInForce.class, TimeInForce.GTC);
        final boolean postOnly = f.booleanValue("postOnly", false);
        final SelfTradePrevention stp =
            f.enumValue("stp", SelfTradePrevention.class, SelfTradePrevention.CANCEL_NEWEST);
        if (type == OrderType.LIMIT && !f.values.containsKey("price"))
        {
            throw new CommandLineError(f.lineNumber, "NEW with type=LIMIT needs field 'price'");
        }
        final long price = f.longValue("price", 0);
        final long qty = f.longValue("qty", 0);
        return e -> e.newOrder(ts, account, clientOrderId, instrument, side, type, tif, postOnly, stp, price, qty);
    }

    private static List<String> sortedUnion(final Set<String> a, final Set<String> b)
    {
        final List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(null);
        return all;
    }

    private static final class Fields
    {
        final int lineNumber;
        final String verb;
        final Map<String, String> values = new HashMap<>();

        Fields(final int lineNumber, final String verb)
        {
            this.lineNumber = lineNumber;
            this.verb = verb;
        }

        /**
         * @return the {@code order} field, or 0 when the order is named by {@code clientOrderId}: exactly one of
         * the two must be there.
         */
        long orderName() throws CommandLineError
        {
            final boolean byOrderId = values.containsKey("order");
            if (byOrderId == values.containsKey("clientOrderId"))
            {
                throw new CommandLineError(lineNumber, verb + (byOrderId ?
                    " names the order twice: give 'order' or 'clientOrderId', not both" :
                    " needs field 'order' (the engine's order id) or 'clientOrderId' (the account's own id)"));
            }
            return longValue("order", 0);
        }

        long longValue(final String key, final long defaultValue) throws CommandLineError
        {
            final String value = values.get(key);
            if (value == null)
            {
                return defaultValue;
            }
            try
            {
                return Long.parseLong(value.replace("_", ""));
            }
            catch (final NumberFormatException ex)
            {
                throw new CommandLineError(lineNumber,
                    "field '" + key + "' of " + verb + " must be a whole number, found '" + value + "'");
            }
        }

        int intValue(final String key, final int defaultValue) throws CommandLineError
        {
            final long value = longValue(key, defaultValue);
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)
            {
                throw new CommandLineError(lineNumber,
                    "field '" + key + "' of " + verb + " must fit in 32 bits, found " + value);
            }
            return (int)value;
        }

        boolean booleanValue(final String key, final boolean defaultValue) throws CommandLineError
        {
            final String value = values.get(key);
            if (value == null)
            {
                return defaultValue;
            }
            if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value))
            {
                return Boolean.parseBoolean(value);
            }
            throw new CommandLineError(lineNumber,
                "field '" + key + "' of " + verb + " must be true or false, found '" + value + "'");
        }

        <E extends Enum<E>> E enumValue(final String key, final Class<E> type, final E defaultValue)
            throws CommandLineError
        {
            final String value = values.get(key);
            if (value == null)
            {
                return defaultValue;
            }
            try
            {
                return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
            }
            catch (final IllegalArgumentException ex)
            {
                final List<String> names = new ArrayList<>();
                for (final E constant : type.getEnumConstants())
                {
                    names.add(constant.name());
                }
                throw new CommandLineError(lineNumber, "field '" + key + "' of " + verb + " must be one of " +
                    String.join(", ", names) + ", found '" + value + "'");
            }
        }
    }
}
