package io.disruptorx.engine.sbe;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.protocol.sbe.command.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.command.MessageHeaderEncoder;
import io.disruptorx.protocol.sbe.command.NewOrderDecoder;
import io.disruptorx.protocol.sbe.command.SetRiskLimitsDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Messages that cannot be read as commands never reach the engine: each is counted under its cause and reported,
 * and nothing is thrown.
 */
class SbeCommandDispatcherMalformedInputTest
{
    private static final int OFFSET = 16;
    private static final int BLOCK_LENGTH_AT = OFFSET;
    private static final int TEMPLATE_ID_AT = OFFSET + 2;
    private static final int SCHEMA_ID_AT = OFFSET + 4;
    private static final int VERSION_AT = OFFSET + 6;
    private static final int BODY_AT = OFFSET + MessageHeaderEncoder.ENCODED_LENGTH;

    private final EventLog log = new EventLog();
    private final List<String> rejects = new ArrayList<>();
    private final MatchingEngine engine = new MatchingEngine(SbeCommandDispatcherTest.CONFIG, log);
    private final SbeCommandDispatcher dispatcher = new SbeCommandDispatcher(engine,
        (reason, buffer, offset, length) -> rejects.add(reason + "@" + offset + "+" + length));
    private final SbeCommandEncoder encoder = new SbeCommandEncoder();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private int length;

    @BeforeEach
    void encodeAValidAddInstrument()
    {
        length = encoder.addInstrument(buffer, OFFSET, 1, 1, 1, 2, 10, 1, 2, 0, 0, 0, 10_000, 0, 500);
    }

    @Test
    void shouldCountATruncatedMessageAndNotApplyIt()
    {
        assertNotApplied(DispatchReject.TRUNCATED, buffer, OFFSET, length - 1);
        assertNotApplied(DispatchReject.TRUNCATED, buffer, OFFSET, MessageHeaderEncoder.ENCODED_LENGTH - 1);
        assertNotApplied(DispatchReject.TRUNCATED, buffer, OFFSET, 0);
        assertNotApplied(DispatchReject.TRUNCATED, buffer, OFFSET, -1);
        assertNotApplied(DispatchReject.TRUNCATED, buffer, -1, length);
        assertNotApplied(DispatchReject.TRUNCATED, buffer, buffer.capacity() - length + 1, length);
        assertNotApplied(DispatchReject.TRUNCATED, new UnsafeBuffer(buffer, 0, OFFSET + length - 1), OFFSET, length);

        assertThat(dispatcher.rejectCount(DispatchReject.TRUNCATED)).isEqualTo(7);
        assertThat(dispatcher.totalRejectCount()).isEqualTo(7);
        assertAppliedOnceRepaired();
    }

    @Test
    void shouldCountAMessageOfAnotherSchemaAndNotApplyIt()
    {
        buffer.putShort(SCHEMA_ID_AT, (short) 2);
        assertNotApplied(DispatchReject.WRONG_SCHEMA, buffer, OFFSET, length);

        buffer.putShort(SCHEMA_ID_AT, (short) 1);
        assertAppliedOnceRepaired();
    }

    @Test
    void shouldCountAnEventMessageFedBackAsACommandAndNotApplyIt()
    {
        final UnsafeBuffer eventBuffer = new UnsafeBuffer(new byte[256]);
        final SbeEventEncoder events = new SbeEventEncoder(new CallbackEventSink(
            (source, offset, messageLength) -> eventBuffer.putBytes(0, source, offset, messageLength)));
        events.onSnapshotRequested(1, 2);

        assertNotApplied(DispatchReject.WRONG_SCHEMA, eventBuffer, 0, 24);
    }

    @Test
    void shouldCountANewerSchemaVersionAndNotApplyIt()
    {
        buffer.putShort(VERSION_AT, (short) (MessageHeaderDecoder.SCHEMA_VERSION + 1));
        assertNotApplied(DispatchReject.UNSUPPORTED_VERSION, buffer, OFFSET, length);

        buffer.putShort(VERSION_AT, (short) MessageHeaderDecoder.SCHEMA_VERSION);
        assertAppliedOnceRepaired();
    }

    @Test
    void shouldCountAnUnknownTemplateAndNotApplyIt()
    {
        for (final int templateId : new int[] {0, 5, 9, 17, 101, 65_535})
        {
            buffer.putShort(TEMPLATE_ID_AT, (short) templateId);
            assertNotApplied(DispatchReject.UNKNOWN_TEMPLATE, buffer, OFFSET, length);
        }

        assertThat(dispatcher.rejectCount(DispatchReject.UNKNOWN_TEMPLATE)).isEqualTo(6);
        buffer.putShort(TEMPLATE_ID_AT, (short) 10);
        assertAppliedOnceRepaired();
    }

    @Test
    void shouldCountABlockShorterThanTheCommandAndNotApplyIt()
    {
        buffer.putShort(BLOCK_LENGTH_AT, (short) 79);
        assertNotApplied(DispatchReject.BLOCK_TOO_SHORT, buffer, OFFSET, length);
        buffer.putShort(BLOCK_LENGTH_AT, (short) 80);
        assertNotApplied(DispatchReject.BLOCK_TOO_SHORT, buffer, OFFSET, length);

        buffer.putShort(BLOCK_LENGTH_AT, (short) 81);
        assertAppliedOnceRepaired();
    }

    @Test
    void shouldReadALongerBlockThanItKnowsAsLongAsTheBytesAreThere()
    {
        buffer.putShort(BLOCK_LENGTH_AT, (short) 88);
        assertNotApplied(DispatchReject.TRUNCATED, buffer, OFFSET, length);

        assertThat(dispatcher.dispatch(buffer, OFFSET, length + 8)).isTrue();
        assertThat(log.events()).contains("onAdminResult(1, ADD_INSTRUMENT, 1, NONE)");
    }

    @Test
    void shouldCountABooleanThatIsNeitherZeroNorOneAndNotApplyIt()
    {
        assertThat(dispatcher.dispatch(buffer, OFFSET, length)).isTrue();
        final int adjustLength = encoder.adjustBalance(buffer, OFFSET, 1, 5, 2, 1_000_000);
        assertThat(dispatcher.dispatch(buffer, OFFSET, adjustLength)).isTrue();
        log.clear();
        final int orderLength = encoder.newOrder(buffer, OFFSET, 2, 5, 77, 1, Side.BUY, OrderType.LIMIT,
            TimeInForce.GTC, true, SelfTradePrevention.NONE, 10_000, 1);
        buffer.putByte(BODY_AT + NewOrderDecoder.postOnlyEncodingOffset(), (byte) 2);
        assertNotApplied(DispatchReject.INVALID_BOOLEAN, buffer, OFFSET, orderLength);

        final int limitsLength = encoder.setRiskLimits(buffer, OFFSET, 3, 5, 10, 10, true);
        buffer.putByte(BODY_AT + SetRiskLimitsDecoder.killSwitchEncodingOffset(), (byte) 0xFF);
        assertNotApplied(DispatchReject.INVALID_BOOLEAN, buffer, OFFSET, limitsLength);

        assertThat(dispatcher.rejectCount(DispatchReject.INVALID_BOOLEAN)).isEqualTo(2);
        buffer.putByte(BODY_AT + SetRiskLimitsDecoder.killSwitchEncodingOffset(), (byte) 1);
        assertThat(dispatcher.dispatch(buffer, OFFSET, limitsLength)).isTrue();
        assertThat(log.events()).contains("onAdminResult(3, SET_RISK_LIMITS, 5, NONE)");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void shouldNeverThrowAndCountEveryMessageItDoesNotApply(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final UnsafeBuffer garbage = new UnsafeBuffer(new byte[160]);
        final Map<DispatchReject, Long> expected = new EnumMap<>(DispatchReject.class);
        long applied = 0;

        for (int i = 0; i < 20_000; i++)
        {
            final byte[] bytes = new byte[garbage.capacity()];
            random.nextBytes(bytes);
            garbage.putBytes(0, bytes);
            if (random.nextInt(4) != 0)
            {
                garbage.putShort(4, (short) 1);
                garbage.putShort(6, (short) random.nextInt(2));
                garbage.putShort(2, (short) templateId(random));
                garbage.putShort(0, (short) random.nextInt(0, 100));
            }
            final int offset = random.nextInt(-2, 40);
            final int messageLength = random.nextInt(-2, 130);

            final boolean[] result = new boolean[1];
            assertThatCode(() -> result[0] = dispatcher.dispatch(garbage, offset, messageLength))
                .as("seed %d, message %d", seed, i)
                .doesNotThrowAnyException();
            if (result[0])
            {
                applied++;
            }
        }

        for (final String reject : rejects)
        {
            expected.merge(DispatchReject.valueOf(reject.substring(0, reject.indexOf('@'))), 1L, Long::sum);
        }
        for (final DispatchReject reason : DispatchReject.values())
        {
            assertThat(dispatcher.rejectCount(reason)).as("seed %d, %s", seed, reason)
                .isEqualTo(expected.getOrDefault(reason, 0L));
        }
        assertThat(applied + dispatcher.totalRejectCount()).isEqualTo(20_000);
        assertThat(applied).as("seed %d: some garbage was well formed", seed).isPositive();
        assertThat(expected.keySet()).as("seed %d", seed).contains(DispatchReject.TRUNCATED,
            DispatchReject.WRONG_SCHEMA, DispatchReject.UNSUPPORTED_VERSION, DispatchReject.UNKNOWN_TEMPLATE,
            DispatchReject.BLOCK_TOO_SHORT);
    }

    private static int templateId(final SplittableRandom random)
    {
        final int kind = random.nextInt(10);
        return kind < 4 ? random.nextInt(1, 5) : kind < 9 ? random.nextInt(10, 17) : random.nextInt(0, 300);
    }

    private void assertNotApplied(
        final DispatchReject reason, final DirectBuffer message, final int offset, final int messageLength)
    {
        final long before = dispatcher.rejectCount(reason);
        final List<String> eventsBefore = List.copyOf(log.events());

        assertThat(dispatcher.dispatch(message, offset, messageLength)).isFalse();

        assertThat(dispatcher.rejectCount(reason)).isEqualTo(before + 1);
        assertThat(rejects).last().isEqualTo(reason + "@" + offset + "+" + messageLength);
        assertThat(log.events()).isEqualTo(eventsBefore);
    }

    private void assertAppliedOnceRepaired()
    {
        assertThat(log.events()).isEmpty();
        assertThat(dispatcher.dispatch(buffer, OFFSET, length)).isTrue();
        assertThat(log.events()).contains("onAdminResult(1, ADD_INSTRUMENT, 1, NONE)");
    }
}
