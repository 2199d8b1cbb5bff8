package io.disruptorx.bench.gateway;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.disruptorx.protocol.sbe.event.CancelReason;
import io.disruptorx.protocol.sbe.event.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedEncoder;
import io.disruptorx.protocol.sbe.event.OrderCancelledEncoder;
import io.disruptorx.protocol.sbe.event.TradeEncoder;
import io.disruptorx.protocol.venue.VenueClient;
import io.disruptorx.protocol.venue.VenueEventHandler;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.ShardIds;
import io.disruptorx.shard.venue.ShardedVenueClient;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The sharded client's event path ({@link ShardedVenueClient#poll}: the shards' events rewritten to global ids and
 * handed on) for three events per operation from two shards: an OrderAccepted, a Trade whose maker fills fully and
 * an OrderCancelled. With {@code moved} true, the maker and the cancelled order moved to the shard that reports them
 * (their local ids carry {@link ShardIds#MOVED}) and are routed there ({@link ShardedVenueClient#orderMoved} before
 * each poll), so each poll also ends two moved orders' routes. {@code -prof gc} shows what it allocates.
 * Run: {@code java -cp dx-bench.jar org.openjdk.jmh.Main ShardEventPathBenchmark -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
public class ShardEventPathBenchmark
{
    private static final long MAKER = 77L << ShardIds.SHARD_BITS;
    private static final long CANCELLED = 78L << ShardIds.SHARD_BITS;

    /** The client over two shards that report the same events on every poll. */
    @State(Scope.Thread)
    public static class Path
    {
        /** Whether the maker and the cancelled order moved to shard 1. */
        @Param({"false", "true"})
        public boolean moved;

        private ShardedVenueClient client;
        private VenueEventHandler handler;
        private long ended;

        /**
         * Encodes the events and makes the client.
         */
        @Setup(Level.Trial)
        public void setUp(final Blackhole blackhole)
        {
            final MessageHeaderEncoder header = new MessageHeaderEncoder();
            final UnsafeBuffer accepted = new UnsafeBuffer(new byte[128]);
            final int acceptedLength = MessageHeaderEncoder.ENCODED_LENGTH + new OrderAcceptedEncoder()
                .wrapAndApplyHeader(accepted, 0, header).timestamp(1).orderId(5).clientOrderId(5).accountId(3)
                .instrumentId(1).price(100).quantity(1).encodedLength();
            final UnsafeBuffer trade = new UnsafeBuffer(new byte[160]);
            final int tradeLength = MessageHeaderEncoder.ENCODED_LENGTH + new TradeEncoder()
                .wrapAndApplyHeader(trade, 0, header).timestamp(1).tradeId(9).instrumentId(1).price(100).quantity(1)
                .makerOrderId(moved ? ShardIds.movedLocal(MAKER) : 6).makerAccountId(3).makerRemaining(0)
                .makerFee(0).takerOrderId(7).takerAccountId(4).takerRemaining(0).takerFee(0).encodedLength();
            final UnsafeBuffer cancelled = new UnsafeBuffer(new byte[128]);
            final int cancelledLength = MessageHeaderEncoder.ENCODED_LENGTH + new OrderCancelledEncoder()
                .wrapAndApplyHeader(cancelled, 0, header).timestamp(1)
                .orderId(moved ? ShardIds.movedLocal(CANCELLED) : 8).clientOrderId(8).requestId(0).accountId(3)
                .instrumentId(1).cancelledQuantity(1).reason(CancelReason.REQUESTED).encodedLength();
            client = new ShardedVenueClient(RoutingTable.initial(List.of("shard-0", "shard-1"), 64),
                new Events(new UnsafeBuffer[]{accepted}, new int[]{acceptedLength}),
                new Events(new UnsafeBuffer[]{trade, cancelled}, new int[]{tradeLength, cancelledLength}));
            client.onMovedOrderEnded(orderId -> ended++);
            handler = (sequence, buffer, offset, length) -> blackhole.consume(length);
        }
    }

    /**
     * @return events delivered.
     */
    @Benchmark
    public int poll(final Path path)
    {
        if (path.moved)
        {
            path.client.orderMoved(MAKER, 1);
            path.client.orderMoved(CANCELLED, 1);
        }
        return path.client.poll(path.handler, 16);
    }

    /** A shard that reports the same events on every poll. */
    private static final class Events implements VenueClient
    {
        private final UnsafeBuffer[] events;
        private final int[] lengths;
        private long sequence;

        Events(final UnsafeBuffer[] events, final int[] lengths)
        {
            this.events = events;
            this.lengths = lengths;
        }

        @Override
        public long offer(final DirectBuffer buffer, final int offset, final int length)
        {
            return ++sequence;
        }

        @Override
        public int poll(final VenueEventHandler handler, final int limit)
        {
            for (int i = 0; i < events.length; i++)
            {
                handler.onEvent(++sequence, events[i], 0, lengths[i]);
            }
            return events.length;
        }

        @Override
        public void close()
        {
        }
    }
}
