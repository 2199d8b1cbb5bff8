package io.disruptorx.dashboard;

import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.metrics.RegistryReader;
import io.disruptorx.marketdata.book.MarketBook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SharedUpdatesTest
{
    private static final long MS = 1_000_000L;
    private static final long T0 = 5_000 * MS;

    private final MarketBook book = new MarketBook();
    private final MarketView market = new MarketView();
    private final RegistryReader reader = new RegistryReader(new MetricsRegistry());
    private final SharedUpdates shared = new SharedUpdates(
        new DashboardUpdates(market, () -> MetricsReading.of(reader), () -> 1_700_000_000_000L));
    private long feedSequence;

    @Test
    void shouldBuildOneUpdateForEveryPageInTheSameStateAndOneMoreForAPageThatDiffers()
    {
        add(1, 1, 0, 100, 3);
        add(2, 2, 1, 205, 7);
        final DashboardView[] pages = {new DashboardView(), new DashboardView(), new DashboardView()};
        pages[2].select(2);

        shared.tick(T0);
        final String first = shared.update(pages[0], T0);
        assertThat(shared.update(pages[1], T0)).isSameAs(first);
        final String other = shared.update(pages[2], T0);
        assertThat(first).contains("\"book\":{\"i\":1,");
        assertThat(other).contains("\"book\":{\"i\":2,");
        assertThat(shared.builds()).isEqualTo(2);

        add(1, 3, 0, 101, 1);
        shared.tick(T0 + 100 * MS);
        final String change = shared.update(pages[0], T0 + 100 * MS);
        assertThat(change).contains("\"bids\":[[101,1,1],[100,3,1]]").doesNotContain("\"instruments\"");
        assertThat(shared.update(pages[1], T0 + 100 * MS)).isSameAs(change);
        assertThat(shared.update(pages[2], T0 + 100 * MS)).isNull();
        assertThat(shared.builds()).isEqualTo(4);

        pages[1].select(2);
        shared.tick(T0 + 200 * MS);
        assertThat(shared.update(pages[0], T0 + 200 * MS)).isNull();
        assertThat(shared.update(pages[1], T0 + 200 * MS)).contains("\"book\":{\"i\":2,");
        assertThat(pages[0].requestedInstrument()).isZero();
        assertThat(pages[1].requestedInstrument()).isEqualTo(2);
    }

    private void add(final int instrument, final long orderId, final int side, final long price, final long quantity)
    {
        market.onBookChanged(++feedSequence, book.add(instrument, orderId, side, price, quantity));
    }
}
