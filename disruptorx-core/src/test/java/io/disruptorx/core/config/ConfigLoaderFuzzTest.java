package io.disruptorx.core.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target: the config loader over a file of fuzzer text in a real directory, bound to
 * {@link CoreConfig}. The first input byte chooses the file's syntax ({@code .conf}, HOCON, or {@code .properties});
 * the rest is the file's text. {@link ConfigLoader#load} must return a {@link CoreConfig} whose values are in their
 * documented ranges, or throw {@link ConfigValidationException} (listing at least one error); any other throwable
 * is a finding. The build runs it in regression mode over its seeds
 * ({@code src/test/resources/io/disruptorx/core/config/ConfigLoaderFuzzTestInputs}); {@code -Pslow} fuzzes it for a
 * million executions (docs/security.md, "Fuzzing").
 */
class ConfigLoaderFuzzTest
{
    private static final Harness HARNESS = new Harness();

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void fuzzConfig(final byte[] input)
    {
        HARNESS.check(input);
    }

    /**
     * One directory with a {@code .conf} and a {@code .properties} file, rewritten for every input.
     */
    private static final class Harness
    {
        private final ConfigLoader loader = new ConfigLoader(Map.of(), ConfigLoader.DEFAULT_ENV_PREFIX);
        private final Path conf;
        private final Path properties;

        Harness()
        {
            try
            {
                final Path directory = Files.createTempDirectory("dx-config-fuzz");
                directory.toFile().deleteOnExit();
                conf = directory.resolve("dx.conf");
                properties = directory.resolve("dx.properties");
                conf.toFile().deleteOnExit();
                properties.toFile().deleteOnExit();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        void check(final byte[] input)
        {
            if (input.length == 0)
            {
                return;
            }
            final Path file = (input[0] & 1) == 0 ? conf : properties;
            try
            {
                Files.writeString(file, new String(input, 1, input.length - 1, StandardCharsets.UTF_8));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            final CoreConfig config;
            try
            {
                config = loader.load(file, CoreConfig.BINDER);
            }
            catch (final ConfigValidationException ex)
            {
                if (ex.errors().isEmpty())
                {
                    throw new AssertionError("a config error listing no error", ex);
                }
                return;
            }
            final int ringSize = config.bus().ringSize();
            if (ringSize < 64 || ringSize > 1 << 24 || Integer.bitCount(ringSize) != 1 ||
                config.bus().partitions() < 1 || config.bus().partitions() > 256 ||
                config.bus().waitStrategy() == null ||
                config.stepBudget().toNanos() < 1_000 || config.stepBudget().compareTo(Duration.ofSeconds(10)) > 0 ||
                config.nodeId() < 0 || config.nodeId() > 1023)
            {
                throw new AssertionError("a config outside its documented ranges: " + config);
            }
        }
    }
}
