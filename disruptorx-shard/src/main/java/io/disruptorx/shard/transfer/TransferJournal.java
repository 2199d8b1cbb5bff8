package io.disruptorx.shard.transfer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.CRC32C;

import io.disruptorx.shard.store.ForcedLog;

/**
 * The coordinator's own durable record of transfers: one fixed-size record per step a transfer reaches, appended and
 * forced to the device before the coordinator acts on it. Reopening reads every whole record with a good checksum and
 * cuts a torn tail, so after a crash the coordinator knows each transfer's last recorded step.
 *
 * <pre>
 *  0        1                 9                 17        21                29        33        37        41
 * +--------+-----------------+-----------------+---------+-----------------+---------+---------+---------+
 * | step   | transferId      | accountId       | assetId | amount          | from    | to      | crc32c  |
 * +--------+-----------------+-----------------+---------+-----------------+---------+---------+---------+
 * </pre>
 */
final class TransferJournal implements AutoCloseable
{
    static final int RECORD_LENGTH = 41;
    private static final int CRC_AT = 37;

    /**
     * Receives each record read back when the journal is opened.
     */
    @FunctionalInterface
    interface RecordHandler
    {
        void onRecord(TransferStep step, long transferId, long accountId, int assetId, long amount, int from, int to);
    }

    private final ForcedLog log;
    private final ByteBuffer record = ByteBuffer.allocate(RECORD_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();

    /**
     * Opens (or creates) the journal and replays its records.
     *
     * @param file    the journal file.
     * @param handler receives every whole record in order.
     */
    TransferJournal(final Path file, final RecordHandler handler)
    {
        log = new ForcedLog(file, "transfer journal");
        final long size = log.size();
        long position = 0;
        while (position + RECORD_LENGTH <= size)
        {
            record.clear();
            log.read(record, position);
            if (!checksumMatches())
            {
                break;
            }
            final TransferStep step = TransferStep.fromCode(record.get(0));
            if (step == null)
            {
                break;
            }
            handler.onRecord(step, record.getLong(1), record.getLong(9), record.getInt(17), record.getLong(21),
                record.getInt(29), record.getInt(33));
            position += RECORD_LENGTH;
        }
        log.truncate(position);
    }

    /**
     * Appends one record and forces it to the device.
     */
    void append(
        final TransferStep step,
        final long transferId,
        final long accountId,
        final int assetId,
        final long amount,
        final int from,
        final int to)
    {
        record.clear();
        record.put(0, (byte)step.code()).putLong(1, transferId).putLong(9, accountId).putInt(17, assetId)
            .putLong(21, amount).putInt(29, from).putInt(33, to);
        crc.reset();
        crc.update(record.array(), 0, CRC_AT);
        record.putInt(CRC_AT, (int)crc.getValue());
        record.position(0).limit(RECORD_LENGTH);
        log.append(record);
    }

    private boolean checksumMatches()
    {
        crc.reset();
        crc.update(record.array(), 0, CRC_AT);
        return record.getInt(CRC_AT) == (int)crc.getValue();
    }

    @Override
    public void close()
    {
        log.close();
    }
}
