package io.disruptorx.bench.gateway;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;

import io.disruptorx.gateway.auth.SessionKind;
import io.disruptorx.gateway.auth.User;
import io.disruptorx.gateway.core.CoreSettings;
import io.disruptorx.gateway.core.GatewayCore;
import io.disruptorx.gateway.core.Report;
import io.disruptorx.gateway.core.ReportStore;
import io.disruptorx.gateway.core.Session;
import io.disruptorx.gateway.dialect.NativeDialect;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import io.disruptorx.gateway.reference.InstrumentSpec;
import io.disruptorx.protocol.sbe.orderentry.BooleanType;
import io.disruptorx.protocol.sbe.orderentry.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.orderentry.NewOrderEncoder;
import io.disruptorx.protocol.sbe.orderentry.OrderType;
import io.disruptorx.protocol.sbe.orderentry.SelfTradePrevention;
import io.disruptorx.protocol.sbe.orderentry.Side;
import io.disruptorx.protocol.sbe.orderentry.TimeInForce;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The binary gateway's whole path except the socket, on one thread: a native NewOrder decoded from its SBE bytes,
 * checked and converted by the session core, applied by the real engine ({@link LoopbackVenue}), its events
 * routed as reports into the session's store, and every report encoded as the native message a connection would
 * send. One {@link #orderPair()} enters a resting buy and a sell that trades with it: 2 requests, 4 reports.
 */
public final class GatewayPath
{
    /** Order pairs of {@link #allocationPerPair}'s warm-up, and as many measured. */
    static final int ALLOCATION_PAIRS = 200_000;
    private static final int INSTRUMENT = 1;

    private final LoopbackVenue venue = new LoopbackVenue();
    private final NativeDialect dialect;
    private final GatewayCore core;
    private final Session session;
    private final UnsafeBuffer inbound = new UnsafeBuffer(new byte[128]);
    private final UnsafeBuffer outbound = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final NewOrderEncoder newOrder = new NewOrderEncoder();
    private final Report report = new Report();
    private long clientOrderId;
    private long nextToSend = 1;
    private long encodedBytes;

    /**
     * Lists the instrument, funds two accounts and logs a user of both in.
     */
    public GatewayPath()
    {
        venue.engine().addInstrument(1, INSTRUMENT, 1, 0, 1, 1, 2, 0, 0, 0, 10_000, 0, 1_000);
        for (long account = 1; account <= 2; account++)
        {
            venue.engine().adjustBalance(1, account, 0, Long.MAX_VALUE / 4);
            venue.engine().adjustBalance(1, account, 1, Long.MAX_VALUE / 4);
        }
        final InstrumentDirectory instruments = new InstrumentDirectory(
            List.of(new InstrumentSpec(INSTRUMENT, "BENCH", 2, 0, 1, 1)));
        final User user = new User("bench", new long[]{1, 2}, SessionKind.TRADING, 1_000_000_000L, 1_000_000_000L,
            false);
        core = new GatewayCore(new CoreSettings(1 << 16, Integer.MAX_VALUE, Map.of(), List.of(1L, 2L), 1024),
            instruments, (name, password) -> user, venue, System::nanoTime,
            () -> System.currentTimeMillis() * 1_000_000L);
        dialect = new NativeDialect(instruments);
        session = core.login("bench", "", NativeDialect.PROTOCOL_ID, dialect.filter());
        core.attach(session);
        core.doWork();
    }

    /**
     * One resting buy and one sell trading with it, each decoded, processed and answered.
     *
     * @return reports encoded.
     */
    public int orderPair()
    {
        request(Side.BUY, TimeInForce.GTC, 1);
        request(Side.SELL, TimeInForce.IOC, 2);
        core.doWork();
        return sendReports();
    }

    /**
     * @return bytes of reports encoded so far (a sink the JIT cannot drop).
     */
    public long encodedBytes()
    {
        return encodedBytes;
    }

    /**
     * @return the session's reports (for benchmarks that encode them in another dialect).
     */
    public ReportStore store()
    {
        return session.store();
    }

    /**
     * @return the session's last report sequence.
     */
    public long lastSequence()
    {
        return session.store().last();
    }

    private void request(final Side side, final TimeInForce timeInForce, final long account)
    {
        newOrder.wrapAndApplyHeader(inbound, 0, header)
            .clientOrderId(++clientOrderId)
            .accountId(account)
            .instrumentId(INSTRUMENT)
            .side(side)
            .orderType(OrderType.LIMIT)
            .timeInForce(timeInForce)
            .postOnly(BooleanType.FALSE)
            .selfTradePrevention(SelfTradePrevention.CANCEL_NEWEST);
        newOrder.price().mantissa(9_900).exponent((byte)-2);
        newOrder.quantity().mantissa(1).exponent((byte)0);
        newOrder.traceIdHigh(0).traceIdLow(0).parentSpanId(0).traceFlags((short)0);
        dialect.onMessage(core, session, inbound, 0, MessageHeaderEncoder.ENCODED_LENGTH + newOrder.encodedLength());
    }

    private int sendReports()
    {
        final ReportStore store = session.store();
        int sent = 0;
        while (nextToSend <= store.last())
        {
            store.read(nextToSend++, report);
            encodedBytes += dialect.encode(report, outbound, 0);
            sent++;
        }
        return sent;
    }

    /**
     * @return bytes this thread allocated per order pair through a new {@link GatewayPath} over
     * {@value #ALLOCATION_PAIRS} pairs, after as many unmeasured.
     */
    static long allocationPerPair()
    {
        final GatewayPath path = new GatewayPath();
        for (int i = 0; i < ALLOCATION_PAIRS; i++)
        {
            path.orderPair();
        }
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < ALLOCATION_PAIRS; i++)
        {
            path.orderPair();
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        if (path.lastSequence() != 8L * ALLOCATION_PAIRS)
        {
            throw new IllegalStateException("expected 4 reports per pair, the store holds " + path.lastSequence());
        }
        return allocated / ALLOCATION_PAIRS;
    }
}
