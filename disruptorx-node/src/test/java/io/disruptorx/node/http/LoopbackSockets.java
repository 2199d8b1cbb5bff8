package io.disruptorx.node.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The machine's TCP sockets to or from one port, as Linux lists them ({@code /proc/net/tcp} and {@code tcp6}): what a
 * browser test prints when a page did not see its connection end, to tell a server that left the connection open
 * (the server's end, local port = the port, still {@code ESTABLISHED}) from a browser that did not read the end
 * (the browser's end, remote port = the port, in {@code CLOSE_WAIT}, with what it has not read in {@code rx}).
 */
final class LoopbackSockets
{
    private static final String[] STATES = {"?", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
        "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING"};

    private LoopbackSockets()
    {
    }

    /**
     * @param port the port.
     * @return one line per socket whose local or remote port it is ({@code local -> remote STATE tx=N rx=N}), or
     *     what could not be read.
     */
    static List<String> of(final int port)
    {
        final List<String> found = new ArrayList<>();
        for (final String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"})
        {
            try
            {
                for (final String line : Files.readAllLines(Path.of(table)))
                {
                    final String[] fields = line.trim().split("\\s+");
                    if (fields.length < 5 || !fields[1].contains(":") || !fields[2].contains(":"))
                    {
                        continue;
                    }
                    final int local = portOf(fields[1]);
                    final int remote = portOf(fields[2]);
                    if (local == port || remote == port)
                    {
                        final int state = Integer.parseInt(fields[3], 16);
                        final String[] queues = fields[4].split(":");
                        found.add(local + " -> " + remote + " " + (state < STATES.length ? STATES[state] : "?") +
                            " tx=" + Long.parseLong(queues[0], 16) + " rx=" + Long.parseLong(queues[1], 16));
                    }
                }
            }
            catch (final IOException | RuntimeException ex)
            {
                found.add(table + " unreadable: " + ex);
            }
        }
        return found;
    }

    private static int portOf(final String address)
    {
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1), 16);
    }
}
