package io.disruptorx.bench.gateway;

import java.util.List;

import io.disruptorx.bench.node.OrderLoad;
import io.disruptorx.bench.node.OrderLoads;

/**
 * Several legs' connections driven as one paced load: one fixed schedule, its orders dealt to the legs a pair at a
 * time (a resting buy and the IOC sell that trades with it go to the same leg) in a given order, over and over. So
 * every leg's orders are spread over the same seconds, at the same spacing from each other as one leg's alone, and
 * whatever disturbs the machine during the pass lands on all legs alike: the difference of two legs' p50s from one
 * such pass is paired at the scale of a few hundred microseconds, not of whole passes run one after another.
 *
 * <p>Each leg records its own orders' latencies (acknowledgement minus intended send time) as in a pass of its own;
 * the answers of every leg are read after each send and each pause, starting from a different leg each time so that
 * none is always read first. Client order ids are the schedule's plus {@link #ID_OFFSET}, apart from the ids the
 * legs' own passes use.
 */
final class InterleavedLoad implements OrderLoad
{
    /** Added to this load's client order ids: the legs' own passes count theirs from 1. */
    static final long ID_OFFSET = 1L << 40;

    private final GatewayLoad[] legs;
    private final int[] dealing;
    private final boolean[] written;
    private int firstPolled;

    /**
     * @param legs    the legs' loads.
     * @param dealing the legs' indexes in the order their pairs are dealt (each leg once).
     */
    InterleavedLoad(final List<GatewayLoad> legs, final int[] dealing)
    {
        if (dealing.length != legs.size())
        {
            throw new IllegalArgumentException("deal to each of the " + legs.size() + " legs once, not " +
                dealing.length + " times");
        }
        this.legs = legs.toArray(new GatewayLoad[0]);
        this.dealing = dealing.clone();
        this.written = new boolean[legs.size()];
    }

    /**
     * @param dealing the legs' indexes in the order their pairs are dealt.
     * @param index   an order's index in the run.
     * @return the index of the leg that sends it: orders {@code 2k} and {@code 2k + 1} (a buy and the sell that
     * trades with it) go to the same leg.
     */
    static int legOf(final int[] dealing, final long index)
    {
        return dealing[(int)((index >> 1) % dealing.length)];
    }

    @Override
    public void start(final long firstId, final long measureFromId)
    {
        for (final GatewayLoad leg : legs)
        {
            leg.start(firstId + ID_OFFSET, measureFromId == Long.MAX_VALUE ? measureFromId :
                measureFromId + ID_OFFSET);
        }
    }

    @Override
    public void send(final long index, final long id, final long intendedNanos)
    {
        final int leg = legOf(dealing, index);
        legs[leg].send(index, id + ID_OFFSET, intendedNanos);
        written[leg] = true;
    }

    @Override
    public void flush()
    {
        for (int leg = 0; leg < legs.length; leg++)
        {
            if (written[leg])
            {
                written[leg] = false;
                legs[leg].flush();
            }
        }
    }

    @Override
    public void poll()
    {
        for (int i = 0; i < legs.length; i++)
        {
            legs[(firstPolled + i) % legs.length].poll();
        }
        firstPolled = (firstPolled + 1) % legs.length;
    }

    @Override
    public void measureFrom(final long id)
    {
        for (final GatewayLoad leg : legs)
        {
            leg.measureFrom(id + ID_OFFSET);
        }
    }

    @Override
    public long answered()
    {
        return OrderLoads.answered(legs);
    }

    @Override
    public long lastAnswerNanos()
    {
        return OrderLoads.lastAnswerNanos(legs);
    }

    @Override
    public void drain(final long sent)
    {
        OrderLoads.drain(this, sent, this::poll, "");
    }
}
