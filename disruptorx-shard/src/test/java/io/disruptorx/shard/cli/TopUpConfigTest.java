package io.disruptorx.shard.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.disruptorx.core.config.ConfigValidationException;
import io.disruptorx.shard.transfer.TopUpInstrument;
import io.disruptorx.shard.transfer.TopUpPolicies;
import io.disruptorx.shard.transfer.TopUpPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code shard-gateway.top-up} section of a shard gateway's config file: read with its defaults, absent, and
 * refused with the key at fault.
 */
class TopUpConfigTest
{
    @TempDir
    Path dir;

    @Test
    void shouldReadThePoliciesAndInstrumentsWithTheirDefaults() throws IOException
    {
        final TopUpPolicies policies = TopUpConfig.read(write("""
            shard-gateway {
              shards = [ { link = "127.0.0.1:9700" }, { link = "127.0.0.1:9701" } ]
              top-up {
                instruments = [ { id = 1, base = 1, quote = 2 }, { id = 2, base = 3, quote = 2, lot = 10,
                  quantity-scale = 2, taker-fee-per-lot = 5 } ]
                accounts = [
                  { account = 11, assets = [2], max-per-top-up = 1000, max-per-day = 5000 }
                  { account = 12, enabled = false, assets = [1, 2], max-per-top-up = 10, max-per-day = 10 }
                ]
              }
            }
            """));

        assertThat(policies.policies()).containsExactly(
            new TopUpPolicy(11, true, List.of(2), 1_000, 5_000),
            new TopUpPolicy(12, false, List.of(1, 2), 10, 10));
        assertThat(policies.instrument(1)).isEqualTo(new TopUpInstrument(1, 1, 2, 0, 1, 0));
        assertThat(policies.instrument(2)).isEqualTo(new TopUpInstrument(2, 3, 2, 2, 10, 5));
        assertThat(policies.instrument(2).hold(true, 250, 400)).as("250 x 400 / 100 + 40 lots x 5")
            .isEqualTo(1_200);
        assertThat(policies.enabledFor(11)).isNotNull();
        assertThat(policies.enabledFor(12)).as("disabled").isNull();
        assertThat(policies.enabledFor(13)).as("no policy").isNull();
    }

    @Test
    void shouldReadNoPoliciesWithoutTheSection() throws IOException
    {
        assertThat(TopUpConfig.read(write("shard-gateway { shards = [ { link = \"127.0.0.1:9700\" } ] }")))
            .isNull();
    }

    @Test
    void shouldRefuseAMisspeltKeyAndADailyMaximumBelowThePerTopUpMaximum() throws IOException
    {
        assertThatThrownBy(() -> TopUpConfig.read(write("""
            shard-gateway.top-up.accounts = [
              { account = 11, assets = [2], max-per-topup = 1000, max-per-day = 5000 }
            ]
            """))).isInstanceOf(ConfigValidationException.class).hasMessageContaining("max-per-topup");
        assertThatThrownBy(() -> TopUpConfig.read(write("""
            shard-gateway.top-up.accounts = [
              { account = 11, assets = [2], max-per-top-up = 1000, max-per-day = 500 }
            ]
            """))).isInstanceOf(ConfigValidationException.class).hasMessageContaining("max-per-day");
        assertThatThrownBy(() -> TopUpConfig.read(write("""
            shard-gateway.top-up.accounts = [
              { account = 11, assets = [2], max-per-top-up = 10, max-per-day = 50 }
              { account = 11, assets = [1], max-per-top-up = 10, max-per-day = 50 }
            ]
            """))).isInstanceOf(ConfigValidationException.class).hasMessageContaining("account 11");
    }

    private Path write(final String text) throws IOException
    {
        final Path file = dir.resolve("gateway.conf");
        Files.writeString(file, text);
        return file;
    }
}
