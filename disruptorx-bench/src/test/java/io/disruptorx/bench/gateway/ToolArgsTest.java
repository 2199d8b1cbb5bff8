package io.disruptorx.bench.gateway;

import io.disruptorx.core.tls.TlsConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway legs' profiling tools read their arguments with picocli: defaults when none are given, every option
 * when given, the TLS provider in either case.
 */
class ToolArgsTest
{
    @Test
    void shouldKeepTheDefaultsWhenNoArgumentIsGiven()
    {
        final JsonLegBench.Options json = ToolArgs.parse(new JsonLegBench.Options(), new String[0]);
        assertThat(json.rounds).isEqualTo(3);
        assertThat(json.warmup).isEqualTo(5.0);
        final BinaryLegBench.Options binary = ToolArgs.parse(new BinaryLegBench.Options(), new String[0]);
        assertThat(binary.tls).isFalse();
        assertThat(binary.provider).isNull();
    }

    @Test
    void shouldReadEveryOption()
    {
        final FixLegBench.Options fix = ToolArgs.parse(new FixLegBench.Options(),
            new String[] {"--rounds", "5", "--rate", "20000", "--sessions", "2", "--paced", "4", "--anchor"});
        assertThat(fix.rounds).isEqualTo(5);
        assertThat(fix.rate).isEqualTo(20_000L);
        assertThat(fix.sessions).isEqualTo(2);
        assertThat(fix.paced).isEqualTo(4);
        assertThat(fix.anchor).isTrue();
        final JsonLegBench.Options json = ToolArgs.parse(new JsonLegBench.Options(),
            new String[] {"--window", "64", "--warmup", "0.5"});
        assertThat(json.window).isEqualTo(64);
        assertThat(json.warmup).isEqualTo(0.5);
        final BinaryLegBench.Options binary = ToolArgs.parse(new BinaryLegBench.Options(),
            new String[] {"--tls-provider", "openssl"});
        assertThat(binary.provider).isEqualTo(TlsConfig.Provider.OPENSSL);
    }
}
