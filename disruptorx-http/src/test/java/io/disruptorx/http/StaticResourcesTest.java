package io.disruptorx.http;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Static files served from a jar, as the packaged node serves the dashboard: files are served, directories (a jar's
 * directory entries, which the class loader finds with or without the trailing slash) and paths out of the root are
 * not.
 */
class StaticResourcesTest
{
    @TempDir
    Path directory;

    @Test
    void shouldServeTheFilesOfAJarButNoDirectoryAndNothingOutsideTheRoot() throws IOException
    {
        final Path jar = directory.resolve("web.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)))
        {
            out.putNextEntry(new JarEntry("web/"));
            out.putNextEntry(new JarEntry("web/css/"));
            entry(out, "web/css/site.css", "body {}\n");
            entry(out, "web/index.html", "<html></html>\n");
            entry(out, "secret.txt", "DX-FUZZ-CANARY\n");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null))
        {
            final StaticResources resources = new StaticResources("web/", loader);
            assertThat(resources.load("").body()).isEqualTo("<html></html>\n".getBytes(StandardCharsets.UTF_8));
            assertThat(resources.load("css/site.css").contentType()).isEqualTo("text/css; charset=utf-8");
            assertThat(loader.getResource("web/css")).as("the class loader finds the directory").isNotNull();
            assertThat(resources.load("css")).isNull();
            assertThat(resources.load("css/")).isNull();
            assertThat(resources.load("../secret.txt")).isNull();
            assertThat(resources.load("missing.js")).isNull();
        }
    }

    private static void entry(final JarOutputStream out, final String name, final String text) throws IOException
    {
        out.putNextEntry(new JarEntry(name));
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
