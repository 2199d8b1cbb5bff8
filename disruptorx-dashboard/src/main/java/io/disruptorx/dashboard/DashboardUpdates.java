package io.disruptorx.dashboard;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Builds the dashboard's updates, one compact JSON object per view at most every {@link #MIN_INTERVAL_NANOS}, and
 * only when something the view shows has changed: the instrument's book levels and its one-second candles from the
 * newest one the view has (when its version moved), its new trades on the tape, the list of instruments, the feed's
 * state, and the metrics, read from the registry at most every {@link #METRICS_INTERVAL_NANOS} and shared by every
 * view. The format is in docs/dashboard.md. Used by one
 * thread (the dashboard's timer); it reads what the market data subscriber and the registry publish and writes
 * nothing back.
 */
public final class DashboardUpdates
{
    /** Shortest time between two updates of one view: at most ten per second. */
    public static final long MIN_INTERVAL_NANOS = 100_000_000L;
    /** How often the metrics are read. */
    public static final long METRICS_INTERVAL_NANOS = 1_000_000_000L;
    /** Ticks over which a reading of the metrics registry is spread (one part each), then one more builds it. */
    static final int READ_PARTS = 8;
    /** Metrics older than this (no page was open meanwhile) are read whole at the next tick. */
    private static final long STALE_NANOS = 2 * METRICS_INTERVAL_NANOS;

    private static final int TAPE_BATCH = 50;

    private final MarketView market;
    private final Supplier<MetricsReading> metrics;
    private final MetricsParts parts;
    private final LongSupplier epochMillis;
    private final MetricsSection section = new MetricsSection();
    private final TickTimes times;
    private final InstrumentView.BookCopy book = new InstrumentView.BookCopy();
    private MetricsReading pending;
    private int nextPart;
    private String metricsJson;
    private long metricsVersion;
    private long metricsReadNanos;

    /**
     * @param market      the market as the feed subscriber sees it.
     * @param metrics     reads the metrics registry.
     * @param epochMillis wall clock for the updates' time stamps.
     */
    DashboardUpdates(final MarketView market, final Supplier<MetricsReading> metrics, final LongSupplier epochMillis)
    {
        this(market, metrics, epochMillis, new TickTimes());
    }

    /**
     * @param market      the market as the feed subscriber sees it.
     * @param metrics     reads the metrics registry.
     * @param epochMillis wall clock for the updates' time stamps.
     * @param times       where each metrics reading's CPU time is counted.
     */
    DashboardUpdates(final MarketView market, final Supplier<MetricsReading> metrics, final LongSupplier epochMillis,
        final TickTimes times)
    {
        this.market = market;
        this.metrics = metrics;
        this.parts = null;
        this.epochMillis = epochMillis;
        this.times = times;
    }

    /**
     * Updates whose metrics reading is spread over ticks: each of {@link #READ_PARTS} ticks reads one part of the
     * registry (a few of its series, a latency recorder at most: its window is drained and its percentiles computed
     * in the tick that reads it), and the next tick at least {@link #METRICS_INTERVAL_NANOS} after the previous
     * build builds the metrics from those parts, so that no tick does the whole reading and every tick keeps its
     * thread on a CPU for a short time. Each series is still read once a second, and the rates are per second of
     * each family's own reading times. The first tick, and the first after metrics went stale (no page open for
     * a while), reads the whole registry at once, so that a page that opens gets the metrics in its first update.
     *
     * @param market      the market as the feed subscriber sees it.
     * @param parts       reads one part of the metrics registry.
     * @param epochMillis wall clock for the updates' time stamps.
     * @param times       where each part's and each build's CPU time is counted.
     */
    DashboardUpdates(final MarketView market, final MetricsParts parts, final LongSupplier epochMillis,
        final TickTimes times)
    {
        this.market = market;
        this.metrics = null;
        this.parts = parts;
        this.epochMillis = epochMillis;
        this.times = times;
    }

    /**
     * Reads one part of the metrics registry.
     */
    @FunctionalInterface
    interface MetricsParts
    {
        /**
         * @param into     the reading to add the part to.
         * @param part     which part, from 0.
         * @param parts    how many parts.
         * @param nowNanos the tick's time, when the part is read.
         */
        void read(MetricsReading into, int part, int parts, long nowNanos);
    }

    /**
     * Reads the metrics when they are due; call once per timer tick, before {@link #update}.
     *
     * @param nowNanos monotonic time.
     */
    public void tick(final long nowNanos)
    {
        if (parts != null)
        {
            tickInParts(nowNanos);
        }
        else if (metricsJson == null || nowNanos - metricsReadNanos >= METRICS_INTERVAL_NANOS)
        {
            final long started = TickTimes.now();
            metricsJson = section.build(metrics.get(), nowNanos);
            metricsVersion++;
            metricsReadNanos = nowNanos;
            times.read(TickTimes.now() - started);
        }
    }

    private void tickInParts(final long nowNanos)
    {
        final long started = TickTimes.now();
        if (metricsJson == null || nowNanos - metricsReadNanos >= STALE_NANOS)
        {
            final MetricsReading whole = new MetricsReading();
            for (int part = 0; part < READ_PARTS; part++)
            {
                parts.read(whole, part, READ_PARTS, nowNanos);
            }
            build(whole, nowNanos);
        }
        else if (nextPart < READ_PARTS)
        {
            if (pending == null)
            {
                pending = new MetricsReading();
            }
            parts.read(pending, nextPart++, READ_PARTS, nowNanos);
        }
        else if (nowNanos - metricsReadNanos >= METRICS_INTERVAL_NANOS - MIN_INTERVAL_NANOS / 2)
        {
            build(pending, nowNanos);
        }
        else
        {
            return;
        }
        times.read(TickTimes.now() - started);
    }

    private void build(final MetricsReading reading, final long nowNanos)
    {
        metricsJson = section.build(reading, nowNanos);
        metricsVersion++;
        metricsReadNanos = nowNanos;
        pending = null;
        nextPart = 0;
    }

    /**
     * @param view     a page.
     * @param nowNanos monotonic time.
     * @return its update, or null when it had one less than {@link #MIN_INTERVAL_NANOS} ago or nothing changed.
     */
    public String update(final DashboardView view, final long nowNanos)
    {
        if (!view.due(nowNanos))
        {
            return null;
        }
        final InstrumentView[] instruments = market.instruments();
        final InstrumentView instrument = chosen(view.requestedInstrument(), instruments);
        final StringBuilder out = new StringBuilder(512)
            .append("{\"t\":\"u\",\"time\":").append(epochMillis.getAsLong());
        final int before = out.length();
        final String feed = feedStatus();
        if (!feed.equals(view.feedStatus))
        {
            out.append(",\"feed\":").append(feed);
            view.feedStatus = feed;
        }
        if (instruments.length != view.instrumentCount)
        {
            out.append(",\"instruments\":[");
            for (int i = 0; i < instruments.length; i++)
            {
                out.append(i == 0 ? "" : ",").append(instruments[i].instrumentId());
            }
            out.append(']');
            view.instrumentCount = instruments.length;
        }
        if (instrument != null)
        {
            book(out, view, instrument);
        }
        if (metricsJson != null && view.metricsVersion != metricsVersion)
        {
            out.append(",\"m\":").append(metricsJson);
            view.metricsVersion = metricsVersion;
        }
        if (out.length() == before && view.sentOnce)
        {
            return null;
        }
        view.sentOnce = true;
        view.lastSentNanos = nowNanos;
        return out.append('}').toString();
    }

    private String feedStatus()
    {
        return market.isConnected() ?
            "{\"connected\":true,\"state\":\"" + market.state() + "\",\"seq\":" + market.sequence() + "}" :
            "{\"connected\":false}";
    }

    private void book(final StringBuilder out, final DashboardView view, final InstrumentView instrument)
    {
        final boolean switched = instrument.instrumentId() != view.shownInstrument;
        if (switched)
        {
            view.shownInstrument = instrument.instrumentId();
            view.bookVersion = -1;
            view.tapePosition = 0;
        }
        final long version = instrument.read(book);
        if (version != view.bookVersion)
        {
            out.append(",\"book\":{\"i\":").append(book.instrumentId())
                .append(",\"halted\":").append(book.halted())
                .append(",\"last\":").append(book.lastPrice())
                .append(",\"volume\":").append(book.volume())
                .append(",\"trades\":").append(book.trades());
            side(out, "bids", 0);
            side(out, "asks", 1);
            out.append('}');
            candles(out, view, switched);
            view.bookVersion = version;
        }
        final int start = out.length();
        out.append(",\"tape\":{\"i\":").append(instrument.instrumentId()).append(",\"reset\":").append(switched)
            .append(",\"trades\":[");
        final int first = out.length();
        view.tapePosition = market.tape().read(view.tapePosition, instrument.instrumentId(), TAPE_BATCH,
            (tradeId, timestamp, instrumentId, price, quantity, aggressorSide) ->
                out.append(out.length() == first ? "" : ",").append('[').append(tradeId).append(',')
                    .append(timestamp / 1_000_000L).append(',').append(price).append(',').append(quantity)
                    .append(aggressorSide == 0 ? ",\"B\"]" : ",\"S\"]"));
        if (out.length() == first && !switched)
        {
            out.setLength(start);
        }
        else
        {
            out.append("]}");
        }
    }

    private void candles(final StringBuilder out, final DashboardView view, final boolean switched)
    {
        final Candles candles = book.candles();
        if (candles.latest() == Candles.NONE || !switched && candles.latest() < view.candleSecond)
        {
            return;
        }
        out.append(",\"candles\":{\"i\":").append(book.instrumentId()).append(",\"reset\":").append(switched)
            .append(",\"c\":[");
        final int first = out.length();
        candles.forEachFrom(switched ? Candles.NONE : view.candleSecond, (second, open, high, low, close, volume) ->
            out.append(out.length() == first ? "[" : ",[").append(second).append(',').append(open).append(',')
                .append(high).append(',').append(low).append(',').append(close).append(',').append(volume)
                .append(']'));
        out.append("]}");
        view.candleSecond = candles.latest();
    }

    private void side(final StringBuilder out, final String name, final int side)
    {
        out.append(",\"").append(name).append("\":[");
        for (int level = 0; level < book.levels(side); level++)
        {
            out.append(level == 0 ? "[" : ",[").append(book.price(side, level)).append(',')
                .append(book.quantity(side, level)).append(',').append(book.orders(side, level)).append(']');
        }
        out.append(']');
    }

    private static InstrumentView chosen(final int requested, final InstrumentView[] instruments)
    {
        for (final InstrumentView instrument : instruments)
        {
            if (instrument.instrumentId() == requested)
            {
                return instrument;
            }
        }
        return instruments.length == 0 ? null : instruments[0];
    }
}
