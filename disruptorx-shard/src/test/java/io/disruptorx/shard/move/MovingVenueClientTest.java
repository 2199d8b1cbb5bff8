package io.disruptorx.shard.move;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.support.MovingShards;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answer of a {@link MovingVenueClient}'s move, over two real engines, counts the orders the target refused: the
 * account of one of the three moving orders already rests an order with the same client order id on the target (on
 * another instrument), so the target refuses that restore ({@code DUPLICATE_CLIENT_ORDER_ID}). The answer says
 * {@code 3 orders, 1 refused}, the two others rest on the target, the refused one is on neither shard and its hold is
 * back in its account at the source (the account's funds over both shards are what it deposited). A move whose
 * source book is read through the engine's own events (as off a cluster shard) answers the same way and carries every
 * order in priority order.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MovingVenueClientTest
{
    private static final int BASE = 1;
    private static final int QUOTE = 2;
    private static final long DEPOSIT = 1_000_000;

    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);

    @TempDir
    Path directory;

    @Test
    void shouldCountTheRestoresTheTargetRefusedInTheAnswer() throws Exception
    {
        final MovingShards shards = new MovingShards(2, directory);
        final RoutingTable table = shards.client().table();
        final int moving = instrumentOn(table, 0);
        final int staying = instrumentOn(table, 1);
        for (int shard = 0; shard < 2; shard++)
        {
            for (long account = 1; account <= 3; account++)
            {
                shards.client().offerTo(shard, buffer, 0, encoder.adjustBalance(buffer, 0, 0, account, BASE, DEPOSIT));
                shards.client().offerTo(shard, buffer, 0, encoder.adjustBalance(buffer, 0, 0, account, QUOTE, DEPOSIT));
            }
        }
        for (final int instrument : new int[]{moving, staying})
        {
            shards.client().offer(buffer, 0, encoder.addInstrument(buffer, 0, 0, instrument, BASE, QUOTE, 1, 1, 0, 0,
                0, 1, 1_000, 0, 10_000));
        }
        order(shards, 1, 7, moving, Side.BUY, 999, 2);
        order(shards, 2, 8, moving, Side.BUY, 998, 3);
        order(shards, 3, 9, moving, Side.SELL, 1_001, 4);
        order(shards, 3, 9, staying, Side.SELL, 1_002, 5);
        shards.pump();
        assertThat(shards.recorder().of(OrderAcceptedDecoder.TEMPLATE_ID)).hasSize(4);

        final MovingVenueClient client = new MovingVenueClient(shards.client(), shards.mover());
        final CompletableFuture<String> answer = client.move(moving, 1);
        while (!answer.isDone())
        {
            client.poll(shards.recorder(), 100);
        }

        assertThat(answer.get())
            .startsWith("moved instrument " + moving + " shard-0 -> shard-1: 3 orders, 1 refused, halted ");
        assertThat(client.table().shardOf(moving)).isEqualTo(1);
        assertThat(shards.book(1, moving)).extracting(order -> order[1]).containsExactly(999L, 998L);
        assertThat(shards.book(0, moving)).isEmpty();
        for (long account = 1; account <= 3; account++)
        {
            assertThat(shards.total(account, BASE)).as("account %d base", account).isEqualTo(2 * DEPOSIT);
            assertThat(shards.total(account, QUOTE)).as("account %d quote", account).isEqualTo(2 * DEPOSIT);
        }
        assertThat(shards.engine(0).inFlight(3, BASE)).as("the refused hold is settled back at the source").isZero();
        assertThat(shards.engine(0).balance(3, BASE)).isEqualTo(DEPOSIT);
    }

    @Test
    void shouldMoveOffAShardWhoseBooksItReadsThroughTheEnginesEvents() throws Exception
    {
        final MovingShards shards = new MovingShards(2, directory).readingBooksByEvents();
        final RoutingTable table = shards.client().table();
        final int moving = instrumentOn(table, 0);
        shards.client().offerTo(0, buffer, 0, encoder.adjustBalance(buffer, 0, 0, 1, QUOTE, DEPOSIT));
        shards.client().offer(buffer, 0, encoder.addInstrument(buffer, 0, 0, moving, BASE, QUOTE, 1, 1, 0, 0,
            0, 1, 1_000, 0, 10_000));
        order(shards, 1, 7, moving, Side.BUY, 999, 2);
        order(shards, 1, 8, moving, Side.BUY, 999, 3);
        shards.pump();
        final List<long[]> before = shards.book(0, moving);

        final MovingVenueClient client = new MovingVenueClient(shards.client(), shards.mover());
        final CompletableFuture<String> answer = client.move(moving, 1);
        while (!answer.isDone())
        {
            client.poll(shards.recorder(), 100);
        }

        assertThat(answer.get()).startsWith("moved instrument " + moving + " shard-0 -> shard-1: 2 orders, 0 refused");
        assertThat(client.table().shardOf(moving)).isEqualTo(1);
        assertThat(shards.book(0, moving)).isEmpty();
        assertThat(shards.book(1, moving)).usingElementComparator(MovingShardsOrders::compare)
            .containsExactlyElementsOf(before);
    }

    private void order(
        final MovingShards shards, final long account, final long clientOrderId, final int instrument, final Side side,
        final long price, final long quantity)
    {
        assertThat(shards.client().offer(buffer, 0, encoder.newOrder(buffer, 0, 0, account, clientOrderId,
            instrument, side, OrderType.LIMIT, TimeInForce.GTC, false, SelfTradePrevention.NONE, price, quantity)))
            .isPositive();
    }

    private static int instrumentOn(final RoutingTable table, final int shard)
    {
        int instrument = 3;
        while (table.shardOf(instrument) != shard)
        {
            instrument++;
        }
        return instrument;
    }
}
