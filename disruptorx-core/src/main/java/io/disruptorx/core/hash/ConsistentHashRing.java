package io.disruptorx.core.hash;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.openhft.hashing.LongHashFunction;
import org.agrona.DirectBuffer;

/**
 * Maps keys to nodes (shards) so that adding or removing one of N nodes moves only about 1/N of the keys.
 * <p>
 * Each node owns {@code virtualNodes} points on a 64-bit ring (xxHash64 of the node name and replica index); a
 * key belongs to the first point at or after its own xxHash64, wrapping around. The points live in a sorted
 * {@code long[]} with a parallel {@code int[]} of owners, so a lookup is one hash plus a binary search: no
 * allocation, no boxing. Membership changes build a new immutable table and publish it with a volatile write, so
 * lookups never lock and always see a consistent table.
 */
public final class ConsistentHashRing
{
    /** Virtual nodes per node unless told otherwise. */
    public static final int DEFAULT_VIRTUAL_NODES = 150;

    private static final LongHashFunction HASH = LongHashFunction.xx();

    /**
     * An immutable lookup table.
     */
    private static final class Table
    {
        final String[] nodes;
        final long[] points;
        final int[] owners;

        Table(final String[] nodes, final long[] points, final int[] owners)
        {
            this.nodes = nodes;
            this.points = points;
            this.owners = owners;
        }
    }

    private final int virtualNodes;
    private volatile Table table = new Table(new String[0], new long[0], new int[0]);

    /**
     * A ring with {@link #DEFAULT_VIRTUAL_NODES} points per node.
     */
    public ConsistentHashRing()
    {
        this(DEFAULT_VIRTUAL_NODES);
    }

    /**
     * @param virtualNodes points per node; more points, more even spread, bigger table.
     */
    public ConsistentHashRing(final int virtualNodes)
    {
        if (virtualNodes < 1)
        {
            throw new IllegalArgumentException("virtualNodes must be >= 1: " + virtualNodes);
        }
        this.virtualNodes = virtualNodes;
    }

    /**
     * @param node node name; adding a present node does nothing.
     */
    public synchronized void add(final String node)
    {
        final List<String> nodes = new ArrayList<>(Arrays.asList(table.nodes));
        if (!nodes.contains(node))
        {
            nodes.add(node);
            rebuild(nodes);
        }
    }

    /**
     * Adds several nodes with one rebuild of the table (adding them one by one rebuilds it once per node).
     *
     * @param nodes node names, in the order {@link #add} would take them; present ones are skipped.
     */
    public synchronized void addAll(final List<String> nodes)
    {
        final List<String> next = new ArrayList<>(Arrays.asList(table.nodes));
        for (final String node : nodes)
        {
            if (!next.contains(node))
            {
                next.add(node);
            }
        }
        if (next.size() != table.nodes.length)
        {
            rebuild(next);
        }
    }

    /**
     * @param node node name; removing an absent node does nothing.
     */
    public synchronized void remove(final String node)
    {
        final List<String> nodes = new ArrayList<>(Arrays.asList(table.nodes));
        if (nodes.remove(node))
        {
            rebuild(nodes);
        }
    }

    /**
     * @return the nodes, in insertion order.
     */
    public List<String> nodes()
    {
        return List.of(table.nodes);
    }

    private void rebuild(final List<String> nodes)
    {
        final String[] names = nodes.toArray(new String[0]);
        final int count = names.length * virtualNodes;
        final long[][] pairs = new long[count][];
        int p = 0;
        for (int n = 0; n < names.length; n++)
        {
            final long nodeHash = HASH.hashChars(names[n]);
            for (int v = 0; v < virtualNodes; v++)
            {
                pairs[p++] = new long[] {HASH.hashLong(nodeHash ^ (v * 0x9E3779B97F4A7C15L)), n};
            }
        }
        // ties on a point go to the node added first, so the table depends only on membership
        Arrays.sort(pairs, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        final long[] points = new long[count];
        final int[] owners = new int[count];
        for (int i = 0; i < count; i++)
        {
            points[i] = pairs[i][0];
            owners[i] = (int) pairs[i][1];
        }
        table = new Table(names, points, owners);
    }

    /**
     * @param key a numeric key (instrument id, account id).
     * @return the owning node, or null when the ring is empty.
     */
    public String nodeFor(final long key)
    {
        return nodeForHash(HASH.hashLong(key));
    }

    /**
     * @param key    bytes of the key, e.g. a symbol.
     * @param offset first byte.
     * @param length number of bytes.
     * @return the owning node, or null when the ring is empty.
     */
    public String nodeFor(final byte[] key, final int offset, final int length)
    {
        return nodeForHash(HASH.hashBytes(key, offset, length));
    }

    /**
     * @param buffer buffer holding the key (heap or off-heap), read in place.
     * @param offset first byte.
     * @param length number of bytes.
     * @return the owning node, or null when the ring is empty.
     */
    public String nodeFor(final DirectBuffer buffer, final int offset, final int length)
    {
        return nodeForHash(hashOf(buffer, offset, length));
    }

    /**
     * @param buffer buffer holding the key.
     * @param offset first byte.
     * @param length number of bytes.
     * @return xxHash64 of the range, identical to hashing the same bytes from a byte[].
     */
    public static long hashOf(final DirectBuffer buffer, final int offset, final int length)
    {
        buffer.boundsCheck(offset, length);
        final byte[] array = buffer.byteArray();
        if (array != null)
        {
            return HASH.hashBytes(array, buffer.wrapAdjustment() + offset, length);
        }
        return HASH.hashMemory(buffer.addressOffset() + offset, length);
    }

    /**
     * @param hash a key's xxHash64.
     * @return the owning node, or null when the ring is empty.
     */
    public String nodeForHash(final long hash)
    {
        final Table t = table;
        final long[] points = t.points;
        if (points.length == 0)
        {
            return null;
        }
        int index = Arrays.binarySearch(points, hash);
        if (index < 0)
        {
            index = -index - 1;
            if (index == points.length)
            {
                index = 0;
            }
        }
        else
        {
            while (index > 0 && points[index - 1] == hash)
            {
                index--;
            }
        }
        return t.nodes[t.owners[index]];
    }
}
