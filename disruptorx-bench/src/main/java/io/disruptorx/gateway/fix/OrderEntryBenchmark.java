package io.disruptorx.gateway.fix;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.disruptorx.bench.gateway.RingVenue;
import io.disruptorx.fix44.decoder.NewOrderSingleDecoder;
import io.disruptorx.gateway.auth.SessionKind;
import io.disruptorx.gateway.auth.User;
import io.disruptorx.gateway.codec.ClientOrderIds;
import io.disruptorx.gateway.core.CoreSettings;
import io.disruptorx.gateway.core.GatewayCore;
import io.disruptorx.gateway.core.Session;
import io.disruptorx.gateway.reference.InstrumentDirectory;
import io.disruptorx.gateway.reference.InstrumentSpec;
import io.disruptorx.protocol.venue.TraceContext;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH over the FIX edge's order path on the gateway thread after Artio hands a NewOrderSingle over, up to the
 * venue's ring: {@code decodeAndEnter}, {@link FixOrderDecoder} then {@link FixRequests#newOrder(GatewayCore,
 * FixSessionState, FixOrderDecoder)} (ClOrdID, Account and Symbol to ids, the side kept for the report), which calls
 * {@link GatewayCore#newOrder} (roles, throttle, entitlement, instrument, enum fields, exact decimal conversion,
 * open-order limit, the command encoded and offered); {@code enter}, the same without the decoding (8 messages
 * decoded once); {@code core}, {@link GatewayCore#newOrder} alone with the values those messages carry. The venue is
 * a {@link RingVenue}: each command copied into a Disruptor ring slot and published, a no-op consumer. One
 * operation: one order. The orders are never answered, so the 8 ClOrdIDs come round again while still in flight
 * (the account's in-flight slot counts up instead of being taken anew, the pending side is overwritten); the core
 * is made afresh for each iteration, with no open-order limit. Messages: {@link BenchOrders}. Run with
 * {@code -prof gc}:
 *
 * <pre>
 * java -cp disruptorx-bench/target/dx-bench.jar org.openjdk.jmh.Main \
 *     'io.disruptorx.gateway.fix.OrderEntryBenchmark' -f 1 -wi 3 -w 1 -i 5 -r 1 -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class OrderEntryBenchmark
{
    private static final int MESSAGES = 8;
    private static final int INSTRUMENT = 1;

    private final InstrumentDirectory instruments = new InstrumentDirectory(
        List.of(new InstrumentSpec(INSTRUMENT, "BENCH", 2, 0, 1, 1)));
    private final UnsafeBuffer[] messages = new UnsafeBuffer[MESSAGES];
    private final FixOrderDecoder[] decoded = new FixOrderDecoder[MESSAGES];
    private final FixOrderDecoder decoder = new FixOrderDecoder();
    private final TraceContext trace = new TraceContext();
    private final long[] clientOrderIds = new long[MESSAGES];
    private RingVenue venue;
    private GatewayCore core;
    private Session session;
    private FixSessionState state;
    private FixRequests requests;
    private int next;

    /**
     * Writes the messages and decodes each once for {@link #enter()}.
     */
    @Setup
    public void setUp()
    {
        final byte[][] orders = BenchOrders.newOrderSingles(MESSAGES);
        for (int i = 0; i < MESSAGES; i++)
        {
            messages[i] = new UnsafeBuffer(orders[i]);
            clientOrderIds[i] = ClientOrderIds.encode(String.valueOf(123_456 + i));
            decoded[i] = new FixOrderDecoder();
            if (!decoded[i].decode(messages[i], 0, orders[i].length, NewOrderSingleDecoder.MESSAGE_TYPE))
            {
                throw new IllegalStateException("message " + i + " not decoded in place");
            }
        }
    }

    /**
     * A fresh core, session and venue ring per iteration, so the never answered orders do not pile up.
     */
    @Setup(Level.Iteration)
    public void newCore()
    {
        venue = new RingVenue();
        final User user = new User("bench", new long[]{3, 4}, SessionKind.TRADING, 1_000_000_000L, 1_000_000_000L,
            false);
        core = new GatewayCore(new CoreSettings(1 << 12, Integer.MAX_VALUE, Map.of(), List.of(3L, 4L), 1024),
            instruments, (name, password) -> user, venue, System::nanoTime, new SystemEpochNanoClock());
        session = core.login("bench", "", FixGateway.PROTOCOL_ID, FixReports.FILTER);
        core.attach(session);
        state = new FixSessionState(session);
        final FixCounters counters = new FixCounters();
        requests = new FixRequests(instruments, counters, new FixMassCancels(new FixIds()));
    }

    /**
     * @return commands published so far.
     */
    @Benchmark
    public long decodeAndEnter()
    {
        final UnsafeBuffer message = messages[next++ & (MESSAGES - 1)];
        if (!decoder.decode(message, 0, message.capacity(), NewOrderSingleDecoder.MESSAGE_TYPE) ||
            !requests.newOrder(core, state, decoder))
        {
            throw new IllegalStateException("not taken");
        }
        return venue.published();
    }

    /**
     * @return commands published so far.
     */
    @Benchmark
    public long enter()
    {
        if (!requests.newOrder(core, state, decoded[next++ & (MESSAGES - 1)]))
        {
            throw new IllegalStateException("not taken");
        }
        return venue.published();
    }

    /**
     * @return commands published so far.
     */
    @Benchmark
    public long core()
    {
        final int i = next++ & (MESSAGES - 1);
        final boolean buy = (i & 1) == 0;
        trace.clear();
        core.newOrder(session, clientOrderIds[i], buy ? 3 : 4, INSTRUMENT,
            buy ? FixCodes.side('1') : FixCodes.side('2'), FixCodes.LIMIT,
            buy ? FixCodes.timeInForce('1') : FixCodes.timeInForce('3'), 0, 0, 99, 0, 1, 0, trace);
        return venue.published();
    }
}
