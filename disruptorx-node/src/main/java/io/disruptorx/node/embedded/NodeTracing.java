package io.disruptorx.node.embedded;

/**
 * Whether and how a node records traces. Off (the default), the node never looks at a request's trace context
 * and its hot path reads no extra clock. On, a new order is sampled when its request carried a W3C trace context
 * with the sampled flag, or, without one, when it is the {@code rootSampleEvery}-th new order since the last root
 * sample (a counter, not a random draw: 100 records 1%).
 *
 * @param spans           receives each sampled order's timeline, or {@code null} for off.
 * @param rootSampleEvery start a trace for one in this many new orders that carry none; 0 for never.
 */
public record NodeTracing(CommandSpans spans, int rootSampleEvery)
{
    /** Tracing off. */
    public static final NodeTracing OFF = new NodeTracing(null, 0);

    /**
     * Validates the settings.
     */
    public NodeTracing
    {
        if (rootSampleEvery < 0)
        {
            throw new IllegalArgumentException("rootSampleEvery must be >= 0, was " + rootSampleEvery);
        }
    }

    /**
     * @param ratio share of untraced new orders to start a trace for, in [0, 1].
     * @return the root sampling interval for that ratio: 0 for never, else 1 / ratio rounded.
     */
    public static int everyForRatio(final double ratio)
    {
        if (!(ratio >= 0 && ratio <= 1))
        {
            throw new IllegalArgumentException("a sample ratio is in [0, 1], was " + ratio);
        }
        return ratio == 0 ? 0 : (int)Math.max(1, Math.round(1 / ratio));
    }

    /**
     * @return whether tracing is on.
     */
    public boolean enabled()
    {
        return spans != null;
    }
}
