package io.disruptorx.dashboard;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CandlesTest
{
    private static final long SECOND = 1_000_000_000L;

    private final Candles candles = new Candles();

    @Test
    void shouldKeepTheLastWindowOfSecondsAndLeaveOutATradeOlderThanItsSlot()
    {
        assertThat(candles.latest()).isEqualTo(Candles.NONE);
        assertThat(list(Candles.NONE)).isEmpty();
        candles.add(5 * SECOND, 50, 1);
        candles.add(6 * SECOND, 60, 1);
        candles.add((5 + Candles.SECONDS) * SECOND, 70, 2);
        candles.add(5 * SECOND + 1, 40, 9);
        assertThat(candles.latest()).isEqualTo(5 + Candles.SECONDS);
        assertThat(list(Candles.NONE)).containsExactly("6 60 60 60 60 1", "125 70 70 70 70 2");
        assertThat(list(7)).containsExactly("125 70 70 70 70 2");

        final Candles copy = new Candles();
        candles.copyTo(copy);
        candles.add(126 * SECOND, 71, 1);
        assertThat(copy.latest()).isEqualTo(125);
    }

    @Test
    void shouldPutTradesBeforeTheEpochInTheirOwnSecond()
    {
        candles.add(-1, 10, 1);
        candles.add(0, 11, 1);
        assertThat(list(Candles.NONE)).containsExactly("-1 10 10 10 10 1", "0 11 11 11 11 1");
    }

    private List<String> list(final long from)
    {
        final List<String> out = new ArrayList<>();
        candles.forEachFrom(from, (second, open, high, low, close, volume) ->
            out.add(second + " " + open + " " + high + " " + low + " " + close + " " + volume));
        return out;
    }
}
