package io.disruptorx.bench.bus;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BusQuickBenchTest
{
    @Test
    void shouldAcceptQuickAndARunCountAndRefuseAnythingElse()
    {
        assertThat(BusQuickBench.runs(new String[]{"--quick"})).isEqualTo(8);
        assertThat(BusQuickBench.runs(new String[0])).isEqualTo(8);
        assertThat(BusQuickBench.runs(new String[]{"--control"})).isEqualTo(9);
        assertThat(BusQuickBench.runs(new String[]{"--quick", "3"})).isEqualTo(3);
        assertThat(BusQuickBench.runs(new String[]{"--quick", "--control", "5"})).isEqualTo(5);
        assertThat(BusQuickBench.control(new String[]{"--quick", "--control"})).isTrue();
        assertThat(BusQuickBench.control(new String[]{"--quick"})).isFalse();
        assertThatThrownBy(() -> BusQuickBench.runs(new String[]{"--fast"}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown argument '--fast'");
        assertThatThrownBy(() -> BusQuickBench.runs(new String[]{"0"}))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldTakeTheMiddleOfAnOddCountAndTheMeanOfTheTwoMiddlesOfAnEvenOne()
    {
        assertThat(BusQuickBench.median(new long[]{5, 1, 3})).isEqualTo(3);
        assertThat(BusQuickBench.median(new long[]{4, 1, 3, 2})).isEqualTo(2);
        assertThat(BusQuickBench.median(new double[]{0.9, 1.1, 1.0, 0.8})).isEqualTo(0.95, within(1e-9));
    }
}
