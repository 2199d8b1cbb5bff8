package io.disruptorx.shard.move;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.protocol.sbe.command.CancelOrderDecoder;
import io.disruptorx.protocol.sbe.command.MassCancelDecoder;
import io.disruptorx.protocol.sbe.command.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.command.NewOrderDecoder;
import io.disruptorx.protocol.sbe.event.AdminResultDecoder;
import io.disruptorx.protocol.sbe.event.AdminType;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderCancelledDecoder;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.support.EventRecorder;
import io.disruptorx.shard.support.MovingShards;
import io.disruptorx.shard.support.RecordedEvent;
import io.disruptorx.shard.support.TwoGateways;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a gateway holds while an instrument moves between three real engines (docs/scaling.md, "Moving an instrument
 * online", step 1): cancels of orders on the other shards and a mass cancel of another instrument are applied and
 * answered while the move is under way; a cancel of an order of another instrument on the source is held (its id does
 * not say whether it moves), and so is every later command to the source or of that cancel's account, each applied
 * after the move in the order it came; a new order of another account for a third shard goes on. The same for a
 * gateway that follows another gateway's move: its cancel of an order on a third shard is answered while it holds.
 */
class ShardMoveHeldCommandsTest
{
    private static final int BASE = 1;
    private static final int QUOTE = 2;
    private static final int ACCOUNTS = 5;
    private static final long DEPOSIT_BASE = 1_000_000;
    private static final long DEPOSIT_QUOTE = 100_000_000;
    private static final int INSTRUMENTS = 30;
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;

    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);

    @TempDir
    Path directory;

    private MovingShards shards;

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldHoldOnlyWhatMayTouchTheMovingBookAndWhatWouldOvertakeIt()
    {
        shards = new MovingShards(3, directory);
        shards.fundAndList(ACCOUNTS, BASE, DEPOSIT_BASE, QUOTE, DEPOSIT_QUOTE, INSTRUMENTS);
        final RoutingTable table = shards.client().table();
        final int moving = 1;
        final int source = table.shardOf(moving);
        final int target = (source + 1) % 3;
        final int third = (source + 2) % 3;
        final int otherOnSource = instrumentOn(table, source, moving);
        final int onTarget = instrumentOn(table, target, moving);
        final int onThird = instrumentOn(table, third, moving);
        order(1, 1, moving, 990);
        order(2, 2, otherOnSource, 990);
        order(3, 3, onThird, 990);
        order(4, 4, onTarget, 990);
        shards.pump();
        final long movingOrder = accepted(1);
        final long sourceOrder = accepted(2);
        final long thirdOrder = accepted(3);
        final long targetOrder = accepted(4);
        shards.recorder().clear();

        final EventRecorder answeredDuringMove = new EventRecorder();
        shards.listen((sequence, events, offset, length) ->
        {
            if (shards.client().movingInstrument() == moving)
            {
                answeredDuringMove.onEvent(sequence, events, offset, length);
            }
        });
        final List<String> taken = new ArrayList<>();
        shards.afterTaken((shard, commands, offset, length) -> taken(taken, commands, offset, length,
            shards.client().movingInstrument() == moving));

        shards.mover().move(moving, target);
        final long heldBefore = shards.client().commandsHeld();
        cancel(3, 101, thirdOrder);
        massCancel(4, onTarget, 102);
        cancel(2, 103, sourceOrder);
        order(2, 104, onTarget, 991);
        order(5, 105, otherOnSource, 991);
        order(3, 106, onThird, 992);
        massCancel(1, moving, 107);
        assertThat(shards.client().commandsHeld() - heldBefore)
            .as("the source order's cancel, the later orders of its account and to the source, the moving mass cancel")
            .isEqualTo(4);
        shards.pump();

        assertThat(shards.mover().stats().moves()).isEqualTo(1);
        assertThat(shards.client().table().shardOf(moving)).isEqualTo(target);
        assertThat(answeredDuringMove.of(OrderCancelledDecoder.TEMPLATE_ID))
            .as("orders on the third shard and on the target cancelled and answered before the move ended")
            .extracting(RecordedEvent::orderId).containsExactlyInAnyOrder(thirdOrder, targetOrder);
        assertThat(answeredDuringMove.matching(event -> event.templateId() == AdminResultDecoder.TEMPLATE_ID &&
            event.code() == AdminType.MASS_CANCEL.value())).as("the target's mass cancel answered")
            .extracting(RecordedEvent::subjectId).containsExactly(4L);
        assertThat(answeredDuringMove.of(OrderAcceptedDecoder.TEMPLATE_ID))
            .as("another account's order for the third shard went on")
            .extracting(RecordedEvent::requestId).containsExactly(106L);
        assertThat(taken).as("commands taken during the move").contains("cancel 3 during", "mass cancel 4 during",
            "new order 3 during");
        assertThat(taken.stream().filter(command -> !command.endsWith("during")))
            .as("the held ones, after the move, in the order they came")
            .containsExactly("cancel 2", "new order 2", "new order 5", "mass cancel 1");

        assertThat(shards.recorder().of(OrderCancelledDecoder.TEMPLATE_ID)).as("every cancel answered once")
            .extracting(RecordedEvent::orderId)
            .containsExactlyInAnyOrder(thirdOrder, targetOrder, sourceOrder, movingOrder);
        assertThat(shards.recorder().of(OrderAcceptedDecoder.TEMPLATE_ID)).extracting(RecordedEvent::requestId)
            .containsExactlyInAnyOrder(104L, 105L, 106L);
        assertThat(shards.book(target, moving)).as("the moved order, cancelled by the held mass cancel").isEmpty();
        assertThat(shards.book(source, moving)).isEmpty();
        assertThat(shards.book(source, otherOnSource)).hasSize(1);
        assertThat(shards.book(third, onThird)).hasSize(1);
        assertThat(shards.book(target, onTarget)).hasSize(1);
        long base = 0;
        long quote = 0;
        for (long account = 0; account <= ACCOUNTS; account++)
        {
            base += shards.total(account, BASE);
            quote += shards.total(account, QUOTE);
        }
        assertThat(base).isEqualTo(3 * ACCOUNTS * DEPOSIT_BASE);
        assertThat(quote).isEqualTo(3 * ACCOUNTS * DEPOSIT_QUOTE);
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldHoldOnlyTheSourcesOrdersWhileFollowingAnotherGatewaysMove()
    {
        final int a = 0;
        final int b = 1;
        final long alice = 3;
        final long bob = 4;
        final TwoGateways venue = new TwoGateways(3, directory);
        final RoutingTable table = venue.client(a).table();
        final int moving = instrumentOn(table, 0, 0);
        final int otherOnSource = instrumentOn(table, 0, moving);
        final int onThird = instrumentOn(table, 2, moving);
        venue.fundAndList(new long[]{alice, bob}, DEPOSIT_BASE, DEPOSIT_QUOTE, moving, otherOnSource, onThird);
        venue.order(b, bob, 1, moving, Side.BUY, 990, 1);
        venue.order(b, alice, 2, otherOnSource, Side.BUY, 990, 1);
        venue.order(b, bob, 3, onThird, Side.BUY, 990, 1);
        venue.pump();
        final List<RecordedEvent> accepted = venue.recorder(b).of(OrderAcceptedDecoder.TEMPLATE_ID);
        assertThat(accepted).hasSize(3);
        final long sourceOrder = accepted.stream().filter(event -> event.requestId() == 2).findFirst().orElseThrow()
            .orderId();
        final long thirdOrder = accepted.stream().filter(event -> event.requestId() == 3).findFirst().orElseThrow()
            .orderId();

        venue.lag(a, 1, true);
        final CompletableFuture<String> moved = venue.gateway(a).move(moving, 1);
        venue.pump();
        assertThat(moved).as("the mover waits for the target's answers").isNotDone();
        assertThat(venue.client(b).movingInstrument()).as("the second gateway follows the move").isEqualTo(moving);
        venue.recorder(b).clear();
        assertThat(venue.gateway(b).offer(buffer, 0, encoder.cancelOrder(buffer, 0, 0, alice, 70, sourceOrder, 0)))
            .isPositive();
        assertThat(venue.gateway(b).offer(buffer, 0, encoder.cancelOrder(buffer, 0, 0, bob, 71, thirdOrder, 0)))
            .isPositive();
        venue.pump();
        assertThat(venue.client(b).movingInstrument()).as("still following").isEqualTo(moving);
        assertThat(venue.recorder(b).of(OrderCancelledDecoder.TEMPLATE_ID)).as("the third shard's order only")
            .extracting(RecordedEvent::orderId).containsExactly(thirdOrder);
        assertThat(venue.book(0, otherOnSource)).as("the source's order, its cancel held").containsExactly(sourceOrder);

        venue.lag(a, 1, false);
        venue.pump();
        assertThat(moved.join()).startsWith("moved instrument " + moving);
        assertThat(venue.client(b).movingInstrument()).isEqualTo(-1);
        assertThat(venue.recorder(b).of(OrderCancelledDecoder.TEMPLATE_ID)).as("each answered once")
            .extracting(RecordedEvent::orderId).containsExactly(thirdOrder, sourceOrder);
        assertThat(venue.book(0, otherOnSource)).isEmpty();
        assertThat(venue.book(1, moving)).hasSize(1);
        for (final int asset : new int[]{BASE, QUOTE})
        {
            final long deposit = asset == BASE ? DEPOSIT_BASE : DEPOSIT_QUOTE;
            assertThat(venue.total(alice, asset) + venue.total(bob, asset)).isEqualTo(2 * 3 * deposit);
        }
    }

    private static int instrumentOn(final RoutingTable table, final int shard, final int except)
    {
        for (int instrument = 1; instrument <= INSTRUMENTS; instrument++)
        {
            if (instrument != except && table.shardOf(instrument) == shard)
            {
                return instrument;
            }
        }
        throw new AssertionError("no instrument on shard " + shard);
    }

    private static void taken(
        final List<String> taken, final DirectBuffer command, final int offset, final int length,
        final boolean duringMove)
    {
        if (length < HEADER)
        {
            return;
        }
        final int template = command.getShort(offset + MessageHeaderDecoder.templateIdEncodingOffset(), ORDER) &
            0xFFFF;
        final String what;
        final int accountAt;
        if (template == NewOrderDecoder.TEMPLATE_ID)
        {
            what = "new order";
            accountAt = NewOrderDecoder.accountIdEncodingOffset();
        }
        else if (template == CancelOrderDecoder.TEMPLATE_ID)
        {
            what = "cancel";
            accountAt = CancelOrderDecoder.accountIdEncodingOffset();
        }
        else if (template == MassCancelDecoder.TEMPLATE_ID)
        {
            what = "mass cancel";
            accountAt = MassCancelDecoder.accountIdEncodingOffset();
        }
        else
        {
            return;
        }
        taken.add(what + " " + command.getLong(offset + HEADER + accountAt, ORDER) + (duringMove ? " during" : ""));
    }

    private long accepted(final long clientOrderId)
    {
        return shards.recorder().of(OrderAcceptedDecoder.TEMPLATE_ID).stream()
            .filter(event -> event.requestId() == clientOrderId).findFirst().orElseThrow().orderId();
    }

    private void order(final long account, final long clientOrderId, final int instrument, final long price)
    {
        assertThat(shards.client().offer(buffer, 0, encoder.newOrder(buffer, 0, 0, account, clientOrderId,
            instrument, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, SelfTradePrevention.NONE, price, 1)))
            .isPositive();
    }

    private void cancel(final long account, final long requestId, final long orderId)
    {
        assertThat(shards.client().offer(buffer, 0, encoder.cancelOrder(buffer, 0, 0, account, requestId, orderId,
            0))).isPositive();
    }

    private void massCancel(final long account, final int instrument, final long requestId)
    {
        assertThat(shards.client().offer(buffer, 0, encoder.massCancel(buffer, 0, 0, account, instrument,
            requestId))).isPositive();
    }
}
