package io.disruptorx.engine;

import java.util.ArrayList;
import java.util.List;

import io.disruptorx.engine.sbe.CallbackEventSink;
import io.disruptorx.engine.sbe.DispatchRejectHandler;
import io.disruptorx.engine.sbe.SbeCommandDispatcher;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.engine.sbe.SbeEventDecoder;
import io.disruptorx.engine.sbe.SbeEventEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MatchingEngineTransferTest
{
    private static final long ALICE = 7;
    private static final int USD = 2;
    private static final int BTC = 1;
    private static final EngineConfig CONFIG = new EngineConfig(16, 4, 1024, 64, 0, PostOnlyMode.REJECT);

    private final List<String> results = new ArrayList<>();
    private final EngineListener listener = new EngineListenerAdapter()
    {
        @Override
        public void onAdminResult(
            final long timestamp, final AdminType type, final long subjectId, final RejectReason result)
        {
            results.add(type + " " + subjectId + " " + result);
        }
    };

    private MatchingEngine funded()
    {
        final MatchingEngine engine = new MatchingEngine(CONFIG, listener);
        engine.adjustBalance(1, ALICE, USD, 1_000);
        results.clear();
        return engine;
    }

    private static byte[] snapshot(final MatchingEngine engine)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final int length = engine.snapshot(buffer, 0);
        return java.util.Arrays.copyOf(buffer.byteArray(), length);
    }

    @Test
    void shouldTakeFundsOutOfTheBalanceIntoFlightOnce()
    {
        final MatchingEngine engine = funded();
        engine.transferOut(2, 50, ALICE, USD, 300);
        engine.transferOut(3, 50, ALICE, USD, 300);

        assertThat(results).containsExactly("TRANSFER_OUT 50 NONE", "TRANSFER_OUT 50 NONE");
        assertThat(engine.balance(ALICE, USD)).isEqualTo(700);
        assertThat(engine.inFlight(ALICE, USD)).isEqualTo(300);
        assertThat(engine.transferState(50)).isEqualTo(TransferState.IN_FLIGHT);
    }

    @Test
    void shouldNotLetFundsInFlightBeSpentOrWithdrawn()
    {
        final MatchingEngine engine = funded();
        engine.addInstrument(2, 1, BTC, USD, 1, 1, 0, 0, 0, 0, 100, 0, 10_000);
        engine.transferOut(3, 51, ALICE, USD, 900);
        engine.adjustBalance(4, ALICE, USD, -101);
        engine.transferOut(5, 52, ALICE, USD, 101);
        results.clear();
        final List<RejectReason> rejects = new ArrayList<>();
        final MatchingEngine trading = new MatchingEngine(CONFIG, new EngineListenerAdapter()
        {
            @Override
            public void onOrderRejected(final long timestamp, final long clientOrderId, final long accountId,
                final int instrumentId, final RejectReason reason)
            {
                rejects.add(reason);
            }
        });
        trading.adjustBalance(1, ALICE, USD, 1_000);
        trading.addInstrument(2, 1, BTC, USD, 1, 1, 0, 0, 0, 0, 100, 0, 10_000);
        trading.transferOut(3, 51, ALICE, USD, 900);
        trading.newOrder(4, ALICE, 1, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.NONE, 100, 2);

        assertThat(engine.balance(ALICE, USD)).isEqualTo(100);
        assertThat(engine.inFlight(ALICE, USD)).isEqualTo(900);
        assertThat(engine.transferState(52)).isEqualTo(TransferState.REFUSED);
        assertThat(rejects).containsExactly(RejectReason.INSUFFICIENT_BALANCE);
    }

    @Test
    void shouldCreditAnIncomingTransferOnce()
    {
        final MatchingEngine engine = funded();
        engine.transferIn(2, 60, ALICE, USD, 250);
        engine.transferIn(3, 60, ALICE, USD, 250);
        engine.transferIn(4, 61, 99, BTC, 5);

        assertThat(results).containsExactly("TRANSFER_IN 60 NONE", "TRANSFER_IN 60 NONE", "TRANSFER_IN 61 NONE");
        assertThat(engine.balance(ALICE, USD)).isEqualTo(1_250);
        assertThat(engine.balance(99, BTC)).isEqualTo(5);
        assertThat(engine.transferState(60)).isEqualTo(TransferState.RECEIVED);
    }

    @Test
    void shouldSettleCompletedOrReturnedOnce()
    {
        final MatchingEngine engine = funded();
        engine.transferOut(2, 70, ALICE, USD, 100);
        engine.transferOut(3, 71, ALICE, USD, 200);
        engine.settleTransfer(4, 70, false);
        engine.settleTransfer(5, 71, true);
        engine.settleTransfer(6, 71, true);
        engine.settleTransfer(7, 70, true);

        assertThat(engine.balance(ALICE, USD)).isEqualTo(900);
        assertThat(engine.inFlight(ALICE, USD)).isZero();
        assertThat(engine.transferState(70)).isEqualTo(TransferState.COMPLETED);
        assertThat(engine.transferState(71)).isEqualTo(TransferState.RETURNED);
        assertThat(results).containsExactly("TRANSFER_OUT 70 NONE", "TRANSFER_OUT 71 NONE",
            "SETTLE_TRANSFER 70 NONE", "SETTLE_TRANSFER 71 NONE", "SETTLE_TRANSFER 71 NONE",
            "SETTLE_TRANSFER 70 NONE");
    }

    @Test
    void shouldRefuseTransfersThatCannotBeApplied()
    {
        final MatchingEngine engine = funded();
        engine.transferOut(2, 0, ALICE, USD, 1);
        engine.transferOut(3, 80, ALICE, USD, 0);
        engine.transferOut(4, 81, ALICE, USD, 1_001);
        engine.transferOut(5, 82, 0, USD, 1);
        engine.transferOut(6, 83, ALICE, 9, 1);
        engine.settleTransfer(7, 84, false);
        engine.transferIn(8, 85, ALICE, USD, 5);
        engine.transferOut(9, 85, ALICE, USD, 5);
        engine.settleTransfer(10, 85, false);

        assertThat(results).containsExactly("TRANSFER_OUT 0 UNKNOWN_ORDER", "TRANSFER_OUT 80 INVALID_QUANTITY",
            "TRANSFER_OUT 81 INSUFFICIENT_BALANCE", "TRANSFER_OUT 82 UNKNOWN_ACCOUNT",
            "TRANSFER_OUT 83 INVALID_ASSET", "SETTLE_TRANSFER 84 UNKNOWN_ORDER", "TRANSFER_IN 85 NONE",
            "TRANSFER_OUT 85 TRANSFER_ID_REUSED", "SETTLE_TRANSFER 85 UNKNOWN_ORDER");
        assertThat(engine.balance(ALICE, USD)).isEqualTo(1_005);
    }

    @Test
    void shouldAnswerARepeatedIdAsTheFirstTimeEvenWhenItWouldNowApply()
    {
        final MatchingEngine engine = funded();
        engine.transferOut(2, 95, ALICE, USD, 5_000);
        engine.adjustBalance(3, ALICE, USD, 10_000);
        engine.transferOut(4, 95, ALICE, USD, 5_000);
        engine.transferIn(5, 96, 0, USD, 5);
        engine.transferIn(6, 96, 0, USD, 5);
        engine.transferIn(7, 96, ALICE, USD, 5);

        assertThat(results).containsExactly("TRANSFER_OUT 95 INSUFFICIENT_BALANCE", "ADJUST_BALANCE 7 NONE",
            "TRANSFER_OUT 95 INSUFFICIENT_BALANCE", "TRANSFER_IN 96 UNKNOWN_ACCOUNT", "TRANSFER_IN 96 UNKNOWN_ACCOUNT",
            "TRANSFER_IN 96 TRANSFER_ID_REUSED");
        assertThat(engine.balance(ALICE, USD)).isEqualTo(11_000);
        assertThat(engine.transferState(95)).isEqualTo(TransferState.REFUSED);
    }

    @Test
    void shouldAnswerAnIdenticalRepeatAsTheFirstTimeAndRefuseAnIdReusedForAnotherTransfer()
    {
        final List<String> steps = new ArrayList<>();
        final MatchingEngine engine = new MatchingEngine(CONFIG, new EngineListenerAdapter()
        {
            @Override
            public void onTransferResult(final long timestamp, final AdminType type, final long transferId,
                final RejectReason result, final long accountId, final int assetId, final long moved)
            {
                steps.add(type + " " + transferId + " " + result + " account=" + accountId + " asset=" + assetId +
                    " moved=" + moved);
            }
        });
        engine.adjustBalance(1, ALICE, USD, 1_000);
        engine.adjustBalance(2, ALICE, BTC, 10);
        engine.adjustBalance(3, 8, USD, 1_000);
        engine.transferOut(4, 17, ALICE, USD, 300);
        engine.transferIn(5, 18, ALICE, USD, 40);
        final byte[] before = snapshot(engine);

        engine.transferOut(6, 17, ALICE, USD, 300);
        engine.transferOut(7, 17, 8, USD, 300);
        engine.transferOut(8, 17, ALICE, BTC, 300);
        engine.transferOut(9, 17, ALICE, USD, 299);
        engine.transferIn(10, 17, ALICE, USD, 300);
        engine.transferIn(11, 18, ALICE, USD, 40);
        engine.transferIn(12, 18, 8, USD, 40);
        engine.transferIn(13, 18, ALICE, BTC, 40);
        engine.transferIn(14, 18, ALICE, USD, 41);
        engine.transferOut(15, 18, ALICE, USD, 40);

        assertThat(steps).containsExactly(
            "TRANSFER_OUT 17 NONE account=7 asset=2 moved=-300",
            "TRANSFER_IN 18 NONE account=7 asset=2 moved=40",
            "TRANSFER_OUT 17 NONE account=7 asset=2 moved=0",
            "TRANSFER_OUT 17 TRANSFER_ID_REUSED account=8 asset=2 moved=0",
            "TRANSFER_OUT 17 TRANSFER_ID_REUSED account=7 asset=1 moved=0",
            "TRANSFER_OUT 17 TRANSFER_ID_REUSED account=7 asset=2 moved=0",
            "TRANSFER_IN 17 TRANSFER_ID_REUSED account=7 asset=2 moved=0",
            "TRANSFER_IN 18 NONE account=7 asset=2 moved=0",
            "TRANSFER_IN 18 TRANSFER_ID_REUSED account=8 asset=2 moved=0",
            "TRANSFER_IN 18 TRANSFER_ID_REUSED account=7 asset=1 moved=0",
            "TRANSFER_IN 18 TRANSFER_ID_REUSED account=7 asset=2 moved=0",
            "TRANSFER_OUT 18 TRANSFER_ID_REUSED account=7 asset=2 moved=0");
        assertThat(engine.balance(ALICE, USD)).isEqualTo(740);
        assertThat(engine.balance(ALICE, BTC)).isEqualTo(10);
        assertThat(engine.balance(8, USD)).isEqualTo(1_000);
        assertThat(engine.inFlight(ALICE, USD)).isEqualTo(300);
        assertThat(engine.inFlight(ALICE, BTC)).isZero();
        assertThat(engine.inFlight(8, USD)).isZero();
        assertThat(engine.transferState(17)).isEqualTo(TransferState.IN_FLIGHT);
        assertThat(engine.transferState(18)).isEqualTo(TransferState.RECEIVED);
        assertThat(snapshot(engine)).as("a refused reuse records nothing").isEqualTo(before);
    }

    @Test
    void shouldKeepTransfersThroughSnapshotAndRestore()
    {
        final MatchingEngine engine = funded();
        engine.transferOut(2, 90, ALICE, USD, 100);
        engine.transferOut(3, 91, ALICE, USD, 50);
        engine.settleTransfer(4, 91, false);
        engine.transferIn(5, 92, ALICE, USD, 7);
        engine.transferOut(6, 93, ALICE, USD, 1_000_000);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final int length = engine.snapshot(buffer, 0);

        final MatchingEngine restored = new MatchingEngine(CONFIG, listener);
        restored.restore(buffer, 0, length);
        final ExpandableArrayBuffer again = new ExpandableArrayBuffer(256);
        assertThat(restored.snapshot(again, 0)).isEqualTo(length);
        assertThat(again.byteArray()).startsWith(java.util.Arrays.copyOf(buffer.byteArray(), length));

        assertThat(restored.transferState(90)).isEqualTo(TransferState.IN_FLIGHT);
        assertThat(restored.transferState(91)).isEqualTo(TransferState.COMPLETED);
        assertThat(restored.transferState(92)).isEqualTo(TransferState.RECEIVED);
        assertThat(restored.transferState(93)).isEqualTo(TransferState.REFUSED);
        assertThat(restored.inFlight(ALICE, USD)).isEqualTo(100);
        results.clear();
        restored.transferOut(6, 90, ALICE, USD, 100);
        restored.transferIn(7, 92, ALICE, USD, 7);
        restored.transferOut(8, 93, ALICE, USD, 1_000_000);
        assertThat(results).containsExactly("TRANSFER_OUT 90 NONE", "TRANSFER_IN 92 NONE",
            "TRANSFER_OUT 93 INSUFFICIENT_BALANCE");
        assertThat(restored.balance(ALICE, USD)).isEqualTo(engine.balance(ALICE, USD));
    }

    @Test
    void shouldWriteTheSameSnapshotAsBeforeTransfersWhileItHoldsNone()
    {
        final MatchingEngine engine = funded();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        final int length = engine.snapshot(buffer, 0);
        assertThat(buffer.getInt(length - 4, java.nio.ByteOrder.LITTLE_ENDIAN)).isEqualTo(length);
        engine.transferOut(2, 1, ALICE, USD, 1);
        assertThat(engine.snapshot(buffer, 0)).isEqualTo(length + 4 + 40);
    }

    @Test
    void shouldApplyTransferCommandsFromTheirSbeMessages()
    {
        final List<String> decoded = new ArrayList<>();
        final MatchingEngine engine = new MatchingEngine(CONFIG, new SbeEventEncoder(new CallbackEventSink(
            (buffer, offset, length) -> new SbeEventDecoder(listener).onMessage(buffer, offset, length))));
        engine.adjustBalance(1, ALICE, USD, 1_000);
        results.clear();
        final SbeCommandDispatcher dispatcher = new SbeCommandDispatcher(engine, DispatchRejectHandler.IGNORE);
        final SbeCommandEncoder encoder = new SbeCommandEncoder();
        final UnsafeBuffer command = new UnsafeBuffer(new byte[128]);

        assertThat(dispatcher.dispatch(command, 0, encoder.transferOut(command, 0, 2, 5, ALICE, USD, 40))).isTrue();
        assertThat(dispatcher.dispatch(command, 0, encoder.transferIn(command, 0, 3, 6, ALICE, USD, 10))).isTrue();
        assertThat(dispatcher.dispatch(command, 0, encoder.settleTransfer(command, 0, 4, 5, true))).isTrue();
        decoded.addAll(results);

        assertThat(decoded).containsExactly("TRANSFER_OUT 5 NONE", "TRANSFER_IN 6 NONE", "SETTLE_TRANSFER 5 NONE");
        assertThat(engine.balance(ALICE, USD)).isEqualTo(1_010);
        assertThat(engine.transferState(5)).isEqualTo(TransferState.RETURNED);
    }

    @Test
    void shouldTellEveryStepsAccountAssetAndLedgerChangeThroughTheSbeEvents()
    {
        final List<String> steps = new ArrayList<>();
        final EngineListener details = new EngineListenerAdapter()
        {
            @Override
            public void onAdminResult(
                final long timestamp, final AdminType type, final long subjectId, final RejectReason result)
            {
                steps.add("plain " + type + " " + subjectId + " " + result);
            }

            @Override
            public void onTransferResult(final long timestamp, final AdminType type, final long transferId,
                final RejectReason result, final long accountId, final int assetId, final long moved)
            {
                steps.add(type + " " + transferId + " " + result + " account=" + accountId + " asset=" + assetId +
                    " moved=" + moved);
            }
        };
        final MatchingEngine source = new MatchingEngine(CONFIG, new SbeEventEncoder(new CallbackEventSink(
            (buffer, offset, length) -> new SbeEventDecoder(details).onMessage(buffer, offset, length))));
        final MatchingEngine target = new MatchingEngine(CONFIG, new SbeEventEncoder(new CallbackEventSink(
            (buffer, offset, length) -> new SbeEventDecoder(details).onMessage(buffer, offset, length))));
        source.adjustBalance(1, ALICE, USD, 1_000);
        steps.clear();

        source.transferOut(2, 60, ALICE, USD, 300);
        source.transferOut(3, 60, ALICE, USD, 300);
        target.transferIn(4, 60, ALICE, USD, 300);
        target.transferIn(5, 60, ALICE, USD, 999);
        source.settleTransfer(6, 60, false);
        source.transferOut(7, 61, ALICE, USD, 5_000);
        source.transferOut(8, 62, ALICE, USD, 200);
        source.settleTransfer(9, 62, true);
        source.settleTransfer(10, 62, true);
        source.settleTransfer(11, 63, true);

        assertThat(steps).containsExactly(
            "TRANSFER_OUT 60 NONE account=7 asset=2 moved=-300",
            "TRANSFER_OUT 60 NONE account=7 asset=2 moved=0",
            "TRANSFER_IN 60 NONE account=7 asset=2 moved=300",
            "TRANSFER_IN 60 TRANSFER_ID_REUSED account=7 asset=2 moved=0",
            "SETTLE_TRANSFER 60 NONE account=7 asset=2 moved=0",
            "TRANSFER_OUT 61 INSUFFICIENT_BALANCE account=7 asset=2 moved=0",
            "TRANSFER_OUT 62 NONE account=7 asset=2 moved=-200",
            "SETTLE_TRANSFER 62 NONE account=7 asset=2 moved=200",
            "SETTLE_TRANSFER 62 NONE account=7 asset=2 moved=0",
            "SETTLE_TRANSFER 63 UNKNOWN_ORDER account=0 asset=0 moved=0");
        source.adjustBalance(12, ALICE, USD, 1);
        assertThat(steps).last().isEqualTo("plain ADJUST_BALANCE 7 NONE");
    }
}
