package io.disruptorx.node.embedded;

import java.util.function.LongSupplier;

import io.disruptorx.core.metrics.Counter;
import io.disruptorx.core.metrics.LatencyRecorder;
import io.disruptorx.core.metrics.MetricsRegistry;
import io.disruptorx.core.workflow.Workflow;
import io.disruptorx.engine.EngineListener;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.sbe.DispatchRejectHandler;
import io.disruptorx.engine.sbe.SbeCommandDispatcher;
import io.disruptorx.engine.sbe.SbeEventEncoder;
import io.disruptorx.journal.SnapshotStore;
import io.disruptorx.protocol.venue.VenueClient;

/**
 * A venue in one JVM, in the LMAX layout: producers publish commands into a multi-producer input ring; the
 * journal step writes and forces them (group commit); then the engine step applies them on one thread and
 * publishes every event into a single-producer output ring, whose consumers route execution reports to
 * accounts and hand market data to the feed. Built with the framework's workflow DSL. The stages run a thread each
 * or all on one thread, by the configured {@link ThreadingMode}; the order of everything is the same in both.
 *
 * <p>This class assembles the parts and is the node's face to its users; the parts do the work:
 * {@link NodeRecovery} rebuilds the state on start (snapshot plus journal tail), {@link NodeRings} owns the rings
 * and their threads, {@link NodeMetrics} registers the gauges and {@link NodeShutdown} stops it in order.
 */
public final class EmbeddedNode implements AutoCloseable
{
    private static final int RECENT_TRADES = 4096;

    private final MetricsRegistry metrics = new MetricsRegistry();
    private final NodeRings rings;
    private final MatchingEngine engine;
    private final JournalStep journalStep;
    private final EngineStep engineStep;
    private final ExecutionRouter router;
    private final RecentTrades recentTrades = new RecentTrades(RECENT_TRADES);
    private final ExecutionReportHandler executionHandler;
    private final Counter inputRingFull;
    private final boolean tracing;
    private final LatencyRecorder orderToReport;
    private final LatencyRecorder journalForce;
    private final NodeRecovery.Result recovered;
    private final NodeShutdown shutdown;
    private final Snapshotter snapshotter;
    private boolean closed;

    /**
     * A state to start from instead of the snapshot store: a promoted replica's hot engine, serialised; also the
     * image of a snapshot the node took ({@link #latestSnapshotImage()}).
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
        final DataDirectoryLock lock,
        final StartOptions options)
    {
        final LongSupplier nanoTime = System::nanoTime;
        final NodeTracing traces = options.tracing();
        tracing = traces.enabled();
        rings = new NodeRings(config.inputRingSize(), config.outputRingSize(), config.threading());
        final OutputRingSink sink = new OutputRingSink(rings.outputRing(), tracing);
        engine = new MatchingEngine(config.engine(), new SbeEventEncoder(sink));
        final StageLatency latency = new StageLatency(metrics, config.stageLatency());
        journalForce = latency.force();
        final Counter malformed =
            metrics.counter("dx_commands_malformed_total", "Commands the engine could not decode");
        final DispatchRejectHandler onMalformed = (reason, buffer, offset, length) -> malformed.increment();
        final SbeCommandDispatcher dispatcher = new SbeCommandDispatcher(engine, onMalformed);
        final SnapshotStore snapshots = new SnapshotStore(config.snapshotDirectory());
        recovered = NodeRecovery.recover(config, rings.mode(), engine, dispatcher, sink, snapshots, startingState,
            nanoTime);

        journalStep = new JournalStep(options.journal().apply(recovered.journal()), config.journalDirectory(),
            rings.background(), latency, config.inputRingSize(), traces.rootSampleEvery(), tracing);
        snapshotter = new Snapshotter(snapshots, config.snapshotsToKeep(),
            config.deleteCoveredSegments(), journalStep, rings.background());
        engineStep = new EngineStep(engine, dispatcher, sink, snapshotter, config, nanoTime,
            recovered.recoveredSequence(), latency, tracing);
        router = new ExecutionRouter(allExecutions, recentTrades);
        orderToReport = LatencyRecorder.singleWriter();
        if (latency.enabled())
        {
            metrics.register(orderToReport, "dx_order_to_report_latency_seconds",
                "Command published to its accept or reject leaving the output ring");
        }
        executionHandler = new ExecutionReportHandler(router, orderToReport, nanoTime, latency, traces.spans(),
            config.engine().maxInstruments());
        final MarketDataHandler marketDataHandler =
            new MarketDataHandler(marketData == null ? MarketDataSink.NONE : marketData);
        rings.wire(Workflow.<CommandSlot>named("sequencer")
            .step("journal", journalStep)
            .step("engine", engineStep).dependsOn("journal")
            .metrics(metrics)
            .build(), executionHandler, marketDataHandler);
        sink.drainWhenFull(rings.outputDrain());
        if (journalStep.pipelined())
        {
            engineStep.applyWhenDurable(journalStep, rings.whileForcing());
        }
        inputRingFull = metrics.counter("dx_input_ring_full_total", "Commands refused because the input ring was full");
        NodeMetrics.register(metrics, new NodeMetrics.Parts(config.journalDirectory(), journalStep, engineStep,
            rings, executionHandler, marketDataHandler, snapshotter, engine, config));
        shutdown = new NodeShutdown(rings, snapshotter, engineStep, engine, recovered.journal(), journalStep, lock,
            options.shutdownTimeout());
        rings.start();
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
     * @throws NodeStartException when another node holds the data directory, or the journal does not continue
     *                            from the snapshots.
     */
    public static EmbeddedNode start(
        final NodeConfig config,
        final MarketDataSink marketData,
        final EngineListener allExecutions,
        final StartingState startingState)
    {
        return start(config, marketData, allExecutions, startingState, StartOptions.DEFAULT);
    }

    /**
     * Starts as {@link #start(NodeConfig, MarketDataSink, EngineListener)} does, recording traces as
     * {@code tracing} says.
     *
     * @param config        settings.
     * @param marketData    receives market data incrementals, or {@code null}.
     * @param allExecutions receives every execution event, or {@code null}.
     * @param tracing       whether and how to record traces; the caller keeps and closes its spans' exporter.
     * @return the running node.
     */
    public static EmbeddedNode startTraced(
        final NodeConfig config,
        final MarketDataSink marketData,
        final EngineListener allExecutions,
        final NodeTracing tracing)
    {
        return start(config, marketData, allExecutions, null, StartOptions.DEFAULT.withTracing(tracing));
    }

    /**
     * Starts with options for tests.
     */
    static EmbeddedNode start(
        final NodeConfig config,
        final MarketDataSink marketData,
        final EngineListener allExecutions,
        final StartingState startingState,
        final StartOptions options)
    {
        final DataDirectoryLock lock = DataDirectoryLock.tryAcquire(config.dataDirectory());
        if (lock == null)
        {
            throw new NodeStartException("another node is running on " + config.dataDirectory().toAbsolutePath() +
                " (node.lock is held)");
        }
        try
        {
            return new EmbeddedNode(config, marketData, allExecutions, startingState, lock, options);
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
        return new EmbeddedNode(config, marketData, allExecutions, startingState, lock, StartOptions.DEFAULT);
    }

    /**
     * @param blocking whether a full input ring makes the client wait (true) or refuse the command (false).
     * @return a client for one producing thread.
     */
    public NodeClient newClient(final boolean blocking)
    {
        return newClient(blocking, NodeClock::epochNanos);
    }

    /**
     * For tests: a client that stamps commands with the given clock, so two runs can journal the same bytes.
     */
    NodeClient newClient(final boolean blocking, final LongSupplier epochNanos)
    {
        return new NodeClient(rings.inputRing(), recovered.sequenceBase(), epochNanos, System::nanoTime, blocking,
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
        return new EmbeddedVenueClient(rings.inputRing(), rings.outputRing(), recovered.sequenceBase(),
            NodeClock::epochNanos, System::nanoTime, inputRingFull, tracing);
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
     * @return how the stages run: {@link ThreadingMode#SHARED} or {@link ThreadingMode#DEDICATED}.
     */
    public ThreadingMode threadingMode()
    {
        return rings.mode();
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
     * Registers this node's commands per instrument ({@code dx_instrument_commands_total} and
     * {@code dx_instrument_commands_limit}, which its own registry already holds) in another registry as well: the
     * one a process of several nodes serves (the shards of {@code dx demo --shards N}).
     *
     * @param registry   where.
     * @param labelPairs the labels telling this node's series apart (e.g. {@code "shard", "shard-0"}).
     */
    public void exportInstrumentCommands(final MetricsRegistry registry, final String... labelPairs)
    {
        InstrumentCommandsMetrics.register(registry, executionHandler.commandsByInstrument(), labelPairs);
    }

    /**
     * The engine image of the last snapshot this node took (on a TakeSnapshot command, by count or by time), held in
     * memory from the moment the engine serialised it, before its file is written and forced: for a reader that
     * needs a consistent image at once, such as a shard host reading a halted instrument's book.
     *
     * @return the image and the journal sequence it covers, or {@code null} when none was taken in this run.
     */
    public StartingState latestSnapshotImage()
    {
        return snapshotter.latest();
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
        return recovered.recoveredSequence();
    }

    /**
     * @return commands replayed from the journal on start (after the snapshot).
     */
    public long replayedCommands()
    {
        return recovered.replayedCommands();
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
     * @return the order-to-report latency recorder (nanoseconds; fed only with stage latency on).
     */
    public LatencyRecorder orderToReportLatency()
    {
        return orderToReport;
    }

    /**
     * @return the time of each journal batch end (the write and, by the force policy, the force; nanoseconds; fed
     * only with stage latency on).
     */
    public LatencyRecorder journalForceLatency()
    {
        return journalForce;
    }

    /**
     * Stops cleanly: lets the rings drain, takes a final snapshot and closes the journal. The data directory is
     * released only once every thread that may write to it has ended: if a ring thread is still running after the
     * shutdown timeout (a journal thread stalled in a write, say), the lock stays held until it ends, so a replica
     * cannot take over while it might still append.
     */
    @Override
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        shutdown.stop();
    }

    /**
     * @return why the journal stopped the node (a failed append, roll or force), or {@code null} while it is
     * healthy.
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
    synchronized void crashForTest()
    {
        closed = true;
        shutdown.crash();
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
}
