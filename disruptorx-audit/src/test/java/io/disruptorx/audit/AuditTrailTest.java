package io.disruptorx.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class AuditTrailTest
{
    @TempDir
    Path dir;

    @Test
    void shouldWriteOfferedRecordsOffThreadWithTheIdentityOfTheirSession() throws Exception
    {
        try (AuditTrail trail = AuditTrail.start(dir))
        {
            final AuditRing ring = trail.ring();
            ring.offer(AuditEvent.CONNECT, 1_000, -1, "", "10.0.0.1:5000", "soupbintcp-native", "", 0, 0, 0, 0, "");
            ring.offer(AuditEvent.LOGIN_OK, 2_000, 4, "alice", "10.0.0.1:5000", "soupbintcp-native", "", 0, 0, 0,
                0, "");
            ring.offer(AuditEvent.COMMAND, 3_000, 4, "", "", "", "NEW_ORDER", 101, 1, 77, 0, "");
            ring.offer(AuditEvent.DENIAL, 4_000, 4, "", "", "", "MASS_CANCEL_ANY_ACCOUNT", 202, 0, 0, 0,
                "ROLE_NOT_PERMITTED");
        }
        assertThat(AuditVerifier.verify(dir).intact()).isTrue();
        final List<String> lines = new ArrayList<>();
        new AuditQuery("alice", 0, Long.MIN_VALUE, Long.MAX_VALUE).run(dir, lines::add);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains("\"event\":\"COMMAND\",\"user\":\"alice\",\"session\":4," +
            "\"source\":\"10.0.0.1:5000\",\"protocol\":\"soupbintcp-native\",\"command\":\"NEW_ORDER\"," +
            "\"account\":101,\"instrument\":1,\"clientOrderId\":77");
        assertThat(lines.get(2)).contains("\"event\":\"DENIAL\"").contains("\"detail\":\"ROLE_NOT_PERMITTED\"");
    }

    @Test
    void shouldDropAndCountWhenTheRingIsFullAndRecordTheGap() throws Exception
    {
        final AuditRing ring = new AuditRing(1024);
        int taken = 0;
        for (int i = 0; i < 100; i++)
        {
            taken += ring.offer(AuditEvent.COMMAND, i, 1, "u", "s", "p", "NEW_ORDER", 1, 1, i, 0, "") ? 1 : 0;
        }
        assertThat(ring.dropped()).isEqualTo(100 - taken).isPositive();
        final AuditRecorder recorder = new AuditRecorder(ring, new AuditWriter(dir, 1 << 20), () -> 5_000);
        recorder.doWork();
        recorder.onClose();
        assertThat(recorder.recorded()).isEqualTo(taken + 1);
        final List<String> lines = new ArrayList<>();
        new AuditQuery(null, 0, Long.MIN_VALUE, Long.MAX_VALUE).run(dir, lines::add);
        assertThat(lines.get(lines.size() - 1)).contains("\"event\":\"LOST\"")
            .contains((100 - taken) + " records dropped");
        assertThat(AuditVerifier.verify(dir).intact()).isTrue();
    }
}
