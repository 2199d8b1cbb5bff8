package io.disruptorx.bench.gateway;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.bench.node.LatencySummary;
import io.disruptorx.bench.node.LoadDriver;
import io.disruptorx.bench.node.OrderLoad;
import io.disruptorx.gateway.client.NativeClient;
import io.disruptorx.gateway.client.SoupBinTcpClientListener;
import io.disruptorx.protocol.sbe.orderentry.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderRejectedDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderType;
import io.disruptorx.protocol.sbe.orderentry.SelfTradePrevention;
import io.disruptorx.protocol.sbe.orderentry.Side;
import io.disruptorx.protocol.sbe.orderentry.TimeInForce;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;

/**
 * One native client on one thread driving the binary gateway over loopback TCP. Order {@code i} (client order
 * id {@code i + 1}) is a resting buy on the user's first account (1 unless told) when {@code i} is even and an IOC
 * sell on the next account that trades with it when odd, so the book stays small. Its acknowledgement is its
 * OrderAccepted (or OrderRejected).
 *
 * <p>Paced runs send each order at its intended time on a fixed schedule and record acknowledgement time minus
 * intended time: a stall delays the sends behind it and that delay is counted (no coordinated omission).
 * Saturated runs keep a window of unacknowledged orders full, topped up {@value #REFILL} orders at a time (one
 * write each, not one per answer), park 20 us when the window is full and nothing arrived (so the load's thread
 * leaves the two cores to the gateway and the node instead of spinning on empty reads), and count
 * acknowledgements per second.
 */
final class GatewayLoad implements OrderLoad, SoupBinTcpClientListener, AutoCloseable
{
    private static final int RING = 1 << 21;
    private static final int MASK = RING - 1;
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** A saturated window is topped up in batches of this many orders (one write each). */
    private static final int REFILL = 256;
    private static final long PARK_NANOS = 20_000;

    private final NativeClient client;
    private final LoadDriver driver = new LoadDriver(this, "gateway", RING / 2, REFILL);
    private final long[] intended = new long[RING];
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final OrderAcceptedDecoder accepted = new OrderAcceptedDecoder();
    private final OrderRejectedDecoder rejected = new OrderRejectedDecoder();
    private final long buyAccount;
    private Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private long measureFromId;
    private long acknowledged;
    private long rejects;
    private long lastAckNanos;
    private boolean loggedIn;
    private boolean readNothing;

    GatewayLoad(final InetSocketAddress address, final String user, final String password)
    {
        this(NativeClient.connect(address), user, password, 1);
    }

    /**
     * @param address    the gateway's native listener.
     * @param user       a user of {@code buyAccount} and the account after it.
     * @param password   its password.
     * @param buyAccount the resting buys' account; the sells' is the next one.
     */
    GatewayLoad(final InetSocketAddress address, final String user, final String password, final long buyAccount)
    {
        this(NativeClient.connect(address), user, password, buyAccount);
    }

    GatewayLoad(final NativeClient connected, final String user, final String password, final long buyAccount)
    {
        client = connected;
        this.buyAccount = buyAccount;
        client.transport().login(user, password, "", 0);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!loggedIn && System.nanoTime() < deadline)
        {
            client.poll(this);
        }
        if (!loggedIn)
        {
            throw new IllegalStateException("bench login refused");
        }
    }

    /**
     * What one run measured.
     *
     * @param rate      offered orders per second (0 for a saturated run).
     * @param latency   acknowledgement minus intended send, measured orders.
     * @param completed acknowledgements per second over the measured window.
     * @param rejects   orders refused.
     */
    record Run(long rate, LatencySummary latency, double completed, long rejects)
    {
        boolean sustained()
        {
            return rate == 0 || completed >= 0.98 * rate;
        }

        String describe()
        {
            return rate == 0 ? String.format("binary saturated: %,.0f orders/s acknowledged; %s", completed,
                latency.describe()) : String.format("binary %,8d/s: %s; completed %,.0f/s%s; refused %,d", rate,
                latency.describe(), completed, sustained() ? "" : " (NOT SUSTAINED)", rejects);
        }
    }

    Run paced(final long rate, final double warmupSeconds, final double measureSeconds)
    {
        final double completed = driver.paced(rate, warmupSeconds, measureSeconds);
        return new Run(rate, LatencySummary.of(histogram), completed, rejects);
    }

    /**
     * @param rate      the rate of the interleaved pass ({@link InterleavedLoad}) this load's orders were part of.
     * @param completed that pass's answers per second (all legs').
     * @return what this load measured of its own orders since the pass started.
     */
    Run share(final long rate, final double completed)
    {
        return new Run(rate, LatencySummary.of(histogram), completed, rejects);
    }

    Run saturated(final int window, final double warmupSeconds, final double measureSeconds)
    {
        final double completed = driver.saturated(window, warmupSeconds, measureSeconds);
        return new Run(0, LatencySummary.of(histogram), completed, rejects);
    }

    /**
     * Reads and delivers what has arrived, and sends a heartbeat after a quiet second (between runs).
     *
     * @return messages read.
     */
    int pollOnce()
    {
        return client.poll(this);
    }

    /**
     * Parks the calling thread as briefly as a full window does.
     */
    static void pause()
    {
        LockSupport.parkNanos(PARK_NANOS);
    }

    @Override
    public void onLoginAccepted(final String session, final long sequenceNumber)
    {
        loggedIn = true;
    }

    @Override
    public void onMessage(final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final long id;
        if (header.templateId() == OrderAcceptedDecoder.TEMPLATE_ID)
        {
            id = accepted.wrap(buffer, body, header.blockLength(), header.version()).clientOrderId();
            acknowledged++;
        }
        else if (header.templateId() == OrderRejectedDecoder.TEMPLATE_ID)
        {
            id = rejected.wrap(buffer, body, header.blockLength(), header.version()).clientOrderId();
            rejects++;
        }
        else
        {
            return;
        }
        final long nowNanos = System.nanoTime();
        lastAckNanos = nowNanos;
        if (id >= measureFromId)
        {
            histogram.recordValue(Math.min(histogram.getHighestTrackableValue(),
                Math.max(0, nowNanos - intended[(int)(id & MASK)])));
        }
    }

    @Override
    public void close()
    {
        client.transport().logout();
        client.close();
    }

    @Override
    public void start(final long firstId, final long measureFromId)
    {
        histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        acknowledged = 0;
        rejects = 0;
        this.measureFromId = measureFromId;
    }

    @Override
    public void send(final long index, final long id, final long intendedNanos)
    {
        intended[(int)(id & MASK)] = intendedNanos;
        final boolean buy = (index & 1) == 0;
        client.newOrder(id, buy ? buyAccount : buyAccount + 1, 1, buy ? Side.BUY : Side.SELL, OrderType.LIMIT,
            buy ? TimeInForce.GTC : TimeInForce.IOC, false, SelfTradePrevention.CANCEL_NEWEST, 9_900, -2, 1, 0);
    }

    @Override
    public void flush()
    {
        client.flush();
    }

    @Override
    public void poll()
    {
        readNothing = client.poll(this) == 0;
    }

    @Override
    public void windowFull()
    {
        if (readNothing)
        {
            LockSupport.parkNanos(PARK_NANOS);
        }
    }

    @Override
    public void measureFrom(final long id)
    {
        measureFromId = id;
    }

    @Override
    public long answered()
    {
        return acknowledged + rejects;
    }

    @Override
    public long lastAnswerNanos()
    {
        return lastAckNanos;
    }

    @Override
    public void drain(final long total)
    {
        final long deadline = System.nanoTime() + DRAIN_NANOS;
        while (acknowledged + rejects < total)
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("only " + (acknowledged + rejects) + " of " + total +
                    " orders were acknowledged");
            }
            client.poll(this);
        }
    }
}
