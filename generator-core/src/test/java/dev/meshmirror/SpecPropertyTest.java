package dev.meshmirror;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.meshmirror.internal.render.Quoting;
import java.util.ArrayList;
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
      List<String> scalars = new ArrayList<>();
      for (Manifest manifest : manifests.all()) {
        if (manifest.fileName().endsWith(".yaml")) {
          for (JsonNode document :
              YAML.readerFor(JsonNode.class).<JsonNode>readValues(manifest.content()).readAll()) {
            collect(document, scalars);
          }
        }
      }
      String install = manifests.get("INSTALL.md").orElseThrow().content();
      assertTrue(
          scalars.stream().anyMatch(s -> s.contains(value))
              || install.contains(Quoting.shell(value)),
          () -> field + " = " + value + " was accepted but is not in the output");
    }
    assertTrue(
        accepted > 100 && refused > 100,
        "both outcomes exercised: " + accepted + " accepted, " + refused + " refused");
  }

  private static SpecBuilder base() {
    return TestSpecs.helmExtProc()
        .set("spec.node.tls.enabled", true)
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
