package io.disruptorx.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarEntry;

/**
 * Files under one class path directory, read on request (the dashboard's few small files), typed by extension.
 * Paths with {@code ..}, backslashes or empty segments are not found rather than resolved, and so is a directory
 * (a class path directory on disk would be read as a listing of its files, and one in a jar as an empty file).
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
    private final ClassLoader loader;

    StaticResources(final String classpathRoot)
    {
        this(classpathRoot, StaticResources.class.getClassLoader());
    }

    StaticResources(final String classpathRoot, final ClassLoader loader)
    {
        this.root = classpathRoot.endsWith("/") ? classpathRoot : classpathRoot + "/";
        this.loader = loader;
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
        final URL resource = loader.getResource(root + name);
        if (resource == null || !isFile(resource))
        {
            return null;
        }
        try (InputStream in = resource.openStream())
        {
            final int dot = name.lastIndexOf('.');
            final String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
            return new HttpResponse(200, TYPES.getOrDefault(extension, "application/octet-stream"),
                in.readAllBytes(), Map.of());
        }
    }

    /**
     * @return whether the resource is a file: a regular file on disk, or an entry of a jar that is not a directory;
     * anything else is not served.
     */
    private static boolean isFile(final URL resource) throws IOException
    {
        if ("file".equals(resource.getProtocol()))
        {
            try
            {
                return Files.isRegularFile(Path.of(resource.toURI()));
            }
            catch (final URISyntaxException | IllegalArgumentException ex)
            {
                return false;
            }
        }
        if (resource.openConnection() instanceof JarURLConnection jar)
        {
            final JarEntry entry = jar.getJarEntry();
            return entry != null && !entry.isDirectory();
        }
        return false;
    }
}
