package io.disruptorx.node.demo;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.gateway.client.NativeClient;
import io.disruptorx.gateway.client.SoupBinTcpClientListener;
import io.disruptorx.protocol.sbe.orderentry.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderFilledDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderRejectedDecoder;
import io.disruptorx.protocol.sbe.orderentry.OrderType;
import io.disruptorx.protocol.sbe.orderentry.SelfTradePrevention;
import io.disruptorx.protocol.sbe.orderentry.Side;
import io.disruptorx.protocol.sbe.orderentry.TimeInForce;
import org.agrona.DirectBuffer;

/**
 * Two demo traders on the binary gateway, over real sockets: a market maker that quotes GTC orders around the
 * last price it saw traded and cancels its oldest quotes, and a taker that crosses the spread with IOC orders.
 * One thread, paced to a rate; reads its reports continuously.
 */
final class GatewayTraders implements Runnable, SoupBinTcpClientListener
{
    private static final long TICK_NANOS = 1_000_000L;
    private static final int QUOTES_KEPT = 8;
    private static final int GATEWAY_REASONS = 64;

    private final InetSocketAddress address;
    private final String password;
    private final int instruments;
    private final long makerAccount;
    private final int rate;
    private final SplittableRandom random = new SplittableRandom(7);
    private final long[] reference;
    private final long[][] quotes;
    private final int[] quoteCount;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final OrderFilledDecoder filled = new OrderFilledDecoder();
    private final OrderRejectedDecoder rejected = new OrderRejectedDecoder();
    private long nextId = System.currentTimeMillis() * 1_000;
    private volatile boolean running = true;
    private volatile long ordersSent;
    private volatile long reportsReceived;
    private volatile long gatewayRejects;

    GatewayTraders(
        final InetSocketAddress address, final String password, final int instruments, final long makerAccount,
        final int rate)
    {
        this.address = address;
        this.password = password;
        this.instruments = instruments;
        this.makerAccount = makerAccount;
        this.rate = rate;
        this.reference = new long[instruments + 1];
        Arrays.fill(reference, SimulatedTraders.START_PRICE);
        this.quotes = new long[instruments + 1][QUOTES_KEPT];
        this.quoteCount = new int[instruments + 1];
    }

    @Override
    public void run()
    {
        try (NativeClient maker = login("mm");
            NativeClient taker = login("taker"))
        {
            final long start = System.nanoTime();
            long stepped = 0;
            while (running)
            {
                final long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
                if (due - stepped > rate)
                {
                    stepped = due - rate;
                }
                while (stepped < due)
                {
                    step(maker, taker);
                    stepped++;
                }
                maker.poll(this);
                taker.poll(this);
                LockSupport.parkNanos(TICK_NANOS);
            }
            maker.transport().logout();
            taker.transport().logout();
        }
        catch (final RuntimeException ex)
        {
            System.err.println("dx demo: gateway traders stopped: " + ex);
        }
    }

    void stop()
    {
        running = false;
    }

    long ordersSent()
    {
        return ordersSent;
    }

    long reportsReceived()
    {
        return reportsReceived;
    }

    long gatewayRejects()
    {
        return gatewayRejects;
    }

    @Override
    public void onMessage(final long sequenceNumber, final DirectBuffer buffer, final int offset, final int length)
    {
        reportsReceived++;
        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        if (header.templateId() == OrderFilledDecoder.TEMPLATE_ID)
        {
            filled.wrap(buffer, body, header.blockLength(), header.version());
            if (filled.instrumentId() > 0 && filled.instrumentId() <= instruments)
            {
                reference[filled.instrumentId()] = filled.lastPrice().mantissa();
            }
        }
        else if (header.templateId() == OrderRejectedDecoder.TEMPLATE_ID)
        {
            rejected.wrap(buffer, body, header.blockLength(), header.version());
            if (rejected.reasonRaw() >= GATEWAY_REASONS)
            {
                gatewayRejects++;
            }
        }
    }

    private void step(final NativeClient maker, final NativeClient taker)
    {
        final int instrument = 1 + random.nextInt(instruments);
        final boolean buy = random.nextBoolean();
        final long quantity = 1 + random.nextInt(5);
        if (random.nextInt(10) < 6)
        {
            if (quoteCount[instrument] == QUOTES_KEPT)
            {
                maker.cancel(++nextId, makerAccount, 0, quotes[instrument][0]);
                System.arraycopy(quotes[instrument], 1, quotes[instrument], 0, QUOTES_KEPT - 1);
                quoteCount[instrument]--;
            }
            final long offset = 1 + random.nextInt(10);
            final long id = ++nextId;
            maker.newOrder(id, makerAccount, instrument, buy ? Side.BUY : Side.SELL, OrderType.LIMIT,
                TimeInForce.GTC, false, SelfTradePrevention.CANCEL_NEWEST,
                buy ? reference[instrument] - offset : reference[instrument] + offset, -2, quantity, 0);
            quotes[instrument][quoteCount[instrument]++] = id;
        }
        else
        {
            taker.newOrder(++nextId, makerAccount + 1, instrument, buy ? Side.BUY : Side.SELL, OrderType.LIMIT,
                TimeInForce.IOC, false, SelfTradePrevention.CANCEL_NEWEST,
                buy ? reference[instrument] + 3 : reference[instrument] - 3, -2, quantity, 0);
        }
        ordersSent++;
    }

    private NativeClient login(final String user)
    {
        final NativeClient client = NativeClient.connect(address);
        final boolean[] answered = new boolean[2];
        final SoupBinTcpClientListener listener = new SoupBinTcpClientListener()
        {
            @Override
            public void onLoginAccepted(final String session, final long sequenceNumber)
            {
                answered[0] = true;
                answered[1] = true;
            }

            @Override
            public void onLoginRejected(final byte reason)
            {
                answered[0] = true;
            }

            @Override
            public void onMessage(final long sequence, final DirectBuffer buffer, final int offset, final int length)
            {
                GatewayTraders.this.onMessage(sequence, buffer, offset, length);
            }
        };
        client.transport().login(user, password, "", 0);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!answered[0] && System.nanoTime() < deadline)
        {
            client.poll(listener);
            Thread.yield();
        }
        if (!answered[1])
        {
            client.close();
            throw new IllegalStateException("gateway login of " + user + " refused or unanswered");
        }
        return client;
    }
}
