package io.disruptorx.node.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.disruptorx.core.metrics.PrometheusCollector;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.node.http.NodeApi;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The journal failing under a running node: a force that fails, an {@link Error} in an append, an append that
 * stalls past the shutdown timeout. Whatever the journal does, the engine must never apply (and nobody may be
 * told about) a command the journal did not complete, and the data directory must stay locked while a thread
 * that might still append is alive. Every test runs in both threading modes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournalFailStopTest
{
    private static final long ACCOUNT = 1;
    private static final Pattern SKIPPED =
        Pattern.compile("dx_workflow_skipped_total\\{step=\"engine\",workflow=\"sequencer\"} ([0-9.E]+)");

    @TempDir
    Path dir;

    private final FaultyJournal faulty = new FaultyJournal();
    /** Sequence of each order reported to the account, by client order id. */
    private final Map<Long, Long> reported = new ConcurrentHashMap<>();
    private final Map<Long, Long> sequenceOf = new ConcurrentHashMap<>();

    private NodeConfig config(final ThreadingMode mode)
    {
        return NodeConfig.defaults(dir).withSegmentSize(1024 * 1024).withRingSizes(1024, 4096)
            .withSnapshotEvery(0, 0).withThreading(mode);
    }

    private EmbeddedNode start(final ThreadingMode mode, final Duration shutdownTimeout)
    {
        final EmbeddedNode node = EmbeddedNode.start(config(mode), null, null, null,
            new StartOptions(faulty::wrap, shutdownTimeout));
        node.subscribe(ACCOUNT, new EngineListenerAdapter()
        {
            @Override
            public void onOrderAccepted(
                final long timestamp, final long orderId, final long clientOrderId, final long accountId,
                final int instrumentId, final Side side, final OrderType type, final TimeInForce tif,
                final long price, final long quantity)
            {
                reported.put(clientOrderId, sequenceOf.get(clientOrderId));
            }

            @Override
            public void onOrderRejected(
                final long timestamp, final long clientOrderId, final long accountId, final int instrumentId,
                final RejectReason reason)
            {
                reported.put(clientOrderId, sequenceOf.get(clientOrderId));
            }
        });
        return node;
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
            Thread.yield();
        }
    }

    private long order(final NodeClient client, final long clientOrderId)
    {
        sequenceOf.put(clientOrderId, Long.MAX_VALUE);
        final long sequence = client.newOrder(ACCOUNT, clientOrderId, 1, Side.BUY, OrderType.LIMIT,
            TimeInForce.GTC, false, SelfTradePrevention.CANCEL_NEWEST, 9_000 + clientOrderId % 100, 1);
        sequenceOf.put(clientOrderId, sequence);
        return sequence;
    }

    private long orders(final NodeClient client, final long first, final int count)
    {
        long last = 0;
        for (long id = first; id < first + count; id++)
        {
            last = order(client, id);
        }
        return last;
    }

    private static long skippedByEngine(final EmbeddedNode node)
    {
        final Matcher matcher = SKIPPED.matcher(new PrometheusCollector(node.metrics()).scrapeText());
        return matcher.find() ? (long)Double.parseDouble(matcher.group(1)) : 0;
    }

    private static String metric(final EmbeddedNode node, final String name)
    {
        final Matcher matcher = Pattern.compile("(?m)^" + name + " ([0-9.E-]+)$")
            .matcher(new PrometheusCollector(node.metrics()).scrapeText());
        return matcher.find() ? matcher.group(1) : "absent";
    }

    private static void setUpMarket(final NodeClient client)
    {
        client.addInstrument(1, 1, 0, 1, 1, 2, 0, 0, 0, 10_000, 0, 1_000);
        client.adjustBalance(ACCOUNT, 0, 1_000_000_000L);
    }

    @ParameterizedTest
    @EnumSource(value = ThreadingMode.class, names = {"SHARED", "DEDICATED"})
    void shouldApplyNothingMoreOnceAForceFailsAndRecoverFromTheJournalOnRestart(final ThreadingMode mode)
    {
        final long acknowledged;
        try (EmbeddedNode node = start(mode, StartOptions.DEFAULT.shutdownTimeout()))
        {
            final NodeClient client = node.newClient(true);
            setUpMarket(client);
            acknowledged = orders(client, 1, 200);
            await(() -> reported.size() == 200, "200 reports");

            faulty.failForces();
            orders(client, 1_000, 100);
            await(() -> node.journalFailure() != null, "the journal to fail");
            orders(client, 2_000, 100);
            await(() -> skippedByEngine(node) == 200, "the engine to skip every command after the failure");

            assertThat(node.journalFailure()).hasMessageContaining("msync: Input/output error");
            assertThat(reported).as("nobody is told about a command whose force failed").hasSize(200);
            assertThat(node.appliedSequence()).isEqualTo(acknowledged);
            assertThat(node.durableSequence()).isEqualTo(acknowledged);
            assertThat(metric(node, "dx_journal_failed")).isEqualTo("1.0");
            assertThat(NodeApi.health(node)).contains("\"status\":\"FAILED\"");
        }

        faulty.wrap(null);
        try (EmbeddedNode restarted = EmbeddedNode.start(config(mode), null, null))
        {
            assertThat(restarted.recoveredSequence()).as("every acknowledged command is back")
                .isGreaterThanOrEqualTo(acknowledged);
            final long next = order(restarted.newClient(true), 3_000);
            await(() -> restarted.appliedSequence() == next, "the restarted node to apply a new command");
        }
    }

    /**
     * An {@link Error} from an append (as the JVM raises for a fault in a memory-mapped write) used to escape
     * the journal step: the Disruptor's exception handler swallowed it and the engine applied the command, and
     * the rest of its batch before their force, as if journalled.
     */
    @ParameterizedTest
    @EnumSource(value = ThreadingMode.class, names = {"SHARED", "DEDICATED"})
    void shouldFailStopOnAnErrorInAnAppendWithoutApplyingTheCommand(final ThreadingMode mode)
    {
        try (EmbeddedNode node = start(mode, StartOptions.DEFAULT.shutdownTimeout()))
        {
            final NodeClient client = node.newClient(true);
            setUpMarket(client);
            orders(client, 1, 100);
            await(() -> reported.size() == 100, "100 reports");
            final long failing = node.appliedSequence() + 50;
            faulty.throwErrorAtAppendOf(failing);
            final long last = orders(client, 1_000, 300);
            await(() -> skippedByEngine(node) + node.appliedSequence() >= last,
                "the engine to skip or apply every command");

            assertThat(node.appliedSequence()).as("the engine stopped before the command that failed")
                .isLessThan(failing);
            assertThat(reported.values()).as("sequences of the reported orders").allMatch(s -> s < failing);
            assertThat(node.journalFailure()).isInstanceOf(InternalError.class);
            assertThat(metric(node, "dx_journal_failed")).isEqualTo("1.0");
        }
    }

    @ParameterizedTest
    @EnumSource(value = ThreadingMode.class, names = {"SHARED", "DEDICATED"})
    void shouldKeepTheDataDirectoryLockedUntilAStalledJournalThreadHasEnded(final ThreadingMode mode) throws Exception
    {
        final EmbeddedNode node = start(mode, Duration.ofMillis(500));
        final NodeClient client = node.newClient(true);
        setUpMarket(client);
        final long stalledAt = node.appliedSequence() + 3;
        faulty.stallAppendOf(stalledAt);
        final long last = orders(client, 1, 1);
        assertThat(last).isEqualTo(stalledAt);
        assertThat(faulty.awaitStalled()).isTrue();

        node.close();

        assertThatThrownBy(() -> EmbeddedNode.start(config(mode), null, null))
            .as("a second node while the stalled thread may still append").isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("another node is running");
        faulty.releaseStall();
        final EmbeddedNode[] next = new EmbeddedNode[1];
        await(() ->
        {
            try
            {
                next[0] = EmbeddedNode.start(config(mode), null, null);
                return true;
            }
            catch (final IllegalStateException ex)
            {
                return false;
            }
        }, "the data directory to be released once the stalled thread ended");
        try (EmbeddedNode restarted = next[0])
        {
            assertThat(restarted.recoveredSequence()).as("the stalled append completed before the release")
                .isEqualTo(stalledAt);
        }
    }
}
