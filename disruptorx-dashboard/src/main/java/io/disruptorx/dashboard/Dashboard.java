package io.disruptorx.dashboard;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.metrics.PrometheusCollector;
import io.disruptorx.http.HttpResponse;
import io.disruptorx.http.Routes;
import io.disruptorx.http.WebSocketSession;

/**
 * The venue's live web dashboard, read-only: its pages under {@link #PATH} and its WebSocket at
 * {@link #WEBSOCKET_PATH}, mounted on the venue's HTTP server, and a timer thread ({@code dx-dashboard}) that every
 * 100 ms builds each open page's update ({@link DashboardUpdates}) from the {@link MarketView} and the metrics
 * registry and sends it (with no page open it reads nothing). The node's threads do nothing for it: it reads what
 * the market data subscriber and the registry already publish.
 *
 * <pre>{@code
 * Dashboard dashboard = Dashboard.mount(routes, metrics, marketView); // before the server starts
 * dashboard.start();
 * }</pre>
 */
public final class Dashboard implements AutoCloseable
{
    /** Where the pages are. */
    public static final String PATH = "/dashboard/";
    /** The updates' WebSocket. */
    public static final String WEBSOCKET_PATH = "/dashboard/ws";

    private static final String RESOURCES = "io/disruptorx/dashboard/web/";
    private static final long TICK_MILLIS = 100;

    private final DashboardSocket socket = new DashboardSocket();
    private final DashboardUpdates updates;
    private final AtomicLong errors = new AtomicLong();
    private ScheduledExecutorService timer;

    private Dashboard(final MetricsRegistry metrics, final MarketView market)
    {
        final PrometheusCollector collector = new PrometheusCollector(metrics);
        this.updates = new DashboardUpdates(market, () -> MetricsReading.of(collector), System::currentTimeMillis);
    }

    /**
     * Mounts the pages and the WebSocket; call before the server starts, then {@link #start()}.
     *
     * @param routes  the server's routes.
     * @param metrics the node's metrics.
     * @param market  the market view a feed subscriber fills (or an empty one: the page says there is no feed).
     * @return the dashboard, not yet sending.
     */
    public static Dashboard mount(final Routes routes, final MetricsRegistry metrics, final MarketView market)
    {
        final Dashboard dashboard = new Dashboard(metrics, market);
        routes.resources(PATH, RESOURCES)
            .webSocket(WEBSOCKET_PATH, dashboard.socket)
            .get("/dashboard", request -> HttpResponse.text(301, "moved to " + PATH).withHeader("Location", PATH));
        return dashboard;
    }

    /**
     * Starts the timer thread.
     *
     * @return this.
     */
    public synchronized Dashboard start()
    {
        if (timer == null)
        {
            timer = Executors.newSingleThreadScheduledExecutor(r ->
            {
                final Thread thread = new Thread(r, "dx-dashboard");
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private void tick()
    {
        try
        {
            if (socket.views().isEmpty())
            {
                return;
            }
            final long now = System.nanoTime();
            updates.tick(now);
            for (final Map.Entry<WebSocketSession, DashboardView> entry : socket.views().entrySet())
            {
                final String update = updates.update(entry.getValue(), now);
                if (update != null && entry.getKey().isOpen())
                {
                    entry.getKey().send(update);
                }
            }
        }
        catch (final RuntimeException ex)
        {
            if (errors.getAndIncrement() == 0)
            {
                System.err.println("dx-dashboard: update failed (later failures are counted only): " + ex);
            }
        }
    }

    /**
     * @return open pages.
     */
    public int views()
    {
        return socket.views().size();
    }

    /**
     * @return timer ticks that failed.
     */
    public long errors()
    {
        return errors.get();
    }

    /**
     * Stops the timer; the server closes the sessions.
     */
    @Override
    public synchronized void close()
    {
        if (timer != null)
        {
            timer.shutdownNow();
            timer = null;
        }
    }
}
