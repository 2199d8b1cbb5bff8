package io.disruptorx.node.embedded;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.engine.EngineListener;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.sbe.CallbackEventSink;
import io.disruptorx.engine.sbe.DispatchRejectHandler;
import io.disruptorx.engine.sbe.SbeCommandDispatcher;
import io.disruptorx.engine.sbe.SbeEventEncoder;
import io.disruptorx.journal.JournalCorruptedException;
import io.disruptorx.journal.JournalTailer;
import io.disruptorx.journal.RecordHandler;
import io.disruptorx.journal.SnapshotStore;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A passive replica (active-passive, on one machine or a shared disk): it follows the active node's journal
 * as it grows and applies every command to a hot engine of its own. When the active node stops or dies (its
 * data directory lock is released), {@link #promote} takes the lock, applies what is left of the journal and
 * starts an {@link EmbeddedNode} from the hot engine's state, so taking over does not replay the journal.
 */
public final class PassiveReplica implements AutoCloseable
{
    private static final int BATCH = 4096;
    private static final long IDLE_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final NodeConfig config;
    private final MatchingEngine engine;
    private final SbeCommandDispatcher dispatcher;
    private final JournalTailer tailer;
    private final RecordHandler apply;
    private final Thread follower;
    private volatile boolean following = true;
    private volatile long appliedSequence;
    private volatile RuntimeException failure;

    private PassiveReplica(final NodeConfig config)
    {
        this.config = config;
        this.engine = new MatchingEngine(config.engine(), new SbeEventEncoder(new CallbackEventSink((b, o, l) -> { })));
        this.dispatcher = new SbeCommandDispatcher(engine, DispatchRejectHandler.IGNORE);
        final SnapshotStore.Loaded snapshot = new SnapshotStore(config.snapshotDirectory()).latest();
        if (snapshot != null)
        {
            engine.restore(new UnsafeBuffer(snapshot.payload()), 0, snapshot.payload().length);
            appliedSequence = snapshot.sequence();
        }
        this.tailer = new JournalTailer(config.journalDirectory(), appliedSequence);
        this.apply = (sequence, buffer, offset, length) ->
        {
            dispatcher.dispatch(buffer, offset, length);
            appliedSequence = sequence;
        };
        this.follower = new Thread(this::follow, "dx-replica-follower");
        follower.setDaemon(true);
    }

    /**
     * Starts following the journal of a data directory (its latest snapshot first).
     *
     * @param config the active node's settings (same data directory and engine settings).
     * @return the following replica.
     */
    public static PassiveReplica start(final NodeConfig config)
    {
        final PassiveReplica replica = new PassiveReplica(config);
        replica.follower.start();
        return replica;
    }

    /**
     * @return journal sequence of the last command applied to the hot engine.
     */
    public long appliedSequence()
    {
        return appliedSequence;
    }

    /**
     * @return why following stopped, or {@code null} while it goes on.
     */
    public RuntimeException failure()
    {
        return failure;
    }

    /**
     * @return whether an active node holds the data directory right now.
     */
    public boolean activeIsRunning()
    {
        final DataDirectoryLock lock = DataDirectoryLock.tryAcquire(config.dataDirectory());
        if (lock == null)
        {
            return true;
        }
        lock.close();
        return false;
    }

    /**
     * Waits for the active node to go, then becomes the active node. If following had failed (for example on a
     * damaged record the active wrote before dying), or the journal no longer continues from the hot engine
     * (retention deleted segments while this replica lagged), the new node recovers from the snapshot store and
     * the journal instead, which repairs or refuses the journal as a normal start does.
     *
     * @param timeout       how long to wait for the active node to release the data directory.
     * @param marketData    the new node's market data sink, or {@code null}.
     * @param allExecutions the new node's listener for all execution events, or {@code null}.
     * @return the running node.
     * @throws IllegalStateException when the active node still runs after the timeout.
     */
    public EmbeddedNode promote(
        final Duration timeout, final MarketDataSink marketData, final EngineListener allExecutions)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        DataDirectoryLock lock = DataDirectoryLock.tryAcquire(config.dataDirectory());
        while (lock == null)
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("the active node still holds " + config.dataDirectory() +
                    " after " + timeout);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            lock = DataDirectoryLock.tryAcquire(config.dataDirectory());
        }
        stopFollowing();
        EmbeddedNode.StartingState state = null;
        if (failure == null)
        {
            try
            {
                while (tailer.poll(apply, BATCH) > 0)
                {
                    appliedSequence = tailer.lastSequence();
                }
                final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024 * 1024);
                final int length = engine.snapshot(buffer, 0);
                final byte[] bytes = new byte[length];
                buffer.getBytes(0, bytes);
                state = new EmbeddedNode.StartingState(bytes, appliedSequence);
            }
            catch (final JournalCorruptedException ex)
            {
                failure = ex;
            }
        }
        tailer.close();
        try
        {
            return startWithFallback(state, marketData, allExecutions, lock);
        }
        catch (final RuntimeException ex)
        {
            lock.close();
            throw ex;
        }
    }

    private EmbeddedNode startWithFallback(
        final EmbeddedNode.StartingState state,
        final MarketDataSink marketData,
        final EngineListener allExecutions,
        final DataDirectoryLock lock)
    {
        if (state != null)
        {
            try
            {
                return EmbeddedNode.startLocked(config, marketData, allExecutions, state, lock);
            }
            catch (final IllegalStateException ex)
            {
                failure = ex;
            }
        }
        return EmbeddedNode.startLocked(config, marketData, allExecutions, null, lock);
    }

    /**
     * For tests: the hot engine, to be read once following has stopped.
     *
     * @return the engine.
     */
    MatchingEngine engine()
    {
        return engine;
    }

    @Override
    public void close()
    {
        stopFollowing();
        tailer.close();
    }

    private void stopFollowing()
    {
        following = false;
        try
        {
            follower.join(TimeUnit.SECONDS.toMillis(30));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void follow()
    {
        try
        {
            while (following)
            {
                if (tailer.poll(apply, BATCH) == 0)
                {
                    LockSupport.parkNanos(IDLE_NANOS);
                }
            }
        }
        catch (final RuntimeException ex)
        {
            failure = ex;
        }
    }
}
