package io.disruptorx.bench.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class BookFlowRunnerTest
{
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {5, 42, 99})
    void shouldTradeExactlyAsTheReferenceBookAndEmptyTheBooksOverManyCycles(final long seed)
    {
        for (final int instruments : new int[] {1, 7})
        {
            final OrderFlow flow = OrderFlowGenerator.generate(seed, instruments, 100, 40, 50_000);
            final BookFlowRunner book = new BookFlowRunner(flow);
            for (int cycle = 0; cycle < 3; cycle++)
            {
                assertThat(book.runCycle()).as("seed %d", seed).isEqualTo(50_000);
            }

            assertThat(book.verifyFinalState()).as("seed %d instruments %d", seed, instruments).isNull();
        }
    }
}
