package io.disruptorx.gateway.soupbintcp;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLEngine;

import io.disruptorx.core.tls.TlsConfig;
import io.disruptorx.core.tls.TlsContext;

/**
 * TLS of one SoupBinTCP listener, terminated on the gateway thread: the context its engines come from (a renewed
 * certificate serves the next connection), one thread for the engines' delegated handshake tasks, and the counts its
 * metrics read. Counters are safe for any thread; engines are made and driven on the gateway thread.
 */
public final class SoupBinTcpTls implements AutoCloseable
{
    private final TlsContext context;
    private final ExecutorService handshakeTasks;
    private final AtomicLong handshakes = new AtomicLong();
    private final AtomicLong handshakeFailures = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong unknownSubjects = new AtomicLong();
    private final AtomicLong closeFailures = new AtomicLong();

    /**
     * @param context the listener's certificates and settings.
     */
    public SoupBinTcpTls(final TlsContext context)
    {
        this.context = context;
        this.handshakeTasks = Executors.newSingleThreadExecutor(task ->
        {
            final Thread thread = new Thread(task, "dx-tls-handshake");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * @return the context.
     */
    public TlsContext context()
    {
        return context;
    }

    /**
     * @return handshakes completed.
     */
    public long handshakes()
    {
        return handshakes.get();
    }

    /**
     * @return handshakes refused or broken off, and connections closed before theirs completed.
     */
    public long handshakeFailures()
    {
        return handshakeFailures.get();
    }

    /**
     * @return connections closed at accept over the connection limits.
     */
    public long refusedConnections()
    {
        return refused.get();
    }

    /**
     * @return connections closed after the handshake: a trusted certificate whose subject names no user.
     */
    public long unknownSubjects()
    {
        return unknownSubjects.get();
    }

    /**
     * @return connections whose TLS close could not be sent cleanly (the socket was closed all the same).
     */
    public long closeFailures()
    {
        return closeFailures.get();
    }

    /**
     * @return whether the engines' buffers belong on the heap: the JDK provider's (its cipher works on arrays).
     */
    boolean heapBuffers()
    {
        return context.config().provider() == TlsConfig.Provider.JDK;
    }

    SSLEngine newEngine()
    {
        context.reloadIfChanged();
        return context.newServerEngine();
    }

    /**
     * Runs a handshake task on the handshake thread, or here once the listener is closing.
     */
    void runTask(final Runnable task)
    {
        try
        {
            handshakeTasks.execute(task);
        }
        catch (final RejectedExecutionException ex)
        {
            task.run();
        }
    }

    void handshakeCompleted()
    {
        handshakes.incrementAndGet();
    }

    void handshakeFailed()
    {
        handshakeFailures.incrementAndGet();
    }

    void refused()
    {
        refused.incrementAndGet();
    }

    void unknownSubject()
    {
        unknownSubjects.incrementAndGet();
    }

    void closeFailed()
    {
        closeFailures.incrementAndGet();
    }

    /**
     * Stops the handshake thread.
     */
    @Override
    public void close()
    {
        handshakeTasks.shutdownNow();
    }
}
