package io.disruptorx.marketdata.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.marketdata.FeedState;
import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.book.BookUpdater;
import io.disruptorx.marketdata.book.MarketBook;
import io.disruptorx.marketdata.book.SnapshotCodec;
import io.disruptorx.marketdata.wire.MoldUdp64;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A {@link FeedClient} with sockets, a local {@link MarketBook} and (optionally) its own thread: lines A and
 * B, a request socket (retransmission responses come back on it) and snapshots over TCP fetched on a helper
 * thread while the lines keep being read. Waits block in {@link Selector#select(long)} until a packet or the
 * next timer, so an idle client uses no CPU.
 *
 * <p>Nothing thrown on the client's thread stops it. An exception from the listener (the user's code) is counted
 * in {@link FeedClientCounters#listenerErrors()} and the next callback goes on. A retransmission request that
 * cannot be sent is counted in {@link FeedClientCounters#requestFailures()} and retried by the gap's backoff.
 * Anything else (a selector error, a bug) is counted in {@link FeedClientCounters#errors()}, and since a packet
 * may be half handled the client goes {@link FeedState#RECOVERING} and reloads a snapshot. Each is printed to
 * standard error (the first, second, fourth, eighth... of its kind) and kept in {@link #lastError()}.
 */
public final class FeedClientRunner implements RecoveryActions, AutoCloseable
{
    private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final int RECOVERY_TIMEOUT_MILLIS = 5_000;

    private final FeedEndpoints endpoints;
    private final MarketBook book = new MarketBook();
    private final BookUpdater updater;
    private final FeedClient client;
    private final MarketDataListener listener;
    private final Selector selector;
    private final DatagramChannel lineA;
    private final DatagramChannel lineB;
    private final DatagramChannel requests;
    private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(65536).order(ByteOrder.BIG_ENDIAN);
    private final UnsafeBuffer received = new UnsafeBuffer(receiveBuffer);
    private final ByteBuffer requestBuffer = ByteBuffer.allocateDirect(MoldUdp64.EXTENDED_REQUEST_LENGTH);
    private final UnsafeBuffer request = new UnsafeBuffer(requestBuffer);
    private final byte[] session;
    private final AtomicReference<Object> snapshotResult = new AtomicReference<>();
    private final TcpRecoveryClient recovery;
    private volatile String lastSnapshotError;
    private volatile Throwable lastError;
    private volatile boolean running;
    private Thread thread;
    private volatile Thread snapshotThread;
    private long nextTimerAt = Long.MAX_VALUE;

    /**
     * @param config    client settings.
     * @param endpoints sockets.
     * @param listener  book, trade and state callbacks, on the client's thread; what it throws is counted in
     *                  {@link FeedClientCounters#listenerErrors()}.
     */
    public FeedClientRunner(
        final FeedClientConfig config, final FeedEndpoints endpoints, final MarketDataListener listener)
    {
        this.endpoints = endpoints;
        this.listener = new GuardedListener(listener,
            (ex) -> report("the listener threw, continuing", ex, count(FeedClientCounters.LISTENER_ERRORS)));
        this.recovery = endpoints.recoveryServer() == null ? null :
            new TcpRecoveryClient(endpoints.recoveryServer(), RECOVERY_TIMEOUT_MILLIS);
        this.updater = new BookUpdater(book, this.listener);
        this.session = MoldUdp64.session(config.session() == null ? "" : config.session());
        this.client = new FeedClient(config, updater, this::loadSnapshot, this.listener, this);
        DatagramChannel a = null;
        DatagramChannel b = null;
        DatagramChannel r = null;
        Selector s = null;
        try
        {
            s = Selector.open();
            a = openLine("line A", endpoints.lineA());
            b = endpoints.lineB() == null ? null : openLine("line B", endpoints.lineB());
            r = DatagramChannel.open(StandardProtocolFamily.INET);
            r.setOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
            r.bind(new InetSocketAddress(endpoints.retransmitServer().getAddress(), 0));
            r.configureBlocking(false);
            a.register(s, SelectionKey.OP_READ, FeedClient.LINE_A);
            if (b != null)
            {
                b.register(s, SelectionKey.OP_READ, FeedClient.LINE_B);
            }
            r.register(s, SelectionKey.OP_READ, FeedClient.RETRANSMISSION);
        }
        catch (final IOException | RuntimeException ex)
        {
            Closeables.closeQuietly(a);
            Closeables.closeQuietly(b);
            Closeables.closeQuietly(r);
            Closeables.closeQuietly(s);
            throw ex instanceof IOException ? new UncheckedIOException((IOException)ex) : (RuntimeException)ex;
        }
        selector = s;
        lineA = a;
        lineB = b;
        requests = r;
    }

    /**
     * Starts the client on its own thread.
     *
     * @param name thread name.
     * @return this.
     */
    public FeedClientRunner start(final String name)
    {
        running = true;
        client.start(System.nanoTime());
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /**
     * Starts the client without a thread: the caller drives it with {@link #poll(long)}.
     */
    public void startManual()
    {
        running = true;
        client.start(System.nanoTime());
    }

    /**
     * One duty cycle: waits up to {@code maxWaitNanos} (less when a timer is due) for packets, handles all
     * that arrived, runs the timers. Throws nothing: an error is counted in {@link FeedClientCounters#errors()},
     * reported, starts a resynchronization (see the class comment) and ends the cycle after waiting
     * {@code maxWaitNanos}, so a lasting error does not spin.
     *
     * @param maxWaitNanos longest wait.
     */
    public void poll(final long maxWaitNanos)
    {
        try
        {
            final long now = System.nanoTime();
            final long wait = Math.min(maxWaitNanos, nextTimerAt - now);
            if (wait > 0)
            {
                selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
            }
            else
            {
                selector.selectNow();
            }
            selector.selectedKeys().clear();
            receive(lineA, FeedClient.LINE_A);
            if (lineB != null)
            {
                receive(lineB, FeedClient.LINE_B);
            }
            receive(requests, FeedClient.RETRANSMISSION);
            final Object result = snapshotResult.getAndSet(null);
            if (result != null)
            {
                onSnapshotResult(result);
            }
            nextTimerAt = client.onTimer(System.nanoTime());
        }
        catch (final IOException | RuntimeException ex)
        {
            onError(ex, maxWaitNanos);
        }
    }

    /**
     * @return the local address line A is bound to (to register as a unicast destination).
     */
    public InetSocketAddress lineAAddress()
    {
        return localAddress(lineA);
    }

    /**
     * @return the local address line B is bound to, null for a single line.
     */
    public InetSocketAddress lineBAddress()
    {
        return lineB == null ? null : localAddress(lineB);
    }

    /**
     * @return the feed client (state, counters).
     */
    public FeedClient client()
    {
        return client;
    }

    /**
     * @return the local books; read them on the client's thread or after {@link #close()}.
     */
    public MarketBook book()
    {
        return book;
    }

    /**
     * @return the book updater (decode counters).
     */
    public BookUpdater updater()
    {
        return updater;
    }

    /**
     * @return why the last snapshot fetch failed ("Connection refused", ...), null when none failed.
     */
    public String lastSnapshotError()
    {
        return lastSnapshotError;
    }

    /**
     * @return the last exception counted in {@link FeedClientCounters#listenerErrors()},
     * {@link FeedClientCounters#requestFailures()} or {@link FeedClientCounters#errors()}, null when none.
     */
    public Throwable lastError()
    {
        return lastError;
    }

    /**
     * @return where this client listens and asks.
     */
    public FeedEndpoints endpoints()
    {
        return endpoints;
    }

    /**
     * @return state.
     */
    public FeedState state()
    {
        return client.state();
    }

    @Override
    public void requestRetransmission(final long fromSequence, final int count)
    {
        MoldUdp64.writeHeader(request, 0, session, fromSequence, count);
        request.putByte(MoldUdp64.REQUEST_FLAGS_OFFSET, MoldUdp64.FLAG_REFUSALS);
        requestBuffer.clear();
        try
        {
            requests.send(requestBuffer, endpoints.retransmitServer());
        }
        catch (final IOException ex)
        {
            report("retransmission request not sent, retried after the backoff", ex,
                count(FeedClientCounters.REQUEST_FAILURES));
        }
    }

    @Override
    public void requestSnapshot()
    {
        if (recovery == null)
        {
            lastSnapshotError = "no recovery server";
            snapshotResult.set(lastSnapshotError);
            return;
        }
        final Thread fetch = new Thread(this::fetchSnapshot, "dx-md-snapshot");
        fetch.setDaemon(true);
        snapshotThread = fetch;
        fetch.start();
    }

    @Override
    public void close()
    {
        running = false;
        selector.wakeup();
        try
        {
            join(thread);
            if (recovery != null)
            {
                recovery.abort();
            }
            join(snapshotThread);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            Closeables.closeAll(selector, lineA, lineB, requests);
        }
    }

    private void run()
    {
        while (running)
        {
            poll(MAX_WAIT_NANOS);
        }
    }

    private void fetchSnapshot()
    {
        try
        {
            final ExpandableArrayBuffer frames = new ExpandableArrayBuffer(64 * 1024);
            final int length = recovery.fetchSnapshot(0, frames);
            if (length < 0)
            {
                lastSnapshotError = "refused the snapshot";
            }
            snapshotResult.set(length < 0 ? (Object)"refused" : new Snapshot(frames, length));
        }
        catch (final Throwable ex)
        {
            lastSnapshotError = ex.getMessage() == null ? ex.toString() : ex.getMessage();
            snapshotResult.set(ex);
        }
        selector.wakeup();
    }

    private void onError(final Throwable ex, final long waitNanos)
    {
        if (!running)
        {
            return;
        }
        report("error on the client's thread, resynchronizing from a snapshot", ex,
            count(FeedClientCounters.ERRORS));
        try
        {
            client.resynchronize(System.nanoTime());
            nextTimerAt = System.nanoTime();
        }
        catch (final RuntimeException again)
        {
            report("error while resynchronizing", again, count(FeedClientCounters.ERRORS));
        }
        LockSupport.parkNanos(waitNanos);
    }

    private long count(final int counter)
    {
        final FeedClientCounters counters = client.counters();
        counters.increment(counter);
        return counters.value(counter);
    }

    private void report(final String what, final Throwable ex, final long count)
    {
        lastError = ex;
        if ((count & (count - 1)) == 0)
        {
            System.err.println(Thread.currentThread().getName() + ": " + what + " (" + count + " so far): " + ex);
            ex.printStackTrace();
        }
    }

    private void onSnapshotResult(final Object result)
    {
        final long now = System.nanoTime();
        if (result instanceof Snapshot)
        {
            final Snapshot snapshot = (Snapshot)result;
            client.onSnapshot(snapshot.frames, 0, snapshot.length, now);
        }
        else
        {
            client.onSnapshotFailed(now);
        }
    }

    private long loadSnapshot(final DirectBuffer frames, final int offset, final int length)
    {
        final long sequence = SnapshotCodec.read(frames, offset, length, book);
        if (sequence >= 0)
        {
            for (int i = 0; i < book.bookCount(); i++)
            {
                listener.onBookChanged(sequence, book.bookAt(i));
            }
        }
        return sequence;
    }

    private void receive(final DatagramChannel channel, final int source) throws IOException
    {
        while (true)
        {
            receiveBuffer.clear();
            if (channel.receive(receiveBuffer) == null)
            {
                return;
            }
            client.onPacket(source, received, 0, receiveBuffer.position(), System.nanoTime());
        }
    }

    private DatagramChannel openLine(final String name, final InetSocketAddress address) throws IOException
    {
        final DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try
        {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
            if (endpoints.multicast())
            {
                if (endpoints.networkInterface() == null)
                {
                    throw new IllegalArgumentException("multicast needs a network interface");
                }
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                bind(channel, name, address);
                channel.join(address.getAddress(), endpoints.networkInterface());
            }
            else
            {
                bind(channel, name, address);
            }
            channel.configureBlocking(false);
            return channel;
        }
        catch (final IOException | RuntimeException ex)
        {
            Closeables.closeQuietly(channel);
            throw ex;
        }
    }

    private static void bind(final DatagramChannel channel, final String name, final InetSocketAddress address)
        throws IOException
    {
        try
        {
            channel.bind(address);
        }
        catch (final BindException ex)
        {
            throw new LineInUseException(name, address, ex);
        }
    }

    private static void join(final Thread thread) throws InterruptedException
    {
        if (thread != null && thread != Thread.currentThread())
        {
            thread.join(RECOVERY_TIMEOUT_MILLIS);
        }
    }

    private static InetSocketAddress localAddress(final DatagramChannel channel)
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

    private static final class Snapshot
    {
        private final ExpandableArrayBuffer frames;
        private final int length;

        Snapshot(final ExpandableArrayBuffer frames, final int length)
        {
            this.frames = frames;
            this.length = length;
        }
    }
}
