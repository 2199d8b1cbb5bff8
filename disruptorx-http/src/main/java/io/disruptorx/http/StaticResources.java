package io.disruptorx.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;

/**
 * Files under one class path directory, read on request (the dashboard's few small files), typed by extension.
 * Paths with {@code ..}, backslashes or empty segments are not found rather than resolved.
 */
final class StaticResources
{
    private static final Map<String, String> TYPES = Map.of(
        "html", "text/html; charset=utf-8",
        "js", "text/javascript; charset=utf-8",
        "css", "text/css; charset=utf-8",
        "json", "application/json",
        "svg", "image/svg+xml",
        "png", "image/png",
        "txt", "text/plain; charset=utf-8");

    private final String root;

    StaticResources(final String classpathRoot)
    {
        this.root = classpathRoot.endsWith("/") ? classpathRoot : classpathRoot + "/";
    }

    /**
     * @param relative the path below the prefix ({@code ""} for the index).
     * @return the file as a response, or {@code null} when there is none.
     * @throws IOException when it cannot be read.
     */
    HttpResponse load(final String relative) throws IOException
    {
        final String name = relative.isEmpty() || relative.endsWith("/") ? relative + "index.html" : relative;
        if (name.contains("..") || name.contains("\\") || name.contains("//") || name.startsWith("/"))
        {
            return null;
        }
        final ClassLoader loader = StaticResources.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(root + name))
        {
            if (in == null)
            {
                return null;
            }
            final int dot = name.lastIndexOf('.');
            final String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
            return new HttpResponse(200, TYPES.getOrDefault(extension, "application/octet-stream"),
                in.readAllBytes(), Map.of());
        }
    }
}
