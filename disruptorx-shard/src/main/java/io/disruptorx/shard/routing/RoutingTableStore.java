package io.disruptorx.shard.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * Keeps the newest routing table in one file, written atomically: the text goes to a temporary file beside it,
 * which is forced to the device and renamed over the old file (then the directory is forced), so a crash leaves
 * either the old table or the new one, never a mix. Versions only go up: saving a version that is not newer than
 * the stored one is refused, so two writers cannot roll the routes back.
 *
 * <p>The file is text, one setting per line, ending with a CRC32C of everything before that line:
 * <pre>
 * version=7
 * virtual-nodes=150
 * instrument-limit=4096
 * shard=shard-0
 * shard=shard-1
 * switches=3
 * override=17 shard-1
 * crc32c=1a2b3c4d
 * </pre>
 *
 * <p>{@code switches} is how many of the switches shard 0 recorded (docs/scaling.md, "A gateway that missed moves")
 * the table reflects; a file written before it existed has none ({@link #switches} -1: unknown). Saving the same
 * version again is allowed only to raise that count.
 */
public final class RoutingTableStore
{
    private static final String CRC_KEY = "crc32c=";

    private final Path file;
    private final Path temporary;

    /**
     * @param file where the table lives; its directory must exist.
     */
    public RoutingTableStore(final Path file)
    {
        this.file = file;
        this.temporary = file.resolveSibling(file.getFileName() + ".tmp");
    }

    /**
     * @return the stored table, or empty when there is none yet.
     * @throws IllegalStateException when the file is damaged (bad checksum or a malformed line).
     */
    public Optional<RoutingTable> load()
    {
        return read().map(Stored::table);
    }

    /**
     * @return how many of shard 0's recorded switches the stored table reflects, or -1 when that is not known (no
     * table, or a file written before the count existed).
     */
    public long switches()
    {
        return read().map(Stored::switches).orElse(-1L);
    }

    private Optional<Stored> read()
    {
        final String text;
        try
        {
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (final NoSuchFileException ex)
        {
            return Optional.empty();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("reading routing table " + file, ex);
        }
        return Optional.of(parseStored(text));
    }

    /**
     * @param table to store; its version must be newer than the stored table's.
     * @throws IllegalStateException when the stored version is the same or newer.
     */
    public synchronized void save(final RoutingTable table)
    {
        final Optional<Stored> stored = read();
        save(table, stored.isPresent() ? stored.get().switches() : 0, stored);
    }

    /**
     * @param table    to store; its version must be newer than the stored table's, or the same with more switches.
     * @param switches how many of shard 0's recorded switches it reflects, or -1 when not known.
     * @throws IllegalStateException when the stored version is newer, or the same without fewer switches.
     */
    public synchronized void save(final RoutingTable table, final long switches)
    {
        save(table, switches, read());
    }

    private void save(final RoutingTable table, final long switches, final Optional<Stored> stored)
    {
        if (stored.isPresent() && (stored.get().table().version() > table.version() ||
            stored.get().table().version() == table.version() && stored.get().switches() >= switches))
        {
            throw new IllegalStateException("routing table version " + table.version() + " is not newer than " +
                "stored " + stored.get().table().version() + " (switches " + switches + ", stored " +
                stored.get().switches() + ")");
        }
        final byte[] bytes = format(table, switches).getBytes(StandardCharsets.UTF_8);
        try
        {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
            {
                final ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining())
                {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel directory = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ))
            {
                directory.force(true);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("writing routing table " + file, ex);
        }
    }

    /**
     * @param table a table.
     * @return the file's text for it, checksum line included.
     */
    static String format(final RoutingTable table)
    {
        return format(table, -1);
    }

    /**
     * @param table    a table.
     * @param switches the shard 0 switches it reflects, or -1 for no such line.
     * @return the file's text for it, checksum line included.
     */
    static String format(final RoutingTable table, final long switches)
    {
        final StringBuilder text = new StringBuilder(64 + 32 * table.shardCount() + 24 * table.overrides().size());
        text.append("version=").append(table.version()).append('\n');
        if (switches >= 0)
        {
            text.append("switches=").append(switches).append('\n');
        }
        text.append("virtual-nodes=").append(table.virtualNodes()).append('\n');
        text.append("instrument-limit=").append(table.instrumentLimit()).append('\n');
        for (final String shard : table.shards())
        {
            text.append("shard=").append(shard).append('\n');
        }
        table.overrides().forEach((instrument, shard) ->
            text.append("override=").append(instrument).append(' ').append(shard).append('\n'));
        final long crc = crc(text.toString());
        text.append(CRC_KEY).append(Long.toHexString(crc)).append('\n');
        return text.toString();
    }

    /**
     * @param text the file's text.
     * @return the table it holds.
     * @throws IllegalStateException when the text is damaged.
     */
    static RoutingTable parse(final String text)
    {
        return parseStored(text).table();
    }

    private static Stored parseStored(final String text)
    {
        final int crcAt = text.lastIndexOf(CRC_KEY);
        if (crcAt < 0 || (crcAt > 0 && text.charAt(crcAt - 1) != '\n'))
        {
            throw new IllegalStateException("routing table has no checksum line");
        }
        final String body = text.substring(0, crcAt);
        final String stored = text.substring(crcAt + CRC_KEY.length()).trim();
        if (!Long.toHexString(crc(body)).equals(stored))
        {
            throw new IllegalStateException("routing table checksum mismatch: stored " + stored);
        }
        long version = 0;
        long switches = -1;
        int virtualNodes = 0;
        int instrumentLimit = 0;
        final List<String> shards = new ArrayList<>();
        final TreeMap<Integer, String> overrides = new TreeMap<>();
        for (final String line : body.split("\n"))
        {
            final int eq = line.indexOf('=');
            if (eq < 0)
            {
                throw new IllegalStateException("routing table line without '=': " + line);
            }
            final String key = line.substring(0, eq);
            final String value = line.substring(eq + 1);
            switch (key)
            {
                case "version" -> version = Long.parseLong(value);
                case "switches" -> switches = Long.parseLong(value);
                case "virtual-nodes" -> virtualNodes = Integer.parseInt(value);
                case "instrument-limit" -> instrumentLimit = Integer.parseInt(value);
                case "shard" -> shards.add(value);
                case "override" ->
                {
                    final String[] parts = value.split(" ");
                    if (parts.length != 2)
                    {
                        throw new IllegalStateException("routing table override is not 'INSTRUMENT SHARD': " + line);
                    }
                    overrides.put(Integer.parseInt(parts[0]), parts[1]);
                }
                default -> throw new IllegalStateException("routing table has an unknown key: " + key);
            }
        }
        return new Stored(RoutingTable.of(version, shards, virtualNodes, instrumentLimit, overrides), switches);
    }

    private record Stored(RoutingTable table, long switches)
    {
    }

    private static long crc(final String text)
    {
        final CRC32C crc = new CRC32C();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }
}
