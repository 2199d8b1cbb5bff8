package io.disruptorx.dashboard;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.disruptorx.audit.AuditRing;
import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.metrics.RegistryReader;
import io.disruptorx.http.BackgroundPriority;
import io.disruptorx.http.HttpResponse;
import io.disruptorx.http.HttpServer;
import io.disruptorx.http.Routes;
import io.disruptorx.http.WebSocketBatch;
import io.disruptorx.http.WebSocketSession;

/**
 * The venue's live web dashboard: its pages under {@link #PATH} and its WebSocket at {@link #WEBSOCKET_PATH},
 * mounted on the venue's HTTP server, and a timer (on the server's I/O thread, or on its own thread
 * {@code dx-dashboard}, both at the lowest priority) that every 100 ms builds the open pages' updates
 * ({@link DashboardUpdates}) from the {@link MarketView} and the metrics registry, once per distinct page state
 * ({@link SharedUpdates}), and sends them together, each distinct update encoded once and written by the I/O
 * thread ({@link WebSocketBatch}); with no page open it reads nothing. The node's threads do nothing for it: it
 * reads what the market data subscriber and the registry already publish. Mounted with the venue's admin command
 * path ({@link VenueOperations}), a signed-in OPERATOR or RISK user can also act on the venue ({@link OperatorDesk})
 * once {@link #secure} has given it the venue's users; without them the page stays read-only (mounted without the
 * admin path, its session endpoint says there is no sign-in).
 *
 * <pre>{@code
 * Dashboard dashboard = Dashboard.mount(routes, metrics, marketView); // before the server starts
 * HttpServer server = HttpServer.startInBackground(config, routes);
 * dashboard.start(server.loop());
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
    private final SharedUpdates shared;
    private final WebSocketBatch batch = new WebSocketBatch();
    private final TickTimes times = new TickTimes();
    private final AtomicLong errors = new AtomicLong();
    private ScheduledExecutorService own;
    private ScheduledFuture<?> tick;

    private final OperatorDesk desk;

    private Dashboard(final MetricsRegistry metrics, final MarketView market, final VenueOperations venue)
    {
        final RegistryReader reader = new RegistryReader(metrics);
        this.shared = new SharedUpdates(
            new DashboardUpdates(market, () -> MetricsReading.of(reader), System::currentTimeMillis, times));
        this.desk = venue == null ? null :
            new OperatorDesk(venue, System::nanoTime, () -> System.currentTimeMillis() * 1_000_000L);
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
        return mount(routes, metrics, market, null);
    }

    /**
     * Mounts the pages, the WebSocket and the operator actions' endpoints; call before the server starts, then
     * {@link #start()}, and {@link #secure} once the venue's users are known.
     *
     * @param routes  the server's routes.
     * @param metrics the node's metrics.
     * @param market  the market view a feed subscriber fills (or an empty one).
     * @param venue   the venue's admin command path, or null for a read-only dashboard.
     * @return the dashboard, not yet sending.
     */
    public static Dashboard mount(
        final Routes routes, final MetricsRegistry metrics, final MarketView market, final VenueOperations venue)
    {
        final Dashboard dashboard = new Dashboard(metrics, market, venue);
        if (dashboard.desk != null)
        {
            dashboard.desk.mount(routes);
        }
        else
        {
            routes.get(OperatorDesk.SESSION, request ->
                HttpResponse.json("{\"signIn\":false,\"user\":null,\"actions\":[]}"));
        }
        routes.resources(PATH, RESOURCES)
            .webSocket(WEBSOCKET_PATH, dashboard.socket)
            .get("/dashboard", request -> HttpResponse.text(301, "moved to " + PATH).withHeader("Location", PATH));
        return dashboard;
    }

    /**
     * Lets the venue's users sign in and act (as their roles permit); every sign-in and action is audited.
     *
     * @param users the venue's users and their permitted actions.
     * @param audit the venue's audit ring, or null for no audit.
     * @return this.
     * @throws IllegalStateException when the dashboard was mounted read-only.
     */
    public Dashboard secure(final OperatorUsers users, final AuditRing audit)
    {
        if (desk == null)
        {
            throw new IllegalStateException("mounted without the venue's admin path: read-only");
        }
        desk.secure(users, audit);
        return this;
    }

    /**
     * Tells {@code watch} when the first page opens and when the last one closes (and at once when pages are open
     * already), so that what fills the {@link MarketView} runs only while a page shows it.
     *
     * @param watch what to tell.
     * @return this.
     */
    public Dashboard watchPages(final PageWatch watch)
    {
        socket.watch(watch);
        return this;
    }

    /**
     * Starts the timer on its own thread ({@code dx-dashboard}, at the lowest priority: {@link BackgroundPriority}).
     *
     * @return this.
     */
    public synchronized Dashboard start()
    {
        if (tick == null)
        {
            own = Executors.newSingleThreadScheduledExecutor(r -> BackgroundPriority.named("dx-dashboard", r));
            tick = own.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /**
     * Starts the timer on a thread that exists anyway: the HTTP server's I/O thread ({@link HttpServer#loop()}), so
     * that a tick wakes one thread, which builds the updates and writes them to its pages itself.
     *
     * @param scheduler where the ticks run; not shut down by {@link #close()}.
     * @return this.
     */
    public synchronized Dashboard start(final ScheduledExecutorService scheduler)
    {
        if (tick == null)
        {
            tick = scheduler.scheduleAtFixedRate(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
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
            final long started = TickTimes.now();
            socket.beforeUpdates();
            final long now = System.nanoTime();
            shared.tick(now);
            final long building = TickTimes.now();
            for (final Map.Entry<WebSocketSession, DashboardView> entry : socket.views().entrySet())
            {
                final String update = shared.update(entry.getValue(), now);
                if (update != null)
                {
                    batch.add(entry.getKey(), update);
                }
            }
            final long writing = TickTimes.now();
            times.build(writing - building);
            if (batch.send() > 0)
            {
                times.write(TickTimes.now() - writing);
            }
            times.tick(TickTimes.now() - started);
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
     * @return updates built since the start (pages in the same state share one).
     */
    public long updatesBuilt()
    {
        return shared.builds();
    }

    /**
     * @return the CPU time of the ticks that ran with pages open, and of their metrics readings: how long each keeps
     *     its thread on a CPU.
     */
    public TickTimes tickTimes()
    {
        return times;
    }

    /**
     * @return timer ticks that failed.
     */
    public long errors()
    {
        return errors.get();
    }

    /**
     * Stops the ticks (and its own thread); the server closes the sessions.
     */
    @Override
    public synchronized void close()
    {
        if (tick != null)
        {
            tick.cancel(false);
            tick = null;
        }
        if (own != null)
        {
            own.shutdownNow();
            own = null;
        }
    }
}
