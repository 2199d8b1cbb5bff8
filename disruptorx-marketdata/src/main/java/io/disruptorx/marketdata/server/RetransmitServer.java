package io.disruptorx.marketdata.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.disruptorx.marketdata.wire.MoldUdp64;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Answers MoldUDP64 re-requests from the {@link MessageStore}, on its own thread.
 *
 * <ul>
 *   <li>Requests that arrive within the coalescing window are merged: overlapping and adjacent ranges are
 *   read once. With a shared sink (the retransmission multicast group, or the lines) each merged range is
 *   sent once for everyone, and a request already covered by a range sent within the in-flight window is
 *   not answered again; without one, identical ranges are built once and sent to each requester.</li>
 *   <li>Per requester (without a shared sink): the part of a request already sent to that same requester
 *   within the repeat window is not sent again. A client that re-requests on every packet while it is behind
 *   (nassau's {@code MoldUDP64Client} does) would otherwise get the same range many times over; set the
 *   window to about the client's round trip, below its re-request backoff. A request wholly covered is
 *   dropped before the rate limit (it costs no token), and a requester gets at most one rate-limit refusal
 *   per window, so a client that asks on every packet it receives cannot ping-pong with the refusals.</li>
 *   <li>Each requester has a token bucket; beyond it the answer is a "rate limited" refusal.</li>
 *   <li>A request older than the store gets a "too old" refusal carrying the oldest sequence held, so the
 *   client falls back to a snapshot. Ranges are clamped to {@code maxMessagesPerRequest}; the client asks
 *   again for the rest.</li>
 *   <li>Malformed packets (wrong length or session, count 0, sequence 0) and ranges beyond the end of the
 *   feed are counted and ignored.</li>
 * </ul>
 */
public final class RetransmitServer implements AutoCloseable
{
    private static final int MAX_PENDING = 1024;
    private static final int RECENT = 64;
    private static final int SHARED = -1;
    private static final int MAX_REQUESTERS = 4096;

    private final byte[] session;
    private final MessageStore store;
    private final PacketSink sharedSink;
    private final int maxPayload;
    private final int maxMessagesPerRequest;
    private final long coalesceWindowNanos;
    private final long inFlightWindowNanos;
    private final long repeatWindowNanos;
    private final RequestRateLimiter rateLimiter;
    private final DatagramChannel channel;
    private final Selector selector;
    private final Thread thread;
    private volatile boolean running = true;

    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(2048).order(ByteOrder.BIG_ENDIAN);
    private final UnsafeBuffer received = new UnsafeBuffer(receiveBuffer);
    private final ByteBuffer packetBuffer;
    private final UnsafeBuffer packet;
    private final long[] pendingFrom = new long[MAX_PENDING];
    private final long[] pendingTo = new long[MAX_PENDING];
    private final InetSocketAddress[] pendingRequester = new InetSocketAddress[MAX_PENDING];
    private int pendingCount;
    private long flushAt = Long.MAX_VALUE;
    private final long[] recentFrom = new long[RECENT];
    private final long[] recentTo = new long[RECENT];
    private final long[] recentAt = new long[RECENT];
    private int recentNext;
    private final Map<InetSocketAddress, SentRanges> sentPerRequester = new HashMap<>();

    private volatile long requestsReceived;
    private volatile long requestsMalformed;
    private volatile long requestsRateLimited;
    private volatile long requestsTooOld;
    private volatile long requestsBeyondEnd;
    private volatile long requestsClamped;
    private volatile long requestsCoalesced;
    private volatile long rangesSent;
    private volatile long retransmissionPackets;
    private volatile long datagramsSent;
    private volatile long messagesRetransmitted;
    private volatile long requestsRepeated;
    private volatile long messagesNotRepeated;

    /**
     * @param bindAddress           where requests arrive (port 0 for an ephemeral port).
     * @param session               MoldUDP64 session.
     * @param store                 recent messages.
     * @param sharedSink            where coalesced answers go once for all; null to answer each requester.
     * @param maxPayload            largest response packet.
     * @param maxMessagesPerRequest range clamp.
     * @param coalesceWindowNanos   how long requests are gathered before an answer.
     * @param inFlightWindowNanos   how long a sent range suppresses requests it covers (shared sink only).
     * @param rateLimiter           per-requester limit.
     */
    public RetransmitServer(
        final InetSocketAddress bindAddress,
        final byte[] session,
        final MessageStore store,
        final PacketSink sharedSink,
        final int maxPayload,
        final int maxMessagesPerRequest,
        final long coalesceWindowNanos,
        final long inFlightWindowNanos,
        final RequestRateLimiter rateLimiter)
    {
        this(bindAddress, session, store, sharedSink, maxPayload, maxMessagesPerRequest, coalesceWindowNanos,
            inFlightWindowNanos, 0, rateLimiter);
    }

    /**
     * @param bindAddress           where requests arrive (port 0 for an ephemeral port).
     * @param session               MoldUDP64 session.
     * @param store                 recent messages.
     * @param sharedSink            where coalesced answers go once for all; null to answer each requester.
     * @param maxPayload            largest response packet.
     * @param maxMessagesPerRequest range clamp.
     * @param coalesceWindowNanos   how long requests are gathered before an answer.
     * @param inFlightWindowNanos   how long a sent range suppresses requests it covers (shared sink only).
     * @param repeatWindowNanos     how long a range sent to one requester is not sent to it again (without a
     *                              shared sink; 0: every request is answered in full).
     * @param rateLimiter           per-requester limit.
     */
    public RetransmitServer(
        final InetSocketAddress bindAddress,
        final byte[] session,
        final MessageStore store,
        final PacketSink sharedSink,
        final int maxPayload,
        final int maxMessagesPerRequest,
        final long coalesceWindowNanos,
        final long inFlightWindowNanos,
        final long repeatWindowNanos,
        final RequestRateLimiter rateLimiter)
    {
        this.session = session.clone();
        this.store = store;
        this.sharedSink = sharedSink;
        this.maxPayload = maxPayload;
        this.maxMessagesPerRequest = maxMessagesPerRequest;
        this.coalesceWindowNanos = coalesceWindowNanos;
        this.inFlightWindowNanos = inFlightWindowNanos;
        this.repeatWindowNanos = repeatWindowNanos;
        this.rateLimiter = rateLimiter;
        this.packetBuffer = ByteBuffer.allocateDirect(maxPayload).order(ByteOrder.BIG_ENDIAN);
        this.packet = new UnsafeBuffer(packetBuffer);
        try
        {
            channel = DatagramChannel.open(StandardProtocolFamily.INET);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 1024 * 1024);
            channel.bind(bindAddress);
            channel.configureBlocking(false);
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        thread = new Thread(this::run, "dx-md-retransmit");
        thread.setDaemon(true);
    }

    /**
     * Starts the server thread.
     *
     * @return this.
     */
    public RetransmitServer start()
    {
        thread.start();
        return this;
    }

    /**
     * @return the bound request address.
     */
    public InetSocketAddress address()
    {
        try
        {
            return (InetSocketAddress)channel.getLocalAddress();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close()
    {
        running = false;
        selector.wakeup();
        try
        {
            thread.join(5_000);
            selector.close();
            channel.close();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private void run()
    {
        while (running)
        {
            try
            {
                final long now = System.nanoTime();
                final long waitNanos = flushAt == Long.MAX_VALUE ? TimeUnit.MILLISECONDS.toNanos(100) : flushAt - now;
                if (waitNanos > 0)
                {
                    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999)));
                    selector.selectedKeys().clear();
                }
                receiveAll();
                if (pendingCount > 0 && System.nanoTime() >= flushAt)
                {
                    flush(System.nanoTime());
                }
            }
            catch (final IOException | RuntimeException ex)
            {
                if (running)
                {
                    requestsMalformed++;
                }
            }
        }
    }

    private void receiveAll() throws IOException
    {
        while (true)
        {
            receiveBuffer.clear();
            final SocketAddress from = channel.receive(receiveBuffer);
            if (from == null)
            {
                return;
            }
            onRequest((InetSocketAddress)from, receiveBuffer.position(), System.nanoTime());
        }
    }

    private void onRequest(final InetSocketAddress requester, final int length, final long now) throws IOException
    {
        requestsReceived++;
        final long sequence = length == MoldUdp64.REQUEST_LENGTH ? MoldUdp64.sequence(received, 0) : 0;
        final int count = length == MoldUdp64.REQUEST_LENGTH ? MoldUdp64.count(received, 0) : 0;
        if (length != MoldUdp64.REQUEST_LENGTH || !MoldUdp64.sessionMatches(received, 0, session) ||
            count == 0 || count == MoldUdp64.END_OF_SESSION_COUNT || sequence < 1)
        {
            requestsMalformed++;
            return;
        }
        final long highest = store.highestSequence();
        if (sequence > highest)
        {
            requestsBeyondEnd++;
            return;
        }
        final SentRanges sent = repeatWindowNanos > 0 && sharedSink == null ? sentRanges(requester) : null;
        if (sent != null && sent.firstNotSent(sequence, sequence + count - 1, now, repeatWindowNanos) > sequence +
            count - 1)
        {
            requestsRepeated++;
            messagesNotRepeated += count;
            return;
        }
        if (!rateLimiter.tryAcquire(requester, now))
        {
            requestsRateLimited++;
            if (sent == null || sent.mayRefuse(now, repeatWindowNanos))
            {
                refuse(requester, MoldUdp64.REFUSAL_RATE_LIMITED);
            }
            return;
        }
        if (sequence < store.lowestSequence())
        {
            requestsTooOld++;
            refuse(requester, MoldUdp64.REFUSAL_TOO_OLD);
            return;
        }
        long last = Math.min(sequence + count - 1, highest);
        if (last - sequence + 1 > maxMessagesPerRequest)
        {
            requestsClamped++;
            last = sequence + maxMessagesPerRequest - 1;
        }
        if (pendingCount == MAX_PENDING)
        {
            flush(now);
        }
        pendingFrom[pendingCount] = sequence;
        pendingTo[pendingCount] = last;
        pendingRequester[pendingCount] = requester;
        pendingCount++;
        if (flushAt == Long.MAX_VALUE)
        {
            flushAt = now + coalesceWindowNanos;
        }
    }

    private void flush(final long now) throws IOException
    {
        if (sharedSink == null && repeatWindowNanos > 0)
        {
            dropRepeats(now);
        }
        sortPending();
        if (sharedSink != null)
        {
            flushShared(now);
        }
        else
        {
            flushPerRequester();
        }
        for (int i = 0; i < pendingCount; i++)
        {
            pendingRequester[i] = null;
        }
        pendingCount = 0;
        flushAt = Long.MAX_VALUE;
    }

    private void flushShared(final long now) throws IOException
    {
        int i = 0;
        int sends = 0;
        while (i < pendingCount)
        {
            long from = pendingFrom[i];
            long to = pendingTo[i];
            i++;
            while (i < pendingCount && pendingFrom[i] <= to + 1)
            {
                to = Math.max(to, pendingTo[i]);
                i++;
            }
            from = skipRecentlySent(from, to, now);
            if (from <= to)
            {
                sendRange(from, to, SHARED);
                remember(from, to, now);
                sends++;
            }
        }
        requestsCoalesced += pendingCount - sends;
    }

    private void flushPerRequester() throws IOException
    {
        int i = 0;
        while (i < pendingCount)
        {
            final int first = i;
            while (i < pendingCount && pendingFrom[i] == pendingFrom[first] && pendingTo[i] == pendingTo[first])
            {
                i++;
            }
            sendRange(pendingFrom[first], pendingTo[first], first);
            requestsCoalesced += i - first - 1;
        }
    }

    /**
     * Trims each pending request (in arrival order) by what was sent to the same requester within the repeat
     * window, drops those left empty and remembers what will be sent.
     */
    private void dropRepeats(final long now)
    {
        int kept = 0;
        for (int i = 0; i < pendingCount; i++)
        {
            final InetSocketAddress requester = pendingRequester[i];
            final SentRanges sent = sentRanges(requester);
            final long from = pendingFrom[i];
            final long to = pendingTo[i];
            final long start = sent.firstNotSent(from, to, now, repeatWindowNanos);
            final long end = start > to ? to : sent.lastNotSent(start, to, now, repeatWindowNanos);
            messagesNotRepeated += (to - from + 1) - (start > end ? 0 : end - start + 1);
            if (start > end)
            {
                requestsRepeated++;
                pendingRequester[i] = null;
                continue;
            }
            sent.remember(start, end, now);
            pendingFrom[kept] = start;
            pendingTo[kept] = end;
            pendingRequester[kept] = requester;
            if (kept != i)
            {
                pendingRequester[i] = null;
            }
            kept++;
        }
        pendingCount = kept;
    }

    private SentRanges sentRanges(final InetSocketAddress requester)
    {
        SentRanges sent = sentPerRequester.get(requester);
        if (sent == null)
        {
            if (sentPerRequester.size() >= MAX_REQUESTERS)
            {
                sentPerRequester.clear();
            }
            sent = new SentRanges();
            sentPerRequester.put(requester, sent);
        }
        return sent;
    }

    private boolean isFirstOf(final InetSocketAddress requester, final int from, final int index)
    {
        for (int k = from; k < index; k++)
        {
            if (pendingRequester[k].equals(requester))
            {
                return false;
            }
        }
        return true;
    }

    private long skipRecentlySent(final long from, final long to, final long now)
    {
        long start = from;
        boolean moved = true;
        while (moved && start <= to)
        {
            moved = false;
            for (int r = 0; r < RECENT; r++)
            {
                if (recentAt[r] != 0 && now - recentAt[r] <= inFlightWindowNanos &&
                    recentFrom[r] <= start && recentTo[r] >= start)
                {
                    start = recentTo[r] + 1;
                    moved = true;
                }
            }
        }
        return start;
    }

    private void remember(final long from, final long to, final long now)
    {
        recentFrom[recentNext] = from;
        recentTo[recentNext] = to;
        recentAt[recentNext] = now;
        recentNext = (recentNext + 1) % RECENT;
    }

    /**
     * Sends [from, to] as packets, to the shared sink ({@link #SHARED}) or to every distinct requester of
     * the pending group starting at {@code groupStart}.
     */
    private void sendRange(final long from, final long to, final int groupStart) throws IOException
    {
        rangesSent++;
        final int maxMessage = store.maxMessageLength() + MoldUdp64.MESSAGE_LENGTH_FIELD;
        long first = from;
        int count = 0;
        int position = MoldUdp64.HEADER_LENGTH;
        for (long s = from; s <= to; s++)
        {
            if (position + maxMessage > maxPayload || count == MoldUdp64.MAX_MESSAGE_COUNT)
            {
                emit(first, count, position, groupStart);
                first = s;
                count = 0;
                position = MoldUdp64.HEADER_LENGTH;
            }
            final int length = store.read(s, packet, position + MoldUdp64.MESSAGE_LENGTH_FIELD);
            if (length < 0)
            {
                break;
            }
            packet.putShort(position, (short)length, ByteOrder.BIG_ENDIAN);
            position += MoldUdp64.MESSAGE_LENGTH_FIELD + length;
            count++;
            messagesRetransmitted++;
        }
        if (count > 0)
        {
            emit(first, count, position, groupStart);
        }
    }

    private void emit(final long first, final int count, final int length, final int groupStart) throws IOException
    {
        MoldUdp64.writeHeader(packet, 0, session, first, count);
        retransmissionPackets++;
        if (groupStart == SHARED)
        {
            sharedSink.send(packetBuffer, length);
            packetBuffer.clear();
            datagramsSent++;
            return;
        }
        final int start = groupStart;
        final long from = pendingFrom[start];
        final long to = pendingTo[start];
        for (int j = start; j < pendingCount && pendingFrom[j] == from && pendingTo[j] == to; j++)
        {
            if (isFirstOf(pendingRequester[j], start, j))
            {
                packetBuffer.limit(length).position(0);
                channel.send(packetBuffer, pendingRequester[j]);
                datagramsSent++;
            }
        }
        packetBuffer.clear();
    }

    private void refuse(final InetSocketAddress requester, final byte reason) throws IOException
    {
        MoldUdp64.writeHeader(packet, 0, session, store.lowestSequence(), 0);
        packet.putByte(MoldUdp64.REFUSAL_REASON_OFFSET, reason);
        packetBuffer.limit(MoldUdp64.REFUSAL_LENGTH).position(0);
        channel.send(packetBuffer, requester);
        packetBuffer.clear();
        datagramsSent++;
    }

    private void sortPending()
    {
        for (int i = 1; i < pendingCount; i++)
        {
            final long from = pendingFrom[i];
            final long to = pendingTo[i];
            final InetSocketAddress requester = pendingRequester[i];
            int j = i - 1;
            while (j >= 0 && (pendingFrom[j] > from || (pendingFrom[j] == from && pendingTo[j] > to)))
            {
                pendingFrom[j + 1] = pendingFrom[j];
                pendingTo[j + 1] = pendingTo[j];
                pendingRequester[j + 1] = pendingRequester[j];
                j--;
            }
            pendingFrom[j + 1] = from;
            pendingTo[j + 1] = to;
            pendingRequester[j + 1] = requester;
        }
    }

    /**
     * @return request packets received, well formed or not.
     */
    public long requestsReceived()
    {
        return requestsReceived;
    }

    /**
     * @return malformed request packets ignored.
     */
    public long requestsMalformed()
    {
        return requestsMalformed;
    }

    /**
     * @return requests refused by the rate limit.
     */
    public long requestsRateLimited()
    {
        return requestsRateLimited;
    }

    /**
     * @return requests refused as too old.
     */
    public long requestsTooOld()
    {
        return requestsTooOld;
    }

    /**
     * @return requests beyond the end of the feed, ignored.
     */
    public long requestsBeyondEnd()
    {
        return requestsBeyondEnd;
    }

    /**
     * @return requests whose range was clamped.
     */
    public long requestsClamped()
    {
        return requestsClamped;
    }

    /**
     * @return requests answered by another request's response.
     */
    public long requestsCoalesced()
    {
        return requestsCoalesced;
    }

    /**
     * @return distinct ranges read from the store and sent.
     */
    public long rangesSent()
    {
        return rangesSent;
    }

    /**
     * @return retransmission packets built (each sent once to the shared sink, or to each requester).
     */
    public long retransmissionPackets()
    {
        return retransmissionPackets;
    }

    /**
     * @return datagrams sent (responses and refusals).
     */
    public long datagramsSent()
    {
        return datagramsSent;
    }

    /**
     * @return messages read from the store into responses.
     */
    public long messagesRetransmitted()
    {
        return messagesRetransmitted;
    }

    /**
     * @return requests not answered at all because everything they asked for was just sent to the requester.
     */
    public long requestsRepeated()
    {
        return requestsRepeated;
    }

    /**
     * @return requested messages not sent because they were just sent to the same requester.
     */
    public long messagesNotRepeated()
    {
        return messagesNotRepeated;
    }

    /**
     * The last few ranges sent to one requester, with when; a range touching a remembered one extends it (and
     * renews its time), so a client creeping forward one small request after another stays covered.
     */
    private static final class SentRanges
    {
        private static final int SIZE = 8;

        private final long[] from = new long[SIZE];
        private final long[] to = new long[SIZE];
        private final long[] at = new long[SIZE];
        private int next;
        private long refusedAt;

        /**
         * At most one rate-limit refusal per window: a client that asks again on every packet it receives
         * would otherwise turn refusals into a request/refusal ping-pong.
         */
        boolean mayRefuse(final long now, final long window)
        {
            if (refusedAt != 0 && now - refusedAt <= window)
            {
                return false;
            }
            refusedAt = now;
            return true;
        }

        long firstNotSent(final long first, final long last, final long now, final long window)
        {
            long start = first;
            boolean moved = true;
            while (moved && start <= last)
            {
                moved = false;
                for (int r = 0; r < SIZE; r++)
                {
                    if (at[r] != 0 && now - at[r] <= window && from[r] <= start && to[r] >= start)
                    {
                        start = to[r] + 1;
                        moved = true;
                    }
                }
            }
            return start;
        }

        long lastNotSent(final long first, final long last, final long now, final long window)
        {
            long end = last;
            boolean moved = true;
            while (moved && end >= first)
            {
                moved = false;
                for (int r = 0; r < SIZE; r++)
                {
                    if (at[r] != 0 && now - at[r] <= window && from[r] <= end && to[r] >= end)
                    {
                        end = from[r] - 1;
                        moved = true;
                    }
                }
            }
            return end;
        }

        void remember(final long first, final long last, final long now)
        {
            for (int r = 0; r < SIZE; r++)
            {
                if (at[r] != 0 && first <= to[r] + 1 && last >= from[r] - 1)
                {
                    from[r] = Math.min(from[r], first);
                    to[r] = Math.max(to[r], last);
                    at[r] = now;
                    return;
                }
            }
            from[next] = first;
            to[next] = last;
            at[next] = now;
            next = (next + 1) % SIZE;
        }
    }
}
