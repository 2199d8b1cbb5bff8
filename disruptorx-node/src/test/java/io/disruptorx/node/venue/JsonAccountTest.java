package io.disruptorx.node.venue;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import io.disruptorx.core.net.JsonEdgeRequests;
import io.disruptorx.gateway.auth.ApiKeyCredential;
import io.disruptorx.gateway.auth.User;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.gateway.config.GatewaySecurityConfig;
import io.disruptorx.gateway.json.AssetSpec;
import io.disruptorx.gateway.json.JsonConfig;
import io.disruptorx.gateway.support.TestVenueSetup;
import io.disruptorx.node.embedded.EmbeddedNode;
import io.disruptorx.node.embedded.NodeClient;
import io.disruptorx.node.embedded.NodeConfig;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v3/account} against a real embedded node: the balances come from the engine (a balance query
 * command through the journal, answered with one event per asset), as decimal strings in each asset's scale. After
 * deposits, a resting buy and a partial fill, each account shows exactly the free and locked amounts the engine's
 * settlement gives (notional, maker and taker fees, the buy's hold at its limit plus the taker fee).
 */
class JsonAccountTest
{
    private static final int USD = 0;
    private static final int BTC = 1;

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void shouldShowTheEnginesFreeAndLockedBalancesAfterDepositsAndATrade() throws Exception
    {
        final GatewayConfig config = TestVenueSetup.gatewayConfig(0, 1024, 1_000_000_000L);
        final User alice = user(config, "alice");
        final User bob = user(config, "bob");
        final User copy = user(config, "copy");
        final JsonConfig json = new JsonConfig(new InetSocketAddress("127.0.0.1", 0), 4096, 5_000, List.of(
            new ApiKeyCredential("ak", alice, ApiKeyCredential.SignatureAlgorithm.HMAC_SHA256, "as".getBytes()),
            new ApiKeyCredential("bk", bob, ApiKeyCredential.SignatureAlgorithm.HMAC_SHA256, "bs".getBytes()),
            new ApiKeyCredential("ck", copy, ApiKeyCredential.SignatureAlgorithm.HMAC_SHA256, "cs".getBytes())),
            List.of(new AssetSpec(USD, "USD", 2), new AssetSpec(BTC, "BTC", 0)));
        try (EmbeddedNode node = EmbeddedNode.start(NodeConfig.defaults(dir).withSegmentSize(1024 * 1024)
            .withRingSizes(1024, 4096), null, null))
        {
            final NodeClient client = node.newClient(true);
            // BTC-USD: base BTC (whole units), quote USD in cents; maker fee 1 cent per lot, taker fee 2
            client.addInstrument(1, BTC, USD, 1, 1, 2, 0, 1, 2, 10_000, 1_000, 1_000);
            client.adjustBalance(1, USD, 1_000_000);
            client.adjustBalance(3, BTC, 50);
            final long applied = client.adjustBalance(3, USD, 7);
            NodeVenueSetup.await(() -> node.appliedSequence() >= applied, "the deposits");
            try (NodeGateways gateways = NodeGateways.start(node.newVenueClient(), config, json,
                GatewaySecurityConfig.NONE,
                new BackoffIdleStrategy(1, 1, 1_000, 100_000), null))
            {
                final String base = "http://127.0.0.1:" + gateways.jsonPort();
                final String funded = account(base, "ak", "as", "").body();
                assertThat(funded).isEqualTo("{\"account\":1,\"accountType\":" +
                    "\"SPOT\",\"canTrade\":true,\"canWithdraw\":false,\"canDeposit\":false,\"updateTime\":" +
                    updateTime(funded) + ",\"balances\":[{\"asset\":\"USD\"," +
                    "\"free\":\"10000.00\",\"locked\":\"0.00\",\"inTransfer\":\"0.00\"}],\"permissions\":[\"SPOT\"]}");
                assertThat(account(base, "ak", "as", "account=2").body())
                    .contains("\"account\":2,").contains("\"balances\":[]");

                assertThat(send(base, "POST", "ak", "as", "symbol=BTC-USD&side=BUY&type=LIMIT&timeInForce=GTC" +
                    "&quantity=10&price=101.00&newClientOrderId=b1").body()).contains("\"status\":\"NEW\"");
                assertThat(balances(account(base, "ak", "as", "").body())).isEqualTo(
                    "[{\"asset\":\"USD\",\"free\":\"8989.80\",\"locked\":\"1010.20\",\"inTransfer\":\"0.00\"}]");
                assertThat(send(base, "POST", "bk", "bs", "symbol=BTC-USD&side=SELL&type=LIMIT&timeInForce=IOC" +
                    "&quantity=4&price=101.00&newClientOrderId=s1").body()).contains("\"status\":\"FILLED\"");

                // alice, the maker: pays 4 x 101.00 + 0.04 fee and gets 4 BTC; her hold shrinks by 4 x 101.00 + 0.08
                assertThat(balances(account(base, "ak", "as", "account=1").body())).isEqualTo(
                    "[{\"asset\":\"USD\",\"free\":\"8989.84\",\"locked\":\"606.12\",\"inTransfer\":\"0.00\"}," +
                    "{\"asset\":\"BTC\",\"free\":\"4\",\"locked\":\"0\",\"inTransfer\":\"0\"}]");
                // bob, the taker: delivers 4 BTC and gets 4 x 101.00 less 0.08 fee
                assertThat(balances(account(base, "bk", "bs", "").body())).isEqualTo(
                    "[{\"asset\":\"USD\",\"free\":\"403.99\",\"locked\":\"0.00\",\"inTransfer\":\"0.00\"}," +
                    "{\"asset\":\"BTC\",\"free\":\"46\",\"locked\":\"0\",\"inTransfer\":\"0\"}]");

                final HttpResponse<String> foreign = account(base, "bk", "bs", "account=1");
                assertThat(foreign.statusCode()).isEqualTo(401);
                assertThat(foreign.body()).contains("\"code\":-2015").contains("Not entitled to account 1.");
                final HttpResponse<String> dropCopy = account(base, "ck", "cs", "account=1");
                assertThat(dropCopy.statusCode()).isEqualTo(401);
                assertThat(dropCopy.body()).contains("\"code\":-2015").contains("ROLE_NOT_PERMITTED");
                assertThat(account(base, "ak", "as", "omitZeroBalances=false").body()).contains("\"code\":-1130");
                assertThat(account(base, "ak", "as", "symbol=BTC-USD").body()).contains("\"code\":-1103");
            }
        }
    }

    private static User user(final GatewayConfig config, final String name)
    {
        return config.users().stream().filter(e -> e.user().name().equals(name)).findFirst().orElseThrow().user();
    }

    private static String balances(final String body)
    {
        final String field = "\"balances\":";
        return body.substring(body.indexOf(field) + field.length(), body.indexOf(",\"permissions\""));
    }

    private static String updateTime(final String body)
    {
        final int start = body.indexOf("\"updateTime\":") + "\"updateTime\":".length();
        final String time = body.substring(start, body.indexOf(',', start));
        assertThat(Long.parseLong(time)).as("updateTime, epoch ms").isGreaterThan(1_600_000_000_000L);
        return time;
    }

    private static HttpResponse<String> account(final String base, final String key, final String secret,
        final String params) throws Exception
    {
        return JsonEdgeRequests.send(base, "GET", key, secret, params, "/api/v3/account");
    }

    private static HttpResponse<String> send(final String base, final String method, final String key,
        final String secret, final String params) throws Exception
    {
        return JsonEdgeRequests.send(base, method, key, secret, params, "/api/v3/order");
    }
}
