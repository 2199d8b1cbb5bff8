package io.disruptorx.shard.venue;

import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import io.disruptorx.shard.routing.RoutingTable;
import org.agrona.DirectBuffer;

/**
 * One {@link VenueClient} in front of several shards, each behind its own client (embedded node or cluster): a
 * gateway plugs it in unchanged. Commands go to the shard that owns them by the {@link RoutingTable} it follows
 * ({@link CommandRouter}); the shards' events come back as one stream with ids that are unique over all shards,
 * and the replies of commands that span shards merged into one ({@link EventMerger}).
 *
 * <p>It follows one routing table version at a time; {@link #follow} moves it to a newer one. One thread uses an
 * instance, as the {@link VenueClient} contract says; {@link #poll} is also the duty cycle that re-offers a
 * spanning command to shards that pushed back. No allocation per command or event.
 */
public final class ShardedVenueClient implements VenueClient
{
    /** Commands spanning shards that may be in flight at once; beyond it they are back-pressured. */
    public static final int FAN_OUT_CAPACITY = 64;

    private final VenueClient[] shards;
    private final CommandRouter router;
    private final EventMerger merger;
    private final LocalEvents local;
    private RoutingTable table;
    private boolean closed;

    /**
     * @param table  the routing table to follow; it names as many shards as there are clients.
     * @param shards one client per shard, in the table's shard order. Closing this client closes them.
     */
    public ShardedVenueClient(final RoutingTable table, final VenueClient... shards)
    {
        if (shards.length != table.shardCount())
        {
            throw new IllegalArgumentException(
                "routing table names " + table.shardCount() + " shards, clients given: " + shards.length);
        }
        this.table = table;
        this.shards = shards.clone();
        final FanOutTable fanOuts = new FanOutTable(shards.length, FAN_OUT_CAPACITY);
        this.local = new LocalEvents();
        this.router = new CommandRouter(this.shards, fanOuts, local);
        this.merger = new EventMerger(this.shards, fanOuts, local);
    }

    /**
     * Routes by a newer version of the table from the next command on.
     *
     * @param next a table with a higher version and the same shards.
     */
    public void follow(final RoutingTable next)
    {
        if (next.version() <= table.version())
        {
            throw new IllegalArgumentException(
                "routing table version " + next.version() + " is not newer than " + table.version());
        }
        if (!next.shards().equals(table.shards()))
        {
            throw new IllegalArgumentException("routing table names other shards: " + next.shards());
        }
        table = next;
    }

    /**
     * @return the routing table followed now.
     */
    public RoutingTable table()
    {
        return table;
    }

    /**
     * @param shard index.
     * @return commands that shard has taken from this client.
     */
    public long commandsRouted(final int shard)
    {
        return router.commandsRouted(shard);
    }

    /**
     * @return cancels and replaces refused here because their order id names no shard.
     */
    public long unknownShardRefusals()
    {
        return local.answered();
    }

    /**
     * Offers a command to one shard named by the caller, not by the routing table: for commands that name their
     * shard themselves, such as the steps of a transfer between shards.
     *
     * @param shard  index of the shard.
     * @param buffer holding the command.
     * @param offset of its header.
     * @param length of header and body.
     * @return as {@link #offer}.
     */
    public long offerTo(final int shard, final DirectBuffer buffer, final int offset, final int length)
    {
        if (closed)
        {
            return CLOSED;
        }
        return shards[shard].offer(buffer, offset, length);
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        if (closed)
        {
            return CLOSED;
        }
        return router.route(table, buffer, offset, length);
    }

    @Override
    public int poll(final VenueEventHandler handler, final int limit)
    {
        router.retryUnsent();
        return merger.poll(handler, limit);
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            for (final VenueClient shard : shards)
            {
                shard.close();
            }
        }
    }
}
