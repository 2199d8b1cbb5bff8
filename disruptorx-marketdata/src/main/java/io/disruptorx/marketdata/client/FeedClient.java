package io.disruptorx.marketdata.client;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

import io.disruptorx.marketdata.FeedState;
import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.SequencedMessageHandler;
import io.disruptorx.marketdata.wire.MoldUdp64;
import org.agrona.DirectBuffer;

/**
 * The client's sequencing logic, free of sockets and clocks (time comes in every call), so it can be tested
 * and benchmarked alone.
 *
 * <ul>
 *   <li>Arbitration: packets from lines A and B (and retransmission responses) are merged by sequence;
 *   the first copy of a message is delivered, later copies are dropped.</li>
 *   <li>Gap: a message above the next expected sequence (or a heartbeat announcing one) opens a gap. Later
 *   messages wait in a ring buffer. The client waits a short jittered time for the other line, then
 *   re-requests the missing range with jittered exponential backoff.</li>
 *   <li>Snapshot fallback: a "too old" refusal, too many requests without progress or a buffer overflow
 *   fetches a snapshot while live traffic keeps being buffered; once loaded, buffered messages at or below
 *   its sequence are dropped and the rest applied.</li>
 * </ul>
 *
 * <p>Single-threaded; counters, state, {@link #nextSequence()} and {@link #highestKnownSequence()} may be read
 * from any thread (the two sequences are written with release stores, plain stores on x86, and read with acquire
 * loads). Steady state allocates nothing.
 */
public final class FeedClient
{
    /** Source: line A. */
    public static final int LINE_A = 0;
    /** Source: line B. */
    public static final int LINE_B = 1;
    /** Source: a retransmission response. */
    public static final int RETRANSMISSION = 2;

    private static final VarHandle NEXT = LongFields.find(MethodHandles.lookup(), "next");
    private static final VarHandle HIGHEST_KNOWN = LongFields.find(MethodHandles.lookup(), "highestKnown");

    private final FeedClientConfig config;
    private final SequencedMessageHandler handler;
    private final SnapshotHandler snapshotHandler;
    private final MarketDataListener listener;
    private final RecoveryActions actions;
    private final SequenceBuffer buffer;
    private final SplittableRandom random;
    private final FeedClientCounters counters = new FeedClientCounters();
    private final long[] highestOnLine = new long[2];
    private final PacketCheck check;

    private long next;
    private long highestKnown;
    private volatile FeedState state = FeedState.SYNCHRONIZED;
    private boolean gapOpen;
    private long gapSince;
    private long nextActionAt;
    private int attempts;
    private long backoff;
    private boolean snapshotPending;
    private boolean snapshotInFlight;
    private long snapshotRetryAt;
    private long endOfSessionSequence;

    /**
     * @param config          settings.
     * @param handler         receives messages in order.
     * @param snapshotHandler loads a snapshot.
     * @param listener        told about state changes and snapshots.
     * @param actions         sends requests and fetches snapshots.
     */
    public FeedClient(
        final FeedClientConfig config,
        final SequencedMessageHandler handler,
        final SnapshotHandler snapshotHandler,
        final MarketDataListener listener,
        final RecoveryActions actions)
    {
        this.config = config;
        this.handler = handler;
        this.snapshotHandler = snapshotHandler;
        this.listener = listener;
        this.actions = actions;
        this.buffer = new SequenceBuffer(config.bufferCapacity(), config.maxMessageLength());
        this.random = new SplittableRandom(config.seed());
        this.check = new PacketCheck(config.session());
        this.next = Math.max(1, config.startSequence());
        this.highestKnown = next - 1;
    }

    /**
     * Starts: a client configured to start with a snapshot asks for one now.
     *
     * @param nowNanos monotonic time.
     */
    public void start(final long nowNanos)
    {
        if (config.startWithSnapshot())
        {
            startSnapshot();
        }
    }

    /**
     * Handles one received packet.
     *
     * @param source   {@link #LINE_A}, {@link #LINE_B} or {@link #RETRANSMISSION}.
     * @param packet   holding it.
     * @param offset   where it starts.
     * @param length   its length.
     * @param nowNanos monotonic time.
     */
    public void onPacket(
        final int source, final DirectBuffer packet, final int offset, final int length, final long nowNanos)
    {
        if (source == RETRANSMISSION && MoldUdp64.isRefusal(packet, offset, length))
        {
            counters.increment(FeedClientCounters.PACKETS_RETRANSMITTED);
            onRefusal(packet.getByte(offset + MoldUdp64.REFUSAL_REASON_OFFSET));
            drain(source);
            updateGap(source, nowNanos);
            return;
        }
        if (length < MoldUdp64.HEADER_LENGTH || !check.sessionAccepted(packet, offset))
        {
            counters.increment(FeedClientCounters.GARBAGE);
            return;
        }
        final long sequence = MoldUdp64.sequence(packet, offset);
        final int count = MoldUdp64.count(packet, offset);
        if (sequence < 1)
        {
            counters.increment(FeedClientCounters.GARBAGE);
            return;
        }
        counters.increment(source == LINE_A ? FeedClientCounters.PACKETS_A :
            source == LINE_B ? FeedClientCounters.PACKETS_B : FeedClientCounters.PACKETS_RETRANSMITTED);
        if (count == MoldUdp64.END_OF_SESSION_COUNT)
        {
            endOfSessionSequence = sequence;
            known(sequence - 1);
        }
        else if (count == MoldUdp64.HEARTBEAT_COUNT)
        {
            counters.increment(FeedClientCounters.HEARTBEATS);
            known(sequence - 1);
        }
        else if (!PacketCheck.wellFormed(packet, offset, length, count))
        {
            counters.increment(FeedClientCounters.GARBAGE);
            return;
        }
        else
        {
            onMessages(source, packet, offset, sequence, count, nowNanos);
        }
        drain(source);
        updateGap(source, nowNanos);
    }

    /**
     * Runs the timers: the first request after the line wait, re-requests with backoff, snapshot retries.
     *
     * @param nowNanos monotonic time.
     * @return when to call again at the latest, {@link Long#MAX_VALUE} when nothing is pending.
     */
    public long onTimer(final long nowNanos)
    {
        if (snapshotPending)
        {
            if (!snapshotInFlight && nowNanos >= snapshotRetryAt)
            {
                requestSnapshotNow();
            }
            return snapshotInFlight ? Long.MAX_VALUE : snapshotRetryAt;
        }
        if (!gapOpen)
        {
            return Long.MAX_VALUE;
        }
        if (nowNanos < nextActionAt)
        {
            return nextActionAt;
        }
        if (attempts >= config.maxRequestAttempts())
        {
            startSnapshot();
            return Long.MAX_VALUE;
        }
        final long firstBuffered = buffer.firstAbove(next, highestKnown);
        final long last = firstBuffered == 0 ? highestKnown : firstBuffered - 1;
        final int count = (int)Math.min(last - next + 1, config.maxRequestCount());
        actions.requestRetransmission(next, count);
        counters.increment(FeedClientCounters.REQUESTS_SENT);
        attempts++;
        nextActionAt = nowNanos + backoff + jitter(backoff >> 1);
        backoff = Math.min(backoff * 2, config.maxBackoffNanos());
        return nextActionAt;
    }

    /**
     * A snapshot arrived: load it, drop what it already reflects, apply the buffered rest.
     *
     * @param frames   holding the snapshot frames.
     * @param offset   where they start.
     * @param length   their length.
     * @param nowNanos monotonic time.
     */
    public void onSnapshot(final DirectBuffer frames, final int offset, final int length, final long nowNanos)
    {
        snapshotInFlight = false;
        if (!snapshotPending)
        {
            return;
        }
        final long sequence = snapshotHandler.load(frames, offset, length);
        if (sequence < 0)
        {
            onSnapshotFailed(nowNanos);
            return;
        }
        counters.increment(FeedClientCounters.SNAPSHOTS_LOADED);
        counters.add(FeedClientCounters.DROPPED_BY_SNAPSHOT, buffer.dropUpTo(sequence));
        snapshotPending = false;
        NEXT.setRelease(this, sequence + 1);
        known(sequence);
        listener.onSnapshotLoaded(sequence);
        drain(LINE_A);
        if (highestKnown >= next)
        {
            openGap(nowNanos, nowNanos);
        }
        else
        {
            closeGap(nowNanos);
        }
    }

    /**
     * The snapshot fetch failed; retry after the configured wait.
     *
     * @param nowNanos monotonic time.
     */
    public void onSnapshotFailed(final long nowNanos)
    {
        snapshotInFlight = false;
        counters.increment(FeedClientCounters.SNAPSHOT_FAILURES);
        snapshotRetryAt = nowNanos + config.snapshotRetryNanos();
    }

    /**
     * An error on the client's thread (a selector error, a bug) may have left a packet half handled, so the book
     * is no longer trusted: goes {@link FeedState#RECOVERING} and fetches a snapshot (or retries the pending one).
     *
     * @param nowNanos monotonic time.
     */
    public void resynchronize(final long nowNanos)
    {
        if (!snapshotPending)
        {
            startSnapshot();
        }
        else if (!snapshotInFlight)
        {
            snapshotRetryAt = nowNanos + config.snapshotRetryNanos();
        }
    }

    /**
     * @return state.
     */
    public FeedState state()
    {
        return state;
    }

    /**
     * @return counters.
     */
    public FeedClientCounters counters()
    {
        return counters;
    }

    /**
     * @return the next sequence to deliver.
     */
    public long nextSequence()
    {
        return (long)NEXT.getAcquire(this);
    }

    /**
     * @return the highest sequence known to exist.
     */
    public long highestKnownSequence()
    {
        return (long)HIGHEST_KNOWN.getAcquire(this);
    }

    private void onMessages(
        final int source,
        final DirectBuffer packet,
        final int offset,
        final long sequence,
        final int count,
        final long nowNanos)
    {
        int position = offset + MoldUdp64.HEADER_LENGTH;
        for (int i = 0; i < count; i++)
        {
            final int length = packet.getShort(position, ByteOrder.BIG_ENDIAN) & 0xFFFF;
            final int messageOffset = position + MoldUdp64.MESSAGE_LENGTH_FIELD;
            final long s = sequence + i;
            if (!snapshotPending && s < next)
            {
                dropCopy(source, s);
            }
            else if (!snapshotPending && s == next)
            {
                deliver(source, s, packet, messageOffset, length);
                if (buffer.contains(s))
                {
                    buffer.remove(s);
                }
            }
            else
            {
                if (!snapshotPending && s - next >= buffer.capacity())
                {
                    counters.increment(FeedClientCounters.BUFFER_OVERFLOWS);
                    startSnapshot();
                }
                if (!snapshotPending && buffer.contains(s))
                {
                    dropCopy(source, s);
                }
                else if (!buffer.put(s, packet, messageOffset, length))
                {
                    counters.increment(FeedClientCounters.OVERSIZED_DROPPED);
                }
            }
            known(s);
            if (source != RETRANSMISSION && s > highestOnLine[source])
            {
                highestOnLine[source] = s;
            }
            position = messageOffset + length;
        }
    }

    /**
     * A copy of a message already delivered or buffered: from a retransmission, already held; from the line that
     * carried it before, a true duplicate; otherwise the other line's copy, dropped by arbitration.
     */
    private void dropCopy(final int source, final long sequence)
    {
        counters.increment(FeedClientCounters.DUPLICATES_DROPPED);
        counters.increment(source == RETRANSMISSION ? FeedClientCounters.RESENT_ALREADY_HELD :
            sequence <= highestOnLine[source] ? FeedClientCounters.REPEATED_ON_LINE :
            FeedClientCounters.COPIES_FROM_OTHER_LINE);
    }

    private void drain(final int source)
    {
        if (snapshotPending)
        {
            return;
        }
        final SequenceBuffer buffer = this.buffer;
        while (buffer.size() > 0 && buffer.contains(next))
        {
            final long s = next;
            deliver(source, s, buffer.buffer(), buffer.offset(s), buffer.length(s));
            buffer.remove(s);
        }
    }

    private void deliver(
        final int source, final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        NEXT.setRelease(this, sequence + 1);
        counters.increment(FeedClientCounters.MESSAGES_DELIVERED);
        if (source == RETRANSMISSION)
        {
            counters.increment(FeedClientCounters.MESSAGES_RECOVERED);
        }
        handler.onMessage(sequence, buffer, offset, length);
    }

    private void updateGap(final int source, final long nowNanos)
    {
        if (snapshotPending)
        {
            return;
        }
        if (highestKnown >= next)
        {
            if (!gapOpen)
            {
                openGap(nowNanos, nowNanos + config.lineWaitNanos() + jitter(config.lineWaitJitterNanos()));
            }
            else if (source == RETRANSMISSION)
            {
                attempts = 0;
                backoff = config.initialBackoffNanos();
                nextActionAt = Math.max(nextActionAt, nowNanos + backoff);
            }
        }
        else
        {
            closeGap(nowNanos);
        }
    }

    private void openGap(final long nowNanos, final long firstActionAt)
    {
        gapOpen = true;
        gapSince = nowNanos;
        attempts = 0;
        backoff = config.initialBackoffNanos();
        nextActionAt = firstActionAt;
        counters.increment(FeedClientCounters.GAPS_DETECTED);
        setState(FeedState.RECOVERING);
    }

    private void closeGap(final long nowNanos)
    {
        if (gapOpen)
        {
            gapOpen = false;
            counters.increment(FeedClientCounters.GAPS_FILLED);
            counters.set(FeedClientCounters.LAST_RECOVERY_NANOS, nowNanos - gapSince);
        }
        setState(endOfSessionSequence != 0 && next >= endOfSessionSequence ? FeedState.ENDED : FeedState.SYNCHRONIZED);
    }

    private void onRefusal(final byte reason)
    {
        if (reason == MoldUdp64.REFUSAL_TOO_OLD)
        {
            counters.increment(FeedClientCounters.TOO_OLD);
            if (!snapshotPending)
            {
                startSnapshot();
            }
        }
        else if (reason == MoldUdp64.REFUSAL_RATE_LIMITED)
        {
            counters.increment(FeedClientCounters.RATE_LIMITED);
        }
        else
        {
            counters.increment(FeedClientCounters.GARBAGE);
        }
    }

    private void startSnapshot()
    {
        snapshotPending = true;
        gapOpen = false;
        setState(FeedState.RECOVERING);
        requestSnapshotNow();
    }

    private void requestSnapshotNow()
    {
        snapshotInFlight = true;
        counters.increment(FeedClientCounters.SNAPSHOTS_REQUESTED);
        actions.requestSnapshot();
    }

    private void known(final long sequence)
    {
        if (sequence > highestKnown)
        {
            HIGHEST_KNOWN.setRelease(this, sequence);
        }
    }

    private long jitter(final long bound)
    {
        return bound <= 0 ? 0 : random.nextLong(bound);
    }

    private void setState(final FeedState newState)
    {
        if (state != newState)
        {
            state = newState;
            listener.onFeedState(newState);
        }
    }

}
