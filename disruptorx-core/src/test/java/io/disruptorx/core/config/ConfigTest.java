package io.disruptorx.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.disruptorx.core.wait.WaitStrategies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ConfigTest
{
    private static final String GOOD = String.join("\n",
        "bus {",
        "  ring-size = 4096",
        "  partitions = 4",
        "  wait-strategy = adaptive",
        "}",
        "workflow.step-budget = 100us",
        "ids.node-id = 7",
        "");

    @TempDir
    Path dir;

    private Path write(final String name, final String text) throws IOException
    {
        final Path tmp = dir.resolve(name + ".tmp");
        Files.writeString(tmp, text);
        return Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void shouldLoadHoconIntoAnImmutableRecord() throws IOException
    {
        final CoreConfig config = new ConfigLoader(Map.of(), "DX_").load(write("dx.conf", GOOD), CoreConfig.BINDER);
        assertThat(config).isEqualTo(new CoreConfig(
            new CoreConfig.BusSettings(4096, 4, WaitStrategies.ADAPTIVE), Duration.ofNanos(100_000), 7));
    }

    @Test
    void shouldLoadPropertiesAndApplyEnvironmentOverrides() throws IOException
    {
        final Path file = write("dx.properties", String.join("\n",
            "bus.ring-size=1024", "bus.partitions=2", "bus.wait-strategy=blocking",
            "workflow.step-budget=1ms", "ids.node-id=1", ""));
        final Map<String, String> env = Map.of(
            "DX_BUS_RING__SIZE", "8192",
            "DX_BUS_WAIT__STRATEGY", "yielding",
            "DX_WORKFLOW_STEP__BUDGET", "250us",
            "HOME", "/root");
        final CoreConfig config = new ConfigLoader(env, "DX_").load(file, CoreConfig.BINDER);
        assertThat(config.bus()).isEqualTo(new CoreConfig.BusSettings(8192, 2, WaitStrategies.YIELDING));
        assertThat(config.stepBudget()).isEqualTo(Duration.ofNanos(250_000));
        assertThat(config.nodeId()).isEqualTo(1);
    }

    @Test
    void shouldReportEveryInvalidKeyWithItsValueAndWhatWasExpected() throws IOException
    {
        final Path file = write("bad.conf", String.join("\n",
            "bus { ring-size = 1000, partitions = 0, wait-strategy = turbo }",
            "workflow.step-budget = soon",
            ""));
        assertThatThrownBy(() -> new ConfigLoader(Map.of(), "DX_").load(file, CoreConfig.BINDER))
            .isInstanceOfSatisfying(ConfigValidationException.class, ex ->
            {
                assertThat(ex.errors()).extracting(ConfigError::key).containsExactly(
                    "bus.ring-size", "bus.partitions", "bus.wait-strategy", "workflow.step-budget", "ids.node-id");
                assertThat(ex.getMessage())
                    .contains("bus.ring-size = 1000: expected a power of two in [64, 16777216]")
                    .contains("bus.partitions = 0: expected an integer in [1, 256]")
                    .contains("bus.wait-strategy = \"turbo\": expected one of busy-spin yielding blocking lite-blocking"
                        + " sleeping adaptive")
                    .contains("workflow.step-budget = \"soon\": expected a duration in [1us, 10s]")
                    .contains("ids.node-id = <missing>: expected an integer in [0, 1023]");
            });
    }

    @Test
    void shouldReadIntegersInRangeAndRefuseTheRestIncludingValuesBeyondAnInt()
    {
        final ConfigReader reader = new ConfigReader(ConfigFactory.parseString(
            "a = 7, b = 3000000000, c = -3000000000, d = seven, e = 300, f = 9000000000"), "test");

        assertThat(reader.intIn("a", 1, 256)).isEqualTo(7);
        assertThat(reader.intIn("b", 1, 256)).isEqualTo(1);
        assertThat(reader.intIn("c", 1, 256)).isEqualTo(1);
        assertThat(reader.intIn("d", 1, 256)).isEqualTo(1);
        assertThat(reader.intIn("e", 1, 256)).isEqualTo(1);
        assertThat(reader.longIn("f", 0, Long.MAX_VALUE)).isEqualTo(9_000_000_000L);

        assertThatThrownBy(() -> reader.finish(0)).isInstanceOfSatisfying(ConfigValidationException.class, ex ->
            assertThat(ex.errors()).extracting(ConfigError::toString).containsExactly(
                "b = 3000000000: expected an integer in [1, 256]",
                "c = -3000000000: expected an integer in [1, 256]",
                "d = \"seven\": expected an integer in [1, 256]",
                "e = 300: expected an integer in [1, 256]"));
    }

    @Test
    void shouldReadBooleansAndReportEveryUnknownKeyWithTheClosestKnownOne()
    {
        final Config known = ConfigFactory.parseString(
            "bus { ring-size = 64, durable = true }");
        final Config given = ConfigFactory.parseString(
            "bus { ring-sise = 64, durable = perhaps, colour = blue }, bsu.durable = false, on = yes");
        final ConfigReader reader = new ConfigReader(given.withFallback(known), "test");

        assertThat(reader.bool("on")).isTrue();
        assertThat(reader.bool("bus.durable")).isFalse();
        reader.rejectUnknownKeys(given, known);

        assertThatThrownBy(() -> reader.finish(0)).isInstanceOfSatisfying(ConfigValidationException.class, ex ->
            assertThat(ex.errors()).extracting(ConfigError::toString).containsExactly(
                "bus.durable = \"perhaps\": expected true or false",
                "bsu.durable = false: expected a known key: did you mean bus.durable?",
                "bus.colour = \"blue\": expected a known key (see the defaults)",
                "bus.ring-sise = 64: expected a known key: did you mean bus.ring-size?",
                "on = \"yes\": expected a known key (see the defaults)"));
    }

    @Test
    void shouldReportUnparseableAndMissingFiles() throws IOException
    {
        final Path broken = write("broken.conf", "bus { ring-size = ");
        assertThatThrownBy(() -> new ConfigLoader(Map.of(), "DX_").load(broken, CoreConfig.BINDER))
            .isInstanceOf(ConfigValidationException.class).hasMessageContaining("broken.conf");
        assertThatThrownBy(() -> new ConfigLoader(Map.of(), "DX_").load(dir.resolve("nope.conf"), CoreConfig.BINDER))
            .isInstanceOf(ConfigValidationException.class).hasMessageContaining("no such file");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldDeliverAGoodEditAndKeepTheLastGoodConfigOnABadOne() throws Exception
    {
        final Path file = write("watched.conf", GOOD);
        final List<CoreConfig> delivered = new CopyOnWriteArrayList<>();
        final List<ConfigValidationException> rejected = new CopyOnWriteArrayList<>();
        try (ConfigWatcher<CoreConfig> watcher = new ConfigWatcher<>(file, new ConfigLoader(Map.of(), "DX_"),
            CoreConfig.BINDER, rejected::add))
        {
            watcher.subscribe(delivered::add);
            assertThat(watcher.current().bus().partitions()).isEqualTo(4);

            write("watched.conf", GOOD.replace("partitions = 4", "partitions = 8"));
            await().atMost(Duration.ofSeconds(30)).until(() -> delivered.size() == 1);
            assertThat(delivered.get(0).bus().partitions()).isEqualTo(8);
            assertThat(watcher.current().bus().partitions()).isEqualTo(8);

            write("watched.conf", GOOD.replace("ring-size = 4096", "ring-size = 4095"));
            await().atMost(Duration.ofSeconds(30)).until(() -> !rejected.isEmpty());
            assertThat(rejected.get(0).errors()).extracting(ConfigError::key).containsExactly("bus.ring-size");
            assertThat(watcher.current().bus().partitions()).as("last good config kept").isEqualTo(8);
            assertThat(watcher.current().bus().ringSize()).isEqualTo(4096);
            assertThat(delivered).hasSize(1);

            write("watched.conf", GOOD.replace("ids.node-id = 7", "ids.node-id = 9"));
            await().atMost(Duration.ofSeconds(30)).until(() -> delivered.size() == 2);
            assertThat(delivered.get(1).nodeId()).isEqualTo(9);
            assertThat(delivered.get(1).bus().partitions()).isEqualTo(4);
            assertThat(watcher.reloads()).isEqualTo(2);
        }
    }

    @Test
    void shouldReportAMalformedUnicodeEscapeInAPropertiesFileAsAConfigError() throws Exception
    {
        final Path file = write("dx.properties", "bus.ring-size=\\u12\n");

        assertThatThrownBy(() -> new ConfigLoader(Map.of(), "DX_").load(file, CoreConfig.BINDER))
            .isInstanceOfSatisfying(ConfigValidationException.class, ex ->
                assertThat(ex.errors()).singleElement()
                    .satisfies(error -> assertThat(error.key()).isEqualTo("<file>")));
    }

    @Test
    void shouldReportAnObjectWhereAStringIsExpectedAsAConfigError() throws Exception
    {
        final Path properties = write("dx.properties", "bus.wait-strategy=blocking\nbus.wait-strategy.step-budget=1\n");
        final Path conf = write("dx.conf", "bus { wait-strategy { sleeping = yes } }\n");

        for (final Path file : List.of(properties, conf))
        {
            assertThatThrownBy(() -> new ConfigLoader(Map.of(), "DX_").load(file, CoreConfig.BINDER))
                .isInstanceOfSatisfying(ConfigValidationException.class, ex ->
                    assertThat(ex.errors())
                        .anySatisfy(error -> assertThat(error.key()).isEqualTo("bus.wait-strategy")));
        }
        final ConfigReader reader = new ConfigReader(ConfigFactory.parseString("name { first = a }"), "test");
        assertThat(reader.nonBlank("name")).isEmpty();
        assertThatThrownBy(() -> reader.finish("bound")).isInstanceOfSatisfying(ConfigValidationException.class, ex ->
            assertThat(ex.errors()).singleElement().satisfies(error -> assertThat(error.key()).isEqualTo("name")));
    }
}
