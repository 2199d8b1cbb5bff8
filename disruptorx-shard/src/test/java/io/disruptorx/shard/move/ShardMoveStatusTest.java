package io.disruptorx.shard.move;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.protocol.sbe.event.AdminResultDecoder;
import io.disruptorx.protocol.sbe.event.AdminType;
import io.disruptorx.protocol.sbe.event.InstrumentState;
import io.disruptorx.protocol.sbe.event.InstrumentStatusDecoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderRejectedDecoder;
import io.disruptorx.protocol.sbe.event.RejectReason;
import io.disruptorx.protocol.sbe.event.TradeDecoder;
import io.disruptorx.protocol.sbe.marketdata.OrderAddedDecoder;
import io.disruptorx.protocol.sbe.marketdata.OrderDeletedDecoder;
import io.disruptorx.protocol.venue.VenueEventHandler;
import io.disruptorx.shard.routing.ShardIds;
import io.disruptorx.shard.support.MovingShards;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A move as clients see it, in the one stream a gateway's sharded client hands on (every shard's execution events and
 * market data): the source's InstrumentStatus HALTED, on both, before the first of its orders leaves the source's book;
 * on the target the instrument HALTED before the first order is restored (a target that never had it lists it HALTED:
 * its halt, sent first, is refused, and nothing ever tells TRADING on its empty book; a target that had it halts it,
 * and its listing is refused), TRADING only after the last order is restored, with the resume: the target's statuses
 * are HALTED, TRADING either way; the source HALTED from then on; no trade and no accepted order of the instrument
 * between the halt and the resume, new orders answered {@code INSTRUMENT_HALTED} meanwhile; after the resume the best
 * bid of before the move trades first. The instrument moves to a shard that never had it and back.
 */
class ShardMoveStatusTest
{
    private static final int BASE = 1;
    private static final int QUOTE = 2;
    private static final int INSTRUMENT = 1;
    private static final int OTHER = 2;
    private static final int ACCOUNTS = 4;
    private static final short HALTED = InstrumentState.HALTED.value();
    private static final short TRADING = InstrumentState.TRADING.value();

    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final List<Seen> seen = new ArrayList<>();
    private long clientOrderId = 1;

    @TempDir
    Path directory;

    /** What a client sees of the instrument: the event, the shard that emitted it and what it says. */
    private record Seen(int shard, Kind kind, int instrument, long value, long subject)
    {
    }

    private enum Kind
    {
        STATUS, FEED_STATUS, ADMIN, TRADE, FEED_TRADE, FEED_ADDED, FEED_DELETED, ACCEPTED, REJECTED
    }

    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @ParameterizedTest(name = "book read by events: {0}")
    @ValueSource(booleans = {false, true})
    void shouldShowTheHaltBeforeTheBookLeavesAndTheResumeAfterEveryOrderIsRestored(final boolean byEvents)
    {
        final MovingShards shards = new MovingShards(2, directory);
        if (byEvents)
        {
            shards.readingBooksByEvents();
        }
        shards.listen(new Listener());
        for (int shard = 0; shard < 2; shard++)
        {
            for (long account = 1; account <= ACCOUNTS; account++)
            {
                shards.client().offerTo(shard, buffer, 0, encoder.adjustBalance(buffer, 0, 0, account, BASE,
                    1_000_000));
                shards.client().offerTo(shard, buffer, 0, encoder.adjustBalance(buffer, 0, 0, account, QUOTE,
                    100_000_000));
            }
        }
        for (final int instrument : new int[]{INSTRUMENT, OTHER})
        {
            shards.client().offer(buffer, 0, encoder.addInstrument(buffer, 0, 0, instrument, BASE, QUOTE, 1, 1, 0,
                0, 0, 1, 1_000, 0, 10_000));
        }
        for (int i = 0; i < 40; i++)
        {
            final boolean buy = i % 2 == 0;
            order(shards, 1 + i % ACCOUNTS, INSTRUMENT, buy ? Side.BUY : Side.SELL, buy ? 990 + i % 5 : 1_000 + i % 5,
                1 + i % 3);
        }
        shards.pump();
        final int home = shards.client().table().shardOf(INSTRUMENT);
        final int away = 1 - home;

        moveAndCheck(shards, home, away, true);
        moveAndCheck(shards, away, home, false);
    }

    private void moveAndCheck(final MovingShards shards, final int from, final int to, final boolean targetIsNew)
    {
        final List<long[]> before = shards.book(from, INSTRUMENT);
        final int orders = before.size();
        assertThat(orders).isGreaterThan(30);
        seen.clear();
        shards.mover().move(INSTRUMENT, to);
        order(shards, 2, INSTRUMENT, Side.SELL, 980, 5);
        order(shards, 3, OTHER, Side.BUY, 995, 1);
        shards.pump();
        assertThat(shards.mover().isIdle()).isTrue();
        assertThat(shards.client().table().shardOf(INSTRUMENT)).isEqualTo(to);
        assertThat(shards.book(to, INSTRUMENT)).usingRecursiveComparison().isEqualTo(before);

        final int halt = first(e -> e.shard() == from && e.kind() == Kind.STATUS && e.value() == HALTED);
        final int feedHalt = first(e -> e.shard() == from && e.kind() == Kind.FEED_STATUS && e.value() == HALTED);
        final int firstDeleted = first(e -> e.shard() == from && e.kind() == Kind.FEED_DELETED);
        final int moveOut = first(e -> e.shard() == from && isAdmin(e, AdminType.MOVE_OUT));
        assertThat(halt).as("source halted").isNotNegative().isLessThan(firstDeleted).isLessThan(moveOut);
        assertThat(feedHalt).as("source halted in the feed").isNotNegative().isLessThan(firstDeleted);
        assertThat(count(e -> e.shard() == from && e.kind() == Kind.FEED_DELETED)).isEqualTo(orders);
        assertThat(seen.stream().filter(e -> e.shard() == from && isStatus(e)).map(e -> (short)e.value()))
            .as("the source's statuses, feed and execution events").containsExactly(HALTED, HALTED);

        final int firstRestore = first(e -> e.shard() == to && isAdmin(e, AdminType.RESTORE_ORDER));
        final int lastRestore = last(e -> e.shard() == to && isAdmin(e, AdminType.RESTORE_ORDER));
        assertThat(count(e -> e.shard() == to && isAdmin(e, AdminType.RESTORE_ORDER) &&
            e.value() == RejectReason.NONE.value())).as("orders restored").isEqualTo(orders);
        final int firstAdded = first(e -> e.shard() == to && e.kind() == Kind.FEED_ADDED);
        final int lastAdded = last(e -> e.shard() == to && e.kind() == Kind.FEED_ADDED);
        assertThat(count(e -> e.shard() == to && e.kind() == Kind.FEED_ADDED)).isEqualTo(orders);
        final int resume = first(e -> e.shard() == to && isAdmin(e, AdminType.RESUME_INSTRUMENT));
        final int trading = first(lastRestore, e -> e.shard() == to && e.kind() == Kind.STATUS &&
            e.value() == TRADING);
        final int feedTrading = first(lastRestore, e -> e.shard() == to && e.kind() == Kind.FEED_STATUS &&
            e.value() == TRADING);
        assertThat(resume).as("the target's resume").isGreaterThan(lastRestore).isGreaterThan(lastAdded)
            .isLessThan(trading).isLessThan(feedTrading);
        assertThat(halt).isLessThan(firstRestore);

        final List<Short> targetStatuses = seen.stream().filter(e -> e.shard() == to && e.kind() == Kind.STATUS)
            .map(e -> (short)e.value()).toList();
        final List<Short> expected = List.of(HALTED, TRADING);
        assertThat(targetStatuses).as("the target's statuses").isEqualTo(expected);
        assertThat(seen.stream().filter(e -> e.shard() == to && e.kind() == Kind.FEED_STATUS)
            .map(e -> (short)e.value()).toList()).as("the target's statuses in the feed").isEqualTo(expected);
        final int targetHalted = first(e -> e.shard() == to && e.kind() == Kind.STATUS && e.value() == HALTED);
        final int targetFeedHalted = first(e -> e.shard() == to && e.kind() == Kind.FEED_STATUS &&
            e.value() == HALTED);
        assertThat(targetHalted).as("the target halted before any order rests there")
            .isLessThan(firstRestore).isLessThan(firstAdded);
        assertThat(targetFeedHalted).isLessThan(firstRestore).isLessThan(firstAdded);
        final int targetHalt = first(e -> e.shard() == to && isAdmin(e, AdminType.HALT_INSTRUMENT));
        final int listing = first(e -> e.shard() == to && isAdmin(e, AdminType.ADD_INSTRUMENT));
        assertThat(targetHalt).as("the target's halt, then its listing").isNotNegative().isLessThan(listing);
        assertThat(seen.get(targetHalt).value()).as("the halt of an instrument the target never had is refused")
            .isEqualTo(targetIsNew ? RejectReason.UNKNOWN_INSTRUMENT.value() : RejectReason.NONE.value());
        assertThat(seen.get(listing).value()).as("the listing of an instrument the target has is refused")
            .isEqualTo(targetIsNew ? RejectReason.NONE.value() : RejectReason.DUPLICATE_INSTRUMENT.value());
        assertThat(targetHalted).as("the target's HALTED: its listing's or its halt's")
            .isEqualTo(targetIsNew ? listing + 1 : targetHalt + 1);
        assertThat(first(e -> e.shard() == to && isStatus(e) && e.value() == TRADING))
            .as("no TRADING on the target before the resume").isGreaterThan(resume);

        final int end = Math.max(trading, feedTrading);
        for (int i = Math.min(halt, feedHalt); i < end; i++)
        {
            assertThat(seen.get(i).kind()).as("between halt and resume: %s", seen.get(i))
                .isNotIn(Kind.TRADE, Kind.FEED_TRADE, Kind.ACCEPTED);
        }
        assertThat(count(e -> e.kind() == Kind.REJECTED && e.value() == RejectReason.INSTRUMENT_HALTED.value()))
            .as("the new order sent during the move").isOne();

        seen.clear();
        final long[] bestBid = before.get(0);
        order(shards, 4, INSTRUMENT, Side.SELL, bestBid[1], 1);
        shards.pump();
        assertThat(seen.stream().filter(e -> e.kind() == Kind.TRADE).toList()).singleElement()
            .satisfies(trade -> assertThat(trade.shard()).isEqualTo(to))
            .satisfies(trade -> assertThat(trade.subject()).as("maker").isEqualTo(bestBid[0]));
    }

    private void order(
        final MovingShards shards, final long account, final int instrument, final Side side, final long price,
        final long quantity)
    {
        assertThat(shards.client().offer(buffer, 0, encoder.newOrder(buffer, 0, 0, account, clientOrderId++,
            instrument, side, OrderType.LIMIT, TimeInForce.GTC, false, SelfTradePrevention.NONE, price, quantity)))
            .isPositive();
    }

    private static boolean isAdmin(final Seen event, final AdminType type)
    {
        return event.kind() == Kind.ADMIN && event.instrument() == type.value();
    }

    private static boolean isStatus(final Seen event)
    {
        return event.kind() == Kind.STATUS || event.kind() == Kind.FEED_STATUS;
    }

    private int first(final Predicate<Seen> filter)
    {
        return first(-1, filter);
    }

    private int first(final int after, final Predicate<Seen> filter)
    {
        for (int i = after + 1; i < seen.size(); i++)
        {
            if (filter.test(seen.get(i)))
            {
                return i;
            }
        }
        return -1;
    }

    private int last(final Predicate<Seen> filter)
    {
        for (int i = seen.size() - 1; i >= 0; i--)
        {
            if (filter.test(seen.get(i)))
            {
                return i;
            }
        }
        return -1;
    }

    private long count(final Predicate<Seen> filter)
    {
        return seen.stream().filter(filter).count();
    }

    /**
     * Keeps what the client hands on about {@link #INSTRUMENT}: statuses, trades, accepts and rejects, the feed's
     * added and deleted orders, and the admin answers (their type in {@code instrument}) that name it or a move's
     * transfer.
     */
    private final class Listener implements VenueEventHandler
    {
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final InstrumentStatusDecoder status = new InstrumentStatusDecoder();
        private final io.disruptorx.protocol.sbe.marketdata.InstrumentStatusDecoder feedStatus =
            new io.disruptorx.protocol.sbe.marketdata.InstrumentStatusDecoder();
        private final AdminResultDecoder admin = new AdminResultDecoder();
        private final TradeDecoder trade = new TradeDecoder();
        private final io.disruptorx.protocol.sbe.marketdata.TradeDecoder feedTrade =
            new io.disruptorx.protocol.sbe.marketdata.TradeDecoder();
        private final OrderAddedDecoder added = new OrderAddedDecoder();
        private final OrderDeletedDecoder deleted = new OrderDeletedDecoder();
        private final OrderAcceptedDecoder accepted = new OrderAcceptedDecoder();
        private final OrderRejectedDecoder rejected = new OrderRejectedDecoder();

        @Override
        public void onEvent(final long sequence, final DirectBuffer buffer, final int offset, final int length)
        {
            header.wrap(buffer, offset);
            final int at = offset + MessageHeaderDecoder.ENCODED_LENGTH;
            final int block = header.blockLength();
            final int version = header.version();
            final int shard = ShardIds.shardOf(sequence);
            if (header.schemaId() == InstrumentStatusDecoder.SCHEMA_ID)
            {
                switch (header.templateId())
                {
                    case InstrumentStatusDecoder.TEMPLATE_ID -> add(shard, Kind.STATUS,
                        status.wrap(buffer, at, block, version).instrumentId(), status.stateRaw(), 0);
                    case TradeDecoder.TEMPLATE_ID -> add(shard, Kind.TRADE,
                        trade.wrap(buffer, at, block, version).instrumentId(), trade.quantity(),
                        trade.makerOrderId());
                    case OrderAcceptedDecoder.TEMPLATE_ID -> add(shard, Kind.ACCEPTED,
                        accepted.wrap(buffer, at, block, version).instrumentId(), 0, accepted.orderId());
                    case OrderRejectedDecoder.TEMPLATE_ID -> add(shard, Kind.REJECTED,
                        rejected.wrap(buffer, at, block, version).instrumentId(), rejected.reasonRaw(), 0);
                    case AdminResultDecoder.TEMPLATE_ID ->
                    {
                        admin.wrap(buffer, at, block, version);
                        final AdminType type = admin.adminType();
                        if (type == AdminType.RESTORE_ORDER || type == AdminType.MOVE_OUT ||
                            admin.subjectId() == INSTRUMENT)
                        {
                            seen.add(new Seen(shard, Kind.ADMIN, type.value(), admin.resultRaw(),
                                admin.subjectId()));
                        }
                    }
                    default ->
                    {
                    }
                }
            }
            else if (header.schemaId() == OrderAddedDecoder.SCHEMA_ID)
            {
                switch (header.templateId())
                {
                    case io.disruptorx.protocol.sbe.marketdata.InstrumentStatusDecoder.TEMPLATE_ID -> add(shard,
                        Kind.FEED_STATUS, feedStatus.wrap(buffer, at, block, version).instrumentId(),
                        feedStatus.stateRaw(), 0);
                    case io.disruptorx.protocol.sbe.marketdata.TradeDecoder.TEMPLATE_ID -> add(shard,
                        Kind.FEED_TRADE, feedTrade.wrap(buffer, at, block, version).instrumentId(), 0, 0);
                    case OrderAddedDecoder.TEMPLATE_ID -> add(shard, Kind.FEED_ADDED,
                        added.wrap(buffer, at, block, version).instrumentId(), 0, added.orderId());
                    case OrderDeletedDecoder.TEMPLATE_ID -> add(shard, Kind.FEED_DELETED,
                        deleted.wrap(buffer, at, block, version).instrumentId(), 0, deleted.orderId());
                    default ->
                    {
                    }
                }
            }
        }

        private void add(final int shard, final Kind kind, final int instrument, final long value,
            final long subject)
        {
            if (instrument == INSTRUMENT)
            {
                seen.add(new Seen(shard, kind, instrument, value, subject));
            }
        }
    }
}
