package io.disruptorx.node.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static io.disruptorx.node.deploy.DeployFiles.list;
import static io.disruptorx.node.deploy.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container image tarball that Jib's {@code buildTar} wrote at package time in the {@code image} profile
 * ({@code ./mvnw -Pimage verify}, which runs this after it): a docker-save archive whose image runs {@code dx} as a
 * non-root user with the JVM options for Aeron and low pauses, {@code /data} as working directory, and exposes the
 * HTTP port. Read with a small tar reader; the JSON documents are parsed as YAML (JSON is YAML).
 */
class ImageTarballIT
{
    private static final int BLOCK = 512;
    private static final Map<String, byte[]> ENTRIES = new HashMap<>();

    @BeforeAll
    static void read() throws IOException
    {
        final Path tarball = Path.of(System.getProperty("dx.image.tar", "target/dx-image.tar"));
        assertThat(tarball).as("the image tarball jib:buildTar writes at package (-Pimage)").isRegularFile();
        System.out.printf("ImageTarballIT: %s is %,d bytes%n", tarball, Files.size(tarball));
        try (InputStream in = Files.newInputStream(tarball))
        {
            final byte[] header = new byte[BLOCK];
            while (in.readNBytes(header, 0, BLOCK) == BLOCK && header[0] != 0)
            {
                final String name = field(header, 0, 100);
                final long size = Long.parseLong(field(header, 124, 12).trim(), 8);
                final byte[] content = in.readNBytes((int)size);
                in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
                if (name.endsWith(".json"))
                {
                    ENTRIES.put(name, content);
                }
            }
        }
        assertThat(ENTRIES).containsKey("manifest.json");
    }

    @Test
    void shouldRunDxAsANonRootUserWithTheLowLatencyJvmOptions()
    {
        final Map<String, Object> manifest = map(list(json("manifest.json")).get(0));
        assertThat(list(manifest.get("RepoTags"))).singleElement().asString().startsWith("disruptorx:");
        assertThat(list(manifest.get("Layers"))).as("base and application layers").hasSizeGreaterThan(1);
        final Map<String, Object> config = map(map(json((String)manifest.get("Config"))).get("config"));

        assertThat(config.get("User")).isEqualTo("1000:1000");
        assertThat(config.get("WorkingDir")).isEqualTo("/data");
        final List<Object> entrypoint = list(config.get("Entrypoint"));
        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint).contains("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.util.zip=ALL-UNNAMED",
            "-XX:+UseZGC", "-XX:+AlwaysPreTouch", "-XX:MaxRAMPercentage=70", "-XX:+PerfDisableSharedMem",
            "-XX:-DontCompileHugeMethods");
        assertThat(entrypoint.get(entrypoint.size() - 1)).isEqualTo("io.disruptorx.node.cli.Dx");
        assertThat(entrypoint.indexOf("-XX:+UseZGC")).as("JVM options before the main class")
            .isLessThan(entrypoint.size() - 1);
        assertThat(map(config.get("ExposedPorts"))).containsKey("8080/tcp");
        assertThat(map(config.get("Volumes"))).containsKey("/data");
    }

    private static Object json(final String name)
    {
        final byte[] content = ENTRIES.get(name);
        assertThat(content).as(name + " in the tarball").isNotNull();
        return new Yaml().load(new String(content, StandardCharsets.UTF_8));
    }

    private static String field(final byte[] header, final int offset, final int length)
    {
        int end = offset;
        while (end < offset + length && header[end] != 0)
        {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }
}
