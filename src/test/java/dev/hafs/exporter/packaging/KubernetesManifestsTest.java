package dev.hafs.exporter.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hafs.exporter.testing.ExternalTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/kubernetes as a user applies it: every overlay renders with `kubectl kustomize`, every object
 * passes the Kubernetes or prometheus-operator schema, and the generated parts (PrometheusRule,
 * dashboard ConfigMaps, prometheus/rules/) are exactly what scripts/generate-rules.py makes from
 * their one source.
 */
class KubernetesManifestsTest {
    private static final Path ROOT = ExporterImage.ROOT;
    private static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");
    private static final Path VALIDATOR = KUBERNETES.resolve("validate");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ExternalTool KUBECTL = new ExternalTool("kubectl", "install kubectl (1.27+, for `kubectl kustomize`)");
    private static final ExternalTool PYTHON = new ExternalTool("python3", "apt-get install python3");
    private static final ExternalTool NODE = new ExternalTool("node", "apt-get install nodejs npm");
    private static final ExternalTool NPM = new ExternalTool("npm", "apt-get install npm");

    @Test
    void generatedFilesAreWhatTheGeneratorMakesFromTheirSources(@TempDir Path out) throws IOException {
        ExternalTool.Result generated = PYTHON.run(null, List.of(ROOT.resolve("scripts/generate-rules.py").toString(), "--out", out.toString()));
        assertThat(generated.exitCode()).as(generated.output()).isZero();

        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile).map(out::relativize).sorted().toList();
        }
        assertThat(files).extracting(Path::toString).contains("prometheus/rules/hafs-alerts.rules.yml",
                "deploy/kubernetes/base/prometheusrule.yaml", "deploy/kubernetes/base/grafana-dashboards.yaml");
        for (Path file : files) {
            assertThat(ROOT.resolve(file)).as("%s is out of date: run scripts/generate-rules.py", file)
                    .hasSameTextualContentAs(out.resolve(file));
        }
        // And nothing in prometheus/rules/ that the generator did not write.
        try (Stream<Path> committed = Files.list(ROOT.resolve("prometheus/rules"))) {
            assertThat(committed.map(p -> "prometheus/rules/" + p.getFileName()))
                    .allSatisfy(p -> assertThat(files).extracting(Path::toString).contains(p));
        }
    }

    @Test
    void thePrometheusRuleHoldsExactlyTheRuleGroupsOfPrometheusRules() throws IOException {
        ArrayNode expected = JSON.createArrayNode();
        try (Stream<Path> rules = Files.list(ROOT.resolve("prometheus/rules")).sorted()) {
            for (Path file : rules.toList()) {
                YAML.readTree(file.toFile()).path("groups").forEach(expected::add);
            }
        }
        JsonNode rule = only(render("base"), "PrometheusRule");

        assertThat(rule.path("spec").path("groups")).isEqualTo(expected);
        assertThat(alertNames(rule.path("spec").path("groups"))).isEqualTo(alertNames(expected)).isNotEmpty();
    }

    @Test
    void everyDashboardIsAConfigMapForGrafanasSidecar() throws IOException {
        List<JsonNode> objects = render("base");
        try (Stream<Path> dashboards = Files.list(ROOT.resolve("grafana/dashboards"))) {
            for (Path dashboard : dashboards.toList()) {
                String file = dashboard.getFileName().toString();
                JsonNode configMap = objects.stream().filter(o -> o.path("kind").asText().equals("ConfigMap")
                        && o.path("data").has(file)).findFirst().orElseThrow(() -> new AssertionError("no ConfigMap holds " + file));
                assertThat(configMap.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
                assertThat(JSON.readTree(configMap.path("data").path(file).asText())).isEqualTo(JSON.readTree(dashboard.toFile()));
            }
        }
    }

    @Test
    void theBaseRunsNonRootReadOnlyWithProbesAndResources() throws IOException {
        List<JsonNode> objects = render("base");
        JsonNode pod = only(objects, "Deployment").path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").get(0);

        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("securityContext").path("runAsUser").asInt()).isEqualTo(10001);
        assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(container.path("securityContext").path("capabilities").path("drop").toString()).isEqualTo("[\"ALL\"]");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/-/healthy");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/-/ready");
        assertThat(container.path("resources").path("limits").path("memory").asText()).isNotEmpty();
        assertThat(container.path("volumeMounts").get(0).path("readOnly").asBoolean()).isTrue();
        assertThat(pod.path("volumes").get(0).has("hostPath")).isTrue();
        // A Deployment's pod sees none of HAFS's pids: no process check, so no hafs_campaign_process_up to page on.
        assertThat(pod.path("hostPID").asBoolean(false)).isFalse();
        assertThat(indexOf((ArrayNode) container.path("args"), "--no-campaign.process-check")).isNotNegative();
        // The ServiceMonitor's job label is the job the rules select (prometheus/mixin/config.yaml).
        String jobLabel = only(objects, "ServiceMonitor").path("spec").path("jobLabel").asText();
        String job = only(objects, "Service").path("metadata").path("labels").path(jobLabel).asText();
        assertThat(Files.readString(ROOT.resolve("prometheus/mixin/config.yaml"))).contains("exporterSelector: 'job=\"" + job + "\"'");
    }

    @Test
    void theOverlaysChangeWhatTheySay() throws IOException {
        List<JsonNode> daemonset = render("overlays/daemonset");
        assertThat(daemonset).noneMatch(o -> o.path("kind").asText().equals("Deployment"));
        JsonNode basePod = only(render("base"), "Deployment").path("spec").path("template");
        // The base's pod, but beside HAFS on its node: in the node's pid namespace, checking the campaign's process.
        ObjectNode checking = basePod.deepCopy();
        ObjectNode checkingSpec = (ObjectNode) checking.path("spec");
        checkingSpec.put("hostPID", true);
        ArrayNode args = (ArrayNode) checkingSpec.path("containers").get(0).path("args");
        args.remove(indexOf(args, "--no-campaign.process-check"));
        assertThat(only(daemonset, "DaemonSet").path("spec").path("template")).isEqualTo(checking);

        JsonNode claimPod = only(render("overlays/pvc"), "Deployment").path("spec").path("template").path("spec");
        JsonNode claim = claimPod.path("volumes").get(0).path("persistentVolumeClaim");
        assertThat(claim.path("readOnly").asBoolean()).isTrue();
        assertThat(claimPod.path("containers").get(0).path("args").toString()).contains("--no-campaign.process-check");

        JsonNode secured = only(render("overlays/web-config"), "Deployment").path("spec").path("template").path("spec");
        JsonNode container = secured.path("containers").get(0);
        assertThat(container.path("args").toString()).contains("--web.config.file=/etc/hafs/web.yml");
        assertThat(secured.path("volumes").toString()).contains("hafs-training-exporter-web-config");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(container.path(probe).path("exec").path("command").toString()).as(probe).contains("healthcheck");
        }
    }

    @Test
    void everyObjectOfEveryOverlayPassesItsSchema() throws IOException {
        installValidator();
        for (String kustomization : kustomizations()) {
            ArrayNode objects = JSON.createArrayNode();
            render(kustomization).forEach(objects::add);

            ExternalTool.Result result = NODE.run(JSON.writeValueAsString(objects), List.of(VALIDATOR.resolve("validate.mjs").toString()));

            assertThat(result.exitCode()).as("%s:\n%s", kustomization, result.output()).isZero();
            assertThat(result.output().lines().filter(line -> line.startsWith("valid "))).hasSize(objects.size());
        }
    }

    static List<String> kustomizations() throws IOException {
        List<String> all = new ArrayList<>(List.of("base"));
        try (Stream<Path> overlays = Files.list(KUBERNETES.resolve("overlays"))) {
            overlays.filter(Files::isDirectory).sorted().forEach(o -> all.add("overlays/" + o.getFileName()));
        }
        return all;
    }

    /** The objects `kubectl kustomize` renders for a kustomization under deploy/kubernetes. */
    static List<JsonNode> render(String kustomization) throws IOException {
        ExternalTool.Result rendered = KUBECTL.run(null, List.of("kustomize", KUBERNETES.resolve(kustomization).toString()));
        assertThat(rendered.exitCode()).as("kubectl kustomize %s:\n%s", kustomization, rendered.output()).isZero();
        List<JsonNode> objects = new ArrayList<>();
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(rendered.output())) {
            documents.forEachRemaining(document -> {
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    objects.add(document);
                }
            });
        }
        assertThat(objects).as(kustomization).isNotEmpty();
        return objects;
    }

    private static int indexOf(ArrayNode values, String value) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).asText().equals(value)) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode only(List<JsonNode> objects, String kind) {
        List<JsonNode> matching = objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
        assertThat(matching).as(kind).hasSize(1);
        return matching.get(0);
    }

    private static List<String> alertNames(JsonNode groups) {
        List<String> names = new ArrayList<>();
        groups.forEach(group -> group.path("rules").forEach(rule -> names.add(rule.path("alert").asText(rule.path("record").asText()))));
        return names;
    }

    /** npm ci from the committed package-lock.json, once; CI's machine reaches the npm registry. */
    private static synchronized void installValidator() {
        if (Files.isDirectory(VALIDATOR.resolve("node_modules/kubernetes-models"))
                && Files.isDirectory(VALIDATOR.resolve("node_modules/@kubernetes-models/prometheus-operator"))) {
            return;
        }
        ExternalTool.Result installed = NPM.run(null, List.of("ci", "--prefix", VALIDATOR.toString(), "--no-audit", "--no-fund"));
        assertThat(installed.exitCode()).as("npm ci in %s:\n%s", VALIDATOR, installed.output()).isZero();
    }
}
