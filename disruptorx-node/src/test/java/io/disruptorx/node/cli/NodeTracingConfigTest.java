package io.disruptorx.node.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import io.disruptorx.core.config.ConfigValidationException;
import io.disruptorx.node.embedded.InstalledTracing;
import io.disruptorx.node.embedded.NodeStartException;
import io.disruptorx.node.embedded.NodeTracingProvider;
import io.disruptorx.node.embedded.TracingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code node.tracing}: off by default, read and validated from the file, and refused (not ignored) when asked for
 * without {@code dx-tracing.jar}; this module's test class path has no tracing provider, as {@code dx.jar} has none.
 */
class NodeTracingConfigTest
{
    @TempDir
    Path dir;

    @Test
    void shouldLeaveTracingOffByDefault() throws Exception
    {
        final Path file = dir.resolve("node.conf");
        Files.writeString(file, "node { http.port = -1 }\n");

        final TracingConfig tracing = NodeCommand.load(file).tracing();

        assertThat(tracing).isEqualTo(TracingConfig.OFF);
        assertThat(tracing.enabled()).isFalse();
        assertThat(InstalledTracing.open(tracing)).isSameAs(NodeTracingProvider.Session.OFF);
    }

    @Test
    void shouldReadTheSampleRatioAndTheExporter() throws Exception
    {
        final Path file = dir.resolve("traced.conf");
        Files.writeString(file, "node.tracing { sample-ratio = 0.01, " +
            "otlp-endpoint = \"http://collector:4318/v1/traces\", service-name = venue-a }\n");

        assertThat(NodeCommand.load(file).tracing())
            .isEqualTo(new TracingConfig(0.01, "http://collector:4318/v1/traces", "venue-a"));
    }

    @Test
    void shouldRefuseARatioThatIsNoNumberOrOutsideZeroToOne() throws Exception
    {
        final Path ratio = dir.resolve("ratio.conf");
        Files.writeString(ratio, "node.tracing.sample-ratio = often\n");
        final Path tooHigh = dir.resolve("too-high.conf");
        Files.writeString(tooHigh, "node.tracing { sample-ratio = 1.5 }\n");

        assertThatThrownBy(() -> NodeCommand.load(ratio))
            .isInstanceOf(ConfigValidationException.class)
            .hasMessageContaining("node.tracing.sample-ratio = \"often\": expected a number in [0, 1]");
        assertThatThrownBy(() -> NodeCommand.load(tooHigh))
            .isInstanceOf(ConfigValidationException.class)
            .hasMessageContaining("node.tracing.sample-ratio is in [0, 1], was 1.5");
    }

    @Test
    void shouldRefuseTracingWhenNoTracingJarIsInstalled()
    {
        assertThatThrownBy(() -> InstalledTracing.open(TracingConfig.OFF.withSampleRatio(0.01)))
            .isInstanceOf(NodeStartException.class)
            .hasMessageContaining("node.tracing.sample-ratio is 0.01")
            .hasMessageContaining("dx-tracing.jar");
    }
}
