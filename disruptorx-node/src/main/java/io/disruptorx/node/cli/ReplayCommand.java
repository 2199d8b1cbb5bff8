package io.disruptorx.node.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.EngineListener;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.engine.sbe.SbeCommandDispatcher;
import io.disruptorx.journal.JournalCorruptedException;
import io.disruptorx.journal.JournalReader;
import io.disruptorx.journal.SnapshotStore;
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
        "balances go to standard error. The journal is only read, never changed."})
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

    @Option(names = "--levels", defaultValue = "5", description = "Price levels per side to print (default 5).")
    private int levels;

    @Override
    public Integer call() throws IOException
    {
        final PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(journal))
        {
            err.println("dx replay: no journal directory " + journal);
            return 2;
        }
        final Writer eventsOut = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        final JsonLinesEventWriter json = new JsonLinesEventWriter(eventsOut);
        final EngineListener listener = events ? json : new JsonLinesEventWriter(Writer.nullWriter());
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
                if (sequence > from && sequence <= to)
                {
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
        if (from == 0 && progress[2] > 1)
        {
            err.println("dx replay: the journal starts at sequence " + progress[2] +
                " (older segments were deleted after a snapshot): pass --snapshots DIR");
            return 2;
        }
        final PrintWriter report = events ? err : spec.commandLine().getOut();
        report.printf("replayed %,d commands; state at journal sequence %d%n", progress[1], progress[0]);
        StateReport.print(engine, levels, report);
        report.flush();
        return 0;
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
