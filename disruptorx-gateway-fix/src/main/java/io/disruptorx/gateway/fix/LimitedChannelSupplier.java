package io.disruptorx.gateway.fix;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;

import io.disruptorx.core.net.ConnectionLimiter;
import io.disruptorx.core.net.RelayedPeers;
import uk.co.real_logic.artio.engine.EngineConfiguration;
import uk.co.real_logic.artio.engine.framer.DefaultTcpChannel;
import uk.co.real_logic.artio.engine.framer.DefaultTcpChannelSupplier;
import uk.co.real_logic.artio.engine.framer.TcpChannel;

/**
 * Artio's TCP channels with a {@link ConnectionLimiter} at accept (Artio has no connection limit of its own): an
 * accepted connection beyond the limits, in all or from its source address, is closed before Artio's framer sees
 * it (nothing read, nothing sent) and counted; an admitted one frees its slot when Artio closes it. A client relayed
 * by the TLS listener counts under its own address ({@link RelayedPeers}). Runs on Artio's framer thread.
 */
final class LimitedChannelSupplier extends DefaultTcpChannelSupplier
{
    private final ConnectionLimiter limiter;
    private final RelayedPeers peers;
    private final LimitedHandler limitedHandler = new LimitedHandler();

    LimitedChannelSupplier(final EngineConfiguration configuration, final ConnectionLimiter limiter,
        final RelayedPeers peers)
    {
        super(configuration);
        this.limiter = limiter;
        this.peers = peers;
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
        return new LimitedChannel(channel, limiter, peers);
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
            if (channel instanceof LimitedChannel limited && !limited.admit())
            {
                channel.close();
                return;
            }
            delegate.onNewChannel(timeInMs, channel);
        }
    }

    /**
     * A channel that holds a slot of the limiter from its admission to its close.
     */
    private static final class LimitedChannel extends DefaultTcpChannel
    {
        private final ConnectionLimiter limiter;
        private final InetAddress address;
        private boolean held;

        LimitedChannel(final SocketChannel channel, final ConnectionLimiter limiter, final RelayedPeers peers)
            throws IOException
        {
            super(channel);
            this.limiter = limiter;
            final InetSocketAddress remote = (InetSocketAddress)channel.getRemoteAddress();
            final InetSocketAddress client = peers == null ? remote : peers.clientOf(remote);
            this.address = client == null ? null : client.getAddress();
        }

        boolean admit()
        {
            held = address != null && limiter.tryAcquire(address);
            return held;
        }

        @Override
        public void close()
        {
            super.close();
            if (held)
            {
                held = false;
                limiter.release(address);
            }
        }
    }
}
