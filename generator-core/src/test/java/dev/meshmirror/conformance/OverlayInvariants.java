package dev.meshmirror.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshmirror.Manifest;
import dev.meshmirror.Manifests;
import dev.meshmirror.internal.model.IstioVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the gateway overlay does to the gateway's pods, checked on the output: its stats annotation
 * makes Envoy create the connector's counters (Istio's inclusion mechanics, per minor), and
 * INSTALL.md's removal takes out exactly what step "Change the gateway's pods" added, in a safe
 * order. The overlay's annotations and volumes are read from each kind's file where Istio and
 * Kubernetes read them, not from the view that rendered them.
 */
final class OverlayInvariants {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OverlayInvariants() {}

  /** The pod annotations and the volumes (with their mounts) an overlay file gives the pods. */
  record PodChanges(Map<String, String> annotations, List<String> volumes, List<String> mounts) {}

  static PodChanges podChanges(Manifests manifests) throws IOException {
    Map<String, String> annotations = new java.util.TreeMap<>();
    List<String> volumes = new ArrayList<>();
    List<String> mounts = new ArrayList<>();
    Optional<JsonNode> values = document(manifests, "gateway-values.yaml");
    if (values.isPresent()) {
      read(values.get().path("podAnnotations"), annotations);
      values.get().path("volumes").forEach(v -> volumes.add(v.path("name").asText()));
      values.get().path("volumeMounts").forEach(m -> mounts.add(m.path("mountPath").asText()));
    }
    Optional<JsonNode> patch =
        document(manifests, "gateway-deployment-patch.yaml")
            .or(
                () ->
                    document(manifests, "gateway-options.yaml")
                        .map(options -> yaml(options.at("/data/deployment").asText())));
    if (patch.isPresent()) {
      read(patch.get().at("/spec/template/metadata/annotations"), annotations);
      patch
          .get()
          .at("/spec/template/spec/volumes")
          .forEach(v -> volumes.add(v.path("name").asText()));
      for (JsonNode container : patch.get().at("/spec/template/spec/containers")) {
        container.path("volumeMounts").forEach(m -> mounts.add(m.path("mountPath").asText()));
      }
    }
    Optional<JsonNode> operator = document(manifests, "istio-operator-overlay.yaml");
    if (operator.isPresent()) {
      JsonNode k8s = operator.get().at("/spec/components/ingressGateways/0/k8s");
      read(k8s.path("podAnnotations"), annotations);
      for (JsonNode overlayPatch : k8s.at("/overlays/0/patches")) {
        if (overlayPatch.path("path").asText().contains(".volumeMounts[")) {
          mounts.add(overlayPatch.at("/value/mountPath").asText());
        } else {
          volumes.add(overlayPatch.at("/value/name").asText());
        }
      }
    }
    return new PodChanges(annotations, volumes, mounts);
  }

  /**
   * The overlay's {@code proxy.istio.io/config} includes every counter the connector has, as Envoy
   * names them on {@code minor}: the node cluster's by prefix, the filter's by a regular expression
   * Envoy matches whole. The listener's stat prefix is {@code outbound_0.0.0.0_<port>} up to 1.22
   * and ends in ';' from 1.23 (Istio's listener builder); a Gateway server with a name uses that.
   */
  static List<String> countersExist(Manifests manifests, IstioVersion minor) throws IOException {
    String config = podChanges(manifests).annotations().get("proxy.istio.io/config");
    if (config == null) {
      return List.of(
          "the overlay sets no proxy.istio.io/config: Envoy creates none of the counters");
    }
    JsonNode matcher = JSON.readTree(config).path("proxyStatsMatcher");
    List<String> violations = new ArrayList<>();
    String cluster = null;
    String filterName = null;
    String statPrefix = null;
    for (Manifest manifest : manifests.applied()) {
      JsonNode object = yaml(manifest.content());
      for (JsonNode patch : object.at("/spec/configPatches")) {
        JsonNode value = patch.at("/patch/value");
        if (patch.path("applyTo").asText().equals("CLUSTER")) {
          cluster = value.path("name").asText();
        } else if (patch.path("applyTo").asText().equals("HTTP_FILTER")) {
          filterName = value.path("name").asText();
          statPrefix = value.at("/typed_config/stat_prefix").asText(null);
        }
      }
      if (object.path("kind").asText().equals("TrafficExtension")) {
        filterName = "envoy.filters.http.lua"; // inlined by Istio with no stat_prefix
      }
    }
    String counter = "cluster." + cluster + ".upstream_rq_total";
    boolean prefixed = false;
    for (JsonNode prefix : matcher.path("inclusionPrefixes")) {
      prefixed |= counter.startsWith(prefix.asText());
    }
    if (!prefixed) {
      violations.add(counter + " is in no inclusion prefix: " + matcher);
    }
    List<String> listeners =
        List.of(
            minor.atLeast(IstioVersion.V1_23) ? "outbound_0.0.0.0_8443;" : "outbound_0.0.0.0_8443",
            "https.443.https-shop.edge-gateway");
    String filter =
        filterName.equals("envoy.filters.http.ext_proc")
            ? "ext_proc." + statPrefix + ".streams_started"
            : statPrefix == null ? "lua.errors" : "lua." + statPrefix + ".errors";
    for (String listener : listeners) {
      String name = "http." + listener + "." + filter;
      boolean included = false;
      for (JsonNode regexp : matcher.path("inclusionRegexps")) {
        included |= name.matches(regexp.asText());
      }
      if (!included) {
        violations.add(name + " matches no inclusion regexp: " + matcher);
      }
    }
    return violations;
  }

  /**
   * INSTALL.md's removal: the filters go first, then exactly the overlay's annotations and volumes
   * (never a whole list), then the objects the pods mounted, then the node; for every kind.
   */
  static List<String> removalTakesOutExactlyTheOverlay(Manifests manifests) throws IOException {
    List<String> violations = new ArrayList<>();
    String removal = removal(manifests);
    List<String> commands = commands(removal);
    int filters =
        index(
            commands,
            "kubectl delete -f envoyfilter-lua.yaml",
            "kubectl delete -f envoyfilter-ext-proc.yaml",
            "kubectl delete -f trafficextension-lua.yaml");
    int overlay =
        index(commands, "helm upgrade", "patch deployment", "istioctl install", "patch gateway");
    int mounted = -1;
    for (int i = 0; i < commands.size(); i++) {
      if (commands.get(i).startsWith("kubectl delete") && i != filters) {
        mounted = i;
      }
    }
    int node = index(commands, "helm uninstall");
    if (filters != 0) {
      violations.add("the filters are not removed first: " + commands);
    }
    if (overlay < 0 || overlay < filters) {
      violations.add("the overlay is not taken out after the filters: " + commands);
    }
    if (mounted >= 0 && mounted < overlay) {
      violations.add("mounted objects are deleted before the pods stop mounting them: " + commands);
    }
    if (node >= 0 && node < Math.max(overlay, mounted)) {
      violations.add("the node is uninstalled before the gateway stops calling it: " + commands);
    }
    if (removal.contains("volumes=null") || removal.contains("volumeMounts=null")) {
      violations.add("removal drops whole lists, the user's own entries with them");
    }
    PodChanges added = podChanges(manifests);
    Optional<JsonNode> unpatch = unpatch(removal);
    if (unpatch.isEmpty()) {
      unpatch = patchVariable(removal); // the Helm steps' lists, taken out by a patch
    }
    for (String key : added.annotations().keySet()) {
      boolean removed =
          removal.contains("podAnnotations." + key.replace(".", "\\.") + "=")
              || unpatch
                  .filter(p -> p.at("/spec/template/metadata/annotations").has(key))
                  .isPresent()
              || removal.contains("the pod annotation " + key)
              || removal.contains("/spec/infrastructure/parametersRef");
      if (!removed) {
        violations.add("removal leaves the annotation " + key);
      }
    }
    for (String volume : added.volumes()) {
      boolean removed =
          unpatch
                  .filter(
                      p ->
                          p.toString()
                              .contains("{\"name\":\"" + volume + "\",\"$patch\":\"delete\"}"))
                  .isPresent()
              || removal.contains("of volume " + volume)
              || removal.contains("/spec/infrastructure/parametersRef");
      if (!removed) {
        violations.add("removal leaves the volume " + volume);
      }
    }
    return violations;
  }

  /**
   * A gateway Deployment with the user's own volume, mount and annotations, patched as INSTALL.md
   * step "Change the gateway's pods" does and then unpatched as its removal does, by the real
   * kubectl (strategic merge, client side): the user's entries are there throughout, the
   * connector's are added, and afterwards the Deployment is as it was. For the Helm gateway, the
   * lists INSTALL.md hands to Helm are checked the same way.
   */
  static List<String> removalRestoresTheDeployment(Manifests manifests, Path work)
      throws IOException, InterruptedException {
    String removal = removal(manifests);
    Optional<String> overlayFile =
        manifests.get("gateway-deployment-patch.yaml").map(Manifest::fileName);
    Optional<JsonNode> addPatch =
        overlayFile.isPresent()
            ? Optional.of(yaml(manifests.get(overlayFile.get()).orElseThrow().content()))
            : patchVariable(section(manifests, "## ", "Change the gateway's pods"));
    Optional<JsonNode> unpatch =
        overlayFile.isPresent() ? unpatch(removal) : patchVariable(removal);
    if (addPatch.isEmpty() || unpatch.isEmpty()) {
      return List.of(); // the gateway kind changes no Deployment by patch
    }
    ObjectNode before = userDeployment();
    JsonNode installed = kubectlPatch(work, before, addPatch.get());
    JsonNode removed = kubectlPatch(work, installed, unpatch.get());
    List<String> violations = new ArrayList<>();
    if (!installed.toString().contains("\"user-logs\"")
        || !installed.at("/spec/template/metadata/annotations/team").asText().equals("edge")) {
      violations.add("installing drops the user's own entries: " + installed.at("/spec/template"));
    }
    if (installed.at("/spec/template/spec/volumes").size() <= 1
        && !podChanges(manifests).volumes().isEmpty()) {
      violations.add("installing adds no volume: " + installed.at("/spec/template"));
    }
    JsonNode expectedTemplate = before.at("/spec/template");
    if (!removed.at("/spec/template").equals(expectedTemplate)) {
      violations.add(
          "removal does not restore the Deployment: "
              + removed.at("/spec/template")
              + " instead of "
              + expectedTemplate);
    }
    return violations;
  }

  private static ObjectNode userDeployment() throws IOException {
    return (ObjectNode)
        JSON.readTree(
            """
            {"apiVersion": "apps/v1", "kind": "Deployment",
             "metadata": {"name": "edge-gateway", "namespace": "edge"},
             "spec": {"selector": {"matchLabels": {"app": "edge-gateway"}},
              "template": {
               "metadata": {"labels": {"app": "edge-gateway"},
                            "annotations": {"inject.istio.io/templates": "gateway", "team": "edge"}},
               "spec": {
                "volumes": [{"name": "user-logs", "emptyDir": {}}],
                "containers": [{"name": "istio-proxy", "image": "auto",
                                "volumeMounts": [{"name": "user-logs", "mountPath": "/var/log/edge"}]}]}}}}
            """);
  }

  private static JsonNode kubectlPatch(Path work, JsonNode object, JsonNode patch)
      throws IOException, InterruptedException {
    Path input = Files.writeString(work.resolve("deployment.json"), object.toString());
    ProcessBuilder command =
        new ProcessBuilder(
                "kubectl",
                "patch",
                "--local",
                "--filename",
                input.toString(),
                "--type",
                "strategic",
                "--patch",
                patch.toString(),
                "--output",
                "json")
            .redirectErrorStream(true);
    Process kubectl;
    try {
      kubectl = command.start();
    } catch (IOException e) {
      throw new AssertionError(
          "kubectl is not on the PATH: this check patches with the real kubectl, locally (install"
              + " one, for example apt-get install kubernetes-client, as .ci/run does)",
          e);
    }
    String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
      throw new AssertionError("kubectl patch --local failed: " + output);
    }
    return JSON.readTree(output);
  }

  /** The JSON of a {@code --patch '...'} argument of a {@code kubectl patch deployment}. */
  private static Optional<JsonNode> unpatch(String text) throws IOException {
    Matcher patch =
        Pattern.compile("patch deployment [^\\n]*\\\\\\n[^\\n]*--patch '(\\{[^']*})'")
            .matcher(text);
    return patch.find() ? Optional.of(JSON.readTree(patch.group(1))) : Optional.empty();
  }

  /** The JSON of a {@code PATCH='...'} line, as the Helm steps give it to kubectl. */
  private static Optional<JsonNode> patchVariable(String text) throws IOException {
    Matcher patch = Pattern.compile("PATCH='(\\{[^']*})'").matcher(text);
    return patch.find() ? Optional.of(JSON.readTree(patch.group(1))) : Optional.empty();
  }

  private static String removal(Manifests manifests) {
    return section(manifests, "## Removing", "");
  }

  /**
   * The section of INSTALL.md whose heading starts with {@code heading} and contains {@code title}.
   */
  private static String section(Manifests manifests, String heading, String title) {
    String install = manifests.get("INSTALL.md").map(Manifest::content).orElse("");
    int start = -1;
    for (String line : install.split("\n")) {
      if (line.startsWith(heading) && line.contains(title)) {
        start = install.indexOf(line);
        break;
      }
    }
    if (start < 0) {
      return "";
    }
    int end = install.indexOf("\n## ", start + 1);
    return install.substring(start, end < 0 ? install.length() : end);
  }

  /** The shell commands of a section's code blocks, continuation lines joined, comments kept. */
  private static List<String> commands(String section) {
    List<String> commands = new ArrayList<>();
    StringBuilder command = new StringBuilder();
    boolean code = false;
    for (String line : section.split("\n")) {
      if (line.startsWith("```")) {
        code = !code;
        continue;
      }
      if (!code) {
        continue;
      }
      command.append(line.strip());
      if (line.endsWith("\\")) {
        command.setLength(command.length() - 1);
        continue;
      }
      commands.add(command.toString().strip());
      command.setLength(0);
    }
    return commands;
  }

  private static int index(List<String> commands, String... starts) {
    for (int i = 0; i < commands.size(); i++) {
      for (String start : starts) {
        if (commands.get(i).startsWith(start) || commands.get(i).contains(" " + start)) {
          return i;
        }
      }
    }
    return -1;
  }

  private static Optional<JsonNode> document(Manifests manifests, String file) {
    return manifests.get(file).map(manifest -> yaml(manifest.content()));
  }

  private static JsonNode yaml(String text) {
    try {
      return ConformanceTest.parseAll(new Manifest("x.yaml", text, false)).get(0);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void read(JsonNode map, Map<String, String> into) {
    Iterator<Map.Entry<String, JsonNode>> fields = map.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      into.put(field.getKey(), field.getValue().asText());
    }
  }
}
