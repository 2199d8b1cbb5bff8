package io.disruptorx.shard.move;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

import io.disruptorx.shard.store.ForcedLog;
import io.disruptorx.shard.venue.ShardedVenueClient;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The mover's durable record: one record per step a move reaches, appended and forced to the device before the mover
 * acts on it. A record carries a payload (the piece read from the source, with the mark of how its restores go:
 * {@link MovePiece#recordedLength}; or the refused restores). Reopening reads every whole record with a good checksum
 * and cuts a torn tail (a record cut short or with a bad checksum, and all after it). A whole record with a good
 * checksum and a step code this build does not know (a newer gateway's) is not cut: opening the journal fails, naming
 * the file, the record's offset and the code, and leaves the file as it is.
 *
 * <pre>
 *  0         4        5            13             17     21     25                25+n
 * +---------+--------+------------+--------------+------+------+-----------------+---------+
 * | n       | step   | moveId     | instrumentId | from | to   | payload (n)     | crc32c  |
 * +---------+--------+------------+--------------+------+------+-----------------+---------+
 * </pre>
 *
 * <p>{@link #compact} rewrites it, between moves, to what a restart needs of it, in records of the same kinds: the
 * claim of the move lock not released (CLAIMED), the highest move id (ROLLED_BACK of that id: it routes nothing) and,
 * per shard and instrument, the moved orders still routed there (PLACED, naming the instrument so that a restart can
 * ask the shard which of them still rest there: {@link MovedRoutesCheck}; 0 for orders whose instrument the journal
 * never said, as in a compaction written before). It writes them to {@code FILE.compact}, forces that,
 * renames it over the journal (atomically) and forces the directory; a crash before the rename leaves the journal as
 * it was (the stray {@code FILE.compact} is deleted when the journal is opened), after it the compacted journal, and
 * either restarts the same moves, claim and routes (less the routes of ended orders).
 */
final class MoveJournal implements AutoCloseable
{
    private static final int FIXED = 25;
    private static final long NONE = -1;
    /** Journal length (bytes) below which {@link #compactIfDue} leaves it as it is, unless told otherwise. */
    static final long COMPACT_ABOVE = 1 << 20;

    /** Where {@link #compact} stops, as a crash there would (tests). */
    enum Stop
    {
        /** Nothing left out. */
        NOWHERE,
        /** After half of the new journal is written to {@code FILE.compact}, unforced. */
        TORN,
        /** After the new journal is written and forced to {@code FILE.compact}, before the rename. */
        BEFORE_RENAME,
        /** After the rename, before the directory is forced. */
        AFTER_RENAME
    }

    /**
     * Receives each record read back when the journal is opened.
     */
    @FunctionalInterface
    interface RecordHandler
    {
        void onRecord(MoveStep step, long moveId, int instrumentId, int from, int to, DirectBuffer payload,
            int payloadLength);
    }

    private final Path file;
    private final ShardedVenueClient client;
    private final Path compacting;
    private final CRC32C crc = new CRC32C();
    private final MovePiece piece = new MovePiece();
    private Long2LongHashMap instruments = new Long2LongHashMap(0);
    private ForcedLog log;
    private long lastMoveId;
    private long openMoveId = NONE;
    private long claimId = NONE;
    private int claimInstrument;
    private int claimTarget;
    private long compactAbove = COMPACT_ABOVE;
    private long compactedLength;

    MoveJournal(final Path file, final RecordHandler handler)
    {
        this(file, handler, null);
    }

    /**
     * @param client {@code null}, or the client whose moved orders still open a compaction keeps: then each DONE or
     *               ROLLED_BACK appended compacts the journal when due ({@link #compactIfDue}).
     */
    MoveJournal(final Path file, final RecordHandler handler, final ShardedVenueClient client)
    {
        this.file = file;
        this.client = client;
        this.compacting = file.resolveSibling(file.getFileName() + ".compact");
        try
        {
            Files.deleteIfExists(compacting);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("deleting the unfinished compaction " + compacting, ex);
        }
        log = new ForcedLog(file, "move journal");
        final long size = log.size();
        final ByteBuffer lengthField = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long position = 0;
        while (position + FIXED + Integer.BYTES <= size)
        {
            lengthField.clear();
            log.read(lengthField, position);
            final int payloadLength = lengthField.getInt(0);
            final long recordLength = (long)FIXED + payloadLength + Integer.BYTES;
            if (payloadLength < 0 || position + recordLength > size)
            {
                break;
            }
            final ByteBuffer record = ByteBuffer.allocate((int)recordLength).order(ByteOrder.LITTLE_ENDIAN);
            log.read(record, position);
            crc.reset();
            crc.update(record.array(), 0, FIXED + payloadLength);
            if (record.getInt(FIXED + payloadLength) != (int)crc.getValue())
            {
                break;
            }
            final MoveStep step = MoveStep.fromCode(record.get(4));
            if (step == null)
            {
                log.close();
                throw new IllegalStateException("move journal " + file + " holds a record of step code " +
                    (record.get(4) & 0xFF) + " at offset " + position + ", a step this gateway does not know (written" +
                    " by a newer gateway); it is left as it is");
            }
            track(step, record.getLong(5), record.getInt(13), record.getInt(21));
            final UnsafeBuffer payload = new UnsafeBuffer(record.array(), FIXED, payloadLength);
            try
            {
                learnInstruments(step, record.getInt(13), payload, payloadLength);
            }
            catch (final IllegalStateException ex)
            {
                throw new IllegalStateException(ex.getMessage() + " (move " + record.getLong(5) + " in " + file + ")",
                    ex);
            }
            handler.onRecord(step, record.getLong(5), record.getInt(13), record.getInt(17), record.getInt(21),
                payload, payloadLength);
            position += recordLength;
        }
        log.truncate(position);
    }

    /**
     * Appends one record and forces it to the device.
     */
    void append(
        final MoveStep step, final long moveId, final int instrumentId, final int from, final int to,
        final DirectBuffer payload, final int payloadLength)
    {
        log.append(record(step, moveId, instrumentId, from, to, payload, payloadLength));
        track(step, moveId, instrumentId, to);
        learnInstruments(step, instrumentId, payload, payloadLength);
        if (client != null && (step == MoveStep.DONE || step == MoveStep.ROLLED_BACK))
        {
            compactIfDue();
        }
    }

    private ByteBuffer record(
        final MoveStep step, final long moveId, final int instrumentId, final int from, final int to,
        final DirectBuffer payload, final int payloadLength)
    {
        final ByteBuffer record = ByteBuffer.allocate(FIXED + payloadLength + Integer.BYTES)
            .order(ByteOrder.LITTLE_ENDIAN);
        record.putInt(0, payloadLength).put(4, (byte)step.code()).putLong(5, moveId).putInt(13, instrumentId)
            .putInt(17, from).putInt(21, to);
        if (payloadLength > 0)
        {
            payload.getBytes(0, record.array(), FIXED, payloadLength);
        }
        crc.reset();
        crc.update(record.array(), 0, FIXED + payloadLength);
        record.putInt(FIXED + payloadLength, (int)crc.getValue());
        return record;
    }

    /**
     * Keeps what a compaction writes: the highest move id, the move under way (begun, not ended), the claim of the
     * move lock not released.
     */
    private void track(final MoveStep step, final long moveId, final int instrumentId, final int to)
    {
        if (step == MoveStep.PLACED)
        {
            return;
        }
        lastMoveId = Math.max(lastMoveId, moveId);
        switch (step)
        {
            case CLAIMED ->
            {
                claimId = moveId;
                claimInstrument = instrumentId;
                claimTarget = to;
            }
            case RELEASED ->
            {
                if (claimId == moveId)
                {
                    claimId = NONE;
                }
            }
            case DONE, ROLLED_BACK ->
            {
                if (openMoveId == moveId)
                {
                    openMoveId = NONE;
                }
            }
            default -> openMoveId = moveId;
        }
    }

    /**
     * Keeps the instrument of each order a READ record's piece carries or a PLACED record places, so that a compaction
     * can name it (orders moved again keep theirs). Pruned by each compaction to the orders it keeps.
     */
    private void learnInstruments(
        final MoveStep step, final int instrumentId, final DirectBuffer payload, final int payloadLength)
    {
        if (step == MoveStep.READ && payloadLength > 0)
        {
            final byte[] recorded = new byte[payloadLength];
            payload.getBytes(0, recorded);
            piece.load(recorded);
            for (int i = 0; i < piece.orders(); i++)
            {
                instruments.put(piece.globalOrderId(i), instrumentId);
            }
        }
        else if (step == MoveStep.PLACED && instrumentId > 0)
        {
            for (int at = 0; at + Long.BYTES <= payloadLength; at += Long.BYTES)
            {
                instruments.put(payload.getLong(at, ByteOrder.LITTLE_ENDIAN), instrumentId);
            }
        }
    }

    /**
     * @return whether a move's steps are recorded without its end (DONE or ROLLED_BACK): nothing may be compacted.
     */
    boolean moveUnderWay()
    {
        return openMoveId != NONE;
    }

    /**
     * @param bytes the journal length above which {@link #compactIfDue} compacts it (0: after every move).
     */
    void compactAbove(final long bytes)
    {
        compactAbove = bytes;
    }

    /**
     * Compacts the journal after a move ended when it is longer than the set length ({@link #COMPACT_ABOVE} unless
     * told otherwise) and than twice its length after the last compaction (so that many moved orders still open do
     * not have it rewritten after every move), keeping the client's moved orders still open.
     *
     * @return whether it was compacted.
     */
    private boolean compactIfDue()
    {
        final long length = log.size();
        if (moveUnderWay() || length <= compactAbove || length <= 2 * compactedLength)
        {
            return false;
        }
        return compactRoutes();
    }

    /**
     * Compacts the journal to the client's moved orders still routed where they moved, unless a move is under way.
     *
     * @return whether it was compacted.
     */
    boolean compactRoutes()
    {
        final Long2LongHashMap places = new Long2LongHashMap(-1);
        client.forEachMovedOrder(places::put);
        return compact(places);
    }

    /**
     * Rewrites the journal to what a restart needs (see the type's description), unless a move is under way.
     *
     * @param places every moved order still routed to the shard it moved to (global id to shard); orders that ended
     *               are left out, so a restart no longer routes them.
     * @return whether it was compacted.
     */
    boolean compact(final Long2LongHashMap places)
    {
        return compact(places, Stop.NOWHERE);
    }

    boolean compact(final Long2LongHashMap places, final Stop stop)
    {
        if (moveUnderWay())
        {
            return false;
        }
        final ByteBuffer content = content(places);
        try
        {
            try (FileChannel channel = FileChannel.open(compacting, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
            {
                if (stop == Stop.TORN)
                {
                    content.limit(content.limit() / 2);
                }
                while (content.hasRemaining())
                {
                    channel.write(content);
                }
                if (stop == Stop.TORN)
                {
                    return false;
                }
                channel.force(true);
            }
            if (stop == Stop.BEFORE_RENAME)
            {
                return false;
            }
            Files.move(compacting, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            if (stop == Stop.AFTER_RENAME)
            {
                return false;
            }
            try (FileChannel directory = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ))
            {
                directory.force(true);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("compacting the move journal " + file, ex);
        }
        log.close();
        log = new ForcedLog(file, "move journal");
        compactedLength = log.size();
        log.truncate(compactedLength);
        final Long2LongHashMap kept = new Long2LongHashMap(0);
        places.forEachLong((orderId, shard) ->
        {
            final long instrument = instruments.get(orderId);
            if (instrument != 0)
            {
                kept.put(orderId, instrument);
            }
        });
        instruments = kept;
        return true;
    }

    /**
     * @return the compacted journal's records: CLAIMED (a claim not released), ROLLED_BACK (the highest move id, when
     * the claim does not carry it), one PLACED per shard and instrument (its moved orders, ascending ids), by shard,
     * then instrument.
     */
    private ByteBuffer content(final Long2LongHashMap places)
    {
        final UnsafeBuffer none = new UnsafeBuffer(new byte[0]);
        final List<ByteBuffer> records = new ArrayList<>();
        if (claimId != NONE)
        {
            records.add(record(MoveStep.CLAIMED, claimId, claimInstrument, -1, claimTarget, none, 0));
        }
        if (lastMoveId > 0 && lastMoveId != claimId)
        {
            records.add(record(MoveStep.ROLLED_BACK, lastMoveId, 0, -1, -1, none, 0));
        }
        final TreeMap<Long, LongArrayList> byPlace = new TreeMap<>();
        places.forEachLong((orderId, shard) -> byPlace.computeIfAbsent(
            shard << Integer.SIZE | instruments.get(orderId), key -> new LongArrayList()).addLong(orderId));
        for (final Map.Entry<Long, LongArrayList> place : byPlace.entrySet())
        {
            final long[] ids = place.getValue().toLongArray();
            Arrays.sort(ids);
            final UnsafeBuffer payload = new UnsafeBuffer(new byte[ids.length * Long.BYTES]);
            for (int i = 0; i < ids.length; i++)
            {
                payload.putLong(i * Long.BYTES, ids[i], ByteOrder.LITTLE_ENDIAN);
            }
            records.add(record(MoveStep.PLACED, 0, (int)place.getKey().longValue(), -1,
                (int)(place.getKey() >>> Integer.SIZE), payload, payload.capacity()));
        }
        int length = 0;
        for (final ByteBuffer record : records)
        {
            length += record.remaining();
        }
        final ByteBuffer content = ByteBuffer.allocate(length);
        for (final ByteBuffer record : records)
        {
            content.put(record);
        }
        return content.flip();
    }

    @Override
    public void close()
    {
        log.close();
    }
}
