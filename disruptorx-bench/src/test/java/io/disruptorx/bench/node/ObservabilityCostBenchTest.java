package io.disruptorx.bench.node;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ObservabilityCostBenchTest
{
    @Test
    void shouldReportTheMedianAndRangeOfAnOddNumberOfRounds()
    {
        assertThat(CostBenchOptions.spread(new long[]{30_000, 10_000, 20_000})).isEqualTo("20.0(10.0..30.0)");
    }

    @Test
    void shouldAverageTheMiddleTwoOfAnEvenNumberOfRounds()
    {
        assertThat(CostBenchOptions.spread(new long[]{4_000, 1_000, 2_000, 9_000})).isEqualTo("3.0(1.0..9.0)");
    }
}
