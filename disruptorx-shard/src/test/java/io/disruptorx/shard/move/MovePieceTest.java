package io.disruptorx.shard.move;

import java.nio.ByteOrder;
import java.nio.file.Path;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.EngineListenerAdapter;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.OrderType;
import io.disruptorx.engine.SelfTradePrevention;
import io.disruptorx.engine.Side;
import io.disruptorx.engine.TimeInForce;
import io.disruptorx.engine.sbe.SbeBookExport;
import io.disruptorx.protocol.sbe.command.AddInstrumentDecoder;
import io.disruptorx.protocol.sbe.command.InstrumentState;
import io.disruptorx.protocol.sbe.command.MessageHeaderDecoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A move's piece lists its instrument HALTED on the target (its AddInstrument's {@code initialState}, commands version
 * 4), so a target that never had the instrument never tells it TRADING before the move's resume. A piece an older
 * mover recorded in its journal (an AddInstrument of version 3: an 80-byte block, no state, TRADING) is taken back
 * as the piece a mover writes today, byte for byte: the RestoreOrders after it are unchanged.
 */
class MovePieceTest
{
    private static final int INSTRUMENT = 3;
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final long FIRST_TRANSFER = ShardMover.MOVE_TRANSFER | 7L * ShardMover.MAX_ORDERS;

    @Test
    void shouldListTheInstrumentHaltedAndTakeAnOlderRecordedPieceAsTodays()
    {
        final MovePiece written = written();
        final int length = written.length();
        final AddInstrumentDecoder listing = listing(written);
        assertThat(listing.actingVersion()).as("today's commands version").isEqualTo(5);
        assertThat(listing.initialState()).isEqualTo(InstrumentState.HALTED);
        assertThat(listing.instrumentId()).isEqualTo(INSTRUMENT);
        final byte[] today = bytes(written.buffer(), length);

        final MovePiece reloaded = new MovePiece();
        reloaded.load(today);
        assertThat(bytes(reloaded.buffer(), reloaded.length())).as("today's piece loads as it is").isEqualTo(today);

        final byte[] older = versionThree(today);
        assertThat(older).hasSize(today.length - 1);
        final MovePiece recovered = new MovePiece();
        recovered.load(older);
        assertThat(recovered.orders()).isEqualTo(2);
        assertThat(recovered.length()).isEqualTo(today.length);
        assertThat(bytes(recovered.buffer(), recovered.length())).as("an older piece, listing HALTED as today's")
            .isEqualTo(today);
        assertThat(recovered.globalOrderId(1)).isEqualTo(written.globalOrderId(1));
    }

    /**
     * The mover records after the piece whether its restores wait for MoveOut's answer (a mover that takes the move
     * up at READ sends MoveOut alone then); a piece recorded without that mark, as by an older mover, loads as before
     * and says nothing of its restores; a mark of no known mode is refused.
     */
    @Test
    void shouldRecordHowTheRestoresGoAfterThePieceAndLoadAPieceWithoutIt()
    {
        final MovePiece written = written();
        final int length = written.length();
        final byte[] piece = bytes(written.buffer(), length);
        final byte[] after = bytes(written.buffer(), written.recordedLength(true));
        final byte[] with = bytes(written.buffer(), written.recordedLength(false));
        assertThat(after).hasSize(length + Integer.BYTES).startsWith(piece);
        assertThat(with).hasSize(length + Integer.BYTES).startsWith(piece).isNotEqualTo(after);
        assertThat(written.length()).as("the mark is not the piece's").isEqualTo(length);

        final MovePiece loaded = new MovePiece();
        loaded.load(after);
        assertThat(loaded.restores()).isEqualTo(MovePiece.RESTORES_AFTER_MOVE_OUT);
        assertThat(loaded.orders()).isEqualTo(2);
        assertThat(bytes(loaded.buffer(), loaded.length())).isEqualTo(piece);
        loaded.load(with);
        assertThat(loaded.restores()).isEqualTo(MovePiece.RESTORES_WITH_MOVE_OUT);
        assertThat(bytes(loaded.buffer(), loaded.length())).isEqualTo(piece);
        loaded.load(piece);
        assertThat(loaded.restores()).as("recorded without the mark").isEqualTo(MovePiece.RESTORES_NOT_RECORDED);
        assertThat(bytes(loaded.buffer(), loaded.length())).isEqualTo(piece);

        final byte[] older = versionThree(piece);
        final byte[] olderMarked = new byte[older.length + Integer.BYTES];
        System.arraycopy(older, 0, olderMarked, 0, older.length);
        System.arraycopy(after, length, olderMarked, older.length, Integer.BYTES);
        loaded.load(olderMarked);
        assertThat(loaded.restores()).isEqualTo(MovePiece.RESTORES_AFTER_MOVE_OUT);
        assertThat(bytes(loaded.buffer(), loaded.length())).as("an older piece with the mark").isEqualTo(piece);

        final byte[] followed = bytes(written.buffer(), written.recordedLength(MovePiece.RESTORES_FOLLOWED));
        loaded.load(followed);
        assertThat(loaded.restores()).as("a follower's").isEqualTo(MovePiece.RESTORES_FOLLOWED);
        assertThat(bytes(loaded.buffer(), loaded.length())).isEqualTo(piece);

        final byte[] unknownMode = after.clone();
        unknownMode[length] = 4;
        assertThatThrownBy(() -> new MovePiece().load(unknownMode)).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("malformed piece");
    }

    /**
     * A length field so large that the command's end overflows an int is a malformed piece, not a read out of bounds;
     * the journal names the move and its file.
     */
    @Test
    void shouldRefuseACommandLengthThatOverflowsAsAMalformedPiece(@TempDir final Path directory)
    {
        final MovePiece written = written();
        final byte[] piece = bytes(written.buffer(), written.length());
        final UnsafeBuffer overflowing = new UnsafeBuffer(piece.clone());
        overflowing.putInt(written.commandOffset(1) - Integer.BYTES, 0x7FFF_FFF0, ByteOrder.LITTLE_ENDIAN);
        assertThatThrownBy(() -> new MovePiece().load(overflowing.byteArray()))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("malformed piece");

        final Path file = directory.resolve("moves.journal");
        try (MoveJournal journal = new MoveJournal(file, (step, moveId, instrumentId, from, to, payload, length) ->
        {
        }))
        {
            assertThatThrownBy(() -> journal.append(MoveStep.READ, 7, INSTRUMENT, 0, 1, overflowing, piece.length))
                .as("recorded, then found malformed").isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("malformed piece");
        }
        assertThatThrownBy(() -> new MoveJournal(file, (step, moveId, instrumentId, from, to, payload, length) ->
        {
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("malformed piece")
            .hasMessageContaining("move 7").hasMessageContaining(file.toString());
    }

    /** A piece read after one was loaded says nothing of how the loaded one's restores went. */
    @Test
    void shouldForgetTheLoadedRestoresModeWhenANewPieceIsRead()
    {
        final MovePiece written = written();
        final byte[] after = bytes(written.buffer(), written.recordedLength(true));
        final MovePiece piece = new MovePiece();
        piece.load(after);
        assertThat(piece.restores()).isEqualTo(MovePiece.RESTORES_AFTER_MOVE_OUT);
        final int length = new SbeBookExport().write(engine(), INSTRUMENT, 5, FIRST_TRANSFER, piece.buffer(), 0);
        assertThat(piece.prepare(length, 0)).isTrue();
        assertThat(piece.restores()).isEqualTo(MovePiece.RESTORES_NOT_RECORDED);
    }

    /** The piece a mover reads of a halted instrument with two resting orders (a bid and an ask). */
    private static MovePiece written()
    {
        final MatchingEngine engine = engine();
        final MovePiece written = new MovePiece();
        final int length = new SbeBookExport().write(engine, INSTRUMENT, 5, FIRST_TRANSFER, written.buffer(), 0);
        assertThat(written.prepare(length, 0)).isTrue();
        assertThat(written.orders()).isEqualTo(2);
        assertThat(written.length()).isEqualTo(length);
        return written;
    }

    /** An engine with a halted instrument with two resting orders (a bid and an ask). */
    private static MatchingEngine engine()
    {
        final MatchingEngine engine = new MatchingEngine(EngineConfig.defaults(), new EngineListenerAdapter()
        {
        });
        engine.addInstrument(1, INSTRUMENT, 1, 0, 1, 1, 2, 0, 1, 2, 10_000, 1_000, 500);
        engine.adjustBalance(1, 1, 0, 100_000_000);
        engine.adjustBalance(1, 2, 1, 100_000);
        engine.newOrder(2, 1, 1, INSTRUMENT, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.NONE, 9_990, 3);
        engine.newOrder(3, 2, 2, INSTRUMENT, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.NONE, 10_010, 4);
        engine.haltInstrument(4, INSTRUMENT);
        return engine;
    }

    private static AddInstrumentDecoder listing(final MovePiece piece)
    {
        final int at = piece.commandOffset(0);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(piece.buffer(), at);
        return new AddInstrumentDecoder().wrap(piece.buffer(), at + HEADER, header.blockLength(), header.version());
    }

    /** The piece as a mover of commands version 3 recorded it: its AddInstrument without the state, TRADING. */
    private static byte[] versionThree(final byte[] today)
    {
        final UnsafeBuffer piece = new UnsafeBuffer(today);
        final int addLength = piece.getInt(0, ByteOrder.LITTLE_ENDIAN);
        final int block = AddInstrumentDecoder.initialStateEncodingOffset();
        final UnsafeBuffer older = new UnsafeBuffer(new byte[today.length - (addLength - HEADER - block)]);
        older.putInt(0, HEADER + block, ByteOrder.LITTLE_ENDIAN);
        older.putBytes(Integer.BYTES, piece, Integer.BYTES, HEADER + block);
        older.putShort(Integer.BYTES + MessageHeaderDecoder.blockLengthEncodingOffset(), (short)block);
        older.putShort(Integer.BYTES + MessageHeaderDecoder.versionEncodingOffset(), (short)3);
        final int rest = Integer.BYTES + addLength;
        older.putBytes(Integer.BYTES + HEADER + block, piece, rest, today.length - rest);
        return older.byteArray();
    }

    private static byte[] bytes(final ExpandableArrayBuffer buffer, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }
}
