package io.disruptorx.engine.sbe;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import io.disruptorx.engine.AdminType;
import io.disruptorx.engine.CancelReason;
import io.disruptorx.engine.EngineListener;
import io.disruptorx.engine.InstrumentState;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.RejectReason;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.protocol.sbe.event.MessageHeaderDecoder;
import io.disruptorx.protocol.sbe.event.OrderAcceptedDecoder;
import io.disruptorx.protocol.sbe.marketdata.OrderAddedDecoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SbeEventEncoderTest
{
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42, 20261121, -3})
    void shouldDecodeEveryEventBackToTheSameFieldValues(final long seed)
    {
        final EventLog expected = new EventLog();
        final EventLog decoded = new EventLog();
        final SbeEventEncoder encoder = new SbeEventEncoder(new CallbackEventSink(new SbeEventDecoder(decoded)));
        final SplittableRandom random = new SplittableRandom(seed);

        for (int i = 0; i < 2_000; i++)
        {
            emitRandomEvent(random, expected);
        }
        final SplittableRandom replay = new SplittableRandom(seed);
        for (int i = 0; i < 2_000; i++)
        {
            emitRandomEvent(replay, encoder);
        }

        assertThat(decoded.events()).as("seed %d", seed).hasSize(2_000).isEqualTo(expected.events());
    }

    @Test
    void shouldRoundTripEveryEnumValueAndExtremeNumbers()
    {
        final EventLog expected = new EventLog();
        final EventLog decoded = new EventLog();
        final SbeEventEncoder encoder = new SbeEventEncoder(new CallbackEventSink(new SbeEventDecoder(decoded)));
        final List<EngineListener> both = List.of(expected, encoder);

        for (final EngineListener listener : both)
        {
            for (final Side side : Side.values())
            {
                for (final OrderType type : OrderType.values())
                {
                    for (final TimeInForce tif : TimeInForce.values())
                    {
                        listener.onOrderAccepted(Long.MIN_VALUE, Long.MAX_VALUE, -1, 0, Integer.MIN_VALUE, side, type,
                            tif, Long.MAX_VALUE, Long.MIN_VALUE);
                    }
                }
                listener.onMarketTrade(Long.MAX_VALUE, 1, Integer.MAX_VALUE, 2, 3, 4, side);
                listener.onBookOrderAdded(1, 2, 3, 4, side, 5, 6);
            }
            for (final RejectReason reason : RejectReason.values())
            {
                listener.onOrderRejected(1, 2, 3, 4, reason);
                listener.onCancelRejected(1, 2, 3, 4, reason);
            }
            for (final CancelReason reason : CancelReason.values())
            {
                listener.onOrderCancelled(1, 2, 3, 4, 5, 6, 7, reason);
            }
            for (final InstrumentState state : InstrumentState.values())
            {
                listener.onInstrumentStatus(1, 2, state);
                listener.onMarketStatus(1, 2, 3, state);
            }
            listener.onOrderReplaced(1, 2, 3, 4, 5, 6, 7, true);
            listener.onOrderReplaced(1, 2, 3, 4, 5, 6, 7, false);
            listener.onOrderAccepted(1, 2, 3, 4, 5, null, null, null, 6, 7);
        }

        assertThat(decoded.events()).isEqualTo(expected.events());
        assertThat(decoded.events()).contains("onOrderAccepted(1, 2, 3, 4, 5, null, null, null, 6, 7)");
    }

    @Test
    void shouldRoundTripEveryAdminType()
    {
        final EventLog expected = new EventLog();
        final EventLog decoded = new EventLog();
        final SbeEventEncoder encoder = new SbeEventEncoder(new CallbackEventSink(new SbeEventDecoder(decoded)));

        for (final AdminType type : AdminType.values())
        {
            for (final RejectReason result : RejectReason.values())
            {
                expected.onAdminResult(11, type, 12, result);
                encoder.onAdminResult(11, type, 12, result);
            }
        }

        assertThat(decoded.events()).hasSize(AdminType.values().length * RejectReason.values().length)
            .isEqualTo(expected.events());
    }

    @Test
    void shouldSendMarketDataToTheMarketDataSinkAndExecutionsToTheExecutionSink()
    {
        final List<Integer> executionSchemas = new ArrayList<>();
        final List<Integer> marketDataSchemas = new ArrayList<>();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final SbeEventEncoder encoder = new SbeEventEncoder(
            new CallbackEventSink((buffer, offset, length) -> executionSchemas.add(schemaId(header, buffer, offset))),
            new CallbackEventSink((buffer, offset, length) -> marketDataSchemas.add(schemaId(header, buffer, offset))));

        encoder.onOrderAccepted(1, 2, 3, 4, 5, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 6, 7);
        encoder.onBookOrderAdded(1, 2, 3, 4, Side.BUY, 5, 6);
        encoder.onBookOrderModified(1, 2, 3, 4, 5);
        encoder.onBookOrderDeleted(1, 2, 3, 4);
        encoder.onMarketTrade(1, 2, 3, 4, 5, 6, Side.SELL);
        encoder.onMarketStatus(1, 2, 3, InstrumentState.HALTED);
        encoder.onInstrumentStatus(1, 2, InstrumentState.HALTED);

        assertThat(executionSchemas).containsExactly(OrderAcceptedDecoder.SCHEMA_ID, OrderAcceptedDecoder.SCHEMA_ID);
        assertThat(marketDataSchemas).hasSize(5).containsOnly(OrderAddedDecoder.SCHEMA_ID);
    }

    @Test
    void shouldWriteTheSameBytesWhateverTheSinkBufferHeldBefore()
    {
        final OffsetSink clean = new OffsetSink(new UnsafeBuffer(new byte[512]), 64);
        final UnsafeBuffer dirtyBuffer = new UnsafeBuffer(new byte[512]);
        dirtyBuffer.setMemory(0, 512, (byte) 0xA5);
        final OffsetSink dirty = new OffsetSink(dirtyBuffer, 64);

        for (final OffsetSink sink : List.of(clean, dirty))
        {
            final SbeEventEncoder encoder = new SbeEventEncoder(sink);
            encoder.onOrderAccepted(1, 2, 3, 4, 5, Side.SELL, OrderType.MARKET, TimeInForce.IOC, 6, 7);
            encoder.onOrderCancelled(1, 2, 3, 4, 5, 6, 7, CancelReason.EXPIRED);
            encoder.onOrderReplaced(1, 2, 3, 4, 5, 6, 7, true);
        }

        assertThat(dirty.lastLength).isEqualTo(clean.lastLength).isPositive();
        assertThat(bytes(dirty.buffer, 64, dirty.lastLength)).isEqualTo(bytes(clean.buffer, 64, clean.lastLength));
        assertThat(dirty.buffer.getByte(64 + dirty.lastLength)).isEqualTo((byte) 0xA5);
    }

    private static int schemaId(final MessageHeaderDecoder header, final DirectBuffer buffer, final int offset)
    {
        return header.wrap(buffer, offset).schemaId();
    }

    private static byte[] bytes(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }

    static void emitRandomEvent(final SplittableRandom random, final EngineListener listener)
    {
        final long ts = random.nextLong();
        switch (random.nextInt(14))
        {
            case 0:
                listener.onOrderAccepted(ts, random.nextLong(), random.nextLong(), random.nextLong(), random.nextInt(),
                    pick(random, Side.values()), pick(random, OrderType.values()), pick(random, TimeInForce.values()),
                    random.nextLong(), random.nextLong());
                break;
            case 1:
                listener.onOrderRejected(ts, random.nextLong(), random.nextLong(), random.nextInt(),
                    pick(random, RejectReason.values()));
                break;
            case 2:
                listener.onTrade(ts, random.nextLong(), random.nextInt(), random.nextLong(), random.nextLong(),
                    pick(random, Side.values()), random.nextLong(), random.nextLong(), random.nextLong(),
                    random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
                break;
            case 3:
                listener.onOrderCancelled(ts, random.nextLong(), random.nextLong(), random.nextLong(),
                    random.nextLong(), random.nextInt(), random.nextLong(), pick(random, CancelReason.values()));
                break;
            case 4:
                listener.onOrderReplaced(ts, random.nextLong(), random.nextLong(), random.nextLong(), random.nextInt(),
                    random.nextLong(), random.nextLong(), random.nextBoolean());
                break;
            case 5:
                listener.onCancelRejected(ts, random.nextLong(), random.nextLong(), random.nextLong(),
                    pick(random, RejectReason.values()));
                break;
            case 6:
                listener.onSnapshotRequested(ts, random.nextLong());
                break;
            case 7:
                listener.onInstrumentStatus(ts, random.nextInt(), pick(random, InstrumentState.values()));
                break;
            case 8:
                listener.onBookOrderAdded(random.nextLong(), ts, random.nextInt(), random.nextLong(),
                    pick(random, Side.values()), random.nextLong(), random.nextLong());
                break;
            case 9:
                listener.onBookOrderModified(random.nextLong(), ts, random.nextInt(), random.nextLong(),
                    random.nextLong());
                break;
            case 10:
                listener.onBookOrderDeleted(random.nextLong(), ts, random.nextInt(), random.nextLong());
                break;
            case 11:
                listener.onMarketTrade(random.nextLong(), ts, random.nextInt(), random.nextLong(), random.nextLong(),
                    random.nextLong(), pick(random, Side.values()));
                break;
            case 12:
                listener.onMarketStatus(
                    random.nextLong(), ts, random.nextInt(), pick(random, InstrumentState.values()));
                break;
            default:
                listener.onCancelRejected(ts, random.nextLong(), random.nextLong(), random.nextLong(), null);
                break;
        }
    }

    private static <T> T pick(final SplittableRandom random, final T[] values)
    {
        return values[random.nextInt(values.length)];
    }

    /** Writes every message at one fixed offset of one buffer, to look at the bytes afterwards. */
    private static final class OffsetSink implements EventSink
    {
        private final MutableDirectBuffer buffer;
        private final int offset;
        private int lastLength;

        OffsetSink(final MutableDirectBuffer buffer, final int offset)
        {
            this.buffer = buffer;
            this.offset = offset;
        }

        @Override
        public int claim(final int length)
        {
            lastLength = length;
            return offset;
        }

        @Override
        public MutableDirectBuffer buffer()
        {
            return buffer;
        }

        @Override
        public void commit()
        {
        }
    }
}
