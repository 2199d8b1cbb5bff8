package io.disruptorx.node.cluster;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.disruptorx.cluster.ClusterMemberConfig;
import io.disruptorx.cluster.ClusterTimeouts;
import io.disruptorx.cluster.MemberAddress;
import io.disruptorx.core.config.ConfigValidationException;
import io.disruptorx.node.embedded.TracingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterConfigFileTest
{
    @TempDir
    Path dir;

    @Test
    void shouldReadBackWhatTheLocalClusterWrites()
    {
        final Path file = dir.resolve("member-1.conf");
        final List<MemberAddress> members = List.of(new MemberAddress(0, "localhost", 30_000),
            new MemberAddress(1, "localhost", 30_010), new MemberAddress(2, "localhost", 30_020));
        ClusterConfigFile.write(file, 1, members, dir.resolve("member-1"), ClusterTimeouts.tuned(), 30_110,
            List.of(new InetSocketAddress("127.0.0.1", 30_201)));

        final ClusterMemberConfig config = ClusterConfigFile.load(file);

        assertThat(config.memberId()).isEqualTo(1);
        assertThat(config.members()).isEqualTo(members);
        assertThat(config.directory()).isEqualTo(dir.resolve("member-1").toAbsolutePath());
        assertThat(config.timeouts()).isEqualTo(ClusterTimeouts.tuned());
        assertThat(config.service().feed().line()).isEqualTo('B');
        assertThat(config.service().feed().retransmitPort()).isEqualTo(30_110);
        assertThat(config.service().feed().destinations()).containsExactly(new InetSocketAddress("127.0.0.1", 30_201));
        assertThat(config.clusterMembersString()).isEqualTo(
            "0,localhost:30000,localhost:30001,localhost:30002,localhost:0,localhost:30003|" +
            "1,localhost:30010,localhost:30011,localhost:30012,localhost:0,localhost:30013|" +
            "2,localhost:30020,localhost:30021,localhost:30022,localhost:0,localhost:30023");
    }

    @Test
    void shouldFillWhatTheFileLeavesOutFromTheDefaults() throws Exception
    {
        final Path file = dir.resolve("member.conf");
        Files.writeString(file, "cluster { member-id = 2, dir = \"" + dir.resolve("m2") + "\", " +
            "service.end-of-day = \"22:00\", timeouts.leader-heartbeat-timeout = 1s }\n");

        final ClusterMemberConfig config = ClusterConfigFile.load(file);

        assertThat(config.memberId()).isEqualTo(2);
        assertThat(config.members()).hasSize(3);
        assertThat(config.timeouts().leaderHeartbeatTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.timeouts().electionTimeout()).isEqualTo(ClusterTimeouts.tuned().electionTimeout());
        assertThat(config.service().endOfDayNanos()).isEqualTo(Duration.ofHours(22).toNanos());
        assertThat(config.service().eventStoreCapacity()).isEqualTo(65_536);
        assertThat(config.service().feed().session()).isEqualTo("DXCLUSTER");
    }

    @Test
    void shouldReportEveryInvalidKeyWithWhatWasExpected() throws Exception
    {
        final Path file = dir.resolve("bad.conf");
        Files.writeString(file, "cluster { members = [\"localhost:21000\", \"nohost\"], " +
            "service.event-store-capacity = 1000, service.end-of-day = \"25:99\", feed.session = \"FAR-TOO-LONG\" }\n");

        assertThatThrownBy(() -> ClusterConfigFile.load(file))
            .isInstanceOf(ConfigValidationException.class)
            .hasMessageContaining("cluster.members[1]")
            .hasMessageContaining("cluster.service.event-store-capacity = 1000")
            .hasMessageContaining("cluster.service.end-of-day")
            .hasMessageContaining("cluster.feed.session");
    }

    @Test
    void shouldReadTheMembersTracingFromItsFile() throws Exception
    {
        final Path plain = dir.resolve("plain.conf");
        Files.writeString(plain, "cluster { member-id = 0 }\n");
        assertThat(ClusterConfigFile.tracing(plain))
            .isEqualTo(new TracingConfig(0, "http://localhost:4318/v1/traces", "dx-cluster-node"));
        assertThat(ClusterConfigFile.tracing(plain).enabled()).isFalse();

        final Path traced = dir.resolve("traced.conf");
        Files.writeString(traced, "cluster { tracing { enabled = true, otlp-endpoint = " +
            "\"http://collector:4318/v1/traces\", service-name = \"dx-member-2\" } }\n");
        final TracingConfig tracing = ClusterConfigFile.tracing(traced);
        assertThat(tracing.enabled()).isTrue();
        assertThat(tracing.otlpEndpoint()).isEqualTo("http://collector:4318/v1/traces");
        assertThat(tracing.serviceName()).isEqualTo("dx-member-2");
        assertThat(ClusterConfigFile.load(traced).memberId()).as("the rest of the file still binds").isZero();
    }

    @Test
    void shouldRefuseAnInvalidTracingSection() throws Exception
    {
        final Path file = dir.resolve("bad-tracing.conf");
        Files.writeString(file, "cluster.tracing { enabled = maybe, otlp-endpoint = \"collector:4318\" }\n");

        assertThatThrownBy(() -> ClusterConfigFile.tracing(file))
            .isInstanceOf(ConfigValidationException.class)
            .hasMessageContaining("cluster.tracing.enabled");
        Files.writeString(file, "cluster.tracing { enabled = true, otlp-endpoint = \"collector:4318\" }\n");
        assertThatThrownBy(() -> ClusterConfigFile.tracing(file))
            .isInstanceOf(ConfigValidationException.class)
            .hasMessageContaining("cluster.tracing.otlp-endpoint is an http:// or https:// URL");
    }

    @Test
    void shouldReadTheMembersHttpServersAndRefuseAListThatDoesNotNameEachMember() throws Exception
    {
        final Path plain = dir.resolve("plain.conf");
        Files.writeString(plain, "cluster { member-id = 0 }\n");
        assertThat(ClusterConfigFile.membersHttp(plain)).isEmpty();

        final Path listed = dir.resolve("listed.conf");
        Files.writeString(listed, "cluster { member-id = 1, members-http = [\"10.0.0.1:9100\", " +
            "\"member-1.example:9100\", \"10.0.0.3:9101\"] }\n");
        assertThat(ClusterConfigFile.membersHttp(listed))
            .containsExactly("10.0.0.1:9100", "member-1.example:9100", "10.0.0.3:9101");
        assertThat(ClusterConfigFile.load(listed).memberId()).isEqualTo(1);

        final Path short1 = dir.resolve("short.conf");
        Files.writeString(short1, "cluster { members-http = [\"10.0.0.1:9100\", \"10.0.0.2:9100\"] }\n");
        assertThatThrownBy(() -> ClusterConfigFile.load(short1))
            .isInstanceOf(ConfigValidationException.class)
            .hasMessageContaining("cluster.members-http")
            .hasMessageContaining("one HOST:PORT per member (3), got 2");

        final Path noPort = dir.resolve("no-port.conf");
        Files.writeString(noPort, "cluster { members-http = [\"10.0.0.1:9100\", \"10.0.0.2\", \"10.0.0.3:9100\"] }\n");
        assertThatThrownBy(() -> ClusterConfigFile.membersHttp(noPort))
            .isInstanceOf(ConfigValidationException.class)
            .hasMessageContaining("wants HOST:PORT, got 10.0.0.2");
    }

    @Test
    void shouldRefuseTimeoutsThatCannotWork() throws Exception
    {
        final Path file = dir.resolve("timeouts.conf");
        Files.writeString(file, "cluster { timeouts { leader-heartbeat-timeout = 50ms, " +
            "leader-heartbeat-interval = 100ms, startup-canvass-timeout = 2s } }\n");

        assertThatThrownBy(() -> ClusterConfigFile.load(file))
            .isInstanceOf(ConfigValidationException.class)
            .hasMessageContaining("leader-heartbeat-interval");
    }
}
