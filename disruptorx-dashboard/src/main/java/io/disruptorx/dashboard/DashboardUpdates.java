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

    private static final int TAPE_BATCH = 50;
    private static final int UPDATE_CAPACITY = 8192;
    private static final int FEED_CAPACITY = 96;

    private final MarketView market;
    private final Supplier<MetricsReading> metrics;
    private final LongSupplier epochMillis;
    private final MetricsSection section = new MetricsSection();
    private final TickTimes times;
    private final InstrumentView.BookCopy book = new InstrumentView.BookCopy();
    private final StringBuilder out = new StringBuilder(UPDATE_CAPACITY);
    private final StringBuilder feed = new StringBuilder(FEED_CAPACITY);
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
        this.epochMillis = epochMillis;
        this.times = times;
    }

    /**
     * Reads the metrics when they are due; call once per timer tick, before {@link #update}.
     *
     * @param nowNanos monotonic time.
     */
    public void tick(final long nowNanos)
    {
        if (metricsJson == null || nowNanos - metricsReadNanos >= METRICS_INTERVAL_NANOS)
        {
            final long started = TickTimes.now();
            metricsJson = section.build(metrics.get(), nowNanos);
            metricsVersion++;
            metricsReadNanos = nowNanos;
            times.read(TickTimes.now() - started);
        }
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
        out.setLength(0);
        out.append("{\"t\":\"u\",\"time\":").append(epochMillis.getAsLong());
        final int before = out.length();
        feedStatus();
        if (view.feedStatus == null || !view.feedStatus.contentEquals(feed))
        {
            out.append(",\"feed\":").append(feed);
            view.feedStatus = feed.toString();
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
            book(view, instrument);
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

    /**
     * The feed's state into {@link #feed}, reused: a page's feed status is a new String only when it changed.
     */
    private void feedStatus()
    {
        feed.setLength(0);
        if (market.isConnected())
        {
            feed.append("{\"connected\":true,\"state\":\"").append(market.state()).append("\",\"seq\":")
                .append(market.sequence()).append('}');
        }
        else
        {
            feed.append("{\"connected\":false}");
        }
    }

    private void book(final DashboardView view, final InstrumentView instrument)
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
            side("bids", 0);
            side("asks", 1);
            out.append('}');
            candles(view, switched);
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

    private void candles(final DashboardView view, final boolean switched)
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

    private void side(final String name, final int side)
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
