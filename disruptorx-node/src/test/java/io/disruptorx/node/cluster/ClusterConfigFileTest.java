package io.disruptorx.node.cluster;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.disruptorx.cluster.ClusterMemberConfig;
import io.disruptorx.cluster.ClusterTimeouts;
import io.disruptorx.cluster.MemberAddress;
import io.disruptorx.core.config.ConfigValidationException;

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
