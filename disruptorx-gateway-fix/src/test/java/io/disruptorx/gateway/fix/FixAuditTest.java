package io.disruptorx.gateway.fix;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.disruptorx.audit.AuditQuery;
import io.disruptorx.audit.AuditTrail;
import io.disruptorx.audit.AuditVerifier;
import io.disruptorx.gateway.audit.RingGatewayAudit;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import quickfix.field.Side;

import static io.disruptorx.gateway.fix.FixMessages.limit;
import static io.disruptorx.gateway.fix.FixMessages.summary;
import static io.disruptorx.gateway.support.TestVenueSetup.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The FIX edge's session events in the hash-chained audit log, with QuickFIX/J as the client over loopback TCP: a
 * session that logs on, sends an order and logs out is recorded as its connection, its logon, its command, its
 * logout and its connection's end, in that order and once each, with the client's address and the FIX protocol.
 */
@Timeout(120)
class FixAuditTest
{
    private static final long WAIT_MS = 10_000;

    @TempDir
    Path directory;

    @Test
    void shouldAuditConnectLogonCommandLogoutAndDisconnectWithTheClientsAddress() throws Exception
    {
        final Path auditDirectory = directory.resolve("audit");
        try (AuditTrail trail = AuditTrail.start(auditDirectory))
        {
            try (FixTestVenue venue = new FixTestVenue(directory.resolve("artio"),
                new RingGatewayAudit(trail.ring(), new SystemEpochNanoClock())))
            {
                try (QfjClient alice = QfjClient.loggedOn(venue.port(), "alice", PASSWORD, Map.of(), WAIT_MS))
                {
                    alice.send(limit("A1", "BTC-USD", Side.BUY, "100.00", "5"));
                    assertThat(summary(alice.next(WAIT_MS)))
                        .isEqualTo("8 11=A1 37=1 54=1 150=0 39=0 44=100 38=5 151=5 14=0 6=0");
                    alice.session().logout("done");
                    assertThat(alice.awaitLogout(WAIT_MS)).as("the acceptor answered the Logout").isTrue();
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> trail.recorded() >= 5);
            }
        }

        assertThat(AuditVerifier.verify(auditDirectory).intact()).isTrue();
        final List<String> lines = new ArrayList<>();
        new AuditQuery(null, 0, Long.MIN_VALUE, Long.MAX_VALUE).run(auditDirectory, lines::add);
        assertThat(lines).extracting(FixAuditTest::event)
            .containsExactly("CONNECT", "LOGIN_OK", "COMMAND", "LOGOUT", "DISCONNECT");
        final String source = field(lines.get(0), "source");
        assertThat(source).startsWith("127.0.0.1:");
        for (final String line : lines)
        {
            assertThat(line).as("every record names the FIX protocol").contains("\"protocol\":\"fix\"");
            if (!event(line).equals("CONNECT"))
            {
                assertThat(line).as("every record after the logon names alice").contains("\"user\":\"alice\"");
            }
            assertThat(field(line, "source")).as("the client's address").isEqualTo(source);
        }
    }

    private static String event(final String line)
    {
        return field(line, "event");
    }

    private static String field(final String line, final String name)
    {
        final String key = "\"" + name + "\":\"";
        final int at = line.indexOf(key);
        assertThat(at).as(name + " in " + line).isNotNegative();
        final int start = at + key.length();
        return line.substring(start, line.indexOf('"', start));
    }
}
