package io.disruptorx.shard.move;

import java.nio.ByteOrder;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What the move journal says when it is opened: each move's last step, the piece it read and the restores the target
 * refused; the move left unfinished, if any; a claim of the move lock not released; and where the orders of the
 * completed moves rest, and those a catch-up placed (PLACED, in the journal's order with the moves).
 */
final class MoveRecovery implements MoveJournal.RecordHandler
{
    /**
     * Receives one moved order, the shard it rests on and its instrument (0 when the journal does not say: a PLACED
     * record of a compaction written before compactions named the instruments).
     */
    @FunctionalInterface
    interface OrderPlace
    {
        void moved(long globalOrderId, int shard, int instrumentId);
    }

    static final class Move
    {
        long id;
        boolean claimed;
        boolean released;
        MoveStep step;
        int instrumentId;
        int from;
        int to;
        /** Another gateway's move, followed to its switch: ended, wherever its records stop. */
        boolean followed;
        byte[] piece = new byte[0];
        BitSet refused = new BitSet();
    }

    private final Map<Long, Move> moves = new LinkedHashMap<>();
    private final MovePiece read = new MovePiece();
    private long lastMoveId;
    private int placements;

    @Override
    public void onRecord(
        final MoveStep step, final long moveId, final int instrumentId, final int from, final int to,
        final DirectBuffer payload, final int payloadLength)
    {
        if (step == MoveStep.PLACED)
        {
            final Move placed = new Move();
            placed.step = step;
            placed.instrumentId = instrumentId;
            placed.to = to;
            placed.piece = new byte[payloadLength];
            payload.getBytes(0, placed.piece);
            moves.put(-(long)(++placements), placed);
            return;
        }
        final Move move = moves.computeIfAbsent(moveId, id -> new Move());
        move.id = moveId;
        lastMoveId = Math.max(lastMoveId, moveId);
        if (step == MoveStep.CLAIMED || step == MoveStep.RELEASED)
        {
            move.claimed = true;
            move.released |= step == MoveStep.RELEASED;
            move.instrumentId = instrumentId;
            move.to = to;
            return;
        }
        move.step = step;
        move.instrumentId = instrumentId;
        move.from = from;
        move.to = to;
        if (step == MoveStep.READ)
        {
            move.piece = new byte[payloadLength];
            payload.getBytes(0, move.piece);
            read.load(move.piece);
            move.followed = read.restores() == MovePiece.RESTORES_FOLLOWED;
        }
        else if (step == MoveStep.RESTORED)
        {
            final byte[] bytes = new byte[payloadLength];
            payload.getBytes(0, bytes);
            move.refused = BitSet.valueOf(bytes);
        }
    }

    long lastMoveId()
    {
        return lastMoveId;
    }

    /**
     * @return the last move when it did not end, else {@code null} (a followed move, {@link Move#followed}, not
     * recorded DONE is returned: the mover records its end and sends nothing).
     */
    Move unfinished()
    {
        Move unfinished = null;
        for (final Move move : moves.values())
        {
            if (move.step != null && move.step != MoveStep.DONE && move.step != MoveStep.ROLLED_BACK &&
                move.step != MoveStep.PLACED)
            {
                unfinished = move;
            }
        }
        return unfinished;
    }

    /**
     * @return the move whose claim of the move lock is not over (at most one), else {@code null}.
     */
    Move unreleased()
    {
        Move unreleased = null;
        for (final Move move : moves.values())
        {
            if (move.claimed && !move.released)
            {
                unreleased = move;
            }
        }
        return unreleased;
    }

    /**
     * Tells where every order of every switched move rests, oldest move first; of a followed move whose records stop
     * at READ, every order (the target refused none as far as the journal says; a refused one ended, so its route
     * finds nothing either way).
     */
    void completedOrders(final OrderPlace place)
    {
        final MovePiece piece = new MovePiece();
        for (final Move move : moves.values())
        {
            if (move.step == MoveStep.PLACED)
            {
                final UnsafeBuffer ids = new UnsafeBuffer(move.piece);
                for (int at = 0; at + Long.BYTES <= move.piece.length; at += Long.BYTES)
                {
                    place.moved(ids.getLong(at, ByteOrder.LITTLE_ENDIAN), move.to, move.instrumentId);
                }
            }
            else if (move.step == MoveStep.SWITCHED || move.step == MoveStep.DONE || move.followed)
            {
                piece.load(move.piece);
                for (int i = 0; i < piece.orders(); i++)
                {
                    if (!move.refused.get(i))
                    {
                        place.moved(piece.globalOrderId(i), move.to, move.instrumentId);
                    }
                }
            }
        }
    }
}
