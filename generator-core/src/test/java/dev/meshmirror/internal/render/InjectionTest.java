package dev.meshmirror.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.meshmirror.Manifest;
import dev.meshmirror.Manifests;
import dev.meshmirror.MeshMirror;
import dev.meshmirror.Validation;
import dev.meshmirror.internal.model.Connector;
import dev.meshmirror.internal.model.Connector.Attachment;
import dev.meshmirror.internal.model.Connector.CaFile;
import dev.meshmirror.internal.model.Connector.Capture;
import dev.meshmirror.internal.model.Connector.CertManagerIssuer;
import dev.meshmirror.internal.model.Connector.Certificate;
import dev.meshmirror.internal.model.Connector.CircuitBreakers;
import dev.meshmirror.internal.model.Connector.Cloud;
import dev.meshmirror.internal.model.Connector.ExistingSecret;
import dev.meshmirror.internal.model.Connector.FilterResource;
import dev.meshmirror.internal.model.Connector.Gateway;
import dev.meshmirror.internal.model.Connector.Istio;
import dev.meshmirror.internal.model.Connector.Memory;
import dev.meshmirror.internal.model.Connector.MountedCa;
import dev.meshmirror.internal.model.Connector.Node;
import dev.meshmirror.internal.model.Connector.NodeInstall;
import dev.meshmirror.internal.model.Connector.Plugin;
import dev.meshmirror.internal.model.Connector.PluginDelivery;
import dev.meshmirror.internal.model.Connector.PluginSource;
import dev.meshmirror.internal.model.Connector.Reach;
import dev.meshmirror.internal.model.Connector.Region;
import dev.meshmirror.internal.model.Connector.Tls;
import dev.meshmirror.internal.model.GatewayKind;
import dev.meshmirror.internal.model.IstioVersion;
import dev.meshmirror.internal.model.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * No value can change the structure of a generated document. The renderer is tested below the
 * schema (a model built directly, so nothing has been filtered): for random strings full of YAML,
 * shell and template metacharacters, control characters and unicode, placed in every string field
 * that reaches output, each YAML file parses to exactly the documents rendered with a plain token,
 * with the token replaced by the value, and nothing else.
 */
class InjectionTest {
  private static final MeshMirror MESH_MIRROR = MeshMirror.create();
  private static final Renderer RENDERER = new Renderer();
  private static final String TOKEN = "plaintoken";
  private static final List<String> FIELDS =
      List.of(
          "name",
          "rootNamespace",
          "gatewayNamespace",
          "gatewayName",
          "labelKey",
          "labelValue",
          "host",
          "clusterName",
          "sni",
          "caFile",
          "apiHost",
          "redactHeader",
          "nodeNamespace",
          "release",
          "chartVersion",
          "secret",
          "issuer");
  private static final String[] ALPHABET = {
    ":", ": ", "#", " #", "'", "\"", "\\", "{", "}", "[", "]", ",", "&", "*", "!", "|", ">", "%",
    "@", "`", "-", "- ", "?", "~", "\n", "\r\n", "\t", " ", "---", "...", "{{", "}}", "${", "<#",
    "$(", ";", "]]", "--[[", "é", "中", "😀", "\u2028", "\u2029", "\uFEFF", "\u0085", "\u0000",
    "\u0007", "\u001b", "\u007f", "null", "true", "~", "0x1F", "1e3", "yes", "a", "b", "0"
  };

  @Test
  void randomValuesInEveryFieldNeverChangeStructure() throws IOException {
    Random random = new Random(20261125L);
    int checked = 0;
    for (int round = 0; round < 40; round++) {
      for (String field : FIELDS) {
        for (boolean targetRefs : new boolean[] {false, true}) {
          String value = randomValue(random);
          Manifests plain = render(values(field, TOKEN), targetRefs);
          Manifests evil = render(values(field, value), targetRefs);
          for (Manifest manifest : plain.all()) {
            if (manifest.fileName().endsWith(".yaml")) {
              assertSameStructure(
                  manifest, evil.get(manifest.fileName()).orElseThrow(), value, field);
              checked++;
            }
          }
        }
      }
    }
    assertTrue(checked > 5000, "checked " + checked + " documents");
  }

  @Test
  void aValidSpecFullOfMetacharactersRoundTrips() throws IOException {
    String caFile = "/etc/ssl/x: {y} #z 'q' \"w\" {{ .Values }} ${env} <#if> ]] --[[ é中😀";
    String spec =
        """
        apiVersion: meshmirror.dev/v1alpha1
        kind: Connector
        metadata: {name: wallarm}
        spec:
          istio: {version: "1.24"}
          gateway: {type: helm, namespace: istio-ingress, name: istio-ingressgateway}
          transport: ext-proc
          node:
            host: node.example.com
            tls: {enabled: true, caFile: %s}
          nodeInstall: {enabled: false}
        """
            .formatted(Quoting.yaml(caFile));
    Validation validation = MESH_MIRROR.validate("spec.yaml", spec);
    assertEquals(List.of(), validation.problems());
    Manifest cluster =
        MESH_MIRROR
            .render(validation.spec().orElseThrow())
            .get("envoyfilter-cluster.yaml")
            .orElseThrow();
    JsonNode tls =
        parse(cluster).get(0).at("/spec/configPatches/0/patch/value/transport_socket/typed_config");
    assertEquals(
        "file-root:" + caFile,
        tls.at(
                "/common_tls_context/combined_validation_context/validation_context_sds_secret_config/name")
            .asText());
  }

  @Test
  void shellQuotingRoundTripsThroughARealShell() throws Exception {
    Random random = new Random(7);
    List<String> values = new ArrayList<>();
    StringBuilder script = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      String value = randomValue(random).replace("\u0000", "");
      values.add(value);
      script.append("printf '%s\\0' ").append(Quoting.shell(value)).append('\n');
    }
    Process shell =
        new ProcessBuilder("/bin/sh", "-c", script.toString()).redirectErrorStream(true).start();
    String out = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, shell.waitFor());
    assertEquals(values, List.of(out.split("\u0000", -1)).subList(0, values.size()));
  }

  private static void assertSameStructure(Manifest plain, Manifest evil, String value, String field)
      throws IOException {
    Map<String, String> expected = new TreeMap<>();
    flatten(parse(plain), "", expected, value);
    Map<String, String> actual = new TreeMap<>();
    flatten(parse(evil), "", actual, null);
    assertEquals(
        expected, actual, () -> plain.fileName() + " with " + field + " = " + printable(value));
  }

  /**
   * Scalars by path; with {@code substitute}, the plain token is replaced by it in paths and
   * values.
   */
  private static void flatten(
      Object node, String path, Map<String, String> out, String substitute) {
    if (node instanceof List<?> documents) {
      for (int i = 0; i < documents.size(); i++) {
        flatten(documents.get(i), path + "/doc" + i, out, substitute);
      }
      return;
    }
    JsonNode json = (JsonNode) node;
    if (json.isContainerNode()) {
      Iterator<Map.Entry<String, JsonNode>> fields = json.isObject() ? json.fields() : null;
      if (fields == null) {
        for (int i = 0; i < json.size(); i++) {
          flatten(json.get(i), path + "/" + i, out, substitute);
        }
        return;
      }
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> entry = fields.next();
        flatten(entry.getValue(), path + "/" + swap(entry.getKey(), substitute), out, substitute);
      }
      return;
    }
    if (path.endsWith("mounted-sha256")) {
      out.put(path, "checksum"); // a digest of the values: it changes with them, and must
      return;
    }
    if (path.endsWith("/proxy.istio.io/config")) {
      // JSON inside YAML (the proxy config annotation): its structure must hold too.
      try {
        flatten(JSON_READER.readTree(json.asText()), path + "/json", out, substitute);
      } catch (IOException e) {
        throw new AssertionError(path + " is not JSON: " + e.getMessage(), e);
      }
      return;
    }
    if (path.endsWith("/data/deployment")) {
      // YAML inside YAML (the Gateway options' Deployment patch): its structure must hold too.
      try {
        flatten(YAML_READER.readTree(json.asText()), path + "/yaml", out, substitute);
      } catch (IOException e) {
        throw new AssertionError(path + " is not YAML: " + e.getMessage(), e);
      }
      return;
    }
    out.put(path, json.getNodeType() + ":" + swap(json.asText(), substitute));
  }

  private static final YAMLMapper YAML_READER = new YAMLMapper();
  private static final ObjectMapper JSON_READER = new ObjectMapper();

  private static String swap(String text, String substitute) {
    if (substitute == null) {
      return text;
    }
    // The connector's name in Envoy's names (stat prefixes) is written with '_' for '-'.
    return text.replace("meshmirror_" + TOKEN, "meshmirror_" + substitute.replace('-', '_'))
        .replace(TOKEN, substitute);
  }

  private static List<JsonNode> parse(Manifest manifest) throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> it =
        new YAMLMapper().readerFor(JsonNode.class).readValues(manifest.content())) {
      while (it.hasNext()) {
        documents.add(it.next());
      }
    }
    return documents;
  }

  private static String randomValue(Random random) {
    StringBuilder value = new StringBuilder();
    int parts = 1 + random.nextInt(8);
    for (int i = 0; i < parts; i++) {
      value.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return value.toString();
  }

  private static Map<String, String> values(String field, String value) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : FIELDS) {
      values.put(name, name.toLowerCase(java.util.Locale.ROOT) + "x");
    }
    values.put(field, value);
    return values;
  }

  private static Manifests render(Map<String, String> v, boolean targetRefs) {
    Certificate certificate =
        targetRefs
            ? new CertManagerIssuer(v.get("issuer"), "Issuer")
            : new ExistingSecret(v.get("secret"));
    Connector spec =
        new Connector(
            v.get("name"),
            new Istio(IstioVersion.V1_26, v.get("rootNamespace")),
            new Gateway(
                targetRefs ? GatewayKind.GATEWAY_API : GatewayKind.HELM,
                v.get("gatewayNamespace"),
                v.get("gatewayName"),
                Map.of(v.get("labelKey"), v.get("labelValue")),
                targetRefs ? Attachment.TARGET_REFS : Attachment.WORKLOAD_SELECTOR,
                new ObjectMapper()
                    .createObjectNode()
                    .put("discoveryAddress", v.get("host"))
                    .toString()),
            Transport.EXT_PROC,
            new Node(
                v.get("host"),
                5080,
                v.get("clusterName"),
                new Tls(
                    true,
                    v.get("sni"),
                    targetRefs
                        ? new MountedCa(false, v.get("caFile"), "ca.crt")
                        : new CaFile(v.get("caFile"))),
                Duration.ofSeconds(5),
                Duration.ofMillis(1500),
                new CircuitBreakers(1, 2, 3)),
            new Cloud(Optional.of(Region.EU), Optional.of(v.get("apiHost"))),
            100,
            new Capture(
                true,
                false,
                65536,
                List.of(),
                List.of(v.get("redactHeader")),
                new Memory(67108864, 2, 4)),
            new Plugin(
                PluginSource.BUNDLED,
                PluginDelivery.INLINE,
                FilterResource.ENVOY_FILTER,
                Optional.empty()),
            new NodeInstall(
                true,
                v.get("nodeNamespace"),
                v.get("release"),
                v.get("chartVersion"),
                Optional.of(certificate),
                Reach.PODS));
    return RENDERER.render(spec);
  }

  private static String printable(String value) {
    StringBuilder out = new StringBuilder();
    value
        .codePoints()
        .forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u{%x}", c) : (char) c));
    return out.toString();
  }
}
