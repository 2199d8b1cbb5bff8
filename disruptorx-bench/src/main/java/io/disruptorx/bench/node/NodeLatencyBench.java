package io.disruptorx.bench.node;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import io.disruptorx.core.metrics.LatencySnapshot;
import io.disruptorx.engine.AdminType;
import io.disruptorx.engine.CancelReason;
import io.disruptorx.engine.EngineListener;
import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.MarketDataSink;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.embedded.NodeTracing;
import io.disruptorx.node.embedded.ThreadingMode;
import org.HdrHistogram.Histogram;

/**
 * End-to-end in-process latency of an {@link EmbeddedNode} with its journal on: a paced producer thread offers
 * {@link OfferedFlow} commands at a fixed rate through a blocking {@link NodeClient}; a listener subscribed to every
 * account records, on the output thread, the time from each command's <em>intended</em> send time
 * ({@link PacedSchedule}) to its first execution report (OrderAccepted/OrderRejected for a new order,
 * OrderCancelled/CancelRejected for a cancel). Measuring from the intended time corrects coordinated omission.
 *
 * <p>Threads: the producer and the node's stages, by its {@link ThreadingMode}: one thread running journal, engine
 * and output as one duty cycle ({@link ThreadingMode#SHARED}), or journal, engine and two output consumers on a
 * thread each ({@link ThreadingMode#DEDICATED}). How the producer waits for its next send time is a
 * {@link ProducerWait}: by default it yields between sends when the next command is due in under 200 us and parks
 * otherwise, so at 50k orders/s and above it is a busy thread; or it parks until the next send time and leaves a
 * core.
 */
public final class NodeLatencyBench
{
    /** Setting up and draining may take this long before a run is declared stuck. */
    private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** Gaps of the node's reports and lags of the producer's sends logged from this length. */
    static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** The threads' times are read from 1/5 s before the window, so that reading them delays no measured send. */
    private static final long THREADS_LEAD = 5;
    private static final int RING_BITS = 21;
    private static final int RING = 1 << RING_BITS;
    private static final int MASK = RING - 1;
    private static final int INSTRUMENT = 1;
    private static final int BASE_ASSET = 1;
    private static final int QUOTE_ASSET = 0;
    private static final long FUNDS = 1_000_000_000_000_000L;

    private static volatile ProducerWait producerWait = ProducerWait.YIELD;

    private NodeLatencyBench()
    {
    }

    /**
     * Sets how the producers of later runs wait (the default is {@link ProducerWait#YIELD}).
     *
     * @param wait the waiting.
     */
    public static void producerWait(final ProducerWait wait)
    {
        producerWait = wait;
    }

    /**
     * @return how the producers wait.
     */
    public static ProducerWait producerWait()
    {
        return producerWait;
    }

    /**
     * What one run measured.
     *
     * @param mode             the node's threading mode (resolved: never {@link ThreadingMode#AUTO}).
     * @param policy           journal force policy.
     * @param rate             offered commands per second.
     * @param latency          intended send to report, measured commands only.
     * @param completedPerSec  measured commands over (last report - first measured intended send).
     * @param maxSendLagNanos  largest delay of an actual send behind its intended time (producer or back-pressure).
     * @param rejectedOrders   new orders the venue refused.
     * @param rejectedCancels  cancels it refused: the target was an IOC or filled, or had not been acknowledged
     *                         when the cancel was sent (no order id yet).
     * @param platform         the hiccup meter and the collections during the measured window.
     * @param batchEnds        the node's journal batch ends (write and force by the policy), measured window.
     * @param stalls           the node thread's longest stalls in the measured window, attributed.
     * @param threads          the process's threads' CPU and run-queue waits in the measured window.
     */
    public record Run(
        ThreadingMode mode, ForcePolicy policy, long rate, LatencySummary latency, double completedPerSec,
        long maxSendLagNanos, long rejectedOrders, long rejectedCancels, PlatformWindow platform,
        LatencySummary batchEnds, String stalls, String threads)
    {
        /**
         * @return whether the venue completed at least 98% of the offered rate over the measured window.
         */
        public boolean sustained()
        {
            return completedPerSec >= 0.98 * rate;
        }

        /**
         * @return one line for progress output.
         */
        public String describe()
        {
            return String.format("node %-9s %-11s %,8d/s: %s; completed %,.0f/s%s; max send lag %,d us; refused %,d "
                + "orders, %,d cancels", mode.name().toLowerCase(Locale.ROOT), policy, rate, latency.describe(),
                completedPerSec, sustained() ? "" : " (NOT SUSTAINED)", LatencySummary.micros(maxSendLagNanos),
                rejectedOrders, rejectedCancels) + String.format("%n  %s%n  journal batch ends (write + force): %s%n%s"
                + "%n  %s", platform.describe(), batchEnds.describe(), stalls, threads);
        }
    }

    /**
     * Runs one rate on a fresh node.
     *
     * @param directory      empty data directory (journal and snapshots).
     * @param mode           the node's threading mode; {@link ThreadingMode#AUTO} picks by core count.
     * @param policy         journal force policy.
     * @param intervalNanos  force interval for {@link ForcePolicy#INTERVAL}.
     * @param rate           offered commands per second.
     * @param warmupSeconds  offered before measuring, at the same rate.
     * @param measureSeconds measured.
     * @return the run.
     */
    public static Run run(
        final Path directory, final ThreadingMode mode, final ForcePolicy policy, final long intervalNanos,
        final long rate, final double warmupSeconds, final double measureSeconds)
    {
        return run(directory, mode, policy, intervalNanos, rate, warmupSeconds, measureSeconds, true,
            NodeTracing.OFF);
    }

    /**
     * Runs one rate on a fresh node with the given observability.
     *
     * @param metrics whether the node keeps its stage latency histograms ({@code node.metrics.stage-latency}).
     * @param tracing the node's tracing.
     * @return the run.
     * @see #run(Path, ThreadingMode, ForcePolicy, long, long, double, double)
     */
    public static Run run(
        final Path directory, final ThreadingMode mode, final ForcePolicy policy, final long intervalNanos,
        final long rate, final double warmupSeconds, final double measureSeconds, final boolean metrics,
        final NodeTracing tracing)
    {
        return run(directory, mode, policy, intervalNanos, rate, warmupSeconds, measureSeconds, metrics, tracing,
            null, node -> () ->
            {
            });
    }

    /**
     * Runs one rate on a fresh node with the given observability, market data sink and attachment: what
     * {@code attach} starts on the running node (an HTTP server with dashboards open, say) lives through the set-up,
     * the warm-up and the measured window, and is closed before the node.
     *
     * @param marketData the node's market data sink (a feed), or {@code null}.
     * @param attach     starts what runs beside the node; called once the node has started.
     * @return the run.
     * @see #run(Path, ThreadingMode, ForcePolicy, long, long, double, double, boolean, NodeTracing)
     */
    public static Run run(
        final Path directory, final ThreadingMode mode, final ForcePolicy policy, final long intervalNanos,
        final long rate, final double warmupSeconds, final double measureSeconds, final boolean metrics,
        final NodeTracing tracing, final MarketDataSink marketData, final Function<EmbeddedNode, Attachment> attach)
    {
        final NodeConfig config = NodeConfig.defaults(directory).withForcePolicy(policy, intervalNanos)
            .withThreading(BenchThreading.of(mode)).withStageLatency(metrics);
        try (HiccupMeter meter = HiccupMeter.start();
            EmbeddedNode node = EmbeddedNode.startTraced(config, marketData, null, tracing);
            Attachment attached = attach.apply(node))
        {
            final NodeClient client = node.newClient(true);
            final Recorder recorder = new Recorder();
            for (long account = 1; account <= 2 * OfferedFlow.ACCOUNTS_PER_SIDE; account++)
            {
                node.subscribe(account, recorder);
            }
            long setup = client.addInstrument(INSTRUMENT, BASE_ASSET, QUOTE_ASSET, 1, 1, 2, 0, 0, 0,
                OfferedFlow.REFERENCE_PRICE, 0, 1_000);
            for (long account = 1; account <= 2 * OfferedFlow.ACCOUNTS_PER_SIDE; account++)
            {
                setup = client.adjustBalance(account, QUOTE_ASSET, FUNDS);
                setup = client.adjustBalance(account, BASE_ASSET, FUNDS);
            }
            awaitApplied(node, setup);
            return drive(node, client, recorder, meter, policy, rate, warmupSeconds, measureSeconds);
        }
    }

    /**
     * The idle-node baseline: a fresh node started and left without load while the hiccup meter records.
     *
     * @param directory empty data directory.
     * @param mode      the node's threading mode.
     * @param seconds   how long the meter records.
     * @return what the meter saw.
     */
    public static PlatformWindow idle(final Path directory, final ThreadingMode mode, final double seconds)
    {
        final NodeConfig config = NodeConfig.defaults(directory).withForcePolicy(ForcePolicy.INTERVAL,
            TimeUnit.MILLISECONDS.toNanos(1)).withThreading(mode);
        try (HiccupMeter meter = HiccupMeter.start(); EmbeddedNode node = EmbeddedNode.start(config, null, null))
        {
            final PlatformWindow window = PlatformWindow.open(meter);
            LockSupport.parkNanos((long)(seconds * 1e9));
            window.close();
            return window;
        }
    }

    /**
     * What a run attaches to its node, closed before the node.
     */
    @FunctionalInterface
    public interface Attachment extends AutoCloseable
    {
        @Override
        void close();
    }

    private static Run drive(
        final EmbeddedNode node, final NodeClient client, final Recorder recorder, final HiccupMeter meter,
        final ForcePolicy policy, final long rate, final double warmupSeconds, final double measureSeconds)
    {
        final StallLog sendLags = new StallLog(STALL_NANOS);
        final ProducerWait wait = producerWait;
        final long slack = TimerSlack.set(wait.slackNanos());
        try
        {
            return drive(node, client, recorder, meter, policy, rate, warmupSeconds, measureSeconds, sendLags, wait);
        }
        finally
        {
            TimerSlack.set(slack);
        }
    }

    private static Run drive(
        final EmbeddedNode node, final NodeClient client, final Recorder recorder, final HiccupMeter meter,
        final ForcePolicy policy, final long rate, final double warmupSeconds, final double measureSeconds,
        final StallLog sendLags, final ProducerWait wait)
    {
        PlatformWindow platform = null;
        RunQueueWaits threads = null;
        final PacedSchedule schedule = new PacedSchedule(System.nanoTime() + 1_000_000, rate);
        final long warmup = schedule.commandsIn(warmupSeconds);
        final long total = warmup + schedule.commandsIn(measureSeconds);
        recorder.measureFrom = warmup;
        long index = 0;
        long maxLag = 0;
        while (index < total)
        {
            final long now = System.nanoTime();
            final long due = Math.min(schedule.dueBy(now), total);
            if (index >= due)
            {
                wait.await(schedule.intendedNanos(index) - now);
                continue;
            }
            if (threads == null && index >= warmup - rate / THREADS_LEAD)
            {
                threads = RunQueueWaits.open();
            }
            if (index >= warmup)
            {
                if (platform == null)
                {
                    node.journalForceLatency().intervalSnapshot();
                    platform = PlatformWindow.open(meter);
                }
                final long lag = now - schedule.intendedNanos(index);
                maxLag = Math.max(maxLag, lag);
                sendLags.add(schedule.intendedNanos(index), lag);
            }
            while (index < due)
            {
                send(client, recorder, index, schedule.intendedNanos(index));
                index++;
            }
            if (index - recorder.reported.get() > RING / 2)
            {
                throw new IllegalStateException("more than " + RING / 2 + " commands without a report at " + rate +
                    "/s: the venue is not keeping up");
            }
        }
        final long deadline = System.nanoTime() + DRAIN_TIMEOUT_NANOS;
        while (recorder.reported.get() < total)
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("only " + recorder.reported.get() + " of " + total +
                    " reports arrived; order reports seen by the node: " + node.orderReports() + "; commands " +
                    "journalled up to " + node.durableSequence() + ", applied up to " + node.appliedSequence());
            }
            LockSupport.parkNanos(100_000);
        }
        platform.close();
        final double window = recorder.lastReportNanos - schedule.intendedNanos(warmup);
        final double completed = (total - warmup) * 1e9 / window;
        final LatencySnapshot ends = node.journalForceLatency().intervalSnapshot();
        return new Run(node.threadingMode(), policy, rate, LatencySummary.of(recorder.histogram), completed, maxLag,
            recorder.rejectedOrders, recorder.rejectedCancels, platform,
            new LatencySummary(ends.count(), ends.p50(), ends.p90(), ends.p99(), ends.p999(), ends.max()),
            platform.stalls(recorder.gaps, sendLags), threads.describe(1));
    }

    /** Sends command {@code index}: one new order or one cancel, its id and intended time noted first. */
    static void send(final NodeClient client, final Recorder recorder, final long index, final long intendedNanos)
    {
        final long id = index + 1;
        final int slot = (int)(id & MASK);
        recorder.ids[slot] = id;
        recorder.intended[slot] = intendedNanos;
        if (OfferedFlow.isCancel(index))
        {
            final long target = OfferedFlow.cancelTarget(index);
            final long orderId = recorder.orderIds.get((int)((target + 1) & MASK));
            client.cancelOrder(OfferedFlow.account(target), id, orderId);
            return;
        }
        recorder.orderIds.set(slot, 0);
        final boolean ioc = OfferedFlow.isIoc(index);
        client.newOrder(OfferedFlow.account(index), id, INSTRUMENT, OfferedFlow.isBuy(index) ? Side.BUY : Side.SELL,
            OrderType.LIMIT, ioc ? TimeInForce.IOC : TimeInForce.GTC, false, SelfTradePrevention.CANCEL_NEWEST,
            OfferedFlow.price(index), OfferedFlow.quantity(index));
    }

    private static void awaitApplied(final EmbeddedNode node, final long sequence)
    {
        final long deadline = System.nanoTime() + DRAIN_TIMEOUT_NANOS;
        while (node.appliedSequence() < sequence)
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("node did not apply the set-up commands");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /**
     * Records report latencies on the node's output thread. The producer writes a command's id and intended time
     * before publishing it; the ring's publication makes them visible to the output thread.
     */
    static final class Recorder implements EngineListener
    {
        final long[] ids = new long[RING];
        final long[] intended = new long[RING];
        /** Engine order id of each new order, written on acceptance, read by the producer for its cancel. */
        final AtomicLongArray orderIds = new AtomicLongArray(RING);
        final AtomicLong reported = new AtomicLong();
        final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        /** Gaps between reports in the measured window (on the output thread, the node's one in shared mode). */
        final StallLog gaps = new StallLog(STALL_NANOS);
        volatile long measureFrom;
        long lastReportNanos;
        long rejectedOrders;
        long rejectedCancels;

        private void report(final long id)
        {
            final int slot = (int)(id & MASK);
            if (id <= 0 || ids[slot] != id)
            {
                return;
            }
            final long now = System.nanoTime();
            if (id > measureFrom)
            {
                histogram.recordValue(Math.min(now - intended[slot], histogram.getHighestTrackableValue()));
                gaps.add(lastReportNanos, now - lastReportNanos);
            }
            lastReportNanos = now;
            reported.lazySet(reported.get() + 1);
        }

        @Override
        public void onOrderAccepted(
            final long timestamp, final long orderId, final long clientOrderId, final long accountId,
            final int instrumentId, final Side side, final OrderType type, final TimeInForce timeInForce,
            final long price, final long quantity)
        {
            if (clientOrderId > 0)
            {
                orderIds.lazySet((int)(clientOrderId & MASK), orderId);
            }
            report(clientOrderId);
        }

        @Override
        public void onOrderRejected(
            final long timestamp, final long clientOrderId, final long accountId, final int instrumentId,
            final RejectReason reason)
        {
            rejectedOrders++;
            report(clientOrderId);
        }

        @Override
        public void onOrderCancelled(
            final long timestamp, final long orderId, final long clientOrderId, final long requestId,
            final long accountId, final int instrumentId, final long cancelledQuantity, final CancelReason reason)
        {
            report(requestId);
        }

        @Override
        public void onCancelRejected(
            final long timestamp, final long orderId, final long requestId, final long accountId,
            final RejectReason reason)
        {
            rejectedCancels++;
            report(requestId);
        }

        @Override
        public void onTrade(
            final long timestamp, final long tradeId, final int instrumentId, final long price, final long quantity,
            final Side takerSide, final long makerOrderId, final long makerAccountId, final long makerRemaining,
            final long makerFee, final long takerOrderId, final long takerAccountId, final long takerRemaining,
            final long takerFee)
        {
        }

        @Override
        public void onOrderReplaced(
            final long timestamp, final long orderId, final long requestId, final long accountId,
            final int instrumentId, final long price, final long quantity, final boolean priorityKept)
        {
        }

        @Override
        public void onAdminResult(
            final long timestamp, final AdminType type, final long subjectId, final RejectReason result)
        {
        }

        @Override
        public void onSnapshotRequested(final long timestamp, final long snapshotId)
        {
        }

        @Override
        public void onInstrumentStatus(final long timestamp, final int instrumentId, final InstrumentState state)
        {
        }

        @Override
        public void onBookOrderAdded(
            final long feedSequence, final long timestamp, final int instrumentId, final long orderId,
            final Side side, final long price, final long quantity)
        {
        }

        @Override
        public void onBookOrderModified(
            final long feedSequence, final long timestamp, final int instrumentId, final long orderId,
            final long quantity)
        {
        }

        @Override
        public void onBookOrderDeleted(
            final long feedSequence, final long timestamp, final int instrumentId, final long orderId)
        {
        }

        @Override
        public void onMarketTrade(
            final long feedSequence, final long timestamp, final int instrumentId, final long tradeId,
            final long price, final long quantity, final Side aggressorSide)
        {
        }

        @Override
        public void onMarketStatus(
            final long feedSequence, final long timestamp, final int instrumentId, final InstrumentState state)
        {
        }
    }
}
