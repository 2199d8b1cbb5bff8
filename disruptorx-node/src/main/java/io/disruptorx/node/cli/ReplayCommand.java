package io.disruptorx.node.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.EngineListener;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.sbe.SbeCommandDispatcher;
import io.disruptorx.gateway.auth.User;
import io.disruptorx.gateway.auth.UserFile;
import io.disruptorx.journal.JournalCorruptedException;
import io.disruptorx.journal.JournalReader;
import io.disruptorx.journal.SnapshotStore;
import io.disruptorx.node.text.JournalCommandWriter;
import io.disruptorx.node.text.JsonLinesEventWriter;
import io.disruptorx.node.text.StateReport;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dx replay}: rebuilds the engine from a journal (and optionally a snapshot), stops at a sequence if
 * asked, prints the books and balances there, and can print every event as JSON lines: time travel for
 * incident analysis.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
        "Rebuilds state from a journal and prints books and balances.",
        "With --events, every output event is printed to standard output as JSON lines and the books and",
        "balances go to standard error. With --commands, every replayed order command is printed as a JSON",
        "line with the id of the user who sent it (and the user's name with --users). The journal is only",
        "read, never changed."})
public final class ReplayCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "Journal directory.")
    private Path journal;

    @Option(names = "--snapshots", paramLabel = "DIR",
        description = "Snapshot directory: start from the newest snapshot at or before --to.")
    private Path snapshots;

    @Option(names = "--to", paramLabel = "SEQ", defaultValue = "" + Long.MAX_VALUE,
        description = "Stop after this journal sequence (default: the end).")
    private long to;

    @Option(names = "--events", description = "Print every output event as JSON lines.")
    private boolean events;

    @Option(names = "--commands",
        description = "Print every replayed command as JSON lines, with the sending user's id (userId).")
    private boolean commands;

    @Option(names = "--users", paramLabel = "FILE",
        description = "User file: names the user of each command printed by --commands.")
    private Path users;

    @Option(names = "--levels", defaultValue = "5", description = "Price levels per side to print (default 5).")
    private int levels;

    @Override
    public Integer call() throws IOException
    {
        final PrintWriter err = spec.commandLine().getErr();
        if (to < 0 || levels < 0)
        {
            err.println("dx replay: --to must be a journal sequence >= 0 and --levels >= 0 (got --to " + to +
                ", --levels " + levels + ")");
            return 2;
        }
        if (!Files.isDirectory(journal))
        {
            err.println("dx replay: no journal directory " + journal);
            return 2;
        }
        if (!holdsSegments(journal))
        {
            final Path inside = journal.resolve("journal");
            err.println(holdsSegments(inside) ?
                "dx replay: " + journal + " is a node's data directory; its journal is " + inside + " (and its " +
                    "snapshots " + journal.resolve("snapshots") + ")" :
                "dx replay: no journal segments (journal-*.dxj) in " + journal);
            return 2;
        }
        final Writer eventsOut = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        final JsonLinesEventWriter json = new JsonLinesEventWriter(eventsOut);
        final EngineListener listener = events ? json : new JsonLinesEventWriter(Writer.nullWriter());
        final Map<Long, String> names;
        try
        {
            names = userNames();
        }
        catch (final RuntimeException ex)
        {
            err.println("dx replay: " + ex.getMessage());
            return 2;
        }
        final JournalCommandWriter commandWriter = commands ? new JournalCommandWriter(eventsOut, names) : null;
        final MatchingEngine engine = new MatchingEngine(EngineConfig.defaults(), listener);
        final long from = restoreSnapshot(engine, err);
        if (from < 0)
        {
            return 2;
        }
        final SbeCommandDispatcher dispatcher = new SbeCommandDispatcher(engine, (r, b, o, l) -> { });
        final long[] progress = {from, 0, 0};
        try
        {
            JournalReader.read(journal, (sequence, buffer, offset, length) ->
            {
                if (progress[2] == 0)
                {
                    progress[2] = sequence;
                }
                if (sequence > from && sequence <= to && progress[2] <= from + 1)
                {
                    if (commandWriter != null)
                    {
                        commandWriter.write(sequence, buffer, offset, length);
                    }
                    dispatcher.dispatch(buffer, offset, length);
                    progress[0] = sequence;
                    progress[1]++;
                }
            });
        }
        catch (final JournalCorruptedException ex)
        {
            err.println("dx replay: " + ex.getMessage());
            return 3;
        }
        eventsOut.flush();
        if (progress[2] > from + 1)
        {
            err.println(gapMessage(from, progress[2]));
            return 2;
        }
        final PrintWriter report = events || commands ? err : spec.commandLine().getOut();
        report.printf("replayed %,d commands; state at journal sequence %d%n", progress[1], progress[0]);
        StateReport.print(engine, levels, report);
        report.flush();
        return 0;
    }

    /**
     * @return why the journal, which starts at {@code first}, cannot continue from {@code from}, and what to do.
     */
    private String gapMessage(final long from, final long first)
    {
        final String start = "dx replay: the journal starts at sequence " + first +
            " (older segments were deleted after a snapshot)";
        if (snapshots == null)
        {
            return start + ": pass --snapshots DIR";
        }
        if (from == 0)
        {
            return start + " and " + snapshots + " has no valid snapshot at or before --to " + to +
                ": use a --to at or after the oldest snapshot's sequence";
        }
        return start + " but the newest usable snapshot at or before --to " + to + " is at sequence " + from +
            ": the records in between are gone; use a later --to";
    }

    private Map<Long, String> userNames()
    {
        final Map<Long, String> names = new HashMap<>();
        if (users != null)
        {
            for (final User user : UserFile.read(users).users())
            {
                names.put(user.id(), user.name());
            }
        }
        return names;
    }

    private static boolean holdsSegments(final Path directory) throws IOException
    {
        if (!Files.isDirectory(directory))
        {
            return false;
        }
        try (DirectoryStream<Path> segments = Files.newDirectoryStream(directory, "journal-*.dxj"))
        {
            return segments.iterator().hasNext();
        }
    }

    private long restoreSnapshot(final MatchingEngine engine, final PrintWriter err)
    {
        if (snapshots == null)
        {
            return 0;
        }
        if (!Files.isDirectory(snapshots))
        {
            err.println("dx replay: no snapshot directory " + snapshots);
            return -1;
        }
        final List<Path> files = new SnapshotStore(snapshots).files();
        for (int i = files.size() - 1; i >= 0; i--)
        {
            if (SnapshotStore.sequenceOf(files.get(i)) <= to)
            {
                final SnapshotStore.Loaded loaded = SnapshotStore.read(files.get(i));
                if (loaded != null)
                {
                    engine.restore(new UnsafeBuffer(loaded.payload()), 0, loaded.payload().length);
                    err.println("dx replay: starting from snapshot " + loaded.file().getFileName());
                    return loaded.sequence();
                }
                err.println("dx replay: skipping damaged snapshot " + files.get(i).getFileName());
            }
        }
        return 0;
    }
}
