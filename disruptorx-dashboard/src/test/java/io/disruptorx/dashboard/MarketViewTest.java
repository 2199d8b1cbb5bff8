package io.disruptorx.dashboard;

import io.disruptorx.marketdata.FeedState;
import io.disruptorx.marketdata.book.MarketBook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The market view around snapshots and a new subscriber: a subscriber hands over a snapshot's books (each with the
 * snapshot's sequence) and then says the snapshot loaded; the books it named stay, any other is emptied. Before a
 * new subscriber starts, the view forgets its books (a page must not show a book from before the gap) and keeps its
 * trades.
 */
class MarketViewTest
{
    private final MarketBook book = new MarketBook();
    private final MarketView market = new MarketView();
    private final InstrumentView.BookCopy copy = new InstrumentView.BookCopy();

    @Test
    void shouldKeepTheBooksASnapshotHandedOverAndEmptyTheOthers()
    {
        market.onBookChanged(1, book.add(1, 1, 0, 100, 5));
        market.onBookChanged(2, book.add(2, 2, 1, 205, 7));

        final MarketBook snapshot = new MarketBook();
        market.onBookChanged(40, snapshot.add(1, 9, 0, 99, 3));
        market.onSnapshotLoaded(40);

        market.instrument(1).read(copy);
        assertThat(copy.levels(0)).isEqualTo(1);
        assertThat(copy.price(0, 0)).isEqualTo(99);
        assertThat(copy.quantity(0, 0)).isEqualTo(3);
        market.instrument(2).read(copy);
        assertThat(copy.levels(0) + copy.levels(1)).as("not in the snapshot").isZero();
        assertThat(market.sequence()).isEqualTo(40);
    }

    @Test
    void shouldForgetTheBooksButKeepTheTradesBeforeANewSubscriberStarts()
    {
        market.onFeedState(FeedState.SYNCHRONIZED);
        market.onBookChanged(1, book.add(1, 1, 0, 100, 5));
        market.onTrade(2, 1_000_000L, 1, 77, 100, 2, 0);

        market.resubscribing();

        assertThat(market.state()).isEqualTo(FeedState.RECOVERING);
        market.instrument(1).read(copy);
        assertThat(copy.levels(0) + copy.levels(1)).isZero();
        assertThat(copy.lastPrice()).isEqualTo(100);
        assertThat(copy.volume()).isEqualTo(2);
    }
}
