package io.disruptorx.systemtest.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import io.disruptorx.cluster.client.ClusterVenueClient;
import io.disruptorx.engine.CancelReason;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.engine.sbe.SbeEventDecoder;
import io.disruptorx.protocol.venue.VenueEventHandler;

/**
 * A load generator and its ledger: on a thread of its own it offers, at a fixed rate, GTC limit orders around a
 * mid, IOC orders that cross, and cancels of its resting orders through a cluster client, and it checks every
 * event that comes back: each order and each cancel answered exactly once, no trade seen twice, no order id given
 * to two orders, and the open quantity of every order it believes rests, to compare with an engine at the end.
 */
final class ClusterLoad implements VenueEventHandler, AutoCloseable
{
    private static final int INSTRUMENTS = 2;
    private static final int ACCOUNTS = 8;
    private static final long MID = 10_000;

    private final ClusterVenueClient client;
    private final int rate;
    private final SplittableRandom random;
    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[SbeCommandEncoder.MAX_LENGTH]);
    private final SbeEventDecoder decoder = new SbeEventDecoder(new Ledger());
    private final Thread thread;
    private final Map<Long, Long> sentAt = new HashMap<>();
    private final Set<Long> cancels = new HashSet<>();
    private final Map<Long, Integer> answers = new HashMap<>();
    private final Map<Long, Long> coidOfOrder = new HashMap<>();
    private final Map<Long, Long> accountOfOrder = new HashMap<>();
    private final Map<Long, Long> remaining = new HashMap<>();
    private final List<Long> resting = new ArrayList<>();
    private final Set<Long> trades = new HashSet<>();
    private long nextId = 1;
    private long duplicateTrades;
    private long conflictingOrderIds;
    private long killNanos = Long.MAX_VALUE;
    private long firstAnswerAfterKill;
    private volatile boolean running = true;
    private volatile boolean paused = true;

    ClusterLoad(final ClusterVenueClient client, final int rate, final long seed)
    {
        this.client = client;
        this.rate = rate;
        this.random = new SplittableRandom(seed);
        this.thread = new Thread(this::run, "cluster-load");
    }

    /**
     * Lists the instruments, funds the accounts, then starts offering orders.
     */
    void start()
    {
        for (int i = 1; i <= INSTRUMENTS; i++)
        {
            offerUntilTaken(encoder.addInstrument(command, 0, 0, i, i, 0, 1, 1, 2, 0, 0, 1, MID, 5_000, 1_000));
        }
        for (long account = 1; account <= ACCOUNTS; account++)
        {
            for (int asset = 0; asset <= INSTRUMENTS; asset++)
            {
                offerUntilTaken(encoder.adjustBalance(command, 0, 0, account, asset, 1_000_000_000_000L));
            }
        }
        paused = false;
        thread.start();
    }

    void pause()
    {
        paused = true;
    }

    void resume()
    {
        paused = false;
    }

    /**
     * Waits until every command taken has been answered (the load paused).
     *
     * @param timeoutNanos longest wait.
     * @return whether it was.
     */
    boolean awaitAnswered(final long timeoutNanos)
    {
        final long deadline = System.nanoTime() + timeoutNanos;
        while (System.nanoTime() < deadline)
        {
            synchronized (this)
            {
                if (unanswered().isEmpty() && client.unacknowledged() == 0)
                {
                    return true;
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return false;
    }

    /**
     * @param nanos the moment a leader was killed: the next answer to a command offered after it is timed.
     */
    synchronized void markKill(final long nanos)
    {
        killNanos = nanos;
        firstAnswerAfterKill = 0;
    }

    /**
     * @param timeoutNanos longest wait.
     * @return nanoseconds from the kill to the first answer to a command offered after it, -1 if none came.
     */
    long awaitFirstAnswerAfterKill(final long timeoutNanos)
    {
        final long deadline = System.nanoTime() + timeoutNanos;
        while (System.nanoTime() < deadline)
        {
            synchronized (this)
            {
                if (firstAnswerAfterKill != 0)
                {
                    return firstAnswerAfterKill - killNanos;
                }
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return -1;
    }

    /**
     * @return commands taken and not answered.
     */
    synchronized List<Long> unanswered()
    {
        final List<Long> missing = new ArrayList<>();
        for (final Long id : sentAt.keySet())
        {
            if (!answers.containsKey(id))
            {
                missing.add(id);
            }
        }
        return missing;
    }

    /**
     * @return commands answered more than once.
     */
    synchronized List<Long> answeredTwice()
    {
        return answers.entrySet().stream().filter((e) -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    }

    synchronized long duplicateTrades()
    {
        return duplicateTrades;
    }

    synchronized long conflictingOrderIds()
    {
        return conflictingOrderIds;
    }

    synchronized int commandsTaken()
    {
        return sentAt.size();
    }

    synchronized int tradeCount()
    {
        return trades.size();
    }

    /**
     * Compares what the events said rests with an engine (the load paused and answered).
     *
     * @param engine an engine restored from a member's state.
     * @return the differences, empty when equal.
     */
    synchronized List<String> restingDifferences(final MatchingEngine engine)
    {
        final List<String> differences = new ArrayList<>();
        for (final Map.Entry<Long, Long> entry : remaining.entrySet())
        {
            final long open = engine.openQuantity(entry.getKey());
            if (open != entry.getValue())
            {
                differences.add("order " + entry.getKey() + ": events say " + entry.getValue() + " open, engine " +
                    open);
            }
        }
        if (engine.restingOrderCount() != remaining.size())
        {
            differences.add("engine rests " + engine.restingOrderCount() + " orders, events say " + remaining.size());
        }
        return differences;
    }

    @Override
    public void onEvent(final long commandSequence, final DirectBuffer buffer, final int offset, final int length)
    {
        decoder.onMessage(buffer, offset, length);
    }

    @Override
    public void close()
    {
        running = false;
        try
        {
            thread.join(10_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void run()
    {
        final long start = System.nanoTime();
        long offered = 0;
        long pausedNanos = 0;
        long pausedAt = 0;
        while (running)
        {
            synchronized (this)
            {
                client.poll(this, 256);
                final long now = System.nanoTime();
                if (paused)
                {
                    pausedAt = pausedAt == 0 ? now : pausedAt;
                }
                else
                {
                    if (pausedAt != 0)
                    {
                        pausedNanos += now - pausedAt;
                        pausedAt = 0;
                    }
                    final long due = (now - start - pausedNanos) * rate / 1_000_000_000L;
                    while (offered < due && offerNext(now))
                    {
                        offered++;
                    }
                }
            }
            LockSupport.parkNanos(200_000);
        }
    }

    private boolean offerNext(final long now)
    {
        final long id = nextId;
        final int action = random.nextInt(100);
        final int instrument = 1 + random.nextInt(INSTRUMENTS);
        final long account = 1 + random.nextInt(ACCOUNTS);
        final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        final long quantity = 1 + random.nextInt(20);
        final int length;
        boolean cancel = false;
        if (action < 25 && !resting.isEmpty())
        {
            final long orderId = resting.get(random.nextInt(resting.size()));
            length = encoder.cancelOrder(command, 0, 0, accountOf(orderId), id, orderId);
            cancel = true;
        }
        else if (action < 40)
        {
            final long price = side == Side.BUY ? MID + 15 : MID - 15;
            length = encoder.newOrder(command, 0, 0, account, id, instrument, side, OrderType.LIMIT, TimeInForce.IOC,
                false, SelfTradePrevention.CANCEL_NEWEST, price, quantity);
        }
        else
        {
            final long offset = 1 + random.nextInt(15);
            final long price = side == Side.BUY ? MID - offset + 3 : MID + offset - 3;
            length = encoder.newOrder(command, 0, 0, account, id, instrument, side, OrderType.LIMIT, TimeInForce.GTC,
                false, SelfTradePrevention.CANCEL_NEWEST, price, quantity);
        }
        if (client.offer(command, 0, length) <= 0)
        {
            return false;
        }
        nextId++;
        sentAt.put(id, now);
        if (cancel)
        {
            cancels.add(id);
        }
        return true;
    }

    private long accountOf(final long orderId)
    {
        return accountOfOrder.getOrDefault(orderId, 1L);
    }

    private void offerUntilTaken(final int length)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (client.offer(command, 0, length) <= 0)
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("set-up command not taken within 60 s");
            }
            client.poll(this, 256);
            LockSupport.parkNanos(200_000);
        }
    }

    private void answered(final long id)
    {
        answers.merge(id, 1, Integer::sum);
        final Long sent = sentAt.get(id);
        if (sent != null && sent > killNanos && firstAnswerAfterKill == 0)
        {
            firstAnswerAfterKill = System.nanoTime();
        }
    }

    private void open(final long orderId, final long quantity)
    {
        if (quantity > 0)
        {
            if (remaining.put(orderId, quantity) == null)
            {
                resting.add(orderId);
            }
        }
        else if (remaining.remove(orderId) != null)
        {
            resting.remove(orderId);
        }
    }

    /**
     * Books every event.
     */
    private final class Ledger extends EngineListenerAdapter
    {
        @Override
        public void onOrderAccepted(
            final long timestamp, final long orderId, final long clientOrderId, final long accountId,
            final int instrumentId, final Side side, final OrderType type, final TimeInForce timeInForce,
            final long price, final long quantity)
        {
            answered(clientOrderId);
            final Long previous = coidOfOrder.put(orderId, clientOrderId);
            if (previous != null && previous != clientOrderId)
            {
                conflictingOrderIds++;
            }
            accountOfOrder.put(orderId, accountId);
            if (timeInForce == TimeInForce.GTC)
            {
                open(orderId, quantity);
            }
        }

        @Override
        public void onOrderRejected(
            final long timestamp, final long clientOrderId, final long accountId, final int instrumentId,
            final RejectReason reason)
        {
            answered(clientOrderId);
        }

        @Override
        public void onTrade(
            final long timestamp, final long tradeId, final int instrumentId, final long price, final long quantity,
            final Side takerSide, final long makerOrderId, final long makerAccountId, final long makerRemaining,
            final long makerFee, final long takerOrderId, final long takerAccountId, final long takerRemaining,
            final long takerFee)
        {
            if (!trades.add(tradeId))
            {
                duplicateTrades++;
            }
            if (remaining.containsKey(makerOrderId))
            {
                open(makerOrderId, makerRemaining);
            }
            if (remaining.containsKey(takerOrderId))
            {
                open(takerOrderId, takerRemaining);
            }
        }

        @Override
        public void onOrderCancelled(
            final long timestamp, final long orderId, final long clientOrderId, final long requestId,
            final long accountId, final int instrumentId, final long cancelledQuantity, final CancelReason reason)
        {
            open(orderId, 0);
            if (reason == CancelReason.REQUESTED && cancels.contains(requestId))
            {
                answered(requestId);
            }
        }

        @Override
        public void onCancelRejected(
            final long timestamp, final long orderId, final long requestId, final long accountId,
            final RejectReason reason)
        {
            if (cancels.contains(requestId))
            {
                answered(requestId);
            }
        }
    }
}
