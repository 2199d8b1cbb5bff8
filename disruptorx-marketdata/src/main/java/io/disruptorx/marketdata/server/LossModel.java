package io.disruptorx.marketdata.server;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/**
 * Decides which packets a line drops, for loss injection on the sending side. Implementations are seeded
 * and deterministic for a given packet order.
 */
@FunctionalInterface
public interface LossModel
{
    /**
     * @param packet        the packet (header at index 0).
     * @param firstSequence its first sequence.
     * @param count         its message count.
     * @return whether to drop it.
     */
    boolean drop(ByteBuffer packet, long firstSequence, int count);

    /**
     * @return a model that drops nothing.
     */
    static LossModel none()
    {
        return (packet, firstSequence, count) -> false;
    }

    /**
     * @return a model that drops everything: a dead line.
     */
    static LossModel dead()
    {
        return (packet, firstSequence, count) -> true;
    }

    /**
     * Independent loss plus bursts: each packet starts a burst with probability {@code burstRate}, and a
     * burst drops that many consecutive packets; outside bursts each packet is dropped with {@code rate}.
     *
     * @param seed        random seed.
     * @param rate        independent drop probability.
     * @param burstRate   probability that a packet starts a burst.
     * @param burstLength packets dropped per burst.
     * @return the model.
     */
    static LossModel random(final long seed, final double rate, final double burstRate, final int burstLength)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final int[] burstLeft = new int[1];
        return (packet, firstSequence, count) ->
        {
            if (burstLeft[0] > 0)
            {
                burstLeft[0]--;
                return true;
            }
            if (burstLength > 0 && random.nextDouble() < burstRate)
            {
                burstLeft[0] = burstLength - 1;
                return true;
            }
            return random.nextDouble() < rate;
        };
    }

    /**
     * @param fromSequence first sequence to drop.
     * @param toSequence   last sequence to drop.
     * @return a model that drops every data packet holding a message in that range (heartbeats pass).
     */
    static LossModel sequenceRange(final long fromSequence, final long toSequence)
    {
        return (packet, firstSequence, count) ->
            count > 0 && count != 0xFFFF && firstSequence <= toSequence && firstSequence + count - 1 >= fromSequence;
    }
}
