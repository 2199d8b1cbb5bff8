package io.disruptorx.shard.move;

import java.nio.file.Path;
import java.util.List;

import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.QueryOpenOrdersEncoder;
import io.disruptorx.protocol.sbe.event.OpenOrderDecoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.shard.support.MovingShards;
import io.disruptorx.shard.support.RecordedEvent;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.disruptorx.shard.support.ShardedVenue.BASE;
import static io.disruptorx.shard.support.ShardedVenue.QUOTE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account's open orders asked of the sharded venue around a real move of one of their instruments: a query sent
 * while the instrument moves is held and answered after the move, from the shard the book moved to; the moved
 * orders keep their global ids and priority in the answer, and the source shard has none of them any more.
 */
class ShardOpenOrdersMoveTest
{
    private static final long ALICE = 3;

    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);

    @TempDir
    Path directory;

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldAnswerAQuerySentDuringAMoveAfterItFromTheShardTheBookMovedTo()
    {
        final MovingShards shards = new MovingShards(2, directory);
        final int moving = instrumentOn(shards, 0);
        final int staying = instrumentOn(shards, 1);
        for (int shard = 0; shard < 2; shard++)
        {
            shards.client().offerTo(shard, buffer, 0, encoder.adjustBalance(buffer, 0, 0, ALICE, BASE, 1_000));
            shards.client().offerTo(shard, buffer, 0, encoder.adjustBalance(buffer, 0, 0, ALICE, QUOTE, 1_000_000));
        }
        for (final int instrument : new int[]{moving, staying})
        {
            shards.client().offer(buffer, 0, encoder.addInstrument(buffer, 0, 0, instrument, BASE, QUOTE, 1, 1, 0, 0,
                0, 1, 1_000, 0, 10_000));
        }
        order(shards, 1, moving, Side.BUY, 990, 1);
        order(shards, 2, moving, Side.BUY, 995, 2);
        order(shards, 3, moving, Side.SELL, 1_010, 4);
        order(shards, 4, staying, Side.SELL, 1_020, 3);
        shards.pump();
        final List<RecordedEvent> accepted = shards.recorder().of(OrderAcceptedDecoder.TEMPLATE_ID);
        assertThat(accepted).hasSize(4);
        shards.recorder().clear();

        assertThat(query(shards, 70)).isPositive();
        shards.pump();
        final List<String> before = answer(shards, 70);
        assertThat(before).containsExactly(
            "0/4 o" + id(accepted, 2) + " c2 i" + moving + " 995x2",
            "1/4 o" + id(accepted, 1) + " c1 i" + moving + " 990x1",
            "2/4 o" + id(accepted, 3) + " c3 i" + moving + " 1010x4",
            "3/4 o" + id(accepted, 4) + " c4 i" + staying + " 1020x3");

        shards.mover().move(moving, 1);
        assertThat(query(shards, 71)).as("taken, and held while the instrument moves").isPositive();
        shards.pump();

        assertThat(shards.mover().stats().moves()).isEqualTo(1);
        assertThat(shards.client().table().shardOf(moving)).isEqualTo(1);
        assertThat(shards.book(0, moving)).as("gone from the source").isEmpty();
        final List<String> after = answer(shards, 71);
        if (moving < staying)
        {
            assertThat(after).as("all on shard 1 now, instruments in id order").containsExactlyElementsOf(before);
        }
        else
        {
            assertThat(after).as("all on shard 1 now, instruments in id order").containsExactly(
                "0/4 o" + id(accepted, 4) + " c4 i" + staying + " 1020x3",
                "1/4 o" + id(accepted, 2) + " c2 i" + moving + " 995x2",
                "2/4 o" + id(accepted, 1) + " c1 i" + moving + " 990x1",
                "3/4 o" + id(accepted, 3) + " c3 i" + moving + " 1010x4");
        }
    }

    private static int instrumentOn(final MovingShards shards, final int shard)
    {
        for (int id = 1; id < 64; id++)
        {
            if (shards.client().table().shardOf(id) == shard)
            {
                return id;
            }
        }
        throw new AssertionError("no instrument on shard " + shard);
    }

    private static long id(final List<RecordedEvent> accepted, final long clientOrderId)
    {
        return accepted.stream().filter(event -> event.requestId() == clientOrderId).findFirst().orElseThrow()
            .orderId();
    }

    private static List<String> answer(final MovingShards shards, final long requestId)
    {
        return shards.recorder().matching(event -> event.templateId() == OpenOrderDecoder.TEMPLATE_ID &&
            event.requestId() == requestId).stream().map(event -> event.code() + "/" + event.result() + " o" +
            event.orderId() + " c" + event.otherOrderId() + " i" + event.instrumentId() + " " + event.subjectId() +
            "x" + event.quantity()).toList();
    }

    private void order(final MovingShards shards, final long clientOrderId, final int instrument, final Side side,
        final long price, final long quantity)
    {
        assertThat(shards.client().offer(buffer, 0, encoder.newOrder(buffer, 0, 0, ALICE, clientOrderId, instrument,
            side, OrderType.LIMIT, TimeInForce.GTC, false, SelfTradePrevention.NONE, price, quantity))).isPositive();
    }

    private long query(final MovingShards shards, final long requestId)
    {
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + new QueryOpenOrdersEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).timestamp(0).accountId(ALICE)
            .requestId(requestId).instrumentId(0).encodedLength();
        return shards.client().offer(buffer, 0, length);
    }
}
