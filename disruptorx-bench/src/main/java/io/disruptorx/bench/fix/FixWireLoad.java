package io.disruptorx.bench.fix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.bench.node.LatencySummary;
import io.disruptorx.bench.node.LoadDriver;
import io.disruptorx.bench.node.OrderLoad;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;
import quickfix.Message;
import quickfix.field.Account;
import quickfix.field.ClOrdID;
import quickfix.field.EncryptMethod;
import quickfix.field.HeartBtInt;
import quickfix.field.MsgSeqNum;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.Password;
import quickfix.field.Price;
import quickfix.field.ResetSeqNumFlag;
import quickfix.field.SenderCompID;
import quickfix.field.SendingTime;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TargetCompID;
import quickfix.field.TimeInForce;
import quickfix.field.TransactTime;
import quickfix.field.Username;
import quickfix.fix44.Logon;
import quickfix.fix44.NewOrderSingle;

/**
 * The FIX load both legs of {@code dx bench gateway} share by default: the NewOrderSingles {@link QfjLoad} sends,
 * encoded by QuickFIX/J 3.0.0 once per side and re-stamped per order ({@link FixTemplate}: MsgSeqNum, SendingTime,
 * ClOrdID, TransactTime, BodyLength, CheckSum), written by one thread to a plain socket, as many per write as are
 * due, and answers read on the same thread by framing each message and reading MsgType(35), ClOrdID(11) and
 * ExecType(150). The orders, their acknowledgements (ExecType 0 or 8; a session Reject(3) or a
 * BusinessMessageReject(j) is counted as refused) and the measurement are {@link QfjLoad}'s; what is gone is the
 * client's own cost (a QuickFIX/J initiator builds, validates and parses message objects on three threads), which
 * on two cores capped both legs near the same rate. Logs on with ResetSeqNumFlag(141)=Y and HeartBtInt(108) 30 s
 * (runs never pause that long), answers nothing but its orders, and closes the socket without a Logout.
 */
public final class FixWireLoad implements FixLoad, OrderLoad
{
    private static final byte SOH = 1;
    private static final int RING = 1 << 21;
    private static final int MASK = RING - 1;
    private static final int BUFFER_BYTES = 4 * 1024 * 1024;
    private static final int MESSAGE_ROOM = 1_024;
    private static final long PARK_NANOS = 20_000;
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long LOGON_NANOS = TimeUnit.SECONDS.toNanos(20);

    private final SocketChannel channel;
    private final FixTemplate buy;
    private final FixTemplate sell;
    private final ByteBuffer out = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private final UnsafeBuffer outBuffer = new UnsafeBuffer(out);
    private final ByteBuffer in = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private final UnsafeBuffer inBuffer = new UnsafeBuffer(in);
    private final long[] intended = new long[RING];
    private final byte[] lastExecType = new byte[RING];
    private final boolean[] answeredIds = new boolean[RING];
    private final LoadDriver driver = new LoadDriver(this, "acceptor", RING / 2);
    private Histogram histogram = new Histogram(1, TimeUnit.SECONDS.toNanos(60), 3);
    private long measureFromId = Long.MAX_VALUE;
    private long nextSequence = 1;
    private long acknowledged;
    private long rejects;
    private long duplicates;
    private long lastAckNanos;
    private long firstId;
    private boolean loggedOn;
    private boolean readNothing;
    private long blockedPasses;

    /**
     * Connects and logs on.
     *
     * @param port     the acceptor's loopback port.
     * @param sender   SenderCompID(49), also Username(553).
     * @param target   TargetCompID(56).
     * @param password Password(554).
     * @param symbol   Symbol(55) of every order.
     * @param accounts Account(1) of buys and of sells.
     */
    public FixWireLoad(
        final int port, final String sender, final String target, final String password, final String symbol,
        final String[] accounts)
    {
        buy = new FixTemplate(order(sender, target, symbol, accounts[0], true));
        sell = new FixTemplate(order(sender, target, symbol, accounts[1], false));
        final Logon logon = new Logon(new EncryptMethod(EncryptMethod.NONE_OTHER), new HeartBtInt(30));
        logon.set(new ResetSeqNumFlag(true));
        logon.set(new Username(sender));
        logon.set(new Password(password));
        header(logon, sender, target);
        final long deadline = System.nanoTime() + LOGON_NANOS;
        channel = FixLegs.connect(port, deadline);
        out.limit(new FixTemplate(logon).encode(outBuffer, 0, nextSequence++, 0, System.currentTimeMillis()));
        flush();
        while (!loggedOn && System.nanoTime() < deadline)
        {
            poll();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        if (!loggedOn)
        {
            close();
            throw new IllegalStateException("FIX session " + sender + " did not log on to port " + port);
        }
    }

    private static NewOrderSingle order(
        final String sender, final String target, final String symbol, final String account, final boolean buy)
    {
        final NewOrderSingle order = new NewOrderSingle(new ClOrdID("0"), new Side(buy ? Side.BUY : Side.SELL),
            new TransactTime(LocalDateTime.now(ZoneOffset.UTC)), new OrdType(OrdType.LIMIT));
        order.set(new Account(account));
        order.set(new Symbol(symbol));
        order.set(new Price(99.0));
        order.set(new OrderQty(1));
        order.set(new TimeInForce(buy ? TimeInForce.GOOD_TILL_CANCEL : TimeInForce.IMMEDIATE_OR_CANCEL));
        header(order, sender, target);
        return order;
    }

    private static void header(final Message message, final String sender, final String target)
    {
        message.getHeader().setField(new SenderCompID(sender));
        message.getHeader().setField(new TargetCompID(target));
        message.getHeader().setField(new MsgSeqNum(1));
        message.getHeader().setField(new SendingTime(LocalDateTime.now(ZoneOffset.UTC)));
    }

    @Override
    public QfjLoad.Run paced(final long rate, final double warmupSeconds, final double measureSeconds)
    {
        final double completed = driver.paced(rate, warmupSeconds, measureSeconds);
        return new QfjLoad.Run(rate, LatencySummary.of(histogram), completed, rejects);
    }

    @Override
    public QfjLoad.Run saturated(final int window, final double warmupSeconds, final double measureSeconds)
    {
        final double completed = driver.saturated(window, warmupSeconds, measureSeconds);
        return new QfjLoad.Run(0, LatencySummary.of(histogram), completed, rejects);
    }

    @Override
    public void start(final long firstId, final long measureFromId)
    {
        this.firstId = firstId;
        acknowledged = 0;
        rejects = 0;
        this.measureFromId = measureFromId;
        histogram = new Histogram(1, TimeUnit.SECONDS.toNanos(60), 3);
    }

    @Override
    public void send(final long index, final long id, final long intendedNanos)
    {
        intended[(int)(id & MASK)] = intendedNanos;
        answeredIds[(int)(id & MASK)] = false;
        lastExecType[(int)(id & MASK)] = 0;
        if (out.capacity() - out.limit() < MESSAGE_ROOM)
        {
            flush();
        }
        final FixTemplate template = (index & 1) == 0 ? buy : sell;
        out.limit(out.limit() + template.encode(outBuffer, out.limit(), nextSequence++, id,
            System.currentTimeMillis()));
    }

    /**
     * Writes everything encoded so far, reading answers while the socket will not take more, and parking 20 us
     * whenever the socket took nothing and nothing was read (a busy loop here took a core from the acceptor it
     * waits for); fails when the acceptor takes no byte for 30 s.
     */
    @Override
    public void flush()
    {
        try
        {
            long progressNanos = System.nanoTime();
            while (out.hasRemaining())
            {
                if (channel.write(out) > 0)
                {
                    progressNanos = System.nanoTime();
                }
                else if (System.nanoTime() - progressNanos > DRAIN_NANOS)
                {
                    throw new IllegalStateException("the acceptor took no bytes for 30 s with " +
                        (nextSequence - 1) + " messages sent and " + answered() + " orders answered");
                }
                else
                {
                    poll();
                    if (readNothing)
                    {
                        blockedPasses++;
                        LockSupport.parkNanos(PARK_NANOS);
                    }
                }
            }
            out.clear().limit(0);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** @return passes of {@link #flush()} that wrote no byte and read nothing, so the load parked. */
    public long blockedPasses()
    {
        return blockedPasses;
    }

    Histogram latencies()
    {
        return histogram;
    }

    long refusedCount()
    {
        return rejects;
    }

    boolean readNothing()
    {
        return readNothing;
    }

    @Override
    public void poll()
    {
        try
        {
            final int read = channel.read(in);
            if (read < 0)
            {
                throw new IllegalStateException("the acceptor closed the FIX connection");
            }
            readNothing = read == 0;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        int at = 0;
        final int end = in.position();
        int length;
        while ((length = frame(at, end)) > 0)
        {
            onMessage(at, length);
            at += length;
        }
        if (at > 0)
        {
            in.limit(end).position(at);
            in.compact();
        }
    }

    @Override
    public void windowFull()
    {
        if (readNothing)
        {
            LockSupport.parkNanos(PARK_NANOS);
        }
    }

    /** @return the length of the whole message at {@code at}, or 0 when it has not all arrived. */
    private int frame(final int at, final int end)
    {
        final int bodyLengthTag = indexOf(at, end, SOH) + 1;
        if (bodyLengthTag <= 0 || bodyLengthTag + 2 >= end)
        {
            return 0;
        }
        int bodyLength = 0;
        int i = bodyLengthTag + 2;
        byte b;
        while (i < end && (b = inBuffer.getByte(i)) != SOH)
        {
            bodyLength = bodyLength * 10 + b - '0';
            i++;
        }
        final int total = i + 1 + bodyLength + 7 - at;
        return i < end && at + total <= end ? total : 0;
    }

    private int indexOf(final int from, final int end, final byte value)
    {
        for (int i = from; i < end; i++)
        {
            if (inBuffer.getByte(i) == value)
            {
                return i;
            }
        }
        return -1;
    }

    private void onMessage(final int at, final int length)
    {
        byte type = 0;
        byte type2 = SOH;
        byte execType = 0;
        long clientOrderId = -1;
        int i = indexOf(at, at + length, SOH) + 1;
        final int end = at + length;
        while (i < end)
        {
            int tag = 0;
            byte b;
            while ((b = inBuffer.getByte(i++)) != '=')
            {
                tag = tag * 10 + b - '0';
            }
            final int value = i;
            while (inBuffer.getByte(i) != SOH)
            {
                i++;
            }
            if (tag == 35)
            {
                type = inBuffer.getByte(value);
                type2 = inBuffer.getByte(value + 1);
            }
            else if (tag == 150)
            {
                execType = inBuffer.getByte(value);
            }
            else if (tag == 11)
            {
                clientOrderId = digits(value, i);
            }
            i++;
        }
        if (type2 != SOH)
        {
            return;
        }
        switch (type)
        {
            case 'A' -> loggedOn = true;
            case '5' -> loggedOn = false;
            case '3', 'j' -> refused();
            case '8' -> onExecutionReport(execType, clientOrderId);
            default ->
            {
            }
        }
    }

    private long digits(final int from, final int to)
    {
        long value = 0;
        for (int i = from; i < to; i++)
        {
            final byte b = inBuffer.getByte(i);
            if (b < '0' || b > '9')
            {
                return -1;
            }
            value = value * 10 + b - '0';
        }
        return value;
    }

    private void onExecutionReport(final byte execType, final long clientOrderId)
    {
        if (clientOrderId < 0)
        {
            rejects++;
            return;
        }
        final int slot = (int)(clientOrderId & MASK);
        lastExecType[slot] = execType;
        if (execType != '0' && execType != '8')
        {
            return;
        }
        if (answeredIds[slot])
        {
            duplicates++;
            return;
        }
        final long nowNanos = System.nanoTime();
        answeredIds[slot] = true;
        if (clientOrderId >= measureFromId)
        {
            histogram.recordValue(Math.min(histogram.getHighestTrackableValue(),
                Math.max(1, nowNanos - intended[slot])));
        }
        lastAckNanos = nowNanos;
        if (execType == '8')
        {
            rejects++;
        }
        else
        {
            acknowledged++;
        }
    }

    private void refused()
    {
        lastAckNanos = System.nanoTime();
        rejects++;
    }

    /**
     * @return acknowledgements (ExecType 0 or 8) of an order already acknowledged, since the load connected; not
     * counted as answers.
     */
    public long duplicateAnswers()
    {
        return duplicates;
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
        return acknowledged + rejects;
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
                    QfjLoad.unanswered(answeredIds, lastExecType, firstId, total));
            }
            poll();
            windowFull();
        }
    }

    @Override
    public void close()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
