package io.disruptorx.shard.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import io.disruptorx.core.hash.ConsistentHashRing;
import io.disruptorx.engine.InstrumentMoves;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutingTableTest
{
    private static final int INSTRUMENTS = 20_000;

    private static List<String> names(final int count)
    {
        final List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            names.add("shard-" + i);
        }
        return names;
    }

    @Test
    void shouldRouteEveryInstrumentWhereTheRingPutsIt()
    {
        final RoutingTable table = RoutingTable.initial(names(4), 1_000);
        final ConsistentHashRing ring = new ConsistentHashRing();
        names(4).forEach(ring::add);

        for (int id = 0; id < 3_000; id++)
        {
            assertThat(table.shardName(table.shardOf(id))).as("instrument %d", id).isEqualTo(ring.nodeFor(id));
        }
        assertThat(table.homeShardOf(42L)).isEqualTo(table.shardIndex(ring.nodeFor(42L)));
    }

    @Test
    void shouldLetAnOverrideWinOverTheRingInTheNextVersion()
    {
        final RoutingTable first = RoutingTable.initial(names(3), 100);
        final int ringShard = first.shardOf(17);
        final int other = (ringShard + 1) % 3;

        final RoutingTable second = first.withOverride(17, other);
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.shardOf(17)).isEqualTo(other);
        assertThat(first.shardOf(17)).as("the old version is unchanged").isEqualTo(ringShard);
        for (int id = 0; id < 100; id++)
        {
            if (id != 17)
            {
                assertThat(second.shardOf(id)).isEqualTo(first.shardOf(id));
            }
        }

        final RoutingTable third = second.withoutOverride(17);
        assertThat(third.version()).isEqualTo(3);
        assertThat(third.shardOf(17)).isEqualTo(ringShard);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 10, 50})
    void shouldMoveAboutOneInNPlusOneInstrumentsToANewShardAndNoneElsewhere(final int shards)
    {
        final RoutingTable before = RoutingTable.initial(names(shards), INSTRUMENTS);
        final RoutingTable after = before.withShardAdded("shard-new");
        final int added = after.shardIndex("shard-new");

        int moved = 0;
        for (int id = 0; id < INSTRUMENTS; id++)
        {
            if (before.shardOf(id) != after.shardOf(id))
            {
                moved++;
                assertThat(after.shardOf(id)).as("a moved instrument goes to the new shard").isEqualTo(added);
            }
        }
        final double expected = 1.0 / (shards + 1);
        assertThat((double)moved / INSTRUMENTS).isBetween(expected * 0.5, expected * 1.5);
    }

    @Test
    void shouldMoveOnlyTheRemovedShardsInstrumentsAndDropItsOverrides()
    {
        final RoutingTable before = RoutingTable.initial(names(5), INSTRUMENTS).withOverride(7, 2);
        final RoutingTable after = before.withShardRemoved("shard-2");

        assertThat(after.overrides()).isEmpty();
        for (int id = 0; id < INSTRUMENTS; id++)
        {
            final String was = before.shardName(before.shardOf(id));
            final String is = after.shardName(after.shardOf(id));
            if (!"shard-2".equals(was))
            {
                assertThat(is).as("instrument %d", id).isEqualTo(was);
            }
            assertThat(is).isNotEqualTo("shard-2");
        }
    }

    @Test
    void shouldRouteIdsBeyondTheLimitByTheRing()
    {
        final RoutingTable small = RoutingTable.initial(names(6), 10);
        final RoutingTable large = RoutingTable.initial(names(6), 5_000);
        for (int id = 0; id < 5_000; id++)
        {
            assertThat(small.shardOf(id)).isEqualTo(large.shardOf(id));
        }
    }

    @Test
    void shouldRefuseTablesThatCannotRoute()
    {
        assertThatThrownBy(() -> RoutingTable.initial(List.of(), 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RoutingTable.initial(List.of("a", "a"), 10))
            .hasMessageContaining("shard named twice");
        final TreeMap<Integer, String> overrides = new TreeMap<>();
        overrides.put(3, "nowhere");
        assertThatThrownBy(() -> RoutingTable.of(1, List.of("a"), 10, 10, overrides))
            .hasMessageContaining("names no shard");
        assertThatThrownBy(() -> RoutingTable.initial(List.of("a"), 10).withOverride(10, 0))
            .hasMessageContaining("outside");
    }

    @Test
    void shouldKeepShardAndLocalIdInAGlobalId()
    {
        final long global = ShardIds.global(1023, 123_456_789L);
        assertThat(ShardIds.shardOf(global)).isEqualTo(1023);
        assertThat(ShardIds.localOf(global)).isEqualTo(123_456_789L);
        assertThat(ShardIds.global(5, 0)).isZero();
        assertThat(ShardIds.global(0, 1)).isNotEqualTo(ShardIds.global(1, 1));
    }

    @Test
    void shouldMarkAMovedOrdersLocalIdWithTheBitTheEngineCancelsRestoredOrdersBy()
    {
        assertThat(ShardIds.MOVED).as("a mass cancel of restored orders only finds moved orders by it")
            .isEqualTo(InstrumentMoves.MOVED_MARK);
        final long global = ShardIds.global(7, 99);
        assertThat(ShardIds.movedLocal(global) & InstrumentMoves.MOVED_MARK).isNotZero();
        assertThat(ShardIds.global(3, ShardIds.movedLocal(global))).isEqualTo(global);
    }
}
