package io.disruptorx.gateway.fix;

import java.util.ArrayList;
import java.util.List;

import io.aeron.logbuffer.ControlledFragmentHandler.Action;
import io.disruptorx.core.net.ConnectionLimiter;
import io.disruptorx.core.net.RelayedPeers;
import io.disruptorx.fix44.decoder.ExecutionReportDecoder;
import io.disruptorx.gateway.core.GatewayCore;
import io.disruptorx.gateway.core.ProtocolError;
import io.disruptorx.gateway.core.Report;
import io.disruptorx.gateway.core.ReportStore;
import io.disruptorx.gateway.core.Session;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import org.agrona.CloseHelper;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.Agent;
import uk.co.real_logic.artio.library.FixLibrary;
import uk.co.real_logic.artio.library.OnMessageInfo;
import uk.co.real_logic.artio.library.SessionAcquiredInfo;
import uk.co.real_logic.artio.library.SessionHandler;
import uk.co.real_logic.artio.messages.DisconnectReason;

/**
 * The FIX 4.4 acceptor as an Agrona {@link Agent} that must run on the thread of the {@link GatewayCore} it serves
 * (e.g. in a {@code CompositeAgent} with the {@code Gateway}): it polls its Artio library, answers logons, and
 * hands each connected session's new reports to Artio in sequence. Artio's engine and media driver run threads of
 * their own. Sessions are protocol {@link #PROTOCOL_ID} of the gateway.
 */
public final class FixGateway implements Agent
{
    /** The gateway protocol id of FIX sessions. */
    public static final int PROTOCOL_ID = 3;

    /**
     * Reports of a session not yet handed to Artio at which the session's next application message is left with
     * Artio until they are (under the smallest report store, 1,024, so that none is overwritten before it is sent).
     */
    public static final int MAX_UNSENT_REPORTS = 512;

    private static final int LIBRARY_POLL_LIMIT = 64;
    private static final int SEND_LIMIT = 256;

    private final GatewayCore core;
    private final FixCounters counters = new FixCounters();
    private final FixLogons logons;
    private final FixReports reports;
    private final FixRequests requests;
    private final ArtioRuntime runtime;
    private final ConnectionLimiter limiter;
    private final FixConnectionCounters connections;
    private final Int2ObjectHashMap<FixSessionState> statesByIndex = new Int2ObjectHashMap<>();
    private final List<FixSessionState> states = new ArrayList<>();
    private final Report report = new Report();
    private FixLibrary library;

    private FixGateway(
        final FixSettings settings,
        final ConnectionLimiter limiter,
        final GatewayCore core,
        final InstrumentDirectory instruments,
        final RelayedPeers peers,
        final FixConnectionCounters connections)
    {
        this.core = core;
        this.limiter = limiter;
        this.connections = connections;
        this.logons = new FixLogons(PROTOCOL_ID, FixReports.FILTER, counters, peers);
        this.reports = new FixReports(instruments);
        this.requests = new FixRequests(instruments, counters, reports.massCancels());
        this.runtime = new ArtioRuntime(settings, limiter, peers, connections, logons, this::onSessionAcquired);
    }

    /**
     * Starts Artio's media driver, archive and engine and binds the listener; the library connects when the agent
     * starts.
     *
     * @param settings    acceptor settings.
     * @param core        the gateway core; the agent must run on its thread.
     * @param instruments the same reference data as the core's.
     * @return the acceptor, listening.
     */
    public static FixGateway launch(
        final FixSettings settings, final GatewayCore core, final InstrumentDirectory instruments)
    {
        return launch(settings, settings.newConnectionLimiter(), core, instruments);
    }

    /**
     * Starts Artio's media driver, archive and engine and binds the listener, holding connections within the
     * given limiter; the library connects when the agent starts.
     *
     * @param settings    acceptor settings.
     * @param limiter     the listener's connection limits and counts (read by monitoring).
     * @param core        the gateway core; the agent must run on its thread.
     * @param instruments the same reference data as the core's.
     * @return the acceptor, listening.
     */
    public static FixGateway launch(
        final FixSettings settings,
        final ConnectionLimiter limiter,
        final GatewayCore core,
        final InstrumentDirectory instruments)
    {
        return new FixGateway(settings, limiter, core, instruments, null, new FixConnectionCounters());
    }

    /**
     * Starts the acceptor as {@link #launch(FixSettings, ConnectionLimiter, GatewayCore, InstrumentDirectory)},
     * behind a TLS listener whose clients' certificates name users: a logon relayed from a client that showed a
     * certificate is authenticated by it (Password(554) may be left out) and must name the user it maps to.
     *
     * @param settings    acceptor settings.
     * @param limiter     the listener's connection limits and counts (read by monitoring).
     * @param core        the gateway core; the agent must run on its thread.
     * @param instruments the same reference data as the core's.
     * @param peers       where the TLS listener records its clients' certificate subjects, or {@code null}.
     * @return the acceptor, listening.
     */
    public static FixGateway launch(
        final FixSettings settings,
        final ConnectionLimiter limiter,
        final GatewayCore core,
        final InstrumentDirectory instruments,
        final RelayedPeers peers)
    {
        return launch(settings, limiter, core, instruments, peers, new FixConnectionCounters());
    }

    /**
     * Starts the acceptor as {@link #launch(FixSettings, ConnectionLimiter, GatewayCore, InstrumentDirectory,
     * RelayedPeers)}, counting the connections its listener closes into the given counters.
     *
     * @param settings    acceptor settings.
     * @param limiter     the listener's connection limits and counts (read by monitoring).
     * @param core        the gateway core; the agent must run on its thread.
     * @param instruments the same reference data as the core's.
     * @param peers       where the TLS listener records its clients' certificate subjects, or {@code null}.
     * @param connections where the listener counts the connections it closes (read by monitoring).
     * @return the acceptor, listening.
     */
    public static FixGateway launch(
        final FixSettings settings,
        final ConnectionLimiter limiter,
        final GatewayCore core,
        final InstrumentDirectory instruments,
        final RelayedPeers peers,
        final FixConnectionCounters connections)
    {
        return new FixGateway(settings, limiter, core, instruments, peers, connections);
    }

    @Override
    public void onStart()
    {
        library = runtime.connectLibrary();
    }

    @Override
    public int doWork()
    {
        if (library == null)
        {
            onStart();
        }
        int work = library.poll(LIBRARY_POLL_LIMIT);
        work += logons.drain(core);
        for (int i = 0; i < states.size(); i++)
        {
            work += send(states.get(i));
        }
        return work;
    }

    private int send(final FixSessionState state)
    {
        final uk.co.real_logic.artio.session.Session connection = state.connection;
        if (connection == null)
        {
            return 0;
        }
        final ReportStore store = state.session.store();
        if (state.nextSequence > store.last())
        {
            return 0;
        }
        final long now = System.currentTimeMillis();
        int sent = 0;
        while (state.nextSequence <= store.last() && sent < SEND_LIMIT)
        {
            if (state.nextSequence < store.oldest())
            {
                core.counters().protocolError(ProtocolError.SEQUENCE_UNAVAILABLE);
                state.nextSequence = store.oldest();
                continue;
            }
            store.read(state.nextSequence, report);
            final int msgSeqNum = connection.lastSentMsgSeqNum() + 1;
            final int encoded;
            try
            {
                encoded = reports.encode(report, state.nextSequence, state, msgSeqNum, now);
            }
            catch (final RuntimeException ex)
            {
                core.counters().internalError();
                state.nextSequence++;
                continue;
            }
            if (encoded == FixReports.SKIP)
            {
                state.nextSequence++;
                continue;
            }
            if (!offer(connection, encoded, msgSeqNum))
            {
                break;
            }
            state.reportSent(report);
            state.nextSequence++;
            sent++;
        }
        return sent;
    }

    /**
     * Hands Artio the message {@link FixReports#encode} left: an ExecutionReport written whole with the session's
     * next MsgSeqNum (Artio archives it, counts the number as sent and its engine writes the bytes as they are,
     * as it does with a message its own encoder wrote), or an Artio encoder.
     *
     * @return whether Artio took the message; when not (back-pressure, or a connection that is going away) the
     * report stays next in the session's sequence, for the next duty cycle or the next connection, and is encoded
     * again then (the MsgSeqNum was not used).
     */
    private boolean offer(
        final uk.co.real_logic.artio.session.Session connection, final int encoded, final int msgSeqNum)
    {
        try
        {
            final long position;
            if (encoded == FixReports.WRITTEN)
            {
                final FixMessageWriter written = reports.written();
                position = connection.trySend(written.buffer(), written.offset(), written.length(), msgSeqNum,
                    ExecutionReportDecoder.MESSAGE_TYPE);
            }
            else
            {
                position = connection.trySend(reports.encoder());
            }
            if (position >= 0)
            {
                return true;
            }
        }
        catch (final RuntimeException ex)
        {
            core.counters().internalError();
            return false;
        }
        counters.sendsBackPressured++;
        return false;
    }

    private SessionHandler onSessionAcquired(
        final uk.co.real_logic.artio.session.Session connection, final SessionAcquiredInfo info)
    {
        final FixLogons.Accepted accepted = logons.takeAccepted(connection.username());
        if (accepted == null)
        {
            connection.logoutAndDisconnect();
            return Unowned.INSTANCE;
        }
        final Session session = accepted.session();
        FixSessionState state = statesByIndex.get(session.index());
        if (state == null)
        {
            state = new FixSessionState(session);
            statesByIndex.put(session.index(), state);
            states.add(state);
        }
        state.connection = connection;
        state.compIds = FixMessageWriter.compIds(connection.compositeKey().localCompId(),
            connection.compositeKey().remoteCompId());
        core.attach(session, accepted.source());
        return new FixConnection(core, state, requests, counters);
    }

    @Override
    public void onClose()
    {
        CloseHelper.quietClose(library);
        runtime.close();
    }

    @Override
    public String roleName()
    {
        return "dx-fix-gateway";
    }

    /**
     * @return connections closed at accept because a connection limit, in all or per source address, was reached.
     */
    public long refusedConnections()
    {
        return limiter.refused();
    }

    /**
     * @return the connections the listener closed itself (login timeouts, bytes that are not FIX, oversized
     * messages), by kind.
     */
    public FixConnectionCounters connectionCounters()
    {
        return connections;
    }

    /**
     * @return what the FIX edge refused itself.
     */
    public FixCounters counters()
    {
        return counters;
    }

    /**
     * @return whether the library is connected to Artio's engine (the acceptor can take logons).
     */
    public boolean connected()
    {
        return library != null && library.isConnected();
    }

    /**
     * A session Artio handed over with no accepted logon behind it: disconnected, its messages ignored.
     */
    private static final class Unowned implements SessionHandler
    {
        static final Unowned INSTANCE = new Unowned();

        @Override
        public Action onMessage(
            final org.agrona.DirectBuffer buffer, final int offset, final int length, final int libraryId,
            final uk.co.real_logic.artio.session.Session session, final int sequenceIndex, final long messageType,
            final long timestampInNs, final long position, final OnMessageInfo messageInfo)
        {
            return Action.CONTINUE;
        }

        @Override
        public void onTimeout(final int libraryId, final uk.co.real_logic.artio.session.Session session)
        {
        }

        @Override
        public void onSlowStatus(
            final int libraryId, final uk.co.real_logic.artio.session.Session session, final boolean hasBecomeSlow)
        {
        }

        @Override
        public Action onDisconnect(
            final int libraryId, final uk.co.real_logic.artio.session.Session session, final DisconnectReason reason)
        {
            return Action.CONTINUE;
        }

        @Override
        public void onSessionStart(final uk.co.real_logic.artio.session.Session session)
        {
        }
    }
}
