package io.disruptorx.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an {@link HttpServer} serves: handlers by exact path and method, static resources under a path prefix, and
 * WebSocket endpoints by path. Modules mount their own (the node its {@code /metrics} and {@code /api}, the dashboard
 * its pages, the gateway its JSON edge) on one builder before the server starts; the table is fixed from then on.
 * A path with handlers for some methods answers the others with 405 and an {@code Allow} header; {@code HEAD} is
 * answered wherever {@code GET} is.
 */
public final class Routes
{
    private final Map<String, Map<String, HttpHandler>> handlers = new LinkedHashMap<>();
    private final Map<String, StaticResources> resources = new LinkedHashMap<>();
    private final Map<String, WebSocketEndpoint> webSockets = new LinkedHashMap<>();

    /**
     * @return an empty table.
     */
    public static Routes create()
    {
        return new Routes();
    }

    /**
     * @param path    exact path, e.g. {@code /metrics}.
     * @param handler answers GET (and HEAD).
     * @return this.
     */
    public Routes get(final String path, final HttpHandler handler)
    {
        return route("GET", path, handler);
    }

    /**
     * @param path    exact path.
     * @param handler answers POST.
     * @return this.
     */
    public Routes post(final String path, final HttpHandler handler)
    {
        return route("POST", path, handler);
    }

    /**
     * @param method  upper-case method.
     * @param path    exact path.
     * @param handler the handler.
     * @return this.
     * @throws IllegalArgumentException when the path and method already have a handler.
     */
    public synchronized Routes route(final String method, final String path, final HttpHandler handler)
    {
        checkPath(path);
        if (webSockets.containsKey(path))
        {
            throw new IllegalArgumentException(path + " is a WebSocket endpoint");
        }
        if (handlers.computeIfAbsent(path, p -> new LinkedHashMap<>()).putIfAbsent(method, handler) != null)
        {
            throw new IllegalArgumentException(method + " " + path + " already has a handler");
        }
        return this;
    }

    /**
     * Serves files from the class path, read-only (GET and HEAD).
     *
     * @param prefix        path prefix ending with {@code /}, e.g. {@code /dashboard/}.
     * @param classpathRoot class path directory, e.g. {@code io/disruptorx/dashboard/}; {@code prefix} maps to its
     *                      {@code index.html}.
     * @return this.
     */
    public synchronized Routes resources(final String prefix, final String classpathRoot)
    {
        checkPath(prefix);
        if (!prefix.endsWith("/") || resources.putIfAbsent(prefix, new StaticResources(classpathRoot)) != null)
        {
            throw new IllegalArgumentException("resource prefix must end with / and be new: " + prefix);
        }
        return this;
    }

    /**
     * @param path     exact path of the upgrade request.
     * @param endpoint its sessions' callbacks.
     * @return this.
     */
    public synchronized Routes webSocket(final String path, final WebSocketEndpoint endpoint)
    {
        checkPath(path);
        if (handlers.containsKey(path) || webSockets.putIfAbsent(path, endpoint) != null)
        {
            throw new IllegalArgumentException(path + " is already mounted");
        }
        return this;
    }

    synchronized Map<String, HttpHandler> handlersOf(final String path)
    {
        return handlers.get(path);
    }

    synchronized WebSocketEndpoint webSocketOf(final String path)
    {
        return webSockets.get(path);
    }

    synchronized StaticResources resourcesOf(final String path)
    {
        for (final Map.Entry<String, StaticResources> entry : resources.entrySet())
        {
            if (path.startsWith(entry.getKey()))
            {
                return entry.getValue();
            }
        }
        return null;
    }

    synchronized String resourcePrefixOf(final String path)
    {
        for (final String prefix : resources.keySet())
        {
            if (path.startsWith(prefix))
            {
                return prefix;
            }
        }
        return null;
    }

    /**
     * @return every mounted path, for a 404's hint.
     */
    public synchronized Set<String> paths()
    {
        final Set<String> paths = new TreeSet<>(handlers.keySet());
        paths.addAll(resources.keySet());
        paths.addAll(webSockets.keySet());
        return paths;
    }

    private static void checkPath(final String path)
    {
        if (path == null || !path.startsWith("/") || path.contains(".."))
        {
            throw new IllegalArgumentException("a path starts with / and has no ..: " + path);
        }
    }
}
