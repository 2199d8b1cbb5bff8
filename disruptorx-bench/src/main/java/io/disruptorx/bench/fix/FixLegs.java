package io.disruptorx.bench.fix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

import io.disruptorx.bench.node.LatencySummary;
import quickfix.ConfigError;

/**
 * The two FIX legs of {@code dx bench gateway}, each driven by its own connection of the same load of QuickFIX/J's
 * NewOrderSingles ({@link FixWireLoad} by default, or a QuickFIX/J initiator, {@link QfjLoad}): our FIX 4.4 gateway
 * (Artio, on the bench's node, matching for real) and the anchor, a QuickFIX/J acceptor that only acknowledges
 * ({@link QfjAnchorVenue}). How they are measured, alternated: {@code io.disruptorx.bench.gateway.FixRounds}. Here:
 * the legs' users, sessions and accounts, connecting their loads, and the paced rate a leg's p99 is measured at
 * ({@link #rate}).
 */
public final class FixLegs
{
    /** Unacknowledged orders in flight in a saturated run. */
    public static final int WINDOW = 1_024;
    /** The venue's CompID in the bench. */
    public static final String COMP_ID = "DXEX";
    /** The FIX user of the bench (accounts 3 and 4). */
    public static final String FIX_USER = "fixb";
    private static final String ANCHOR_COMP_ID = "ANCHOR";
    private static final String ANCHOR_USER = "qfjb";
    private static final long HEADLINE_RATE = 50_000;
    private static final long FALLBACK_RATE = 10_000;
    private static final double HEADROOM = 1.1;
    private static final String[] ACCOUNTS = {"3", "4"};
    /** The most FIX sessions a leg's load may use ({@link #fixUser(int)} and its accounts). */
    public static final int MAX_SESSIONS = 4;
    /** The first account of {@link #fixUser(int) FIX user} 1 (user 0 has 3 and 4; user k 15 + 2(k - 1) and on). */
    public static final long EXTRA_FIRST_ACCOUNT = 15;

    private FixLegs()
    {
    }

    /**
     * Which load drives both legs.
     */
    public enum Client
    {
        /** QuickFIX/J's messages through a lean socket client ({@link FixWireLoad}): the default. */
        WIRE,
        /** A QuickFIX/J initiator ({@link QfjLoad}). */
        QFJ;

        /**
         * @return what the output calls it.
         */
        public String describe()
        {
            return this == WIRE ? "QuickFIX/J-encoded wire" : "QuickFIX/J initiator";
        }

        FixLoad connect(
            final int port, final String sender, final String target, final String password, final String symbol)
            throws ConfigError
        {
            return this == WIRE ? new FixWireLoad(port, sender, target, password, symbol, ACCOUNTS) :
                new QfjLoad(port, sender, target, password, symbol, ACCOUNTS);
        }
    }

    /**
     * What one leg measured alone (the JSON leg).
     *
     * @param saturated the saturated run.
     * @param paced     the paced run its p99 comes from.
     */
    public record Leg(QfjLoad.Run saturated, QfjLoad.Run paced)
    {
        /**
         * @return acknowledged orders per second with a full window, rounded.
         */
        public long ops()
        {
            return Math.round(saturated.completed());
        }

        /**
         * @return p99 of the paced run in microseconds.
         */
        public long p99Micros()
        {
            return LatencySummary.micros(paced.latency().p99());
        }
    }

    /**
     * @param session 0 to {@link #MAX_SESSIONS} - 1.
     * @return the FIX user (and SenderCompID) of the load's session {@code session} in our leg.
     */
    public static String fixUser(final int session)
    {
        return session == 0 ? FIX_USER : FIX_USER + (session + 1);
    }

    /**
     * @param session 0 to {@link #MAX_SESSIONS} - 1.
     * @return the first of the two accounts {@link #fixUser(int)} trades (buys; sells on the next).
     */
    public static long firstAccount(final int session)
    {
        return session == 0 ? 3 : EXTRA_FIRST_ACCOUNT + 2L * (session - 1);
    }

    /**
     * @param client   the load.
     * @param sessions FIX sessions the load uses (more than one: the wire load only).
     * @param port     the anchor's port ({@link #anchorVenue}).
     * @param symbol   the symbol the load sends.
     * @return the load, logged on to the anchor.
     * @throws ConfigError when QuickFIX/J refuses its settings.
     */
    public static FixLoad connectAnchor(final Client client, final int sessions, final int port, final String symbol)
        throws ConfigError
    {
        return connect(client, sessions, port, FixLegs::anchorUser, ANCHOR_COMP_ID, "anchor", symbol);
    }

    /**
     * @param port the anchor's port.
     * @param directory its file store.
     * @param sessions its clients' sessions.
     * @return the anchor, listening.
     * @throws ConfigError when QuickFIX/J refuses its settings.
     */
    public static QfjAnchorVenue anchorVenue(final int port, final Path directory, final int sessions)
        throws ConfigError
    {
        final String[] users = new String[sessions];
        for (int i = 0; i < sessions; i++)
        {
            users[i] = anchorUser(i);
        }
        return new QfjAnchorVenue(port, ANCHOR_COMP_ID, users, directory);
    }

    /**
     * The load of a leg: {@code sessions} wire sessions on one thread ({@link FixWireSessions}) or one session of
     * {@code client}.
     *
     * @param client   the load.
     * @param sessions 1 to {@link #MAX_SESSIONS}; more than one with the wire load only.
     * @param port     the acceptor's port.
     * @param users    each session's user and SenderCompID.
     * @param target   the acceptor's CompID.
     * @param password the users' password.
     * @param symbol   the symbol of every order.
     * @return the load, logged on.
     * @throws ConfigError when QuickFIX/J refuses its settings.
     */
    public static FixLoad connect(
        final Client client, final int sessions, final int port, final IntFunction<String> users,
        final String target, final String password, final String symbol) throws ConfigError
    {
        if (sessions < 1 || sessions > MAX_SESSIONS)
        {
            throw new IllegalArgumentException("FIX sessions: 1 to " + MAX_SESSIONS + ", was " + sessions);
        }
        if (sessions == 1)
        {
            return client.connect(port, users.apply(0), target, password, symbol);
        }
        if (client != Client.WIRE)
        {
            throw new IllegalArgumentException("more than one FIX session needs the wire load");
        }
        final FixWireLoad[] loads = new FixWireLoad[sessions];
        for (int i = 0; i < sessions; i++)
        {
            final long first = firstAccount(i);
            loads[i] = new FixWireLoad(port, users.apply(i), target, password, symbol,
                new String[]{Long.toString(first), Long.toString(first + 1)});
        }
        return new FixWireSessions(loads);
    }

    /**
     * @param session 0 to {@link #MAX_SESSIONS} - 1.
     * @return the anchor's client CompID of session {@code session}.
     */
    public static String anchorUser(final int session)
    {
        return session == 0 ? ANCHOR_USER : ANCHOR_USER + (session + 1);
    }

    /**
     * @return a free loopback port (Artio cannot bind port 0).
     */
    public static int freePort()
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Connects, retrying while the acceptor is not listening yet (as a QuickFIX/J initiator reconnects). */
    static SocketChannel connect(final int port, final long deadline)
    {
        while (true)
        {
            try
            {
                final SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.configureBlocking(false);
                return channel;
            }
            catch (final ConnectException ex)
            {
                if (System.nanoTime() > deadline)
                {
                    throw new UncheckedIOException(ex);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }

    /**
     * @param maximum a leg's saturated orders per second.
     * @return the paced rate its p99 is measured at: 50,000/s when it sustains that with 10% to spare, else
     * 10,000/s, else half its maximum (whole thousands, at least 1,000).
     */
    public static long rate(final double maximum)
    {
        if (maximum >= HEADROOM * HEADLINE_RATE)
        {
            return HEADLINE_RATE;
        }
        if (maximum >= HEADROOM * FALLBACK_RATE)
        {
            return FALLBACK_RATE;
        }
        return Math.max(1_000, (long)(maximum / 2_000) * 1_000);
    }
}
