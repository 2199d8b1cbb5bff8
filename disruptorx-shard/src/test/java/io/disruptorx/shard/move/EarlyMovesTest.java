package io.disruptorx.shard.move;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The restores a gateway read of moves before their announcement ({@link EarlyMoves}), at its cap of
 * {@link EarlyMoves#EARLY_MOVES} moves: a later-numbered move's evict the lowest pending move's, and a stale answer
 * with an id below all of them (a move never begun here, or begun before the last {@link EarlyMoves#EARLY_MOVES})
 * evicts none.
 */
class EarlyMovesTest
{
    private static final long FIRST = 1_000;

    private final EarlyMoves early = new EarlyMoves();

    @Test
    void shouldKeepThePendingMovesRefusalsWhenAStaleAnswerArrivesAtTheCap()
    {
        fill();
        early.restored(5, 3, false);

        for (int i = 0; i < EarlyMoves.EARLY_MOVES; i++)
        {
            assertThat(early.begin(FIRST + i).get(i)).as("move %d keeps its refused place", FIRST + i).isTrue();
        }
        assertThat(early.begin(5).isEmpty()).as("the stale move's answer was dropped").isTrue();
    }

    @Test
    void shouldDropTheLowestMovesRefusalsForALaterMoveAtTheCap()
    {
        fill();
        early.restored(FIRST + EarlyMoves.EARLY_MOVES, 3, false);

        assertThat(early.begin(FIRST).isEmpty()).as("the lowest, dropped").isTrue();
        assertThat(early.begin(FIRST + 1).get(1)).isTrue();
        assertThat(early.begin(FIRST + EarlyMoves.EARLY_MOVES).get(3)).isTrue();
    }

    private void fill()
    {
        for (int i = 0; i < EarlyMoves.EARLY_MOVES; i++)
        {
            early.restored(FIRST + i, i, false);
        }
    }
}
