package io.disruptorx.dashboard;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TradeTapeTest
{
    @Test
    void shouldGiveTheNewestTradesOfAnInstrumentOldestFirstAfterTheWriterWrapped()
    {
        final TradeTape tape = new TradeTape(8);
        for (int i = 1; i <= 20; i++)
        {
            tape.add(i, i, i % 2, i * 10, 1, 0);
        }
        final List<Long> ids = new ArrayList<>();
        final long next = tape.read(0, 0, 10, (id, ts, instrument, price, quantity, side) -> ids.add(id));
        assertThat(ids).as("the 7 slots still readable hold 14..20; instrument 0 has the even ones")
            .containsExactly(14L, 16L, 18L, 20L);
        assertThat(next).isEqualTo(20);

        ids.clear();
        tape.add(21, 21, 1, 210, 1, 1);
        tape.add(22, 22, 0, 220, 1, 1);
        tape.read(next, 0, 10, (id, ts, instrument, price, quantity, side) -> ids.add(id));
        assertThat(ids).containsExactly(22L);
    }

    @Test
    void shouldKeepOnlyTheNewestWhenMoreArrivedThanWanted()
    {
        final TradeTape tape = new TradeTape(64);
        for (int i = 1; i <= 30; i++)
        {
            tape.add(i, i, 5, 100, 1, 0);
        }
        final List<Long> ids = new ArrayList<>();
        tape.read(0, 5, 3, (id, ts, instrument, price, quantity, side) -> ids.add(id));
        assertThat(ids).containsExactly(28L, 29L, 30L);
    }

    @Test
    void shouldRefuseACapacityThatIsNotAPowerOfTwo()
    {
        assertThatThrownBy(() -> new TradeTape(100)).isInstanceOf(IllegalArgumentException.class);
    }
}
