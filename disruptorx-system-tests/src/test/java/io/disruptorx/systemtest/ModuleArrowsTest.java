package io.disruptorx.systemtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout docs/architecture.md promises: arrows between modules point one way (a module's main code depends only
 * on modules of a lower layer), the product jar carries no benchmark and no benchmark peer, and the FIX edge (Artio)
 * ships in dx-fix.jar beside it, so dx.jar stays under 17 MiB.
 */
class ModuleArrowsTest
{
    /**
     * Layer of each module: main code may depend only on modules of a strictly lower layer. A new module is added
     * here and in docs/architecture.md.
     */
    private static final Map<String, Integer> LAYERS = Map.ofEntries(
        Map.entry("disruptorx-protocol", 0),
        Map.entry("disruptorx-core", 0),
        Map.entry("disruptorx-journal", 0),
        Map.entry("disruptorx-fix-codecs", 0),
        Map.entry("disruptorx-engine", 1),
        Map.entry("disruptorx-marketdata", 1),
        Map.entry("disruptorx-http", 1),
        Map.entry("disruptorx-audit", 1),
        Map.entry("disruptorx-gateway", 2),
        Map.entry("disruptorx-cluster", 2),
        Map.entry("disruptorx-dashboard", 2),
        Map.entry("disruptorx-gateway-fix", 3),
        Map.entry("disruptorx-gateway-json", 3),
        Map.entry("disruptorx-shard", 3),
        Map.entry("disruptorx-node", 4),
        Map.entry("disruptorx-tracing", 5),
        Map.entry("disruptorx-bench", 6),
        Map.entry("disruptorx-system-tests", 7));

    private static final List<String> BENCHMARK_PACKAGES = List.of(
        "io/disruptorx/bench/", "org/openjdk/jmh/", "exchange/core2/", "com/paritytrading/", "net/openhft/chronicle/",
        "it/unimi/dsi/fastutil/", "org/eclipse/collections/");

    /**
     * 17 MiB: dx.jar was 14.8 MB, then BoringSSL's natives for the {@code openssl} TLS provider added 1.4 MB
     * compressed (16.2 MB); a benchmark peer or Artio's FIX codecs would each add more than the margin left.
     */
    private static final long PRODUCT_JAR_LIMIT = 17L * 1024 * 1024;

    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>(disruptorx-[a-z-]+)</artifactId>");
    private static final Pattern TEST_SCOPE = Pattern.compile("<scope>test</scope>");

    private static Path root()
    {
        return Path.of("").toAbsolutePath().getParent();
    }

    @Test
    void shouldPointEveryArrowDown() throws IOException
    {
        final Map<String, List<String>> upward = new TreeMap<>();
        final List<String> modules = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root()))
        {
            dirs.filter(dir -> dir.getFileName().toString().startsWith("disruptorx-"))
                .filter(dir -> Files.exists(dir.resolve("pom.xml")))
                .forEach(dir -> modules.add(dir.getFileName().toString()));
        }
        assertThat(modules).as("modules with a layer in ModuleArrowsTest.LAYERS").isSubsetOf(LAYERS.keySet());
        assertThat(modules).contains("disruptorx-protocol", "disruptorx-node", "disruptorx-bench");

        for (final String module : modules)
        {
            final String pom = Files.readString(root().resolve(module).resolve("pom.xml"));
            final Matcher dependency = DEPENDENCY.matcher(pom);
            while (dependency.find())
            {
                final Matcher artifact = ARTIFACT.matcher(dependency.group(1));
                if (artifact.find() && !TEST_SCOPE.matcher(dependency.group(1)).find())
                {
                    final String target = artifact.group(1);
                    if (LAYERS.getOrDefault(target, Integer.MAX_VALUE) >= LAYERS.get(module))
                    {
                        upward.computeIfAbsent(module, key -> new ArrayList<>()).add(target);
                    }
                }
            }
        }
        assertThat(upward).as("main dependencies on a module of the same or a higher layer").isEmpty();
    }

    @Test
    void shouldShipNoBenchmarkInTheProductJar() throws IOException
    {
        final Path jar = root().resolve("disruptorx-node/target/dx.jar");
        assertThat(jar).as("the product jar, built by the package phase before this test").exists();
        assertThat(Files.size(jar)).as("dx.jar size in bytes").isLessThan(PRODUCT_JAR_LIMIT);

        final List<String> offending = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile()))
        {
            final Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements())
            {
                final String name = entries.nextElement().getName();
                for (final String banned : BENCHMARK_PACKAGES)
                {
                    if (name.startsWith(banned))
                    {
                        offending.add(name);
                    }
                }
            }
        }
        assertThat(offending).as("benchmark classes in dx.jar").isEmpty();
    }

    @Test
    void shouldShipTheFixEdgeInAJarOfItsOwnBesideTheProductJar() throws IOException
    {
        final Path product = root().resolve("disruptorx-node/target/dx.jar");
        final Path fix = root().resolve("disruptorx-gateway-fix/target/dx-fix.jar");
        assertThat(fix).as("dx-fix.jar, built by the package phase before this test").exists();
        assertThat(entries(product, "uk/co/real_logic/artio/", "io/disruptorx/gateway/fix/", "io/disruptorx/fix44/"))
            .as("FIX classes in dx.jar").isEmpty();
        assertThat(entries(fix, "io/aeron/", "org/agrona/", "io/disruptorx/gateway/core/", "io/disruptorx/node/"))
            .as("classes of dx.jar repeated in dx-fix.jar").isEmpty();
        try (JarFile file = new JarFile(fix.toFile()))
        {
            final JarEntry services = file.getJarEntry("META-INF/services/io.disruptorx.gateway.edge.EdgeProvider");
            assertThat(services).as("the FIX edge's ServiceLoader registration").isNotNull();
            assertThat(new String(file.getInputStream(services).readAllBytes(), StandardCharsets.US_ASCII).trim())
                .isEqualTo("io.disruptorx.gateway.fix.FixEdgeProvider");
        }
    }

    private static List<String> entries(final Path jar, final String... prefixes) throws IOException
    {
        final List<String> found = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile()))
        {
            final Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements())
            {
                final String name = entries.nextElement().getName();
                for (final String prefix : prefixes)
                {
                    if (name.startsWith(prefix) && !name.endsWith("/"))
                    {
                        found.add(name);
                    }
                }
            }
        }
        return found;
    }
}
