package dev.meshmirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Through the front door: a random value (YAML, Lua and shell metacharacters, control characters,
 * unicode) in any string field of a spec is either refused with problems that name that field, or
 * accepted and found, exactly, in the rendered documents (as a YAML value, or as one shell word in
 * INSTALL.md). Never anything in between.
 */
class SpecPropertyTest {
  private static final MeshMirror MESH_MIRROR = MeshMirror.create();
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final List<String> FIELDS =
      List.of(
          "metadata.name",
          "spec.gateway.namespace",
          "spec.gateway.name",
          "spec.node.host",
          "spec.node.clusterName",
          "spec.node.tls.sni",
          "spec.node.tls.caFile",
          "spec.cloud.apiHost",
          "spec.nodeInstall.namespace",
          "spec.nodeInstall.release",
          "spec.nodeInstall.chartVersion",
          "spec.nodeInstall.certificate.existingSecret");
  private static final String[] PIECES = {
    "a",
    "z",
    "0",
    "9",
    "-",
    ".",
    "/",
    ":",
    ": ",
    "#",
    " ",
    "'",
    "\"",
    "\\",
    "{",
    "}",
    "[",
    "]",
    ",",
    "&",
    "*",
    "!",
    "|",
    ">",
    "%",
    "@",
    "`",
    "?",
    "~",
    "\n",
    "\t",
    "\u0000",
    "\u001b",
    "é",
    "中",
    "😀",
    "\u2028",
    "${",
    "{{",
    "]]",
    "--",
    "ns",
    "wallarm",
    "example.com",
    "svc"
  };

  /** Every other round draws from these, so that accepted values are common too. */
  private static final String[] SAFE = {
    "a", "z", "0", "9", "-", ".", "/", "ns", "wallarm", "example.com", "svc", "é"
  };

  @Test
  void aValueIsRefusedWithItsFieldNamedOrRenderedExactly() throws Exception {
    Random random = new Random(20261126L);
    int accepted = 0;
    int refused = 0;
    for (int round = 0; round < 1500; round++) {
      String field = FIELDS.get(random.nextInt(FIELDS.size()));
      String value = value(random, round % 2 == 0 ? SAFE : PIECES);
      Validation validation = MESH_MIRROR.validate(base().set(field, value));
      if (!validation.isValid()) {
        refused++;
        for (Problem problem : validation.problems()) {
          assertTrue(
              problem
                      .path()
                      .startsWith(
                          field.replaceFirst("\\.certificate\\.existingSecret$", ".certificate"))
                  || problem.path().startsWith(field),
              () -> field + " = " + value + " gave " + problem.describe());
          assertFalse(problem.message().isBlank());
        }
        continue;
      }
      accepted++;
      Manifests manifests = MESH_MIRROR.render(validation.spec().orElseThrow());
      assertEquals(
          value, rendered(field, manifests), () -> field + " = " + value + " is rendered as is");
    }
    assertTrue(
        accepted > 100 && refused > 100,
        "both outcomes exercised: " + accepted + " accepted, " + refused + " refused");
  }

  /**
   * Where each field lands in the output, read back by the consumer's own parser: YAML by a YAML
   * parser, INSTALL.md's helm command by a real /bin/sh.
   */
  private static String rendered(String field, Manifests manifests) throws Exception {
    JsonNode cluster = yaml(manifests, "envoyfilter-cluster.yaml");
    JsonNode value = cluster.at("/spec/configPatches/0/patch/value");
    JsonNode tls = value.at("/transport_socket/typed_config");
    JsonNode node = yaml(manifests, "node-values.yaml");
    return switch (field) {
      case "metadata.name" -> cluster.at("/metadata/labels/app.kubernetes.io~1part-of").asText();
      case "spec.gateway.namespace" -> cluster.at("/metadata/namespace").asText();
      case "spec.gateway.name" -> cluster.at("/spec/workloadSelector/labels/app").asText();
      case "spec.node.host" ->
          value
              .at(
                  "/load_assignment/endpoints/0/lb_endpoints/0/endpoint/address/socket_address/address")
              .asText();
      case "spec.node.clusterName" -> value.at("/name").asText();
      case "spec.node.tls.sni" -> tls.at("/sni").asText();
      case "spec.node.tls.caFile" ->
          tls.at(
                  "/common_tls_context/combined_validation_context/validation_context_sds_secret_config/name")
              .asText()
              .replaceFirst("^file-root:", "");
      case "spec.cloud.apiHost" -> node.at("/config/api/host").asText();
      case "spec.nodeInstall.certificate.existingSecret" ->
          node.at("/config/connector/certificate/existingSecret/name").asText();
      case "spec.nodeInstall.namespace" -> helmArgument(manifests, "--namespace");
      case "spec.nodeInstall.release" -> helmArgument(manifests, "--install");
      case "spec.nodeInstall.chartVersion" -> helmArgument(manifests, "--version");
      default -> throw new AssertionError("no output location known for " + field);
    };
  }

  private static JsonNode yaml(Manifests manifests, String file) throws IOException {
    return YAML.readTree(manifests.get(file).orElseThrow().content());
  }

  /** The word after {@code option} in INSTALL.md's helm install command, as /bin/sh splits it. */
  private static String helmArgument(Manifests manifests, String option) throws Exception {
    String install = manifests.get("INSTALL.md").orElseThrow().content();
    int start = install.indexOf("helm upgrade --install ");
    int end = install.indexOf("\n", start);
    while (install.charAt(end - 1) == '\\') {
      end = install.indexOf("\n", end + 1);
    }
    String command = install.substring(start, end);
    Process shell =
        new ProcessBuilder(
                "/bin/sh",
                "-c",
                "helm() { printf '%s\\0' \"$@\"; }\nWALLARM_API_TOKEN=t\n" + command)
            .start();
    String out = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, shell.waitFor());
    List<String> words = List.of(out.split("\u0000"));
    return words.get(words.indexOf(option) + 1);
  }

  /**
   * A valid spec with TLS on, trusting a CA bundle the user mounts (caFile), so no name is refused
   * for it.
   */
  private static SpecBuilder base() {
    return SpecBuilder.connector("wallarm")
        .set("spec.istio.version", "1.24")
        .set("spec.gateway.type", "helm")
        .set("spec.gateway.namespace", "istio-ingress")
        .set("spec.gateway.name", "istio-ingressgateway")
        .set("spec.transport", "ext-proc")
        .set("spec.node.tls.enabled", true)
        .set("spec.node.tls.caFile", "/etc/meshmirror/ca.pem")
        .set("spec.cloud.region", "us")
        .set("spec.nodeInstall.certificate.existingSecret", "node-tls");
  }

  private static String value(Random random, String[] pieces) {
    StringBuilder value = new StringBuilder();
    int parts = 1 + random.nextInt(5);
    for (int i = 0; i < parts; i++) {
      value.append(pieces[random.nextInt(pieces.length)]);
    }
    return value.toString();
  }

  private static void collect(JsonNode node, List<String> scalars) {
    if (node.isContainerNode()) {
      node.fieldNames().forEachRemaining(scalars::add);
      node.forEach(child -> collect(child, scalars));
    } else {
      scalars.add(node.asText());
    }
  }
}
