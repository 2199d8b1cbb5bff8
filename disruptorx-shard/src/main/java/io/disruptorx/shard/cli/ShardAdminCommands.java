package io.disruptorx.shard.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dx shard move} and {@code dx shard apply}: clients of a running sharded gateway's move admin (loopback TCP,
 * one request line, answered by lines). Exit codes: 0 done, 1 refused, rolled back or unfinished, 2 no gateway.
 */
final class ShardAdminCommands
{
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

        @Option(names = "--admin", defaultValue = "127.0.0.1:9620", paramLabel = "HOST:PORT",
            description = "The gateway's move admin (default ${DEFAULT-VALUE}).")
        private String admin;

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

        @Option(names = "--admin", defaultValue = "127.0.0.1:9620", paramLabel = "HOST:PORT",
            description = "The gateway's move admin (default ${DEFAULT-VALUE}).")
        private String admin;

        @Override
        public Integer call()
        {
            return request(spec, admin, "apply " + table.toAbsolutePath(), "applied");
        }
    }

    private static int request(final CommandSpec spec, final String admin, final String line, final String success)
    {
        final PrintWriter out = spec.commandLine().getOut();
        final int colon = admin.lastIndexOf(':');
        if (colon <= 0)
        {
            spec.commandLine().getErr().println("dx shard: --admin must be HOST:PORT, was " + admin);
            return 2;
        }
        try (Socket socket = new Socket())
        {
            socket.connect(new InetSocketAddress(admin.substring(0, colon),
                Integer.parseInt(admin.substring(colon + 1))), 5_000);
            socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
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
