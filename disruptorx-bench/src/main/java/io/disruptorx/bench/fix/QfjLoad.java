package io.disruptorx.bench.fix;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.bench.node.LatencySummary;
import io.disruptorx.bench.node.LoadDriver;
import io.disruptorx.bench.node.OrderLoad;
import org.HdrHistogram.Histogram;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.ScreenLogFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.Account;
import quickfix.field.ClOrdID;
import quickfix.field.MsgType;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.Price;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderSingle;

/**
 * The QuickFIX/J 3.0.0 load both FIX legs of {@code dx bench gateway} share: one initiator session sending
 * NewOrderSingles from one thread, the same messages whichever acceptor is on the other side. Order {@code i}
 * (ClOrdID {@code i + 1}) is a resting buy of 1 at 99.00 on the first account when {@code i} is even and an IOC
 * sell at 99.00 on the second, which trades with it on a matching venue; its acknowledgement is the first
 * ExecutionReport for its ClOrdID with ExecType(150) 0 (new) or 8 (rejected); fills are not acknowledgements. A
 * session Reject(3) or a BusinessMessageReject(j) (e.g. Artio refuses a message whose SendingTime(52) is more
 * than its reasonable transmission time old, which a loaded two-core machine can reach) answers an order too and
 * is counted as refused, so a run never waits for an ExecutionReport that will not come.
 * Measured like the binary leg: paced runs record acknowledgement time minus intended send time (coordinated
 * omission corrected); saturated runs keep a window of unacknowledged orders full.
 */
public final class QfjLoad implements FixLoad, OrderLoad, Application
{
    private static final int RING = 1 << 21;
    private static final int MASK = RING - 1;
    private static final long PARK_NANOS = 10_000;
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long LOGON_NANOS = TimeUnit.SECONDS.toNanos(20);

    private final String password;
    private final String symbol;
    private final String[] accounts;
    private final SessionID sessionId;
    private final SocketInitiator initiator;
    private final long[] intended = new long[RING];
    private final byte[] lastExecType = new byte[RING];
    private final boolean[] answeredIds = new boolean[RING];
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong rejects = new AtomicLong();
    private volatile Histogram histogram = new Histogram(1, TimeUnit.SECONDS.toNanos(60), 3);
    private volatile long measureFromId = Long.MAX_VALUE;
    private volatile long lastAckNanos;
    private volatile boolean loggedOn;
    private final LoadDriver driver = new LoadDriver(this, "acceptor", RING / 2);
    private Session session;
    private long firstId;

    /**
     * What one run measured.
     *
     * @param rate      offered orders per second (0 for a saturated run).
     * @param latency   acknowledgement minus intended send, measured orders.
     * @param completed acknowledgements per second over the measured window.
     * @param rejects   orders refused.
     */
    public record Run(long rate, LatencySummary latency, double completed, long rejects)
    {
        /**
         * @return whether the acknowledgements kept up with the offered rate.
         */
        public boolean sustained()
        {
            return rate == 0 || completed >= 0.98 * rate;
        }

        /**
         * @param label the leg's name.
         * @return one line.
         */
        public String describe(final String label)
        {
            return rate == 0 ? String.format("%s saturated: %,.0f orders/s acknowledged; %s", label, completed,
                latency.describe()) : String.format("%s %,8d/s: %s; completed %,.0f/s%s; refused %,d", label, rate,
                latency.describe(), completed, sustained() ? "" : " (NOT SUSTAINED)", rejects);
        }
    }

    /**
     * Connects and logs on.
     *
     * @param port     the acceptor's loopback port.
     * @param sender   SenderCompID(49), also Username(553).
     * @param target   TargetCompID(56).
     * @param password Password(554).
     * @param symbol   Symbol(55) of every order.
     * @param accounts Account(1) of buys and of sells.
     * @throws ConfigError when QuickFIX/J refuses the settings.
     */
    public QfjLoad(
        final int port, final String sender, final String target, final String password, final String symbol,
        final String[] accounts) throws ConfigError
    {
        this.password = password;
        this.symbol = symbol;
        this.accounts = accounts.clone();
        sessionId = new SessionID("FIX.4.4", sender, target);
        final SessionSettings settings = new SessionSettings();
        settings.setString("ConnectionType", "initiator");
        settings.setString("SocketConnectHost", "127.0.0.1");
        settings.setLong("SocketConnectPort", port);
        settings.setLong("HeartBtInt", 30);
        settings.setLong("ReconnectInterval", 1);
        settings.setString("StartTime", "00:00:00");
        settings.setString("EndTime", "00:00:00");
        settings.setString("NonStopSession", "Y");
        settings.setString("UseDataDictionary", "N");
        settings.setString("PersistMessages", "N");
        settings.setString("ResetOnLogon", "Y");
        settings.setString("SocketTcpNoDelay", "Y");
        settings.setString(sessionId, "BeginString", "FIX.4.4");
        settings.setString(sessionId, "SenderCompID", sender);
        settings.setString(sessionId, "TargetCompID", target);
        initiator = new SocketInitiator(this, new MemoryStoreFactory(), settings,
            new ScreenLogFactory(false, false, false, false), new DefaultMessageFactory());
        initiator.start();
        final long deadline = System.nanoTime() + LOGON_NANOS;
        while (!loggedOn && System.nanoTime() < deadline)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        if (!loggedOn)
        {
            initiator.stop(true);
            throw new IllegalStateException("QuickFIX/J session " + sessionId + " did not log on to port " + port);
        }
    }

    @Override
    public Run paced(final long rate, final double warmupSeconds, final double measureSeconds)
    {
        session = Session.lookupSession(sessionId);
        final double completed = driver.paced(rate, warmupSeconds, measureSeconds);
        return new Run(rate, LatencySummary.of(histogram), completed, rejects.get());
    }

    @Override
    public Run saturated(final int window, final double warmupSeconds, final double measureSeconds)
    {
        session = Session.lookupSession(sessionId);
        final double completed = driver.saturated(window, warmupSeconds, measureSeconds);
        return new Run(0, LatencySummary.of(histogram), completed, rejects.get());
    }

    @Override
    public void fromApp(final Message message, final SessionID id)
    {
        try
        {
            final String type = message.getHeader().getString(MsgType.FIELD);
            if (MsgType.BUSINESS_MESSAGE_REJECT.equals(type))
            {
                refused();
                return;
            }
            if (!MsgType.EXECUTION_REPORT.equals(type))
            {
                return;
            }
            final char execType = message.getChar(150);
            if (message.isSetField(ClOrdID.FIELD))
            {
                lastExecType[(int)(Long.parseLong(message.getString(ClOrdID.FIELD)) & MASK)] = (byte)execType;
            }
            if (execType != '0' && execType != '8')
            {
                return;
            }
            final long nowNanos = System.nanoTime();
            final long clientOrderId = Long.parseLong(message.getString(ClOrdID.FIELD));
            answeredIds[(int)(clientOrderId & MASK)] = true;
            final Histogram current = histogram;
            if (clientOrderId >= measureFromId)
            {
                current.recordValue(Math.min(current.getHighestTrackableValue(),
                    Math.max(1, nowNanos - intended[(int)(clientOrderId & MASK)])));
            }
            lastAckNanos = nowNanos;
            if (execType == '8')
            {
                rejects.incrementAndGet();
            }
            else
            {
                acknowledged.incrementAndGet();
            }
        }
        catch (final FieldNotFound | NumberFormatException ex)
        {
            rejects.incrementAndGet();
        }
    }

    @Override
    public void toAdmin(final Message message, final SessionID id)
    {
        try
        {
            if (MsgType.LOGON.equals(message.getHeader().getString(MsgType.FIELD)))
            {
                message.setString(553, id.getSenderCompID());
                message.setString(554, password);
            }
        }
        catch (final FieldNotFound ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void onCreate(final SessionID id)
    {
    }

    @Override
    public void onLogon(final SessionID id)
    {
        loggedOn = true;
    }

    @Override
    public void onLogout(final SessionID id)
    {
        loggedOn = false;
    }

    @Override
    public void fromAdmin(final Message message, final SessionID id)
    {
        try
        {
            if (MsgType.REJECT.equals(message.getHeader().getString(MsgType.FIELD)))
            {
                refused();
            }
        }
        catch (final FieldNotFound ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private void refused()
    {
        lastAckNanos = System.nanoTime();
        rejects.incrementAndGet();
    }

    @Override
    public void toApp(final Message message, final SessionID id)
    {
    }

    @Override
    public void close()
    {
        initiator.stop(true);
    }

    @Override
    public void measureFrom(final long id)
    {
        measureFromId = id;
    }

    @Override
    public long lastAnswerNanos()
    {
        return lastAckNanos;
    }

    @Override
    public long answered()
    {
        return acknowledged.get() + rejects.get();
    }

    @Override
    public void start(final long firstId, final long measureFromId)
    {
        this.firstId = firstId;
        acknowledged.set(0);
        rejects.set(0);
        this.measureFromId = measureFromId;
        histogram = new Histogram(1, TimeUnit.SECONDS.toNanos(60), 3);
    }

    @Override
    public void send(final long index, final long id, final long intendedNanos)
    {
        intended[(int)(id & MASK)] = intendedNanos;
        answeredIds[(int)(id & MASK)] = false;
        lastExecType[(int)(id & MASK)] = 0;
        final boolean buy = (index & 1) == 0;
        final NewOrderSingle order = new NewOrderSingle(new ClOrdID(Long.toString(id)),
            new Side(buy ? Side.BUY : Side.SELL), new TransactTime(LocalDateTime.now(ZoneOffset.UTC)),
            new OrdType(OrdType.LIMIT));
        order.set(new Account(accounts[buy ? 0 : 1]));
        order.set(new Symbol(symbol));
        order.set(new Price(99.0));
        order.set(new OrderQty(1));
        order.set(new TimeInForce(buy ? TimeInForce.GOOD_TILL_CANCEL : TimeInForce.IMMEDIATE_OR_CANCEL));
        if (!session.send(order))
        {
            throw new IllegalStateException("QuickFIX/J did not send order " + id);
        }
    }

    static String unanswered(
        final boolean[] answeredIds, final byte[] lastExecType, final long firstId, final long total)
    {
        final StringBuilder text = new StringBuilder("unanswered ClOrdIDs (last ExecType seen):");
        int listed = 0;
        for (long id = firstId; id < firstId + total && listed < 10; id++)
        {
            if (!answeredIds[(int)(id & MASK)])
            {
                final byte execType = lastExecType[(int)(id & MASK)];
                text.append(' ').append(id).append(" (").append(execType == 0 ? "none" : (char)execType).append(')');
                listed++;
            }
        }
        return text.toString();
    }

    @Override
    public void drain(final long total)
    {
        final long deadline = System.nanoTime() + DRAIN_NANOS;
        while (answered() < total)
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("only " + answered() + " of " + total + " orders were acknowledged; " +
                    unanswered(answeredIds, lastExecType, firstId, total));
            }
            LockSupport.parkNanos(PARK_NANOS);
        }
    }
}
