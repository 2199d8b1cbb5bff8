package io.disruptorx.node.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.disruptorx.core.config.ConfigValidationException;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.NodeThreading;
import io.disruptorx.node.embedded.ThreadingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeCommandTest
{
    @TempDir
    Path dir;

    @Test
    void shouldFillEverythingTheFileLeavesOutFromTheDefaults() throws Exception
    {
        final Path file = dir.resolve("node.conf");
        Files.writeString(file, "node { data-dir = \"" + dir.resolve("data") + "\", journal.force-policy = interval, " +
            "journal.force-interval = 2ms, rings.input = 1024, http.port = -1 }\n");

        final NodeCommand.Settings settings = NodeCommand.load(file);

        assertThat(settings.node().dataDirectory()).isEqualTo(dir.resolve("data"));
        assertThat(settings.node().forcePolicy()).isEqualTo(ForcePolicy.INTERVAL);
        assertThat(settings.node().forceIntervalNanos()).isEqualTo(2_000_000L);
        assertThat(settings.node().inputRingSize()).isEqualTo(1024);
        assertThat(settings.node().outputRingSize()).isEqualTo(262_144);
        assertThat(settings.node().snapshotEveryCommands()).isEqualTo(1_000_000);
        assertThat(settings.httpPort()).isEqualTo(-1);
        assertThat(settings.node().threading()).isEqualTo(NodeThreading.defaults());
    }

    @Test
    void shouldReadTheThreadingModeAndTheCpusToPinTo() throws Exception
    {
        final Path file = dir.resolve("threads.conf");
        Files.writeString(file, "node { threading { mode = dedicated, affinity = [2, 3] } }\n");

        assertThat(NodeCommand.load(file).node().threading())
            .isEqualTo(new NodeThreading(ThreadingMode.DEDICATED, List.of(2, 3)));
    }

    @Test
    void shouldRefuseAnUnknownThreadingModeAndABadCpuList() throws Exception
    {
        final Path file = dir.resolve("bad-threads.conf");
        Files.writeString(file, "node { threading { mode = pooled, affinity = [1, 1] } }\n");

        assertThatThrownBy(() -> NodeCommand.load(file))
            .isInstanceOf(ConfigValidationException.class)
            .hasMessageContaining("node.threading.mode = \"pooled\": expected one of auto shared dedicated")
            .hasMessageContaining("node.threading.affinity = [1,1]: expected a list of distinct CPU numbers");
    }

    @Test
    void shouldReportEveryInvalidKeyWithWhatWasExpected() throws Exception
    {
        final Path file = dir.resolve("bad.conf");
        Files.writeString(file, "node { journal.force-policy = sometimes, rings.output = 1000, " +
            "journal.segment-size = 70000, snapshot.keep = 0 }\n");

        assertThatThrownBy(() -> NodeCommand.load(file))
            .isInstanceOf(ConfigValidationException.class)
            .hasMessageContaining(
                "node.journal.force-policy = \"sometimes\": expected one of every-batch interval never")
            .hasMessageContaining("node.rings.output = 1000: expected a power of two")
            .hasMessageContaining("node.journal.segment-size")
            .hasMessageContaining("node.snapshot.keep = 0");
    }

    @Test
    void shouldExampleConfigurationBeValid()
    {
        final NodeCommand.Settings settings = NodeCommand.load(Path.of("..", "docs", "examples", "node.conf"));

        assertThat(settings.httpPort()).isEqualTo(8081);
        assertThat(settings.node().snapshotEveryCommands()).isEqualTo(500_000);
    }
}
