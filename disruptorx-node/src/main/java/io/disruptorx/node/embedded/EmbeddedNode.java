package io.disruptorx.node.embedded;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.disruptorx.core.metrics.Counter;
import io.disruptorx.core.metrics.LatencyRecorder;
import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.wait.WaitStrategies;
import io.disruptorx.core.workflow.Workflow;
import io.disruptorx.engine.EngineListener;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.sbe.DispatchRejectHandler;
import io.disruptorx.engine.sbe.SbeCommandDispatcher;
import io.disruptorx.engine.sbe.SbeEventEncoder;
import io.disruptorx.journal.JournalConfig;
import io.disruptorx.journal.JournalWriter;
import io.disruptorx.journal.SnapshotStore;
import io.disruptorx.protocol.venue.VenueClient;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A venue in one JVM, in the LMAX layout: producers publish commands into a multi-producer input ring; the
 * journal step writes and forces them (group commit); then the engine step applies them on one thread and
 * publishes every event into a single-producer output ring, whose consumers route execution reports to
 * accounts and hand market data to the feed. On start it rebuilds its state from the latest snapshot and the
 * journal tail. Built with the framework's workflow DSL.
 */
public final class EmbeddedNode implements AutoCloseable
{
    private static final int SHUTDOWN_SECONDS = 30;
    private static final int RECENT_TRADES = 4096;
    /** Journal, engine, two output consumers and at least one producer may all wait at once. */
    private static final int WAITING_THREADS = 5;

    private final NodeConfig config;
    private final MetricsRegistry metrics;
    private final Disruptor<CommandSlot> input;
    private final Disruptor<OutputSlot> output;
    private final RingBuffer<CommandSlot> inputRing;
    private final RingBuffer<OutputSlot> outputRing;
    private final MatchingEngine engine;
    private final JournalWriter journal;
    private final JournalStep journalStep;
    private final EngineStep engineStep;
    private final Snapshotter snapshotter;
    private final ExecutionRouter router;
    private final RecentTrades recentTrades;
    private final ExecutionReportHandler executionHandler;
    private final MarketDataHandler marketDataHandler;
    private final SbeCommandDispatcher dispatcher;
    private final Counter inputRingFull;
    private final LatencyRecorder orderToReport;
    private final CountingExceptionHandler inputErrors = new CountingExceptionHandler("input ring");
    private final CountingExceptionHandler outputErrors = new CountingExceptionHandler("output ring");
    private final long recoveredSequence;
    private final long replayedCommands;
    private final long sequenceBase;
    private final Workflow<CommandSlot> workflow;
    private final DataDirectoryLock lock;
    private final List<Thread> inputThreads = new CopyOnWriteArrayList<>();
    private final List<Thread> outputThreads = new CopyOnWriteArrayList<>();
    private boolean closed;

    /**
     * A state to start from instead of the snapshot store: a promoted replica's hot engine, serialised.
     *
     * @param snapshot engine snapshot bytes.
     * @param sequence journal sequence it reflects.
     */
    public record StartingState(byte[] snapshot, long sequence)
    {
    }

    private EmbeddedNode(
        final NodeConfig config,
        final MarketDataSink marketData,
        final EngineListener allExecutions,
        final StartingState startingState,
        final DataDirectoryLock lock)
    {
        this.config = config;
        this.lock = lock;
        this.metrics = new MetricsRegistry();
        final LongSupplier nanoTime = System::nanoTime;
        final int cores = Runtime.getRuntime().availableProcessors();

        output = new Disruptor<>(OutputSlot::new, config.outputRingSize(),
            threadFactory("dx-output-", outputThreads), ProducerType.SINGLE,
            WaitStrategies.defaultFor(WAITING_THREADS, cores).create());
        outputRing = output.getRingBuffer();
        final OutputRingSink sink = new OutputRingSink(outputRing);
        engine = new MatchingEngine(config.engine(), new SbeEventEncoder(sink));
        final Counter malformed =
            metrics.counter("dx_commands_malformed_total", "Commands the engine could not decode");
        final DispatchRejectHandler onMalformed = (reason, buffer, offset, length) -> malformed.increment();
        dispatcher = new SbeCommandDispatcher(engine, onMalformed);

        final SnapshotStore snapshots = new SnapshotStore(config.snapshotDirectory());
        final SnapshotStore.Loaded snapshot = startingState != null ? null : snapshots.latest();
        sink.suppress(true);
        final byte[] state = startingState != null ? startingState.snapshot() :
            snapshot != null ? snapshot.payload() : null;
        final long fromSequence = startingState != null ? startingState.sequence() :
            snapshot != null ? snapshot.sequence() : 0;
        if (state != null)
        {
            engine.restore(new UnsafeBuffer(state), 0, state.length);
        }
        final long[] replayed = new long[3];
        journal = JournalWriter.open(
            new JournalConfig(config.journalDirectory(), config.segmentSize(), config.forcePolicy(),
                config.forceIntervalNanos(), nanoTime),
            (sequence, buffer, offset, length) ->
            {
                if (replayed[2] == 0)
                {
                    replayed[2] = sequence;
                }
                if (sequence > fromSequence)
                {
                    dispatcher.dispatch(buffer, offset, length);
                    replayed[0]++;
                }
                replayed[1] = sequence;
            });
        if (replayed[2] > fromSequence + 1 && !journal.holdsFirstSegment())
        {
            journal.close();
            throw new IllegalStateException("the journal does not continue from sequence " + fromSequence +
                ": its first record is " + replayed[2] + " and older segments were deleted after snapshots; " +
                "start from a snapshot at or after sequence " + (replayed[2] - 1));
        }
        sink.suppress(false);
        recoveredSequence = Math.max(fromSequence, replayed[1]);
        replayedCommands = replayed[0];
        sequenceBase = Math.max(recoveredSequence, journal.lastSequence()) + 1;

        journalStep = new JournalStep(journal);
        snapshotter = new Snapshotter(snapshots, config.snapshotsToKeep(), config.deleteCoveredSegments(), journalStep);
        engineStep = new EngineStep(engine, dispatcher, sink, snapshotter, config, nanoTime, recoveredSequence);

        recentTrades = new RecentTrades(RECENT_TRADES);
        router = new ExecutionRouter(allExecutions, recentTrades);
        orderToReport = metrics.latency("dx_order_to_report_latency", "Command published to its report, nanoseconds");
        executionHandler = new ExecutionReportHandler(router, orderToReport, nanoTime);
        marketDataHandler = new MarketDataHandler(marketData == null ? MarketDataSink.NONE : marketData);
        output.setDefaultExceptionHandler(outputErrors);
        output.handleEventsWith(executionHandler, marketDataHandler);

        input = new Disruptor<>(CommandSlot::new, config.inputRingSize(),
            threadFactory("dx-input-", inputThreads), ProducerType.MULTI,
            WaitStrategies.defaultFor(WAITING_THREADS, cores).create());
        inputRing = input.getRingBuffer();
        input.setDefaultExceptionHandler(inputErrors);
        workflow = Workflow.<CommandSlot>named("sequencer")
            .step("journal", journalStep)
            .step("engine", engineStep).dependsOn("journal")
            .metrics(metrics)
            .build();
        workflow.install(input, 0);
        inputRingFull = metrics.counter("dx_input_ring_full_total", "Commands refused because the input ring was full");
        registerGauges();

        output.start();
        input.start();
    }

    /**
     * Recovers from the data directory (latest snapshot plus journal tail) and starts the rings.
     *
     * @param config        settings.
     * @param marketData    receives market data incrementals, or {@code null}.
     * @param allExecutions receives every execution event, or {@code null}.
     * @return the running node.
     */
    public static EmbeddedNode start(
        final NodeConfig config, final MarketDataSink marketData, final EngineListener allExecutions)
    {
        return start(config, marketData, allExecutions, null);
    }

    /**
     * Starts from a given state (a promoted replica's engine) and replays only the journal after it.
     *
     * @param config        settings.
     * @param marketData    receives market data incrementals, or {@code null}.
     * @param allExecutions receives every execution event, or {@code null}.
     * @param startingState engine state and the journal sequence it reflects, or {@code null} to recover from
     *                      the snapshot store.
     * @return the running node.
     * @throws IllegalStateException when another node holds the data directory.
     */
    public static EmbeddedNode start(
        final NodeConfig config,
        final MarketDataSink marketData,
        final EngineListener allExecutions,
        final StartingState startingState)
    {
        final DataDirectoryLock lock = DataDirectoryLock.tryAcquire(config.dataDirectory());
        if (lock == null)
        {
            throw new IllegalStateException("another node is running on " + config.dataDirectory().toAbsolutePath() +
                " (node.lock is held)");
        }
        try
        {
            return startLocked(config, marketData, allExecutions, startingState, lock);
        }
        catch (final RuntimeException ex)
        {
            lock.close();
            throw ex;
        }
    }

    /**
     * Starts with the data directory lock already held; on failure the caller still holds it.
     */
    static EmbeddedNode startLocked(
        final NodeConfig config,
        final MarketDataSink marketData,
        final EngineListener allExecutions,
        final StartingState startingState,
        final DataDirectoryLock lock)
    {
        return new EmbeddedNode(config, marketData, allExecutions, startingState, lock);
    }

    /**
     * @param blocking whether a full input ring makes the client wait (true) or refuse the command (false).
     * @return a client for one producing thread.
     */
    public NodeClient newClient(final boolean blocking)
    {
        return new NodeClient(inputRing, sequenceBase, NodeClock::epochNanos, System::nanoTime, blocking,
            inputRingFull);
    }

    /**
     * A venue client for an order-entry gateway on this node: commands into the input ring, execution events from
     * the output ring. One thread uses it; it holds the output ring back until closed, so close it when done.
     *
     * @return a new client.
     */
    public VenueClient newVenueClient()
    {
        return new EmbeddedVenueClient(inputRing, outputRing, sequenceBase, NodeClock::epochNanos, System::nanoTime,
            inputRingFull);
    }

    /**
     * Delivers the execution events of one account to a listener, on the output thread; {@code null} removes it.
     *
     * @param accountId account.
     * @param listener  listener, or {@code null}.
     */
    public void subscribe(final long accountId, final EngineListener listener)
    {
        router.subscribe(accountId, listener);
    }

    /**
     * @return the newest trades (4,096 kept), readable from any thread.
     */
    public RecentTrades recentTrades()
    {
        return recentTrades;
    }

    /**
     * @return the metrics of this node (Prometheus exposition through the framework's collector).
     */
    public MetricsRegistry metrics()
    {
        return metrics;
    }

    /**
     * @return journal sequence of the last command applied by the engine.
     */
    public long appliedSequence()
    {
        return engineStep.appliedSequence();
    }

    /**
     * @return journal sequence of the last command forced (or written, under a non-forcing policy).
     */
    public long durableSequence()
    {
        return journalStep.durableSequence();
    }

    /**
     * @return the sequence the state was rebuilt to on start.
     */
    public long recoveredSequence()
    {
        return recoveredSequence;
    }

    /**
     * @return commands replayed from the journal on start (after the snapshot).
     */
    public long replayedCommands()
    {
        return replayedCommands;
    }

    /**
     * @return journal bytes on disk.
     */
    public long journalBytes()
    {
        return journalStep.journalBytes();
    }

    /**
     * @return execution reports for orders (accepted or rejected) delivered so far.
     */
    public long orderReports()
    {
        return executionHandler.orderReports();
    }

    /**
     * @return trades delivered so far.
     */
    public long trades()
    {
        return executionHandler.trades();
    }

    /**
     * @return the order-to-report latency recorder (nanoseconds).
     */
    public LatencyRecorder orderToReportLatency()
    {
        return orderToReport;
    }

    /**
     * Stops cleanly: lets the rings drain, takes a final snapshot and closes the journal.
     */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        shutdown(input);
        final boolean inputStopped = join(inputThreads);
        if (inputStopped && engineStep.appliedSequence() > snapshotter.lastSequence())
        {
            snapshotter.snapshotNow(engine, engineStep.appliedSequence());
        }
        shutdown(output);
        join(outputThreads);
        snapshotter.close();
        if (inputStopped)
        {
            journal.close();
        }
        else
        {
            System.err.println("dx: a ring thread did not stop within " + SHUTDOWN_SECONDS + " s: no final " +
                "snapshot, journal left mapped; the next start recovers from the journal");
        }
        lock.close();
    }

    /**
     * @return why the journal stopped the node (a failed force), or {@code null} while it is healthy.
     */
    public Throwable journalFailure()
    {
        return journalStep.failure();
    }

    /**
     * @return commands refused by non-blocking clients because the input ring was full.
     */
    public long inputRingFullCount()
    {
        return inputRingFull.get();
    }

    /**
     * For tests: stops the rings where they are, as a crash would, with no final snapshot and no final force
     * (what was written stays in the page cache, as after a killed process).
     */
    void crashForTest()
    {
        closed = true;
        input.halt();
        output.halt();
        join(inputThreads);
        join(outputThreads);
        snapshotter.close();
        lock.close();
    }

    /**
     * Halting a Disruptor does not wait for its threads; a handler may still be finishing its batch. Nothing they
     * use may be closed before they have gone.
     */
    /**
     * @return whether every thread has ended.
     */
    private static boolean join(final List<Thread> threads)
    {
        boolean stopped = true;
        for (final Thread thread : threads)
        {
            try
            {
                thread.join(TimeUnit.SECONDS.toMillis(SHUTDOWN_SECONDS));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            stopped &= !thread.isAlive();
        }
        return stopped;
    }

    /**
     * @return the engine, for reports once the node is closed.
     * @throws IllegalStateException while the node runs (its state belongs to the engine thread).
     */
    public synchronized MatchingEngine engineAfterClose()
    {
        if (!closed)
        {
            throw new IllegalStateException("the engine can be read only after close()");
        }
        return engine;
    }

    /**
     * For tests and tools: the engine, to be read only when the node is closed.
     *
     * @return the engine.
     */
    MatchingEngine engine()
    {
        return engine;
    }

    private static ThreadFactory threadFactory(final String prefix, final List<Thread> created)
    {
        final AtomicInteger count = new AtomicInteger();
        return r ->
        {
            final Thread thread = new Thread(r, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            created.add(thread);
            return thread;
        };
    }

    private static void shutdown(final Disruptor<?> disruptor)
    {
        try
        {
            disruptor.shutdown(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        }
        catch (final TimeoutException ex)
        {
            disruptor.halt();
        }
    }

    private void registerGauges()
    {
        metrics.gauge("dx_journal_bytes", "Journal bytes on disk", journalStep::journalBytes);
        metrics.gauge(
            "dx_journal_durable_sequence", "Last command forced to the journal", journalStep::durableSequence);
        metrics.gauge("dx_engine_applied_sequence", "Last command applied by the engine", engineStep::appliedSequence);
        metrics.gauge("dx_journal_lag", "Commands journalled but not yet applied",
            () -> journalStep.durableSequence() - engineStep.appliedSequence());
        metrics.gauge("dx_input_ring_remaining", "Free slots in the input ring", inputRing::remainingCapacity);
        metrics.gauge("dx_output_ring_remaining", "Free slots in the output ring", outputRing::remainingCapacity);
        metrics.gauge("dx_order_reports_total", "Order execution reports delivered", executionHandler::orderReports);
        metrics.gauge("dx_trades_total", "Trades delivered", executionHandler::trades);
        metrics.gauge("dx_market_data_messages_total", "Market data messages handed to the feed",
            marketDataHandler::messages);
        metrics.gauge("dx_snapshots_written_total", "Snapshots written", snapshotter::written);
        metrics.gauge("dx_journal_segment_deletion_failures_total", "Failed deletions of covered journal segments",
            journalStep::deletionFailures);
        metrics.gauge("dx_journal_failed", "1 once a journal force failed and the node stopped applying commands",
            () -> journalStep.failure() == null ? 0 : 1);
        metrics.gauge("dx_snapshot_failures_total", "Snapshots that failed", snapshotter::failures);
        metrics.gauge("dx_handler_errors_total", "Exceptions from ring handlers",
            () -> inputErrors.count() + outputErrors.count());
        metrics.gauge("dx_engine_resting_orders", "Resting orders (read racily, for monitoring)",
            engine::restingOrderCount);
    }
}
