package io.disruptorx.bench.fix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Locale;

import io.disruptorx.bench.node.LatencySummary;
import quickfix.ConfigError;

/**
 * The two FIX legs of {@code dx bench gateway}, driven one after the other by the same load of QuickFIX/J's
 * NewOrderSingles ({@link FixWireLoad} by default, or a QuickFIX/J initiator, {@link QfjLoad}): our FIX 4.4
 * gateway (Artio, on the bench's node, matching for real) and the anchor, a QuickFIX/J acceptor that only
 * acknowledges ({@link QfjAnchorVenue}). Each leg first runs saturated for 4 s unmeasured (the JIT compiles the
 * load's and the acceptor's path; measured at once, both legs mostly measured the compiler), then measures the
 * most orders per second acknowledged with a full window, then latency at a fixed offered rate: 50,000/s when the
 * leg sustains it, else 10,000/s, else half its maximum (the output says which).
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
    private static final double JIT_WARMUP_SECONDS = 4;
    private static final String[] ACCOUNTS = {"3", "4"};

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
     * What one leg measured.
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
     * @param port     our FIX gateway's port.
     * @param password the FIX user's password.
     * @param symbol   the bench instrument's symbol.
     * @param quick    short runs.
     * @param client   the load.
     * @return the leg.
     * @throws ConfigError when QuickFIX/J refuses its settings.
     */
    public static Leg ours(
        final int port, final String password, final String symbol, final boolean quick, final Client client)
        throws ConfigError
    {
        try (FixLoad load = client.connect(port, FIX_USER, COMP_ID, password, symbol))
        {
            return measure(load, "fix", quick);
        }
    }

    /**
     * @param directory for the anchor's file store.
     * @param symbol    the symbol the load sends.
     * @param quick     short runs.
     * @param client    the load.
     * @return the leg.
     * @throws ConfigError when QuickFIX/J refuses its settings.
     */
    public static Leg anchor(final Path directory, final String symbol, final boolean quick, final Client client)
        throws ConfigError
    {
        final int port = freePort();
        try (QfjAnchorVenue venue = new QfjAnchorVenue(port, ANCHOR_COMP_ID, ANCHOR_USER, directory);
            FixLoad load = client.connect(port, ANCHOR_USER, ANCHOR_COMP_ID, "anchor", symbol))
        {
            return measure(load, "qfj", quick);
        }
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

    private static Leg measure(final FixLoad load, final String label, final boolean quick)
    {
        final double warmup = quick ? 1 : 3;
        final double seconds = quick ? 2 : 10;
        // JIT warm-up of the load's and the acceptor's path, as the binary leg has, before anything is measured
        System.out.println(load.saturated(WINDOW, JIT_WARMUP_SECONDS, 0.1)
            .describe(label + " warm-up (not measured)"));
        final QfjLoad.Run saturated = load.saturated(WINDOW, warmup, seconds);
        System.out.println(saturated.describe(label) + " (window " + WINDOW + ", closed loop)");
        final long rate = rate(saturated.completed());
        final QfjLoad.Run paced = load.paced(rate, warmup, seconds);
        System.out.println(paced.describe(label));
        System.out.printf(Locale.ROOT, "%s p99 at %,d orders/s%s%n", label, rate, rate == HEADLINE_RATE ? "" :
            " (below 50k/s: the highest of 50k, 10k or half its maximum it can sustain)");
        return new Leg(saturated, paced);
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
