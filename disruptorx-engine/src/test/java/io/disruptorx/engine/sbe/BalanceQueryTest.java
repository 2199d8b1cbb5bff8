package io.disruptorx.engine.sbe;

import java.util.ArrayList;
import java.util.List;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.QueryBalancesEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The balance query as a wire command: {@code QueryBalances} dispatched into the engine is answered with one
 * {@code AccountBalance} event per asset held, in asset id order (free and locked as the ledger has them), or one
 * with {@code assetCount} 0; it changes nothing, so a second query gives the same answer. Each answer carries this
 * shard's part of the account's funds on their way between shards ({@code inTransfer}): {@code +amount} per transfer
 * out not returned, {@code -amount} per transfer in, kept through a snapshot.
 */
class BalanceQueryTest
{
    private static final int USD = 0;
    private static final int BTC = 1;
    private static final int ETH = 7;

    private final List<String> answers = new ArrayList<>();
    private final EngineListenerAdapter recorder = new EngineListenerAdapter()
        {
            @Override
            public void onAccountBalance(
                final long timestamp,
                final long requestId,
                final long accountId,
                final int assetId,
                final int assetCount,
                final long free,
                final long locked,
                final long inTransfer)
            {
                answers.add(timestamp + " r" + requestId + " a" + accountId + " asset" + assetId + "/" + assetCount +
                    " " + free + "/" + locked + (inTransfer == 0 ? "" : " in " + inTransfer));
            }
        };
    private final MatchingEngine engine = new MatchingEngine(EngineConfig.defaults(), encoder(recorder));
    private SbeCommandDispatcher dispatcher = new SbeCommandDispatcher(engine, (reason, b, o, l) -> { });
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);

    @Test
    void shouldAnswerEachHeldAssetInIdOrderWithFreeAndLocked()
    {
        engine.addInstrument(1, 1, BTC, USD, 1, 1, 2, 0, 1, 2, 10_000, 1_000, 1_000);
        engine.adjustBalance(2, 5, ETH, 9);
        engine.adjustBalance(3, 5, USD, 1_000_000);
        engine.adjustBalance(4, 6, BTC, 50);
        engine.newOrder(5, 5, 11, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false, SelfTradePrevention.NONE,
            10_100, 10);
        engine.newOrder(6, 6, 12, 1, Side.SELL, OrderType.LIMIT, TimeInForce.IOC, false, SelfTradePrevention.NONE,
            10_100, 4);

        assertThat(query(100, 5, 77)).isTrue();
        assertThat(query(101, 6, 78)).isTrue();
        assertThat(query(102, 5, 79)).isTrue();

        assertThat(answers).containsExactly(
            "100 r77 a5 asset0/3 898984/60612",
            "100 r77 a5 asset1/3 4/0",
            "100 r77 a5 asset7/3 9/0",
            "101 r78 a6 asset0/2 40392/0",
            "101 r78 a6 asset1/2 46/0",
            "102 r79 a5 asset0/3 898984/60612",
            "102 r79 a5 asset1/3 4/0",
            "102 r79 a5 asset7/3 9/0");
        assertThat(engine.balance(5, USD)).isEqualTo(959_596);
        assertThat(engine.held(5, USD)).isEqualTo(60_612);
    }

    @Test
    void shouldAnswerOnceWithNoAssetsForAnAccountWithNothing()
    {
        engine.adjustBalance(1, 8, USD, 5);
        engine.adjustBalance(2, 8, USD, -5);

        assertThat(query(10, 8, 1)).isTrue();
        assertThat(query(11, 9, 2)).isTrue();
        assertThat(query(12, -1, 3)).isTrue();

        assertThat(answers).containsExactly("10 r1 a8 asset0/0 0/0", "11 r2 a9 asset0/0 0/0",
            "12 r3 a-1 asset0/0 0/0");
    }

    @Test
    void shouldCarryThisShardsPartOfTheTransfersOutNotReturnedAndInThroughASnapshot()
    {
        engine.adjustBalance(1, 5, USD, 1_000);
        engine.adjustBalance(2, 6, USD, 50);
        engine.transferOut(3, 1, 5, USD, 300);
        engine.transferIn(4, 2, 5, BTC, 40);
        engine.transferOut(5, 3, 5, USD, 200);
        engine.settleTransfer(6, 3, true);
        engine.transferOut(7, 4, 5, USD, 100);
        engine.settleTransfer(8, 4, false);
        engine.transferOut(9, 5, 5, USD, 10_000);
        engine.transferOut(10, 6, 6, USD, 50);
        engine.transferOut(11, 1, 5, USD, 300);

        assertThat(query(100, 5, 1)).isTrue();
        assertThat(query(101, 6, 2)).isTrue();
        final List<String> expected = List.of(
            "100 r1 a5 asset0/2 600/0 in 400",
            "100 r1 a5 asset1/2 40/0 in -40",
            "101 r2 a6 asset0/1 0/0 in 50");
        assertThat(answers).as("out 300 and 100 (settled as arrived), in 40; the return and the refusal count " +
            "nothing; an account whose funds all left is answered with its part").isEqualTo(expected);

        final UnsafeBuffer image = new UnsafeBuffer(new byte[1 << 16]);
        final int length = engine.snapshot(image, 0);
        final MatchingEngine restored = new MatchingEngine(EngineConfig.defaults(), encoder(recorder));
        restored.restore(image, 0, length);
        dispatcher = new SbeCommandDispatcher(restored, (reason, b, o, l) -> { });
        answers.clear();
        assertThat(query(100, 5, 1)).isTrue();
        assertThat(query(101, 6, 2)).isTrue();
        assertThat(answers).as("rebuilt from the transfers a snapshot holds").isEqualTo(expected);

        restored.transferIn(12, 7, 6, USD, 20);
        restored.settleTransfer(13, 1, false);
        answers.clear();
        assertThat(query(102, 6, 3)).isTrue();
        assertThat(answers).containsExactly("102 r3 a6 asset0/1 20/0 in 30");
    }

    private static SbeEventEncoder encoder(final EngineListenerAdapter listener)
    {
        return new SbeEventEncoder(new CallbackEventSink(new SbeEventDecoder(listener)));
    }

    private boolean query(final long timestamp, final long accountId, final long requestId)
    {
        final QueryBalancesEncoder encoder = new QueryBalancesEncoder().wrapAndApplyHeader(buffer, 0,
            new MessageHeaderEncoder()).timestamp(timestamp).accountId(accountId).requestId(requestId).userId(42);
        return dispatcher.dispatch(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength());
    }
}
