package io.disruptorx.gateway.audit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.disruptorx.audit.AuditQuery;
import io.disruptorx.audit.AuditTrail;
import io.disruptorx.audit.AuditVerifier;
import io.disruptorx.gateway.EdgeSecurity;
import io.disruptorx.gateway.Gateway;
import io.disruptorx.gateway.auth.CommandClass;
import io.disruptorx.gateway.auth.LoginThrottle;
import io.disruptorx.gateway.auth.PasswordHash;
import io.disruptorx.gateway.auth.UserDirectory;
import io.disruptorx.gateway.codec.ClientOrderIds;
import io.disruptorx.gateway.support.EngineVenue;
import io.disruptorx.gateway.support.NativeTestClient;
import io.disruptorx.gateway.support.TestVenueSetup;
import io.disruptorx.protocol.sbe.orderentry.OrderType;
import io.disruptorx.protocol.sbe.orderentry.SelfTradePrevention;
import io.disruptorx.protocol.sbe.orderentry.Side;
import io.disruptorx.protocol.sbe.orderentry.TimeInForce;
import io.disruptorx.protocol.soupbintcp.SoupBinTcp;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The binary gateway over real loopback sockets with the user file, roles, the login throttle and the audit trail:
 * what each user may do, and the hash-chained record of who did what.
 */
@Timeout(60)
class SecuredGatewayTest
{
    private static final String PASSWORD = "pw4tst";

    @TempDir
    Path dir;

    @Test
    void shouldEnforceRolesOverTheWireAndAuditEverySessionEventAndCommand() throws Exception
    {
        final String hash = PasswordHash.create(PASSWORD, 1_000, new SecureRandom()).toString();
        final Path users = dir.resolve("users.conf");
        Files.writeString(users, """
            users = [
              { name = alice, password-hash = "%s", roles = [trader], accounts = [1] }
              { name = watch, password-hash = "%s", roles = [viewer], accounts = [1] }
            ]
            """.formatted(hash, hash));
        final Path auditDir = dir.resolve("audit");
        final EngineVenue venue = EngineVenue.withDefaults();
        TestVenueSetup.list(venue.engine());
        final Gateway gateway;
        final AgentRunner runner;
        try (AuditTrail trail = AuditTrail.start(auditDir);
            UserDirectory directory = UserDirectory.watch(users, System.err::println))
        {
            gateway = Gateway.launch(TestVenueSetup.gatewayConfig(0, 1024, 1_000_000_000L),
                new EdgeSecurity(directory, new LoginThrottle(LoginThrottle.Settings.DEFAULTS),
                    new RingGatewayAudit(trail.ring(), new SystemEpochNanoClock()), List.of(1L)),
                venue, new SystemNanoClock(), new SystemEpochNanoClock());
            runner = new AgentRunner(new BackoffIdleStrategy(1, 1, 1_000, 200_000), Throwable::printStackTrace,
                null, gateway);
            AgentRunner.startOnThread(runner);
            final InetSocketAddress address = new InetSocketAddress("127.0.0.1", gateway.nativePort());
            try
            {
                try (NativeTestClient watch = NativeTestClient.login(address, "watch", PASSWORD, 0))
                {
                    buy(watch, "W1");
                    assertThat(watch.awaitReports(1)).containsExactly(
                        "REJECTED clOrd=W1 acct=1 instr=1 READ_ONLY_SESSION");
                    watch.client().transport().logout();
                }
                try (NativeTestClient wrong = NativeTestClient.login(address, "alice", "guess!", 0))
                {
                    assertThat(wrong.loginRejected()).isEqualTo(SoupBinTcp.REJECT_NOT_AUTHORIZED);
                }
                try (NativeTestClient alice = NativeTestClient.login(address, "alice", PASSWORD, 0))
                {
                    buy(alice, "A1");
                    assertThat(alice.awaitReports(1).get(0)).startsWith("ACCEPTED");
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> trail.recorded() >= 13);
                assertThat(gateway.core().counters().denials(CommandClass.NEW_ORDER)).isEqualTo(1);
            }
            finally
            {
                runner.close();
            }
        }

        assertThat(AuditVerifier.verify(auditDir).intact()).isTrue();
        final List<String> watchLines = query("watch");
        assertThat(watchLines).extracting(SecuredGatewayTest::event).containsExactly(
            "LOGIN_OK", "COMMAND", "DENIAL", "LOGOUT", "DISCONNECT");
        assertThat(watchLines).allMatch(line -> line.contains("\"source\":\"127.0.0.1:") || event(line)
            .equals("LOGOUT"));
        assertThat(watchLines.get(1)).contains("\"protocol\":\"soupbintcp-native\",\"command\":\"NEW_ORDER\"," +
            "\"account\":0,\"instrument\":1,\"clientOrderId\":" + ClientOrderIds.encode("W1"));
        assertThat(watchLines.get(2)).contains("\"command\":\"NEW_ORDER\"")
            .contains("\"detail\":\"READ_ONLY_SESSION\"");
        assertThat(query("alice")).extracting(SecuredGatewayTest::event).containsExactly(
            "LOGIN_FAILED", "LOGIN_OK", "COMMAND", "DISCONNECT");
        assertThat(query("alice").get(0)).contains("\"detail\":\"NOT_AUTHORIZED\"");
        final List<String> all = query(null);
        assertThat(all).filteredOn(line -> event(line).equals("CONNECT")).hasSize(3);
        assertThat(all).filteredOn(line -> event(line).equals("DISCONNECT")).hasSize(3);
        assertThat(String.join("\n", all)).doesNotContain(PASSWORD).doesNotContain("guess!")
            .doesNotContain(hash.substring(20));
    }

    private List<String> query(final String user) throws IOException
    {
        final List<String> lines = new ArrayList<>();
        new AuditQuery(user, 0, Long.MIN_VALUE, Long.MAX_VALUE).run(dir.resolve("audit"), lines::add);
        return lines;
    }

    private static String event(final String line)
    {
        final int at = line.indexOf("\"event\":\"") + 9;
        return line.substring(at, line.indexOf('"', at));
    }

    private static void buy(final NativeTestClient client, final String id)
    {
        client.client().newOrder(ClientOrderIds.encode(id), 0, 1, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.CANCEL_NEWEST, 9900, -2, 1, 0);
    }
}
