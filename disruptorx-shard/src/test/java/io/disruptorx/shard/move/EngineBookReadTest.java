package io.disruptorx.shard.move;

import java.util.ArrayList;
import java.util.List;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.CallbackEventSink;
import io.disruptorx.engine.sbe.SbeBookExport;
import io.disruptorx.engine.sbe.SbeEventEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mover's book read through the engine's events ({@link EngineBookRead}), fed the events of a real engine's
 * ReadBook: the piece it builds is, byte for byte, the piece the direct read ({@link SbeBookExport}) writes from the
 * same engine; events delivered twice, events of another read and of other kinds change nothing; an answer missing
 * an order stays pending until the timeout and then fails (the mover rolls back); an unknown instrument fails.
 */
class EngineBookReadTest
{
    private static final int INSTRUMENT = 3;
    private static final long READ = 41;
    private static final long TIMESTAMP = 777;
    private static final long FIRST_TRANSFER = ShardMover.MOVE_TRANSFER | 5L * ShardMover.MAX_ORDERS;

    private final List<byte[]> events = new ArrayList<>();
    private final MatchingEngine engine = new MatchingEngine(EngineConfig.defaults(), new SbeEventEncoder(
        new CallbackEventSink((buffer, offset, length) ->
        {
            final byte[] event = new byte[length];
            buffer.getBytes(offset, event);
            events.add(event);
        })));
    private final EngineBookRead read = new EngineBookRead();

    @BeforeEach
    void rest()
    {
        engine.addInstrument(1, INSTRUMENT, 1, 0, 1, 1, 2, 0, 1, 2, 10_000, 1_000, 500);
        for (long account = 1; account <= 3; account++)
        {
            engine.adjustBalance(1, account, 0, 100_000_000);
            engine.adjustBalance(1, account, 1, 100_000);
        }
        for (int i = 0; i < 40; i++)
        {
            final boolean bid = i % 2 == 0;
            engine.newOrder(2 + i, 1 + i % 3, 100 + i, INSTRUMENT, bid ? Side.BUY : Side.SELL, OrderType.LIMIT,
                i % 5 == 0 ? TimeInForce.DAY : TimeInForce.GTC, false, SelfTradePrevention.NONE,
                bid ? 9_990 - i % 4 : 10_010 + i % 4, 1 + i % 6);
        }
        events.clear();
    }

    @Test
    void shouldBuildThePieceTheDirectReadWritesEvenWithEventsRepeatedOrForeign()
    {
        engine.moves().readBook(1_000, READ, INSTRUMENT);
        engine.moves().readBook(1_001, READ + 1, INSTRUMENT);
        assertThat(events).hasSize(2 * 41);
        read.expect(READ, INSTRUMENT, TIMESTAMP, FIRST_TRANSFER, 0);
        final ExpandableArrayBuffer piece = new ExpandableArrayBuffer();

        int taken = 0;
        for (int i = 0; i < events.size(); i++)
        {
            if (deliver(i))
            {
                taken++;
            }
            if (i < 40)
            {
                assertThat(read.complete()).isFalse();
                assertThat(read.take(piece, 1)).isEqualTo(ShardMover.BookSource.PENDING);
            }
            if (i > 0 && i < 41 && i % 10 == 0)
            {
                assertThat(deliver(i - 1)).as("a repeat is the read's, and taken once").isTrue();
            }
        }
        assertThat(taken).as("the other read's events are not this one's").isEqualTo(41);
        assertThat(read.onEvent(new UnsafeBuffer(new byte[4]), 0, 4)).isFalse();
        assertThat(read.complete()).isTrue();

        final int length = read.take(piece, 1);
        final ExpandableArrayBuffer direct = new ExpandableArrayBuffer();
        final int directLength = new SbeBookExport().write(engine, INSTRUMENT, TIMESTAMP, FIRST_TRANSFER, direct, 0);
        assertThat(length).isPositive().isEqualTo(directLength);
        final byte[] built = new byte[length];
        piece.getBytes(0, built);
        final byte[] expected = new byte[directLength];
        direct.getBytes(0, expected);
        assertThat(built).isEqualTo(expected);
        final MovePiece parsed = new MovePiece();
        parsed.buffer().putBytes(0, built);
        assertThat(parsed.prepare(length, 0)).isTrue();
        assertThat(parsed.orders()).isEqualTo(40);
        assertThat(read.complete()).as("taken once").isFalse();
    }

    @Test
    void shouldFailAtTheTimeoutWhenAnOrderOfTheAnswerNeverArrives()
    {
        engine.moves().readBook(1_000, READ, INSTRUMENT);
        read.expect(READ, INSTRUMENT, TIMESTAMP, FIRST_TRANSFER, 0);
        for (int i = 0; i < events.size(); i++)
        {
            if (i != 17)
            {
                assertThat(deliver(i)).isTrue();
            }
        }
        final ExpandableArrayBuffer piece = new ExpandableArrayBuffer();
        assertThat(read.complete()).isFalse();
        assertThat(read.take(piece, EngineBookRead.TIMEOUT_NANOS)).isEqualTo(ShardMover.BookSource.PENDING);
        assertThat(read.take(piece, EngineBookRead.TIMEOUT_NANOS + 1)).isEqualTo(-1);
        assertThat(deliver(17)).as("a read that failed takes nothing more").isFalse();
    }

    @Test
    void shouldFailAtOnceForAnInstrumentTheEngineDoesNotHave()
    {
        engine.moves().readBook(1_000, READ, 99);
        assertThat(events).hasSize(1);
        read.expect(READ, 99, TIMESTAMP, FIRST_TRANSFER, 0);
        assertThat(deliver(0)).isTrue();
        assertThat(read.complete()).isTrue();
        assertThat(read.take(new ExpandableArrayBuffer(), 1)).isEqualTo(-1);
    }

    private boolean deliver(final int index)
    {
        final byte[] event = events.get(index);
        return read.onEvent(new UnsafeBuffer(event), 0, event.length);
    }
}
