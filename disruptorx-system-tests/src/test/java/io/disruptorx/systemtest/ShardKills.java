package io.disruptorx.systemtest;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.disruptorx.core.process.ChildJvm;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.shard.cli.ShardCommand;
import picocli.CommandLine;

import static io.disruptorx.systemtest.ShardProcesses.startShardHost;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the process kill tests ({@link ShardTransferKillSystemTest}, {@link ShardMoveKillSystemTest}) share: their
 * directories under {@code target/}, the shard hosts started (again on the same link address), the gateway's move
 * and transfer journals read from outside (the points to kill at), {@code dx shard} run as the operator, and the
 * stopped shards' engines.
 */
final class ShardKills
{
    /** The gateway's transfer journal record: step code at 0, transfer id at 1, 41 bytes. */
    private static final int TRANSFER_RECORD = 41;
    /** The gateway's move journal record: payload length n at 0, step code at 4, then 20 bytes, payload, crc. */
    private static final int MOVE_FIXED = 25;

    private ShardKills()
    {
    }

    /**
     * Ends each process with SIGTERM and expects the exit status 143 of a JVM that ran its shutdown hooks.
     */
    static void stopEach(final ChildJvm... processes) throws InterruptedException
    {
        for (final ChildJvm process : processes)
        {
            assertThat(process.stop()).as("exit status of a JVM ended by SIGTERM after its shutdown hooks")
                .isEqualTo(143);
        }
    }

    /**
     * Closes each process that was started (null: not started), killing one still running.
     */
    static void closeEach(final ChildJvm... processes) throws InterruptedException
    {
        for (final ChildJvm process : processes)
        {
            if (process != null)
            {
                process.close();
            }
        }
    }

    /**
     * @return an empty directory {@code target/shard-kills/NAME} of the module (emptied first when an earlier run left
     * it), kept after the test for a look at the processes' output.
     */
    static Path directory(final String name) throws IOException
    {
        final Path dir = Path.of("target", "shard-kills", name).toAbsolutePath();
        if (Files.exists(dir))
        {
            try (Stream<Path> files = Files.walk(dir))
            {
                files.sorted(Comparator.reverseOrder()).forEach(file ->
                {
                    try
                    {
                        Files.delete(file);
                    }
                    catch (final IOException ex)
                    {
                        throw new UncheckedIOException(ex);
                    }
                });
            }
        }
        return Files.createDirectories(dir);
    }

    /**
     * Starts {@code dx shard-host} on DATA, on LINK's address when given (a restart), with its output in
     * {@code DIR/NAME.err}.
     */
    static ChildJvm host(final Path dir, final String name, final Path data, final String link) throws IOException
    {
        return link == null ? startShardHost(dir, name, data) : startShardHost(dir, name, data, "--link", link);
    }

    /**
     * Runs {@code dx shard ARGS --admin 127.0.0.1:ADMIN --user ops --password-file DIR/ops.password} in this JVM.
     *
     * @return its exit code and answer, separated by a space.
     */
    static String operator(final Path dir, final int admin, final String... args)
    {
        final List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--admin", "127.0.0.1:" + admin, "--user", "ops", "--password-file",
            dir.resolve("ops.password").toString()));
        final StringWriter answer = new StringWriter();
        final StringWriter errors = new StringWriter();
        final int exit = new CommandLine(new ShardCommand()).setOut(new PrintWriter(answer))
            .setErr(new PrintWriter(errors)).execute(all.toArray(String[]::new));
        return exit + " " + answer.toString().trim() + errors.toString().trim();
    }

    /**
     * @return whether the gateway's transfer journal holds a record of STEP (a {@code TransferStep} code) for the
     * transfer.
     */
    static boolean transferReached(final Path journal, final long transferId, final int step) throws IOException
    {
        if (!Files.exists(journal))
        {
            return false;
        }
        final ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(journal)).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at + TRANSFER_RECORD <= bytes.limit(); at += TRANSFER_RECORD)
        {
            if (bytes.get(at) == step && bytes.getLong(at + 1) == transferId)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the step codes ({@code MoveStep}) of the gateway's move journal, in order.
     */
    static List<Integer> moveSteps(final Path journal) throws IOException
    {
        final List<Integer> steps = new ArrayList<>();
        if (!Files.exists(journal))
        {
            return steps;
        }
        final ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(journal)).order(ByteOrder.LITTLE_ENDIAN);
        int at = 0;
        while (at + MOVE_FIXED + Integer.BYTES <= bytes.limit())
        {
            final int length = MOVE_FIXED + bytes.getInt(at) + Integer.BYTES;
            if (at + length > bytes.limit())
            {
                break;
            }
            steps.add((int)bytes.get(at + 4));
            at += length;
        }
        return steps;
    }

    /**
     * @return the engine of a stopped shard, recovered from its journal.
     */
    static MatchingEngine engine(final Path data)
    {
        try (EmbeddedNode node = EmbeddedNode.start(ShardMoveSessions.config(data), null, null))
        {
            node.close();
            return node.engineAfterClose();
        }
    }
}
