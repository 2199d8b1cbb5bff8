package io.disruptorx.bench.md;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.marketdata.FeedState;
import io.disruptorx.marketdata.MarketDataListener;
import io.disruptorx.marketdata.book.BookUpdater;
import io.disruptorx.marketdata.book.MarketBook;
import io.disruptorx.marketdata.client.FeedClient;
import io.disruptorx.marketdata.client.FeedClientConfig;
import io.disruptorx.marketdata.client.FeedClientRunner;
import io.disruptorx.marketdata.client.FeedEndpoints;
import io.disruptorx.marketdata.client.RecoveryActions;
import io.disruptorx.marketdata.server.AgentHost;
import io.disruptorx.marketdata.server.FeedPublisher;
import io.disruptorx.marketdata.server.LossModel;
import io.disruptorx.marketdata.server.LossyPacketSink;
import io.disruptorx.marketdata.server.MessageStore;
import io.disruptorx.marketdata.server.PacketSink;
import io.disruptorx.marketdata.server.RequestRateLimiter;
import io.disruptorx.marketdata.server.RetransmitServer;
import io.disruptorx.marketdata.server.UdpLine;
import io.disruptorx.marketdata.wire.MoldUdp64;
import io.disruptorx.protocol.marketdata.MarketDataEncoder;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Quick market data bench (well under a minute). Measured, not asserted. Ends stdout with one line:
 * {@code RESULT md publish_mps=<n> client_mps=<n> gap1k_recovery_ms=<n>}.
 */
public final class MarketDataQuickBench
{
    private static final String SESSION = "DXFEED";
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private MarketDataQuickBench()
    {
    }

    /**
     * @param args ignored.
     * @throws Exception on socket trouble.
     */
    public static void main(final String[] args) throws Exception
    {
        final double publishMps = publish();
        final double clientMps = client();
        final double gapMillis = gapRecovery();
        publisherCpu();
        System.out.printf("RESULT md publish_mps=%.0f client_mps=%.0f gap1k_recovery_ms=%.3f%n",
            publishMps, clientMps, gapMillis);
    }

    /**
     * Encode, store and pack into 1400-byte packets, end of batch every 16 messages, into a sink that only
     * counts (no syscalls): the publisher's own cost.
     */
    private static double publish()
    {
        final long[] bytes = new long[1];
        final PacketSink sink = (packet, length) -> bytes[0] += length;
        final MessageStore store = new MessageStore(1 << 20, MarketDataEncoder.MAX_MESSAGE_LENGTH);
        final FeedPublisher publisher =
            new FeedPublisher(MoldUdp64.session(SESSION), store, 1400, Long.MAX_VALUE, sink);
        final EncodingPublisher encoder = new EncodingPublisher(publisher);
        runPublish(publisher, encoder, 3_000_000);
        final int messages = 20_000_000;
        final long allocatedBefore = allocatedBytes();
        final long start = System.nanoTime();
        runPublish(publisher, encoder, messages);
        final long elapsed = System.nanoTime() - start;
        final long allocated = allocatedBytes() - allocatedBefore;
        final double mps = messages * 1e9 / elapsed;
        System.out.printf("publish: %,d messages in %.1f ms = %,.0f msg/s packed (%d packets, %.1f msg/packet),"
            + " allocated %d bytes%n", messages, elapsed / 1e6, mps, publisher.packetsSent(),
            (double)publisher.messagesPublished() / publisher.packetsSent(), allocated);
        return mps;
    }

    private static void runPublish(final FeedPublisher publisher, final EncodingPublisher encoder, final int messages)
    {
        for (int i = 0; i < messages; i++)
        {
            final long sequence = publisher.nextSequence();
            switch (i & 3)
            {
                case 0:
                    encoder.orderAdded(
                        sequence, sequence, 1, sequence, (int)(sequence & 1), 1000 + (sequence & 63), 10);
                    break;
                case 1:
                    encoder.orderModified(sequence, sequence, 1, sequence - 1, 5);
                    break;
                case 2:
                    encoder.trade(sequence, sequence, 1, sequence, 1000, 5, 0);
                    break;
                default:
                    encoder.orderDeleted(sequence, sequence, 1, sequence - 3);
                    break;
            }
            if ((i & 15) == 15)
            {
                publisher.flush();
            }
        }
        publisher.flush();
    }

    /**
     * Decode, arbitrate and apply to the local book: every packet arrives on line A and again on line B.
     */
    private static double client()
    {
        final List<byte[]> packets = new ArrayList<>();
        final MessageStore store = new MessageStore(1 << 10, MarketDataEncoder.MAX_MESSAGE_LENGTH);
        final FeedPublisher publisher = new FeedPublisher(MoldUdp64.session(SESSION), store, 1400, Long.MAX_VALUE,
            (packet, length) ->
            {
                final byte[] copy = new byte[length];
                packet.get(0, copy, 0, length);
                packets.add(copy);
            });
        final EncodingPublisher encoder = new EncodingPublisher(publisher);
        final int messages = 1_000_000;
        for (int i = 0; i < messages; i++)
        {
            final long s = publisher.nextSequence();
            final long order = i / 3;
            switch (i % 3)
            {
                case 0:
                    encoder.orderAdded(s, s, 1 + (int)(order & 3), order + 1, (int)(order & 1),
                        (order & 1) == 0 ? 1000 - (order & 31) : 1001 + (order & 31), 10);
                    break;
                case 1:
                    encoder.orderModified(s, s, 1 + (int)(order & 3), order + 1, 7);
                    break;
                default:
                    if (order >= 200)
                    {
                        encoder.orderDeleted(s, s, 1 + (int)((order - 200) & 3), order - 199);
                    }
                    else
                    {
                        encoder.trade(s, s, 1, order, 1000, 1, 0);
                    }
                    break;
            }
            if ((i & 15) == 15)
            {
                publisher.flush();
            }
        }
        publisher.flush();
        final UnsafeBuffer[] views = new UnsafeBuffer[packets.size()];
        for (int i = 0; i < views.length; i++)
        {
            views[i] = new UnsafeBuffer(packets.get(i));
        }
        double best = 0;
        for (int round = 0; round < 6; round++)
        {
            final MarketBook book = new MarketBook();
            final BookUpdater updater = new BookUpdater(book, new MarketDataListener()
            {
            });
            final FeedClient client = new FeedClient(FeedClientConfig.builder().session(SESSION).build(), updater,
                (b, o, l) -> -1, new MarketDataListener()
                {
                }, NO_ACTIONS);
            final long allocatedBefore = allocatedBytes();
            final long start = System.nanoTime();
            for (final UnsafeBuffer view : views)
            {
                client.onPacket(FeedClient.LINE_A, view, 0, view.capacity(), 0);
                client.onPacket(FeedClient.LINE_B, view, 0, view.capacity(), 0);
            }
            final long elapsed = System.nanoTime() - start;
            final long allocated = allocatedBytes() - allocatedBefore;
            final double mps = messages * 1e9 / elapsed;
            if (round >= 2)
            {
                System.out.printf("client: round %d %,d messages (each on A and B) in %.1f ms = %,.0f msg/s,"
                    + " duplicates %,d, orders %d, allocated %d bytes%n", round, messages, elapsed / 1e6, mps,
                    client.counters().duplicatesDropped(), book.orderCount(), allocated);
                best = Math.max(best, mps);
            }
        }
        return best;
    }

    /**
     * Real sockets on 127.0.0.1: 1,000 consecutive messages dropped on the (single) line, recovered by
     * re-request. Time from gap detection to synchronized, median of 15 runs.
     */
    private static double gapRecovery() throws Exception
    {
        final MessageStore store = new MessageStore(1 << 16, MarketDataEncoder.MAX_MESSAGE_LENGTH);
        final UdpLine line = UdpLine.unicast(new InetSocketAddress(LOOPBACK, 0));
        final LossyPacketSink lossy = new LossyPacketSink(line, LossModel.none());
        final FeedPublisher publisher = new FeedPublisher(MoldUdp64.session(SESSION), store, 1400,
            TimeUnit.MILLISECONDS.toNanos(5), lossy);
        final EncodingPublisher encoder = new EncodingPublisher(publisher);
        final double[] samples = new double[15];
        try (RetransmitServer server = new RetransmitServer(new InetSocketAddress(LOOPBACK, 0),
            MoldUdp64.session(SESSION), store, null, 1400, 10_000, 0, 0, 0, 1024,
            new RequestRateLimiter(10_000, 1000, 100),
            SystemNanoClock.INSTANCE);
            AgentHost host = AgentHost.start("dx-md-bench-servers", AgentHost.Threading.SHARED, server);
            FeedClientRunner runner = new FeedClientRunner(FeedClientConfig.builder().session(SESSION).seed(1).build(),
                new FeedEndpoints(new InetSocketAddress(LOOPBACK, 0), null, false, null, server.address(),
                    new InetSocketAddress(LOOPBACK, 1)), new MarketDataListener()
                {
                }).start("dx-md-bench-client"))
        {
            line.addDestination(runner.lineAAddress());
            long order = 0;
            for (int run = 0; run < samples.length; run++)
            {
                order = publishOrders(publisher, encoder, order, 200);
                awaitSynchronized(runner, publisher);
                final long from = publisher.nextSequence();
                lossy.model(LossModel.sequenceRange(from, from + 999));
                order = publishOrders(publisher, encoder, order, 1000);
                lossy.model(LossModel.none());
                final long filledBefore = runner.client().counters().gapsFilled();
                order = publishOrders(publisher, encoder, order, 10);
                awaitSynchronized(runner, publisher);
                if (runner.client().counters().gapsFilled() == filledBefore)
                {
                    throw new IllegalStateException("no gap was seen");
                }
                samples[run] = runner.client().counters().lastRecoveryNanos() / 1e6;
            }
            System.out.println("gap1k: recovery ms per run " + Arrays.toString(samples) + " requests " +
                runner.client().counters().requestsSent() + " recovered " +
                runner.client().counters().messagesRecovered());
        }
        line.close();
        Arrays.sort(samples);
        return samples[samples.length / 2];
    }

    private static long publishOrders(
        final FeedPublisher publisher, final EncodingPublisher encoder, final long firstOrder, final int count)
    {
        long order = firstOrder;
        for (int i = 0; i < count; i++)
        {
            order++;
            encoder.orderAdded(publisher.nextSequence(), order, 1, order, (int)(order & 1), 1000 + (order & 15), 1);
            if ((i & 15) == 15)
            {
                publisher.flush();
            }
        }
        publisher.flush();
        return order;
    }

    private static void awaitSynchronized(final FeedClientRunner runner, final FeedPublisher publisher)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (runner.state() != FeedState.SYNCHRONIZED || runner.client().nextSequence() != publisher.nextSequence())
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("client did not synchronize: " + runner.client().counters());
            }
            publisher.onTimer(System.nanoTime());
            LockSupport.parkNanos(100_000);
        }
    }

    /**
     * Publisher thread CPU per message with 1 and with 20 unicast destinations (real sendto calls); with
     * multicast it would stay at the 1-destination cost whatever the number of subscribers.
     */
    private static void publisherCpu() throws Exception
    {
        final List<DatagramChannel> receivers = new ArrayList<>();
        for (int i = 0; i < 20; i++)
        {
            final DatagramChannel receiver = DatagramChannel.open();
            receiver.bind(new InetSocketAddress(LOOPBACK, 0));
            receivers.add(receiver);
        }
        for (final int destinations : new int[]{1, 20})
        {
            final UdpLine line = UdpLine.unicast(new InetSocketAddress(LOOPBACK, 0));
            for (int i = 0; i < destinations; i++)
            {
                line.addDestination((InetSocketAddress)receivers.get(i).getLocalAddress());
            }
            final FeedPublisher publisher = new FeedPublisher(MoldUdp64.session(SESSION),
                new MessageStore(1 << 16, MarketDataEncoder.MAX_MESSAGE_LENGTH), 1400, Long.MAX_VALUE, line);
            final EncodingPublisher encoder = new EncodingPublisher(publisher);
            final int messages = 1_000_000;
            runPublish(publisher, encoder, messages / 4);
            final long cpuBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            final long start = System.nanoTime();
            runPublish(publisher, encoder, messages);
            final long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuBefore;
            final long elapsed = System.nanoTime() - start;
            System.out.printf("publisher cpu: %d subscriber(s): %.0f ns cpu/msg, %,.0f msg/s, %d datagrams%n",
                destinations, (double)cpu / messages, messages * 1e9 / elapsed, line.packetsSent());
            line.close();
        }
        for (final DatagramChannel receiver : receivers)
        {
            receiver.close();
        }
    }

    private static long allocatedBytes()
    {
        final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean)
        {
            return ((com.sun.management.ThreadMXBean)bean).getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }

    private static final RecoveryActions NO_ACTIONS = new RecoveryActions()
    {
        @Override
        public void requestRetransmission(final long fromSequence, final int count)
        {
        }

        @Override
        public void requestSnapshot()
        {
        }
    };
}
