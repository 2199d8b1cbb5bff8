package io.disruptorx.cluster.client;

import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.ControlledEgressListener;
import io.aeron.logbuffer.ControlledFragmentHandler.Action;
import io.aeron.logbuffer.Header;
import io.disruptorx.cluster.wire.EgressFrame;
import io.disruptorx.protocol.venue.TraceContext;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;

/**
 * The venue as a cluster client, for a gateway: commands go through Aeron Cluster's ingress to the leader, events
 * come back on the egress. It knows every member, follows leader changes (Aeron's client moves its ingress to the
 * new leader), opens a new session when its session is closed, and keeps every command it has taken until the
 * cluster acknowledges it, re-sending after a new session or leader.
 *
 * <p>Exactly once, both ways. Commands: each carries this gateway incarnation's command sequence, and the cluster
 * applies a sequence once (a re-send of an applied command is dropped before the engine and acknowledged again),
 * so a re-send never makes a second order and never a duplicate-id reject: a {@code DUPLICATE_CLIENT_ORDER_ID}
 * reject always means the gateway really reused a live id. Events: the cluster numbers this gateway's events and
 * keeps the recent ones; the client delivers the next number only, drops what it has already delivered, and when
 * a number is missing (a frame dropped under back-pressure, a leader change) asks for everything from it again.
 *
 * <p>A duty cycle on one thread, like {@link VenueClient} says: {@link #poll} runs the Aeron client conductor too
 * (no thread of its own) and must be called often. It also sends the commands {@link #offer} took since the last
 * poll, several in one BATCH frame ({@link CommandSender}); {@code offer} sends at once only when 32 wait. The
 * HELLO, resend requests and keep-alives of the session are {@link SessionControl}'s.
 *
 * <p>Aeron's errors never end the process ({@link DriverLink}): when the media driver stops answering the session
 * is lost as when the cluster closes it; a new Aeron client and session open once a driver answers.
 */
public final class ClusterVenueClient implements VenueClient
{
    /** Unsent commands at which {@link #offer} sends at once rather than at the next {@link #poll}. */
    private static final int SEND_AT = 32;

    private final DriverLink driver;
    private final PendingCommands pending;
    private final CommandSender sender;
    private final Egress egress = new Egress();
    private final ClientCounters counters = new ClientCounters();
    private final EventDelivery events = new EventDelivery(counters);
    private final SessionControl control;
    private final TracedCommands traces;
    private AeronCluster cluster;
    private AeronCluster.AsyncConnect connecting;
    private long connectAgainAt;
    private boolean closed;
    private volatile boolean sessionOpen;
    private volatile int knownLeader = -1;

    private ClusterVenueClient(final ClusterClientConfig config, final TracedCommands traces)
    {
        this.driver = new DriverLink(config, counters, System.err);
        this.traces = traces;
        this.pending = new PendingCommands(config.pendingCapacity());
        this.sender = new CommandSender(pending, counters);
        this.control = new SessionControl(config, pending, sender, counters, events);
    }

    /**
     * Creates the client; it connects during {@link #poll}.
     *
     * @param config settings.
     * @return the client, not yet connected.
     */
    public static ClusterVenueClient create(final ClusterClientConfig config)
    {
        return create(config, null, 0);
    }

    /**
     * Creates a client that records the gateway's own spans of traced commands ({@link TracedCommands}).
     * @param config          settings.
     * @param spans           where the gateway's spans go, or {@code null} for none.
     * @param rootSampleEvery with spans, one in this many new orders without a sampled context starts a trace.
     * @return the client, not yet connected.
     */
    public static ClusterVenueClient create(
        final ClusterClientConfig config, final GatewaySpans spans, final int rootSampleEvery)
    {
        return new ClusterVenueClient(config, spans == null ? TracedCommands.OFF :
            new TracedCommands(spans, rootSampleEvery, config.gatewayId() * 31 + config.incarnation()));
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        return take(buffer, offset, length, null);
    }

    /**
     * Takes a command with its caller's trace context: a sampled one travels with the command (a TRACED frame, sent
     * alone) to a leader that reads them, whose host then reports the command's stages under the caller's span (or
     * the gateway's own: {@link #create(ClusterClientConfig, GatewaySpans, int)}).
     */
    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length, final TraceContext trace)
    {
        return take(buffer, offset, length, trace);
    }

    private long take(final DirectBuffer buffer, final int offset, final int length, final TraceContext trace)
    {
        if (closed)
        {
            return CLOSED;
        }
        PendingCommands.checkLength(length);
        if (cluster == null)
        {
            return NOT_CONNECTED;
        }
        if (pending.isFull())
        {
            return BACK_PRESSURED;
        }
        if (pending.size() == 0)
        {
            control.progressed(System.nanoTime());
        }
        final long sequence = traces.add(pending, buffer, offset, length, trace);
        if (pending.unsent() >= SEND_AT)
        {
            control.send(cluster, System.nanoTime());
        }
        return sequence;
    }

    /**
     * @return true: after the last event of each command for this gateway the client calls
     * {@link VenueEventHandler#onCommandEnd} with the command's log position (members of this version mark each
     * command's last event; see the egress frame's {@link EgressFrame#COMMAND_END}).
     */
    @Override
    public boolean signalsCommandEnd()
    {
        return true;
    }

    @Override
    public int poll(final VenueEventHandler handler, final int limit)
    {
        if (closed)
        {
            return 0;
        }
        if (!driver.invoke() && (cluster != null || connecting != null))
        {
            sessionLost(System.nanoTime());
        }
        final long now = System.nanoTime();
        if (cluster == null && !connect(now))
        {
            return 0;
        }
        events.start(handler, limit);
        cluster.controlledPollEgress();
        final int delivered = events.finish();
        if (cluster.isClosed())
        {
            sessionLost(now);
            return delivered;
        }
        control.send(cluster, now);
        control.keepAliveAndResend(cluster, now);
        return delivered;
    }

    /**
     * Polls until a session with the cluster is open or the time is up, delivering no event (events wait for the
     * first {@link #poll} with a handler): for a gateway that should not take orders it could only reject.
     *
     * @param timeoutNanos the longest wait.
     * @return whether a session is open.
     */
    public boolean awaitConnected(final long timeoutNanos)
    {
        return ConnectWait.await(this, timeoutNanos);
    }

    /**
     * @return whether a session with the cluster is open (on the client's thread).
     */
    public boolean isConnected()
    {
        return cluster != null && !cluster.isClosed();
    }

    boolean isClosed()
    {
        return closed;
    }

    /**
     * @return whether a session with the cluster was open when the client's thread last looked (any thread: a
     * health endpoint's).
     */
    public boolean sessionOpen()
    {
        return sessionOpen;
    }

    /**
     * @return the member the client believes leads, -1 without a session (any thread).
     */
    public int leaderMemberId()
    {
        return knownLeader;
    }

    /**
     * @return commands taken and not yet acknowledged.
     */
    public int unacknowledged()
    {
        return pending.size();
    }

    /**
     * @return the event sequence the next delivered event will carry (0 before the first acknowledgement).
     */
    public long nextEventSequence()
    {
        return events.nextEvent();
    }

    /**
     * @return the client's counters.
     */
    public ClientCounters counters()
    {
        return counters;
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        sessionOpen = false;
        knownLeader = -1;
        CloseHelper.quietCloseAll(connecting, cluster, driver);
    }

    private boolean connect(final long now)
    {
        if (connecting == null && now - connectAgainAt < 0)
        {
            return false;
        }
        try
        {
            if (connecting == null)
            {
                connecting = AeronCluster.asyncConnect(driver.clusterContext().controlledEgressListener(egress));
            }
            final AeronCluster connected = connecting.poll();
            if (connected == null)
            {
                return false;
            }
            connecting = null;
            cluster = connected;
            sender.connected(connected);
            sessionOpen = true;
            knownLeader = connected.leaderMemberId();
            counters.sessions++;
            control.newSession(now);
            return true;
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(connecting);
            connecting = null;
            counters.connectFailures++;
            connectAgainAt = now + 100_000_000L;
            return false;
        }
    }

    private void sessionLost(final long now)
    {
        CloseHelper.quietCloseAll(connecting, cluster);
        connecting = null;
        cluster = null;
        sessionOpen = false;
        knownLeader = -1;
        connectAgainAt = now;
    }

    private Action onFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < EgressFrame.HEADER_LENGTH)
        {
            return Action.CONTINUE;
        }
        final int type = EgressFrame.type(buffer, offset);
        if ((type == EgressFrame.EVENT || type == EgressFrame.EVENTS) && events.full())
        {
            return Action.ABORT;
        }
        counters.egressMessages++;
        final long now = System.nanoTime();
        final boolean answer = type == EgressFrame.ACK && EgressFrame.isAnswer(buffer, offset);
        control.frameSeen(answer, answer && (EgressFrame.flags(buffer, offset) & EgressFrame.TRACES) != 0);
        final long acked = EgressFrame.ackedCommand(buffer, offset);
        if (pending.acknowledge(acked) > 0)
        {
            control.progressed(now);
        }
        final long sequence = EgressFrame.eventSequence(buffer, offset);
        switch (type)
        {
            case EgressFrame.EVENT:
                return delivered(events.onEvent(buffer, offset, length), acked, now);

            case EgressFrame.EVENTS:
                return delivered(events.onEvents(buffer, offset, length), acked, now);

            case EgressFrame.ACK:
                if (events.onAck(sequence, answer) == EventDelivery.GAP)
                {
                    control.onGap(cluster, now);
                }
                break;

            case EgressFrame.LOST:
                events.onLost(sequence);
                break;

            default:
                break;
        }
        traces.answered(acked, now);
        return Action.CONTINUE;
    }

    private Action delivered(final int outcome, final long acked, final long now)
    {
        if (outcome == EventDelivery.GAP)
        {
            control.onGap(cluster, now);
            return Action.CONTINUE;
        }
        if (outcome != EventDelivery.NOTHING)
        {
            control.delivered(now);
        }
        if (outcome == EventDelivery.FULL)
        {
            return Action.ABORT;
        }
        traces.answered(acked, now);
        return Action.CONTINUE;
    }

    /**
     * Aeron's egress callbacks.
     */
    private final class Egress implements ControlledEgressListener
    {
        @Override
        public Action onMessage(
            final long clusterSessionId,
            final long timestamp,
            final DirectBuffer buffer,
            final int offset,
            final int length,
            final Header header)
        {
            return onFrame(buffer, offset, length);
        }

        @Override
        public void onNewLeader(
            final long clusterSessionId, final long leadershipTermId, final int leaderMemberId,
            final String ingressEndpoints)
        {
            counters.leaderChanges++;
            knownLeader = leaderMemberId;
            control.newLeader();
        }
    }
}
