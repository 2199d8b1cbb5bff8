package io.disruptorx.marketdata.server;

import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.disruptorx.marketdata.book.SnapshotCodec;
import io.disruptorx.marketdata.server.tcp.CloseReason;
import io.disruptorx.marketdata.server.tcp.FrameError;
import io.disruptorx.marketdata.server.tcp.PacketConnection;
import io.disruptorx.marketdata.server.tcp.PacketServer;
import io.disruptorx.marketdata.wire.RecoveryProtocol;
import io.disruptorx.protocol.soupbintcp.SoupBinTcp;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.NanoClock;

/**
 * The TCP recovery server, an agent on its host's duty cycle: snapshots of the full book per instrument (by
 * order and by price level) with the feed sequence they reflect, and retransmission by request/response (frames
 * in {@link RecoveryProtocol}).
 *
 * <p>Its {@link StoreBook} follows the {@link MessageStore} behind the publisher a bounded number of messages per
 * duty cycle, so serving a snapshot never stops the publisher: before each snapshot the book catches up to the
 * latest stored sequence and the snapshot carries exactly that sequence. If it ever falls further behind than the
 * store holds, it answers snapshot requests with {@link RecoveryProtocol#STATUS_UNAVAILABLE}. Bad requests are
 * answered {@link RecoveryProtocol#STATUS_BAD_REQUEST} and counted by kind ({@link RecoveryCounters}).
 *
 * <p>A connection that neither completes a request nor takes a byte of an answer for the idle timeout
 * ({@link #closeIdleAfter}, 15 s by default) is closed and counted ({@link RecoveryCounters#idleTimeouts()}), so a
 * client that connects and sends nothing, or trickles a request a byte at a time (slow-loris), cannot hold a
 * connection slot for ever.
 */
public final class RecoveryServer extends PacketServerAgent
{
    private static final int MAX_REQUEST_PACKET = 64;
    private static final int MAX_PENDING_OUTPUT = 4 * 1024 * 1024;
    private static final int CATCH_UP_PER_CYCLE = 16 * 1024;
    private static final ByteOrder ORDER = ByteOrder.BIG_ENDIAN;

    private final MessageStore store;
    private final RequestRateLimiter rateLimiter;
    private final int maxMessagesPerRequest;
    private final StoreBook book;
    private final RecoveryCounters counters = new RecoveryCounters();
    private volatile StoreBookTap wantedTap;
    private StoreBookTap tap;
    private long idleTimeoutNanos = TimeUnit.SECONDS.toNanos(15);

    /**
     * @param bindAddress           where to listen (port 0 for an ephemeral port).
     * @param store                 the publisher's store; must be created before the first message.
     * @param rateLimiter           per-client limit over both request kinds.
     * @param maxMessagesPerRequest retransmission clamp.
     * @param clock                 the time of the duty cycle.
     */
    public RecoveryServer(
        final InetSocketAddress bindAddress,
        final MessageStore store,
        final RequestRateLimiter rateLimiter,
        final int maxMessagesPerRequest,
        final NanoClock clock)
    {
        super("recovery server", bindAddress, MAX_REQUEST_PACKET, MAX_PENDING_OUTPUT, clock);
        this.store = store;
        this.rateLimiter = rateLimiter;
        this.maxMessagesPerRequest = maxMessagesPerRequest;
        this.book = new StoreBook(store);
    }

    @Override
    public String roleName()
    {
        return "dx-md-recovery";
    }

    @Override
    int catchUp()
    {
        final StoreBookTap wanted = wantedTap;
        if (wanted != tap)
        {
            retap(wanted);
        }
        final int work = book.follow(CATCH_UP_PER_CYCLE);
        if (tap != null)
        {
            tap.onCaughtUp(book.sequence(), book.lostTrack());
        }
        return work;
    }

    /**
     * Lets {@code wanted} see the book this server follows the store with, from the server's next duty cycle on, on
     * the server's thread ({@link StoreBookTap}): so a reader in the same process shows the feed's book without
     * building one of its own. Any thread may call it; one tap at a time (a new one replaces the old, which is told
     * it is detached).
     *
     * @param wanted the tap, or null to detach the current one.
     */
    public void tap(final StoreBookTap wanted)
    {
        wantedTap = wanted;
    }

    private void retap(final StoreBookTap wanted)
    {
        if (tap != null)
        {
            book.tell(null);
            tap.onDetached();
        }
        tap = wanted;
        if (wanted != null)
        {
            wanted.onAttached(book.book(), book.sequence(), book.lostTrack());
            book.tell(wanted);
        }
    }

    /**
     * Sets the idle timeout; call before the agent runs.
     *
     * @param nanos how long a connection may neither complete a request nor take a byte before it is closed.
     * @throws IllegalArgumentException unless positive.
     */
    public void closeIdleAfter(final long nanos)
    {
        if (nanos < 1)
        {
            throw new IllegalArgumentException("idle timeout must be positive, was " + nanos);
        }
        idleTimeoutNanos = nanos;
    }

    @Override
    int serve(final PacketServer server, final long nowNanos)
    {
        int work = 0;
        final List<PacketConnection> connections = server.connections();
        for (int i = connections.size() - 1; i >= 0; i--)
        {
            final PacketConnection connection = connections.get(i);
            final long lastRequest = ((Activity)connection.state()).lastRequestNanos;
            if (nowNanos - Math.max(lastRequest, connection.lastSentNanos()) > idleTimeoutNanos)
            {
                counters.increment(RecoveryCounters.IDLE_TIMEOUTS);
                server.close(connection, CloseReason.BY_SERVER, this);
                work++;
            }
        }
        return work;
    }

    /**
     * @return what the server saw and did.
     */
    public RecoveryCounters counters()
    {
        return counters;
    }

    @Override
    public void onOpen(final PacketConnection connection, final long nowNanos)
    {
        counters.increment(RecoveryCounters.CONNECTIONS);
        final Activity activity = new Activity();
        activity.lastRequestNanos = nowNanos;
        connection.state(activity);
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
        ((Activity)connection.state()).lastRequestNanos = nowNanos;
        if (!rateLimiter.tryAcquire(connection.remote(), nowNanos))
        {
            counters.increment(RecoveryCounters.RATE_LIMITED);
            writeEnd(connection, RecoveryProtocol.STATUS_RATE_LIMITED);
        }
        else if (type == RecoveryProtocol.SNAPSHOT_REQUEST)
        {
            if (payloadFits(connection, length, RecoveryProtocol.SNAPSHOT_REQUEST_LENGTH))
            {
                serveSnapshot(connection, buffer.getInt(offset, ORDER));
            }
        }
        else if (type == RecoveryProtocol.RETRANSMIT_REQUEST)
        {
            if (payloadFits(connection, length, RecoveryProtocol.RETRANSMIT_REQUEST_LENGTH))
            {
                serveRetransmission(connection, buffer.getLong(offset, ORDER), buffer.getInt(offset + 8, ORDER));
            }
        }
        else
        {
            counters.increment(RecoveryCounters.UNKNOWN_TYPE);
            writeEnd(connection, RecoveryProtocol.STATUS_BAD_REQUEST);
        }
    }

    @Override
    public void onFrameError(final PacketConnection connection, final FrameError error)
    {
        counters.increment(
            error == FrameError.EMPTY ? RecoveryCounters.EMPTY_FRAMES : RecoveryCounters.OVERSIZED_FRAMES);
    }

    @Override
    public void onClosed(final PacketConnection connection, final CloseReason reason)
    {
        if (reason == CloseReason.IO_ERROR)
        {
            counters.increment(RecoveryCounters.DISCONNECTS);
        }
    }

    private boolean payloadFits(final PacketConnection connection, final int length, final int expected)
    {
        if (length == expected)
        {
            return true;
        }
        counters.increment(length < expected ? RecoveryCounters.TRUNCATED : RecoveryCounters.OVERSIZED);
        writeEnd(connection, RecoveryProtocol.STATUS_BAD_REQUEST);
        return false;
    }

    private void serveSnapshot(final PacketConnection connection, final int instrumentId)
    {
        if (!book.catchUpFully())
        {
            counters.increment(RecoveryCounters.UNAVAILABLE);
            writeEnd(connection, RecoveryProtocol.STATUS_UNAVAILABLE);
            return;
        }
        final int length = SnapshotCodec.length(book.book(), instrumentId);
        final int at = connection.reserve(length);
        connection.commit(SnapshotCodec.write(book.book(), book.sequence(), instrumentId, connection.output(), at));
        counters.increment(RecoveryCounters.SNAPSHOTS_SERVED);
    }

    private void serveRetransmission(final PacketConnection connection, final long from, final int requested)
    {
        counters.increment(RecoveryCounters.RETRANSMIT_REQUESTS);
        final long highest = store.highestSequence();
        if (from < 1 || requested < 1)
        {
            counters.increment(RecoveryCounters.INVALID_RANGE);
            writeEnd(connection, RecoveryProtocol.STATUS_BAD_REQUEST);
            return;
        }
        if (from > highest)
        {
            counters.increment(RecoveryCounters.BEYOND_END);
            writeEnd(connection, RecoveryProtocol.STATUS_BAD_REQUEST);
            return;
        }
        final long wanted = Math.min(from + requested - 1, highest);
        final long last = Math.min(wanted, from + maxMessagesPerRequest - 1);
        final int frameMax = SoupBinTcp.HEADER_LENGTH + 8 + store.maxMessageLength();
        final int start = connection.reserve((int)(last - from + 1) * frameMax + endLength());
        final MutableDirectBuffer out = connection.output();
        int position = start;
        byte status = last < wanted ? RecoveryProtocol.STATUS_PARTIAL : RecoveryProtocol.STATUS_OK;
        for (long s = from; s <= last; s++)
        {
            final int length = store.read(s, out, position + SoupBinTcp.HEADER_LENGTH + 8);
            if (length < 0)
            {
                if (s == from)
                {
                    counters.increment(RecoveryCounters.TOO_OLD);
                    status = RecoveryProtocol.STATUS_TOO_OLD;
                }
                else
                {
                    status = RecoveryProtocol.STATUS_PARTIAL;
                }
                break;
            }
            out.putLong(SoupBinTcp.putHeader(out, position, RecoveryProtocol.MESSAGE, 8 + length), s, ORDER);
            position += SoupBinTcp.frameLength(8 + length);
        }
        connection.commit(writeEnd(out, position, status) - start);
    }

    private void writeEnd(final PacketConnection connection, final byte status)
    {
        final int at = connection.reserve(endLength());
        connection.commit(writeEnd(connection.output(), at, status) - at);
    }

    private int writeEnd(final MutableDirectBuffer out, final int position, final byte status)
    {
        final int payload = SoupBinTcp.putHeader(out, position, RecoveryProtocol.RETRANSMIT_END,
            RecoveryProtocol.RETRANSMIT_END_LENGTH);
        out.putByte(payload, status);
        out.putLong(payload + 1, store.lowestSequence(), ORDER);
        out.putLong(payload + 9, store.highestSequence() + 1, ORDER);
        return position + endLength();
    }

    private static int endLength()
    {
        return SoupBinTcp.HEADER_LENGTH + RecoveryProtocol.RETRANSMIT_END_LENGTH;
    }

    /** When a connection last completed a request (or was accepted). */
    private static final class Activity
    {
        private long lastRequestNanos;
    }
}
