package io.disruptorx.bench.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineFlowRunnerTest
{
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {5, 42, 99})
    void shouldTradeExactlyAsTheReferenceBookAndConserveBalancesOverManyCycles(final long seed)
    {
        final OrderFlow flow = OrderFlowGenerator.generate(seed, 7, 100, 40, 50_000);
        for (final boolean fees : new boolean[] {true, false})
        {
            final EngineFlowRunner ours = new EngineFlowRunner(flow, fees);
            for (int cycle = 0; cycle < 3; cycle++)
            {
                assertThat(ours.runCycle()).as("seed %d", seed).isEqualTo(50_000);
            }

            assertThat(ours.verifyFinalState()).as("seed %d fees %s", seed, fees).isNull();
        }
    }

    @Test
    void shouldNoticeWhenTheBalancesDoNotMatchTheLedger()
    {
        final OrderFlow flow = OrderFlowGenerator.generate(1, 1, 50, 10, 5_000);
        final EngineFlowRunner ours = new EngineFlowRunner(flow, true);
        ours.runCycle();
        assertThat(ours.verifyFinalState()).isNull();

        assertThat(ours.verifyFinalState()).as("second drain finds the accounts already empty").isNotNull();
    }

    @Test
    void shouldRefuseACycleWhoseTradesDifferFromTheReference()
    {
        final OrderFlow flow = OrderFlowGenerator.generate(1, 1, 50, 10, 5_000);
        final OrderFlow other = OrderFlowGenerator.generate(2, 1, 50, 10, 5_000);

        assertThatThrownBy(() -> FlowCheck.checkCycle("x", flow, other.expectedTrades() + 1, 0, 0))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("diverged");
    }
}
