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
 * venue). Updates go out from the dashboard's timer thread.
 */
final class DashboardSocket implements WebSocketEndpoint
{
    private static final Pattern SELECT = Pattern.compile("\"instrument\"\\s*:\\s*(\\d{1,9})");

    private final Map<WebSocketSession, DashboardView> views = new ConcurrentHashMap<>();

    @Override
    public void onOpen(final WebSocketSession session)
    {
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
        views.remove(session);
    }

    /**
     * @return the open pages.
     */
    Map<WebSocketSession, DashboardView> views()
    {
        return views;
    }
}
