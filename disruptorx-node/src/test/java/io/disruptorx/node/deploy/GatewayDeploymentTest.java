package io.disruptorx.node.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.disruptorx.core.config.ConfigLoader;
import io.disruptorx.gateway.config.GatewayConfig;
import io.disruptorx.gateway.config.GatewayConfigBinder;
import io.disruptorx.node.cluster.ClusterGatewayCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.disruptorx.node.deploy.DeployFiles.DEPLOY;
import static io.disruptorx.node.deploy.DeployFiles.at;
import static io.disruptorx.node.deploy.DeployFiles.list;
import static io.disruptorx.node.deploy.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's Deployment in deploy/k8s/gateway.yaml, validated offline: one pod per gateway id (replicas 1,
 * Recreate), no privileges, probes on a port it exposes, the media driver on memory; its configuration (the
 * Secret's {@code gateway.conf}, with the egress override the Deployment sets) bound by the real gateway binder and
 * the loader {@code dx cluster-gateway} uses, its listener and egress ports those the container exposes, its ingress
 * every member of the StatefulSet; and its Service selecting the gateway, not the members.
 */
class GatewayDeploymentTest
{
    private static final Path GATEWAY = DEPLOY.resolve("k8s").resolve("gateway.yaml");
    private static final Path STATEFUL_SET = DEPLOY.resolve("k8s").resolve("statefulset.yaml");
    private static final Map<String, Map<String, Object>> BY_KIND = new HashMap<>();

    @TempDir
    static Path dir;

    @BeforeAll
    static void parse()
    {
        for (final Map<String, Object> document : DeployFiles.documents(GATEWAY))
        {
            assertThat(BY_KIND.put((String)document.get("kind"), document)).as("one " + document.get("kind")).isNull();
        }
        assertThat(BY_KIND).containsOnlyKeys("Secret", "Deployment", "Service");
    }

    @Test
    void shouldRunOneUnprivilegedGatewayPerIdWithProbesOnAnExposedPort()
    {
        final Map<String, Object> deployment = BY_KIND.get("Deployment");
        assertThat(at(deployment, "spec.replicas")).as("one pod per gateway id").isEqualTo(1);
        assertThat(at(deployment, "spec.strategy.type")).as("never two pods with one id").isEqualTo("Recreate");
        final Map<String, Object> labels = map(at(deployment, "spec.template.metadata.labels"));
        assertThat(labels).containsAllEntriesOf(map(at(deployment, "spec.selector.matchLabels")))
            .containsEntry("app.kubernetes.io/component", "gateway");
        final Map<String, Object> pod = map(at(deployment, "spec.template.spec"));
        assertThat(at(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
        final Map<String, Object> container = container();
        assertThat(at(container, "resources.requests.cpu")).isNotNull();
        assertThat(at(container, "resources.requests.memory")).isNotNull();
        assertThat(at(container, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(at(container, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(list(at(container, "securityContext.capabilities.drop"))).contains("ALL");
        final Set<Object> volumes = list(pod.get("volumes")).stream().map(v -> map(v).get("name"))
            .collect(Collectors.toSet());
        for (final Object mount : list(container.get("volumeMounts")))
        {
            assertThat(volumes).as("a declared volume").contains(map(mount).get("name"));
        }
        final Map<String, Object> shm = volume(pod, mountedAt(container, "/dev/shm"));
        assertThat(at(shm, "emptyDir.medium")).as("/dev/shm is memory").isEqualTo("Memory");
        final Map<String, Map<String, Object>> ports = ports(container);
        for (final String probe : List.of("startupProbe", "livenessProbe", "readinessProbe"))
        {
            final Object port = at(container, probe + ".httpGet.port");
            assertThat(port).as(probe + " over HTTP").isNotNull();
            assertThat(ports.get(port.toString())).as(probe + " port").containsEntry("protocol", "TCP");
            assertThat((String)at(container, probe + ".httpGet.path")).as(probe + " path").isIn("/health",
                "/api/gateway");
        }
        assertThat(at(container, "readinessProbe.httpGet.path")).as("ready only with a cluster session")
            .isEqualTo("/health");
        final List<Object> args = list(container.get("args"));
        assertThat(args.get(args.indexOf("--http") + 1)).isEqualTo("0.0.0.0:" + ports.get("http").get("containerPort"));
    }

    @Test
    void shouldBindTheGatewayConfigurationToThePortsAndMembersTheManifestsName() throws Exception
    {
        final Map<String, Object> container = container();
        final List<Object> args = list(container.get("args"));
        assertThat(args).startsWith("cluster-gateway", "--config");
        final String configPath = (String)args.get(args.indexOf("--config") + 1);
        final String mount = (String)map(list(container.get("volumeMounts")).stream()
            .filter(m -> "config".equals(map(m).get("name"))).findFirst().orElseThrow()).get("mountPath");
        assertThat(at(volume(map(at(BY_KIND.get("Deployment"), "spec.template.spec")), "config"),
            "secret.secretName")).isEqualTo(at(BY_KIND.get("Secret"), "metadata.name"));
        final String key = configPath.substring(mount.length() + 1);
        assertThat(configPath).startsWith(mount + "/");
        final String text = (String)map(at(BY_KIND.get("Secret"), "stringData")).get(key);
        assertThat(text).as("the Secret's " + key).isNotNull();

        final Map<String, String> environment = new HashMap<>();
        for (final Object entry : list(container.get("env")))
        {
            final Map<String, Object> variable = map(entry);
            if (variable.get("value") != null)
            {
                environment.put((String)variable.get("name"),
                    ((String)variable.get("value")).replace("$(POD_IP)", "10.1.2.3"));
            }
        }
        final Path file = dir.resolve(key);
        Files.writeString(file, text);
        final Config parsed = new ConfigLoader(environment, ConfigLoader.DEFAULT_ENV_PREFIX).parse(file);

        final GatewayConfig gateway = GatewayConfigBinder.bind(parsed, file.toString());
        final Map<String, Map<String, Object>> ports = ports(container);
        assertThat(ports.get("native")).containsEntry("containerPort", gateway.nativeAddress().getPort())
            .containsEntry("protocol", "TCP");
        assertThat(gateway.users()).isNotEmpty();

        final Config defaults = ConfigFactory.parseResources(ClusterGatewayCommand.DEFAULTS);
        for (final String name : parsed.getConfig("cluster-gateway").root().keySet())
        {
            assertThat(defaults.hasPath("cluster-gateway." + name)).as("cluster-gateway." + name + " is a key")
                .isTrue();
        }
        assertThat(parsed.getString("cluster-gateway.egress")).as("egress on the pod's address")
            .isEqualTo("aeron:udp?endpoint=10.1.2.3:" + ports.get("egress").get("containerPort"));
        assertThat(ports.get("egress")).containsEntry("protocol", "UDP");
        assertThat(parsed.getString("cluster-gateway.aeron-dir")).startsWith(mountedPath(container, "dshm") + "/");

        final Map<String, Object> set = DeployFiles.documents(STATEFUL_SET).get(0);
        final Object ingressPort = list(at(map(list(at(set, "spec.template.spec.containers")).get(0)), "ports"))
            .stream().map(DeployFiles::map).filter(p -> "ingress".equals(p.get("name"))).findFirst().orElseThrow()
            .get("containerPort");
        final List<String> members = new ArrayList<>();
        for (int id = 0; id < (Integer)at(set, "spec.replicas"); id++)
        {
            members.add(id + "=" + at(set, "metadata.name") + "-" + id + "." + at(set, "spec.serviceName") + ":" +
                ingressPort);
        }
        assertThat(parsed.getString("cluster-gateway.ingress")).isEqualTo(String.join(",", members));
    }

    @Test
    void shouldSelectTheGatewayWithItsService()
    {
        final Map<String, Object> service = BY_KIND.get("Service");
        final Map<String, Object> selector = map(at(service, "spec.selector"));
        assertThat(map(at(BY_KIND.get("Deployment"), "spec.template.metadata.labels")))
            .containsAllEntriesOf(selector);
        final Map<String, Object> members =
            map(at(DeployFiles.documents(STATEFUL_SET).get(0), "spec.template.metadata.labels"));
        assertThat(members).as("not the members").doesNotContainEntry("app.kubernetes.io/component",
            selector.get("app.kubernetes.io/component"));
        final Map<String, Map<String, Object>> ports = ports(container());
        for (final Object entry : list(at(service, "spec.ports")))
        {
            final Map<String, Object> port = map(entry);
            final Map<String, Object> target = ports.get(port.get("targetPort").toString());
            assertThat(target).as("port " + port.get("name") + " targets a container port").isNotNull();
            assertThat(target.get("protocol")).isEqualTo(port.get("protocol"));
        }
    }

    private static Map<String, Object> container()
    {
        final List<Object> containers = list(at(BY_KIND.get("Deployment"), "spec.template.spec.containers"));
        assertThat(containers).hasSize(1);
        return map(containers.get(0));
    }

    private static Map<String, Object> volume(final Map<String, Object> pod, final String name)
    {
        return list(pod.get("volumes")).stream().map(DeployFiles::map).filter(v -> name.equals(v.get("name")))
            .findFirst().orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static String mountedAt(final Map<String, Object> container, final String path)
    {
        return list(container.get("volumeMounts")).stream().map(DeployFiles::map)
            .filter(m -> path.equals(m.get("mountPath"))).map(m -> (String)m.get("name")).findFirst()
            .orElseThrow(() -> new AssertionError("nothing mounted at " + path));
    }

    private static String mountedPath(final Map<String, Object> container, final String volume)
    {
        return list(container.get("volumeMounts")).stream().map(DeployFiles::map)
            .filter(m -> volume.equals(m.get("name"))).map(m -> (String)m.get("mountPath")).findFirst()
            .orElseThrow(() -> new AssertionError("volume " + volume + " not mounted"));
    }

    private static Map<String, Map<String, Object>> ports(final Map<String, Object> container)
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
}
