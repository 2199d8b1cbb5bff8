package io.disruptorx.shard.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.disruptorx.core.config.ConfigValidationException;
import io.disruptorx.shard.plan.InstrumentRates;
import io.disruptorx.shard.routing.RoutingTable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Where {@code dx shard status} and {@code dx shard plan} get each instrument's load (commands per second): a file
 * of {@code INSTRUMENT RATE} lines ({@code --loads}), or the running shards' Prometheus {@code /metrics}
 * ({@code --metrics URL}, once per page, or every shard's {@code metrics} of the gateway's config file,
 * {@code --gateway-config}: {@link GatewayShards}), each read twice {@code --window} seconds apart
 * ({@link InstrumentRates}).
 */
final class LoadSource
{
    @Option(names = "--loads", paramLabel = "FILE", description = "INSTRUMENT RATE lines (commands per second).")
    Path loads;

    @Option(names = "--metrics", paramLabel = "[SHARD=]URL", description = {"A shard's /metrics page (dx shard-host "
        + "--http; dx demo --shards N serves all its shards on one), once per page; without SHARD= the n-th page is",
        "the table's n-th shard unless its series carry a shard label. Each is read twice, --window apart."})
    List<String> metrics;

    @Option(names = "--gateway-config", paramLabel = "FILE", description = {"The dx shard-gateway config file: each",
        "shard's /metrics page from its shard-gateway.shards entry (metrics = URL), in the table's shard order."})
    Path gatewayConfig;

    @Option(names = "--window", defaultValue = "5", paramLabel = "SECONDS",
        description = "Seconds between the two readings of --metrics (default ${DEFAULT-VALUE}).")
    double window;

    /**
     * @return whether a load source was given (a file, pages, or the gateway's config naming pages).
     */
    boolean given()
    {
        return loads != null || metrics != null && !metrics.isEmpty() || gatewayConfig != null;
    }

    /**
     * @param spec     the command, for its streams.
     * @param table    the routing table the loads are for.
     * @param required whether a source must be given (else every instrument below the limit has load 0).
     * @return load per instrument id below the table's limit, -1 for one no source names, or null after reporting
     * what is wrong.
     * @throws IOException when the loads file cannot be read.
     */
    long[] rates(final CommandSpec spec, final RoutingTable table, final boolean required) throws IOException
    {
        final PrintWriter err = spec.commandLine().getErr();
        final boolean givenPages = metrics != null && !metrics.isEmpty();
        if (gatewayConfig != null && (givenPages || loads != null))
        {
            err.println("dx shard: give the shards' pages either in the gateway's config (--gateway-config) or as " +
                "--metrics, and no --loads with them");
            return null;
        }
        if (gatewayConfig != null)
        {
            metrics = pagesOf(err, table);
            if (metrics == null)
            {
                return null;
            }
        }
        final boolean fromMetrics = metrics != null && !metrics.isEmpty();
        if (loads != null && fromMetrics || required && loads == null && !fromMetrics)
        {
            err.println("dx shard: give the loads either as a file (--loads) or as the shards' pages (--metrics), " +
                "or the gateway's config file naming them (--gateway-config)");
            return null;
        }
        if (fromMetrics)
        {
            return fromMetrics(spec, table);
        }
        final long[] rates = new long[table.instrumentLimit()];
        return loads == null ? rates : fromFile(err, table, rates);
    }

    /**
     * @return {@code SHARD=URL} for each shard of the gateway's config file, or null after saying what is wrong.
     */
    private List<String> pagesOf(final PrintWriter err, final RoutingTable table)
    {
        final GatewayShards shards;
        try
        {
            shards = GatewayShards.read(gatewayConfig);
        }
        catch (final ConfigValidationException ex)
        {
            err.println("dx shard: " + ex.getMessage());
            return null;
        }
        if (shards == null || shards.shards().size() != table.shardCount())
        {
            err.println("dx shard: " + gatewayConfig + " must list " + table.shardCount() + " shards in " +
                GatewayShards.SECTION + ".shards, in the table's order " + table.shards() + "; it lists " +
                (shards == null ? 0 : shards.shards().size()));
            return null;
        }
        final List<String> pages = new ArrayList<>();
        for (int i = 0; i < table.shardCount(); i++)
        {
            final String url = shards.shards().get(i).metrics();
            if (url == null)
            {
                err.println("dx shard: " + gatewayConfig + " gives no metrics URL for " + table.shardName(i) + " (" +
                    GatewayShards.SECTION + ".shards[" + i + "].metrics)");
                return null;
            }
            pages.add(table.shardName(i) + "=" + url);
        }
        return pages;
    }

    private long[] fromFile(final PrintWriter err, final RoutingTable table, final long[] rates) throws IOException
    {
        Arrays.fill(rates, -1);
        int lineNumber = 0;
        for (final String line : Files.readAllLines(loads))
        {
            lineNumber++;
            final String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#"))
            {
                continue;
            }
            final String[] parts = trimmed.split("[,\\s]+");
            try
            {
                final int id = Integer.parseInt(parts[0]);
                final long rate = Long.parseLong(parts[1]);
                if (id < 1 || id >= rates.length || rate < 0)
                {
                    throw new NumberFormatException("out of range");
                }
                rates[id] = rate;
            }
            catch (final RuntimeException ex)
            {
                err.println("dx shard: " + loads + " line " + lineNumber +
                    ": expected 'INSTRUMENT RATE' with 1 <= INSTRUMENT < " + rates.length + ", got '" + line + "'");
                return null;
            }
        }
        return rates;
    }

    private long[] fromMetrics(final CommandSpec spec, final RoutingTable table)
    {
        final PrintWriter err = spec.commandLine().getErr();
        if (!(window > 0))
        {
            err.println("dx shard: --window must be a positive number of seconds, was " + window);
            return null;
        }
        final List<URI> urls = new ArrayList<>();
        final List<String> shards = new ArrayList<>();
        for (int i = 0; i < metrics.size(); i++)
        {
            final String source = metrics.get(i);
            final int equals = source.indexOf('=');
            final boolean named = equals > 0 && !source.substring(0, equals).contains("/");
            final String shard = named ? source.substring(0, equals) :
                i < table.shardCount() ? table.shardName(i) : null;
            if (shard != null && !table.shards().contains(shard))
            {
                err.println("dx shard: --metrics " + source + " names shard " + shard +
                    ", which the table does not have");
                return null;
            }
            try
            {
                urls.add(URI.create(named ? source.substring(equals + 1) : source));
            }
            catch (final IllegalArgumentException ex)
            {
                err.println("dx shard: --metrics " + source + " is not a URL: " + ex.getMessage());
                return null;
            }
            shards.add(shard);
        }
        final InstrumentRates.Rates measured;
        try
        {
            measured = measure(err, urls, shards);
        }
        catch (final InstrumentRates.MetricsException ex)
        {
            err.println("dx shard: " + ex.getMessage());
            return null;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            err.println("dx shard: interrupted while reading the shards' metrics");
            return null;
        }
        return check(err, table, measured);
    }

    private InstrumentRates.Rates measure(final PrintWriter err, final List<URI> urls, final List<String> shards)
        throws InstrumentRates.MetricsException, InterruptedException
    {
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final InstrumentRates.Reading[] first = new InstrumentRates.Reading[urls.size()];
        final InstrumentRates.Reading[] second = new InstrumentRates.Reading[urls.size()];
        err.println(String.format(Locale.ROOT, "dx shard: reading commands per instrument from %d page(s), twice, " +
            "%.1f s apart...", urls.size(), window));
        err.flush();
        for (int i = 0; i < first.length; i++)
        {
            first[i] = InstrumentRates.read(http, urls.get(i), shards.get(i));
        }
        TimeUnit.NANOSECONDS.sleep((long)(window * 1e9));
        for (int i = 0; i < second.length; i++)
        {
            second[i] = InstrumentRates.read(http, urls.get(i), shards.get(i));
        }
        final InstrumentRates.Rates rates = InstrumentRates.rates(first, second);
        err.println(String.format(Locale.ROOT, "dx shard: %d instruments counted, %d of them in the %.1f s window",
            rates.rates().size(), rates.shardOf().size(), rates.seconds()));
        err.flush();
        return rates;
    }

    /**
     * @return the rates as an array below the table's limit, or null when the pages disagree with the table.
     */
    private static long[] check(final PrintWriter err, final RoutingTable table, final InstrumentRates.Rates measured)
    {
        final long[] rates = new long[table.instrumentLimit()];
        Arrays.fill(rates, -1);
        for (final Map.Entry<Integer, Long> rate : measured.rates().entrySet())
        {
            final int id = rate.getKey();
            final String counted = measured.shardOf().get(id);
            if (counted != null && !table.shards().contains(counted))
            {
                err.println("dx shard: a page counts instrument " + id + " on shard " + counted +
                    ", which the table does not have");
                return null;
            }
            if (counted != null && !counted.equals(table.shardName(table.shardOf(id))))
            {
                err.println("dx shard: " + counted + " counted instrument " + id + " in the window but the table " +
                    "routes it to " + table.shardName(table.shardOf(id)) + ": give the gateway's current table");
                return null;
            }
            if (id >= rates.length)
            {
                err.println("dx shard: instrument " + id + " was counted but the table's ids end below " +
                    rates.length);
                return null;
            }
            if (id >= 1)
            {
                rates[id] = rate.getValue();
            }
        }
        return rates;
    }
}
