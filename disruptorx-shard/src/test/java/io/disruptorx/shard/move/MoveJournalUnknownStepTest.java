package io.disruptorx.shard.move;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A move journal holding a whole record with a good checksum and a step code this build does not know (written by a
 * newer gateway) fails to open, naming the file, the record's offset and the code, and is left as it is; a torn tail
 * (a bad checksum) is still cut.
 */
class MoveJournalUnknownStepTest
{
    private static final int FIXED = 25;
    private static final int UNKNOWN_CODE = 99;

    @TempDir
    Path directory;

    @Test
    void shouldRefuseToOpenAJournalHoldingAStepOfANewerGatewayAndLeaveItAsItIs() throws IOException
    {
        final Path file = directory.resolve("moves.journal");
        try (MoveJournal journal = new MoveJournal(file, (step, moveId, instrumentId, from, to, payload, length) ->
        {
        }))
        {
            journal.append(MoveStep.BEGUN, 7, 3, 0, 1, new UnsafeBuffer(new byte[0]), 0);
        }
        final long known = Files.size(file);
        Files.write(file, record(UNKNOWN_CODE, 7, true), StandardOpenOption.APPEND);
        Files.write(file, record(MoveStep.ROLLED_BACK.code(), 7, true), StandardOpenOption.APPEND);
        final byte[] written = Files.readAllBytes(file);

        final List<MoveStep> read = new ArrayList<>();
        assertThatThrownBy(() -> new MoveJournal(file, (step, moveId, instrumentId, from, to, payload, length) ->
            read.add(step)).close())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(file.toString())
            .hasMessageContaining("step code " + UNKNOWN_CODE)
            .hasMessageContaining("at offset " + known);
        assertThat(read).containsExactly(MoveStep.BEGUN);
        assertThat(Files.readAllBytes(file)).as("nothing cut").isEqualTo(written);
    }

    @Test
    void shouldStillCutATornTailWithAnUnknownStepCode() throws IOException
    {
        final Path file = directory.resolve("moves.journal");
        try (MoveJournal journal = new MoveJournal(file, (step, moveId, instrumentId, from, to, payload, length) ->
        {
        }))
        {
            journal.append(MoveStep.BEGUN, 7, 3, 0, 1, new UnsafeBuffer(new byte[0]), 0);
        }
        final long known = Files.size(file);
        Files.write(file, record(UNKNOWN_CODE, 7, false), StandardOpenOption.APPEND);

        final List<MoveStep> read = new ArrayList<>();
        try (MoveJournal journal = new MoveJournal(file, (step, moveId, instrumentId, from, to, payload, length) ->
            read.add(step)))
        {
            assertThat(read).containsExactly(MoveStep.BEGUN);
        }
        assertThat(Files.size(file)).as("the torn record cut").isEqualTo(known);
    }

    /**
     * A record without payload, laid out as {@link MoveJournal} writes one, with a good checksum or a bad one.
     */
    private static byte[] record(final int code, final long moveId, final boolean goodChecksum)
    {
        final ByteBuffer record = ByteBuffer.allocate(FIXED + Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt(0, 0).put(4, (byte)code).putLong(5, moveId).putInt(13, 3).putInt(17, 0).putInt(21, 1);
        final CRC32C crc = new CRC32C();
        crc.update(record.array(), 0, FIXED);
        record.putInt(FIXED, (int)crc.getValue() + (goodChecksum ? 0 : 1));
        return record.array();
    }
}
