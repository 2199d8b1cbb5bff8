package io.disruptorx.cluster;

import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import io.disruptorx.cluster.client.ClusterClientConfig;
import io.disruptorx.cluster.service.ServiceConfig;
import io.disruptorx.cluster.wire.EgressFrame;
import io.disruptorx.cluster.wire.IngressFrame;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeCommandEncoder;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.event.TradeDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coalesced egress against a one-member cluster: a gateway whose HELLO says it reads EVENTS frames gets the events
 * of one ingress batch in one egress message, numbered consecutively, each command's last event for it flagged
 * COMMAND_END, and gets the same entries (flags included) again when it asks for a replay; the cluster client
 * delivers such a frame across polls when a poll's limit cuts it short, losing and repeating nothing.
 * (A gateway whose HELLO has no flags still gets one EVENT frame per event: {@link ExactlyOnceProtocolTest}.)
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EventsFrameProtocolTest
{
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int BUFFER_BYTES = 1024;
    private static final int STORE = 64;

    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final List<Entry> entries = new ArrayList<>();
    private final List<Integer> frameSizes = new ArrayList<>();
    private long acked;
    private TestCluster cluster;
    private RawIngress ingress;
    private UnsafeBuffer out;

    /** One event of an EVENTS frame; frame = which frame it came in. */
    private record Entry(int frame, long sequence, long position, int flags, int templateId, long id, byte[] bytes)
    {
        boolean ends()
        {
            return (flags & EgressFrame.COMMAND_END) != 0;
        }
    }

    @BeforeEach
    void start()
    {
        cluster = new TestCluster("events", 1, (id) -> new ServiceConfig(TestCluster.ENGINE, STORE, -1, 1_000, null,
            null));
        cluster.startAll();
        cluster.awaitLeader(WAIT);
        ingress = RawIngress.connect(cluster, BUFFER_BYTES, WAIT,
            (sessionId, timestamp, buffer, offset, length, header) ->
            {
                acked = Math.max(acked, EgressFrame.ackedCommand(buffer, offset));
                if (EgressFrame.type(buffer, offset) != EgressFrame.EVENTS)
                {
                    return;
                }
                final int frame = frameSizes.size();
                final int count = EgressFrame.eventCount(buffer, offset);
                frameSizes.add(count);
                int entry = offset + EgressFrame.EVENTS_ENTRIES_OFFSET;
                for (int i = 0; i < count; i++)
                {
                    final int length1 = EgressFrame.entryLength(buffer, entry);
                    final int event = entry + EgressFrame.ENTRY_HEADER_LENGTH;
                    final int templateId = buffer.getShort(event + 2, ByteOrder.LITTLE_ENDIAN);
                    final int body = event + MessageHeaderDecoder.ENCODED_LENGTH;
                    final long id = templateId == OrderAcceptedDecoder.TEMPLATE_ID ? buffer.getLong(
                        body + OrderAcceptedDecoder.clientOrderIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN) :
                        templateId == TradeDecoder.TEMPLATE_ID ?
                        buffer.getLong(body + TradeDecoder.tradeIdEncodingOffset(), ByteOrder.LITTLE_ENDIAN) : 0;
                    final byte[] bytes = new byte[length1];
                    buffer.getBytes(event, bytes);
                    entries.add(new Entry(frame, EgressFrame.eventSequence(buffer, offset) + i,
                        EgressFrame.entryPosition(buffer, entry), EgressFrame.entryFlags(buffer, entry), templateId,
                        id, bytes));
                    entry = event + length1;
                }
            });
        out = ingress.out();
    }

    @AfterEach
    void stop()
    {
        if (ingress != null)
        {
            ingress.close();
        }
        cluster.close();
    }

    @Test
    void shouldSendABatchsEventsInOneFrameWithEachCommandsEndFlagged()
    {
        ingress.hello(11, 1, 1, IngressFrame.EVENTS_BATCHES);
        ingress.command(1,
            encoder.addInstrument(out, IngressFrame.HEADER_LENGTH, 0, 1, 1, 0, 1, 1, 2, 0, 0, 1, 10_000, 5_000, 1_000));
        long sequence = 2;
        for (long account = 1; account <= 2; account++)
        {
            ingress.command(sequence++,
                encoder.adjustBalance(out, IngressFrame.HEADER_LENGTH, 0, account, 0, 1_000_000_000L));
            ingress.command(sequence++,
                encoder.adjustBalance(out, IngressFrame.HEADER_LENGTH, 0, account, 1, 1_000_000_000L));
        }
        await((e) -> e.sequence() >= 5);
        awaitAcked(5);
        final long next = entries.get(entries.size() - 1).sequence() + 1;
        entries.clear();

        ingress.batch(6, order(1, 31, Side.BUY, 5), order(2, 41, Side.SELL, 3), order(1, 32, Side.BUY, 1));
        await((e) -> e.templateId() == OrderAcceptedDecoder.TEMPLATE_ID && e.id() == 32);
        final List<Entry> batch = List.copyOf(entries);

        assertThat(batch).extracting(Entry::templateId).containsExactly(OrderAcceptedDecoder.TEMPLATE_ID,
            OrderAcceptedDecoder.TEMPLATE_ID, TradeDecoder.TEMPLATE_ID, OrderAcceptedDecoder.TEMPLATE_ID);
        assertThat(batch).as("one egress message for the batch's four events").extracting(Entry::frame)
            .containsOnly(batch.get(0).frame());
        assertThat(batch).extracting(Entry::sequence).containsExactly(next, next + 1, next + 2, next + 3);
        assertThat(batch).as("the trade is the end of the sell's events, not its acceptance")
            .extracting(Entry::ends).containsExactly(true, false, true, true);
        assertThat(batch.get(1).position()).isEqualTo(batch.get(0).position() + 1).isEqualTo(batch.get(2).position());
        assertThat(batch.get(3).position()).isEqualTo(batch.get(2).position() + 1);

        entries.clear();
        ingress.resend(next);
        await((e) -> e.sequence() == next + 3);
        assertThat(entries).as("the replay carries the same entries, flags included")
            .usingRecursiveFieldByFieldElementComparatorIgnoringFields("frame").isEqualTo(batch);
    }

    @Test
    void shouldDeliverAFrameAcrossPollsWhenTheLimitCutsItShort()
    {
        try (TestGateway gateway = new TestGateway(
            ClusterClientConfig.of(12, cluster.ingressEndpoints(), cluster.clientAeronDirectory())))
        {
            gateway.addInstrument(1);
            gateway.deposit(1, 0, 1_000_000_000L);
            gateway.await((e) -> e.startsWith("admin ADJUST_BALANCE 1"), WAIT);
            final int before = gateway.positions().size();
            for (int i = 1; i <= 8; i++)
            {
                gateway.limit(1, 100 + i, 1, Side.BUY, 9_000 + i, 1);
            }
            final long deadline = System.nanoTime() + WAIT.toNanos();
            while (gateway.positions().size() < before + 8 && System.nanoTime() < deadline)
            {
                assertThat(gateway.poll(1)).isLessThanOrEqualTo(1);
            }

            assertThat(gateway.events()).filteredOn((e) -> e.startsWith("accepted")).extracting(
                (e) -> e.substring(e.indexOf("coid=") + 5, e.indexOf(" order="))).containsExactly(
                "101", "102", "103", "104", "105", "106", "107", "108");
            assertThat(gateway.positions()).isSorted();
            gateway.assertEachCommandEndedOnceAfterItsLastEvent();
            assertThat(gateway.client().counters().duplicateEvents()).isZero();
            assertThat(gateway.client().counters().malformedFrames()).isZero();
        }
    }

    private byte[] order(final long account, final long clientOrderId, final Side side, final long quantity)
    {
        final UnsafeBuffer command = new UnsafeBuffer(new byte[256]);
        final int length = encoder.newOrder(command, 0, 0, account, clientOrderId, 1, side, OrderType.LIMIT,
            TimeInForce.GTC, false, SelfTradePrevention.CANCEL_NEWEST, 10_000, quantity);
        final byte[] bytes = new byte[length];
        command.getBytes(0, bytes);
        return bytes;
    }

    /**
     * Waits for a frame acknowledging this command sequence: the service applied every command up to it, and what
     * they caused came before it.
     */
    private void awaitAcked(final long sequence)
    {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (acked < sequence)
        {
            assertThat(System.nanoTime() - deadline).as("waited for command %d acknowledged", sequence).isNegative();
            if (ingress.poll() == 0)
            {
                LockSupport.parkNanos(200_000);
            }
        }
    }

    private void await(final Predicate<Entry> match)
    {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline)
        {
            if (entries.stream().anyMatch(match))
            {
                return;
            }
            if (ingress.poll() == 0)
            {
                LockSupport.parkNanos(200_000);
            }
        }
        throw new AssertionError("no matching event; got " + entries);
    }
}
