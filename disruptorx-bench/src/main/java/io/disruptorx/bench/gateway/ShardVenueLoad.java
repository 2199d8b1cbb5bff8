package io.disruptorx.bench.gateway;

import java.util.concurrent.TimeUnit;

import io.disruptorx.bench.node.OrderLoad;
import io.disruptorx.protocol.sbe.command.BooleanType;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.NewOrderEncoder;
import io.disruptorx.protocol.sbe.command.OrderType;
import io.disruptorx.protocol.sbe.command.SelfTradePrevention;
import io.disruptorx.protocol.sbe.command.Side;
import io.disruptorx.protocol.sbe.command.TimeInForce;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderRejectedDecoder;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Orders offered straight into a venue client (the shard gateway's {@code ShardedVenueClient}, without a socket in
 * front), spread over instruments so that every shard gets its share: orders {@code 2k} and {@code 2k + 1} go to
 * instrument {@code 1 + k % instruments}, the first a resting buy of one lot on account 1, the second an IOC sell on
 * account 2 that trades with it, so the books stay empty. An order is answered by its OrderAccepted or
 * OrderRejected; rejects are counted. One thread offers and polls.
 */
final class ShardVenueLoad implements OrderLoad, VenueEventHandler
{
    /** The instruments' reference price. */
    static final long PRICE = 10_000;

    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final VenueClient venue;
    private final int instruments;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final NewOrderEncoder newOrder = new NewOrderEncoder();
    private final MessageHeaderDecoder eventHeader = new MessageHeaderDecoder();
    private final OrderAcceptedDecoder accepted = new OrderAcceptedDecoder();
    private final OrderRejectedDecoder rejected = new OrderRejectedDecoder();
    private long firstId;
    private long answered;
    private long rejects;
    private long lastAnswerNanos;

    /**
     * @param venue       the client the orders go into; this load polls it.
     * @param instruments instruments 1 to this, each listed on the shard that owns it.
     */
    ShardVenueLoad(final VenueClient venue, final int instruments)
    {
        this.venue = venue;
        this.instruments = instruments;
    }

    @Override
    public void start(final long firstId, final long measureFromId)
    {
        this.firstId = firstId;
        answered = 0;
        rejects = 0;
    }

    @Override
    public void send(final long index, final long id, final long intendedNanos)
    {
        final boolean buy = (index & 1) == 0;
        newOrder.wrapAndApplyHeader(buffer, 0, header)
            .timestamp(0)
            .accountId(buy ? 1 : 2)
            .clientOrderId(id)
            .instrumentId(1 + (int)((index >> 1) % instruments))
            .side(buy ? Side.BUY : Side.SELL)
            .orderType(OrderType.LIMIT)
            .timeInForce(buy ? TimeInForce.GTC : TimeInForce.IOC)
            .postOnly(BooleanType.FALSE)
            .selfTradePrevention(SelfTradePrevention.CANCEL_NEWEST)
            .price(PRICE)
            .quantity(1)
            .userId(0);
        final int length = HEADER + newOrder.encodedLength();
        while (venue.offer(buffer, 0, length) <= 0)
        {
            poll();
            Thread.yield();
        }
    }

    @Override
    public void poll()
    {
        venue.poll(this, 1_024);
    }

    @Override
    public void measureFrom(final long id)
    {
    }

    @Override
    public long answered()
    {
        return answered;
    }

    @Override
    public long lastAnswerNanos()
    {
        return lastAnswerNanos;
    }

    @Override
    public void drain(final long sent)
    {
        final long deadline = System.nanoTime() + DRAIN_NANOS;
        while (answered < sent)
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("the shards answered " + answered + " of " + sent + " orders");
            }
            if (venue.poll(this, 1_024) == 0)
            {
                Thread.yield();
            }
        }
    }

    /**
     * @return orders of the current run refused.
     */
    long rejects()
    {
        return rejects;
    }

    @Override
    public void onEvent(final long commandSequence, final DirectBuffer events, final int offset, final int length)
    {
        eventHeader.wrap(events, offset);
        final int template = eventHeader.templateId();
        final long id;
        if (template == OrderAcceptedDecoder.TEMPLATE_ID)
        {
            id = accepted.wrap(events, offset + HEADER, eventHeader.blockLength(), eventHeader.version())
                .clientOrderId();
        }
        else if (template == OrderRejectedDecoder.TEMPLATE_ID)
        {
            id = rejected.wrap(events, offset + HEADER, eventHeader.blockLength(), eventHeader.version())
                .clientOrderId();
            if (id >= firstId)
            {
                rejects++;
            }
        }
        else
        {
            return;
        }
        if (id >= firstId)
        {
            answered++;
            lastAnswerNanos = System.nanoTime();
        }
    }
}
