package io.disruptorx.marketdata.server;

import java.net.InetSocketAddress;
import java.util.List;

import io.disruptorx.marketdata.server.tcp.CloseReason;
import io.disruptorx.marketdata.server.tcp.FrameError;
import io.disruptorx.marketdata.server.tcp.PacketConnection;
import io.disruptorx.marketdata.server.tcp.PacketServer;
import io.disruptorx.protocol.soupbintcp.LoginAccepted;
import io.disruptorx.protocol.soupbintcp.LoginRequest;
import io.disruptorx.protocol.soupbintcp.SoupBinTcp;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The feed over SoupBinTCP 3.00, an agent on its host's duty cycle, serving two sessions:
 * <ul>
 *   <li>the feed session: login at a sequence (0: the next message; an empty requested session means this one),
 *   then every message from it as sequenced data, a server heartbeat after each second of send silence (the
 *   specification's cadence; configurable), end of session. It reads the {@link MessageStore}, so a slow
 *   subscriber never slows the publisher; one that falls behind the store is sent end of session and
 *   disconnected. A login at a sequence the store no longer holds is rejected with reason 'S'.</li>
 *   <li>the snapshot session (GLIMPSE style, {@link SnapshotSessionWriter}): the book as sequenced data, then an
 *   EndOfSnapshot with the feed sequence to continue from, then end of session.</li>
 * </ul>
 * A login for any other session is rejected with reason 'S' (session not available). Fields are padded as the
 * specification says: the session in Login Accepted is right-justified (padded on the left with spaces), sequence
 * numbers are right-justified decimal padded on the left with spaces. A client silent for longer than the client
 * timeout (it should send a heartbeat every second; only whole packets count, so a client trickling a packet a byte at
 * a time, slow-loris, is silent too) is disconnected. Bad input is counted by kind
 * ({@link TcpFeedCounters}).
 */
public final class TcpFeedServer extends PacketServerAgent
{
    private static final int MAX_CLIENT_PACKET = 1024;
    private static final int MAX_PENDING_OUTPUT = 1024 * 1024;
    private static final int STREAM_HIGH_WATER = 64 * 1024;

    private final String session;
    private final String snapshotSession;
    private final MessageStore store;
    private final long heartbeatIntervalNanos;
    private final long clientTimeoutNanos;
    private final SnapshotSessionWriter snapshots;
    private final TcpFeedCounters counters = new TcpFeedCounters();
    private final UnsafeBuffer acceptedView = new UnsafeBuffer(new byte[SoupBinTcp.LOGIN_ACCEPTED_LENGTH]);
    private final byte[] rejectReason = new byte[1];
    private final UnsafeBuffer rejectView = new UnsafeBuffer(rejectReason);
    private volatile boolean ended;

    /**
     * @param bindAddress            where to listen (port 0 for an ephemeral port).
     * @param session                the feed session's name (10 characters at most).
     * @param snapshotSession        the snapshot session's name (10 characters at most).
     * @param store                  the publisher's store.
     * @param heartbeatIntervalNanos send silence before a server heartbeat.
     * @param clientTimeoutNanos     client silence before it is disconnected.
     * @param clock                  the time of the duty cycle.
     */
    public TcpFeedServer(
        final InetSocketAddress bindAddress,
        final String session,
        final String snapshotSession,
        final MessageStore store,
        final long heartbeatIntervalNanos,
        final long clientTimeoutNanos,
        final NanoClock clock)
    {
        super("SoupBinTCP feed", bindAddress, MAX_CLIENT_PACKET, MAX_PENDING_OUTPUT, clock);
        this.session = session;
        this.snapshotSession = snapshotSession;
        this.store = store;
        this.heartbeatIntervalNanos = heartbeatIntervalNanos;
        this.clientTimeoutNanos = clientTimeoutNanos;
        this.snapshots = new SnapshotSessionWriter(store);
    }

    @Override
    public String roleName()
    {
        return "dx-md-tcp-feed";
    }

    @Override
    int catchUp()
    {
        return snapshots.catchUp();
    }

    @Override
    int serve(final PacketServer server, final long now)
    {
        int work = 0;
        final List<PacketConnection> connections = server.connections();
        for (int i = connections.size() - 1; i >= 0; i--)
        {
            final PacketConnection connection = connections.get(i);
            if (now - ((TcpFeedSession)connection.state()).lastPacketNanos() > clientTimeoutNanos)
            {
                counters.increment(TcpFeedCounters.CLIENT_TIMEOUTS);
                server.close(connection, CloseReason.BY_SERVER, this);
                work++;
            }
            else
            {
                work += pump(connection, now);
            }
        }
        return work;
    }

    /**
     * @return what the server saw and did.
     */
    public TcpFeedCounters counters()
    {
        return counters;
    }

    /**
     * Ends the session: each subscriber gets the rest of the stream, then end of session.
     */
    public void endOfSession()
    {
        ended = true;
    }

    @Override
    public void onOpen(final PacketConnection connection, final long nowNanos)
    {
        counters.increment(TcpFeedCounters.CONNECTIONS);
        connection.state(new TcpFeedSession(nowNanos));
    }

    @Override
    public void onPacket(
        final PacketConnection connection,
        final byte type,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long nowNanos)
    {
        final TcpFeedSession subscriber = (TcpFeedSession)connection.state();
        subscriber.packetReceived(nowNanos);
        switch (type)
        {
            case SoupBinTcp.LOGIN_REQUEST:
                if (subscriber.loggedIn())
                {
                    counters.increment(TcpFeedCounters.UNEXPECTED_PACKETS);
                    connection.closeAfterFlush();
                }
                else
                {
                    login(connection, subscriber, buffer, offset, length);
                }
                break;
            case SoupBinTcp.CLIENT_HEARTBEAT:
            case SoupBinTcp.DEBUG:
                break;
            case SoupBinTcp.LOGOUT_REQUEST:
                connection.closeAfterFlush();
                break;
            case SoupBinTcp.UNSEQUENCED_DATA:
                counters.increment(TcpFeedCounters.UNEXPECTED_PACKETS);
                break;
            default:
                counters.increment(TcpFeedCounters.UNKNOWN_TYPE);
                connection.closeAfterFlush();
                break;
        }
    }

    @Override
    public void onFrameError(final PacketConnection connection, final FrameError error)
    {
        counters.increment(
            error == FrameError.EMPTY ? TcpFeedCounters.EMPTY_FRAMES : TcpFeedCounters.OVERSIZED_FRAMES);
    }

    @Override
    public void onClosed(final PacketConnection connection, final CloseReason reason)
    {
        counters.increment(TcpFeedCounters.DISCONNECTS);
    }

    private void login(
        final PacketConnection connection,
        final TcpFeedSession subscriber,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        if (length != SoupBinTcp.LOGIN_REQUEST_LENGTH)
        {
            counters.increment(TcpFeedCounters.LOGINS_MALFORMED);
            reject(connection, SoupBinTcp.REJECT_NOT_AUTHORIZED);
            return;
        }
        final long requested = LoginRequest.sequence(buffer, offset);
        if (requested < 0)
        {
            counters.increment(TcpFeedCounters.LOGINS_MALFORMED);
            reject(connection, SoupBinTcp.REJECT_NOT_AUTHORIZED);
            return;
        }
        final String requestedSession = LoginRequest.session(buffer, offset);
        if (requestedSession.isEmpty() || requestedSession.equals(session))
        {
            loginToFeed(connection, subscriber, requested);
        }
        else if (requestedSession.equals(snapshotSession))
        {
            loginToSnapshot(connection);
        }
        else
        {
            counters.increment(TcpFeedCounters.LOGINS_UNKNOWN_SESSION);
            reject(connection, SoupBinTcp.REJECT_SESSION_NOT_AVAILABLE);
        }
    }

    private void loginToFeed(final PacketConnection connection, final TcpFeedSession subscriber, final long requested)
    {
        final long highest = store.highestSequence();
        final long start = requested == 0 ? highest + 1 : Math.min(requested, highest + 1);
        if (start < store.lowestSequence())
        {
            counters.increment(TcpFeedCounters.LOGINS_SEQUENCE_UNAVAILABLE);
            reject(connection, SoupBinTcp.REJECT_SESSION_NOT_AVAILABLE);
            return;
        }
        accept(connection, session, start);
        subscriber.nextSequence(start);
        counters.increment(TcpFeedCounters.LOGINS_ACCEPTED);
    }

    private void loginToSnapshot(final PacketConnection connection)
    {
        if (!snapshots.ready())
        {
            counters.increment(TcpFeedCounters.LOGINS_SEQUENCE_UNAVAILABLE);
            reject(connection, SoupBinTcp.REJECT_SESSION_NOT_AVAILABLE);
            return;
        }
        accept(connection, snapshotSession, 1);
        counters.increment(TcpFeedCounters.LOGINS_ACCEPTED);
        final int messages = snapshots.write(connection);
        connection.writePacket(SoupBinTcp.END_OF_SESSION);
        connection.closeAfterFlush();
        counters.add(TcpFeedCounters.MESSAGES_SENT, messages);
        counters.increment(TcpFeedCounters.SNAPSHOTS_SERVED);
    }

    private void accept(final PacketConnection connection, final String sessionName, final long sequence)
    {
        final int length = LoginAccepted.encode(acceptedView, 0, sessionName, sequence);
        connection.writePacket(SoupBinTcp.LOGIN_ACCEPTED, acceptedView, 0, length);
    }

    private void reject(final PacketConnection connection, final byte reason)
    {
        rejectReason[0] = reason;
        connection.writePacket(SoupBinTcp.LOGIN_REJECTED, rejectView, 0, 1);
        connection.closeAfterFlush();
    }

    private int pump(final PacketConnection connection, final long now)
    {
        final TcpFeedSession subscriber = (TcpFeedSession)connection.state();
        if (!subscriber.loggedIn() || connection.closing())
        {
            return 0;
        }
        int work = 0;
        final long highest = store.highestSequence();
        final int maxFrame = SoupBinTcp.frameLength(store.maxMessageLength());
        long next = subscriber.nextSequence();
        while (next <= highest && connection.pendingBytes() < STREAM_HIGH_WATER)
        {
            final int at = connection.reserve(maxFrame);
            final MutableDirectBuffer out = connection.output();
            final int length = store.read(next, out, at + SoupBinTcp.HEADER_LENGTH);
            if (length < 0)
            {
                counters.increment(TcpFeedCounters.FELL_BEHIND);
                connection.writePacket(SoupBinTcp.END_OF_SESSION);
                connection.closeAfterFlush();
                return work + 1;
            }
            SoupBinTcp.putHeader(out, at, SoupBinTcp.SEQUENCED_DATA, length);
            connection.commit(SoupBinTcp.frameLength(length));
            counters.increment(TcpFeedCounters.MESSAGES_SENT);
            next++;
            work++;
        }
        subscriber.nextSequence(next);
        if (ended && next > highest && !subscriber.endSent())
        {
            connection.writePacket(SoupBinTcp.END_OF_SESSION);
            subscriber.endSent(true);
            work++;
        }
        if (connection.pendingBytes() == 0 && now - connection.lastSentNanos() >= heartbeatIntervalNanos)
        {
            connection.writePacket(SoupBinTcp.SERVER_HEARTBEAT);
            counters.increment(TcpFeedCounters.HEARTBEATS_SENT);
            work++;
        }
        return work;
    }
}
