package io.disruptorx.node.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.disruptorx.node.deploy.DeployFiles.DEPLOY;
import static io.disruptorx.node.deploy.DeployFiles.documents;
import static io.disruptorx.node.deploy.DeployFiles.files;
import static io.disruptorx.node.deploy.DeployFiles.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every document in deploy/k8s against the Kubernetes API's own types, offline: the official Kubernetes Java
 * client's models ({@code io.kubernetes:client-java-api}, generated from the Kubernetes OpenAPI document) reject a
 * field the API does not define, a required field left out and a value of the wrong type, at every depth. Broken
 * copies of the StatefulSet show that each kind of mistake is caught.
 */
class KubernetesSchemaTest
{
    private static final Path K8S = DEPLOY.resolve("k8s");
    private static final Path STATEFUL_SET = K8S.resolve("statefulset.yaml");
    private static final Gson PLAIN = new Gson();
    private static final Map<String, Kind> KINDS = Map.of(
        "ConfigMap", new Kind(V1ConfigMap::validateJsonElement, V1ConfigMap.class),
        "Secret", new Kind(V1Secret::validateJsonElement, V1Secret.class),
        "Deployment", new Kind(V1Deployment::validateJsonElement, V1Deployment.class),
        "Service", new Kind(V1Service::validateJsonElement, V1Service.class),
        "PodDisruptionBudget", new Kind(V1PodDisruptionBudget::validateJsonElement, V1PodDisruptionBudget.class),
        "StatefulSet", new Kind(V1StatefulSet::validateJsonElement, V1StatefulSet.class));

    @TempDir
    Path dir;

    /** The API's checks of one kind: its fields and required fields, then its values' types. */
    private record Kind(Validator fields, Class<?> type)
    {
    }

    @FunctionalInterface
    private interface Validator
    {
        void validate(JsonElement tree) throws IOException;
    }

    static Stream<Arguments> manifests()
    {
        final List<Arguments> all = new ArrayList<>();
        for (final Path file : files(K8S, ".yaml"))
        {
            for (final Map<String, Object> document : documents(file))
            {
                all.add(Arguments.of(file.getFileName() + " " + document.get("kind"), document));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void shouldBeValidForTheKubernetesApi(final String name, final Map<String, Object> document)
    {
        assertThatCode(() -> validate(document)).as(name).doesNotThrowAnyException();
    }

    @Test
    void shouldCoverEveryKindTheManifestsUse()
    {
        assertThat(manifests().map((a) -> (String)((Map<?, ?>)a.get()[1]).get("kind")).distinct())
            .containsExactlyInAnyOrderElementsOf(KINDS.keySet());
    }

    @Test
    void shouldRejectAFieldTheApiDoesNotDefine() throws IOException
    {
        final Map<String, Object> inSpec = broken("\n  replicas:", "\n  replicaz: 3\n  replicas:");
        final Map<String, Object> inContainer = broken("          imagePullPolicy:",
            "          pullPolicy: Always\n          imagePullPolicy:");

        assertThatThrownBy(() -> validate(inSpec)).hasMessageContaining("replicaz");
        assertThatThrownBy(() -> validate(inContainer))
            .hasMessageContaining("pullPolicy").hasMessageContaining("V1Container");
    }

    @Test
    void shouldRejectARequiredFieldLeftOut() throws IOException
    {
        final Map<String, Object> nameless = broken("        - name: member\n          image:", "        - image:");

        assertThatThrownBy(() -> validate(nameless)).hasMessageContaining("required field `name`");
    }

    @Test
    void shouldRejectAValueOfTheWrongType() throws IOException
    {
        final Map<String, Object> replicas = broken("\n  replicas: 3", "\n  replicas: three");
        final Map<String, Object> port = broken("containerPort: 21000", "containerPort: ingress");

        assertThatThrownBy(() -> validate(replicas)).hasMessageContaining("three");
        assertThatThrownBy(() -> validate(port)).hasMessageContaining("ingress");
    }

    private Map<String, Object> broken(final String original, final String replacement) throws IOException
    {
        final String manifest = read(STATEFUL_SET);
        assertThat(manifest).contains(original);
        final Path copy = Files.writeString(dir.resolve("statefulset.yaml"),
            manifest.replaceFirst(Pattern.quote(original), Matcher.quoteReplacement(replacement)));
        final List<Map<String, Object>> documents = documents(copy);
        assertThat(documents).hasSize(1);
        return documents.get(0);
    }

    private static void validate(final Map<String, Object> document) throws IOException
    {
        final Kind kind = KINDS.get((String)document.get("kind"));
        assertThat(kind).as("an API type for kind %s", document.get("kind")).isNotNull();
        final JsonElement tree = PLAIN.toJsonTree(document);
        kind.fields().validate(tree);
        JSON.getGson().fromJson(tree, kind.type());
    }
}
