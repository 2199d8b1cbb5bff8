package io.disruptorx.core.hash;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import io.disruptorx.core.AllocationMeter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ConsistentHashRingTest
{
    private static final int KEYS = 100_000;

    private static ConsistentHashRing ringOf(final int nodes)
    {
        final ConsistentHashRing ring = new ConsistentHashRing();
        for (int i = 0; i < nodes; i++)
        {
            ring.add("shard-" + i);
        }
        return ring;
    }

    private static String[] assign(final ConsistentHashRing ring, final long[] keys)
    {
        final String[] owners = new String[keys.length];
        for (int i = 0; i < keys.length; i++)
        {
            owners[i] = ring.nodeFor(keys[i]);
        }
        return owners;
    }

    private static long[] keys(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final long[] keys = new long[KEYS];
        for (int i = 0; i < KEYS; i++)
        {
            keys[i] = random.nextLong();
        }
        return keys;
    }

    @ParameterizedTest(name = "seed {0}, {1} nodes")
    @CsvSource({"1, 3", "2, 5", "3, 8", "4, 10"})
    void shouldMoveAboutOneNthOfKeysOnlyToTheAddedNode(final long seed, final int nodes)
    {
        final long[] keys = keys(seed);
        final ConsistentHashRing ring = ringOf(nodes);
        final String[] before = assign(ring, keys);
        ring.add("shard-new");
        final String[] after = assign(ring, keys);

        int moved = 0;
        for (int i = 0; i < KEYS; i++)
        {
            if (!before[i].equals(after[i]))
            {
                moved++;
                assertThat(after[i]).as("seed %d: a moved key goes to the new node", seed).isEqualTo("shard-new");
            }
        }
        final double ideal = 1.0 / (nodes + 1);
        assertThat((double) moved / KEYS).as("seed %d: moved fraction vs ideal %.3f", seed, ideal)
            .isBetween(ideal * 0.6, ideal * 1.5);
    }

    @ParameterizedTest(name = "seed {0}, {1} nodes")
    @CsvSource({"5, 4", "6, 6", "7, 9"})
    void shouldMoveOnlyTheRemovedNodesKeys(final long seed, final int nodes)
    {
        final long[] keys = keys(seed);
        final ConsistentHashRing ring = ringOf(nodes);
        final String[] before = assign(ring, keys);
        ring.remove("shard-1");
        final String[] after = assign(ring, keys);
        int moved = 0;
        for (int i = 0; i < KEYS; i++)
        {
            if (!before[i].equals(after[i]))
            {
                moved++;
                assertThat(before[i]).as("seed %d: only keys of the removed node move", seed).isEqualTo("shard-1");
            }
            assertThat(after[i]).isNotEqualTo("shard-1");
        }
        final double ideal = 1.0 / nodes;
        assertThat((double) moved / KEYS).as("seed %d", seed).isBetween(ideal * 0.6, ideal * 1.5);
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"11", "12"})
    void shouldSpreadKeysEvenlyWithDefaultVirtualNodes(final long seed)
    {
        final ConsistentHashRing ring = ringOf(5);
        final Map<String, Integer> counts = new HashMap<>();
        for (final String owner : assign(ring, keys(seed)))
        {
            counts.merge(owner, 1, Integer::sum);
        }
        assertThat(counts).hasSize(5);
        assertThat(counts.values()).allSatisfy(count ->
            assertThat(count).as("seed %d", seed).isBetween((int) (KEYS / 5 * 0.7), (int) (KEYS / 5 * 1.3)));
    }

    @Test
    void shouldMapTheSameBytesToTheSameNodeFromArraysAndBuffers()
    {
        final ConsistentHashRing ring = ringOf(7);
        final ByteBuffer direct = ByteBuffer.allocateDirect(64);
        final UnsafeBuffer offHeap = new UnsafeBuffer(direct);
        final byte[] padded = new byte[64];
        final UnsafeBuffer heapSlice = new UnsafeBuffer(padded, 5, 40);
        for (final String symbol : new String[] {"BTC-USD", "ETH-USD", "AAPL", "MSFT", "EURUSD"})
        {
            final byte[] bytes = symbol.getBytes(StandardCharsets.US_ASCII);
            final String expected = ring.nodeFor(bytes, 0, bytes.length);
            offHeap.putBytes(3, bytes);
            heapSlice.putBytes(2, bytes);
            assertThat(ring.nodeFor(offHeap, 3, bytes.length)).isEqualTo(expected);
            assertThat(ring.nodeFor(heapSlice, 2, bytes.length)).isEqualTo(expected);
        }
    }

    @Test
    void shouldAnswerNullOnAnEmptyRingAndIgnoreRepeatedMembershipChanges()
    {
        final ConsistentHashRing ring = new ConsistentHashRing(10);
        assertThat(ring.nodeFor(42L)).isNull();
        ring.add("a");
        ring.add("a");
        ring.remove("b");
        assertThat(ring.nodes()).containsExactly("a");
        assertThat(ring.nodeFor(42L)).isEqualTo("a");
    }

    @Test
    void shouldLookUpWithoutAllocating()
    {
        final ConsistentHashRing ring = ringOf(8);
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(16));
        buffer.putLong(0, 123456789L);
        final byte[] bytes = new byte[] {1, 2, 3, 4, 5, 6, 7, 8};
        final int[] sink = new int[1];
        final long allocated = AllocationMeter.measure(() ->
        {
            for (long key = 0; key < 100_000; key++)
            {
                sink[0] += ring.nodeFor(key).length();
                sink[0] += ring.nodeFor(buffer, 0, 8).length();
                sink[0] += ring.nodeFor(bytes, 0, 8).length();
            }
        });
        assertThat(allocated).isLessThan(1_024);
    }

    @Test
    void shouldRouteTheSameWhetherNodesAreAddedTogetherOrOneByOne()
    {
        final ConsistentHashRing together = new ConsistentHashRing();
        together.add("shard-3");
        together.addAll(java.util.List.of("shard-0", "shard-1", "shard-2", "shard-3", "shard-4"));
        final ConsistentHashRing oneByOne = new ConsistentHashRing();
        for (final String node : new String[] {"shard-3", "shard-0", "shard-1", "shard-2", "shard-4"})
        {
            oneByOne.add(node);
        }

        assertThat(together.nodes()).containsExactly("shard-3", "shard-0", "shard-1", "shard-2", "shard-4");
        for (long key = 0; key < 10_000; key++)
        {
            assertThat(together.nodeFor(key)).isEqualTo(oneByOne.nodeFor(key));
        }
    }
}
