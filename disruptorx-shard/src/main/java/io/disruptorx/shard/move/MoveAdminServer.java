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
import java.util.function.Consumer;

import io.disruptorx.gateway.auth.User;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.RoutingTableStore;
import io.disruptorx.shard.transfer.TransferDesk;

/**
 * The sharded gateway's move admin: a TCP listener on loopback only, one login and one request per connection,
 * answered by lines and a close. The client first sends {@code user NAME} and {@code password SECRET} (a line each;
 * the rest of the line after {@code "password "} is the password), then the request:
 * <ul>
 *     <li>{@code move INSTRUMENT SHARD} (a shard's name or index): one line from {@link MovingVenueClient#move};</li>
 *     <li>{@code apply FILE}: moves every instrument that routing table file routes elsewhere than the gateway's
 *     table does, one after another, a line each, then {@code applied N moves, routing table version V};</li>
 *     <li>{@code transfer ID ACCOUNT ASSET AMOUNT FROM TO} (shards by name or index): moves an account's funds
 *     from one shard's ledger to another's through the gateway's {@link TransferDesk}, exactly once (a retry with
 *     the same id moves nothing more), answered with one line once the transfer has ended;</li>
 *     <li>{@code unlock --force [HOLDER]}: releases the shards' move lock by force, for a holder that never returns
 *     (only when held by gateway HOLDER, if given): one line from {@link MovingVenueClient#unlock};</li>
 *     <li>{@code status}: three lines, the routing table the gateway follows (version, shards, overrides), the
 *     move lock ({@code move lock: free}, {@code held by gateway G (move M of instrument X)} or {@code not known
 *     yet}) and the instrument moving here ({@code moving: none}, or its id, source, target and whose move it is:
 *     {@link MoveStatus}), last.</li>
 * </ul>
 * {@link AdminAccess} decides: moves, forced releases and transfers need the OPERATOR role, a status any login; a
 * request without a login, with a wrong password or by a user without the role is answered
 * {@code refused: REASON}. Everything is audited. {@code dx shard move}, {@code dx shard apply},
 * {@code dx shard transfer} and {@code dx shard unlock} are its clients.
 */
public final class MoveAdminServer implements AutoCloseable
{
    private static final String USER = "user ";
    private static final String PASSWORD = "password ";

    private final ServerSocket server;
    private final MovingVenueClient venue;
    private final AdminAccess access;
    private final long moveTimeoutMillis;
    private final Thread thread;

    /**
     * Listens and starts serving on a thread of its own.
     *
     * @param port              on 127.0.0.1, 0 for any free port.
     * @param venue             the gateway's moving venue client.
     * @param access            who may do what, and the audit trail.
     * @param moveTimeoutMillis longest wait for one move's answer.
     */
    public MoveAdminServer(
        final int port, final MovingVenueClient venue, final AdminAccess access, final long moveTimeoutMillis)
    {
        this.venue = venue;
        this.access = access;
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
                serve(in, out, String.valueOf(socket.getRemoteSocketAddress()));
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

    private void serve(final BufferedReader in, final PrintWriter out, final String source) throws IOException
    {
        final String first = line(in);
        if (!first.startsWith(USER))
        {
            access.deniedWithoutLogin(source, first);
            out.println("refused: log in first ('user NAME' and 'password SECRET' lines before the request; " +
                "dx shard move --user NAME with DX_ADMIN_PASSWORD or --password-file)");
            return;
        }
        final String name = first.substring(USER.length()).trim();
        final String second = in.readLine();
        final String password = second != null && second.startsWith(PASSWORD) ? second.substring(PASSWORD.length()) :
            null;
        final User user = password == null ? null : access.login(name, password, source);
        if (user == null)
        {
            if (password == null)
            {
                access.deniedWithoutLogin(source, "user " + name + " sent no password");
            }
            out.println("refused: login failed for " + name + " (wrong user or password, or throttled)");
            return;
        }
        final String request = line(in);
        final String[] words = request.split("\\s+");
        final long instrument = words.length == 3 && "move".equals(words[0]) ? Math.max(0, parse(words[1])) : 0;
        final String denied = access.permit(user, source, words[0], instrument, request);
        if (denied != null)
        {
            out.println("refused: " + denied);
            return;
        }
        final StringBuilder answers = new StringBuilder();
        answer(words, line ->
        {
            out.println(line);
            answers.setLength(0);
            answers.append(line);
        });
        access.answered(user, source, words[0], instrument, answers.toString());
    }

    private static String line(final BufferedReader in) throws IOException
    {
        final String line = in.readLine();
        return line == null ? "" : line.trim();
    }

    private void answer(final String[] words, final Consumer<String> out)
    {
        final RoutingTable routes = venue.table();
        if (words.length == 3 && "move".equals(words[0]))
        {
            final int instrument = parse(words[1]);
            final int target = shardIndex(routes, words[2]);
            if (instrument <= 0 || target < 0)
            {
                out.accept("refused: expected 'move INSTRUMENT SHARD' with a shard of " + routes.shards());
                return;
            }
            out.accept(await(instrument, target));
        }
        else if (words.length == 2 && "apply".equals(words[0]))
        {
            apply(Path.of(words[1]), routes, out);
        }
        else if (words.length == 7 && "transfer".equals(words[0]))
        {
            transfer(words, routes, out);
        }
        else if ((words.length == 2 || words.length == 3) && "unlock".equals(words[0]) &&
            "--force".equals(words[1]))
        {
            final int holder = words.length == 3 ? parse(words[2]) : -1;
            if (words.length == 3 && (holder < 0 || holder >= MoveLock.GATEWAYS))
            {
                out.accept("refused: expected 'unlock --force [HOLDER]' with a gateway id below " + MoveLock.GATEWAYS);
                return;
            }
            out.accept(awaitUnlock(holder));
        }
        else if (words.length == 1 && "status".equals(words[0]))
        {
            final MoveStatus status = venue.status();
            out.accept("routing table version " + routes.version() + ", shards " + routes.shards() + ", overrides " +
                routes.overrides());
            out.accept(status.lockLine());
            out.accept(status.movingLine(routes));
        }
        else
        {
            out.accept("refused: expected 'move INSTRUMENT SHARD', 'apply FILE', " +
                "'transfer ID ACCOUNT ASSET AMOUNT FROM TO', 'unlock --force [HOLDER]' or 'status'");
        }
    }

    private void transfer(final String[] words, final RoutingTable routes, final Consumer<String> out)
    {
        final TransferDesk desk = venue.transfers();
        final long id = parseLong(words[1]);
        final long account = parseLong(words[2]);
        final int asset = parse(words[3]);
        final long amount = parseLong(words[4]);
        final int from = shardIndex(routes, words[5]);
        final int to = shardIndex(routes, words[6]);
        if (desk == null)
        {
            out.accept("refused: this gateway carries out no transfers");
            return;
        }
        if (id <= 0 || account < 0 || asset < 0 || amount <= 0 || from < 0 || to < 0)
        {
            out.accept("refused: expected 'transfer ID ACCOUNT ASSET AMOUNT FROM TO' with a positive id and amount " +
                "and shards of " + routes.shards());
            return;
        }
        try
        {
            out.accept(desk.transfer(id, account, asset, amount, from, to).get(moveTimeoutMillis,
                TimeUnit.MILLISECONDS));
        }
        catch (final TimeoutException ex)
        {
            out.accept(TransferDesk.unfinished(id));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            out.accept(TransferDesk.unfinished(id));
        }
        catch (final Exception ex)
        {
            out.accept("refused: " + ex);
        }
    }

    private void apply(final Path file, final RoutingTable routes, final Consumer<String> out)
    {
        final Optional<RoutingTable> loaded = new RoutingTableStore(file).load();
        if (loaded.isEmpty() || !loaded.get().shards().equals(routes.shards()))
        {
            out.accept("refused: " + file + " holds no routing table over the shards " + routes.shards());
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
                out.accept(answer);
                if (!answer.startsWith("moved"))
                {
                    out.accept("stopped: applied " + moves + " moves, routing table version " +
                        venue.table().version());
                    return;
                }
                moves++;
            }
        }
        out.accept("applied " + moves + " moves, routing table version " + venue.table().version());
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

    private String awaitUnlock(final int holder)
    {
        try
        {
            return venue.unlock(holder).get(moveTimeoutMillis, TimeUnit.MILLISECONDS);
        }
        catch (final TimeoutException ex)
        {
            return "unfinished: no answer within " + moveTimeoutMillis + " ms (the gateway is still moving, or " +
                "shard 0 has not answered); the release is still asked for in the gateway";
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

    private static long parseLong(final String number)
    {
        try
        {
            return Long.parseLong(number);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
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
