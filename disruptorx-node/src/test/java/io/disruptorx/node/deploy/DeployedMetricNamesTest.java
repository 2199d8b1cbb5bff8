package io.disruptorx.node.deploy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.disruptorx.cluster.ClusterMember;
import io.disruptorx.cluster.ClusterMemberConfig;
import io.disruptorx.cluster.ClusterTimeouts;
import io.disruptorx.cluster.FreePorts;
import io.disruptorx.cluster.MemberAddress;
import io.disruptorx.cluster.service.ServiceConfig;
import io.disruptorx.core.net.TestPorts;
import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.PostOnlyMode;
import io.disruptorx.node.cli.DemoCommand;
import io.disruptorx.node.cluster.ClusterMetrics;
import io.disruptorx.node.http.NodeHttpServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static io.disruptorx.node.deploy.DeployFiles.DEPLOY;
import static io.disruptorx.node.deploy.DeployFiles.list;
import static io.disruptorx.node.deploy.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every metric the Grafana dashboards and the Prometheus rules name is one the code exports: the names are collected
 * from the {@code /metrics} of a running {@code dx demo} (node, binary gateway, feed and its subscribers) and of a
 * running cluster member's {@code dx cluster-node --http} endpoint, not from a list kept by hand. Recording rules
 * count as exported once their own expressions pass.
 */
@Timeout(120)
class DeployedMetricNamesTest
{
    @TempDir
    static Path dir;

    private static final Set<String> EXPORTED = new TreeSet<>();

    @BeforeAll
    static void scrapeARunningVenueAndClusterMember() throws Exception
    {
        EXPORTED.addAll(scrapeDemo());
        EXPORTED.addAll(scrapeClusterMember());
        EXPORTED.add("up");
        assertThat(EXPORTED).contains("dx_order_reports_total", "dx_gateway_sessions", "dx_feed_packets_sent_total",
            "dx_feed_client_gaps_total", "dx_cluster_role", "dx_order_to_report_latency_seconds_bucket");
    }

    @Test
    void shouldRecordAndAlertOnlyOnExportedMetrics()
    {
        final Map<String, Set<String>> unknown = new TreeMap<>();
        for (final Map<String, Object> rule : rules())
        {
            final String name = (String)(rule.containsKey("record") ? rule.get("record") : rule.get("alert"));
            final Set<String> names = PromQlNames.of((String)rule.get("expr"));
            assertThat(names).as(name + " reads some metric").isNotEmpty();
            names.removeAll(EXPORTED);
            names.removeAll(recorded());
            if (!names.isEmpty())
            {
                unknown.put(name, names);
            }
        }
        assertThat(unknown).as("rules naming metrics the code does not export").isEmpty();
    }

    @Test
    void shouldChartOnlyExportedOrRecordedMetrics()
    {
        final Map<String, Set<String>> unknown = new TreeMap<>();
        int queries = 0;
        for (final Path file : GrafanaDashboardTest.dashboards())
        {
            final Map<String, Object> dashboard = DeployFiles.document(file);
            for (final Map<String, Object> variable : GrafanaDashboardTest.variables(dashboard).values())
            {
                if ("query".equals(variable.get("type")))
                {
                    check("variable " + variable.get("name"),
                        PromQlNames.ofVariableQuery((String)map(variable.get("query")).get("query")), unknown);
                }
            }
            for (final Map<String, Object> panel : GrafanaDashboardTest.panels(dashboard))
            {
                for (final Object target : list(panel.get("targets")))
                {
                    queries++;
                    check(panel.get("title") + " " + map(target).get("refId"),
                        PromQlNames.of((String)map(target).get("expr")), unknown);
                }
            }
        }
        assertThat(queries).isGreaterThan(30);
        assertThat(unknown).as("dashboard queries naming metrics the code does not export").isEmpty();
    }

    private void check(final String where, final Set<String> names, final Map<String, Set<String>> unknown)
    {
        assertThat(names).as(where + " reads some metric").isNotEmpty();
        final Set<String> missing = new TreeSet<>(names);
        missing.removeAll(EXPORTED);
        missing.removeAll(recorded());
        if (!missing.isEmpty())
        {
            unknown.put(where, missing);
        }
    }

    private static List<Map<String, Object>> rules()
    {
        final Map<String, Object> file = DeployFiles.document(DEPLOY.resolve("prometheus/dx-rules.yml"));
        return list(file.get("groups")).stream().flatMap(group -> list(map(group).get("rules")).stream())
            .map(DeployFiles::map).toList();
    }

    private static Set<String> recorded()
    {
        final Set<String> recorded = new TreeSet<>();
        for (final Map<String, Object> rule : rules())
        {
            if (rule.containsKey("record"))
            {
                recorded.add((String)rule.get("record"));
            }
        }
        return recorded;
    }

    private static Set<String> scrapeDemo() throws Exception
    {
        final int httpPort = TestPorts.port();
        final AtomicInteger exit = new AtomicInteger(-1);
        final StringWriter out = new StringWriter();
        final Thread demo = new Thread(() ->
        {
            final CommandLine commandLine = new CommandLine(new DemoCommand());
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(out, true));
            exit.set(commandLine.execute("--duration", "8", "--data-dir", dir.resolve("demo").toString(),
                "--http-port", Integer.toString(httpPort), "--gateway-port", "0", "--feed-port", "0",
                "--instruments", "2", "--accounts", "10", "--rate", "2000"));
        }, "dx-demo-under-scrape");
        demo.start();
        final AtomicReference<String> body = new AtomicReference<>("");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() ->
        {
            if (!demo.isAlive())
            {
                return true;
            }
            body.set(get(httpPort));
            final String scraped = body.get();
            return scraped.contains("dx_gateway_sessions") && scraped.contains("dx_gateway_internal_errors_total") &&
                scraped.contains("dx_feed_client_gaps_total");
        });
        demo.join(Duration.ofSeconds(60).toMillis());
        assertThat(exit.get()).as(out.toString()).isZero();
        assertThat(body.get()).as("the demo's gateway and feed subscribers on /metrics; the demo said " + out)
            .contains("dx_gateway_sessions", "dx_gateway_internal_errors_total", "dx_feed_client_gaps_total");
        return names(body.get());
    }

    private static Set<String> scrapeClusterMember() throws Exception
    {
        final int base = FreePorts.block(MemberAddress.PORTS);
        final ClusterMemberConfig config = new ClusterMemberConfig(0, List.of(new MemberAddress(0, "localhost", base)),
            Path.of("target", "deploy-metrics", "member-" + System.nanoTime()).toAbsolutePath(),
            ClusterTimeouts.tuned(), ServiceConfig.of(new EngineConfig(16, 8, 10_000, 1024, 0, PostOnlyMode.REJECT)));
        try (ClusterMember member = ClusterMember.launch(config, System.err);
            NodeHttpServer server = ClusterMetrics.serve(config, new InetSocketAddress("127.0.0.1", 0)))
        {
            return names(get(server.port()));
        }
    }

    /**
     * @param exposition a scrape in the Prometheus text format.
     * @return the names of its samples, and of the series a family's type implies.
     */
    static Set<String> names(final String exposition)
    {
        final Set<String> names = new TreeSet<>();
        for (final String line : exposition.split("\n"))
        {
            if (line.startsWith("# TYPE "))
            {
                final String[] parts = line.split(" ");
                names.add(parts[2]);
                if ("histogram".equals(parts[3]))
                {
                    names.addAll(List.of(parts[2] + "_bucket", parts[2] + "_count", parts[2] + "_sum"));
                }
            }
            else if (!line.startsWith("#") && !line.isBlank())
            {
                final int brace = line.indexOf('{');
                names.add(line.substring(0, brace >= 0 ? brace : line.indexOf(' ')));
            }
        }
        return names;
    }

    private static String get(final int port) throws Exception
    {
        final HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
