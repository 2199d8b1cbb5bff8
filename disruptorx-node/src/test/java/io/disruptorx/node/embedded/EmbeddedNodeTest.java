package io.disruptorx.node.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.DispatchRejectHandler;
import io.disruptorx.engine.sbe.SbeCommandDispatcher;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.journal.JournalReader;
import io.disruptorx.journal.SnapshotStore;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EmbeddedNodeTest
{
    private static final long BUYER = 1;
    private static final long SELLER = 2;

    @TempDir
    Path dir;

    private NodeConfig config(final ThreadingMode mode)
    {
        return NodeConfig.defaults(dir).withSegmentSize(1024 * 1024).withRingSizes(1024, 4096)
            .withSnapshotEvery(0, 0).withThreading(mode);
    }

    private static void await(final BooleanSupplier condition, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    private static void setUpMarket(final NodeClient client)
    {
        client.addInstrument(1, 1, 0, 1, 1, 2, 0, 0, 0, 10_000, 0, 1_000);
        client.adjustBalance(BUYER, 0, 1_000_000_000L);
        client.adjustBalance(SELLER, 1, 1_000_000L);
    }

    private static long sendFlow(final NodeClient client, final int orders)
    {
        long last = 0;
        for (int i = 0; i < orders; i++)
        {
            final boolean sell = i % 2 == 0;
            last = client.newOrder(sell ? SELLER : BUYER, i, 1, sell ? Side.SELL : Side.BUY, OrderType.LIMIT,
                TimeInForce.GTC, false, SelfTradePrevention.CANCEL_NEWEST, 10_000 + (i % 7) - 3, 1 + i % 5);
        }
        return last;
    }

    private static byte[] snapshotOf(final MatchingEngine engine)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        final int length = engine.snapshot(buffer, 0);
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    private byte[] replayJournalIntoFreshEngine()
    {
        final MatchingEngine engine = new MatchingEngine(EngineConfig.defaults(), new EngineListenerAdapter()
        {
        });
        final SbeCommandDispatcher dispatcher = new SbeCommandDispatcher(engine, DispatchRejectHandler.IGNORE);
        JournalReader.read(dir.resolve("journal"), (sequence, buffer, offset, length) ->
            dispatcher.dispatch(buffer, offset, length));
        return snapshotOf(engine);
    }

    @ParameterizedTest(name = "{0}, pipelined forces {1}")
    @CsvSource({"SHARED, ON", "DEDICATED, ON", "SHARED, OFF", "DEDICATED, OFF"})
    void shouldReportEveryOrderOnlyAfterItsCommandIsDurable(final ThreadingMode mode,
        final NodeThreading.Pipelining pipelined)
    {
        final Map<Long, Long> durableAtReport = new ConcurrentHashMap<>();
        final AtomicLong reports = new AtomicLong();
        final Map<Long, Long> sequenceOf = new ConcurrentHashMap<>();
        try (EmbeddedNode node = EmbeddedNode.start(
            config(mode).withThreading(NodeThreading.of(mode).withPipelinedForces(pipelined)), null, null))
        {
            final EngineListenerAdapter listener = new EngineListenerAdapter()
            {
                @Override
                public void onOrderAccepted(
                    final long timestamp, final long orderId, final long clientOrderId, final long accountId,
                    final int instrumentId, final Side side, final OrderType type, final TimeInForce tif,
                    final long price, final long quantity)
                {
                    durableAtReport.put(clientOrderId, node.durableSequence());
                    reports.incrementAndGet();
                }
            };
            node.subscribe(BUYER, listener);
            final NodeClient client = node.newClient(true);
            setUpMarket(client);
            for (int i = 0; i < 2_000; i++)
            {
                sequenceOf.put((long)i, client.newOrder(BUYER, i, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
                    false, SelfTradePrevention.CANCEL_NEWEST, 9_000 + i % 100, 1));
            }
            await(() -> reports.get() == 2_000, "2,000 reports");
        }
        for (final Map.Entry<Long, Long> report : durableAtReport.entrySet())
        {
            assertThat(report.getValue()).as("durable sequence when order %d was reported", report.getKey())
                .isGreaterThanOrEqualTo(sequenceOf.get(report.getKey()));
        }
    }

    @ParameterizedTest
    @EnumSource(value = ThreadingMode.class, names = {"SHARED", "DEDICATED"})
    void shouldRecoverFromJournalAloneToTheStateBeforeTheCrash(final ThreadingMode mode)
    {
        final byte[] before;
        final long applied;
        final EmbeddedNode node = EmbeddedNode.start(config(mode), null, null);
        final NodeClient client = node.newClient(true);
        setUpMarket(client);
        final long last = sendFlow(client, 5_000);
        await(() -> node.appliedSequence() == last, "engine to apply everything");
        node.crashForTest();
        before = snapshotOf(node.engine());
        applied = node.appliedSequence();

        try (EmbeddedNode restarted = EmbeddedNode.start(config(mode), null, null))
        {
            assertThat(restarted.recoveredSequence()).isEqualTo(applied);
            assertThat(restarted.replayedCommands()).isEqualTo(applied);
            restarted.crashForTest();
            assertThat(snapshotOf(restarted.engine())).isEqualTo(before);
        }
        assertThat(replayJournalIntoFreshEngine()).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(value = ThreadingMode.class, names = {"SHARED", "DEDICATED"})
    void shouldRecoverFromSnapshotPlusJournalTailAndKeepGoing(final ThreadingMode mode)
    {
        final byte[] before;
        final NodeConfig snapshotting = config(mode).withSnapshotEvery(1_000, 0);
        final EmbeddedNode node = EmbeddedNode.start(snapshotting, null, null);
        final NodeClient client = node.newClient(true);
        setUpMarket(client);
        final long last = sendFlow(client, 4_500);
        await(() -> node.appliedSequence() == last, "engine to apply everything");
        await(() -> new SnapshotStore(dir.resolve("snapshots")).latest() != null, "a snapshot");
        node.crashForTest();
        before = snapshotOf(node.engine());

        try (EmbeddedNode restarted = EmbeddedNode.start(snapshotting, null, null))
        {
            assertThat(restarted.recoveredSequence()).isEqualTo(last);
            assertThat(restarted.replayedCommands()).isLessThan(last);
            restarted.crashForTest();
            assertThat(snapshotOf(restarted.engine())).isEqualTo(before);
        }

        try (EmbeddedNode again = EmbeddedNode.start(snapshotting, null, null))
        {
            final NodeClient more = again.newClient(true);
            final long next = sendFlow(more, 100);
            assertThat(next).isEqualTo(last + 100);
            await(() -> again.appliedSequence() == next, "engine to apply the new commands");
        }
        try (EmbeddedNode afterCleanStop = EmbeddedNode.start(snapshotting, null, null))
        {
            assertThat(afterCleanStop.replayedCommands()).as("clean stop leaves a final snapshot").isZero();
            assertThat(afterCleanStop.recoveredSequence()).isEqualTo(last + 100);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ThreadingMode.class, names = {"SHARED", "DEDICATED"})
    void shouldRefuseToStartWhenDeletedSegmentsLeaveAGapBeforeTheJournal(final ThreadingMode mode) throws Exception
    {
        final NodeConfig retaining = NodeConfig.defaults(dir).withSegmentSize(64 * 1024).withRingSizes(1024, 4096)
            .withSnapshotEvery(500, 0).withThreading(mode);
        try (EmbeddedNode node = EmbeddedNode.start(retaining, null, null))
        {
            final NodeClient client = node.newClient(true);
            setUpMarket(client);
            for (int round = 0; round < 12; round++)
            {
                final long last = sendFlow(client, 1_000);
                await(() -> node.appliedSequence() == last, "round " + round);
            }
        }
        assertThat(dir.resolve("journal").resolve("journal-0000000000000000.dxj")).as("covered segment deleted")
            .doesNotExist();
        try (var snapshots = Files.list(dir.resolve("snapshots")))
        {
            for (final Path snapshot : snapshots.toList())
            {
                Files.write(snapshot, new byte[]{1, 2, 3});
            }
        }

        assertThatThrownBy(() -> EmbeddedNode.start(retaining, null, null))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("the journal does not continue from sequence 0");
    }

    @ParameterizedTest
    @EnumSource(value = ThreadingMode.class, names = {"SHARED", "DEDICATED"})
    void shouldRefuseCommandsWhenTheRingIsFullAndCountThem(final ThreadingMode mode)
    {
        final NodeConfig tiny = config(mode).withRingSizes(16, 4096).withForcePolicy(ForcePolicy.EVERY_BATCH, 0);
        try (EmbeddedNode node = EmbeddedNode.start(tiny, null, null))
        {
            final NodeClient client = node.newClient(false);
            long refused = 0;
            for (int i = 0; i < 100_000 && refused == 0; i++)
            {
                if (client.adjustBalance(BUYER, 0, 1) < 0)
                {
                    refused++;
                }
            }
            assertThat(refused).isPositive();
            assertThat(node.inputRingFullCount()).isEqualTo(refused);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ThreadingMode.class, names = {"SHARED", "DEDICATED"})
    void shouldRouteExecutionReportsToTheAccountsConcerned(final ThreadingMode mode)
    {
        final AtomicLong buyerTrades = new AtomicLong();
        final AtomicLong sellerTrades = new AtomicLong();
        final AtomicLong rejects = new AtomicLong();
        try (EmbeddedNode node = EmbeddedNode.start(config(mode), null, null))
        {
            node.subscribe(BUYER, new EngineListenerAdapter()
            {
                @Override
                public void onTrade(
                    final long timestamp, final long tradeId, final int instrumentId, final long price,
                    final long quantity, final Side takerSide, final long makerOrderId, final long makerAccountId,
                    final long makerRemaining, final long makerFee, final long takerOrderId, final long takerAccountId,
                    final long takerRemaining, final long takerFee)
                {
                    buyerTrades.incrementAndGet();
                }

                @Override
                public void onOrderRejected(
                    final long timestamp, final long clientOrderId, final long accountId, final int instrumentId,
                    final RejectReason reason)
                {
                    rejects.incrementAndGet();
                }
            });
            node.subscribe(SELLER, new EngineListenerAdapter()
            {
                @Override
                public void onTrade(
                    final long timestamp, final long tradeId, final int instrumentId, final long price,
                    final long quantity, final Side takerSide, final long makerOrderId, final long makerAccountId,
                    final long makerRemaining, final long makerFee, final long takerOrderId, final long takerAccountId,
                    final long takerRemaining, final long takerFee)
                {
                    sellerTrades.incrementAndGet();
                }
            });
            final NodeClient client = node.newClient(true);
            setUpMarket(client);
            client.newOrder(SELLER, 1, 1, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
                SelfTradePrevention.CANCEL_NEWEST, 10_000, 10);
            client.newOrder(BUYER, 2, 1, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, false,
                SelfTradePrevention.CANCEL_NEWEST, 10_000, 4);
            client.newOrder(BUYER, 3, 99, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, false,
                SelfTradePrevention.CANCEL_NEWEST, 10_000, 4);
            await(() -> buyerTrades.get() == 1 && sellerTrades.get() == 1 && rejects.get() == 1, "routed reports");
        }
    }
}
