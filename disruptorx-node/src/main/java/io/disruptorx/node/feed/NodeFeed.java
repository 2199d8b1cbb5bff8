package io.disruptorx.node.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.marketdata.FeedState;
import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.client.FeedClientConfig;
import io.disruptorx.marketdata.client.FeedClientCounters;
import io.disruptorx.marketdata.client.FeedClientRunner;
import io.disruptorx.marketdata.server.FeedServer;
import io.disruptorx.marketdata.server.FeedServerConfig;
import io.disruptorx.marketdata.server.LossModel;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.EngineImage;
import io.disruptorx.node.embedded.MarketDataSink;
import org.agrona.ExpandableArrayBuffer;

/**
 * A node's market data feed with in-process subscribers: the {@link FeedServer} (lines A/B, retransmission,
 * recovery and TCP feed servers), its {@link MarketDataSink} for {@link EmbeddedNode#start}, the opening
 * image of a restarted node, and {@link FeedClientRunner} subscribers on their own (blocking) threads, with
 * their counters summed and their books compared with the engine at the end.
 *
 * <p>Order of use: {@link #start}, {@link EmbeddedNode#start} with {@link #sink()}, {@link #openingImage}
 * before the first command, {@link #addSubscriber} any time; at the end close the node, then
 * {@link #endOfSession()}, {@link #awaitSubscribersEnded}, {@link #stopSubscribers()} and
 * {@link #compare(MatchingEngine)}.
 */
public final class NodeFeed implements AutoCloseable
{
    private final FeedServer server;
    private final FeedSinkAdapter sink;
    private final List<FeedClientRunner> subscribers = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;

    private NodeFeed(final FeedServer server)
    {
        this.server = server;
        this.sink = new FeedSinkAdapter(server);
    }

    /**
     * @param config feed settings.
     * @return the running feed, no subscribers yet.
     */
    public static NodeFeed start(final FeedServerConfig config)
    {
        return new NodeFeed(FeedServer.start(config));
    }

    /**
     * @return the sink to give the node.
     */
    public MarketDataSink sink()
    {
        return sink;
    }

    /**
     * @return the feed server (addresses, server counters).
     */
    public FeedServer server()
    {
        return server;
    }

    /**
     * Publishes the node's recovered book as the start of the session (nothing for a fresh node). Call it on
     * the thread that started the node, before any command is sent to it.
     *
     * @param node the node, just started.
     * @return messages published.
     */
    public int openingImage(final EmbeddedNode node)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64 * 1024);
        final int length = EngineImage.beforeFirstCommand(node, buffer);
        return OpeningImage.publish(buffer, length, server);
    }

    /**
     * Starts one in-process subscriber from sequence 1 on its own thread.
     *
     * @param lossA loss injected on line A for this subscriber only (unicast lines), or null.
     * @param lossB the same for line B, or null.
     * @param seed  the client's jitter seed.
     * @return the subscriber.
     */
    public FeedClientRunner addSubscriber(final LossModel lossA, final LossModel lossB, final long seed)
    {
        final FeedClientConfig config = FeedClientConfig.builder().session(server.session()).seed(seed).build();
        final FeedClientRunner runner = server.subscribe(config, new MarketDataListener()
        {
        }, lossA, lossB, "dx-md-client-" + (subscribers.size() + 1));
        subscribers.add(runner);
        return runner;
    }

    /**
     * @return the subscribers.
     */
    public List<FeedClientRunner> subscribers()
    {
        return subscribers;
    }

    /**
     * @return gaps closed, over all subscribers (by the other line, a retransmission or a snapshot).
     */
    public long gapsRecovered()
    {
        long total = 0;
        for (final FeedClientRunner runner : subscribers)
        {
            total += runner.client().counters().gapsFilled();
        }
        return total;
    }

    /**
     * @return messages subscribers delivered while handling retransmission responses (the resent ones and the
     * buffered ones they released), in total.
     */
    public long messagesRetransmitted()
    {
        long total = 0;
        for (final FeedClientRunner runner : subscribers)
        {
            total += runner.client().counters().messagesRecovered();
        }
        return total;
    }

    /**
     * @return retransmission requests sent, over all subscribers.
     */
    public long requestsSent()
    {
        long total = 0;
        for (final FeedClientRunner runner : subscribers)
        {
            total += runner.client().counters().requestsSent();
        }
        return total;
    }

    /**
     * @return snapshots loaded, over all subscribers.
     */
    public long snapshotsLoaded()
    {
        long total = 0;
        for (final FeedClientRunner runner : subscribers)
        {
            total += runner.client().counters().snapshotsLoaded();
        }
        return total;
    }

    /**
     * @return subscribers with nothing missing right now (synchronized or at the end of the session).
     */
    public int synchronizedCount()
    {
        int count = 0;
        for (final FeedClientRunner runner : subscribers)
        {
            if (runner.state() != FeedState.RECOVERING)
            {
                count++;
            }
        }
        return count;
    }

    /**
     * Ends the session; call it once the node has closed (nothing publishes any more).
     */
    public void endOfSession()
    {
        server.endOfSession();
    }

    /**
     * Waits (parked, not spinning) until every subscriber has reached the end of the session.
     *
     * @param timeoutNanos longest wait.
     * @return whether all did.
     */
    public boolean awaitSubscribersEnded(final long timeoutNanos)
    {
        final long deadline = System.nanoTime() + timeoutNanos;
        while (true)
        {
            boolean all = true;
            for (final FeedClientRunner runner : subscribers)
            {
                all &= runner.state() == FeedState.ENDED;
            }
            if (all)
            {
                return true;
            }
            if (System.nanoTime() >= deadline)
            {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /**
     * Stops the subscribers' threads; their books may be read afterwards.
     */
    public void stopSubscribers()
    {
        if (stopped)
        {
            return;
        }
        stopped = true;
        for (final FeedClientRunner runner : subscribers)
        {
            server.unsubscribe(runner);
            runner.close();
        }
    }

    /**
     * Compares every subscriber's book with the engine (node closed, subscribers stopped).
     *
     * @param engine the engine.
     * @return per subscriber, the differences (empty lists when equal).
     */
    public List<List<String>> compare(final MatchingEngine engine)
    {
        final List<List<String>> result = new ArrayList<>();
        for (final FeedClientRunner runner : subscribers)
        {
            result.add(BookCheck.differences(engine, runner.book()));
        }
        return result;
    }

    /**
     * @param runner a subscriber.
     * @return its counters, one line.
     */
    public static String describe(final FeedClientRunner runner)
    {
        final FeedClientCounters counters = runner.client().counters();
        return runner.state() + " delivered=" + counters.messagesDelivered() + " gaps=" + counters.gapsDetected() +
            " filled=" + counters.gapsFilled() + " requests=" + counters.requestsSent() + " recovered=" +
            counters.messagesRecovered() + " otherLineCopies=" + counters.copiesFromOtherLine() + " duplicates=" +
            counters.repeatedOnLine() + " resentAlreadyHeld=" + counters.resentAlreadyHeld() + " snapshots=" +
            counters.snapshotsLoaded();
    }

    @Override
    public void close()
    {
        stopSubscribers();
        server.close();
    }
}
