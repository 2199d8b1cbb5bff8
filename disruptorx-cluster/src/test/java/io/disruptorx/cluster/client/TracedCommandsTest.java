package io.disruptorx.cluster.client;

import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import io.disruptorx.cluster.wire.IngressFrame;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.protocol.venue.TraceContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cluster client's traced commands: off, a sampled context travels with the caller's span as the parent and
 * nothing is recorded; on, a traced command travels with the gateway's own span id as its parent, one in N new
 * orders without a context starts a trace (cancels never do), each is answered once, in order, when a frame
 * acknowledges it, and more than the capacity waiting go untraced and counted. Neither way allocates.
 */
class TracedCommandsTest
{
    private static final long TRACE_HIGH = 0x0af7651916cd43ddL;
    private static final long TRACE_LOW = 0x8448eb211c80319cL;
    private static final long CLIENT_SPAN = 0xb7ad6b7169203331L;

    private final PendingCommands pending = new PendingCommands(1024);
    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[SbeCommandEncoder.MAX_LENGTH]);
    private final TraceContext sampled = new TraceContext();
    private final List<long[]> answered = new ArrayList<>();
    private final GatewaySpans recorder = (high, low, parent, span, receive, offer, answer, delivered) ->
        answered.add(new long[] {high, low, parent, span, receive, offer, answer, delivered});

    @Test
    void shouldPassTheCallersContextOnAndRecordNothingWhenOff()
    {
        sampled.set(TRACE_HIGH, TRACE_LOW, CLIENT_SPAN, TraceContext.SAMPLED, 5);
        final long sequence = TracedCommands.OFF.add(pending, command, 0, newOrder(1), sampled);
        assertTraced(sequence, CLIENT_SPAN);
        TracedCommands.OFF.answered(sequence, 10);
        assertThat(TracedCommands.OFF.waiting()).isZero();
    }

    @Test
    void shouldSendTheGatewaysSpanAsTheParentAndAnswerEachTracedCommandOnce()
    {
        final TracedCommands traces = new TracedCommands(recorder, 3, 42);
        sampled.set(TRACE_HIGH, TRACE_LOW, CLIENT_SPAN, TraceContext.SAMPLED, 5);
        final long first = traces.add(pending, command, 0, newOrder(1), sampled);
        assertThat(pending.buffer().getLong(pending.unsentOffset() + IngressFrame.HEADER_LENGTH,
            ByteOrder.LITTLE_ENDIAN)).as("the caller's trace id").isEqualTo(TRACE_HIGH);
        final long gatewaySpan = assertTraced(first, 0);
        assertThat(gatewaySpan).isNotEqualTo(CLIENT_SPAN);
        assertUntraced(traces.add(pending, command, 0, cancel(), null));
        final TraceContext empty = new TraceContext();
        assertUntraced(traces.add(pending, command, 0, newOrder(2), empty));
        assertUntraced(traces.add(pending, command, 0, newOrder(3), null));
        final long root = traces.add(pending, command, 0, newOrder(4), null);
        final long rootSpan = assertTraced(root, 0);
        assertThat(traces.waiting()).isEqualTo(2);

        traces.answered(first - 1, 100);
        assertThat(answered).isEmpty();
        traces.answered(root - 1, 200);
        assertThat(answered).hasSize(1);
        final long[] caller = answered.get(0);
        assertThat(caller[0]).isEqualTo(TRACE_HIGH);
        assertThat(caller[1]).isEqualTo(TRACE_LOW);
        assertThat(caller[2]).isEqualTo(CLIENT_SPAN);
        assertThat(caller[3]).isEqualTo(gatewaySpan);
        assertThat(caller[4]).as("received").isEqualTo(5);
        assertThat(caller[5]).as("offered").isGreaterThan(5);
        assertThat(caller[6]).as("answer").isEqualTo(200);
        assertThat(caller[7]).as("delivered").isGreaterThanOrEqualTo(caller[5]);

        traces.answered(root + 5, 300);
        traces.answered(root + 6, 400);
        assertThat(answered).hasSize(2);
        final long[] started = answered.get(1);
        assertThat(started[0] | started[1]).as("a trace id of its own").isNotZero();
        assertThat(started[2]).as("no caller").isZero();
        assertThat(started[3]).isEqualTo(rootSpan);
        assertThat(started[4]).as("received when offered").isEqualTo(started[5]);
        assertThat(traces.waiting()).isZero();
    }

    @Test
    void shouldSendUntracedBeyondTheCapacityAndCountIt()
    {
        final TracedCommands traces = new TracedCommands(recorder, 1, 7);
        long last = 0;
        for (int i = 0; i < 300; i++)
        {
            last = traces.add(pending, command, 0, newOrder(i), null);
        }
        assertThat(traces.waiting()).isEqualTo(256);
        assertThat(traces.untraced()).isEqualTo(44);
        traces.answered(last, 1);
        assertThat(answered).hasSize(256);
        assertThat(answered).extracting((a) -> a[3]).doesNotHaveDuplicates();
    }

    @Test
    void shouldNotAllocateOffOrOn()
    {
        final TracedCommands off = TracedCommands.OFF;
        final TracedCommands on = new TracedCommands((a, b, c, d, e, f, g, h) ->
        {
        }, 2, 1);
        sampled.set(TRACE_HIGH, TRACE_LOW, CLIENT_SPAN, TraceContext.SAMPLED, 5);
        final int length = newOrder(1);
        run(off, on, length, 1_000);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long before = threads.getCurrentThreadAllocatedBytes();
        run(off, on, length, 10_000);
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).as("bytes for 40,000 commands").isLessThan(1024);
    }

    private void run(final TracedCommands off, final TracedCommands on, final int length, final int rounds)
    {
        for (int i = 0; i < rounds; i++)
        {
            pending.acknowledge(off.add(pending, command, 0, length, sampled));
            pending.acknowledge(off.add(pending, command, 0, length, null));
            pending.acknowledge(on.add(pending, command, 0, length, null));
            final long sequence = on.add(pending, command, 0, length, sampled);
            pending.acknowledge(sequence);
            on.answered(sequence, i);
        }
    }

    /**
     * @return the span id the command travels with as its parent.
     */
    private long assertTraced(final long sequence, final long parent)
    {
        assertThat(pending.unsentTraced()).isTrue();
        assertThat(pending.unsentOffset()).isEqualTo(offsetOf(sequence));
        final int at = pending.unsentOffset() + IngressFrame.HEADER_LENGTH;
        final long span = pending.buffer().getLong(at + 16, ByteOrder.LITTLE_ENDIAN);
        if (parent != 0)
        {
            assertThat(pending.buffer().getLong(at, ByteOrder.LITTLE_ENDIAN)).isEqualTo(TRACE_HIGH);
            assertThat(pending.buffer().getLong(at + 8, ByteOrder.LITTLE_ENDIAN)).isEqualTo(TRACE_LOW);
            assertThat(span).isEqualTo(parent);
        }
        assertThat(span).isNotZero();
        pending.markSent();
        return span;
    }

    private void assertUntraced(final long sequence)
    {
        assertThat(pending.unsentOffset()).isEqualTo(offsetOf(sequence));
        assertThat(pending.unsentTraced()).isFalse();
        pending.markSent();
    }

    private int offsetOf(final long sequence)
    {
        final int slot = pending.unsentOffset();
        return sequence == IngressFrame.value(pending.buffer(), slot) ? slot : -1;
    }

    private int newOrder(final long clientOrderId)
    {
        return encoder.newOrder(command, 0, 0, 1, clientOrderId, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
            false, SelfTradePrevention.CANCEL_NEWEST, 9_000, 1);
    }

    private int cancel()
    {
        return encoder.cancelOrder(command, 0, 0, 1, 7, 9);
    }
}
