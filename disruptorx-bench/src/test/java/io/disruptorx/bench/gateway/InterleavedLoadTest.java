package io.disruptorx.bench.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link InterleavedLoad} deals a paced schedule to the legs: a buy and the sell that trades with it go to the
 * same leg, pairs go to the legs in the given order over and over, so each leg gets an equal share spread over the
 * whole pass. (A pass over real connections: {@code TlsBenchLegTest}, through the TLS comparison.)
 */
class InterleavedLoadTest
{
    @Test
    void shouldDealEachPairToOneLegInTheGivenOrder()
    {
        final int[] dealing = {2, 0, 1};
        final int[] expected = {2, 2, 0, 0, 1, 1, 2, 2, 0, 0, 1, 1};
        for (int index = 0; index < expected.length; index++)
        {
            assertThat(InterleavedLoad.legOf(dealing, index)).as("order %d", index).isEqualTo(expected[index]);
        }
    }

    @Test
    void shouldGiveEachLegAnEqualShareOfAWholeNumberOfRotations()
    {
        final int[] dealing = {3, 1, 0, 2};
        final int[] orders = new int[dealing.length];
        for (long index = 0; index < 8 * 1_000; index++)
        {
            orders[InterleavedLoad.legOf(dealing, index)]++;
        }
        assertThat(orders).containsOnly(2_000);
    }
}
