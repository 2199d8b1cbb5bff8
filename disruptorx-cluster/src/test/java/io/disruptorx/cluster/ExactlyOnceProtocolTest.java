package io.disruptorx.cluster;

import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

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
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster's side of the gateway protocol, driven frame by frame through a raw Aeron Cluster client against a
 * one-member cluster: a command sequence is applied once however often it is sent, commands carry the log's time,
 * events are numbered per gateway and replayed on request, a new incarnation starts its command sequence afresh,
 * and a request older than the replay store gets a LOST marker; a BATCH frame is its commands, each applied once at
 * a log position of its own, and a batch whose lengths do not add up is refused whole and counted.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ExactlyOnceProtocolTest
{
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int BUFFER_BYTES = 512;
    private static final int STORE = 16;

    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final List<Frame> frames = new ArrayList<>();
    private TestCluster cluster;
    private RawIngress ingress;
    private UnsafeBuffer out;

    private record Frame(int type, long eventSequence, long acked, long position, int templateId, long timestamp,
        byte[] bytes, boolean answer)
    {
    }

    @BeforeEach
    void start()
    {
        cluster = new TestCluster("protocol", 1,
            (id) -> new ServiceConfig(TestCluster.ENGINE, STORE, -1, 1_000, null, null));
        cluster.startAll();
        cluster.awaitLeader(WAIT);
        ingress = RawIngress.connect(cluster, BUFFER_BYTES, WAIT,
            (sessionId, timestamp, buffer, offset, length, header) ->
            {
                final byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                final int type = EgressFrame.type(buffer, offset);
                final int templateId = length > EgressFrame.HEADER_LENGTH ?
                    buffer.getShort(offset + EgressFrame.HEADER_LENGTH + 2, ByteOrder.LITTLE_ENDIAN) : 0;
                final long eventTime = length > EgressFrame.HEADER_LENGTH ? buffer.getLong(
                    offset + EgressFrame.HEADER_LENGTH + MessageHeaderDecoder.ENCODED_LENGTH, ByteOrder.LITTLE_ENDIAN) :
                    0;
                frames.add(new Frame(type, EgressFrame.eventSequence(buffer, offset),
                    EgressFrame.ackedCommand(buffer, offset), EgressFrame.commandPosition(buffer, offset), templateId,
                    eventTime, bytes, EgressFrame.isAnswer(buffer, offset)));
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
    void shouldApplyACommandSequenceOnceAndAcknowledgeEveryCopy()
    {
        ingress.hello(5, 1, 1, 0);
        awaitFrame((f) -> f.type() == EgressFrame.ACK && f.eventSequence() == 1);
        ingress.command(1,
            encoder.addInstrument(out, IngressFrame.HEADER_LENGTH, 0, 1, 1, 0, 1, 1, 2, 0, 0, 1, 10_000, 5_000, 1_000));
        ingress.command(2, encoder.adjustBalance(out, IngressFrame.HEADER_LENGTH, 0, 1, 0, 1_000_000_000L));
        final ClusterMember leader = cluster.member(cluster.awaitLeader(WAIT));
        final long before = leader.clusterTime();
        final int newOrder = encoder.newOrder(out, IngressFrame.HEADER_LENGTH, 0, 1, 77, 1, Side.BUY,
            OrderType.LIMIT, TimeInForce.GTC, false, SelfTradePrevention.CANCEL_NEWEST, 9_000, 10);
        ingress.command(3, newOrder);
        ingress.command(3, newOrder);
        ingress.command(3, newOrder);
        final Frame accepted = awaitFrame((f) -> f.templateId() == OrderAcceptedDecoder.TEMPLATE_ID);
        final Frame firstDuplicate = awaitFrame(
            (f) -> f.type() == EgressFrame.ACK && f.acked() == 3 && f.position() > accepted.position());
        awaitFrame((f) -> f.type() == EgressFrame.ACK && f.acked() == 3 && f.position() > firstDuplicate.position());
        awaitDuplicatesDropped(2);

        assertThat(frames.stream().filter((f) -> f.templateId() == OrderAcceptedDecoder.TEMPLATE_ID)).hasSize(1);
        assertThat(accepted.acked()).isEqualTo(3);
        assertThat(accepted.timestamp()).as("the log's time, not the gateway's 0")
            .isBetween(before - TimeUnit.SECONDS.toNanos(5), leader.clusterTime() + TimeUnit.SECONDS.toNanos(5));
        final List<Long> sequences = frames.stream().filter((f) -> f.type() == EgressFrame.EVENT)
            .map(Frame::eventSequence).toList();
        assertThat(sequences).isEqualTo(java.util.stream.LongStream.rangeClosed(1, sequences.size()).boxed().toList());
    }

    @Test
    void shouldApplyEachCommandOfABatchOnceAtALogPositionOfItsOwn()
    {
        ingress.hello(7, 1, 1, 0);
        ingress.command(1,
            encoder.addInstrument(out, IngressFrame.HEADER_LENGTH, 0, 1, 1, 0, 1, 1, 2, 0, 0, 1, 10_000, 5_000, 1_000));
        ingress.command(2, encoder.adjustBalance(out, IngressFrame.HEADER_LENGTH, 0, 1, 0, 1_000_000_000L));
        ingress.batch(3, order(31), order(32), order(33));
        awaitFrame((f) -> f.templateId() == OrderAcceptedDecoder.TEMPLATE_ID && clientOrderId(f) == 33);
        final List<Frame> accepted = accepted();
        assertThat(accepted).extracting(ExactlyOnceProtocolTest::clientOrderId).containsExactly(31L, 32L, 33L);
        assertThat(accepted).extracting(Frame::acked).containsExactly(3L, 4L, 5L);
        assertThat(accepted.get(1).position()).isEqualTo(accepted.get(0).position() + 1);
        assertThat(accepted.get(2).position()).isEqualTo(accepted.get(1).position() + 1);

        ingress.batch(4, order(32), order(33), order(34));
        awaitFrame((f) -> f.templateId() == OrderAcceptedDecoder.TEMPLATE_ID && clientOrderId(f) == 34);
        awaitDuplicatesDropped(2);
        assertThat(accepted()).as("a re-sent batch applies only its new command")
            .extracting(ExactlyOnceProtocolTest::clientOrderId).containsExactly(31L, 32L, 33L, 34L);
        assertThat(accepted().get(3).acked()).isEqualTo(6);
        assertThat(accepted().get(3).position()).isGreaterThan(accepted.get(2).position());
        assertThat(frames).as("each duplicate acknowledged again")
            .filteredOn((f) -> f.type() == EgressFrame.ACK && f.acked() == 5).hasSize(2);

        final long malformedBefore = malformedFrames();
        final int length = ingress.batchFrame(7, order(35), order(36));
        out.putInt(IngressFrame.BATCH_COUNT_OFFSET, 3, ByteOrder.LITTLE_ENDIAN);
        ingress.offer(length);
        commandBytes(7, order(37));
        awaitFrame((f) -> f.templateId() == OrderAcceptedDecoder.TEMPLATE_ID && clientOrderId(f) == 37);
        assertThat(accepted()).extracting(ExactlyOnceProtocolTest::clientOrderId).doesNotContain(35L, 36L);
        assertThat(malformedFrames()).isEqualTo(malformedBefore + 1);
    }

    @Test
    void shouldReplayEventsOnRequestAndMarkWhatIsNoLongerHeld()
    {
        ingress.hello(6, 1, 1, 0);
        ingress.command(1,
            encoder.addInstrument(out, IngressFrame.HEADER_LENGTH, 0, 1, 1, 0, 1, 1, 2, 0, 0, 1, 10_000, 5_000, 1_000));
        for (int i = 0; i < 10; i++)
        {
            ingress.command(2 + i, encoder.adjustBalance(out, IngressFrame.HEADER_LENGTH, 0, 1, 0, 1));
        }
        awaitFrame((f) -> f.type() == EgressFrame.EVENT && f.eventSequence() == 12);
        final List<Frame> original = events();

        frames.clear();
        ingress.resend(3);
        awaitFrame((f) -> f.type() == EgressFrame.EVENT && f.eventSequence() == 12);
        assertThat(events()).hasSize(10);
        for (final Frame replayed : events())
        {
            assertThat(replayed.bytes()).isEqualTo(original.get((int)replayed.eventSequence() - 1).bytes());
        }

        for (int i = 0; i < 10; i++)
        {
            ingress.command(12 + i, encoder.adjustBalance(out, IngressFrame.HEADER_LENGTH, 0, 1, 0, 1));
        }
        awaitFrame((f) -> f.type() == EgressFrame.EVENT && f.eventSequence() == 22);
        frames.clear();
        ingress.hello(6, 1, 2, 0);
        final Frame lost = awaitFrame((f) -> f.type() == EgressFrame.LOST);
        assertThat(lost.eventSequence()).isEqualTo(22 - STORE + 1);
        awaitFrame((f) -> f.type() == EgressFrame.EVENT && f.eventSequence() == 22);
        assertThat(events()).extracting(Frame::eventSequence).first().isEqualTo(lost.eventSequence());
    }

    @Test
    void shouldStartCommandSequencesAfreshForANewIncarnation()
    {
        ingress.hello(8, 1, 1, 0);
        ingress.command(1, encoder.adjustBalance(out, IngressFrame.HEADER_LENGTH, 0, 1, 0, 5));
        awaitFrame((f) -> f.type() == EgressFrame.EVENT && f.acked() == 1);
        ingress.hello(8, 2, 0, 0);
        awaitFrame((f) -> f.type() == EgressFrame.ACK && f.acked() == 0);
        ingress.command(1, encoder.adjustBalance(out, IngressFrame.HEADER_LENGTH, 0, 1, 0, 5));
        final Frame second = awaitFrame((f) -> f.type() == EgressFrame.EVENT && f.eventSequence() == 2);
        assertThat(second.acked()).isEqualTo(1);
    }

    /**
     * The race of a gateway whose first session closes (or whose first answer and events are dropped) after its
     * commands are committed but before their events reach it: it holds no event number and says HELLO again with
     * 0. The cluster must answer from the incarnation's first event and replay the events it missed; answering
     * with the next event number made the gateway skip them for good (its re-sent commands are duplicates, which
     * cause no event again).
     */
    @Test
    void shouldReplayTheIncarnationsEventsToAGatewayThatSaysHelloAgainWithoutAnEventNumber()
    {
        ingress.hello(9, 1, 1, 0);
        ingress.command(1, encoder.adjustBalance(out, IngressFrame.HEADER_LENGTH, 0, 1, 0, 5));
        awaitFrame((f) -> f.type() == EgressFrame.EVENT && f.acked() == 1);
        ingress.hello(9, 2, 0, 0);
        ingress.command(1, encoder.adjustBalance(out, IngressFrame.HEADER_LENGTH, 0, 1, 0, 5));
        ingress.command(2, encoder.adjustBalance(out, IngressFrame.HEADER_LENGTH, 0, 1, 0, 7));
        awaitFrame((f) -> f.type() == EgressFrame.EVENT && f.eventSequence() == 3);
        final List<Frame> missed = events().subList(1, 3);

        frames.clear();
        ingress.hello(9, 2, 0, 0);
        final Frame answer = awaitFrame((f) -> f.type() == EgressFrame.ACK && f.answer());
        assertThat(answer.eventSequence()).as("the incarnation's first event, where the replay starts").isEqualTo(2);
        assertThat(answer.acked()).isEqualTo(2);
        awaitFrame((f) -> f.type() == EgressFrame.EVENT && f.eventSequence() == 3);
        assertThat(events()).extracting(Frame::eventSequence).containsExactly(2L, 3L);
        assertThat(events()).extracting(Frame::bytes)
            .containsExactly(missed.get(0).bytes(), missed.get(1).bytes());

        frames.clear();
        ingress.hello(9, 3, 0, 0);
        final Frame fresh = awaitFrame((f) -> f.type() == EgressFrame.ACK && f.answer());
        assertThat(fresh.eventSequence()).as("a new incarnation starts at the next event").isEqualTo(4);
        ingress.command(1, encoder.adjustBalance(out, IngressFrame.HEADER_LENGTH, 0, 1, 0, 9));
        awaitFrame((f) -> f.type() == EgressFrame.EVENT && f.acked() == 1);
        assertThat(events()).as("no replay before the new incarnation's first event").extracting(Frame::eventSequence)
            .containsExactly(4L);
    }

    private List<Frame> accepted()
    {
        return frames.stream().filter((f) -> f.templateId() == OrderAcceptedDecoder.TEMPLATE_ID).toList();
    }

    private static long clientOrderId(final Frame frame)
    {
        return new UnsafeBuffer(frame.bytes()).getLong(EgressFrame.HEADER_LENGTH +
            MessageHeaderDecoder.ENCODED_LENGTH + OrderAcceptedDecoder.clientOrderIdEncodingOffset(),
            ByteOrder.LITTLE_ENDIAN);
    }

    private long malformedFrames()
    {
        return ClusterProbe.status(cluster.config(0)).service().getOrDefault("malformed ingress frames", -1L);
    }

    /**
     * Waits until the service has dropped this many re-sent commands (the server has taken every copy sent), polling
     * egress meanwhile; what the copies caused was sent before the frames the test awaited after them.
     */
    private void awaitDuplicatesDropped(final long expected)
    {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        long dropped = duplicatesDropped();
        while (dropped != expected)
        {
            assertThat(dropped).as("duplicates dropped").isLessThan(expected);
            assertThat(System.nanoTime() - deadline).as("waited for %d duplicates dropped", expected).isNegative();
            ingress.poll();
            LockSupport.parkNanos(1_000_000);
            dropped = duplicatesDropped();
        }
    }

    private long duplicatesDropped()
    {
        return ClusterProbe.status(cluster.config(0)).service()
            .getOrDefault("re-sent commands dropped as duplicates", -1L);
    }

    private byte[] order(final long clientOrderId)
    {
        final UnsafeBuffer command = new UnsafeBuffer(new byte[256]);
        final int length = encoder.newOrder(command, 0, 0, 1, clientOrderId, 1, Side.BUY, OrderType.LIMIT,
            TimeInForce.GTC, false, SelfTradePrevention.CANCEL_NEWEST, 9_000, 1);
        final byte[] bytes = new byte[length];
        command.getBytes(0, bytes);
        return bytes;
    }

    private void commandBytes(final long sequence, final byte[] command)
    {
        out.putBytes(IngressFrame.HEADER_LENGTH, command);
        ingress.command(sequence, command.length);
    }

    private List<Frame> events()
    {
        return frames.stream().filter((f) -> f.type() == EgressFrame.EVENT).toList();
    }

    private Frame awaitFrame(final Predicate<Frame> match)
    {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline)
        {
            for (; seen < frames.size(); seen++)
            {
                if (match.test(frames.get(seen)))
                {
                    return frames.get(seen);
                }
            }
            if (ingress.poll() == 0)
            {
                LockSupport.parkNanos(200_000);
            }
        }
        throw new AssertionError("no matching frame; got " + frames.size() + " frames");
    }

}
