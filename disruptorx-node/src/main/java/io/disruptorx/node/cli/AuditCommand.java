package io.disruptorx.node.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;

import io.disruptorx.audit.AuditCheckpoints;
import io.disruptorx.audit.AuditHead;
import io.disruptorx.audit.AuditLine;
import io.disruptorx.audit.AuditQuery;
import io.disruptorx.audit.AuditVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dx audit}: proves and queries a gateway's audit log (docs/security.md). The log is only read.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Proves and queries the gateway's hash-chained audit log (docs/security.md).",
    subcommands = {AuditCommand.Verify.class, AuditCommand.Query.class})
public final class AuditCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    /**
     * {@code dx audit verify DIR}.
     */
    @Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Proves the chain of every record: exit 0 when intact, 1 naming the first broken record",
            "(modified, deleted, inserted or reordered), 2 when DIR holds no audit log.",
            "With --checkpoints, also that the log still holds the venue's last checkpointed head",
            "(a tail cut off or rewritten)."})
    static final class Verify implements Callable<Integer>
    {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "The audit log's directory.")
        private Path directory;

        @Option(names = "--checkpoints", paramLabel = "DIR",
            description = "The venue's audit checkpoints (node.data-dir/audit-checkpoints).")
        private Path checkpoints;

        @Override
        public Integer call() throws IOException
        {
            final PrintWriter out = spec.commandLine().getOut();
            for (final Path required : new Path[]{directory, checkpoints})
            {
                if (required != null && !Files.isDirectory(required))
                {
                    spec.commandLine().getErr().println("dx audit verify: no such directory " + required);
                    return 2;
                }
            }
            final AuditHead checkpoint = checkpoints == null ? null : AuditCheckpoints.readLast(checkpoints);
            final AuditVerifier.Result result = AuditVerifier.verify(directory, checkpoint);
            out.println("dx audit verify: " + directory + ": " + result +
                (checkpoint == null ? "" : "; last checkpoint: " + checkpoint));
            out.flush();
            return result.intact() ? 0 : 1;
        }
    }

    /**
     * {@code dx audit query DIR --user --account --from --to}.
     */
    @Command(
        name = "query",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the records that match every filter given, as JSON lines in log order (chain fields included).",
            "Times are ISO-8601 instants such as 2026-12-04T22:00:00Z; --from is inclusive, --to exclusive."})
    static final class Query implements Callable<Integer>
    {
        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "The audit log's directory.")
        private Path directory;

        @Option(names = "--user", paramLabel = "NAME", description = "Only this user's records.")
        private String user;

        @Option(names = "--account", paramLabel = "ID", defaultValue = "0",
            description = "Only records naming this account.")
        private long account;

        @Option(names = "--from", paramLabel = "INSTANT", description = "Only records at or after this time.")
        private String from;

        @Option(names = "--to", paramLabel = "INSTANT", description = "Only records before this time.")
        private String to;

        @Override
        public Integer call() throws IOException
        {
            final long fromNanos;
            final long toNanos;
            try
            {
                fromNanos = from == null ? Long.MIN_VALUE : AuditLine.nanos(Instant.parse(from));
                toNanos = to == null ? Long.MAX_VALUE : AuditLine.nanos(Instant.parse(to));
            }
            catch (final DateTimeParseException ex)
            {
                spec.commandLine().getErr().println("dx audit query: --from and --to take ISO-8601 instants such " +
                    "as 2026-12-04T22:00:00Z: " + ex.getParsedString());
                return 2;
            }
            if (!Files.isDirectory(directory))
            {
                spec.commandLine().getErr().println("dx audit query: no such directory " + directory);
                return 2;
            }
            final PrintWriter out = spec.commandLine().getOut();
            new AuditQuery(user, account, fromNanos, toNanos).run(directory, out::println);
            out.flush();
            return 0;
        }
    }
}
