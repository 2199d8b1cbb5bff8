package io.disruptorx.systemtest;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.disruptorx.core.metrics.PrometheusCollector;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.node.http.NodeApi;

/**
 * The node of {@link DiskFullTest}, run twice on a small file system the test mounted: {@code fill} sets up a
 * market, fills the file system with a filler file and trades until the journal fails, then stops the node;
 * {@code restart} (after the filler was deleted) starts the node again and trades a little more.
 *
 * <p>Prints the {@link CrashTestNode} ACK lines for every order report, and: {@code FILLED <bytes free>},
 * {@code FAILED <failure>}, {@code METRIC dx_journal_failed <value>}, {@code HEALTH <json>}, {@code STOPPED};
 * {@code RECOVERED <sequence>} on restart. Arguments: {@code fill|restart MOUNT}.
 */
public final class DiskFullNode
{
    static final int RESTART_ORDERS = 100;
    static final long RESTART_FIRST_ID = 1_000_000_000L;
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final int BATCH = 100;

    private DiskFullNode()
    {
    }

    /**
     * @param args phase and mount point.
     * @throws IOException when the filler cannot be written for another reason than a full disk.
     */
    public static void main(final String[] args) throws IOException
    {
        final Path mount = Path.of(args[1]);
        final PrintStream out = new PrintStream(new BufferedOutputStream(
            new FileOutputStream(FileDescriptor.out), 1 << 16), false, StandardCharsets.US_ASCII);
        final CrashTestNode.Reports reports = new CrashTestNode.Reports(out);
        final CrashTestNode.AdminResults admin = new CrashTestNode.AdminResults();
        final EmbeddedNode node = EmbeddedNode.start(config(mount.resolve("data")), null, admin);
        for (final long account : CrashTestNode.ACCOUNTS)
        {
            node.subscribe(account, reports);
        }
        final NodeClient client = node.newClient(true);
        if ("fill".equals(args[0]))
        {
            CrashTestNode.setUpMarket(client);
            CrashTestNode.awaitSetUp(admin);
            reports.print("FILLED " + fill(mount.resolve("filler")));
            tradeUntilTheJournalFails(node, client, reports);
            reports.print("FAILED " + node.journalFailure());
            reports.print("METRIC dx_journal_failed " + metric(node, "dx_journal_failed"));
            reports.print("HEALTH " + NodeApi.health(node));
        }
        else
        {
            reports.print("RECOVERED " + node.recoveredSequence());
            final long target = reports.count() + RESTART_ORDERS;
            for (int i = 0; i < RESTART_ORDERS; i++)
            {
                order(client, RESTART_FIRST_ID + i);
            }
            final long deadline = System.nanoTime() + DEADLINE_NANOS;
            while (reports.count() < target && System.nanoTime() < deadline)
            {
                LockSupport.parkNanos(1_000_000);
            }
        }
        node.close();
        reports.print("STOPPED");
        System.exit(0);
    }

    /** Every segment is kept: the test replays the whole journal afterwards. */
    static NodeConfig config(final Path dataDirectory)
    {
        return NodeConfig.defaults(dataDirectory).withSegmentSize(1024 * 1024).withRingSizes(1024, 4096)
            .withSnapshotEvery(0, 0).withEverySegmentKept();
    }

    /**
     * Writes a file until the file system is full.
     *
     * @return bytes still free.
     */
    private static long fill(final Path filler) throws IOException
    {
        final ByteBuffer block = ByteBuffer.allocate(64 * 1024);
        try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
        {
            while (true)
            {
                block.clear();
                channel.write(block);
            }
        }
        catch (final IOException ex)
        {
            if (!String.valueOf(ex.getMessage()).contains("No space left on device"))
            {
                throw ex;
            }
        }
        return Files.getFileStore(filler).getUsableSpace();
    }

    private static void tradeUntilTheJournalFails(
        final EmbeddedNode node, final NodeClient client, final CrashTestNode.Reports reports)
    {
        final long deadline = System.nanoTime() + DEADLINE_NANOS;
        long nextId = 1;
        while (node.journalFailure() == null && System.nanoTime() < deadline)
        {
            final long target = reports.count() + BATCH;
            for (int i = 0; i < BATCH; i++)
            {
                order(client, nextId++);
            }
            while (reports.count() < target && node.journalFailure() == null && System.nanoTime() < deadline)
            {
                LockSupport.parkNanos(100_000);
            }
        }
    }

    private static void order(final NodeClient client, final long id)
    {
        final boolean buy = (id & 1) == 0;
        client.newOrder(CrashTestNode.ACCOUNTS[(int)(id % CrashTestNode.ACCOUNTS.length)], id,
            CrashTestNode.INSTRUMENT, buy ? Side.BUY : Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.CANCEL_NEWEST, CrashTestNode.REFERENCE_PRICE + (id % 21) - 10, 1 + id % 5);
    }

    private static String metric(final EmbeddedNode node, final String name)
    {
        final Matcher matcher = Pattern.compile("(?m)^" + name + " (\\S+)$")
            .matcher(new PrometheusCollector(node.metrics()).scrapeText());
        return matcher.find() ? matcher.group(1) : "absent";
    }
}
