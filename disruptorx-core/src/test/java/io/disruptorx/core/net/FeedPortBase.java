package io.disruptorx.core.net;

/**
 * A port base for shards' market data feeds on loopback, laid out as {@code dx shard-host --feed-shard} lays them
 * out: shard i uses {@code base + 10 i + 1} to {@code base + 10 i + 5}. The ports come from {@link TestPorts}, so
 * they cannot overlap any other port a test of this JVM picks.
 */
public final class FeedPortBase
{
    private static final int TWO_SHARDS_PORTS = 15;

    private FeedPortBase()
    {
    }

    /**
     * @return a port base whose two shards' feed ports (base + 1 to + 5 and base + 11 to + 15) are free for UDP and
     * TCP and handed out to nothing else in this JVM.
     */
    public static int freeForTwoShards()
    {
        return TestPorts.block(TWO_SHARDS_PORTS) - 1;
    }
}
