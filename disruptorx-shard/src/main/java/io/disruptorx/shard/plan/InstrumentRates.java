package io.disruptorx.shard.plan;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Commands per instrument as the shards count them: each shard host serves, in its Prometheus {@code /metrics},
 * {@value #COUNTER}{@code {instrument="ID"}} (a counter per instrument id) and {@value #LIMIT} (present even before
 * anything was counted); so does each member of a cluster shard ({@code dx cluster-node --http}), any one of them
 * serving as the shard's page. A page of several shards in one process ({@code dx demo --shards N}) labels each series
 * with its {@code shard}. {@link #read} takes one reading of a page, {@link #rates} turns two readings of every shard
 * into commands per second per instrument, the loads {@link ShardPlanner} plans with.
 *
 * <p>Runs in {@code dx shard plan}, outside the engines: it allocates.
 */
public final class InstrumentRates
{
    /** The counter family, as exposed. */
    public static final String COUNTER = "dx_instrument_commands_total";
    /** The gauge every page with the counters carries. */
    public static final String LIMIT = "dx_instrument_commands_limit";

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Requests of a page that timed out before one is given up: a node serves its pages at background priority. */
    private static final int ATTEMPTS = 3;
    private static final double NANOS_PER_SECOND = 1e9;

    private InstrumentRates()
    {
    }

    /**
     * What a reading or a rate computation found wrong, said so that an operator can act on it.
     */
    public static final class MetricsException extends Exception
    {
        private static final long serialVersionUID = 1L;

        /**
         * @param message what is wrong and where.
         */
        public MetricsException(final String message)
        {
            super(message);
        }
    }

    /**
     * One reading of one page.
     *
     * @param counts commands counted so far, per shard name, per instrument id.
     * @param nanos  when the page arrived ({@link System#nanoTime()}).
     */
    public record Reading(Map<String, TreeMap<Integer, Long>> counts, long nanos)
    {
    }

    /**
     * Commands per second per instrument over the window between two readings.
     *
     * @param rates   per instrument id, commands per second (rounded), of every instrument a shard counted.
     * @param shardOf per instrument id counted in the window, the shard that counted it.
     * @param seconds the window, the shortest of the shards'.
     */
    public record Rates(TreeMap<Integer, Long> rates, TreeMap<Integer, String> shardOf, double seconds)
    {
    }

    /**
     * GETs a page and reads its counters.
     *
     * @param http         the client.
     * @param url          the page ({@code http://HOST:PORT/metrics}).
     * @param defaultShard the shard a series without a {@code shard} label belongs to.
     * @return the reading.
     * @throws MetricsException when the page cannot be fetched or carries no counters.
     * @throws InterruptedException when interrupted while waiting for it.
     */
    public static Reading read(final HttpClient http, final URI url, final String defaultShard)
        throws MetricsException, InterruptedException
    {
        HttpResponse<String> response = null;
        for (int attempt = 1; response == null; attempt++)
        {
            try
            {
                response = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            }
            catch (final HttpTimeoutException ex)
            {
                if (attempt == ATTEMPTS)
                {
                    throw new MetricsException("cannot read " + url + ": no answer in " + ATTEMPTS + " requests of " +
                        TIMEOUT.toSeconds() + " s each (the node serves its pages at background priority: is its " +
                        "machine saturated?)");
                }
            }
            catch (final IOException | IllegalArgumentException ex)
            {
                throw new MetricsException("cannot read " + url + ": " + ex + " (is the shard host running with " +
                    "--http?)");
            }
        }
        final long nanos = System.nanoTime();
        if (response.statusCode() != 200)
        {
            throw new MetricsException(url + " answered HTTP " + response.statusCode());
        }
        return new Reading(parse(response.body(), defaultShard, url.toString()), nanos);
    }

    /**
     * Reads the counters of a page in the Prometheus text format.
     *
     * @param page         the page.
     * @param defaultShard the shard a series without a {@code shard} label belongs to, or null if every series must
     *                     name one.
     * @param where        the page's address, for errors.
     * @return per shard, per instrument id, the count; a shard whose page has the limit but no count yet maps to an
     * empty map.
     * @throws MetricsException when the page carries neither family, or a series is malformed.
     */
    public static Map<String, TreeMap<Integer, Long>> parse(final String page, final String defaultShard,
        final String where) throws MetricsException
    {
        final Map<String, TreeMap<Integer, Long>> counts = new TreeMap<>();
        for (final String line : page.split("\n"))
        {
            final boolean counter = isSample(line, COUNTER);
            if (!counter && !isSample(line, LIMIT))
            {
                continue;
            }
            final String family = counter ? COUNTER : LIMIT;
            final Map<String, String> labels = labels(line, family, where);
            final String shard = labels.getOrDefault("shard", defaultShard);
            if (shard == null)
            {
                throw new MetricsException(where + ": a series names no shard and the page's shard is not known: " +
                    line);
            }
            final TreeMap<Integer, Long> ofShard = counts.computeIfAbsent(shard, s -> new TreeMap<>());
            if (counter)
            {
                final String instrument = labels.get("instrument");
                try
                {
                    final int id = Integer.parseInt(instrument == null ? "" : instrument);
                    final double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
                    ofShard.merge(id, (long)value, Long::sum);
                }
                catch (final NumberFormatException ex)
                {
                    throw new MetricsException(where + ": malformed " + COUNTER + " series: " + line);
                }
            }
        }
        if (counts.isEmpty())
        {
            throw new MetricsException(where + " carries neither " + COUNTER + " nor " + LIMIT +
                ": not a shard host's /metrics (dx shard-host --http, dx cluster-node --http, dx demo --shards N), " +
                "or one built before them");
        }
        return counts;
    }

    /**
     * Commands per second per instrument between two readings of each page.
     *
     * @param first  the first readings, one per page.
     * @param second the second readings, of the same pages in the same order.
     * @return the rates.
     * @throws MetricsException when an instrument's commands were counted on two shards in the window (it moved
     * meanwhile: read again), or a page lost a shard.
     */
    public static Rates rates(final Reading[] first, final Reading[] second) throws MetricsException
    {
        final TreeMap<Integer, Long> rates = new TreeMap<>();
        final TreeMap<Integer, String> shardOf = new TreeMap<>();
        double shortest = Double.MAX_VALUE;
        for (int page = 0; page < first.length; page++)
        {
            final double seconds = (second[page].nanos() - first[page].nanos()) / NANOS_PER_SECOND;
            shortest = Math.min(shortest, seconds);
            for (final Map.Entry<String, TreeMap<Integer, Long>> shard : second[page].counts().entrySet())
            {
                final Map<Integer, Long> before = first[page].counts().get(shard.getKey());
                if (before == null)
                {
                    throw new MetricsException("shard " + shard.getKey() + " appeared between the two readings");
                }
                for (final Map.Entry<Integer, Long> count : shard.getValue().entrySet())
                {
                    final int id = count.getKey();
                    final long earlier = before.getOrDefault(id, 0L);
                    // a counter that went down was reset (the host restarted): all of it is new
                    final long delta = count.getValue() >= earlier ? count.getValue() - earlier : count.getValue();
                    if (delta == 0)
                    {
                        rates.putIfAbsent(id, 0L);
                        continue;
                    }
                    final String other = shardOf.put(id, shard.getKey());
                    if (other != null)
                    {
                        throw new MetricsException("instrument " + id + " was counted on " + other + " and on " +
                            shard.getKey() + " in the same window: it moved meanwhile, or two shards hold it; " +
                            "read again once no move runs");
                    }
                    rates.put(id, Math.round(delta / seconds));
                }
            }
        }
        return new Rates(rates, shardOf, first.length == 0 ? 0 : shortest);
    }

    private static boolean isSample(final String line, final String family)
    {
        return line.startsWith(family) && line.length() > family.length() &&
            (line.charAt(family.length()) == '{' || line.charAt(family.length()) == ' ');
    }

    private static Map<String, String> labels(final String line, final String family, final String where)
        throws MetricsException
    {
        final Map<String, String> labels = new TreeMap<>();
        if (line.charAt(family.length()) != '{')
        {
            return labels;
        }
        final int end = line.indexOf('}', family.length());
        if (end < 0)
        {
            throw new MetricsException(where + ": malformed series: " + line);
        }
        for (final String pair : line.substring(family.length() + 1, end).split(","))
        {
            final int equals = pair.indexOf('=');
            if (equals > 0 && pair.length() >= equals + 3 && pair.charAt(equals + 1) == '"' &&
                pair.endsWith("\""))
            {
                labels.put(pair.substring(0, equals).trim(), pair.substring(equals + 2, pair.length() - 1));
            }
        }
        return labels;
    }
}
