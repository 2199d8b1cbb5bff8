package io.disruptorx.gateway.fix;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

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
 * Each kind is counted in {@link FixConnectionCounters}.
 */
final class LimitedChannelSupplier extends DefaultTcpChannelSupplier
{
    private final ConnectionLimiter limiter;
    private final RelayedPeers peers;
    private final FixConnectionCounters counters;
    private final long loginTimeoutMs;
    private final LimitedHandler limitedHandler = new LimitedHandler();

    LimitedChannelSupplier(
        final EngineConfiguration configuration,
        final ConnectionLimiter limiter,
        final RelayedPeers peers,
        final FixConnectionCounters counters,
        final long loginTimeoutMs)
    {
        super(configuration);
        this.limiter = limiter;
        this.peers = peers;
        this.counters = counters;
        this.loginTimeoutMs = loginTimeoutMs;
    }

    @Override
    public int pollSelector(final long timeInMs, final NewChannelHandler handler) throws IOException
    {
        limitedHandler.delegate = handler;
        return super.pollSelector(timeInMs, limitedHandler);
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
        private final InetAddress address;
        private boolean held;
        private long acceptedAtMs;
        private boolean loggingOn = true;
        private boolean answered;
        private boolean ended;

        LimitedChannel(final SocketChannel channel) throws IOException
        {
            super(channel);
            final InetSocketAddress remote = (InetSocketAddress)channel.getRemoteAddress();
            final InetSocketAddress client = peers == null ? remote : peers.clientOf(remote);
            this.address = client == null ? null : client.getAddress();
        }

        boolean admit(final long timeInMs)
        {
            acceptedAtMs = timeInMs;
            held = address != null && limiter.tryAcquire(address);
            return held;
        }

        @Override
        public int read(final ByteBuffer buffer) throws IOException
        {
            if (ended)
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
            return super.write(buffer, sequenceNumber, replay);
        }

        @Override
        public void close()
        {
            super.close();
            if (held)
            {
                held = false;
                limiter.release(address);
                if (!answered && !ended && System.currentTimeMillis() >= acceptedAtMs + loginTimeoutMs)
                {
                    counters.loginTimeouts++;
                }
            }
        }
    }
}
