package io.disruptorx.bench.gateway;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The TLS comparison's design: every round runs every leg once, each leg runs first in some round, and each leg
 * runs before each other leg in exactly half of the rounds (the quick rounds: each leg once in each place); the
 * medians.
 */
class TlsRoundsTest
{
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6})
    void shouldPutEachLegBeforeEachOtherInHalfOfTheRounds(final int legs)
    {
        final int[][] rounds = TlsRounds.orders(legs);

        assertThat(rounds.length).isEqualTo(legs % 2 == 0 ? legs : 2 * legs);
        final boolean[] first = new boolean[legs];
        for (final int[] round : rounds)
        {
            assertThat(round).hasSize(legs);
            assertThat(round).containsExactlyInAnyOrder(IntStream.range(0, legs).toArray());
            first[round[0]] = true;
        }
        assertThat(first).containsOnly(true);
        for (int a = 0; a < legs; a++)
        {
            for (int b = a + 1; b < legs; b++)
            {
                int aFirst = 0;
                for (final int[] round : rounds)
                {
                    aFirst += indexOf(round, a) < indexOf(round, b) ? 1 : 0;
                }
                assertThat(aFirst).as("rounds with leg %d before leg %d", a, b).isEqualTo(rounds.length / 2);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 6})
    void shouldRunEachLegOnceInEachPlaceInTheQuickRounds(final int legs)
    {
        final int[][] rounds = TlsRounds.quickOrders(legs);

        assertThat(rounds.length).isEqualTo(legs);
        for (int place = 0; place < legs; place++)
        {
            final int at = place;
            assertThat(IntStream.range(0, legs).map(r -> rounds[r][at]).toArray()).as("legs in place %d", place)
                .containsExactlyInAnyOrder(IntStream.range(0, legs).toArray());
        }
        for (final int[] round : rounds)
        {
            assertThat(round).containsExactlyInAnyOrder(IntStream.range(0, legs).toArray());
        }
    }

    @Test
    void shouldTakeTheMiddleOrTheMeanOfTheMiddleTwo()
    {
        assertThat(TlsRounds.median(new long[]{5, -3, 9})).isEqualTo(5);
        assertThat(TlsRounds.median(new long[]{4, 1, 10, 2})).isEqualTo(3);
        assertThat(TlsRounds.median(new double[]{0.8, 0.9, 1.0, 0.7})).isCloseTo(0.85, within(1e-9));
        assertThat(TlsRounds.nanosToMicros(-1_500)).isEqualTo(-2);
        assertThat(TlsRounds.nanosToMicros(1_499)).isEqualTo(1);
    }

    private static int indexOf(final int[] round, final int leg)
    {
        for (int i = 0; i < round.length; i++)
        {
            if (round[i] == leg)
            {
                return i;
            }
        }
        return -1;
    }
}
