package io.disruptorx.node.embedded;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.disruptorx.engine.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RecentTradesTest
{
    @Test
    void shouldReturnTheNewestTradesNewestFirst()
    {
        final RecentTrades trades = new RecentTrades(8);
        for (long id = 1; id <= 20; id++)
        {
            trades.add(id, id * 10, 1, 100 + id, id, id % 2 == 0 ? Side.BUY : Side.SELL);
        }

        final List<RecentTrades.Trade> newest = trades.newest(3);

        assertThat(newest).containsExactly(
            new RecentTrades.Trade(20, 200, 1, 120, 20, Side.BUY),
            new RecentTrades.Trade(19, 190, 1, 119, 19, Side.SELL),
            new RecentTrades.Trade(18, 180, 1, 118, 18, Side.BUY));
        assertThat(trades.newest(100)).as("one slot may be under the writer").hasSize(7)
            .extracting(RecentTrades.Trade::tradeId).containsExactly(20L, 19L, 18L, 17L, 16L, 15L, 14L);
        assertThat(trades.count()).isEqualTo(20);
        assertThatThrownBy(() -> new RecentTrades(10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldNeverShowATradeHalfWrittenWhileTheWriterRuns() throws InterruptedException
    {
        final RecentTrades trades = new RecentTrades(16);
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicReference<String> torn = new AtomicReference<>();
        final Thread reader = new Thread(() ->
        {
            while (running.get() && torn.get() == null)
            {
                for (final RecentTrades.Trade trade : trades.newest(16))
                {
                    final long id = trade.tradeId();
                    if (trade.price() != id * 3 || trade.quantity() != id * 7 || trade.timestamp() != id * 11)
                    {
                        torn.set(trade.toString());
                    }
                }
            }
        });
        reader.start();
        for (long id = 1; id <= 3_000_000; id++)
        {
            trades.add(id, id * 11, 1, id * 3, id * 7, Side.BUY);
        }
        running.set(false);
        reader.join();

        assertThat(torn.get()).isNull();
    }
}
