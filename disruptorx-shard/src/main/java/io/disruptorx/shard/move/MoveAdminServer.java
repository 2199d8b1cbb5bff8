package io.disruptorx.shard.move;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.RoutingTableStore;

/**
 * The sharded gateway's move admin: a TCP listener on loopback only (anyone who can open a loopback connection on
 * the gateway's host is an operator here), one request line per connection, answered by lines and a close:
 * <ul>
 *     <li>{@code move INSTRUMENT SHARD} (a shard's name or index): one line from {@link MovingVenueClient#move};</li>
 *     <li>{@code apply FILE}: moves every instrument that routing table file routes elsewhere than the gateway's
 *     table does, one after another, a line each, then {@code applied N moves, routing table version V};</li>
 *     <li>{@code status}: the routing table version the gateway follows.</li>
 * </ul>
 * {@code dx shard move} and {@code dx shard apply} are its clients.
 */
public final class MoveAdminServer implements AutoCloseable
{
    private final ServerSocket server;
    private final MovingVenueClient venue;
    private final long moveTimeoutMillis;
    private final Thread thread;

    /**
     * Listens and starts serving on a thread of its own.
     *
     * @param port              on 127.0.0.1, 0 for any free port.
     * @param venue             the gateway's moving venue client.
     * @param moveTimeoutMillis longest wait for one move's answer.
     */
    public MoveAdminServer(final int port, final MovingVenueClient venue, final long moveTimeoutMillis)
    {
        this.venue = venue;
        this.moveTimeoutMillis = moveTimeoutMillis;
        try
        {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot listen for move admin on 127.0.0.1:" + port, ex);
        }
        thread = new Thread(this::serve, "dx-shard-admin");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * @return the port it listens on.
     */
    public int port()
    {
        return server.getLocalPort();
    }

    @Override
    public void close()
    {
        try
        {
            server.close();
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private void serve()
    {
        while (!server.isClosed())
        {
            try (Socket socket = server.accept();
                BufferedReader in = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8))
            {
                socket.setSoTimeout((int)TimeUnit.SECONDS.toMillis(10));
                final String line = in.readLine();
                answer(line == null ? "" : line.trim(), out);
            }
            catch (final SocketException ex)
            {
                if (!server.isClosed())
                {
                    System.err.println("dx: move admin connection: " + ex);
                }
            }
            catch (final IOException | RuntimeException ex)
            {
                System.err.println("dx: move admin connection: " + ex);
            }
        }
    }

    private void answer(final String request, final PrintWriter out)
    {
        final String[] words = request.split("\\s+");
        final RoutingTable routes = venue.table();
        if (words.length == 3 && "move".equals(words[0]))
        {
            final int instrument = parse(words[1]);
            final int target = shardIndex(routes, words[2]);
            if (instrument <= 0 || target < 0)
            {
                out.println("refused: expected 'move INSTRUMENT SHARD' with a shard of " + routes.shards());
                return;
            }
            out.println(await(instrument, target));
        }
        else if (words.length == 2 && "apply".equals(words[0]))
        {
            apply(Path.of(words[1]), routes, out);
        }
        else if (words.length == 1 && "status".equals(words[0]))
        {
            out.println("routing table version " + routes.version() + ", shards " + routes.shards() + ", overrides " +
                routes.overrides());
        }
        else
        {
            out.println("refused: expected 'move INSTRUMENT SHARD', 'apply FILE' or 'status'");
        }
    }

    private void apply(final Path file, final RoutingTable routes, final PrintWriter out)
    {
        final Optional<RoutingTable> loaded = new RoutingTableStore(file).load();
        if (loaded.isEmpty() || !loaded.get().shards().equals(routes.shards()))
        {
            out.println("refused: " + file + " holds no routing table over the shards " + routes.shards());
            return;
        }
        final RoutingTable proposed = loaded.get();
        int moves = 0;
        final int limit = Math.min(proposed.instrumentLimit(), routes.instrumentLimit());
        for (int id = 1; id < limit; id++)
        {
            final int target = proposed.shardOf(id);
            if (venue.table().shardOf(id) != target)
            {
                final String answer = await(id, target);
                out.println(answer);
                if (!answer.startsWith("moved"))
                {
                    out.println("stopped: applied " + moves + " moves, routing table version " +
                        venue.table().version());
                    return;
                }
                moves++;
            }
        }
        out.println("applied " + moves + " moves, routing table version " + venue.table().version());
    }

    private String await(final int instrument, final int target)
    {
        try
        {
            return venue.move(instrument, target).get(moveTimeoutMillis, TimeUnit.MILLISECONDS);
        }
        catch (final TimeoutException ex)
        {
            return "unfinished: no answer within " + moveTimeoutMillis + " ms; the move goes on in the gateway";
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return "unfinished: interrupted";
        }
        catch (final Exception ex)
        {
            return "refused: " + ex;
        }
    }

    private static int shardIndex(final RoutingTable routes, final String shard)
    {
        final int byName = routes.shards().indexOf(shard);
        if (byName >= 0)
        {
            return byName;
        }
        final int index = parse(shard);
        return index >= 0 && index < routes.shardCount() ? index : -1;
    }

    private static int parse(final String number)
    {
        try
        {
            return Integer.parseInt(number);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }
}
