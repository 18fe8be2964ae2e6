package dev.meshmirror.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshmirror.Manifest;
import dev.meshmirror.Manifests;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Properties that every rendered connector must have whatever its variant, checked on the output
 * itself (never on how it was produced), so that a new gateway kind or transport that is wired
 * half-way fails them. Each returns what violates it: empty when the output is right.
 */
final class Invariants {
  /** File names INSTALL.md names: in backticks, or as arguments of -f, --values, --patch-file. */
  private static final Pattern FILE_NAME =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.(?:yaml|md)\\b");

  /** The user's own files that INSTALL.md asks them to bring, not generated ones. */
  private static final Set<String> USERS_OWN = Set.of("your-istio-operator.yaml");

  private Invariants() {}

  /** Every file INSTALL.md tells the user to apply, patch, merge or read is among the manifests. */
  static List<String> installNamesOnlyGeneratedFiles(Manifests manifests) {
    String install = manifests.get("INSTALL.md").map(Manifest::content).orElse("");
    Set<String> missing = new LinkedHashSet<>();
    if (install.isEmpty()) {
      missing.add("INSTALL.md itself");
    }
    Matcher name = FILE_NAME.matcher(install);
    while (name.find()) {
      if (!USERS_OWN.contains(name.group()) && manifests.get(name.group()).isEmpty()) {
        missing.add(name.group());
      }
    }
    return List.copyOf(missing);
  }

  /** Every cluster that an ext_proc filter streams gRPC to speaks HTTP/2. */
  static List<String> grpcClustersSpeakHttp2(Manifests manifests) throws IOException {
    Map<String, JsonNode> clusters = new HashMap<>();
    List<String> grpcClusters = new ArrayList<>();
    for (JsonNode patch : patches(manifests)) {
      JsonNode value = patch.path("patch").path("value");
      if (patch.path("applyTo").asText().equals("CLUSTER")) {
        clusters.put(value.path("name").asText(), value);
      }
      JsonNode grpc =
          value.path("typed_config").path("grpc_service").path("envoy_grpc").path("cluster_name");
      if (grpc.isTextual()) {
        grpcClusters.add(grpc.asText());
      }
    }
    List<String> violations = new ArrayList<>();
    for (String name : grpcClusters) {
      JsonNode cluster = clusters.get(name);
      if (cluster == null) {
        violations.add("gRPC cluster " + name + " is not defined");
      } else if (cluster
          .at(
              "/typed_extension_protocol_options/envoy.extensions.upstreams.http.v3.HttpProtocolOptions"
                  + "/explicit_http_config/http2_protocol_options")
          .isMissingNode()) {
        violations.add("gRPC cluster " + name + " does not speak HTTP/2");
      }
    }
    return violations;
  }

  /**
   * When files reach the gateway as ConfigMaps, a file the gateway's installation takes mounts
   * every one of them: it names the ConfigMap and where it is mounted.
   */
  static List<String> mountedConfigMapsAreMounted(Manifests manifests) throws IOException {
    Map<String, Manifest> configMaps = new HashMap<>();
    for (Manifest manifest : manifests.applied()) {
      JsonNode object = ConformanceTest.parseAll(manifest).get(0);
      if (object.path("kind").asText().equals("ConfigMap")
          && object.at("/data/init.lua").isTextual()) {
        configMaps.put(object.at("/metadata/name").asText(), manifest);
      }
    }
    List<String> violations = new ArrayList<>();
    for (String configMap : configMaps.keySet()) {
      boolean mounted =
          manifests.all().stream()
              .filter(
                  m ->
                      !configMaps.containsValue(m)
                          && !Set.of("all.yaml", "kustomization.yaml", "INSTALL.md")
                              .contains(m.fileName()))
              .anyMatch(
                  m ->
                      m.content().contains("name: \"" + configMap + "\"")
                          && m.content().contains("mountPath:"));
      if (!mounted) {
        violations.add(
            "ConfigMap " + configMap + " is mounted by no file of the gateway's installation");
      }
    }
    return violations;
  }

  /**
   * Every volume mounted from a ConfigMap or Secret is optional: a missing one never stops a pod.
   */
  static List<String> mountedVolumesAreOptional(Manifests manifests) throws IOException {
    List<String> violations = new ArrayList<>();
    for (Manifest manifest : manifests.all()) {
      if (!manifest.fileName().endsWith(".yaml") || manifest.fileName().equals("all.yaml")) {
        continue;
      }
      for (JsonNode document : ConformanceTest.parseAll(manifest)) {
        JsonNode nested = document.at("/data/deployment");
        collectVolumes(
            nested.isTextual() ? IstioCrd.yaml().readTree(nested.asText()) : document,
            manifest.fileName(),
            violations);
      }
    }
    return violations;
  }

  private static void collectVolumes(JsonNode node, String file, List<String> violations) {
    if (node.isObject()) {
      for (String source : List.of("configMap", "secret")) {
        JsonNode volume = node.path(source);
        if (volume.isObject()
            && (volume.has("name") || volume.has("secretName"))
            && !volume.path("optional").asBoolean(false)) {
          violations.add(
              file
                  + ": the "
                  + source
                  + " volume "
                  + node.path("name").asText()
                  + " is not optional");
        }
      }
    }
    node.forEach(child -> collectVolumes(child, file, violations));
  }

  /**
   * Every {@code helm upgrade} of INSTALL.md names the chart version, so no upgrade moves Istio.
   */
  static List<String> installPinsEveryChart(Manifests manifests) {
    String install = manifests.get("INSTALL.md").map(Manifest::content).orElse("");
    List<String> unpinned = new ArrayList<>();
    String[] lines = install.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains("helm upgrade ")) {
        StringBuilder command = new StringBuilder(lines[i]);
        for (int j = i; j + 1 < lines.length && lines[j].endsWith("\\"); j++) {
          command.append(lines[j + 1]);
        }
        if (!command.toString().contains("--version ")) {
          unpinned.add(lines[i].strip());
        }
      }
    }
    return unpinned;
  }

  /**
   * The node's cluster verifies the node against the system bundle, or against a CA file that this
   * same output mounts into the gateway: never a file nothing puts there.
   */
  static List<String> clusterTrustsAnExistingCa(Manifests manifests) throws IOException {
    JsonNode cluster =
        ConformanceTest.parseAll(manifests.get("envoyfilter-cluster.yaml").orElseThrow())
            .get(0)
            .at("/spec/configPatches/0/patch/value");
    JsonNode tls = cluster.at("/transport_socket/typed_config");
    if (tls.isMissingNode()) {
      return List.of();
    }
    JsonNode sds =
        tls.at(
            "/common_tls_context/combined_validation_context/validation_context_sds_secret_config");
    String secret = sds.path("name").asText();
    String agent =
        sds.at("/sds_config/api_config_source/grpc_services/0/envoy_grpc/cluster_name").asText();
    if (!secret.startsWith("file-root:") || !agent.equals("sds-grpc")) {
      return List.of(
          "the cluster's CA is not a file istio-agent serves over SDS (file-root: from sds-grpc): "
              + sds);
    }
    String caFile = secret.substring("file-root:".length());
    if (caFile.equals("/etc/ssl/certs/ca-certificates.crt")) {
      return List.of();
    }
    for (Manifest manifest : manifests.all()) {
      for (String line : manifest.content().split("\n")) {
        String trimmed = line.strip();
        if (trimmed.startsWith("mountPath:")) {
          String folder = trimmed.substring("mountPath:".length()).strip().replace("\"", "");
          if (caFile.startsWith(folder + "/")) {
            return List.of();
          }
        }
      }
    }
    return List.of("the cluster trusts " + caFile + ", which nothing in this output mounts");
  }

  private static List<JsonNode> patches(Manifests manifests) throws IOException {
    List<JsonNode> patches = new ArrayList<>();
    for (Manifest manifest : manifests.applied()) {
      JsonNode object = ConformanceTest.parseAll(manifest).get(0);
      object.path("spec").path("configPatches").forEach(patches::add);
    }
    return patches;
  }
}
