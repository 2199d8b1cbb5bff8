package io.disruptorx.gateway.fix;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import quickfix.field.Side;

import static io.disruptorx.gateway.fix.FixMessages.limit;
import static io.disruptorx.gateway.fix.FixMessages.summary;
import static io.disruptorx.gateway.support.TestVenueSetup.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The FIX acceptor stopped and started again on the same directory (Artio's archive and indexes kept, as a venue
 * restarts), with a QuickFIX/J client that keeps its own sequence numbers across the restart: the acceptor goes on
 * with the sequence numbers it had in both directions, and answers a resend request for a message sent before the
 * restart from its archive.
 */
@Timeout(120)
class FixRestartTest
{
    private static final long WAIT_MS = 10_000;

    @TempDir
    Path directory;

    private FixTestVenue venue;

    @AfterEach
    void tearDown()
    {
        if (venue != null)
        {
            venue.close();
        }
    }

    @Test
    void shouldKeepSequenceNumbersAndResendFromTheArchiveAfterARestart() throws Exception
    {
        final int port = FixTestVenue.freePort();
        venue = new FixTestVenue(directory, port, false);
        try (QfjClient alice = QfjClient.loggedOn(port, "alice", PASSWORD, Map.of(), WAIT_MS))
        {
            alice.send(limit("R1", "BTC-USD", Side.BUY, "100.00", "5"));
            assertThat(summary(alice.next(WAIT_MS)))
                .isEqualTo("8 11=R1 37=1 54=1 150=0 39=0 44=100 38=5 151=5 14=0 6=0");
            alice.send(limit("R2", "BTC-USD", Side.BUY, "99.00", "3"));
            final quickfix.Message acknowledgement = alice.next(WAIT_MS);
            assertThat(summary(acknowledgement))
                .isEqualTo("8 11=R2 37=2 54=1 150=0 39=0 44=99 38=3 151=3 14=0 6=0");

            // alice logs out and stays out (QuickFIX/J disables the session until logon()), keeping her sequence
            // numbers; then the venue stops
            final quickfix.Session session = alice.session();
            session.logout("test: the venue restarts");
            assertThat(alice.awaitLogout(WAIT_MS)).isTrue();
            venue.close();
            venue = null;
            final int nextFromVenue = session.getExpectedTargetNum();
            final int nextToVenue = session.getExpectedSenderNum();
            assertThat(nextToVenue).as("alice's next MsgSeqNum: Logon, R1, R2 and Logout sent").isEqualTo(5);
            // alice forgets the acknowledgement of R2 (and what came after it): only the restarted venue's archive
            // has it now
            session.setNextTargetMsgSeqNum(acknowledgement.getHeader().getInt(34));

            venue = new FixTestVenue(directory, port, false);
            session.logon();
            assertThat(alice.awaitLogon(WAIT_MS)).as("logged on again: " + alice.lastLogoutText()).isTrue();
            assertThat(summary(alice.next(WAIT_MS)))
                .isEqualTo("8 PossDup 11=R2 37=2 54=1 150=0 39=0 44=99 38=3 151=3 14=0 6=0");
            assertThat(alice.settle(300)).isEmpty();
            assertThat(alice.resendRequests()).as("resend requests from the venue, which expected MsgSeqNum %d",
                nextToVenue).isZero();
            assertThat(session.getExpectedTargetNum()).as("the venue went on from its last number: its Logon")
                .isEqualTo(nextFromVenue + 1);
        }
    }
}
