package io.disruptorx.shard.move;

import java.util.ArrayDeque;

import io.disruptorx.shard.venue.ShardedVenueClient;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The commands a {@link ShardMover} has yet to send, in order, each with its shard: a copy of each (the mover is not
 * on the order path), sent as far as the shards take them.
 */
final class MoveOutbox
{
    private final ArrayDeque<byte[]> entries = new ArrayDeque<>();
    private final UnsafeBuffer sending = new UnsafeBuffer(0, 0);

    void add(final int shard, final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] entry = new byte[length + 2];
        entry[0] = (byte)shard;
        entry[1] = (byte)(shard >> 8);
        buffer.getBytes(offset, entry, 2, length);
        entries.add(entry);
    }

    /**
     * @return commands the client took, in order, until the first it did not take.
     */
    int send(final ShardedVenueClient client)
    {
        int sent = 0;
        while (!entries.isEmpty())
        {
            final byte[] next = entries.peek();
            final int shard = (next[0] & 0xFF) | (next[1] & 0xFF) << 8;
            sending.wrap(next);
            if (client.offerTo(shard, sending, 2, next.length - 2) <= 0)
            {
                break;
            }
            entries.poll();
            sent++;
        }
        return sent;
    }

    boolean isEmpty()
    {
        return entries.isEmpty();
    }
}
