package io.disruptorx.shard.move;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.disruptorx.shard.support.MoveScene;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What a gateway's move journal says, read from a copy ({@link MoveScene#copyOfJournal}; the gateway keeps its own
 * open) or from a journal no mover writes to now: its records in order, the recovery they give, and the moved orders
 * it places, each with the instrument its record names. Also rewrites a journal with the records a test picks
 * ({@link #write}), as a gateway that stopped after them left it.
 */
final class JournalCopy
{
    /**
     * One record as the journal holds it.
     */
    record Record(MoveStep step, long moveId, int instrumentId, int from, int to, byte[] payload)
    {
    }

    final List<MoveStep> steps = new ArrayList<>();
    final List<Record> records = new ArrayList<>();
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
        return read(scene.copyOfJournal(gateway));
    }

    /**
     * Reads a move journal that no mover appends to while it is read.
     */
    static JournalCopy read(final Path file)
    {
        final JournalCopy journal = new JournalCopy();
        try (MoveJournal reader = new MoveJournal(file, (step, moveId, instrumentId, from, to, payload, length) ->
            {
                final byte[] bytes = new byte[length];
                payload.getBytes(0, bytes);
                journal.steps.add(step);
                journal.records.add(new Record(step, moveId, instrumentId, from, to, bytes));
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

    /**
     * Replaces the move journal (no mover has it open) by one holding exactly these records.
     */
    static void write(final Path file, final List<Record> records) throws IOException
    {
        Files.delete(file);
        try (MoveJournal written = new MoveJournal(file, (step, moveId, instrumentId, from, to, payload, length) ->
        {
        }))
        {
            for (final Record record : records)
            {
                written.append(record.step(), record.moveId(), record.instrumentId(), record.from(), record.to(),
                    new UnsafeBuffer(record.payload()), record.payload().length);
            }
        }
    }
}
