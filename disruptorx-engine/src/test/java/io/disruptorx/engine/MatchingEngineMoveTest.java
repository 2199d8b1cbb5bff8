package io.disruptorx.engine;

import java.util.ArrayList;
import java.util.List;

import io.disruptorx.engine.sbe.DispatchRejectHandler;
import io.disruptorx.engine.sbe.SbeCommandDispatcher;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MatchingEngineMoveTest
{
    private static final long ALICE = 7;
    private static final long BOB = 8;
    private static final long CAROL = 9;
    private static final int BTC = 1;
    private static final int USD = 2;
    private static final int INSTRUMENT = 3;
    private static final long FIRST_TRANSFER = 1_000;
    private static final EngineConfig CONFIG = new EngineConfig(16, 4, 1024, 64, 0, PostOnlyMode.REJECT);

    private final List<String> results = new ArrayList<>();
    private final List<Long> makers = new ArrayList<>();
    private final EngineListener listener = new EngineListenerAdapter()
    {
        @Override
        public void onAdminResult(
            final long timestamp, final AdminType type, final long subjectId, final RejectReason result)
        {
            results.add(type + " " + subjectId + " " + result);
        }

        @Override
        public void onTrade(
            final long timestamp, final long tradeId, final int instrumentId, final long price, final long quantity,
            final Side takerSide, final long makerOrderId, final long makerAccountId, final long makerRemaining,
            final long makerFee, final long takerOrderId, final long takerAccountId, final long takerRemaining,
            final long takerFee)
        {
            makers.add(makerOrderId);
        }
    };
    private final List<long[]> visited = new ArrayList<>();
    private final List<Object[]> enums = new ArrayList<>();
    private final InstrumentMoves.BookVisitor visitor = new InstrumentMoves.BookVisitor()
    {
        @Override
        public void onInstrument(
            final int instrumentId, final int baseAssetId, final int quoteAssetId, final long tickSize,
            final long lotSize, final int priceScale, final int quantityScale, final long makerFeePerLot,
            final long takerFeePerLot, final long referencePrice, final int priceBandBps,
            final int marketProtectionBps)
        {
            assertThat(takerFeePerLot).isEqualTo(1);
        }

        @Override
        public void onOrder(
            final long orderId, final long accountId, final long clientOrderId, final Side side,
            final TimeInForce timeInForce, final long price, final long openQuantity, final long entryTime,
            final int heldAssetId, final long hold)
        {
            visited.add(new long[]{orderId, accountId, clientOrderId, price, openQuantity, entryTime, heldAssetId,
                hold});
            enums.add(new Object[]{side, timeInForce});
        }
    };

    private MatchingEngine engine()
    {
        final MatchingEngine engine = new MatchingEngine(CONFIG, listener);
        engine.addInstrument(1, INSTRUMENT, BTC, USD, 1, 1, 0, 0, 0, 1, 100, 0, 10_000);
        return engine;
    }

    private MatchingEngine sourceWithBook()
    {
        final MatchingEngine source = engine();
        for (final long account : new long[]{ALICE, BOB, CAROL})
        {
            source.adjustBalance(2, account, USD, 10_000);
            source.adjustBalance(2, account, BTC, 100);
        }
        source.newOrder(10, ALICE, 1, INSTRUMENT, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.NONE, 100, 2);
        source.newOrder(11, BOB, 1, INSTRUMENT, Side.BUY, OrderType.LIMIT, TimeInForce.DAY, false,
            SelfTradePrevention.NONE, 100, 3);
        source.newOrder(12, ALICE, 2, INSTRUMENT, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.NONE, 99, 1);
        source.newOrder(13, BOB, 2, INSTRUMENT, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.NONE, 105, 4);
        source.newOrder(14, ALICE, 3, INSTRUMENT, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.NONE, 106, 1);
        return source;
    }

    private static long total(final MatchingEngine engine, final long account, final int asset)
    {
        return engine.balance(account, asset) + engine.inFlight(account, asset);
    }

    @Test
    void shouldMoveABookWithItsHoldsAndPriorityThroughTheLog()
    {
        final MatchingEngine source = sourceWithBook();
        final MatchingEngine target = engine();
        final long aliceHeld = source.held(ALICE, USD);
        source.haltInstrument(20, INSTRUMENT);
        assertThat(source.moves().visitBook(INSTRUMENT, visitor)).isEqualTo(5);
        results.clear();

        source.moves().moveOut(21, 5, INSTRUMENT, 5, FIRST_TRANSFER);

        assertThat(results).containsExactly("MOVE_OUT 5 NONE");
        assertThat(source.restingOrderCount()).isZero();
        assertThat(source.held(ALICE, USD)).isZero();
        assertThat(source.inFlight(ALICE, USD)).isEqualTo(aliceHeld);
        assertThat(total(source, ALICE, USD)).isEqualTo(10_000);
        assertThat(total(source, BOB, BTC)).isEqualTo(100);

        final SbeCommandDispatcher dispatcher = new SbeCommandDispatcher(target, DispatchRejectHandler.IGNORE);
        final SbeCommandEncoder encoder = new SbeCommandEncoder();
        final UnsafeBuffer command = new UnsafeBuffer(new byte[SbeCommandEncoder.MAX_LENGTH]);
        results.clear();
        for (int i = 0; i < visited.size(); i++)
        {
            final long[] o = visited.get(i);
            assertThat(dispatcher.dispatch(command, 0, encoder.restoreOrder(command, 0, 30, FIRST_TRANSFER + i,
                o[0] | 1L << 52, o[1], o[2], INSTRUMENT, (Side)enums.get(i)[0], (TimeInForce)enums.get(i)[1], o[3],
                o[4], o[5], (int)o[6], o[7], 0, 0, 30, false, SelfTradePrevention.NONE))).isTrue();
            source.settleTransfer(31, FIRST_TRANSFER + i, false);
        }
        assertThat(results).filteredOn(r -> r.startsWith("RESTORE_ORDER")).allMatch(r -> r.endsWith("NONE"))
            .hasSize(5);
        assertThat(target.held(ALICE, USD)).isEqualTo(aliceHeld);
        assertThat(target.balance(ALICE, USD)).isEqualTo(aliceHeld);
        assertThat(source.balance(ALICE, USD) + target.balance(ALICE, USD)).isEqualTo(10_000);
        assertThat(source.inFlight(ALICE, USD)).isZero();
        assertThat(source.balance(BOB, BTC) + target.balance(BOB, BTC)).isEqualTo(100);
        assertThat(target.bestBid(INSTRUMENT)).isEqualTo(100);
        assertThat(target.bestAsk(INSTRUMENT)).isEqualTo(105);
        assertThat(target.entryTime(visited.get(0)[0] | 1L << 52)).isEqualTo(10);

        target.adjustBalance(40, CAROL, BTC, 10);
        target.newOrder(41, CAROL, 9, INSTRUMENT, Side.SELL, OrderType.LIMIT, TimeInForce.IOC, false,
            SelfTradePrevention.NONE, 99, 6);
        assertThat(makers).containsExactly(visited.get(0)[0] | 1L << 52, visited.get(1)[0] | 1L << 52,
            visited.get(2)[0] | 1L << 52);
        assertThat(target.restingOrderCount()).isEqualTo(2);
    }

    @Test
    void shouldAnswerRepeatsAsTheFirstTimeAndChangeNothing()
    {
        final MatchingEngine source = sourceWithBook();
        final MatchingEngine target = engine();
        source.haltInstrument(20, INSTRUMENT);
        source.moves().visitBook(INSTRUMENT, visitor);
        source.moves().moveOut(21, 5, INSTRUMENT, 5, FIRST_TRANSFER);
        final long[] o = visited.get(0);
        final long moved = o[0] | 1L << 52;
        target.moves().restoreOrder(30, FIRST_TRANSFER, moved, o[1], o[2], INSTRUMENT, Side.BUY, TimeInForce.GTC,
            o[3], o[4], o[5], (int)o[6], o[7], 0, 0, 30, false, SelfTradePrevention.NONE);
        results.clear();

        source.moves().moveOut(22, 5, INSTRUMENT, 5, FIRST_TRANSFER);
        target.moves().restoreOrder(31, FIRST_TRANSFER, moved, o[1], o[2], INSTRUMENT, Side.BUY, TimeInForce.GTC,
            o[3], o[4], o[5], (int)o[6], o[7], 0, 0, 30, false, SelfTradePrevention.NONE);

        assertThat(results).containsExactly("MOVE_OUT 5 NONE", "RESTORE_ORDER " + FIRST_TRANSFER + " NONE");
        assertThat(target.restingOrderCount()).isEqualTo(1);
        assertThat(target.balance(o[1], USD)).isEqualTo(o[7]);
        assertThat(source.inFlight(ALICE, USD) + source.balance(ALICE, USD)).isEqualTo(10_000);
    }

    @Test
    void shouldRefuseAMoveOfATradingOrChangedBookAndChangeNothing()
    {
        final MatchingEngine source = sourceWithBook();
        results.clear();

        source.moves().moveOut(21, 5, INSTRUMENT, 5, FIRST_TRANSFER);
        source.haltInstrument(22, INSTRUMENT);
        source.moves().moveOut(23, 6, INSTRUMENT, 4, FIRST_TRANSFER);
        source.moves().moveOut(24, 7, 99, 0, FIRST_TRANSFER);

        assertThat(results).containsExactly("MOVE_OUT 5 INVALID_QUANTITY", "HALT_INSTRUMENT 3 NONE",
            "MOVE_OUT 6 INVALID_QUANTITY", "MOVE_OUT 7 UNKNOWN_INSTRUMENT");
        assertThat(source.restingOrderCount()).isEqualTo(5);
        assertThat(source.inFlight(ALICE, USD)).isZero();
    }

    @Test
    void shouldRefuseARestoreWhoseHoldIsNotTheOrdersAndKeepItsAnswer()
    {
        final MatchingEngine target = engine();
        results.clear();

        target.moves().restoreOrder(30, 77, 1L << 52 | 5, ALICE, 1, INSTRUMENT, Side.BUY, TimeInForce.GTC, 100, 2,
            10, USD, 1, 0, 0, 30, false, SelfTradePrevention.NONE);
        target.moves().restoreOrder(31, 77, 1L << 52 | 5, ALICE, 1, INSTRUMENT, Side.BUY, TimeInForce.GTC, 100, 2,
            10, USD, 202, 0, 0, 31, false, SelfTradePrevention.NONE);
        target.moves().restoreOrder(32, 78, 1L << 52 | 6, ALICE, 1, INSTRUMENT, Side.BUY, TimeInForce.IOC, 100, 2,
            10, USD, 202, 0, 0, 32, false, SelfTradePrevention.NONE);

        assertThat(results).containsExactly("RESTORE_ORDER 77 INVALID_QUANTITY", "RESTORE_ORDER 77 INVALID_QUANTITY",
            "RESTORE_ORDER 78 INVALID_ORDER_TYPE");
        assertThat(target.restingOrderCount()).isZero();
        assertThat(target.balance(ALICE, USD)).isZero();
    }
}
