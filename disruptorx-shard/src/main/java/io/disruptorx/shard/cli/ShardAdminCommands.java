package io.disruptorx.shard.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dx shard move}, {@code dx shard apply}, {@code dx shard transfer} and {@code dx shard unlock}: clients of a
 * running sharded gateway's move admin (loopback TCP, a login and one request line, answered by lines). The user
 * needs the OPERATOR role;
 * its password comes from the environment ({@value #PASSWORD_VARIABLE}) or a file, never from the command line, and
 * is never printed. Exit codes: 0 done, 1 refused (a login too), rolled back, returned, failed or unfinished, 2 no
 * gateway or no password to read.
 */
final class ShardAdminCommands
{
    /** The environment variable holding the move admin password. */
    static final String PASSWORD_VARIABLE = "DX_ADMIN_PASSWORD";

    private ShardAdminCommands()
    {
    }

    /**
     * {@code dx shard move INSTRUMENT --to SHARD}.
     */
    @Command(name = "move", mixinStandardHelpOptions = true,
        description = "Moves an instrument online to another shard through a running dx shard-gateway.")
    static final class Move implements Callable<Integer>
    {
        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "INSTRUMENT", description = "The instrument's id.")
        private int instrument;

        @Option(names = "--to", required = true, paramLabel = "SHARD", description = "The shard's name or index.")
        private String shard;

        @Mixin
        private AdminLogin admin;

        @Override
        public Integer call()
        {
            return request(spec, admin, "move " + instrument + " " + shard, "moved");
        }
    }

    /**
     * {@code dx shard apply --table FILE}.
     */
    @Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Moves every instrument the given routing table routes elsewhere, through a running",
            "dx shard-gateway, one after another (the table from dx shard plan --apply, for example)."})
    static final class Apply implements Callable<Integer>
    {
        @Spec
        private CommandSpec spec;

        @Option(names = "--table", required = true, paramLabel = "FILE", description = "The routing table to reach.")
        private Path table;

        @Mixin
        private AdminLogin admin;

        @Override
        public Integer call()
        {
            return request(spec, admin, "apply " + table.toAbsolutePath(), "applied");
        }
    }

    /**
     * {@code dx shard transfer --id ID --account A --asset X --amount N --from SHARD --to SHARD}.
     */
    @Command(name = "transfer", mixinStandardHelpOptions = true,
        description = {"Moves an account's funds from one shard's ledger to another's through a running",
            "dx shard-gateway, exactly once: a retry with the same --id moves nothing more and answers its end."})
    static final class Transfer implements Callable<Integer>
    {
        @Spec
        private CommandSpec spec;

        @Option(names = "--id", required = true, paramLabel = "ID",
            description = "The transfer's id: positive, below 2^60, unique over the venue; give it again to retry.")
        private long id;

        @Option(names = "--account", required = true, paramLabel = "ACCOUNT", description = "The account.")
        private long account;

        @Option(names = "--asset", required = true, paramLabel = "ASSET", description = "The asset's id.")
        private int asset;

        @Option(names = "--amount", required = true, paramLabel = "N",
            description = "In the asset's smallest units, positive.")
        private long amount;

        @Option(names = "--from", required = true, paramLabel = "SHARD", description = "Source shard: name or index.")
        private String from;

        @Option(names = "--to", required = true, paramLabel = "SHARD", description = "Target shard: name or index.")
        private String to;

        @Mixin
        private AdminLogin admin;

        @Override
        public Integer call()
        {
            return request(spec, admin, "transfer " + id + " " + account + " " + asset + " " + amount + " " + from +
                " " + to, "transferred");
        }
    }

    /**
     * {@code dx shard unlock --force [--holder ID]}.
     */
    @Command(name = "unlock", mixinStandardHelpOptions = true,
        description = {"Releases the shards' move lock by force through a running dx shard-gateway, for a holder",
            "that never returns (its host is gone). Recorded in shard 0's log: every gateway sees the lock free.",
            "First check that the holder's gateway is down for good and that the holder's instrument is not",
            "halted on any shard (the feed's InstrumentStatus; dx shard status --admin of each running gateway",
            "names the instrument it moves or follows; docs/scaling.md, \"Releasing the lock by force\"). Refused",
            "when the lock is free, held by another gateway than --holder, or held by a move the gateway saw halt",
            "its instrument and not end."})
    static final class Unlock implements Callable<Integer>
    {
        @Spec
        private CommandSpec spec;

        @Option(names = "--force", required = true, description = "Required: the release is the operator's.")
        private boolean force;

        @Option(names = "--holder", paramLabel = "ID", defaultValue = "-1",
            description = "Release only when gateway ID (its --gateway-id) holds the lock.")
        private int holder;

        @Mixin
        private AdminLogin admin;

        @Override
        public Integer call()
        {
            if (!force)
            {
                spec.commandLine().getErr().println("dx shard unlock: --force is required");
                return 2;
            }
            return request(spec, admin, "unlock --force" + (holder >= 0 ? " " + holder : ""), "released");
        }
    }

    /**
     * Where the move admin is and who logs in to it.
     */
    static final class AdminLogin
    {
        @Option(names = "--admin", defaultValue = "127.0.0.1:9620", paramLabel = "HOST:PORT",
            description = "The gateway's move admin (default ${DEFAULT-VALUE}).")
        String address;

        @Mixin
        AdminUser user = new AdminUser();
    }

    /**
     * Who logs in to a move admin.
     */
    static final class AdminUser
    {
        @Option(names = "--user", defaultValue = "${env:DX_ADMIN_USER}", paramLabel = "NAME",
            description = "A user of the gateway's user file (default $DX_ADMIN_USER).")
        String name;

        @Option(names = "--password-file", paramLabel = "FILE",
            description = "A file whose first line is the password (default: $" + PASSWORD_VARIABLE + ").")
        Path passwordFile;

        String password() throws IOException
        {
            if (passwordFile != null)
            {
                final String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
                final int end = text.indexOf('\n');
                return (end < 0 ? text : text.substring(0, end)).replace("\r", "");
            }
            return System.getenv(PASSWORD_VARIABLE);
        }
    }

    static int request(final CommandSpec spec, final AdminLogin login, final String line, final String success)
    {
        return request(spec, login.address, login.user, line, success);
    }

    /**
     * Sends one request and prints every line of the answer.
     *
     * @param success how the answer's last line starts when the request succeeded.
     * @return 0 when it succeeded, 1 when refused (or anything else), 2 when no admin answered or no password could
     * be read.
     */
    static int request(final CommandSpec spec, final String admin, final AdminUser login, final String line,
        final String success)
    {
        final PrintWriter out = spec.commandLine().getOut();
        final int colon = admin.lastIndexOf(':');
        if (colon <= 0)
        {
            spec.commandLine().getErr().println("dx shard: --admin must be HOST:PORT, was " + admin);
            return 2;
        }
        final StringBuilder request = new StringBuilder();
        try
        {
            final String password = login.password();
            if (login.name != null && !login.name.isBlank() && password != null)
            {
                request.append("user ").append(login.name.trim()).append('\n')
                    .append("password ").append(password).append('\n');
            }
        }
        catch (final IOException ex)
        {
            spec.commandLine().getErr().println("dx shard: cannot read the password file " + login.passwordFile);
            return 2;
        }
        request.append(line).append('\n');
        try (Socket socket = new Socket())
        {
            socket.connect(new InetSocketAddress(admin.substring(0, colon),
                Integer.parseInt(admin.substring(colon + 1))), 5_000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            final BufferedReader in = new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String last = "";
            String answer;
            while ((answer = in.readLine()) != null)
            {
                out.println(answer);
                last = answer;
            }
            out.flush();
            return last.startsWith(success) ? 0 : 1;
        }
        catch (final IOException | NumberFormatException ex)
        {
            spec.commandLine().getErr().println("dx shard: no gateway move admin at " + admin + ": " + ex);
            return 2;
        }
    }
}
