package io.disruptorx.systemtest;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.disruptorx.engine.AdminType;
import io.disruptorx.engine.CancelReason;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.journal.CrashPoint;
import io.disruptorx.journal.ForcePolicy;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.embedded.NodeState;
import io.disruptorx.node.embedded.NodeThreading;
import io.disruptorx.node.embedded.ThreadingMode;

/**
 * The node the crash test kills: a child JVM that starts an {@link EmbeddedNode} on a data directory, sets up a
 * market on its first run, then sends a seeded order flow until it is killed.
 *
 * <p>Protocol on stdout, one line each, flushed as written (a line printed is a report a client received):
 * <pre>
 *   READY &lt;recoveredSequence&gt; &lt;replayedCommands&gt; &lt;stateCrc32c&gt; &lt;stateLength&gt;
 *   ACK &lt;accountId&gt; &lt;clientOrderId&gt; &lt;orderId, 0 when rejected&gt; &lt;ACCEPTED | reject reason&gt;
 *   CXL &lt;accountId&gt; &lt;requestId&gt; &lt;orderId&gt; &lt;CANCELLED | reject reason&gt;
 *   PAUSED &lt;crash point&gt; &lt;occurrence&gt;
 * </pre>
 * READY comes once the state is recovered (its digest is of the engine as recovered, before any new command)
 * and the market exists. ACK and CXL lines are written on the node's output thread by the accounts' execution
 * listeners, which the node calls only after the command is durable in the journal.
 *
 * <p>PAUSED says the thread that reached a {@link CrashPoint} (a step of a snapshot write, of a segment deletion or
 * of a roll) for the chosen time has stopped there for good, waiting for the kill.
 *
 * <p>Arguments: {@code --data-dir DIR --seed N --first-id N [--rate ORDERS_PER_SECOND] [--pause-at POINT
 * --occurrence K] [--threading shared|dedicated] [--policy every_batch|interval] [--pipelined auto|on|off]} (the
 * {@code EVERY_BATCH} forces pipelined by {@code node.threading.pipelined-forces}, auto by default; the threading mode
 * defaults to
 * the machine's, the policy to {@code EVERY_BATCH}; {@code INTERVAL} is 1 ms, forced on the journal's forcer thread,
 * and a process crash loses nothing acknowledged under it either). Client order ids and cancel request ids are
 * taken from one counter starting at {@code --first-id}; the parent gives every run a range no earlier run used, so
 * ids are unique over the whole journal.
 */
public final class CrashTestNode
{
    static final int INSTRUMENT = 1;
    static final int UNKNOWN_INSTRUMENT = 99;
    static final long[] ACCOUNTS = {1, 2, 3, 4};
    static final int QUOTE_ASSET = 0;
    static final int BASE_ASSET = 1;
    static final long REFERENCE_PRICE = 10_000;
    static final String READY = "READY";
    static final String ACK = "ACK";
    static final String CXL = "CXL";
    static final String PAUSED = "PAUSED";
    static final String ACCEPTED = "ACCEPTED";
    static final String CANCELLED = "CANCELLED";
    static final long INTERVAL_NANOS = 1_000_000;

    private static final int SETUP_COMMANDS = 1 + 2 * ACCOUNTS.length;
    private static final int IN_FLIGHT_WINDOW = 256;
    private static final long SETUP_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long LIFETIME_NANOS = TimeUnit.SECONDS.toNanos(120);
    private static final int DEFAULT_RATE = 20_000;

    private CrashTestNode()
    {
    }

    /**
     * The node settings shared by the child and the verifying test: the defaults (journal forced every batch, three
     * snapshots kept, journal segments covered by the oldest kept snapshot deleted), with small segments so they
     * roll and are deleted, and frequent snapshots so restarts go through a snapshot and a journal tail.
     *
     * @param dataDirectory journal and snapshots.
     * @return the settings.
     */
    static NodeConfig config(final Path dataDirectory)
    {
        return NodeConfig.defaults(dataDirectory).withSegmentSize(64 * 1024).withRingSizes(1024, 4096)
            .withSnapshotEvery(1_000, 0);
    }

    /**
     * Runs the node until the process is killed (or, as a safety net, for two minutes).
     *
     * @param args see the class comment.
     */
    public static void main(final String[] args)
    {
        Path dataDirectory = null;
        long seed = 0;
        long firstId = 1;
        int rate = DEFAULT_RATE;
        CrashPoint pauseAt = null;
        int occurrence = 1;
        ThreadingMode threading = ThreadingMode.AUTO;
        ForcePolicy policy = ForcePolicy.EVERY_BATCH;
        NodeThreading.Pipelining pipelined = NodeThreading.Pipelining.AUTO;
        for (int i = 0; i + 1 < args.length; i += 2)
        {
            switch (args[i])
            {
                case "--data-dir" -> dataDirectory = Path.of(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                case "--first-id" -> firstId = Long.parseLong(args[i + 1]);
                case "--rate" -> rate = Integer.parseInt(args[i + 1]);
                case "--pause-at" -> pauseAt = CrashPoint.valueOf(args[i + 1]);
                case "--occurrence" -> occurrence = Integer.parseInt(args[i + 1]);
                case "--threading" -> threading = ThreadingMode.valueOf(args[i + 1].toUpperCase(Locale.ROOT));
                case "--policy" -> policy = ForcePolicy.valueOf(args[i + 1].toUpperCase(Locale.ROOT));
                case "--pipelined" ->
                    pipelined = NodeThreading.Pipelining.valueOf(args[i + 1].toUpperCase(Locale.ROOT));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (dataDirectory == null)
        {
            throw new IllegalArgumentException("--data-dir is required");
        }
        final PrintStream out = new PrintStream(new BufferedOutputStream(
            new FileOutputStream(FileDescriptor.out), 1 << 16), false, StandardCharsets.US_ASCII);
        final long started = System.nanoTime();
        final AdminResults admin = new AdminResults();
        final EmbeddedNode node = EmbeddedNode.start(
            config(dataDirectory).withThreading(NodeThreading.of(threading).withPipelinedForces(pipelined))
                .withForcePolicy(policy, INTERVAL_NANOS), null, admin);
        final byte[] recovered = NodeState.engineSnapshot(node);
        final Reports reports = new Reports(out);
        if (pauseAt != null)
        {
            pauseAt(pauseAt, occurrence, reports);
        }
        for (final long account : ACCOUNTS)
        {
            node.subscribe(account, reports);
        }
        final NodeClient client = node.newClient(true);
        if (node.recoveredSequence() == 0)
        {
            setUpMarket(client);
            awaitSetUp(admin);
        }
        reports.print(READY + ' ' + node.recoveredSequence() + ' ' + node.replayedCommands() + ' ' +
            NodeState.digest(recovered) + ' ' + recovered.length);
        sendOrders(client, reports, new SplittableRandom(seed), firstId, rate, started);
        System.err.println("crash test node: lived two minutes without being killed, exiting");
        System.exit(2);
    }

    /**
     * Stops the thread that reaches {@code point} for the {@code occurrence}-th time, after printing
     * {@code PAUSED <point> <occurrence>}, so the parent kills the process exactly there.
     */
    private static void pauseAt(final CrashPoint point, final int occurrence, final Reports reports)
    {
        final AtomicInteger reached = new AtomicInteger();
        CrashPoint.listen(at ->
        {
            if (at == point && reached.incrementAndGet() == occurrence)
            {
                reports.print(PAUSED + ' ' + point + ' ' + occurrence);
                while (true)
                {
                    LockSupport.park();
                }
            }
        });
    }

    static void setUpMarket(final NodeClient client)
    {
        client.addInstrument(INSTRUMENT, BASE_ASSET, QUOTE_ASSET, 1, 1, 2, 0, 0, 2, REFERENCE_PRICE, 500, 1_000);
        for (final long account : ACCOUNTS)
        {
            client.adjustBalance(account, QUOTE_ASSET, 1_000_000_000_000_000L);
            client.adjustBalance(account, BASE_ASSET, 1_000_000_000_000L);
        }
    }

    static void awaitSetUp(final AdminResults admin)
    {
        final long deadline = System.nanoTime() + SETUP_TIMEOUT_NANOS;
        while (admin.count.get() < SETUP_COMMANDS)
        {
            if (System.nanoTime() > deadline)
            {
                System.err.println("crash test node: market set-up not applied in time");
                System.exit(3);
            }
            LockSupport.parkNanos(100_000);
        }
        if (admin.failures.get() > 0)
        {
            System.err.println("crash test node: market set-up refused by the engine");
            System.exit(4);
        }
    }

    /**
     * The seeded flow: limit orders (GTC and IOC) around the reference price from four accounts, so they rest,
     * trade and self-trade; some orders for an unknown instrument, so some reports are rejects; cancels of
     * accepted GTC orders (some already filled, so some cancels are refused). At most a window of requests is
     * unreported at any time, so a kill always finds commands in flight without the journal growing
     * unboundedly; the rate cap keeps the data volume of a long run modest.
     */
    private static void sendOrders(
        final NodeClient client, final Reports reports, final SplittableRandom random, final long firstId,
        final int rate, final long started)
    {
        long nextId = firstId;
        long sent = 0;
        final long flowStart = System.nanoTime();
        while (System.nanoTime() - started < LIFETIME_NANOS)
        {
            while (sent - reports.count.get() >= IN_FLIGHT_WINDOW)
            {
                if (System.nanoTime() - started > LIFETIME_NANOS)
                {
                    return;
                }
                Thread.onSpinWait();
            }
            final long allowed = (System.nanoTime() - flowStart) * rate / 1_000_000_000L;
            if (sent >= allowed)
            {
                LockSupport.parkNanos(200_000);
                continue;
            }
            final int dice = random.nextInt(100);
            final long account = ACCOUNTS[random.nextInt(ACCOUNTS.length)];
            final long resting = dice < 15 ? reports.takeRestingOrder() : 0;
            if (resting != 0)
            {
                client.cancelOrder(resting & 0xFF, nextId++, resting >>> 8);
            }
            else if (dice < 18)
            {
                client.newOrder(account, nextId++, UNKNOWN_INSTRUMENT, Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
                    false, SelfTradePrevention.CANCEL_NEWEST, REFERENCE_PRICE, 1);
            }
            else
            {
                final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
                final TimeInForce tif = random.nextInt(10) < 6 ? TimeInForce.GTC : TimeInForce.IOC;
                final long price = REFERENCE_PRICE + random.nextInt(-40, 41);
                client.newOrder(account, nextId++, INSTRUMENT, side, OrderType.LIMIT, tif, false,
                    SelfTradePrevention.CANCEL_NEWEST, price, 1 + random.nextInt(10));
            }
            sent++;
        }
    }

    /**
     * Counts the set-up's admin results (the only events this node listens to for all accounts).
     */
    static final class AdminResults extends EngineListenerAdapter
    {
        private final AtomicLong count = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();

        @Override
        public void onAdminResult(
            final long timestamp, final AdminType type, final long subjectId, final RejectReason result)
        {
            if (result != RejectReason.NONE)
            {
                failures.incrementAndGet();
            }
            count.incrementAndGet();
        }
    }

    /**
     * Prints the reports of every account, one flushed line each, on the node's output thread, and keeps the
     * accepted GTC orders the producer may cancel.
     */
    static final class Reports extends EngineListenerAdapter
    {
        private final PrintStream out;
        private final AtomicLong count = new AtomicLong();
        /** Accepted GTC orders as {@code orderId << 8 | accountId} (account ids are below 256). */
        private final ArrayBlockingQueue<Long> resting = new ArrayBlockingQueue<>(4096);
        private final StringBuilder line = new StringBuilder(96);

        Reports(final PrintStream out)
        {
            this.out = out;
        }

        long count()
        {
            return count.get();
        }

        long takeRestingOrder()
        {
            final Long order = resting.poll();
            return order == null ? 0 : order;
        }

        void print(final CharSequence text)
        {
            synchronized (out)
            {
                out.append(text).append('\n');
                out.flush();
            }
        }

        @Override
        public void onOrderAccepted(
            final long timestamp,
            final long orderId,
            final long clientOrderId,
            final long accountId,
            final int instrumentId,
            final Side side,
            final OrderType type,
            final TimeInForce timeInForce,
            final long price,
            final long quantity)
        {
            if (timeInForce == TimeInForce.GTC)
            {
                resting.offer(orderId << 8 | accountId);
            }
            report(ACK, accountId, clientOrderId, orderId, ACCEPTED);
        }

        @Override
        public void onOrderRejected(
            final long timestamp, final long clientOrderId, final long accountId, final int instrumentId,
            final RejectReason reason)
        {
            report(ACK, accountId, clientOrderId, 0, reason.name());
        }

        @Override
        public void onOrderCancelled(
            final long timestamp,
            final long orderId,
            final long clientOrderId,
            final long requestId,
            final long accountId,
            final int instrumentId,
            final long cancelledQuantity,
            final CancelReason reason)
        {
            if (reason == CancelReason.REQUESTED)
            {
                report(CXL, accountId, requestId, orderId, CANCELLED);
            }
        }

        @Override
        public void onCancelRejected(
            final long timestamp, final long orderId, final long requestId, final long accountId,
            final RejectReason reason)
        {
            report(CXL, accountId, requestId, orderId, reason.name());
        }

        private void report(
            final String kind, final long account, final long id, final long orderId, final String result)
        {
            line.setLength(0);
            line.append(kind).append(' ').append(account).append(' ').append(id).append(' ').append(orderId)
                .append(' ').append(result);
            print(line);
            count.incrementAndGet();
        }
    }
}
