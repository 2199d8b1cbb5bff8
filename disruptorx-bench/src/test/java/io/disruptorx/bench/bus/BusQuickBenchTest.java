package io.disruptorx.bench.bus;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BusQuickBenchTest
{
    @Test
    void shouldAcceptQuickAndARunCountAndRefuseAnythingElse()
    {
        assertThat(BusQuickBench.runs(new String[]{"--quick"})).isEqualTo(7);
        assertThat(BusQuickBench.runs(new String[0])).isEqualTo(7);
        assertThat(BusQuickBench.runs(new String[]{"--quick", "3"})).isEqualTo(3);
        assertThatThrownBy(() -> BusQuickBench.runs(new String[]{"--fast"}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown argument '--fast'");
        assertThatThrownBy(() -> BusQuickBench.runs(new String[]{"0"}))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
