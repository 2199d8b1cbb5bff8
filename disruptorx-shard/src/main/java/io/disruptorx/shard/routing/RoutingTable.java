package io.disruptorx.shard.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.disruptorx.core.hash.ConsistentHashRing;

/**
 * Which shard owns each instrument, as of one version: the consistent-hash ring over the shards' names (virtual
 * nodes, xxHash64, from {@link ConsistentHashRing}) with per-instrument overrides on top. Immutable: a change is a
 * new table with the next version, so every gateway that follows the table routes by exactly one version at a time.
 *
 * <p>Routes of instrument ids below {@code instrumentLimit} are resolved once, when the table is built, into an
 * {@code int[]}: {@link #shardOf} is one array read on the hot path. Ids beyond it go through the ring (a hash and
 * a binary search, still without allocation); overrides exist only for ids below the limit.
 */
public final class RoutingTable
{
    /** Most shards a table may name: shard indexes fit {@link ShardIds#SHARD_BITS} bits of a global id. */
    public static final int MAX_SHARDS = 1 << ShardIds.SHARD_BITS;

    private final long version;
    private final int virtualNodes;
    private final int instrumentLimit;
    private final List<String> shards;
    private final SortedMap<Integer, String> overrides;
    private final Map<String, Integer> indexByName = new HashMap<>();
    private final ConsistentHashRing ring;
    private final int[] routes;

    private RoutingTable(
        final long version,
        final List<String> shards,
        final int virtualNodes,
        final int instrumentLimit,
        final SortedMap<Integer, String> overrides)
    {
        if (version < 1)
        {
            throw new IllegalArgumentException("version must be >= 1: " + version);
        }
        if (shards.isEmpty() || shards.size() > MAX_SHARDS)
        {
            throw new IllegalArgumentException("shards must number 1 to " + MAX_SHARDS + ": " + shards.size());
        }
        if (instrumentLimit < 1)
        {
            throw new IllegalArgumentException("instrumentLimit must be >= 1: " + instrumentLimit);
        }
        this.version = version;
        this.virtualNodes = virtualNodes;
        this.instrumentLimit = instrumentLimit;
        this.shards = List.copyOf(shards);
        this.ring = new ConsistentHashRing(virtualNodes);
        for (int i = 0; i < this.shards.size(); i++)
        {
            final String name = this.shards.get(i);
            if (name.isBlank() || name.chars().anyMatch(Character::isWhitespace))
            {
                throw new IllegalArgumentException("shard name must be non-blank without spaces: '" + name + "'");
            }
            if (indexByName.put(name, i) != null)
            {
                throw new IllegalArgumentException("shard named twice: " + name);
            }
        }
        ring.addAll(this.shards);
        final TreeMap<Integer, String> kept = new TreeMap<>();
        for (final Map.Entry<Integer, String> override : overrides.entrySet())
        {
            if (override.getKey() < 0 || override.getKey() >= instrumentLimit)
            {
                throw new IllegalArgumentException(
                    "override of instrument " + override.getKey() + " outside 0.." + (instrumentLimit - 1));
            }
            if (!indexByName.containsKey(override.getValue()))
            {
                throw new IllegalArgumentException(
                    "override of instrument " + override.getKey() + " names no shard: " + override.getValue());
            }
            kept.put(override.getKey(), override.getValue());
        }
        this.overrides = Collections.unmodifiableSortedMap(kept);
        this.routes = new int[instrumentLimit];
        for (int id = 0; id < instrumentLimit; id++)
        {
            routes[id] = resolve(id);
        }
    }

    /**
     * @param version         of the table, from 1; each change takes the next one.
     * @param shards          the shards' names in index order (a shard's index is its place in this list).
     * @param virtualNodes    ring points per shard.
     * @param instrumentLimit instrument ids below it are resolved in advance.
     * @param overrides       instrument to shard name, taking precedence over the ring.
     * @return the table.
     */
    public static RoutingTable of(
        final long version,
        final List<String> shards,
        final int virtualNodes,
        final int instrumentLimit,
        final SortedMap<Integer, String> overrides)
    {
        return new RoutingTable(version, shards, virtualNodes, instrumentLimit, overrides);
    }

    /**
     * @param shards          the shards' names in index order.
     * @param instrumentLimit instrument ids below it are resolved in advance.
     * @return version 1 with {@link ConsistentHashRing#DEFAULT_VIRTUAL_NODES} and no override.
     */
    public static RoutingTable initial(final List<String> shards, final int instrumentLimit)
    {
        return of(1, shards, ConsistentHashRing.DEFAULT_VIRTUAL_NODES, instrumentLimit, new TreeMap<>());
    }

    /**
     * @param instrumentId instrument.
     * @param shard        index of the shard that must own it.
     * @return the next version, with the override.
     */
    public RoutingTable withOverride(final int instrumentId, final int shard)
    {
        final TreeMap<Integer, String> next = new TreeMap<>(overrides);
        next.put(instrumentId, shardName(shard));
        return of(version + 1, shards, virtualNodes, instrumentLimit, next);
    }

    /**
     * @param instrumentId instrument.
     * @return the next version, the instrument routed by the ring again.
     */
    public RoutingTable withoutOverride(final int instrumentId)
    {
        final TreeMap<Integer, String> next = new TreeMap<>(overrides);
        next.remove(instrumentId);
        return of(version + 1, shards, virtualNodes, instrumentLimit, next);
    }

    /**
     * @param name of the new shard, which takes the next index.
     * @return the next version with one more shard; the ring hands it about 1/n of the instruments.
     */
    public RoutingTable withShardAdded(final String name)
    {
        final List<String> next = new ArrayList<>(shards);
        next.add(name);
        return of(version + 1, next, virtualNodes, instrumentLimit, new TreeMap<>(overrides));
    }

    /**
     * @param name of the shard to remove; the shards after it move down one index, and overrides naming it are
     *             dropped (those instruments follow the ring again).
     * @return the next version without the shard.
     */
    public RoutingTable withShardRemoved(final String name)
    {
        final List<String> next = new ArrayList<>(shards);
        if (!next.remove(name))
        {
            throw new IllegalArgumentException("no shard named " + name);
        }
        final TreeMap<Integer, String> kept = new TreeMap<>(overrides);
        kept.values().removeIf(name::equals);
        return of(version + 1, next, virtualNodes, instrumentLimit, kept);
    }

    /**
     * @param instrumentId instrument.
     * @return the index of the shard that owns it.
     */
    public int shardOf(final int instrumentId)
    {
        if (instrumentId >= 0 && instrumentId < instrumentLimit)
        {
            return routes[instrumentId];
        }
        return indexByName.get(ring.nodeFor(instrumentId));
    }

    /**
     * @param accountId account.
     * @return the shard its deposits and withdrawals go to (by the ring over the account id).
     */
    public int homeShardOf(final long accountId)
    {
        return indexByName.get(ring.nodeFor(accountId));
    }

    /**
     * @return version of this table.
     */
    public long version()
    {
        return version;
    }

    /**
     * @return number of shards.
     */
    public int shardCount()
    {
        return shards.size();
    }

    /**
     * @param shard index.
     * @return its name.
     */
    public String shardName(final int shard)
    {
        return shards.get(shard);
    }

    /**
     * @param name a shard's name.
     * @return its index, or -1 when the table has no such shard.
     */
    public int shardIndex(final String name)
    {
        final Integer index = indexByName.get(name);
        return index == null ? -1 : index;
    }

    /**
     * @return the shards' names in index order.
     */
    public List<String> shards()
    {
        return shards;
    }

    /**
     * @return ring points per shard.
     */
    public int virtualNodes()
    {
        return virtualNodes;
    }

    /**
     * @return instrument ids below it are resolved in advance.
     */
    public int instrumentLimit()
    {
        return instrumentLimit;
    }

    /**
     * @return instrument to shard name, sorted by instrument.
     */
    public SortedMap<Integer, String> overrides()
    {
        return overrides;
    }

    /**
     * @return bytes the table holds in memory: ring points (8 + 4 per virtual node), the resolved routes (4 per
     * instrument) and the overrides (about 48 per entry in a tree map).
     */
    public long memoryBytes()
    {
        return (long)shards.size() * virtualNodes * 12 + 4L * instrumentLimit + 48L * overrides.size();
    }

    private int resolve(final int instrumentId)
    {
        final String override = overrides.get(instrumentId);
        return indexByName.get(override != null ? override : ring.nodeFor(instrumentId));
    }
}
