package io.disruptorx.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Jazzer fuzz target: the snapshot reader over a newest snapshot file made of fuzzer bytes, in a real directory
 * beside an older valid snapshot. The first input byte chooses whether the harness makes the payload length and
 * checksum right (so the fuzzer explores the other header fields) or leaves the rest of the input as it is.
 * {@link SnapshotStore#latest()} must never throw and must return either the fuzzed file, read back exactly (its
 * payload the file's bytes after the header, its sequence the one in its name), or the older snapshot when the
 * fuzzed one is damaged; a fuzzed file with a valid header and checksum must never be skipped. The build runs it
 * in regression mode over its seeds ({@code src/test/resources/io/disruptorx/journal/SnapshotFileFuzzTestInputs});
 * {@code -Pslow} fuzzes it for a million executions (docs/security.md, "Fuzzing").
 */
class SnapshotFileFuzzTest
{
    private static final int MAX_FILE = 65_536;
    private static final long OLDER = 10;
    private static final long NEWER = 20;
    private static final byte[] OLDER_PAYLOAD = {1, 2, 3, 4, 5};

    private static final Harness HARNESS = new Harness();

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void fuzzSnapshot(final byte[] input)
    {
        HARNESS.check(input);
    }

    /**
     * A snapshot directory with the older snapshot; the newer file is rewritten for every input.
     */
    private static final class Harness
    {
        private final SnapshotStore store;
        private final Path older;
        private final Path newer;
        private final CRC32C crc = new CRC32C();

        Harness()
        {
            try
            {
                final Path directory = Files.createTempDirectory("dx-snapshot-fuzz");
                directory.toFile().deleteOnExit();
                store = new SnapshotStore(directory);
                older = store.write(OLDER, new UnsafeBuffer(OLDER_PAYLOAD), 0, OLDER_PAYLOAD.length);
                older.toFile().deleteOnExit();
                newer = older.resolveSibling(fileNameOf(NEWER));
                newer.toFile().deleteOnExit();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            if (SnapshotStore.sequenceOf(newer) != NEWER)
            {
                throw new IllegalStateException("bad snapshot file name " + newer);
            }
        }

        void check(final byte[] input)
        {
            if (input.length == 0)
            {
                return;
            }
            final byte[] file = Arrays.copyOfRange(input, 1, Math.min(input.length, MAX_FILE + 1));
            if ((input[0] & 1) == 1 && file.length >= SnapshotStore.HEADER_LENGTH)
            {
                final ByteBuffer header = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
                crc.reset();
                crc.update(file, SnapshotStore.HEADER_LENGTH, file.length - SnapshotStore.HEADER_LENGTH);
                header.putInt(16, file.length - SnapshotStore.HEADER_LENGTH).putInt(20, (int)crc.getValue());
            }
            try
            {
                Files.write(newer, file);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            final SnapshotStore.Loaded loaded = store.latest();
            if (loaded == null)
            {
                throw new AssertionError("the older valid snapshot was not found");
            }
            if (loaded.file().equals(newer))
            {
                if (loaded.sequence() != NEWER || !Arrays.equals(loaded.payload(),
                    Arrays.copyOfRange(file, SnapshotStore.HEADER_LENGTH, file.length)))
                {
                    throw new AssertionError("the fuzzed snapshot read back as sequence " + loaded.sequence() +
                        " with " + loaded.payload().length + " bytes");
                }
                return;
            }
            if (!loaded.file().equals(older) || loaded.sequence() != OLDER ||
                !Arrays.equals(loaded.payload(), OLDER_PAYLOAD))
            {
                throw new AssertionError("unexpected snapshot " + loaded);
            }
            if (valid(file))
            {
                throw new AssertionError("a valid snapshot of sequence " + NEWER + " was skipped");
            }
        }

        private boolean valid(final byte[] file)
        {
            if (file.length < SnapshotStore.HEADER_LENGTH)
            {
                return false;
            }
            final ByteBuffer header = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
            crc.reset();
            crc.update(file, SnapshotStore.HEADER_LENGTH, file.length - SnapshotStore.HEADER_LENGTH);
            return header.getInt(0) == SnapshotStore.MAGIC && header.getInt(4) == SnapshotStore.VERSION &&
                header.getLong(8) == NEWER && header.getInt(16) == file.length - SnapshotStore.HEADER_LENGTH &&
                header.getInt(20) == (int)crc.getValue();
        }

        private static String fileNameOf(final long sequence)
        {
            return String.format("snapshot-%020d.dxs", sequence);
        }
    }
}
