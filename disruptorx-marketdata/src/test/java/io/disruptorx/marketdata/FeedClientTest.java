package io.disruptorx.marketdata;

import java.util.ArrayList;
import java.util.List;

import io.disruptorx.marketdata.book.BookUpdater;
import io.disruptorx.marketdata.book.MarketBook;
import io.disruptorx.marketdata.book.SnapshotCodec;
import io.disruptorx.marketdata.client.FeedClient;
import io.disruptorx.marketdata.client.FeedClientConfig;
import io.disruptorx.marketdata.client.RecoveryActions;
import io.disruptorx.marketdata.wire.MoldUdp64;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's sequencing logic alone, with packets captured from a real publisher and a fixed clock.
 */
class FeedClientTest implements RecoveryActions
{
    private static final long MS = 1_000_000L;

    private final List<String> actions = new ArrayList<>();
    private final MarketBook book = new MarketBook();
    private final BookUpdater updater = new BookUpdater(book, new MarketDataListener()
    {
    });
    private final TestFeed feed = new TestFeed(1024, 1400, 10 * MS);
    private final FeedClient client = new FeedClient(
        FeedClientConfig.builder().seed(1).lineWait(2 * MS, 0).backoff(10 * MS, 40 * MS).maxRequestAttempts(3).build(),
        updater, (buffer, offset, length) -> SnapshotCodec.read(buffer, offset, length, book),
        new MarketDataListener()
        {
        }, this);

    @Override
    public void requestRetransmission(final long fromSequence, final int count)
    {
        actions.add("request " + fromSequence + "+" + count);
    }

    @Override
    public void requestSnapshot()
    {
        actions.add("snapshot");
    }

    private void receive(final int source, final int packet, final long now)
    {
        final byte[] bytes = feed.packets.get(packet);
        client.onPacket(source, new UnsafeBuffer(bytes), 0, bytes.length, now);
    }

    @Test
    void shouldDeliverTheFirstCopyAndDropTheOtherLinesDuplicate()
    {
        feed.addOrders(3);
        receive(FeedClient.LINE_A, 0, 0);
        receive(FeedClient.LINE_B, 0, 0);
        assertThat(client.counters().messagesDelivered()).isEqualTo(3);
        assertThat(client.counters().duplicatesDropped()).isEqualTo(3);
        assertThat(book.orderCount()).isEqualTo(3);
        assertThat(client.state()).isEqualTo(FeedState.SYNCHRONIZED);
    }

    @Test
    void shouldTellTheOtherLinesCopiesFromTrueDuplicatesAndFromResentCopies()
    {
        feed.addOrders(3);
        receive(FeedClient.LINE_B, 0, 0);
        receive(FeedClient.LINE_A, 0, 0);
        assertThat(client.counters().copiesFromOtherLine()).isEqualTo(3);
        assertThat(client.counters().repeatedOnLine()).isZero();

        receive(FeedClient.LINE_A, 0, 0);
        receive(FeedClient.LINE_B, 0, 0);
        receive(FeedClient.RETRANSMISSION, 0, 0);

        assertThat(client.counters().messagesDelivered()).isEqualTo(3);
        assertThat(client.counters().copiesFromOtherLine()).isEqualTo(3);
        assertThat(client.counters().repeatedOnLine()).isEqualTo(6);
        assertThat(client.counters().resentAlreadyHeld()).isEqualTo(3);
        assertThat(client.counters().duplicatesDropped()).isEqualTo(12);
    }

    @Test
    void shouldWaitForTheOtherLineBeforeRequesting()
    {
        feed.addOrders(3);
        feed.addOrders(3);
        feed.addOrders(3);
        receive(FeedClient.LINE_A, 0, 0);
        receive(FeedClient.LINE_A, 2, 0);
        assertThat(client.state()).isEqualTo(FeedState.RECOVERING);
        client.onTimer(1 * MS);
        assertThat(actions).isEmpty();
        receive(FeedClient.LINE_B, 1, 1 * MS);
        assertThat(client.state()).isEqualTo(FeedState.SYNCHRONIZED);
        assertThat(client.nextSequence()).isEqualTo(10);
        client.onTimer(50 * MS);
        assertThat(actions).isEmpty();
    }

    @Test
    void shouldRequestTheMissingRangeWithBackoffThenFallBackToSnapshot()
    {
        feed.addOrders(3);
        feed.addOrders(3);
        feed.addOrders(3);
        receive(FeedClient.LINE_A, 0, 0);
        receive(FeedClient.LINE_A, 2, 0);
        client.onTimer(2 * MS);
        assertThat(actions).containsExactly("request 4+3");
        client.onTimer(5 * MS);
        assertThat(actions).hasSize(1);
        client.onTimer(20 * MS);
        client.onTimer(60 * MS);
        assertThat(actions).containsExactly("request 4+3", "request 4+3", "request 4+3");
        client.onTimer(200 * MS);
        assertThat(actions).last().isEqualTo("snapshot");
        assertThat(client.counters().requestsSent()).isEqualTo(3);
    }

    @Test
    void shouldLoadASnapshotAndDropBufferedMessagesAtOrBelowItsSequence()
    {
        feed.addOrders(3);
        feed.addOrders(3);
        feed.addOrders(3);
        receive(FeedClient.LINE_A, 0, 0);
        receive(FeedClient.LINE_A, 2, 0);
        final byte[] refusal = new byte[MoldUdp64.REFUSAL_LENGTH];
        final UnsafeBuffer view = new UnsafeBuffer(refusal);
        MoldUdp64.writeRefusal(view, 0, MoldUdp64.REFUSAL_TOO_OLD, 5);
        client.onPacket(FeedClient.RETRANSMISSION, view, 0, refusal.length, 3 * MS);
        assertThat(actions).containsExactly("snapshot");
        assertThat(client.counters().tooOld()).isEqualTo(1);

        final MarketBook serverBook = new MarketBook();
        final BookUpdater serverUpdater = new BookUpdater(serverBook, new MarketDataListener()
        {
        });
        final UnsafeBuffer message = new UnsafeBuffer(new byte[256]);
        for (long s = 1; s <= 7; s++)
        {
            serverUpdater.onMessage(s, message, 0, feed.store.read(s, message, 0));
        }
        final ExpandableArrayBuffer frames = new ExpandableArrayBuffer(4096);
        final int length = SnapshotCodec.write(serverBook, 7, 0, frames, 0);
        client.onSnapshot(frames, 0, length, 4 * MS);

        assertThat(client.counters().droppedBySnapshot()).isEqualTo(1);
        assertThat(client.nextSequence()).isEqualTo(10);
        assertThat(client.state()).isEqualTo(FeedState.SYNCHRONIZED);
        assertThat(book.orderCount()).isEqualTo(9);
        assertThat(book.quantity(9)).isEqualTo(10);
    }

    @Test
    void shouldCountGarbageAndKeepGoing()
    {
        feed.addOrders(2);
        client.onPacket(FeedClient.LINE_A, new UnsafeBuffer(new byte[7]), 0, 7, 0);
        final byte[] truncated = feed.packets.get(0).clone();
        client.onPacket(FeedClient.LINE_A, new UnsafeBuffer(truncated), 0, truncated.length - 3, 0);
        final byte[] otherSession = feed.packets.get(0).clone();
        otherSession[0] = 'X';
        client.onPacket(FeedClient.LINE_A, new UnsafeBuffer(otherSession), 0, otherSession.length, 0);
        assertThat(client.counters().garbage()).isEqualTo(3);
        receive(FeedClient.LINE_A, 0, 0);
        assertThat(client.counters().messagesDelivered()).isEqualTo(2);
    }

    @Test
    void shouldGoRecoveringAndFetchASnapshotWhenToldToResynchronize()
    {
        feed.addOrders(3);
        receive(FeedClient.LINE_A, 0, 0);
        assertThat(client.state()).isEqualTo(FeedState.SYNCHRONIZED);

        client.resynchronize(MS);
        assertThat(client.state()).as("after an error the book is not trusted").isEqualTo(FeedState.RECOVERING);
        assertThat(actions).containsExactly("snapshot");
        client.resynchronize(2 * MS);
        assertThat(actions).as("one fetch in flight at a time").containsExactly("snapshot");

        client.onSnapshotFailed(3 * MS);
        client.resynchronize(4 * MS);
        assertThat(client.onTimer(5 * MS)).as("the failed fetch is retried after the wait, not at once")
            .isEqualTo(4 * MS + FeedClientConfig.builder().build().snapshotRetryNanos());
        assertThat(actions).containsExactly("snapshot");
        client.onTimer(100 * MS);
        assertThat(actions).containsExactly("snapshot", "snapshot");

        final ExpandableArrayBuffer frames = new ExpandableArrayBuffer(4096);
        final MarketBook serverBook = new MarketBook();
        final BookUpdater serverUpdater = new BookUpdater(serverBook, new MarketDataListener()
        {
        });
        final UnsafeBuffer message = new UnsafeBuffer(new byte[256]);
        for (long s = 1; s <= 3; s++)
        {
            serverUpdater.onMessage(s, message, 0, feed.store.read(s, message, 0));
        }
        client.onSnapshot(frames, 0, SnapshotCodec.write(serverBook, 3, 0, frames, 0), 101 * MS);
        assertThat(client.state()).isEqualTo(FeedState.SYNCHRONIZED);
        assertThat(client.nextSequence()).isEqualTo(4);
        assertThat(book.orderCount()).isEqualTo(3);
    }

    @Test
    void shouldCountMessagesTooLongToBufferAheadOfAGap()
    {
        final FeedClientConfig d = FeedClientConfig.builder().seed(1).lineWait(2 * MS, 0).build();
        final FeedClient small = new FeedClient(new FeedClientConfig(d.session(), d.startSequence(),
            d.startWithSnapshot(), d.lineWaitNanos(), d.lineWaitJitterNanos(), d.initialBackoffNanos(),
            d.maxBackoffNanos(), d.maxRequestAttempts(), d.maxRequestCount(), d.bufferCapacity(), 16,
            d.snapshotRetryNanos(), d.seed()), updater,
            (buffer, offset, length) -> SnapshotCodec.read(buffer, offset, length, book), new MarketDataListener()
            {
            }, this);
        feed.addOrders(3);
        feed.addOrders(3);
        feed.addOrders(3);
        final byte[] first = feed.packets.get(0);
        small.onPacket(FeedClient.LINE_A, new UnsafeBuffer(first), 0, first.length, 0);
        final byte[] third = feed.packets.get(2);
        small.onPacket(FeedClient.LINE_A, new UnsafeBuffer(third), 0, third.length, 0);
        assertThat(small.counters().oversizedDropped()).as("7 to 9 could not wait for 4 to 6").isEqualTo(3);

        final byte[] second = feed.packets.get(1);
        small.onPacket(FeedClient.LINE_A, new UnsafeBuffer(second), 0, second.length, MS);
        assertThat(small.counters().messagesDelivered()).isEqualTo(6);
        assertThat(small.nextSequence()).isEqualTo(7);
        assertThat(small.state()).as("7 to 9 are still missing").isEqualTo(FeedState.RECOVERING);
    }
}
