package io.disruptorx.shard.move;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.protocol.sbe.command.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.command.ResumeInstrumentDecoder;
import io.disruptorx.protocol.sbe.event.AdminResultDecoder;
import io.disruptorx.protocol.sbe.event.AdminType;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderCancelledDecoder;
import io.disruptorx.protocol.sbe.event.RejectReason;
import io.disruptorx.protocol.sbe.event.TradeDecoder;
import io.disruptorx.shard.routing.ShardIds;
import io.disruptorx.shard.support.MovingShards;
import io.disruptorx.shard.support.RecordedEvent;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random orders and cancels over several instruments on 2 or 3 shards while instruments move between them (seeded,
 * the moves' steps interleaved with the flow). For every move, the target's book of the instrument at its resume (read
 * level by level, order by order, before any held command reaches it) is the source's book at the halt: the same
 * orders (global ids), sides, prices and remaining quantities in the same priority, bids best level first, then asks,
 * each level oldest first. No trade of the instrument happens between the source's halt and the target's resume, and
 * afterwards the moved orders fill in that priority: an order fills only once every moved order ahead of it on its
 * side (a better price, or the same price and earlier) is filled or cancelled.
 */
class ShardMovePriorityUnderLoadTest
{
    private static final int BASE = 1;
    private static final int QUOTE = 2;
    private static final int INSTRUMENTS = 4;
    private static final int ACCOUNTS = 5;
    private static final long DEPOSIT_BASE = 1_000_000;
    private static final long DEPOSIT_QUOTE = 100_000_000;
    private static final int STEPS = 4_000;

    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderDecoder commandHeader = new MessageHeaderDecoder();
    private final List<Move> moves = new ArrayList<>();

    @TempDir
    Path directory;

    /** One move: where from and to, and the instrument's book on the source at the halt and on the target. */
    private record Move(int instrument, int from, int to, List<List<Long>> atHalt, List<List<Long>> atResume)
    {
    }

    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @ParameterizedTest(name = "seed {0}, {1} shards, book read by events: {2}")
    @CsvSource({"21, 2, false", "22, 3, false", "23, 2, true", "24, 3, true", "25, 2, false"})
    void shouldKeepEveryRestingOrderWithItsPriorityWhileInstrumentsMoveUnderLoad(
        final long seed, final int count, final boolean byEvents)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final MovingShards shards = new MovingShards(count, directory);
        if (byEvents)
        {
            shards.readingBooksByEvents();
        }
        shards.fundAndList(ACCOUNTS, BASE, DEPOSIT_BASE, QUOTE, DEPOSIT_QUOTE, INSTRUMENTS);
        shards.afterRead(() ->
        {
            final Move move = moves.get(moves.size() - 1);
            if (move.atHalt().isEmpty())
            {
                move.atHalt().addAll(book(shards, move.from(), move.instrument()));
            }
        });
        shards.afterTaken((shard, command, offset, length) ->
        {
            commandHeader.wrap(command, offset);
            if (commandHeader.templateId() != ResumeInstrumentDecoder.TEMPLATE_ID || moves.isEmpty())
            {
                return;
            }
            final Move move = moves.get(moves.size() - 1);
            final int instrument = command.getInt(offset + MessageHeaderDecoder.ENCODED_LENGTH +
                ResumeInstrumentDecoder.instrumentIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN);
            if (shard == move.to() && instrument == move.instrument())
            {
                assertThat(move.atResume()).as("one resume per move").isEmpty();
                move.atResume().addAll(book(shards, move.to(), move.instrument()));
            }
        });

        final Map<Long, Long> ownerOfOrder = new HashMap<>();
        final List<Long> live = new ArrayList<>();
        int lastMoved = 1;
        for (int step = 0; step < STEPS; step++)
        {
            if (step % 250 == 200 && shards.mover().isIdle())
            {
                final int instrument = random.nextInt(3) == 0 ? lastMoved : 1 + random.nextInt(INSTRUMENTS);
                final int from = shards.client().table().shardOf(instrument);
                final int to = (from + 1 + random.nextInt(count - 1)) % count;
                moves.add(new Move(instrument, from, to, new ArrayList<>(), new ArrayList<>()));
                shards.mover().move(instrument, to);
                lastMoved = instrument;
            }
            if (random.nextInt(5) == 0 && !live.isEmpty())
            {
                final long orderId = live.remove(random.nextInt(live.size()));
                assertThat(shards.client().offer(buffer, 0, encoder.cancelOrder(buffer, 0, 0,
                    ownerOfOrder.get(orderId), 5_000_000 + step, orderId, 0))).isPositive();
            }
            else
            {
                final boolean buy = random.nextBoolean();
                final long price = buy ? 990 + random.nextInt(12) : 999 + random.nextInt(12);
                assertThat(shards.client().offer(buffer, 0, encoder.newOrder(buffer, 0, 0, 1 + random.nextInt(
                    ACCOUNTS), 1 + step, 1 + random.nextInt(INSTRUMENTS), buy ? Side.BUY : Side.SELL,
                    OrderType.LIMIT, TimeInForce.GTC, false, SelfTradePrevention.NONE, price,
                    1 + random.nextInt(8)))).isPositive();
            }
            if (random.nextInt(3) == 0)
            {
                final int before = shards.recorder().events().size();
                shards.pump();
                for (final RecordedEvent event : shards.recorder().events().subList(before,
                    shards.recorder().events().size()))
                {
                    if (event.templateId() == OrderAcceptedDecoder.TEMPLATE_ID)
                    {
                        ownerOfOrder.put(event.orderId(), event.accountId());
                        live.add(event.orderId());
                    }
                }
            }
        }
        shards.pump();
        assertThat(shards.mover().isIdle()).isTrue();
        assertThat(shards.mover().stats().rolledBack()).isZero();
        assertThat(shards.mover().stats().ordersNotRestored()).isZero();
        assertThat(moves).hasSizeGreaterThanOrEqualTo(10);

        int movedOrders = 0;
        for (final Move move : moves)
        {
            assertThat(move.atResume()).as("the target's book of instrument %d at its resume (shard %d to %d)",
                move.instrument(), move.from(), move.to()).isEqualTo(move.atHalt());
            movedOrders += move.atHalt().size();
        }
        assertThat(movedOrders).as("orders moved in all").isGreaterThan(100);
        assertThat(fillsInPriority(shards.recorder().events())).as("fills of moved orders checked")
            .isGreaterThan(20);
    }

    /**
     * Walks the delivered events in order. From a move's resume on (the target's RESUME_INSTRUMENT answer), each
     * trade whose maker is one of the orders it moved must find every moved order ahead of that maker on its side
     * done (filled or cancelled); between the source's halt and the target's resume no trade of the instrument.
     *
     * @return fills of moved orders checked.
     */
    private int fillsInPriority(final List<RecordedEvent> events)
    {
        final Map<Integer, List<List<Long>>> priority = new HashMap<>();
        final Map<Long, Long> remaining = new HashMap<>();
        final Map<Integer, Move> halted = new HashMap<>();
        int next = 0;
        int checked = 0;
        for (final RecordedEvent event : events)
        {
            final int shard = ShardIds.shardOf(event.commandSequence());
            if (event.templateId() == AdminResultDecoder.TEMPLATE_ID && event.result() == RejectReason.NONE.value())
            {
                if (event.code() == AdminType.HALT_INSTRUMENT.value() && next < moves.size() &&
                    moves.get(next).from() == shard && moves.get(next).instrument() == event.subjectId())
                {
                    halted.put(moves.get(next).instrument(), moves.get(next));
                }
                else if (event.code() == AdminType.RESUME_INSTRUMENT.value())
                {
                    final Move move = moves.get(next++);
                    assertThat(shard).isEqualTo(move.to());
                    assertThat(event.subjectId()).isEqualTo(move.instrument());
                    assertThat(halted.remove(move.instrument())).as("halted before resumed").isSameAs(move);
                    priority.put(move.instrument(), move.atResume());
                    for (final List<Long> order : move.atResume())
                    {
                        remaining.put(order.get(0), order.get(3));
                    }
                }
            }
            else if (event.templateId() == TradeDecoder.TEMPLATE_ID)
            {
                assertThat(halted).as("trade %s while its instrument moves", event)
                    .doesNotContainKey(event.instrumentId());
                final List<List<Long>> book = priority.getOrDefault(event.instrumentId(), List.of());
                final int place = placeOf(book, event.orderId());
                if (place >= 0)
                {
                    for (int ahead = 0; ahead < place; ahead++)
                    {
                        if (book.get(ahead).get(1).equals(book.get(place).get(1)))
                        {
                            assertThat(remaining.get(book.get(ahead).get(0)))
                                .as("moved order %s still open when %s, behind it, fills", book.get(ahead),
                                book.get(place)).isZero();
                        }
                    }
                    final long left = remaining.merge(event.orderId(), -event.quantity(), Long::sum);
                    assertThat(left).as("what is left of moved order %d", event.orderId()).isNotNegative();
                    checked++;
                }
            }
            else if (event.templateId() == OrderCancelledDecoder.TEMPLATE_ID &&
                remaining.containsKey(event.orderId()))
            {
                remaining.put(event.orderId(), 0L);
            }
        }
        assertThat(next).as("every move resumed").isEqualTo(moves.size());
        return checked;
    }

    private static int placeOf(final List<List<Long>> book, final long orderId)
    {
        for (int i = 0; i < book.size(); i++)
        {
            if (book.get(i).get(0) == orderId)
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * @return the instrument's resting orders on the shard in priority order ({@link MovingShards#book}), each as
     * {global id, side (0 buy, 1 sell), price, remaining quantity}.
     */
    private static List<List<Long>> book(final MovingShards shards, final int shard, final int instrumentId)
    {
        return shards.book(shard, instrumentId).stream().map((order) -> List.of(order[0], order[3], order[1],
            order[2])).toList();
    }
}
