package io.disruptorx.marketdata.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;

import io.disruptorx.marketdata.wire.MoldUdp64;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Answers MoldUDP64 re-requests from the {@link MessageStore}: an agent, driven by its host's duty cycle (it
 * never blocks and starts no thread), with an injected clock.
 *
 * <ul>
 *   <li>Requests that arrive within the coalescing window are answered together ({@link RequestCoalescer}):
 *   overlapping and adjacent ranges are read once. With a shared sink (the retransmission multicast group, or
 *   the lines) each merged range is sent once for everyone, and a request already covered by a range sent within
 *   the in-flight window ({@link InFlightRanges}) is not answered again; without one, identical ranges are built
 *   once and sent to each requester.</li>
 *   <li>Per requester (without a shared sink), a {@link RequesterFlow}: each message is sent once, at most
 *   {@code maxInFlightMessages} ahead of what the requester has shown it holds (the start of its latest request),
 *   and sent again only when the requester shows no progress for the retry interval ({@code repeatWindowNanos}).
 *   A client that re-requests on every packet while it is behind (nassau's {@code MoldUDP64Client} does) is
 *   paced by its own progress instead of being sent the rest of the range again and again. A request with nothing
 *   new to send is dropped before the rate limit; extending a flow costs no token, starting one does.</li>
 *   <li>Each requester has a token bucket. A request beyond it, or older than the store, is not answered, as in
 *   MoldUDP64; a requester that sent an extended request with {@link MoldUdp64#FLAG_REFUSALS} (our client) is
 *   told why by a refusal that cannot be mistaken for a MoldUDP64 packet (at most one per retry interval), with
 *   the oldest sequence held, so it falls back to a snapshot when too old. Ranges are clamped to
 *   {@code maxMessagesPerRequest}; the client asks again for the rest.</li>
 *   <li>Bad requests are counted by kind ({@link RetransmitCounters}) and ignored.</li>
 * </ul>
 */
public final class RetransmitServer implements Agent, AutoCloseable
{
    private static final int MAX_PENDING = 1024;
    private static final int IN_FLIGHT_RANGES = 64;
    private static final int MAX_REQUESTERS = 4096;
    private static final int RECEIVES_PER_CYCLE = 256;

    private final byte[] session;
    private final MessageStore store;
    private final PacketSink sharedSink;
    private final int maxMessagesPerRequest;
    private final long coalesceWindowNanos;
    private final long inFlightWindowNanos;
    private final long repeatWindowNanos;
    private final int maxInFlightMessages;
    private final RequestRateLimiter rateLimiter;
    private final NanoClock clock;
    private final DatagramChannel channel;
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(2048).order(ByteOrder.BIG_ENDIAN);
    private final UnsafeBuffer received = new UnsafeBuffer(receiveBuffer);
    private final RetransmitCounters counters = new RetransmitCounters();
    private final RequestCoalescer pending = new RequestCoalescer(MAX_PENDING);
    private final RequesterFlows flows = new RequesterFlows(MAX_REQUESTERS);
    private final RequesterFlow unpaced = new RequesterFlow();
    private final InFlightRanges inFlight = new InFlightRanges(IN_FLIGHT_RANGES);
    private final RetransmitPacketWriter writer;
    private final RequesterSink requesterSink = new RequesterSink();
    private final PacketSink countingSharedSink;

    /**
     * @param bindAddress           where requests arrive (port 0 for an ephemeral port).
     * @param session               MoldUDP64 session.
     * @param store                 recent messages.
     * @param sharedSink            where coalesced answers go once for all; null to answer each requester.
     * @param maxPayload            largest response packet.
     * @param maxMessagesPerRequest range clamp.
     * @param coalesceWindowNanos   how long requests are gathered before an answer.
     * @param inFlightWindowNanos   how long a sent range suppresses requests it covers (shared sink only).
     * @param repeatWindowNanos     retry interval: how long a range sent to one requester is not sent to it again
     *                              unless it shows progress (without a shared sink; 0: every request answered in
     *                              full).
     * @param maxInFlightMessages   messages sent to one requester ahead of what it has shown it holds.
     * @param rateLimiter           per-requester limit.
     * @param clock                 the time of the duty cycle.
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
        final int maxInFlightMessages,
        final RequestRateLimiter rateLimiter,
        final NanoClock clock)
    {
        this.session = session.clone();
        this.store = store;
        this.sharedSink = sharedSink;
        this.maxMessagesPerRequest = maxMessagesPerRequest;
        this.coalesceWindowNanos = coalesceWindowNanos;
        this.inFlightWindowNanos = inFlightWindowNanos;
        this.repeatWindowNanos = repeatWindowNanos;
        this.maxInFlightMessages = maxInFlightMessages;
        this.rateLimiter = rateLimiter;
        this.clock = clock;
        this.writer = new RetransmitPacketWriter(session, store, maxPayload, counters);
        this.countingSharedSink = sharedSink == null ? null : (packet, length) ->
        {
            sharedSink.send(packet, length);
            counters.increment(RetransmitCounters.DATAGRAMS_SENT);
        };
        this.channel = Sockets.udp("retransmission server", bindAddress, 1024 * 1024);
    }

    @Override
    public String roleName()
    {
        return "dx-md-retransmit";
    }

    @Override
    public int doWork()
    {
        final long now = clock.nanoTime();
        int work = receive(now);
        if (pending.isDue(now))
        {
            flush(now);
            work++;
        }
        return work;
    }

    @Override
    public void onClose()
    {
        close();
    }

    @Override
    public void close()
    {
        Sockets.closeQuietly(channel);
    }

    /**
     * @return the bound request address.
     */
    public InetSocketAddress address()
    {
        return Sockets.localAddress(channel);
    }

    /**
     * @return what the server saw and did.
     */
    public RetransmitCounters counters()
    {
        return counters;
    }

    private int receive(final long now)
    {
        int received = 0;
        while (received < RECEIVES_PER_CYCLE)
        {
            receiveBuffer.clear();
            final SocketAddress from;
            try
            {
                from = channel.receive(receiveBuffer);
            }
            catch (final IOException ex)
            {
                counters.increment(RetransmitCounters.RECEIVE_FAILURES);
                return received;
            }
            if (from == null)
            {
                return received;
            }
            received++;
            onRequest((InetSocketAddress)from, receiveBuffer.position(), now);
        }
        return received;
    }

    private void onRequest(final InetSocketAddress requester, final int length, final long now)
    {
        counters.increment(RetransmitCounters.RECEIVED);
        if (!wellFormed(length))
        {
            return;
        }
        final boolean wantsRefusals = length == MoldUdp64.EXTENDED_REQUEST_LENGTH &&
            (received.getByte(MoldUdp64.REQUEST_FLAGS_OFFSET) & MoldUdp64.FLAG_REFUSALS) != 0;
        final long sequence = MoldUdp64.sequence(received, 0);
        final int count = MoldUdp64.count(received, 0);
        final long highest = store.highestSequence();
        if (sequence > highest)
        {
            counters.increment(RetransmitCounters.BEYOND_END);
            return;
        }
        long last = Math.min(sequence + count - 1, highest);
        if (last - sequence + 1 > maxMessagesPerRequest)
        {
            counters.increment(RetransmitCounters.CLAMPED);
            last = sequence + maxMessagesPerRequest - 1;
        }
        final boolean paced = repeatWindowNanos > 0 && sharedSink == null;
        final RequesterFlow flow = paced ? flows.of(requester) : unpaced;
        if (paced)
        {
            flow.plan(sequence, last, maxInFlightMessages, repeatWindowNanos, now);
        }
        final long from = paced ? flow.planFrom() : sequence;
        final long to = paced ? flow.planTo() : last;
        counters.add(RetransmitCounters.MESSAGES_NOT_REPEATED, (last - sequence + 1) - Math.max(0, to - from + 1));
        if (from > to)
        {
            counters.increment(RetransmitCounters.REQUESTS_REPEATED);
            return;
        }
        if ((!paced || flow.planRestart()) && !rateLimiter.tryAcquire(requester, now))
        {
            counters.increment(RetransmitCounters.RATE_LIMITED);
            if (wantsRefusals && flow.mayRefuse(now, repeatWindowNanos))
            {
                refuse(requester, MoldUdp64.REFUSAL_RATE_LIMITED);
            }
            return;
        }
        if (from < store.lowestSequence())
        {
            counters.increment(RetransmitCounters.TOO_OLD);
            if (wantsRefusals)
            {
                refuse(requester, MoldUdp64.REFUSAL_TOO_OLD);
            }
            return;
        }
        if (paced)
        {
            flow.sent(now);
        }
        if (pending.isFull())
        {
            flush(now);
        }
        pending.add(from, to, requester, now + coalesceWindowNanos);
    }

    private boolean wellFormed(final int length)
    {
        if (length < MoldUdp64.REQUEST_LENGTH)
        {
            counters.increment(RetransmitCounters.TRUNCATED);
            return false;
        }
        if (length > MoldUdp64.EXTENDED_REQUEST_LENGTH)
        {
            counters.increment(RetransmitCounters.OVERSIZED);
            return false;
        }
        if (!MoldUdp64.sessionMatches(received, 0, session))
        {
            counters.increment(RetransmitCounters.WRONG_SESSION);
            return false;
        }
        final int count = MoldUdp64.count(received, 0);
        if (count == 0 || count == MoldUdp64.END_OF_SESSION_COUNT)
        {
            counters.increment(RetransmitCounters.INVALID_COUNT);
            return false;
        }
        if (MoldUdp64.sequence(received, 0) < 1)
        {
            counters.increment(RetransmitCounters.INVALID_SEQUENCE);
            return false;
        }
        return true;
    }

    private void flush(final long now)
    {
        pending.sort();
        if (sharedSink != null)
        {
            flushShared(now);
        }
        else
        {
            flushPerRequester();
        }
        pending.clear();
    }

    private void flushShared(final long now)
    {
        final RequestCoalescer pending = this.pending;
        final int size = pending.size();
        int i = 0;
        int sends = 0;
        while (i < size)
        {
            long from = pending.from(i);
            long to = pending.to(i);
            i++;
            while (i < size && pending.from(i) <= to + 1)
            {
                to = Math.max(to, pending.to(i));
                i++;
            }
            from = inFlight.firstNotSent(from, to, now, inFlightWindowNanos);
            if (from <= to)
            {
                writer.write(from, to, countingSharedSink);
                inFlight.remember(from, to, now);
                sends++;
            }
        }
        counters.add(RetransmitCounters.COALESCED, size - sends);
    }

    private void flushPerRequester()
    {
        final RequestCoalescer pending = this.pending;
        int i = 0;
        while (i < pending.size())
        {
            final int end = pending.sameRangeEnd(i);
            requesterSink.group(i, end);
            writer.write(pending.from(i), pending.to(i), requesterSink);
            counters.add(RetransmitCounters.COALESCED, end - i - 1);
            i = end;
        }
    }

    private void refuse(final InetSocketAddress requester, final byte reason)
    {
        final ByteBuffer refusal = writer.refusal(reason);
        try
        {
            channel.send(refusal, requester);
            counters.increment(RetransmitCounters.DATAGRAMS_SENT);
        }
        catch (final IOException ex)
        {
            counters.increment(RetransmitCounters.SEND_FAILURES);
        }
        refusal.clear();
    }

    /**
     * Sends each packet of a range to every distinct requester of one run of identical pending requests.
     */
    private final class RequesterSink implements PacketSink
    {
        private int start;
        private int end;

        void group(final int start, final int end)
        {
            this.start = start;
            this.end = end;
        }

        @Override
        public void send(final ByteBuffer packet, final int length)
        {
            for (int j = start; j < end; j++)
            {
                if (pending.firstOfRequester(j, start))
                {
                    packet.limit(length).position(0);
                    try
                    {
                        channel.send(packet, pending.requester(j));
                        counters.increment(RetransmitCounters.DATAGRAMS_SENT);
                    }
                    catch (final IOException ex)
                    {
                        counters.increment(RetransmitCounters.SEND_FAILURES);
                    }
                }
            }
        }
    }
}
