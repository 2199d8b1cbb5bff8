package io.disruptorx.bench.json;

import java.util.Locale;

import io.disruptorx.bench.fix.FixLegs;
import io.disruptorx.bench.fix.QfjLoad;

/**
 * The JSON leg of {@code dx bench gateway}: {@link JsonLoad} against the node's JSON edge (WebSocket API), measured
 * as the FIX legs are: the most orders per second answered with a full window, then latency at a fixed offered
 * rate, 50,000/s when the leg sustains it, else 10,000/s, else half its maximum (the output says which).
 *
 * <p>The saturated run's warm-up is longer than the other legs' ({@link #SATURATED_WARMUP_QUICK} s in a quick run):
 * the JSON path's own code (parsing, signature check, answer encoding, the JDK WebSocket client) runs only in this
 * leg, and on two cores shared with the load C2 was still compiling it seconds in; with a 1 s warm-up the leg
 * measured the JIT's warm-up (about 3,000 orders/s) rather than the edge.
 */
public final class JsonLeg
{
    /** Unanswered orders in flight in a saturated run. */
    public static final int WINDOW = 256;
    /** The WebSocket API's path on the JSON edge's HTTP port. */
    public static final String PATH = "/ws-api/v3";
    /** Seconds of saturated warm-up in a quick run (10 in a full one). */
    public static final double SATURATED_WARMUP_QUICK = 4;

    private JsonLeg()
    {
    }

    /**
     * @param port     the JSON edge's HTTP port on 127.0.0.1.
     * @param apiKey   the bench's API key.
     * @param secret   its HMAC secret.
     * @param symbol   the bench instrument.
     * @param accounts the two accounts the key's user trades (buys rest on the first, sells take on the second).
     * @param quick    short runs.
     * @return the leg.
     */
    public static FixLegs.Leg measure(final int port, final String apiKey, final String secret, final String symbol,
        final String[] accounts, final boolean quick)
    {
        final double warmup = quick ? 1 : 3;
        final double seconds = quick ? 2 : 10;
        try (JsonLoad load = new JsonLoad("ws://127.0.0.1:" + port + PATH, apiKey, secret, symbol, accounts))
        {
            final QfjLoad.Run saturated = load.saturated(WINDOW, quick ? SATURATED_WARMUP_QUICK : 10, seconds);
            System.out.println(saturated.describe("json") + " (window " + WINDOW + ", closed loop)");
            final long rate = FixLegs.rate(saturated.completed());
            final QfjLoad.Run paced = load.paced(rate, warmup, seconds);
            System.out.println(paced.describe("json"));
            System.out.printf(Locale.ROOT, "json p99 at %,d orders/s%s%n", rate, rate == 50_000 ? "" :
                " (below 50k/s: the highest of 50k, 10k or half its maximum it can sustain)");
            return new FixLegs.Leg(saturated, paced);
        }
    }
}
