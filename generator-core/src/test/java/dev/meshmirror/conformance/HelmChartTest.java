package dev.meshmirror.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.marcnuri.helm.Helm;
import dev.meshmirror.Manifest;
import dev.meshmirror.Manifests;
import dev.meshmirror.MeshMirror;
import dev.meshmirror.ReferenceData;
import dev.meshmirror.SpecBuilder;
import dev.meshmirror.Validation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real Helm engine (helm-java, Helm's Go code through JNI) renders the real istio/gateway chart
 * of each saved release from {@code ../shared/reference/istio/charts/} with the generated {@code
 * gateway-values.yaml}: the gateway Deployment must mount every module ConfigMap into its
 * istio-proxy container where the filter requires it, carry the checksum annotation that rolls the
 * pods, and have pods that the EnvoyFilters' workloadSelector selects.
 */
class HelmChartTest {
  private static final MeshMirror MESH_MIRROR = MeshMirror.create();

  @TempDir Path temp;

  @ParameterizedTest(name = "istio/gateway chart of Istio 1.{0}")
  @ValueSource(ints = {20, 24, 28, 31})
  void theChartMountsTheModulesAndCarriesTheSelectedLabels(int minor) throws IOException {
    Manifests manifests = render(minor);
    Path values = temp.resolve("gateway-values.yaml");
    Files.writeString(values, manifests.get("gateway-values.yaml").orElseThrow().content());
    Path chart = chart(minor);
    assumeChartTakesValuesAtAll(chart, minor);
    String rendered =
        new Helm(chart)
            .template()
            .withName("istio-ingressgateway")
            .withNamespace("istio-ingress")
            .withValuesFile(values)
            .call();
    JsonNode deployment = deployment(rendered);
    JsonNode pod = deployment.at("/spec/template");

    Map<String, String> volumes = new HashMap<>(); // volume name -> ConfigMap
    pod.at("/spec/volumes")
        .forEach(v -> volumes.put(v.path("name").asText(), v.at("/configMap/name").asText()));
    JsonNode proxy = null;
    for (JsonNode container : pod.at("/spec/containers")) {
      if (container.path("name").asText().equals("istio-proxy")) {
        proxy = container;
      }
    }
    assertTrue(proxy != null, "the chart's Deployment has an istio-proxy container");
    Map<String, String> mounts = new HashMap<>(); // volume name -> mount path
    proxy
        .path("volumeMounts")
        .forEach(m -> mounts.put(m.path("name").asText(), m.path("mountPath").asText()));

    for (JsonNode configMap : configMaps(manifests)) {
      String name = configMap.at("/metadata/name").asText();
      assertEquals(name, volumes.get(name), "a volume of ConfigMap " + name);
      assertTrue(mounts.containsKey(name), "istio-proxy mounts " + name + ": " + mounts);
    }
    assertEquals("/usr/local/share/lua/5.1/meshmirror_extproc", mounts.get("wallarm-lua-extproc"));
    assertEquals(
        "wallarm-node-ca", volumes.get("wallarm-node-ca"), "the node's CA, from its ConfigMap");
    assertEquals("/etc/meshmirror/wallarm/node-ca", mounts.get("wallarm-node-ca"));
    for (JsonNode volume : pod.at("/spec/volumes")) {
      if (volume.path("name").asText().equals("wallarm-node-ca")) {
        assertEquals(
            "[{\"key\":\"ca.crt\",\"path\":\"ca.crt\"}]",
            volume.at("/configMap/items").toString(),
            "the CA's volume projects its one key");
      }
    }
    assertTrue(
        pod.at("/metadata/annotations/meshmirror.dev~1mounted-sha256").isTextual(),
        "the pods carry the mounted files' checksum: " + pod.at("/metadata/annotations"));
    assertTrue(
        pod.at("/metadata/annotations/proxy.istio.io~1config")
            .asText()
            .contains("\"inclusionPrefixes\":[\"cluster.meshmirror_wallarm.\"]"),
        "the pods carry the stats inclusions: " + pod.at("/metadata/annotations"));

    JsonNode selector = filter(manifests).at("/spec/workloadSelector/labels");
    selector
        .fields()
        .forEachRemaining(
            label ->
                assertEquals(
                    label.getValue().asText(),
                    pod.at("/metadata/labels").path(label.getKey()).asText(),
                    "the EnvoyFilters' workloadSelector label "
                        + label.getKey()
                        + " is on the chart's pods"));
  }

  /**
   * Some saved charts cannot be rendered by this Helm with any values file: the 1.24 chart's
   * values.schema.json puts additionalProperties: false beside its $ref, which the Helm in
   * helm-java applies, refusing every key, even the chart's own defaults. Such a chart says nothing
   * about our values.
   */
  private void assumeChartTakesValuesAtAll(Path chart, int minor) throws IOException {
    Path plain = Files.writeString(temp.resolve("plain-values.yaml"), "replicaCount: 1\n");
    try {
      new Helm(chart)
          .template()
          .withName("istio-ingressgateway")
          .withNamespace("istio-ingress")
          .withValuesFile(plain)
          .call();
    } catch (IllegalStateException e) {
      Assumptions.abort(
          "this Helm refuses any values file for the istio/gateway chart of 1."
              + minor
              + ": "
              + e.getMessage().strip());
    }
  }

  private static Manifests render(int minor) {
    Validation validation =
        MESH_MIRROR.validate(
            SpecBuilder.connector("wallarm")
                .set("spec.istio.version", "1." + minor)
                .set("spec.gateway.type", "helm")
                .set("spec.gateway.namespace", "istio-ingress")
                .set("spec.gateway.name", "istio-ingressgateway")
                .set("spec.transport", "lua")
                .set("spec.plugin.delivery", "configmap")
                .set("spec.node.tls.enabled", true)
                .set("spec.node.tls.ca.configMap.name", "wallarm-node-ca")
                .set("spec.cloud.region", "eu")
                .set("spec.nodeInstall.certificate.certManagerIssuer.name", "wallarm-node-ca"));
    assertEquals(List.of(), validation.problems());
    return MESH_MIRROR.render(validation.spec().orElseThrow());
  }

  /** A copy of the pinned chart: Helm may write beside a chart. */
  private Path chart(int minor) throws IOException {
    Path source = ReferenceData.folder("istio/charts/gateway-release-1." + minor);
    Path copy = temp.resolve("gateway-1." + minor);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path target = copy.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    return copy;
  }

  private static JsonNode deployment(String rendered) throws IOException {
    for (JsonNode document : documents(rendered)) {
      if (document.path("kind").asText().equals("Deployment")) {
        return document;
      }
    }
    throw new AssertionError("the chart rendered no Deployment:\n" + rendered);
  }

  private static List<JsonNode> configMaps(Manifests manifests) throws IOException {
    List<JsonNode> configMaps = new ArrayList<>();
    for (Manifest manifest : manifests.applied()) {
      JsonNode object = ConformanceTest.parseAll(manifest).get(0);
      if (object.path("kind").asText().equals("ConfigMap")) {
        configMaps.add(object);
      }
    }
    assertEquals(1, configMaps.size(), "the connector module's ConfigMap");
    assertTrue(
        configMaps.stream().allMatch(m -> m.at("/metadata/name").asText().startsWith("wallarm-")),
        "ConfigMaps carry the connector's name");
    return configMaps;
  }

  private static JsonNode filter(Manifests manifests) throws IOException {
    return ConformanceTest.parseAll(manifests.get("envoyfilter-lua.yaml").orElseThrow()).get(0);
  }

  private static List<JsonNode> documents(String yaml) throws IOException {
    List<JsonNode> all = new ArrayList<>();
    try (MappingIterator<JsonNode> documents =
        IstioCrd.yaml().readerFor(JsonNode.class).readValues(yaml)) {
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document != null && !document.isNull() && !document.isMissingNode()) {
          all.add(document);
        }
      }
    }
    return all;
  }
}
