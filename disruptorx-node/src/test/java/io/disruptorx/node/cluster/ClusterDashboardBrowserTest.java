package io.disruptorx.node.cluster;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.disruptorx.cluster.ClusterMember;
import io.disruptorx.cluster.ClusterMemberConfig;
import io.disruptorx.cluster.ClusterTimeouts;
import io.disruptorx.cluster.MemberAddress;
import io.disruptorx.cluster.service.ServiceConfig;
import io.disruptorx.core.net.TestPorts;
import io.disruptorx.dashboard.HeadlessChromium;
import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.PostOnlyMode;
import io.disruptorx.node.http.NodeHttpServer;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cluster's dashboard in a real browser (headless chromium) against three real cluster members in this JVM,
 * read together as {@code dx cluster dashboard} reads the members of a host, or asked over HTTP as it asks members on
 * other hosts (each member's own HTTP server on its own loopback port): the page shows the three side by side,
 * one leader and two followers in one term, each with its commit position and lag; when the leader stops, the page
 * shows the new leader in a later term, lists the leader change and marks it on the charts.
 */
@Timeout(180)
class ClusterDashboardBrowserTest
{
    private static final int MEMBERS = 3;

    private final ClusterMember[] members = new ClusterMember[MEMBERS];
    private final NodeHttpServer[] memberServers = new NodeHttpServer[MEMBERS];
    private NodeHttpServer server;
    private RemoteMembers.Served remote;
    private Path profile;
    private WebDriver browser;

    @AfterEach
    void tearDown()
    {
        if (browser != null)
        {
            browser.quit();
        }
        CloseHelper.close(server);
        CloseHelper.close(remote);
        CloseHelper.closeAll(memberServers);
        CloseHelper.closeAll(members);
    }

    @Test
    void shouldShowTheMembersSideBySideAndMarkTheLeaderChange() throws Exception
    {
        final List<ClusterMemberConfig> configs = launchMembers();
        server = ClusterMembersHttp.serve(configs, new InetSocketAddress("127.0.0.1", 0));
        showLeaderChange(server.port(), "no", "dashboard-cluster-screenshot.png");
    }

    /**
     * The members as on other hosts: each serves its own HTTP server on its own port (as {@code dx cluster-node} does
     * at its entry of {@code cluster.members-http}), and the dashboard's server asks them over HTTP; the stopped
     * leader's server stops with it, so the page shows it as unreachable.
     */
    @Test
    void shouldShowMembersAskedOverHttpAndTheStoppedLeaderAsUnreachable() throws Exception
    {
        final List<ClusterMemberConfig> configs = launchMembers();
        final List<String> addresses = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++)
        {
            memberServers[i] = ClusterMetrics.serve(configs.get(i), new InetSocketAddress("127.0.0.1", 0));
            addresses.add("127.0.0.1:" + memberServers[i].port());
        }
        remote = RemoteMembers.serve(addresses, new InetSocketAddress("127.0.0.1", 0));
        showLeaderChange(remote.port(), "UNREACHABLE", "dashboard-cluster-remote-screenshot.png");
    }

    private List<ClusterMemberConfig> launchMembers() throws Exception
    {
        final Path root = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "cluster-dashboard-");
        profile = root.resolve("chrome-profile");
        final int base = TestPorts.block(MEMBERS * 10);
        final List<MemberAddress> addresses = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++)
        {
            addresses.add(new MemberAddress(i, "localhost", base + i * 10));
        }
        final List<ClusterMemberConfig> configs = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++)
        {
            final ClusterMemberConfig config = new ClusterMemberConfig(i, addresses, root.resolve("member-" + i),
                ClusterTimeouts.tuned(), ServiceConfig.of(new EngineConfig(16, 8, 10_000, 1024, 0,
                PostOnlyMode.REJECT)));
            configs.add(config);
            members[i] = ClusterMember.launch(config, System.err);
        }
        return configs;
    }

    /**
     * Opens the page on the port, waits for one leader and two followers in one term, stops the leader (and its
     * HTTP server, if it has one) and checks the page shows the new leader, the stopped one's running cell as
     * {@code stopped}, the leader change listed and marked on the charts; saves a screenshot under target/.
     */
    private void showLeaderChange(final int port, final String stopped, final String screenshotName) throws Exception
    {
        browser = HeadlessChromium.start(profile);
        browser.get("http://127.0.0.1:" + port + "/dashboard/");
        final int leader = awaitOneLeaderOnThePage(List.of(0, 1, 2));
        assertThat(browser.findElement(By.id("cluster-card")).isDisplayed()).isTrue();
        final long term = Long.parseLong(cell("term", leader).replace(",", ""));
        for (int i = 0; i < MEMBERS; i++)
        {
            assertThat(cell("running", i)).isEqualTo("yes");
            assertThat(cell("term", i).replace(",", "")).isEqualTo(Long.toString(term));
            assertThat(cell("commit position", i)).matches("[0-9,]+");
            assertThat(cell("lag, bytes", i)).matches("[0-9,]+");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> points("chart-lag") >= MEMBERS * 2);

        CloseHelper.close(memberServers[leader]);
        memberServers[leader] = null;
        members[leader].close();
        members[leader] = null;
        final List<Integer> survivors = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++)
        {
            if (i != leader)
            {
                survivors.add(i);
            }
        }
        final int next = awaitOneLeaderOnThePage(survivors);
        assertThat(Long.parseLong(cell("term", next).replace(",", ""))).isGreaterThan(term);
        await().atMost(Duration.ofSeconds(30)).until(() -> cell("running", leader).equals(stopped));
        assertThat(cell("lag, bytes", leader)).isEqualTo("-");
        assertThat(Integer.parseInt(browser.findElement(By.id("leader-changes")).getAttribute("data-count")))
            .isGreaterThanOrEqualTo(1);
        assertThat(browser.findElement(By.id("leader-changes")).getText()).contains("leader " + next);
        for (final String chart : new String[]{"chart-lag", "chart-latency", "chart-throughput"})
        {
            assertThat(browser.findElement(By.id(chart)).getAttribute("data-marks")).as(chart).isNotNull();
            assertThat(Integer.parseInt(browser.findElement(By.id(chart)).getAttribute("data-marks"))).as(chart)
                .isGreaterThanOrEqualTo(1);
        }
        ((JavascriptExecutor)browser).executeScript("document.getElementById('cluster-card').scrollIntoView()");
        final Path screenshot = Path.of("target", screenshotName);
        Files.copy(((TakesScreenshot)browser).getScreenshotAs(OutputType.FILE).toPath(), screenshot,
            StandardCopyOption.REPLACE_EXISTING);
        System.out.println("[cluster-dashboard-browser] screenshot " + screenshot.toAbsolutePath());
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
        assertThat(HeadlessChromium.consoleErrors(browser)).isEmpty();
    }

    /**
     * @return the one member the page shows as the running leader, once the given members all run, exactly one of
     *     them leads and none is electing.
     */
    private int awaitOneLeaderOnThePage(final List<Integer> running)
    {
        final int[] leader = {-1};
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
        {
            int leaders = 0;
            for (final int i : running)
            {
                assertThat(cell("running", i)).as("member " + i + " running").isEqualTo("yes");
                assertThat(cell("election", i)).as("member " + i + " electing").isEqualTo("no");
                if (cell("role", i).equals("leader"))
                {
                    leaders++;
                    leader[0] = i;
                }
                else
                {
                    assertThat(cell("role", i)).isEqualTo("follower");
                }
            }
            assertThat(leaders).as("leaders").isEqualTo(1);
        });
        return leader[0];
    }

    private String cell(final String row, final int member)
    {
        final String text = HeadlessChromium.text(browser,
            "#members td[data-name='" + row + "'][data-member='" + member + "']");
        assertThat(text).as(row + " of member " + member).isNotNull();
        return text;
    }

    private int points(final String chart)
    {
        return Integer.parseInt(browser.findElement(By.id(chart)).getAttribute("data-points"));
    }
}
