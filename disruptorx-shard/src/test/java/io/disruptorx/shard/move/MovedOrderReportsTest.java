package io.disruptorx.shard.move;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.gateway.support.EngineVenue;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.QueryOpenOrdersEncoder;
import io.disruptorx.protocol.sbe.event.BooleanType;
import io.disruptorx.protocol.sbe.event.CancelRejectedDecoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.event.OpenOrderDecoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.OrderCancelledDecoder;
import io.disruptorx.protocol.sbe.event.OrderReplacedDecoder;
import io.disruptorx.protocol.sbe.event.TradeDecoder;
import io.disruptorx.protocol.venue.VenueEventHandler;
import io.disruptorx.shard.support.MovingShards;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.disruptorx.shard.support.ShardedVenue.BASE;
import static io.disruptorx.shard.support.ShardedVenue.QUOTE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A partially filled post-only bid and a partially filled ask with self-trade prevention move to another shard with
 * a real {@link ShardMover} (the book read directly or through the source engine's events); then they fill, are
 * replaced and are asked for. Every report about them through the sharded client is the one a run without the move
 * gives: the fills (maker's remaining quantity), the open-orders answer (original quantity, so the cumulative
 * quantity; filled notional, so the average price; update time; post-only), the post-only replace across the book
 * refused, the replace across the account's own bid stopped by its self-trade prevention.
 */
class MovedOrderReportsTest
{
    private static final long ALICE = 3;
    private static final long BOB = 4;

    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);

    @TempDir
    Path unmovedDirectory;

    @TempDir
    Path movingDirectory;

    @ParameterizedTest(name = "book read by events: {0}")
    @ValueSource(booleans = {false, true})
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldReportAMovedPartiallyFilledOrderAsIfItHadNotMoved(final boolean byEvents)
    {
        final Run unmoved = new Run(new MovingShards(2, unmovedDirectory));
        final MovingShards moving = new MovingShards(2, movingDirectory);
        final Run moved = new Run(byEvents ? moving.readingBooksByEvents() : moving);
        unmoved.before();
        moved.before();
        assertThat(moved.shardOf()).isZero();

        moved.shards.mover().move(moved.instrument, 1);
        moved.pump();
        assertThat(moved.shards.mover().stats().moves()).isEqualTo(1);
        assertThat(moved.shardOf()).isEqualTo(1);
        assertThat(moved.shards.book(0, moved.instrument)).isEmpty();
        assertThat(moved.shards.book(1, moved.instrument)).hasSize(3);
        assertThat(unmoved.shardOf()).isZero();

        unmoved.after();
        moved.after();

        assertThat(moved.reports).as("reports after the move").containsExactlyElementsOf(unmoved.reports);
        final long bid = unmoved.ids.get(0);
        final long ask = unmoved.ids.get(1);
        final long start = EngineVenue.START_NANOS;
        assertThat(unmoved.reports).containsExactly(
            "open 0/2 o" + bid + " c1 100 6/10 t" + (start + 8) + " PO n600 u=last fill cum4 avg150",
            "open 1/2 o" + ask + " c2 110 3/5 t" + (start + 9) + " n220 u" + (start + 10) + " cum2 avg110",
            "trade 100x3 maker o" + bid + " left3",
            "cancel rejected o" + bid + " POST_ONLY_WOULD_TRADE",
            "replaced o" + ask + " 100x3",
            "cancelled o" + ask + " 3",
            "trade 100x1 maker o" + bid + " left2",
            "open 0/1 o" + bid + " c1 100 2/10 t" + (start + 8) + " PO n1000 u=last fill cum8 avg125");
    }

    /**
     * One sharded venue and what its client reports of Alice's orders. Each shard stamps commands with its own clock,
     * so after the move the target's clock stamps the fills: an update time that is the last fill's time is told as
     * such; the times set before the move are the source's, the same in both runs when the move keeps them.
     */
    private final class Run
    {
        final MovingShards shards;
        final int instrument;
        final List<String> reports = new ArrayList<>();
        final List<Long> ids = new ArrayList<>();
        private long lastFill;
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final OrderAcceptedDecoder accepted = new OrderAcceptedDecoder();
        private final TradeDecoder trade = new TradeDecoder();
        private final CancelRejectedDecoder cancelRejected = new CancelRejectedDecoder();
        private final OrderReplacedDecoder replaced = new OrderReplacedDecoder();
        private final OrderCancelledDecoder cancelled = new OrderCancelledDecoder();
        private final OpenOrderDecoder open = new OpenOrderDecoder();

        Run(final MovingShards shards)
        {
            this.shards = shards;
            this.instrument = instrumentOn(shards, 0);
        }

        int shardOf()
        {
            return shards.client().table().shardOf(instrument);
        }

        /**
         * Alice's post-only bid, 10 at 200, filled 2 there, replaced to 8 at 100 and filled 2 there (notional 600 for
         * 4); her ask, 5 at 110 with CANCEL_NEWEST, filled 2; Bob's ask at 108 rests.
         */
        void before()
        {
            for (int shard = 0; shard < 2; shard++)
            {
                for (final long account : new long[]{ALICE, BOB})
                {
                    shards.client().offerTo(shard, buffer, 0, encoder.adjustBalance(buffer, 0, 1, account, BASE,
                        1_000));
                    shards.client().offerTo(shard, buffer, 0, encoder.adjustBalance(buffer, 0, 1, account, QUOTE,
                        1_000_000));
                }
            }
            offer(encoder.addInstrument(buffer, 0, 2, instrument, BASE, QUOTE, 1, 1, 0, 0, 1, 1, 100, 0, 10_000));
            order(10, ALICE, 1, Side.BUY, TimeInForce.GTC, true, SelfTradePrevention.NONE, 200, 10);
            order(12, BOB, 11, Side.SELL, TimeInForce.IOC, false, SelfTradePrevention.NONE, 200, 2);
            pump();
            replace(13, ids.get(0), 100, 8);
            order(13, ALICE, 2, Side.SELL, TimeInForce.GTC, false, SelfTradePrevention.CANCEL_NEWEST, 110, 5);
            order(14, BOB, 12, Side.BUY, TimeInForce.IOC, false, SelfTradePrevention.NONE, 110, 2);
            order(15, BOB, 13, Side.SELL, TimeInForce.IOC, false, SelfTradePrevention.NONE, 100, 2);
            order(16, BOB, 3, Side.SELL, TimeInForce.GTC, false, SelfTradePrevention.NONE, 108, 1);
            pump();
            assertThat(ids).hasSize(2);
        }

        /**
         * The open-orders answer; a fill of the bid; its replace across Bob's ask (refused, post-only); the ask
         * replaced across Alice's own bid (stopped); another fill; the answer again.
         */
        void after()
        {
            reports.clear();
            query(20);
            pump();
            order(21, BOB, 14, Side.SELL, TimeInForce.IOC, false, SelfTradePrevention.NONE, 100, 3);
            pump();
            replace(22, ids.get(0), 108, 3);
            pump();
            replace(23, ids.get(1), 100, 3);
            pump();
            order(24, BOB, 15, Side.SELL, TimeInForce.IOC, false, SelfTradePrevention.NONE, 100, 1);
            pump();
            query(25);
            pump();
        }

        void pump()
        {
            final VenueEventHandler handler = (sequence, buffer, offset, length) ->
            {
                record(buffer, offset);
                shards.mover().onEvent(sequence, buffer, offset, length);
            };
            int rounds = 0;
            while (shards.client().poll(handler, 100) + shards.mover().doWork() > 0)
            {
                assertThat(++rounds).as("events and moves keep coming").isLessThan(1_000_000);
            }
        }

        private void record(final DirectBuffer buffer, final int offset)
        {
            header.wrap(buffer, offset);
            final int at = offset + MessageHeaderDecoder.ENCODED_LENGTH;
            final int block = header.blockLength();
            final int version = header.version();
            switch (header.templateId())
            {
                case OrderAcceptedDecoder.TEMPLATE_ID ->
                {
                    accepted.wrap(buffer, at, block, version);
                    if (accepted.accountId() == ALICE)
                    {
                        ids.add(accepted.orderId());
                    }
                }
                case TradeDecoder.TEMPLATE_ID ->
                {
                    trade.wrap(buffer, at, block, version);
                    lastFill = trade.timestamp();
                    reports.add("trade " + trade.price() + "x" + trade.quantity() + " maker o" + trade.makerOrderId() +
                        " left" + trade.makerRemaining());
                }
                case CancelRejectedDecoder.TEMPLATE_ID ->
                {
                    cancelRejected.wrap(buffer, at, block, version);
                    reports.add("cancel rejected o" + cancelRejected.orderId() + " " + cancelRejected.reason());
                }
                case OrderReplacedDecoder.TEMPLATE_ID ->
                {
                    replaced.wrap(buffer, at, block, version);
                    reports.add("replaced o" + replaced.orderId() + " " + replaced.price() + "x" + replaced.quantity());
                }
                case OrderCancelledDecoder.TEMPLATE_ID ->
                {
                    cancelled.wrap(buffer, at, block, version);
                    if (cancelled.accountId() == ALICE)
                    {
                        reports.add("cancelled o" + cancelled.orderId() + " " + cancelled.cancelledQuantity());
                    }
                }
                case OpenOrderDecoder.TEMPLATE_ID ->
                {
                    open.wrap(buffer, at, block, version);
                    final long cumulative = open.originalQuantity() - open.quantity();
                    reports.add("open " + open.place() + "/" + open.orderCount() + " o" + open.orderId() + " c" +
                        open.clientOrderId() + " " + open.price() + " " + open.quantity() + "/" +
                        open.originalQuantity() + " t" + open.entryTime() +
                        (open.postOnly() == BooleanType.TRUE ? " PO" : "") + " n" + open.filledNotional() + " u" +
                        (open.updateTime() == lastFill ? "=last fill" : open.updateTime()) + " cum" + cumulative +
                        " avg" +
                        (cumulative == 0 ? 0 : open.filledNotional() / cumulative));
                }
                default ->
                {
                }
            }
        }

        private void order(final long timestamp, final long account, final long clientOrderId, final Side side,
            final TimeInForce timeInForce, final boolean postOnly, final SelfTradePrevention stp, final long price,
            final long quantity)
        {
            offer(encoder.newOrder(buffer, 0, timestamp, account, clientOrderId, instrument, side, OrderType.LIMIT,
                timeInForce, postOnly, stp, price, quantity));
        }

        private void replace(final long timestamp, final long orderId, final long price, final long quantity)
        {
            offer(encoder.replaceOrder(buffer, 0, timestamp, ALICE, timestamp, orderId, price, quantity));
        }

        private void query(final long timestamp)
        {
            offer(MessageHeaderEncoder.ENCODED_LENGTH + new QueryOpenOrdersEncoder()
                .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).timestamp(timestamp).accountId(ALICE)
                .requestId(timestamp).instrumentId(0).encodedLength());
        }

        private void offer(final int length)
        {
            assertThat(shards.client().offer(buffer, 0, length)).isPositive();
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
}
