package io.disruptorx.shard.venue;

import java.util.List;
import java.util.TreeMap;

import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.shard.routing.RoutingTable;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commands still queued when an instrument's hold ends (another instrument still held, or a release pushed back) are
 * not overtaken by commands of that instrument: a held command of it goes to its target now, and later commands of
 * other accounts for the target wait behind it.
 */
class HeldCommandsQueueTest
{
    private static final int MOVED = 5;
    private static final int OTHER = 6;
    private static final List<String> SHARDS = List.of("s0", "s1", "s2");

    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final CommandRouter router = new CommandRouter(new VenueClient[SHARDS.size()],
        new FanOutTable(SHARDS.size(), 16), new LocalEvents());
    private final HeldCommands held = new HeldCommands(SHARDS.size());

    @Test
    void shouldKeepACommandOfAnInstrumentNoLongerHeldBehindItsQueuedMassCancel()
    {
        final RoutingTable before = table(1, "s0");
        final RoutingTable after = table(2, "s1");
        held.begin(MOVED);
        final int massCancel = encoder.massCancel(buffer, 0, 1, 7, MOVED, 1);
        assertThat(held.mustWait(buffer, 0, massCancel, router, before)).isTrue();
        assertThat(held.hold(buffer, 0, massCancel, router, before)).isEqualTo(1);

        assertThat(held.switched()).isEqualTo(MOVED);
        held.end(MOVED, router, after);
        assertThat(held.release((commands, offset, length) -> VenueClient.BACK_PRESSURED)).isZero();
        assertThat(held.isEmpty()).isFalse();
        held.begin(OTHER);

        final int newOrder = encoder.newOrder(buffer, 0, 2, 8, 1, MOVED, Side.BUY, OrderType.LIMIT,
            TimeInForce.GTC, false, SelfTradePrevention.NONE, 100, 1);
        assertThat(held.isNewOrderOfMoving(buffer, 0, newOrder)).isFalse();
        assertThat(held.mustWait(buffer, 0, newOrder, router, after))
            .as("an order of another account for the moved instrument's target, behind its queued mass cancel")
            .isTrue();
    }

    private static RoutingTable table(final long version, final String movedTo)
    {
        final TreeMap<Integer, String> overrides = new TreeMap<>();
        overrides.put(MOVED, movedTo);
        overrides.put(OTHER, "s2");
        return RoutingTable.of(version, SHARDS, 16, 64, overrides);
    }
}
