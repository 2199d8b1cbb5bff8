package io.disruptorx.shard.move;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.gateway.support.EngineVenue;
import io.disruptorx.protocol.sbe.command.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.command.ReadBookDecoder;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.support.MovingShards;
import io.disruptorx.shard.support.RecordingVenue;
import io.disruptorx.shard.support.TwoGateways;
import io.disruptorx.shard.venue.ShardedVenueClient;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.disruptorx.shard.support.ShardedVenue.BASE;
import static io.disruptorx.shard.support.ShardedVenue.QUOTE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every ReadBook a gateway's move path sends (the move lock's query, claim and release, the catch-up's question, the
 * book read through the source's events) is stamped by the clock the gateway gave its {@link ShardMover}, so a test
 * drives them all with one clock. Two real engines; their logs recorded.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MovePathClockTest
{
    private static final long NOW = 4_242L;

    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);

    @TempDir
    Path directory;

    @Test
    void shouldStampTheLockAndCatchUpCommandsWithTheGatewaysClock()
    {
        final RecordingVenue[] shards = {
            new RecordingVenue(new EngineVenue(MovingShards.CONFIG)),
            new RecordingVenue(new EngineVenue(MovingShards.CONFIG))};
        final RoutingTable table = RoutingTable.initial(List.of("shard-0", "shard-1"), 64);
        final ShardedVenueClient client = new ShardedVenueClient(table, shards);
        final ShardMover mover = new ShardMover(client, null, null, directory.resolve("moves.journal"), () -> NOW);
        final int instrument = TwoGateways.instrumentOn(table, 0);
        try (MovingVenueClient gateway = new MovingVenueClient(client, mover))
        {
            client.offerTo(0, buffer, 0, encoder.adjustBalance(buffer, 0, 1, 3, QUOTE, 1_000_000));
            gateway.offer(buffer, 0, encoder.addInstrument(buffer, 0, 1, instrument, BASE, QUOTE, 1, 1, 0, 0, 0, 0,
                1_000, 0, 10_000));
            gateway.offer(buffer, 0, encoder.newOrder(buffer, 0, 1, 3, 1, instrument, Side.BUY, OrderType.LIMIT,
                TimeInForce.GTC, false, SelfTradePrevention.NONE, 990, 1));
            pump(gateway, null);
            final CompletableFuture<String> moved = gateway.move(instrument, 1);
            pump(gateway, moved);
            assertThat(moved.join()).startsWith("moved instrument " + instrument);
        }

        int readBooks = 0;
        for (final RecordingVenue shard : shards)
        {
            for (final byte[] command : shard.log())
            {
                final UnsafeBuffer bytes = new UnsafeBuffer(command);
                if (bytes.getShort(MessageHeaderDecoder.templateIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN) ==
                    ReadBookDecoder.TEMPLATE_ID)
                {
                    readBooks++;
                    assertThat(bytes.getLong(MessageHeaderDecoder.ENCODED_LENGTH +
                        ReadBookDecoder.timestampEncodingOffset(), ByteOrder.LITTLE_ENDIAN)).isEqualTo(NOW);
                }
            }
        }
        assertThat(readBooks).as("lock query, claim, release, the source's book").isGreaterThanOrEqualTo(4);
    }

    private static void pump(final MovingVenueClient gateway, final CompletableFuture<String> until)
    {
        int quiet = 0;
        for (int round = 0; round < 100_000 && (until == null ? quiet < 3 : !until.isDone() || quiet < 3); round++)
        {
            quiet = gateway.poll((sequence, buffer, offset, length) ->
            {
            }, 100) == 0 ? quiet + 1 : 0;
        }
    }
}
