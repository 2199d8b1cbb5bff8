package io.disruptorx.gateway.fix;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

import io.disruptorx.core.net.ConnectionLimiter;
import io.disruptorx.core.net.RelayedPeers;
import uk.co.real_logic.artio.engine.EngineConfiguration;
import uk.co.real_logic.artio.engine.framer.DefaultTcpChannel;
import uk.co.real_logic.artio.engine.framer.DefaultTcpChannelSupplier;
import uk.co.real_logic.artio.engine.framer.TcpChannel;

/**
 * Artio's TCP channels with the listener's own defences, all on Artio's framer thread (Artio has no connection limit,
 * and keeps a connection that sends bytes that are not FIX until its logon timeout, dropping them):
 * <ul>
 *     <li>a {@link ConnectionLimiter} at accept: a connection beyond the limits, in all or from its source address,
 *     is closed before Artio's framer sees it (nothing read, nothing sent) and counted; an admitted one frees its
 *     slot when Artio closes it. A client relayed by the TLS listener counts under its own address
 *     ({@link RelayedPeers});</li>
 *     <li>a look at the bytes Artio reads before its first message is whole ({@link FixFrames#firstMessage}): bytes
 *     that are not FIX, a first message that is not a Logon, or a Logon declaring more than
 *     {@link FixFrames#MAX_LOGON_BYTES}, end the connection at once, as if the client had closed it;</li>
 *     <li>a message declaring more than the receive buffer holds ({@link FixFrames#MAX_MESSAGE_BYTES}) ends it when
 *     the buffer is full of it (Artio would close it too, as an exception);</li>
 *     <li>a connection that Artio closes before it wrote anything to it, at or after the login timeout from its
 *     accept, and that neither the client nor these checks closed, was closed by Artio's no-logon timeout.</li>
 * </ul>
 * Each kind is counted in {@link FixConnectionCounters}. Each admitted connection is told to the
 * {@link ConnectionEvents} at its admission and at its close (once each), with its client's address.
 *
 * <p>The channels also gather what Artio writes: Artio writes each outbound message with a system call of its own
 * (two per order in {@code dx bench gateway}'s FIX leg, acknowledgement and fill, more than half of the framer
 * thread's time in system calls). A channel copies the messages of one framer duty cycle into a buffer of its own
 * ({@link #GATHER_BYTES}), and {@link #pollSelector}, which Artio's framer calls once per duty cycle after its writes
 * and reads, writes each channel's gathered bytes with one call. Bytes are never reordered: while gathered bytes
 * are left over (the socket is full) a message that does not fit is refused (0 bytes written), so Artio keeps it
 * in its own slow-consumer buffer and offers it again. Closing a channel first writes what it gathered (as far as
 * the socket takes it), so a Logout written just before the close still goes out; a failed write ends the
 * connection as a client's close would (its next read returns end of stream, its next write throws).
 */
final class LimitedChannelSupplier extends DefaultTcpChannelSupplier
{
    /** Bytes a channel gathers from Artio's writes before it writes them (more go out at once, in order). */
    static final int GATHER_BYTES = 64 * 1024;

    private final ConnectionLimiter limiter;
    private final RelayedPeers peers;
    private final FixConnectionCounters counters;
    private final long loginTimeoutMs;
    private final ConnectionEvents events;
    private final LimitedHandler limitedHandler = new LimitedHandler();
    private final List<LimitedChannel> gatheringChannels = new ArrayList<>();

    LimitedChannelSupplier(
        final EngineConfiguration configuration,
        final ConnectionLimiter limiter,
        final RelayedPeers peers,
        final FixConnectionCounters counters,
        final long loginTimeoutMs)
    {
        this(configuration, limiter, peers, counters, loginTimeoutMs, ConnectionEvents.NONE);
    }

    LimitedChannelSupplier(
        final EngineConfiguration configuration,
        final ConnectionLimiter limiter,
        final RelayedPeers peers,
        final FixConnectionCounters counters,
        final long loginTimeoutMs,
        final ConnectionEvents events)
    {
        super(configuration);
        this.limiter = limiter;
        this.peers = peers;
        this.counters = counters;
        this.loginTimeoutMs = loginTimeoutMs;
        this.events = events;
    }

    /**
     * Where the admitted connections are told, on Artio's framer thread.
     */
    interface ConnectionEvents
    {
        /** Tells nothing. */
        ConnectionEvents NONE = new ConnectionEvents()
        {
        };

        /**
         * A connection was admitted.
         *
         * @param client its client's address (behind the TLS listener, the relayed client's).
         */
        default void accepted(final InetSocketAddress client)
        {
        }

        /**
         * An admitted connection was closed.
         *
         * @param client its client's address, as at {@link #accepted}.
         */
        default void closed(final InetSocketAddress client)
        {
        }
    }

    @Override
    public int pollSelector(final long timeInMs, final NewChannelHandler handler) throws IOException
    {
        limitedHandler.delegate = handler;
        final int flushed = flushGathered();
        return flushed + super.pollSelector(timeInMs, limitedHandler);
    }

    /**
     * Writes each channel's gathered bytes; a channel stays in the list while bytes are left (a full socket).
     *
     * @return the channels emptied (a channel whose socket stays full is no work, so the framer may idle).
     */
    private int flushGathered()
    {
        int emptied = 0;
        for (int i = gatheringChannels.size() - 1; i >= 0; i--)
        {
            final LimitedChannel channel = gatheringChannels.get(i);
            if (channel.flushQuietly())
            {
                emptied++;
                channel.gathering = false;
                final int last = gatheringChannels.size() - 1;
                gatheringChannels.set(i, gatheringChannels.get(last));
                gatheringChannels.remove(last);
            }
        }
        return emptied;
    }

    @Override
    protected TcpChannel newTcpChannel(final SocketChannel channel) throws IOException
    {
        return new LimitedChannel(channel);
    }

    /**
     * Passes on the accepted channels the limiter admits and closes the others.
     */
    private static final class LimitedHandler implements NewChannelHandler
    {
        private NewChannelHandler delegate;

        @Override
        public void onNewChannel(final long timeInMs, final TcpChannel channel) throws IOException
        {
            if (channel instanceof LimitedChannel limited && !limited.admit(timeInMs))
            {
                channel.close();
                return;
            }
            delegate.onNewChannel(timeInMs, channel);
        }
    }

    /**
     * A channel that holds a slot of the limiter from its admission to its close, and checks what Artio reads.
     */
    private final class LimitedChannel extends DefaultTcpChannel
    {
        private final InetSocketAddress client;
        private final InetAddress address;
        private boolean held;
        private long acceptedAtMs;
        private boolean loggingOn = true;
        private boolean answered;
        private boolean ended;
        private boolean gathering;
        private ByteBuffer gathered;
        private IOException failure;

        LimitedChannel(final SocketChannel channel) throws IOException
        {
            super(channel);
            final InetSocketAddress remote = (InetSocketAddress)channel.getRemoteAddress();
            this.client = peers == null ? remote : peers.clientOf(remote);
            this.address = client == null ? null : client.getAddress();
        }

        boolean admit(final long timeInMs)
        {
            acceptedAtMs = timeInMs;
            held = address != null && limiter.tryAcquire(address);
            if (held)
            {
                events.accepted(client);
            }
            return held;
        }

        @Override
        public int read(final ByteBuffer buffer) throws IOException
        {
            if (ended || failure != null)
            {
                return -1;
            }
            final int read = super.read(buffer);
            if (read < 0)
            {
                ended = true;
                return read;
            }
            if (read == 0)
            {
                return read;
            }
            if (loggingOn)
            {
                final int verdict = FixFrames.firstMessage(buffer, buffer.position(), FixFrames.MAX_LOGON_BYTES);
                if (verdict == FixFrames.LOGON)
                {
                    loggingOn = false;
                }
                else if (verdict != FixFrames.PENDING)
                {
                    return end(verdict);
                }
            }
            else if (!buffer.hasRemaining() && FixFrames.declaredEnd(buffer, buffer.position()) > buffer.capacity())
            {
                return end(FixFrames.OVERSIZED);
            }
            return read;
        }

        /**
         * Counts the verdict and tells Artio the connection ended, so that it closes it as a client's close.
         */
        private int end(final int verdict)
        {
            ended = true;
            switch (verdict)
            {
                case FixFrames.NOT_FIX -> counters.notFix++;
                case FixFrames.NOT_LOGON -> counters.notLoggedIn++;
                default -> counters.oversized++;
            }
            return -1;
        }

        @Override
        public int write(final ByteBuffer buffer, final int sequenceNumber, final boolean replay) throws IOException
        {
            answered = true;
            if (failure != null)
            {
                throw new IOException("write failed before", failure);
            }
            if (gathered == null)
            {
                gathered = ByteBuffer.allocateDirect(GATHER_BYTES);
            }
            final int length = buffer.remaining();
            if (length > gathered.remaining())
            {
                if (!flush())
                {
                    return 0;
                }
                if (length > gathered.remaining())
                {
                    return super.write(buffer, sequenceNumber, replay);
                }
            }
            gathered.put(buffer);
            if (!gathering)
            {
                gathering = true;
                gatheringChannels.add(this);
            }
            return length;
        }

        /**
         * @return whether every gathered byte is written.
         */
        private boolean flush() throws IOException
        {
            if (gathered == null || gathered.position() == 0)
            {
                return true;
            }
            gathered.flip();
            try
            {
                super.write(gathered, TcpChannel.UNKNOWN_SEQ_NUM, false);
            }
            finally
            {
                gathered.compact();
            }
            return gathered.position() == 0;
        }

        /**
         * @return whether nothing is left to write: all written, or the connection failed (then it ends).
         */
        boolean flushQuietly()
        {
            if (failure != null)
            {
                return true;
            }
            try
            {
                return flush();
            }
            catch (final IOException ex)
            {
                failure = ex;
                gathered.clear();
                return true;
            }
        }

        @Override
        public void close()
        {
            flushQuietly();
            super.close();
            if (held)
            {
                held = false;
                limiter.release(address);
                if (!answered && !ended && System.currentTimeMillis() >= acceptedAtMs + loginTimeoutMs)
                {
                    counters.loginTimeouts++;
                }
                events.closed(client);
            }
        }
    }
}
