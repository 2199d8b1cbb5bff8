package io.disruptorx.node.venue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.disruptorx.gateway.json.MarketStreams;
import io.disruptorx.gateway.reference.InstrumentSpec;
import io.disruptorx.marketdata.client.FeedClientConfig;
import io.disruptorx.marketdata.client.FeedClientRunner;
import io.disruptorx.marketdata.server.FeedServer;
import io.disruptorx.node.feed.NodeFeed;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;

/**
 * The JSON edge's public market streams fed by the node's feed: one more subscriber of the feed
 * ({@code dx-json-md}, from the session's first message, on its own thread, recovering gaps as every subscriber
 * does) hands the book's changes to the {@link MarketStreams}, which run on a thread of their own
 * ({@code dx-json-streams}); neither touches the node's rings. Start it before {@link NodeGateways} (which mounts
 * the streams) and close it after them.
 */
public final class JsonMarketData implements AutoCloseable
{
    /** Least time between two depth updates of an instrument, as Binance's {@code @depth@100ms}. */
    public static final long DEPTH_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** Least time between two book tickers of an instrument. */
    public static final long TICKER_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final MarketStreams streams;
    private final AgentRunner runner;
    private final FeedServer feed;
    private final FeedClientRunner subscriber;

    private JsonMarketData(final MarketStreams streams, final AgentRunner runner, final FeedServer feed,
        final FeedClientRunner subscriber)
    {
        this.streams = streams;
        this.runner = runner;
        this.feed = feed;
        this.subscriber = subscriber;
    }

    /**
     * @param feed        the node's feed.
     * @param instruments the gateway's instruments.
     * @return the streams, subscribed and running.
     */
    public static JsonMarketData start(final NodeFeed feed, final List<InstrumentSpec> instruments)
    {
        final MarketStreams streams = new MarketStreams(instruments, DEPTH_INTERVAL_NANOS, TICKER_INTERVAL_NANOS,
            new SystemNanoClock(), new SystemEpochClock());
        final AgentRunner runner = new AgentRunner(new BackoffIdleStrategy(10, 10, 100_000, 1_000_000),
            error -> System.err.println("dx: JSON market streams failed (the thread keeps running): " + error), null,
            streams);
        AgentRunner.startOnThread(runner);
        final FeedServer server = feed.server();
        final FeedClientRunner subscriber;
        try
        {
            subscriber = server.subscribe(FeedClientConfig.builder().session(server.session()).build(),
                streams.listener(), null, null, "dx-json-md");
        }
        catch (final RuntimeException ex)
        {
            runner.close();
            throw ex;
        }
        return new JsonMarketData(streams, runner, server, subscriber);
    }

    /**
     * @return the streams, to give {@link NodeGateways#start}.
     */
    public MarketStreams streams()
    {
        return streams;
    }

    /**
     * @return the feed subscriber (its book and counters).
     */
    public FeedClientRunner subscriber()
    {
        return subscriber;
    }

    @Override
    public void close()
    {
        feed.unsubscribe(subscriber);
        streams.onClose();
        subscriber.close();
        runner.close();
    }
}
