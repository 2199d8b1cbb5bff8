package io.disruptorx.gateway.soupbintcp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import javax.security.auth.x500.X500Principal;

import io.disruptorx.core.net.RelayedPeers;
import io.disruptorx.gateway.core.GatewayCore;
import io.disruptorx.gateway.core.ProtocolError;
import io.disruptorx.gateway.core.Report;
import io.disruptorx.gateway.core.ReportStore;
import io.disruptorx.gateway.core.Session;
import io.disruptorx.protocol.soupbintcp.LoginAccepted;
import io.disruptorx.protocol.soupbintcp.LoginRequest;
import io.disruptorx.protocol.soupbintcp.SoupBinTcp;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One client connection of a SoupBinTCP server, driven by the server's duty cycle: reads and parses packets,
 * logs in through the core, sends the session's reports from its store as sequenced data (replaying from the
 * requested sequence first), heartbeats after a quiet interval, and ends on logout, timeout, bad input or a
 * client too slow for the store. Non-blocking; a full socket leaves the rest for the next cycle. Over TLS
 * ({@link TlsChannel}) the same, on the plaintext: the handshake comes first, and a client whose certificate is
 * trusted but names no user is closed as soon as it completes.
 */
final class SoupBinTcpConnection
{
    private static final int LOGIN = 0;
    private static final int ACTIVE = 1;
    private static final int CLOSING = 2;
    private static final int CLOSED = 3;
    private static final int TX_CAPACITY = 64 * 1024;
    private static final long CLOSING_GRACE_NANOS = 1_000_000_000L;

    private final SocketChannel socket;
    private final ByteChannel channel;
    private final TlsChannel tls;
    private final GatewayCore core;
    private final Dialect dialect;
    private final SoupBinTcpSettings settings;
    private final Report report;
    private final ByteBuffer rx;
    private final UnsafeBuffer rxView;
    private final ByteBuffer tx = ByteBuffer.allocateDirect(TX_CAPACITY).order(ByteOrder.BIG_ENDIAN);
    private final UnsafeBuffer txView = new UnsafeBuffer(tx);
    private final int maxPacketLength;
    private final int maxOutboundPacket;
    private final long connectedAt;
    private final String source;
    private final InetAddress peer;
    private final RelayedPeers peers;
    private int state = LOGIN;
    private Session session;
    private Session loggedIn;
    private long nextSequence;
    private long lastReceived;
    private long lastSent;
    private long closingSince;
    private boolean subjectChecked;
    /** Whether the socket may have bytes (or its end) to read: set by the server's selector, and for the first read. */
    private boolean readable = true;

    SoupBinTcpConnection(
        final SocketChannel socket,
        final TlsChannel tls,
        final GatewayCore core,
        final Dialect dialect,
        final SoupBinTcpSettings settings,
        final Report report,
        final long nowNanos,
        final InetSocketAddress client,
        final RelayedPeers peers)
    {
        this.socket = socket;
        this.tls = tls;
        this.channel = tls == null ? socket : tls;
        this.peers = peers;
        this.peer = client.getAddress();
        this.core = core;
        this.dialect = dialect;
        this.settings = settings;
        this.report = report;
        this.maxPacketLength = 1 + Math.max(SoupBinTcp.LOGIN_REQUEST_LENGTH, dialect.maxInboundLength());
        this.maxOutboundPacket = SoupBinTcp.HEADER_LENGTH + Math.max(SoupBinTcp.LOGIN_ACCEPTED_LENGTH,
            dialect.maxOutboundLength());
        this.rx = ByteBuffer.allocateDirect(receiveCapacity(tls, maxPacketLength)).order(ByteOrder.BIG_ENDIAN);
        this.rxView = new UnsafeBuffer(rx);
        this.connectedAt = nowNanos;
        this.lastReceived = nowNanos;
        this.lastSent = nowNanos;
        this.source = client.getAddress().getHostAddress() + ":" + client.getPort();
        core.audit().connected(dialect.protocolId(), source);
    }

    /**
     * The read buffer: 4 KiB (or eight of the dialect's longest packets) on plain TCP, where each read takes what the
     * socket holds. Over TLS also room for all the plaintext the channel has opened besides the start of a packet
     * kept from the last read, so the orders of a whole record (up to 16 KiB of them, about 130 native orders) reach
     * the core in one duty cycle rather than in 4 KiB pieces over three or four.
     */
    private static int receiveCapacity(final TlsChannel tls, final int maxPacketLength)
    {
        final int plain = Math.max(4096, 8 * (SoupBinTcp.LENGTH_FIELD + maxPacketLength));
        return tls == null ? plain :
            Math.max(plain, tls.plaintextCapacity() + SoupBinTcp.LENGTH_FIELD + maxPacketLength);
    }

    /**
     * @return work done; see {@link #closed()} afterwards.
     */
    int doWork(final long nowNanos)
    {
        int work = 0;
        try
        {
            if ((state == LOGIN || state == ACTIVE) && (readable || (tls != null && tls.hasInput())))
            {
                readable = false;
                work += receive(nowNanos);
            }
            if (state == ACTIVE)
            {
                work += sendReports(nowNanos);
            }
            checkTimers(nowNanos);
            work += flush();
            if (state == CLOSING && (outputSent() || nowNanos - closingSince > CLOSING_GRACE_NANOS))
            {
                close();
            }
        }
        catch (final IOException ex)
        {
            close();
        }
        return work;
    }

    /**
     * Tells the next duty cycle to read: the socket has bytes or has ended.
     */
    void readable()
    {
        readable = true;
    }

    InetAddress peer()
    {
        return peer;
    }

    boolean closed()
    {
        return state == CLOSED;
    }

    /**
     * Sends End of Session (when logged in) and closes once it is out or the grace time has passed.
     */
    void endSession(final long nowNanos)
    {
        if (state == ACTIVE)
        {
            sendReports(nowNanos);
            if (room())
            {
                putPacket(SoupBinTcp.END_OF_SESSION, 0, nowNanos);
            }
        }
        closeAfterFlush(nowNanos);
    }

    void close()
    {
        if (state == CLOSED)
        {
            return;
        }
        state = CLOSED;
        if (session != null)
        {
            core.detach(session);
            session = null;
        }
        core.audit().disconnected(dialect.protocolId(), loggedIn, source);
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            core.counters().internalError();
        }
    }

    private int receive(final long nowNanos) throws IOException
    {
        final int read = channel.read(rx);
        if (tls != null && !subjectChecked && tls.established() && !subjectKnown())
        {
            return 1;
        }
        if (read < 0)
        {
            close();
            return 1;
        }
        if (read == 0)
        {
            return 0;
        }
        lastReceived = nowNanos;
        int position = 0;
        final int end = rx.position();
        while (end - position >= SoupBinTcp.LENGTH_FIELD && (state == LOGIN || state == ACTIVE))
        {
            final int packetLength = SoupBinTcp.packetLength(rxView, position);
            if (packetLength == 0 || packetLength > maxPacketLength)
            {
                core.counters().protocolError(packetLength == 0 ? ProtocolError.TRUNCATED : ProtocolError.OVERSIZED);
                close();
                return 1;
            }
            if (end - position < SoupBinTcp.LENGTH_FIELD + packetLength)
            {
                break;
            }
            onPacket(SoupBinTcp.packetType(rxView, position), position + SoupBinTcp.HEADER_LENGTH, packetLength - 1,
                nowNanos);
            position += SoupBinTcp.LENGTH_FIELD + packetLength;
        }
        if (state == CLOSED)
        {
            return 1;
        }
        rx.limit(end).position(position);
        rx.compact();
        return 1;
    }

    private void onPacket(final byte type, final int offset, final int length, final long nowNanos)
    {
        if (state == LOGIN)
        {
            if (type == SoupBinTcp.LOGIN_REQUEST && length == SoupBinTcp.LOGIN_REQUEST_LENGTH)
            {
                login(offset, nowNanos);
            }
            else if (type != SoupBinTcp.DEBUG)
            {
                core.counters().protocolError(type == SoupBinTcp.LOGIN_REQUEST ? ProtocolError.TRUNCATED :
                    ProtocolError.NOT_LOGGED_IN);
                closeAfterFlush(nowNanos);
            }
            return;
        }
        switch (type)
        {
            case SoupBinTcp.UNSEQUENCED_DATA:
                dialect.onMessage(core, session, rxView, offset, length);
                break;
            case SoupBinTcp.CLIENT_HEARTBEAT:
            case SoupBinTcp.DEBUG:
                break;
            case SoupBinTcp.LOGOUT_REQUEST:
                core.audit().loggedOut(session);
                closeAfterFlush(nowNanos);
                break;
            default:
                core.counters().protocolError(ProtocolError.UNKNOWN_PACKET);
                closeAfterFlush(nowNanos);
                break;
        }
    }

    /**
     * Closes a TLS client whose trusted certificate names no user, once, right after its handshake.
     *
     * @return whether it may go on.
     */
    private boolean subjectKnown()
    {
        subjectChecked = true;
        final X500Principal subject = tls.peerSubject();
        if (peers != null && subject != null && !peers.isKnown(subject))
        {
            tls.unknownSubject();
            close();
            return false;
        }
        return true;
    }

    private X500Principal certificate()
    {
        if (peers == null)
        {
            return null;
        }
        if (tls != null)
        {
            return peers.mapsSubjects() ? tls.peerSubject() : null;
        }
        try
        {
            return peers.subjectOf((InetSocketAddress)socket.getRemoteAddress());
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    private void login(final int offset, final long nowNanos)
    {
        final String username = LoginRequest.username(rxView, offset);
        final String password = LoginRequest.password(rxView, offset);
        final String requestedSession = LoginRequest.session(rxView, offset);
        final long requestedSequence = LoginRequest.sequence(rxView, offset);
        final Session candidate = core.login(username, password, dialect.protocolId(), dialect.filter(), source,
            certificate());
        if (candidate == null)
        {
            reject(core.lastLoginFailure() == GatewayCore.LoginFailure.SESSION_IN_USE ?
                SoupBinTcp.REJECT_SESSION_NOT_AVAILABLE : SoupBinTcp.REJECT_NOT_AUTHORIZED, nowNanos);
            return;
        }
        final ReportStore store = candidate.store();
        final long next = store.last() + 1;
        if ((!requestedSession.isEmpty() && !requestedSession.equals(settings.sessionName())) ||
            requestedSequence < 0 || (requestedSequence > 0 && requestedSequence < store.oldest() &&
            requestedSequence < next))
        {
            core.counters().protocolError(ProtocolError.SEQUENCE_UNAVAILABLE);
            core.audit().loginFailed(username, dialect.protocolId(), source,
                ProtocolError.SEQUENCE_UNAVAILABLE.name());
            reject(SoupBinTcp.REJECT_SESSION_NOT_AVAILABLE, nowNanos);
            return;
        }
        session = candidate;
        loggedIn = candidate;
        core.attach(session, source);
        nextSequence = requestedSequence == 0 ? next : Math.min(requestedSequence, next);
        core.counters().reportsReplayed(next - nextSequence);
        final int length = LoginAccepted.encode(txView, tx.position() + SoupBinTcp.HEADER_LENGTH,
            settings.sessionName(), nextSequence);
        putPacket(SoupBinTcp.LOGIN_ACCEPTED, length, nowNanos);
        state = ACTIVE;
    }

    private void reject(final byte reason, final long nowNanos)
    {
        txView.putByte(tx.position() + SoupBinTcp.HEADER_LENGTH, reason);
        putPacket(SoupBinTcp.LOGIN_REJECTED, 1, nowNanos);
        closeAfterFlush(nowNanos);
    }

    private int sendReports(final long nowNanos)
    {
        final ReportStore store = session.store();
        if (nextSequence < store.oldest() && nextSequence <= store.last())
        {
            core.counters().protocolError(ProtocolError.SLOW_CONSUMER);
            closeAfterFlush(nowNanos);
            return 1;
        }
        int sent = 0;
        while (nextSequence <= store.last() && room())
        {
            store.read(nextSequence, report);
            final int length = dialect.encode(report, txView, tx.position() + SoupBinTcp.HEADER_LENGTH);
            putPacket(SoupBinTcp.SEQUENCED_DATA, length, nowNanos);
            nextSequence++;
            sent++;
        }
        return sent;
    }

    private void checkTimers(final long nowNanos)
    {
        if (state == LOGIN && nowNanos - connectedAt > settings.loginTimeoutNanos())
        {
            core.counters().protocolError(ProtocolError.LOGIN_TIMEOUT);
            closeAfterFlush(nowNanos);
        }
        else if (state == ACTIVE)
        {
            if (nowNanos - lastReceived > settings.heartbeatTimeoutNanos())
            {
                core.counters().protocolError(ProtocolError.HEARTBEAT_TIMEOUT);
                closeAfterFlush(nowNanos);
            }
            else if (nowNanos - lastSent >= settings.heartbeatIntervalNanos() && room())
            {
                putPacket(SoupBinTcp.SERVER_HEARTBEAT, 0, nowNanos);
            }
        }
    }

    private boolean room()
    {
        return tx.remaining() >= maxOutboundPacket;
    }

    /**
     * Frames a packet whose payload is already written after the header space at the current position.
     */
    private void putPacket(final byte type, final int payloadLength, final long nowNanos)
    {
        tx.position(SoupBinTcp.putHeader(txView, tx.position(), type, payloadLength) + payloadLength);
        lastSent = nowNanos;
    }

    /**
     * @return whether everything written so far has left (over TLS, also the ciphertext).
     */
    private boolean outputSent()
    {
        return tx.position() == 0 && (tls == null || !tls.hasPendingOutput());
    }

    private int flush() throws IOException
    {
        if (state == CLOSED || outputSent())
        {
            return 0;
        }
        tx.flip();
        final int written = channel.write(tx);
        tx.compact();
        return written > 0 ? 1 : 0;
    }

    private void closeAfterFlush(final long nowNanos)
    {
        if (state == LOGIN || state == ACTIVE)
        {
            state = CLOSING;
            closingSince = nowNanos;
            if (session != null)
            {
                core.detach(session);
                session = null;
            }
        }
    }
}
