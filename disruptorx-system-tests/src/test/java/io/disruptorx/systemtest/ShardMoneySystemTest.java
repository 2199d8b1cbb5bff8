package io.disruptorx.systemtest;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.disruptorx.core.process.ChildJvm;
import io.disruptorx.engine.MatchingEngine;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import io.disruptorx.shard.cli.ShardCommand;
import io.disruptorx.shard.routing.RoutingTable;
import io.disruptorx.shard.routing.RoutingTableStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static io.disruptorx.core.net.JsonEdgeRequests.JSON;
import static io.disruptorx.core.net.JsonEdgeRequests.balances;
import static io.disruptorx.core.net.JsonEdgeRequests.send;
import static io.disruptorx.systemtest.ShardProcesses.ADMIN;
import static io.disruptorx.systemtest.ShardProcesses.JSON_EDGE;
import static io.disruptorx.systemtest.ShardProcesses.LINE_WAIT_MS;
import static io.disruptorx.systemtest.ShardProcesses.awaitPort;
import static io.disruptorx.systemtest.ShardProcesses.instrument;
import static io.disruptorx.systemtest.ShardProcesses.link;
import static io.disruptorx.systemtest.ShardProcesses.startGateway;
import static io.disruptorx.systemtest.ShardProcesses.startShardHost;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account's money over two shard processes, through the {@code dx shard-gateway} process: two
 * {@code dx shard-host} JVMs (instrument A on shard-0, B on shard-1) and the gateway with its JSON edge. Alice's USD
 * is deposited on shard-0 only, bob's BTC on both. {@code GET /api/v3/account} answers each asset summed over the
 * shards (bob's BTC of both shards in one line). Alice cannot buy B on shard-1 until an operator moves funds there
 * with {@code dx shard transfer}; a retry with the same id moves nothing more, a transfer of more than the source
 * has fails and moves nothing, a trader may not transfer. After a resting buy and a fill on shard-1 the balances
 * answered are exactly the sums of both shards' ledgers (read back from their journals after they stop), and each
 * asset's total over accounts and shards is what was deposited. The gateway finds its shards in its config file
 * ({@code shard-gateway.shards}), and {@code dx shard status --gateway-config} reads their metrics pages from it.
 *
 * <p>How it can fail: a balance query answered by one shard only (bob's BTC would be 50 or 30, alice's USD would
 * lack what moved to shard-1), a transfer applied twice on retry, lost, or moved despite a refusal.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ShardMoneySystemTest
{
    private static final Pattern METRICS = Pattern.compile("metrics on (http://127\\.0\\.0\\.1:\\d+/metrics)");
    private static final String PASSWORD = "shard";
    private static final String SIGTERM_EXIT = "exit status of a JVM ended by SIGTERM after its shutdown hooks";
    private static final int USD = 0;
    private static final int BTC = 1;
    private static final long ALICE = 1;
    private static final long BOB = 3;
    private static final long ALICE_USD = 1_000_000;
    private static final long BOB_BTC_0 = 50;
    private static final long BOB_BTC_1 = 30;

    @TempDir
    Path dir;

    @Test
    void shouldSumBalancesOverTheShardsAndMoveFundsBetweenThemExactlyOnce() throws Exception
    {
        final RoutingTableStore store = new RoutingTableStore(dir.resolve("routes.txt"));
        final RoutingTable table = RoutingTable.initial(List.of("shard-0", "shard-1"), 64);
        store.save(table);
        final int a = instrumentOn(table, 0);
        final int b = instrumentOn(table, 1);
        final Path[] data = {dir.resolve("shard-0"), dir.resolve("shard-1")};
        prepareShard(data[0], a, ALICE_USD, BOB_BTC_0);
        prepareShard(data[1], b, 0, BOB_BTC_1);
        try (ChildJvm shard0 = startShardHost(dir, "shard-0", data[0], "--http", "127.0.0.1:0");
            ChildJvm shard1 = startShardHost(dir, "shard-1", data[1], "--http", "127.0.0.1:0"))
        {
            final String shards = "shard-gateway.shards = [\n" +
                "  { link = \"" + link(shard0) + "\", metrics = \"" +
                shard0.awaitMatch(METRICS, LINE_WAIT_MS).group(1) + "\" }\n" +
                "  { link = \"" + link(shard1) + "\", metrics = \"" +
                shard1.awaitMatch(METRICS, LINE_WAIT_MS).group(1) + "\" }\n" +
                "]\n";
            final Path config = writeGatewayConfig(a, b, shards);
            try (ChildJvm gateway = startGateway(dir, config, List.of()))
            {
                final int admin = awaitPort(gateway, ADMIN);
                final String api = "http://127.0.0.1:" + gateway.awaitMatch(JSON, LINE_WAIT_MS).group(1);

                assertThat(balances(api, "ak", "as")).as("alice: shard-0's USD")
                    .isEqualTo(balancesOf(entry("USD", "10000.00", "0.00", "0.00")));
                assertThat(balances(api, "bk", "bs")).as("bob: the BTC of both shards in one line")
                    .isEqualTo(balancesOf(entry("BTC", "80", "0", "0")));
                assertThat(order(api, "ak", "as", "B-USD", "BUY", "GTC", "10", "101.00", "b0").body())
                    .as("no USD on shard-1 yet").contains("\"code\":-2010");

                assertThat(transfer(admin, "ops", 1, ALICE, USD, 400_000, "shard-0", "shard-1"))
                    .isEqualTo("0 transferred transfer 1: 400000 of asset 0 of account 1, shard-0 -> shard-1");
                assertThat(transfer(admin, "ops", 1, ALICE, USD, 400_000, "shard-0", "shard-1"))
                    .as("a retry answers the end and moves nothing more")
                    .isEqualTo("0 transferred transfer 1: 400000 of asset 0 of account 1, shard-0 -> shard-1");
                assertThat(transfer(admin, "ops", 1, ALICE, USD, 1, "shard-1", "shard-0"))
                    .as("a retry with other amounts still answers the transfer its id names, and moves nothing")
                    .isEqualTo("0 transferred transfer 1: 400000 of asset 0 of account 1, shard-0 -> shard-1");
                assertThat(transfer(admin, "ops", 2, ALICE, USD, 700_000, "0", "1"))
                    .as("shard-0 has 6000.00 left").startsWith("1 failed transfer 2: 700000 of asset 0 of account 1");
                assertThat(transfer(admin, "bob", 3, BOB, BTC, 1, "shard-0", "shard-1"))
                    .startsWith("1 refused: ROLE_NOT_PERMITTED");
                assertThat(transfer(admin, "ops", 4, BOB, BTC, 10, "shard-1", "shard-0"))
                    .isEqualTo("0 transferred transfer 4: 10 of asset 1 of account 3, shard-1 -> shard-0");
                assertThat(balances(api, "ak", "as")).as("alice's USD, now on both shards")
                    .isEqualTo(balancesOf(entry("USD", "10000.00", "0.00", "0.00")));
                assertThat(balances(api, "bk", "bs"))
                    .isEqualTo(balancesOf(entry("BTC", "80", "0", "0")));

                assertThat(order(api, "ak", "as", "B-USD", "BUY", "GTC", "10", "101.00", "b1").body())
                    .contains("\"status\":\"NEW\"");
                assertThat(balances(api, "ak", "as")).as("the buy holds 1010.00 on shard-1")
                    .isEqualTo(balancesOf(entry("USD", "8990.00", "1010.00", "0.00")));
                assertThat(order(api, "bk", "bs", "B-USD", "SELL", "IOC", "4", "101.00", "s1").body())
                    .contains("\"status\":\"FILLED\"");
                assertThat(balances(api, "ak", "as")).isEqualTo(
                    balancesOf(entry("USD", "8990.00", "606.00", "0.00"), entry("BTC", "4", "0", "0")));
                assertThat(balances(api, "bk", "bs")).isEqualTo(
                    balancesOf(entry("USD", "404.00", "0.00", "0.00"), entry("BTC", "76", "0", "0")));

                final StringWriter status = new StringWriter();
                final StringWriter progress = new StringWriter();
                assertThat(new CommandLine(new ShardCommand()).setOut(new PrintWriter(status))
                    .setErr(new PrintWriter(progress)).execute("status", "--table",
                    dir.resolve("routes.txt").toString(), "--gateway-config", config.toString(), "--window", "0.5"))
                    .as("dx shard status with the pages of the gateway's config: %s", progress).isZero();
                assertThat(progress.toString()).contains("reading commands per instrument from 2 page(s)");
                assertThat(status.toString()).as("B traded on shard-1, so its page counts it")
                    .containsPattern("shard-1 +1 instruments .*\\[" + b + "\\]");
                assertThat(gateway.stop()).as(SIGTERM_EXIT).isEqualTo(143);
            }
            assertThat(shard0.stop()).as(SIGTERM_EXIT).isEqualTo(143);
            assertThat(shard1.stop()).as(SIGTERM_EXIT).isEqualTo(143);
        }
        checkLedgers(data);
    }

    /**
     * Both shards' engines recovered from their journals: the amounts the JSON edge answered are their sums, alice's
     * USD is split as the transfers say, nothing is in flight, and each asset's total is the deposits.
     */
    private static void checkLedgers(final Path[] data)
    {
        final MatchingEngine[] engines = new MatchingEngine[2];
        for (int shard = 0; shard < 2; shard++)
        {
            try (EmbeddedNode node = EmbeddedNode.start(config(data[shard]), null, null))
            {
                node.close();
                engines[shard] = node.engineAfterClose();
            }
        }
        assertThat(engines[0].balance(ALICE, USD)).as("alice's USD on shard-0").isEqualTo(600_000);
        assertThat(engines[1].balance(ALICE, USD)).as("alice's USD on shard-1").isEqualTo(400_000 - 40_400);
        assertThat(engines[1].held(ALICE, USD)).as("held by her resting buy").isEqualTo(60_600);
        assertThat(engines[0].balance(BOB, BTC)).isEqualTo(BOB_BTC_0 + 10);
        assertThat(engines[1].balance(BOB, BTC)).isEqualTo(BOB_BTC_1 - 10 - 4);
        for (final int asset : new int[]{USD, BTC})
        {
            long total = 0;
            for (final MatchingEngine engine : engines)
            {
                for (final long account : new long[]{ALICE, BOB})
                {
                    total += engine.balance(account, asset);
                    assertThat(engine.inFlight(account, asset)).as("in flight").isZero();
                }
            }
            assertThat(total).as("total of asset %d", asset).isEqualTo(asset == USD ? ALICE_USD :
                BOB_BTC_0 + BOB_BTC_1);
        }
    }

    /**
     * @return the JSON edge's {@code balances} array of these entries.
     */
    private static String balancesOf(final String... entries)
    {
        return "[" + String.join(",", entries) + "]";
    }

    /**
     * @return one asset of a JSON balance answer: free, locked and in transfer between shards.
     */
    private static String entry(final String asset, final String free, final String locked, final String inTransfer)
    {
        return "{\"asset\":\"" + asset + "\",\"free\":\"" + free + "\",\"locked\":\"" + locked +
            "\",\"inTransfer\":\"" + inTransfer + "\"}";
    }

    private static int instrumentOn(final RoutingTable table, final int shard)
    {
        for (int id = 1; id < 64; id++)
        {
            if (table.shardOf(id) == shard)
            {
                return id;
            }
        }
        throw new AssertionError("no instrument on shard " + shard);
    }

    private static NodeConfig config(final Path data)
    {
        return NodeConfig.defaults(data).withSegmentSize(4 * 1024 * 1024);
    }

    /**
     * Lists the instrument (base BTC, quote USD in cents, no fees) and deposits alice's USD and bob's BTC.
     */
    private static void prepareShard(final Path data, final int instrument, final long aliceUsd, final long bobBtc)
    {
        try (EmbeddedNode node = EmbeddedNode.start(config(data), null, null))
        {
            final NodeClient client = node.newClient(true);
            client.addInstrument(instrument, BTC, USD, 1, 1, 2, 0, 0, 0, 10_000, 1_000, 1_000);
            if (aliceUsd > 0)
            {
                client.adjustBalance(ALICE, USD, aliceUsd);
            }
            final long last = client.adjustBalance(BOB, BTC, bobBtc);
            while (node.appliedSequence() < last)
            {
                Thread.yield();
            }
        }
    }

    /**
     * Runs {@code dx shard transfer} as USER.
     *
     * @return its exit code and answer, separated by a space.
     */
    private String transfer(final int admin, final String user, final long id, final long account, final int asset,
        final long amount, final String from, final String to)
    {
        final StringWriter answer = new StringWriter();
        final int exit = new CommandLine(new ShardCommand()).setOut(new PrintWriter(answer))
            .execute("transfer", "--id", Long.toString(id), "--account", Long.toString(account), "--asset",
                Integer.toString(asset), "--amount", Long.toString(amount), "--from", from, "--to", to, "--admin",
                "127.0.0.1:" + admin, "--user", user, "--password-file",
                dir.resolve(user + ".password").toString());
        return exit + " " + answer.toString().trim();
    }

    private static HttpResponse<String> order(final String api, final String key, final String secret,
        final String symbol, final String side, final String timeInForce, final String quantity, final String price,
        final String clientOrderId) throws Exception
    {
        return send(api, "POST", key, secret, "symbol=" + symbol + "&side=" + side + "&type=LIMIT&timeInForce=" +
            timeInForce + "&quantity=" + quantity + "&price=" + price + "&newClientOrderId=" + clientOrderId,
            "/api/v3/order");
    }

    /**
     * The gateway's config: a user file with the traders alice and bob and the operator ops, the JSON edge with an
     * API key for each trader and the asset names, instruments A and B, and the shards' links and metrics pages
     * (the gateway takes its shards from there, and so does {@code dx shard status --gateway-config}).
     */
    private Path writeGatewayConfig(final int a, final int b, final String shards) throws IOException
    {
        Files.writeString(dir.resolve("bob.password"), PASSWORD + "\n");
        final Path config = ShardProcesses.writeGatewayConfig(dir, ShardProcesses.writeUsers(dir, PASSWORD) + JSON_EDGE,
            PASSWORD, instrument(a, "A-USD") + instrument(b, "B-USD"));
        Files.writeString(config, shards, StandardOpenOption.APPEND);
        return config;
    }
}
