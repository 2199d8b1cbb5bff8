package io.disruptorx.node.deploy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.disruptorx.cluster.ClusterMember;
import io.disruptorx.cluster.ClusterMemberConfig;
import io.disruptorx.cluster.FreePorts;
import io.disruptorx.cluster.MemberAddress;
import io.disruptorx.cluster.service.ServiceConfig;
import io.disruptorx.engine.EngineConfig;
import io.disruptorx.engine.PostOnlyMode;
import io.disruptorx.node.cluster.ClusterConfigFile;
import io.disruptorx.node.cluster.ClusterMetrics;
import io.disruptorx.node.http.NodeHttpServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static io.disruptorx.node.deploy.DeployFiles.DEPLOY;
import static io.disruptorx.node.deploy.DeployFiles.at;
import static io.disruptorx.node.deploy.DeployFiles.list;
import static io.disruptorx.node.deploy.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kubernetes manifests in deploy/k8s, validated offline: every document parses and has the fields its kind
 * requires; the StatefulSet's ports, member names and data directory agree with the member configuration in the
 * ConfigMap (bound by the real {@link ClusterConfigFile}) and the HTTP port with the node's default; Services and the
 * PodDisruptionBudget select the members and name ports they expose; and the probes' paths are answered 200 by the
 * endpoint a real member serves. The gateway's Deployment, Secret and Service: {@link GatewayDeploymentTest}.
 */
@Timeout(120)
class KubernetesManifestsTest
{
    private static final Path K8S = DEPLOY.resolve("k8s");
    private static final Map<String, String> API_VERSIONS = Map.of("StatefulSet", "apps/v1", "Service", "v1",
        "ConfigMap", "v1", "PodDisruptionBudget", "policy/v1", "Deployment", "apps/v1", "Secret", "v1");
    private static final Set<String> WITHOUT_SPEC = Set.of("ConfigMap", "Secret");
    private static final List<Map<String, Object>> DOCUMENTS = new ArrayList<>();

    @TempDir
    static Path dir;

    @BeforeAll
    static void parse()
    {
        for (final Path file : DeployFiles.files(K8S, ".yaml"))
        {
            DOCUMENTS.addAll(DeployFiles.documents(file));
        }
        assertThat(DOCUMENTS).hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void shouldGiveEveryDocumentItsKindsRequiredFields()
    {
        for (final Map<String, Object> document : DOCUMENTS)
        {
            final String kind = (String)document.get("kind");
            assertThat(API_VERSIONS).as("kind " + kind).containsKey(kind);
            assertThat(document.get("apiVersion")).as(kind + " apiVersion").isEqualTo(API_VERSIONS.get(kind));
            assertThat((String)at(document, "metadata.name")).as(kind + " name")
                .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
            if (!WITHOUT_SPEC.contains(kind))
            {
                assertThat(at(document, "spec")).as(kind + " spec").isNotNull();
            }
        }
        assertThat(DOCUMENTS.stream().map(d -> d.get("kind") + "/" + at(d, "metadata.name")).distinct().count())
            .as("names unique per kind").isEqualTo(DOCUMENTS.size());
    }

    @Test
    void shouldRunThreeMembersWithStableIdentitiesVolumesProbesResourcesAndNoPrivileges()
    {
        final Map<String, Object> set = one("StatefulSet");
        assertThat(at(set, "spec.replicas")).isEqualTo(3);
        final Map<String, Object> headless = named("Service", (String)at(set, "spec.serviceName"));
        assertThat(at(headless, "spec.clusterIP")).isEqualTo("None");
        assertThat(at(headless, "spec.publishNotReadyAddresses")).as("members resolve each other before ready")
            .isEqualTo(true);
        final Map<String, Object> labels = map(at(set, "spec.template.metadata.labels"));
        assertThat(labels).containsAllEntriesOf(map(at(set, "spec.selector.matchLabels")));
        final Map<String, Object> pod = map(at(set, "spec.template.spec"));
        assertThat(at(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
        final List<Object> antiAffinity =
            list(at(pod, "affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution"));
        assertThat(antiAffinity).as("one member per node").hasSize(1);
        assertThat(at(map(antiAffinity.get(0)), "topologyKey")).isEqualTo("kubernetes.io/hostname");
        assertThat(labels).containsAllEntriesOf(map(at(map(antiAffinity.get(0)), "labelSelector.matchLabels")));
        final Set<String> volumes = new HashSet<>();
        list(pod.get("volumes")).forEach(v -> volumes.add((String)map(v).get("name")));
        list(at(set, "spec.volumeClaimTemplates")).forEach(v -> volumes.add((String)at(map(v), "metadata.name")));
        assertThat(list(at(set, "spec.volumeClaimTemplates"))).as("persistent volumes").isNotEmpty();
        for (final Object claim : list(at(set, "spec.volumeClaimTemplates")))
        {
            assertThat((String)at(map(claim), "spec.resources.requests.storage")).matches("[0-9]+[GT]i");
        }
        for (final Map<String, Object> container : containers())
        {
            final String name = "container " + container.get("name");
            assertThat(at(container, "resources.requests.cpu")).as(name + " cpu request").isNotNull();
            assertThat(at(container, "resources.requests.memory")).as(name + " memory request").isNotNull();
            assertThat(at(container, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
            assertThat(list(at(container, "securityContext.capabilities.drop"))).contains("ALL");
            for (final Object mount : list(container.get("volumeMounts")))
            {
                assertThat(volumes).as(name + " mounts a declared volume").contains((String)map(mount).get("name"));
            }
            assertThat(list(container.get("volumeMounts")).stream().map(m -> map(m).get("mountPath")))
                .as("the media driver's shared memory").contains("/dev/shm");
            for (final String probe : List.of("livenessProbe", "readinessProbe", "startupProbe"))
            {
                final Object port = at(container, probe + ".httpGet.port");
                assertThat(port).as(name + " " + probe + " over HTTP").isNotNull();
                assertThat(containerPorts(container)).as(name + " " + probe + " port").containsKey(port.toString());
            }
        }
    }

    @Test
    void shouldAgreeWithTheMemberConfigurationAndTheNodeDefaults() throws Exception
    {
        final Map<String, Object> set = one("StatefulSet");
        final Map<String, Object> container = containers().get(0);
        final ClusterMemberConfig config = memberConfig();
        assertThat(config.members()).hasSize((Integer)at(set, "spec.replicas"));
        assertThat(config.aeronDirectory()).as("the media driver's directory").startsWithRaw(Path.of("/dev/shm"));
        final Map<String, Object> shm = list(at(set, "spec.template.spec.volumes")).stream().map(v -> map(v))
            .filter(v -> "/dev/shm".equals(mountPath(container, (String)v.get("name")))).findFirst().orElseThrow();
        assertThat(at(shm, "emptyDir.medium")).as("/dev/shm is memory").isEqualTo("Memory");
        for (final MemberAddress member : config.members())
        {
            assertThat(member.host()).as("member " + member.id() + " is pod " + member.id())
                .isEqualTo(at(set, "metadata.name") + "-" + member.id() + "." + at(set, "spec.serviceName"));
            assertThat(member.basePort()).isEqualTo(config.self().basePort());
        }
        final Map<String, Map<String, Object>> ports = containerPorts(container);
        final int base = config.self().basePort();
        final String[] aeron = {"ingress", "consensus", "log", "archive"};
        for (int i = 0; i < aeron.length; i++)
        {
            assertThat(ports.get(aeron[i])).as(aeron[i]).containsEntry("containerPort", base + i)
                .containsEntry("protocol", "UDP");
        }
        final Config parsed = ConfigFactory.parseString(configMapMemberConf())
            .withFallback(ConfigFactory.parseResources(ClusterConfigFile.DEFAULTS)).resolve();
        assertThat(ports.get("md-retransmit")).containsEntry("containerPort",
            parsed.getInt("cluster.feed.retransmit-port")).containsEntry("protocol", "UDP");
        assertThat(ports.get("md-recovery")).containsEntry("containerPort", parsed.getInt("cluster.feed.recovery-port"))
            .containsEntry("protocol", "TCP");
        assertThat(ports.get("md-tcp")).containsEntry("containerPort", parsed.getInt("cluster.feed.tcp-port"))
            .containsEntry("protocol", "TCP");
        final int httpPort = ConfigFactory.parseResources("dx-node-defaults.conf").getInt("node.http.port");
        assertThat(ports.get("http")).containsEntry("containerPort", httpPort);
        final List<Object> args = list(container.get("args"));
        assertThat(args).startsWith("cluster-node", "--config");
        assertThat((String)args.get(args.indexOf("--config") + 1)).startsWith(mountPath(container, "config") + "/");
        assertThat(args.get(args.indexOf("--http") + 1)).isEqualTo("0.0.0.0:" + httpPort);
        assertThat(config.directory().toString()).startsWith(mountPath(container, "data") + "/");
        assertThat(at(list(at(container, "env")).stream().map(DeployFiles::map)
            .filter(e -> "DX_CLUSTER_MEMBER__ID".equals(e.get("name"))).findFirst().orElseThrow(),
            "valueFrom.fieldRef.fieldPath")).isEqualTo("metadata.labels['apps.kubernetes.io/pod-index']");
    }

    @Test
    void shouldSelectTheMembersWithServicesAndABudgetThatKeepsAMajority()
    {
        final Map<String, Object> labels = map(at(one("StatefulSet"), "spec.template.metadata.labels"));
        final Map<String, Map<String, Object>> ports = containerPorts(containers().get(0));
        for (final Map<String, Object> service : all("Service"))
        {
            if ("gateway".equals(map(at(service, "spec.selector")).get("app.kubernetes.io/component")))
            {
                // the gateway's Service: GatewayDeploymentTest
                continue;
            }
            final String name = "service " + at(service, "metadata.name");
            assertThat(labels).as(name + " selects the members")
                .containsAllEntriesOf(map(at(service, "spec.selector")));
            for (final Object entry : list(at(service, "spec.ports")))
            {
                final Map<String, Object> port = map(entry);
                final Map<String, Object> target = ports.get(port.get("targetPort").toString());
                assertThat(target).as(name + " port " + port.get("name") + " targets a container port").isNotNull();
                assertThat(target.get("protocol")).as(name + " port " + port.get("name") + " protocol")
                    .isEqualTo(port.get("protocol"));
            }
        }
        final Map<String, Object> budget = one("PodDisruptionBudget");
        assertThat(labels).containsAllEntriesOf(map(at(budget, "spec.selector.matchLabels")));
        assertThat(at(budget, "spec.minAvailable")).as("a majority of 3").isEqualTo(2);
    }

    @Test
    void shouldProbePathsAMemberAnswers() throws Exception
    {
        final ClusterMemberConfig single = new ClusterMemberConfig(0, List.of(new MemberAddress(0, "localhost",
            FreePorts.block(MemberAddress.PORTS))), dir.resolve("member"), memberConfig().timeouts(),
            ServiceConfig.of(new EngineConfig(16, 8, 10_000, 1024, 0, PostOnlyMode.REJECT)));
        final HttpClient http = HttpClient.newHttpClient();
        try (ClusterMember member = ClusterMember.launch(single, System.err);
            NodeHttpServer server = ClusterMetrics.serve(single, new InetSocketAddress("127.0.0.1", 0)))
        {
            for (final String probe : List.of("livenessProbe", "readinessProbe", "startupProbe"))
            {
                final String path = (String)at(containers().get(0), probe + ".httpGet.path");
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as(probe + " " + path).isEqualTo(200));
            }
        }
    }

    private static ClusterMemberConfig memberConfig() throws Exception
    {
        final Path file = dir.resolve("member.conf");
        Files.writeString(file, configMapMemberConf());
        return ClusterConfigFile.load(file);
    }

    private static String configMapMemberConf()
    {
        return (String)map(at(one("ConfigMap"), "data")).get("member.conf");
    }

    private static String mountPath(final Map<String, Object> container, final String volume)
    {
        return list(container.get("volumeMounts")).stream().map(DeployFiles::map)
            .filter(m -> volume.equals(m.get("name"))).map(m -> (String)m.get("mountPath")).findFirst().orElseThrow();
    }

    private static Map<String, Map<String, Object>> containerPorts(final Map<String, Object> container)
    {
        final Map<String, Map<String, Object>> ports = new HashMap<>();
        for (final Object port : list(container.get("ports")))
        {
            final Map<String, Object> p = map(port);
            assertThat(ports.put((String)p.get("name"), p)).as("port name " + p.get("name") + " unique").isNull();
            ports.put(p.get("containerPort").toString(), p);
        }
        return ports;
    }

    private static List<Map<String, Object>> containers()
    {
        final List<Map<String, Object>> containers = new ArrayList<>();
        list(at(one("StatefulSet"), "spec.template.spec.containers")).forEach(c -> containers.add(map(c)));
        assertThat(containers).isNotEmpty();
        return containers;
    }

    private static List<Map<String, Object>> all(final String kind)
    {
        return DOCUMENTS.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    private static Map<String, Object> one(final String kind)
    {
        final List<Map<String, Object>> documents = all(kind);
        assertThat(documents).as(kind).hasSize(1);
        return documents.get(0);
    }

    private static Map<String, Object> named(final String kind, final String name)
    {
        return all(kind).stream().filter(d -> name.equals(at(d, "metadata.name"))).findFirst()
            .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }
}
