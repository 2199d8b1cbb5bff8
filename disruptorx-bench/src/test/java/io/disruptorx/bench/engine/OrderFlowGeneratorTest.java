package io.disruptorx.bench.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class OrderFlowGeneratorTest
{
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42, 20_261_101})
    void shouldGenerateTheSameFlowFromTheSameSeed(final long seed)
    {
        final OrderFlow first = OrderFlowGenerator.generate(seed, 3, 200, 50, 60_000);
        final OrderFlow second = OrderFlowGenerator.generate(seed, 3, 200, 50, 60_000);

        assertThat(second.type).as("seed %d", seed).isEqualTo(first.type);
        assertThat(second.price).as("seed %d", seed).isEqualTo(first.price);
        assertThat(second.quantity).as("seed %d", seed).isEqualTo(first.quantity);
        assertThat(second.orderRef).as("seed %d", seed).isEqualTo(first.orderRef);
        assertThat(second.expectedTrades()).as("seed %d", seed).isEqualTo(first.expectedTrades());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42, 7_777})
    void shouldFollowTheExchangeCoreLikeMixAndHitTheExactCommandCount(final long seed)
    {
        final OrderFlow flow = OrderFlowGenerator.generate(seed, 1, 1_000, 100, 200_000);

        assertThat(flow.commandCount()).isEqualTo(200_000);
        final double mix = flow.mixCount();
        assertThat(flow.mixCount(OrderFlow.NEW_GTC) / mix).as("seed %d GTC", seed).isBetween(0.09, 0.11);
        assertThat(flow.mixCount(OrderFlow.NEW_IOC) / mix).as("seed %d IOC", seed).isBetween(0.015, 0.025);
        assertThat(flow.mixCount(OrderFlow.CANCEL) / mix).as("seed %d cancel", seed).isBetween(0.06, 0.08);
        assertThat(flow.mixCount(OrderFlow.REDUCE) / mix).as("seed %d reduce", seed).isBetween(0.06, 0.08);
        assertThat(flow.mixCount(OrderFlow.MOVE) / mix).as("seed %d move", seed).isBetween(0.72, 0.76);
        assertThat(flow.cleanupCount()).as("seed %d book stays near 1k", seed).isBetween(700, 1_300);
        assertThat(flow.expectedTrades()).as("seed %d", seed).isPositive();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3, 42})
    void shouldReplayOnParityWithTheReferenceTradesCycleAfterCycle(final long seed)
    {
        final OrderFlow flow = OrderFlowGenerator.generate(seed, 20, 50, 30, 40_000);
        try (ParityFlowRunner parity = new ParityFlowRunner(flow))
        {
            for (int cycle = 0; cycle < 3; cycle++)
            {
                parity.prepareCycle();
                assertThat(parity.runCycle()).as("seed %d", seed).isEqualTo(40_000);
            }
        }
    }
}
