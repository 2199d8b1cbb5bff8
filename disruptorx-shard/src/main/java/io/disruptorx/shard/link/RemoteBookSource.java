package io.disruptorx.shard.link;

import io.disruptorx.shard.move.ShardMover;
import org.agrona.MutableDirectBuffer;

/**
 * A mover's {@link ShardMover.BookSource} over shard links: the first read of a book (or its {@link #prefetch}, right
 * behind the halt on the same link, so the shard host snapshots after the halt is applied) sends the request, and
 * the first read answers {@link #PENDING}; later reads with the same arguments answer the book once the shard sent
 * it (also across a reconnect of the link: request and book are frames of the link's sequenced streams), or -1
 * when the link is lost for good or for more than 10 s (the mover then rolls the move back). A shard without a link
 * (a cluster shard) is not read here ({@link #reads} false): the mover reads its books through the engine's own
 * events (ReadBook). One thread uses it, the mover's.
 */
public final class RemoteBookSource implements ShardMover.BookSource
{
    private final RemoteShardClient[] shards;
    private int shard = -1;
    private int instrumentId;
    private long firstTransferId;

    /**
     * @param shards one link per shard, in the routing table's order; {@code null} for a shard without one.
     */
    public RemoteBookSource(final RemoteShardClient... shards)
    {
        this.shards = shards.clone();
    }

    @Override
    public boolean reads(final int shard)
    {
        return shards[shard] != null;
    }

    @Override
    public void prefetch(final int shard, final int instrumentId, final long timestamp, final long firstTransferId)
    {
        this.shard = shard;
        this.instrumentId = instrumentId;
        this.firstTransferId = firstTransferId;
        if (shards[shard] == null || !shards[shard].requestBook(instrumentId, timestamp, firstTransferId))
        {
            this.shard = -1;
        }
    }

    @Override
    public int read(
        final int shard, final int instrumentId, final long timestamp, final long firstTransferId,
        final MutableDirectBuffer piece)
    {
        if (shard != this.shard || instrumentId != this.instrumentId || firstTransferId != this.firstTransferId)
        {
            this.shard = shard;
            this.instrumentId = instrumentId;
            this.firstTransferId = firstTransferId;
            if (shards[shard] == null || !shards[shard].requestBook(instrumentId, timestamp, firstTransferId))
            {
                this.shard = -1;
                return -1;
            }
            return PENDING;
        }
        final int length = shards[shard].takeBook(piece);
        if (length != PENDING)
        {
            this.shard = -1;
        }
        return length;
    }
}
