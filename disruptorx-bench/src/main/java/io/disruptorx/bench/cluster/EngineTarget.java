package io.disruptorx.bench.cluster;

import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.cluster.client.ClusterVenueClient;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderRejectedDecoder;
import io.disruptorx.protocol.venue.VenueEventHandler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The clustered engine as a {@link BenchTarget}: request {@code i} is a GTC limit order with client order id
 * {@code i}, buys from account 1 and sells from account 2 in turn at one price, so every sell trades with the buy
 * before it and the book stays small; its answer is the order's acceptance (or rejection).
 */
final class EngineTarget implements BenchTarget, VenueEventHandler
{
    private static final long PRICE = 10_000;
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final VenueEventHandler IGNORE = (position, buffer, offset, length) ->
    {
    };

    private final ClusterVenueClient client;
    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[SbeCommandEncoder.MAX_LENGTH]);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private AnswerListener listener;
    private int delivered;

    EngineTarget(final ClusterVenueClient client)
    {
        this.client = client;
    }

    /**
     * Lists instrument 1 and funds accounts 1 and 2, waiting for the cluster to acknowledge.
     */
    void setUp()
    {
        offer(encoder.addInstrument(command, 0, 0, 1, 1, 0, 1, 1, 2, 0, 0, 1, PRICE, 5_000, 1_000));
        for (long account = 1; account <= 2; account++)
        {
            offer(encoder.adjustBalance(command, 0, 0, account, 0, Long.MAX_VALUE / 4));
            offer(encoder.adjustBalance(command, 0, 0, account, 1, Long.MAX_VALUE / 4));
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (client.unacknowledged() > 0 && System.nanoTime() < deadline)
        {
            client.poll((position, buffer, offset, length) ->
            {
            }, 256);
            LockSupport.parkNanos(100_000);
        }
    }

    @Override
    public boolean send(final long index)
    {
        final boolean buy = (index & 1) == 0;
        final int length = encoder.newOrder(command, 0, 0, buy ? 1 : 2, index, 1, buy ? Side.BUY : Side.SELL,
            OrderType.LIMIT, TimeInForce.GTC, false, SelfTradePrevention.CANCEL_NEWEST, PRICE, 1);
        return client.offer(command, 0, length) > 0;
    }

    @Override
    public int poll(final AnswerListener listener)
    {
        this.listener = listener;
        delivered = 0;
        client.poll(this, 256);
        return delivered;
    }

    @Override
    public void keepAlive()
    {
        client.poll(IGNORE, 0);
    }

    @Override
    public void onEvent(final long commandSequence, final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        if (templateId == OrderAcceptedDecoder.TEMPLATE_ID)
        {
            delivered++;
            listener.onAnswer(buffer.getLong(offset + HEADER + OrderAcceptedDecoder.clientOrderIdEncodingOffset(),
                ByteOrder.LITTLE_ENDIAN), System.nanoTime());
        }
        else if (templateId == OrderRejectedDecoder.TEMPLATE_ID)
        {
            delivered++;
            listener.onAnswer(buffer.getLong(offset + HEADER + OrderRejectedDecoder.clientOrderIdEncodingOffset(),
                ByteOrder.LITTLE_ENDIAN), System.nanoTime());
        }
    }

    private void offer(final int length)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (client.offer(command, 0, length) <= 0)
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("the cluster took no command within 60 s");
            }
            client.poll((position, buffer, offset, l) ->
            {
            }, 256);
            LockSupport.parkNanos(100_000);
        }
    }
}
