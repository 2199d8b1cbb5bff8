package io.disruptorx.shard.move;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.CRC32C;

import io.disruptorx.shard.store.ForcedLog;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The mover's durable record: one record per step a move reaches, appended and forced to the device before the mover
 * acts on it. A record carries a payload (the piece read from the source, or the refused restores). Reopening reads
 * every whole record with a good checksum and cuts a torn tail.
 *
 * <pre>
 *  0         4        5            13             17     21     25                25+n
 * +---------+--------+------------+--------------+------+------+-----------------+---------+
 * | n       | step   | moveId     | instrumentId | from | to   | payload (n)     | crc32c  |
 * +---------+--------+------------+--------------+------+------+-----------------+---------+
 * </pre>
 */
final class MoveJournal implements AutoCloseable
{
    private static final int FIXED = 25;

    /**
     * Receives each record read back when the journal is opened.
     */
    @FunctionalInterface
    interface RecordHandler
    {
        void onRecord(MoveStep step, long moveId, int instrumentId, int from, int to, DirectBuffer payload,
            int payloadLength);
    }

    private final ForcedLog log;
    private final CRC32C crc = new CRC32C();

    MoveJournal(final Path file, final RecordHandler handler)
    {
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
            final MoveStep step = MoveStep.fromCode(record.get(4));
            if (record.getInt(FIXED + payloadLength) != (int)crc.getValue() || step == null)
            {
                break;
            }
            handler.onRecord(step, record.getLong(5), record.getInt(13), record.getInt(17), record.getInt(21),
                new UnsafeBuffer(record.array(), FIXED, payloadLength), payloadLength);
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
        log.append(record);
    }

    @Override
    public void close()
    {
        log.close();
    }
}
