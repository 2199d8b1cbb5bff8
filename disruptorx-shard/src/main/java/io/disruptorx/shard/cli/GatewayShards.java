package io.disruptorx.shard.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.disruptorx.core.config.ConfigLoader;
import io.disruptorx.core.config.ConfigReader;
import io.disruptorx.core.config.ConfigValidationException;

/**
 * The shards of a sharded gateway as its config file names them, in the routing table's shard order:
 *
 * <pre>
 * shard-gateway {
 *   shards = [
 *     { link = "127.0.0.1:9700", metrics = "http://127.0.0.1:9101/metrics" }
 *     { link = "cluster:0=10.0.0.1:21000,1=10.0.0.2:21000,2=10.0.0.3:21000" }
 *   ]
 * }
 * </pre>
 *
 * <p>{@code link} is what {@code dx shard-gateway --shard} takes (a shard host's link, or a cluster's members);
 * {@code metrics}, optional, the shard's {@code /metrics} page, which {@code dx shard plan|status --gateway-config}
 * reads the loads from. One file then says where the shards are for the gateway and for the planner.
 *
 * @param shards each shard's addresses, in the table's order.
 */
public record GatewayShards(List<Shard> shards)
{
    /** The section of the gateway's config file. */
    public static final String SECTION = "shard-gateway";

    private static final Config SHARD_KEYS = ConfigFactory.parseString("link = x, metrics = x");

    /**
     * One shard's addresses.
     *
     * @param link    its link address for the gateway.
     * @param metrics its {@code /metrics} URL, or {@code null} when the file gives none.
     */
    public record Shard(String link, String metrics)
    {
    }

    /**
     * @param file the gateway's config file (HOCON, as {@code dx shard-gateway --config} reads it).
     * @return its shards, or {@code null} when it has no {@code shard-gateway.shards}.
     * @throws ConfigValidationException naming what is wrong in the section.
     */
    public static GatewayShards read(final Path file)
    {
        final Config root = new ConfigLoader().parse(file);
        final String key = SECTION + ".shards";
        if (!root.hasPath(key))
        {
            return null;
        }
        final ConfigReader reader = new ConfigReader(root, file.toString());
        final List<Shard> shards = new ArrayList<>();
        final List<? extends Config> items;
        try
        {
            items = root.getConfigList(key);
        }
        catch (final ConfigException ex)
        {
            throw new ConfigValidationException(file.toString(), ex);
        }
        for (int i = 0; i < items.size(); i++)
        {
            final Config item = items.get(i);
            final ConfigReader itemReader = new ConfigReader(item, file + ": " + key + "[" + i + "]");
            itemReader.rejectUnknownKeys(item, SHARD_KEYS);
            final String link = itemReader.nonBlank("link");
            final String metrics = item.hasPath("metrics") ? itemReader.nonBlank("metrics") : null;
            itemReader.finish(Boolean.TRUE);
            shards.add(new Shard(link, metrics));
        }
        if (shards.isEmpty())
        {
            reader.reject(key, "[]", "one entry per shard, { link = \"HOST:PORT\", metrics = \"URL\" }");
        }
        return reader.finish(new GatewayShards(List.copyOf(shards)));
    }

    /**
     * @return each shard's link, in order.
     */
    public List<String> links()
    {
        return shards.stream().map(Shard::link).toList();
    }
}
