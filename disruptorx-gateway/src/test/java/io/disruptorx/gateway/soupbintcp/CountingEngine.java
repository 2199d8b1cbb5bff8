package io.disruptorx.gateway.soupbintcp;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * The listener's engine, counting the {@code unwrap} calls made on it and those answered {@code BUFFER_OVERFLOW}
 * (for {@link TlsChannelTest}); once told to ({@link #awaitingEveryRecord}), an engine that waits for the rest of any
 * record, however long.
 */
final class CountingEngine extends SSLEngine
{
    int unwraps;
    int unwrapsAtHandshake;
    int overflows;
    /**
     * Whether every {@code unwrap} answers {@code BUFFER_UNDERFLOW} without reading anything, as an engine would that
     * takes a record of any length as one that may yet come whole.
     */
    boolean awaitingEveryRecord;
    private final SSLEngine engine;

    CountingEngine(final SSLEngine engine)
    {
        this.engine = engine;
    }

    @Override
    public SSLEngineResult wrap(final ByteBuffer[] srcs, final int offset, final int length, final ByteBuffer dst)
        throws SSLException
    {
        return engine.wrap(srcs, offset, length, dst);
    }

    @Override
    public SSLEngineResult unwrap(final ByteBuffer src, final ByteBuffer[] dsts, final int offset,
        final int length) throws SSLException
    {
        unwraps++;
        if (awaitingEveryRecord)
        {
            return new SSLEngineResult(SSLEngineResult.Status.BUFFER_UNDERFLOW, engine.getHandshakeStatus(), 0, 0);
        }
        final SSLEngineResult result = engine.unwrap(src, dsts, offset, length);
        if (result.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW)
        {
            overflows++;
        }
        return result;
    }

    @Override
    public Runnable getDelegatedTask()
    {
        return engine.getDelegatedTask();
    }

    @Override
    public void closeInbound() throws SSLException
    {
        engine.closeInbound();
    }

    @Override
    public boolean isInboundDone()
    {
        return engine.isInboundDone();
    }

    @Override
    public void closeOutbound()
    {
        engine.closeOutbound();
    }

    @Override
    public boolean isOutboundDone()
    {
        return engine.isOutboundDone();
    }

    @Override
    public String[] getSupportedCipherSuites()
    {
        return engine.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites()
    {
        return engine.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(final String[] suites)
    {
        engine.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols()
    {
        return engine.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols()
    {
        return engine.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(final String[] protocols)
    {
        engine.setEnabledProtocols(protocols);
    }

    @Override
    public SSLSession getSession()
    {
        return engine.getSession();
    }

    @Override
    public void beginHandshake() throws SSLException
    {
        engine.beginHandshake();
    }

    @Override
    public SSLEngineResult.HandshakeStatus getHandshakeStatus()
    {
        return engine.getHandshakeStatus();
    }

    @Override
    public void setUseClientMode(final boolean mode)
    {
        engine.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode()
    {
        return engine.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(final boolean need)
    {
        engine.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth()
    {
        return engine.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(final boolean want)
    {
        engine.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth()
    {
        return engine.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(final boolean flag)
    {
        engine.setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation()
    {
        return engine.getEnableSessionCreation();
    }
}
