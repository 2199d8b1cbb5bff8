package io.disruptorx.dashboard;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.disruptorx.http.WebSocketEndpoint;
import io.disruptorx.http.WebSocketSession;

/**
 * The dashboard's WebSocket: one {@link DashboardView} per open page. A page may send {@code {"instrument":N}} to
 * choose the instrument it shows; anything else is ignored (the dashboard is read-only: no message changes the
 * venue). Updates go out from the dashboard's timer thread. A {@link PageWatch} hears when the first page opens and
 * the last one closes.
 */
final class DashboardSocket implements WebSocketEndpoint
{
    private static final Pattern SELECT = Pattern.compile("\"instrument\"\\s*:\\s*(\\d{1,9})");

    private static final PageWatch NOBODY = new PageWatch()
    {
        @Override
        public void firstOpened()
        {
        }

        @Override
        public void lastClosed()
        {
        }

        @Override
        public void beforeUpdates()
        {
        }
    };

    private final Map<WebSocketSession, DashboardView> views = new ConcurrentHashMap<>();
    private volatile PageWatch watch = NOBODY;
    private int open;

    /**
     * @param watch told when the first page opens and the last closes; when pages are open already, told now that
     *              the first opened.
     */
    synchronized void watch(final PageWatch watch)
    {
        this.watch = watch;
        if (open > 0)
        {
            watch.firstOpened();
        }
    }

    /**
     * Tells the watch that the open pages' updates are about to be built.
     */
    void beforeUpdates()
    {
        watch.beforeUpdates();
    }

    @Override
    public void onOpen(final WebSocketSession session)
    {
        synchronized (this)
        {
            if (open++ == 0)
            {
                watch.firstOpened();
            }
        }
        views.put(session, new DashboardView());
    }

    @Override
    public void onText(final WebSocketSession session, final String text)
    {
        final DashboardView view = views.get(session);
        final Matcher matcher = SELECT.matcher(text);
        if (view != null && text.length() < 256 && matcher.find())
        {
            view.select(Integer.parseInt(matcher.group(1)));
        }
    }

    @Override
    public void onClose(final WebSocketSession session)
    {
        if (views.remove(session) == null)
        {
            return;
        }
        synchronized (this)
        {
            if (--open == 0)
            {
                watch.lastClosed();
            }
        }
    }

    /**
     * @return the open pages.
     */
    Map<WebSocketSession, DashboardView> views()
    {
        return views;
    }
}
