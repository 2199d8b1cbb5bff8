package io.disruptorx.node.shard;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.protocol.sbe.command.BooleanType;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.NewOrderEncoder;
import io.disruptorx.protocol.sbe.command.OrderType;
import io.disruptorx.protocol.sbe.command.SelfTradePrevention;
import io.disruptorx.protocol.sbe.command.Side;
import io.disruptorx.protocol.sbe.command.TimeInForce;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.event.OrderRejectedDecoder;
import io.disruptorx.protocol.sbe.event.RejectReason;
import io.disruptorx.protocol.venue.VenueClient;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a restarted shard host reads back for a link ({@link LinkRecovery}), against a real node's journal and
 * snapshots: a flow of crossing orders (accepts, trades, rests) whose events a venue client recorded as the node
 * emitted them. Told the gateway has the events up to the first one of a command in the middle, it gives every later
 * event again, byte for byte as the node emitted them, and every journalled command after that one, in order. When
 * the journal no longer reaches back (its first segment deleted, no snapshot before the command), it gives instead one
 * {@code UNKNOWN_STATUS} OrderRejected per new order after that command, with the order's client order id.
 *
 * <p>How it can fail: an event missing, repeated or different (the scratch engine started from the wrong state or
 * skipped the wrong events), a command missing from the records (the link would apply it a second time), or an
 * answer claimed complete where the state was not there.
 */
class LinkRecoveryTest
{
    private static final int TIMESTAMP_AT = MessageHeaderEncoder.ENCODED_LENGTH;

    @TempDir
    Path dir;

    private record Event(long sequence, byte[] bytes)
    {
    }

    @Test
    void shouldMakeAgainEveryEventTheGatewayLacksAndListTheLaterCommands()
    {
        final NodeConfig config = NodeConfig.defaults(dir.resolve("shard")).withSegmentSize(4 * 1024 * 1024);
        final List<Event> emitted = new ArrayList<>();
        final long recovered = run(config, 600, emitted);
        final long lastEvent = emitted.get(emitted.size() / 2).sequence();

        final LinkRecovery recovery = LinkRecovery.read(config, lastEvent, 1, lastEvent, recovered);

        assertThat(recovery.complete()).isTrue();
        final List<Event> expected = new ArrayList<>(emitted.stream().filter(e -> e.sequence() >= lastEvent).toList());
        expected.remove(0);
        final List<Event> made = events(recovery);
        assertThat(made).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++)
        {
            assertThat(made.get(i).sequence()).isEqualTo(expected.get(i).sequence());
            assertThat(made.get(i).bytes()).as("event %d", i).isEqualTo(expected.get(i).bytes());
        }
        assertThat(recovery.records()).extracting(LinkRecovery.Record::sequence)
            .containsExactlyElementsOf(Stream.iterate(lastEvent + 1, s -> s <= recovered, s -> s + 1).toList());

        final LinkRecovery earlier = LinkRecovery.read(config, lastEvent, 1, lastEvent - 30, recovered);
        assertThat(earlier.records()).as("from the gateway's durable sequence: its log may hold commands answered")
            .extracting(LinkRecovery.Record::sequence)
            .containsExactlyElementsOf(Stream.iterate(lastEvent - 29, s -> s <= recovered, s -> s + 1).toList());
        assertThat(events(earlier)).as("the same events made again").hasSameSizeAs(expected);
    }

    @Test
    void shouldAnswerEachLaterOrderUnknownWhenTheJournalNoLongerReachesBack() throws Exception
    {
        final NodeConfig config = NodeConfig.defaults(dir.resolve("shard")).withSegmentSize(64 * 1024)
            .withEverySegmentKept();
        final List<Event> emitted = new ArrayList<>();
        final long recovered = run(config, 2_000, emitted);
        final List<Path> segments;
        try (Stream<Path> files = Files.list(dir.resolve("shard").resolve("journal")))
        {
            segments = files.sorted().toList();
        }
        assertThat(segments).hasSizeGreaterThan(1);
        Files.delete(segments.get(0));
        final long lastEvent = recovered - 40;

        final LinkRecovery recovery = LinkRecovery.read(config, lastEvent, 1, lastEvent - 10, recovered);

        assertThat(recovery.complete()).isFalse();
        assertThat(recovery.records()).as("from the durable sequence").hasSize(50);
        final List<LinkRecovery.Record> later = recovery.records().subList(10, 50);
        final List<Event> answers = events(recovery);
        assertThat(answers).as("answers for the commands after the last event only").hasSize(40);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final OrderRejectedDecoder rejected = new OrderRejectedDecoder();
        for (int i = 0; i < answers.size(); i++)
        {
            final LinkRecovery.Record record = later.get(i);
            final UnsafeBuffer event = new UnsafeBuffer(answers.get(i).bytes());
            header.wrap(event, 0);
            assertThat(header.templateId()).isEqualTo(OrderRejectedDecoder.TEMPLATE_ID);
            rejected.wrap(event, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
            assertThat(answers.get(i).sequence()).isEqualTo(record.sequence());
            assertThat(rejected.reason()).isEqualTo(RejectReason.UNKNOWN_STATUS);
            assertThat(rejected.clientOrderId()).as("the order's own id")
                .isEqualTo(new UnsafeBuffer(record.bytes()).getLong(TIMESTAMP_AT + 2 * Long.BYTES,
                    ByteOrder.LITTLE_ENDIAN));
        }
    }

    /**
     * Runs the node over a flow of orders, alternately a buy resting at 100 and a sell at 100 that trades with it,
     * recording every execution event, and stops it.
     *
     * @return the last journal sequence.
     */
    private static long run(final NodeConfig config, final int orders, final List<Event> emitted)
    {
        final EmbeddedNode node = EmbeddedNode.start(config, null, null);
        final VenueClient venue = node.newVenueClient();
        final NodeClient client = node.newClient(true);
        client.addInstrument(1, 1, 0, 1, 1, 2, 0, 0, 0, 100, 0, 1_000);
        client.adjustBalance(1, 0, 1_000_000_000L);
        client.adjustBalance(2, 1, 1_000_000_000L);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
        final NewOrderEncoder newOrder = new NewOrderEncoder();
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        long last = 0;
        for (int i = 1; i <= orders; i++)
        {
            final boolean buy = i % 2 == 1;
            newOrder.wrapAndApplyHeader(buffer, 0, header).timestamp(0).accountId(buy ? 1 : 2).clientOrderId(i)
                .instrumentId(1).side(buy ? Side.BUY : Side.SELL).orderType(OrderType.LIMIT)
                .timeInForce(TimeInForce.GTC).postOnly(BooleanType.FALSE)
                .selfTradePrevention(SelfTradePrevention.CANCEL_NEWEST).price(100).quantity(buy ? 2 : 1)
                .userId(0);
            final int length = MessageHeaderEncoder.ENCODED_LENGTH + newOrder.encodedLength();
            long sequence;
            while ((sequence = venue.offer(buffer, 0, length)) <= 0)
            {
                venue.poll((s, b, o, l) -> record(emitted, s, b, o, l), 256);
            }
            last = sequence;
        }
        final long end = last;
        await().atMost(Duration.ofSeconds(30)).until(() ->
        {
            venue.poll((s, b, o, l) -> record(emitted, s, b, o, l), 1_024);
            return !emitted.isEmpty() && emitted.get(emitted.size() - 1).sequence() == end &&
                node.appliedSequence() >= end;
        });
        venue.poll((s, b, o, l) -> record(emitted, s, b, o, l), 1_024);
        venue.close();
        node.close();
        return end;
    }

    private static void record(
        final List<Event> emitted, final long sequence, final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        emitted.add(new Event(sequence, bytes));
    }

    private static List<Event> events(final LinkRecovery recovery)
    {
        final List<Event> events = new ArrayList<>();
        final DirectBuffer all = recovery.events();
        int at = 0;
        while (at < recovery.eventsLength())
        {
            final long sequence = all.getLong(at, ByteOrder.LITTLE_ENDIAN);
            final int length = all.getInt(at + Long.BYTES, ByteOrder.LITTLE_ENDIAN);
            final byte[] bytes = new byte[length];
            all.getBytes(at + Long.BYTES + Integer.BYTES, bytes);
            events.add(new Event(sequence, bytes));
            at += Long.BYTES + Integer.BYTES + length;
        }
        assertThat(events).hasSize(recovery.eventCount());
        return events;
    }
}
