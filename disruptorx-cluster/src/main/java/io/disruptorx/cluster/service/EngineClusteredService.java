package io.disruptorx.cluster.service;

import java.util.concurrent.atomic.AtomicLong;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import io.disruptorx.cluster.feed.MemberFeed;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.sbe.CallbackEventSink;
import io.disruptorx.engine.sbe.EncodedMessageHandler;
import io.disruptorx.engine.sbe.SbeCommandDispatcher;
import io.disruptorx.engine.sbe.SbeEventEncoder;
import io.disruptorx.protocol.snapshot.SnapshotReader;
import io.disruptorx.protocol.snapshot.SnapshotWriter;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * The matching engine as an Aeron {@link ClusteredService}: the same engine as the embedded node, fed the same SBE
 * commands, from the cluster's log instead of a journal. Every member applies the same log and reaches the same
 * state; time comes from the log's timestamps, never a clock; the state is snapshotted into the cluster's snapshot
 * and loaded from it on start.
 *
 * <p>Around the engine: the gateways' command de-duplication and event streams ({@link IngressHandler},
 * {@link GatewayStreams}), the end-of-day and cancel-on-disconnect timers ({@link ServiceTimers}), and the
 * member's market data feed ({@link MemberFeed}, muted by the {@link FeedGate} while the member replays), and the
 * commands counted per instrument ({@link InstrumentCommands}, outside the state).
 *
 * <p>Every method runs on the cluster's service thread.
 */
public final class EngineClusteredService implements ClusteredService
{
    private static final long GATE_INTERVAL_NANOS = 1_000_000;

    private final ServiceConfig config;
    private final ExpandableArrayBuffer state = new ExpandableArrayBuffer(1024 * 1024);
    private final SnapshotWriter stateWriter = new SnapshotWriter();
    private final SnapshotReader stateReader = new SnapshotReader("service snapshot");
    private final InstrumentCommands instrumentCommands;
    private final AtomicLong stateDumpFailures = new AtomicLong();
    private Cluster cluster;
    private ServiceCounters counters;
    private GatewayRegistry registry;
    private ServiceTimers timers;
    private MatchingEngine engine;
    private IngressHandler ingress;
    private GatewayStreams streams;
    private MemberFeed feed;
    private FeedGate gate;
    private long nextGateCheckNanos;
    private volatile Cluster.Role role = Cluster.Role.FOLLOWER;
    private volatile long lastSnapshotPosition = -1;

    /**
     * @param config settings.
     */
    public EngineClusteredService(final ServiceConfig config)
    {
        this.config = config;
        this.instrumentCommands = new InstrumentCommands(config.engine().maxInstruments());
    }

    @Override
    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        this.cluster = cluster;
        counters = new ServiceCounters((label) -> cluster.aeron().addCounter(ServiceCounter.TYPE_ID, label));
        registry = new GatewayRegistry(config.eventStoreCapacity());
        streams = new GatewayStreams(registry, new SessionEgress(cluster, config.egressAttempts()), counters,
            instrumentCommands);
        timers = new ServiceTimers(new ClusterTimerScheduler(cluster), registry, streams, config.endOfDayNanos());
        final EncodedMessageHandler marketData = (buffer, offset, length) ->
        {
            if (feed != null)
            {
                feed.onMessage(buffer, offset, length);
            }
        };
        engine = new MatchingEngine(config.engine(),
            new SbeEventEncoder(new CallbackEventSink(streams), new CallbackEventSink(marketData)));
        timers.engine(engine);
        final SbeCommandDispatcher dispatcher = new SbeCommandDispatcher(engine, (reason, buffer, offset, length) ->
        {
        });
        ingress = new IngressHandler(registry, streams, dispatcher, timers, counters);
        ingress.trace(config.spans(), () -> role == Cluster.Role.LEADER, cluster::timeUnit);
        if (snapshotImage != null)
        {
            final int length = SnapshotTransfer.read(snapshotImage, state, cluster.idleStrategy());
            ServiceSnapshot.read(stateReader.wrap(state, 0, length), length, engine, registry, timers);
        }
        if (config.feed() != null)
        {
            feed = MemberFeed.start(config.feed(), engine.nextFeedSequence());
        }
        gate = new FeedGate(cluster.aeron().countersReader(), cluster.context().clusterId());
    }

    @Override
    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
    }

    @Override
    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
        ingress.onSessionClosed(session.id(), timestamp);
    }

    @Override
    public void onSessionMessage(
        final ClientSession session,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        if (session == null)
        {
            counters.increment(ServiceCounter.MALFORMED_FRAMES);
            return;
        }
        ingress.onMessage(session.id(), timestamp, cluster.logPosition(), buffer, offset, length);
        streams.flush(role == Cluster.Role.LEADER);
    }

    @Override
    public void onTimerEvent(final long correlationId, final long timestamp)
    {
        timers.onTimer(correlationId, timestamp, cluster.logPosition());
        streams.flush(role == Cluster.Role.LEADER);
    }

    @Override
    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
        final int length = ServiceSnapshot.write(engine, registry, timers, stateWriter.wrap(state, 0));
        SnapshotTransfer.write(snapshotPublication, state, length, cluster.idleStrategy());
        final long position = cluster.logPosition();
        if (config.stateDumps() != null)
        {
            try
            {
                StateDumps.write(config.stateDumps(), position, state, length);
            }
            catch (final RuntimeException ex)
            {
                stateDumpFailures.incrementAndGet();
                System.err.println("dx: the state copy of the snapshot at " + position + " was not written (the " +
                    "snapshot is taken all the same): " + ex);
            }
        }
        lastSnapshotPosition = position;
    }

    @Override
    public void onRoleChange(final Cluster.Role newRole)
    {
        role = newRole;
    }

    @Override
    public void onTerminate(final Cluster cluster)
    {
        closeFeed();
    }

    /**
     * Closes the feed; the host calls it after the service container has stopped (a closed container does not
     * call {@link #onTerminate}).
     */
    public void closeFeed()
    {
        final MemberFeed feed = this.feed;
        this.feed = null;
        if (feed != null)
        {
            feed.close();
        }
    }

    @Override
    public int doBackgroundWork(final long nowNs)
    {
        if (feed == null)
        {
            return 0;
        }
        feed.endOfBatch();
        if (nowNs - nextGateCheckNanos >= 0)
        {
            nextGateCheckNanos = nowNs + GATE_INTERVAL_NANOS;
            final boolean open = gate.evaluate(cluster.logPosition());
            final long transmitting = open ? 1 : 0;
            if (counters.get(ServiceCounter.FEED_TRANSMITTING) != transmitting)
            {
                counters.set(ServiceCounter.FEED_TRANSMITTING, transmitting);
                feed.transmitting(open);
            }
        }
        return 0;
    }

    /**
     * @return this member's role as the service last heard it.
     */
    public Cluster.Role role()
    {
        return role;
    }

    /**
     * @return the commands this member applied per instrument id since it started ({@code dx_instrument_commands_total}
     * on its metrics page).
     */
    public InstrumentCommands instrumentCommands()
    {
        return instrumentCommands;
    }

    /**
     * @return state copies ({@link StateDumps}) that could not be written; a copy is a side copy, so its snapshot was
     * taken all the same.
     */
    public long stateDumpFailures()
    {
        return stateDumpFailures.get();
    }

    /**
     * @return log position of the last snapshot this service took, -1 before the first.
     */
    public long lastSnapshotPosition()
    {
        return lastSnapshotPosition;
    }
}
