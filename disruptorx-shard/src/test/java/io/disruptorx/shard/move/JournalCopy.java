package io.disruptorx.shard.move;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.disruptorx.shard.support.MoveScene;

/**
 * What a gateway's move journal says, read from a copy ({@link MoveScene#copyOfJournal}; the gateway keeps its own
 * open): the steps of its records in order, the recovery they give, and the moved orders it places, each with the
 * instrument its record names.
 */
final class JournalCopy
{
    final List<MoveStep> steps = new ArrayList<>();
    final MoveRecovery recovery = new MoveRecovery();
    /**
     * Each moved order's place: global order id to shard.
     */
    final Map<Long, Long> orders = new HashMap<>();
    /**
     * The instrument each moved order's record names.
     */
    final Map<Long, Integer> instruments = new HashMap<>();

    private JournalCopy()
    {
    }

    /**
     * Reads a copy of the gateway's move journal as it is now.
     */
    static JournalCopy read(final MoveScene scene, final int gateway) throws IOException
    {
        final JournalCopy journal = new JournalCopy();
        try (MoveJournal reader = new MoveJournal(scene.copyOfJournal(gateway),
            (step, moveId, instrumentId, from, to, payload, length) ->
            {
                journal.steps.add(step);
                journal.recovery.onRecord(step, moveId, instrumentId, from, to, payload, length);
            }))
        {
            journal.recovery.completedOrders((orderId, shard, instrument) ->
            {
                journal.orders.put(orderId, (long)shard);
                journal.instruments.put(orderId, instrument);
            });
        }
        return journal;
    }
}
