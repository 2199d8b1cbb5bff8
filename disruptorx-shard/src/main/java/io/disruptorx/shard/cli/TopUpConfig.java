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
import io.disruptorx.shard.transfer.TopUpInstrument;
import io.disruptorx.shard.transfer.TopUpPolicies;
import io.disruptorx.shard.transfer.TopUpPolicy;

/**
 * A sharded gateway's automatic top-up policies as its config file gives them, beside its shards
 * ({@link GatewayShards}):
 *
 * <pre>
 * shard-gateway {
 *   top-up {
 *     instruments = [
 *       { id = 1, base = 1, quote = 2, quantity-scale = 0, lot = 1, taker-fee-per-lot = 0 }
 *     ]
 *     accounts = [
 *       { account = 11, enabled = true, assets = [1, 2], max-per-top-up = 10000, max-per-day = 100000 }
 *     ]
 *   }
 * }
 * </pre>
 *
 * <p>{@code instruments}: the instruments whose orders may be topped up, with the values their AddInstrument gave
 * the shards ({@code quantity-scale} 0, {@code lot} 1 and {@code taker-fee-per-lot} 0 when left out): what an order
 * holds is computed from them. {@code accounts}: one policy per account ({@code enabled} true when left out); the
 * other accounts are never topped up.
 */
public final class TopUpConfig
{
    /** The section in the gateway's config file. */
    public static final String SECTION = GatewayShards.SECTION + ".top-up";

    private static final Config SECTION_KEYS = ConfigFactory.parseString("instruments = [], accounts = []");
    private static final Config INSTRUMENT_KEYS = ConfigFactory.parseString(
        "id = 0, base = 0, quote = 0, quantity-scale = 0, lot = 1, taker-fee-per-lot = 0");
    private static final Config ACCOUNT_KEYS = ConfigFactory.parseString(
        "account = 0, enabled = true, assets = [], max-per-top-up = 1, max-per-day = 1");

    private TopUpConfig()
    {
    }

    /**
     * @param file the gateway's config file (HOCON).
     * @return its top-up policies, or {@code null} when it has no {@code shard-gateway.top-up}.
     * @throws ConfigValidationException naming what is wrong in the section.
     */
    public static TopUpPolicies read(final Path file)
    {
        final Config root = new ConfigLoader().parse(file);
        if (!root.hasPath(SECTION))
        {
            return null;
        }
        final String source = file.toString();
        try
        {
            final Config section = root.getConfig(SECTION);
            final ConfigReader reader = new ConfigReader(section, source + ": " + SECTION);
            reader.rejectUnknownKeys(section, SECTION_KEYS);
            reader.finish(Boolean.TRUE);
            final List<TopUpInstrument> instruments = new ArrayList<>();
            final List<? extends Config> listed = section.hasPath("instruments") ?
                section.getConfigList("instruments") : List.of();
            for (int i = 0; i < listed.size(); i++)
            {
                instruments.add(instrument(listed.get(i), source + ": " + SECTION + ".instruments[" + i + "]"));
            }
            final List<TopUpPolicy> policies = new ArrayList<>();
            final List<? extends Config> accounts = section.hasPath("accounts") ?
                section.getConfigList("accounts") : List.of();
            for (int i = 0; i < accounts.size(); i++)
            {
                policies.add(policy(accounts.get(i), source + ": " + SECTION + ".accounts[" + i + "]"));
            }
            return new TopUpPolicies(policies, instruments);
        }
        catch (final ConfigException ex)
        {
            throw new ConfigValidationException(source, ex);
        }
        catch (final IllegalArgumentException ex)
        {
            final ConfigReader reader = new ConfigReader(root, source);
            reader.reject(SECTION, "(see below)", ex.getMessage());
            return reader.finish(null);
        }
    }

    private static TopUpInstrument instrument(final Config item, final String where)
    {
        final Config given = item.withFallback(INSTRUMENT_KEYS);
        final ConfigReader reader = new ConfigReader(given, where);
        reader.rejectUnknownKeys(item, INSTRUMENT_KEYS);
        if (!item.hasPath("id") || !item.hasPath("base") || !item.hasPath("quote"))
        {
            reader.reject("id, base, quote", item.root().render(), "all three given");
        }
        final TopUpInstrument instrument = new TopUpInstrument(reader.intIn("id", 1, Integer.MAX_VALUE),
            reader.intIn("base", 0, Integer.MAX_VALUE), reader.intIn("quote", 0, Integer.MAX_VALUE),
            reader.intIn("quantity-scale", 0, 18), reader.longIn("lot", 1, Long.MAX_VALUE),
            reader.longIn("taker-fee-per-lot", 0, Long.MAX_VALUE));
        return reader.finish(instrument);
    }

    private static TopUpPolicy policy(final Config item, final String where)
    {
        final Config given = item.withFallback(ACCOUNT_KEYS);
        final ConfigReader reader = new ConfigReader(given, where);
        reader.rejectUnknownKeys(item, ACCOUNT_KEYS);
        if (!item.hasPath("account") || !item.hasPath("assets") || !item.hasPath("max-per-top-up") ||
            !item.hasPath("max-per-day"))
        {
            reader.reject("account, assets, max-per-top-up, max-per-day", item.root().render(), "all four given");
        }
        final long account = reader.longIn("account", 1, Long.MAX_VALUE);
        final boolean enabled = reader.bool("enabled");
        final long perTopUp = reader.longIn("max-per-top-up", 1, Long.MAX_VALUE);
        final long perDay = reader.longIn("max-per-day", 1, Long.MAX_VALUE);
        final List<Integer> assets = given.getIntList("assets");
        if (assets.isEmpty() || assets.stream().anyMatch(a -> a < 0) || assets.stream().distinct().count() !=
            assets.size())
        {
            reader.reject("assets", assets.toString(), "one asset id >= 0 or more, none twice");
        }
        if (perDay < perTopUp)
        {
            reader.reject("max-per-day", Long.toString(perDay), "at least max-per-top-up (" + perTopUp + ")");
        }
        reader.finish(Boolean.TRUE);
        return new TopUpPolicy(account, enabled, assets, perTopUp, perDay);
    }
}
