package dev.meshmirror.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshmirror.TestPaths;
import dev.meshmirror.internal.model.GatewayKind;
import dev.meshmirror.internal.model.IstioVersion;
import dev.meshmirror.internal.model.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every gateway kind and transport has all of its home: the constant (the compiler walks through
 * its methods), its template folder, and its spelling in the published schema. A half-added variant
 * fails here, naming what is missing.
 */
class VariantHomesTest {
  private static final Path TEMPLATES = TestPaths.REPOSITORY.resolve("templates/src");

  @Test
  void everyGatewayKindHasItsTemplates() {
    List<String> missing = new ArrayList<>();
    for (GatewayKind kind : GatewayKind.values()) {
      for (String file : List.of("overlay.yaml.ftl", "install.md.ftl")) {
        Path template = TEMPLATES.resolve(kind.templateFolder()).resolve(file);
        if (!Files.isRegularFile(template)) {
          missing.add(TestPaths.REPOSITORY.relativize(template).toString());
        }
      }
    }
    assertEquals(List.of(), missing, "templates every gateway kind needs");
  }

  @Test
  void everyTransportHasItsTemplates() {
    List<String> missing = new ArrayList<>();
    for (Transport transport : Transport.values()) {
      List<Path> templates = new ArrayList<>();
      templates.add(TEMPLATES.resolve(transport.templateFolder()).resolve("install.md.ftl"));
      transport
          .filterResources()
          .forEach(
              resource ->
                  templates.add(TEMPLATES.resolve(transport.filterTemplate(resource) + ".ftl")));
      for (Path template : templates) {
        if (!Files.isRegularFile(template)) {
          missing.add(TestPaths.REPOSITORY.relativize(template).toString());
        }
      }
    }
    assertEquals(List.of(), missing, "templates every transport needs");
  }

  @Test
  void theSchemaSpellsExactlyTheKindsTransportsAndVersionsTheCodeKnows() throws IOException {
    JsonNode schema =
        new ObjectMapper()
            .readTree(TestPaths.REPOSITORY.resolve("schema/connector.schema.json").toFile());
    assertEquals(
        labels(GatewayKind.values(), GatewayKind::label), enumAt(schema, "gateway", "type"));
    assertEquals(labels(Transport.values(), Transport::label), enumAt(schema, "transport"));
    String version =
        resolve(schema, schema.at("/properties/spec/properties/istio/properties/version"))
            .path("pattern")
            .asText();
    for (IstioVersion verified : IstioVersion.verified()) {
      assertTrue(verified.label().matches(version), verified.label() + " matches " + version);
      assertTrue(
          (verified.label() + ".3").matches(version), "a patch release of " + verified.label());
    }
  }

  @Test
  void noTwoVariantsWriteTheSameFile() {
    List<String> files = new ArrayList<>();
    Arrays.stream(GatewayKind.values()).forEach(kind -> files.add(kind.overlay().fileName()));
    Arrays.stream(Transport.values()).forEach(transport -> files.add(transport.filterFile()));
    assertTrue(files.stream().distinct().count() == files.size(), "file names: " + files);
  }

  private static <E> List<String> labels(E[] values, Function<E, String> label) {
    return Arrays.stream(values).map(label).sorted().toList();
  }

  /** The enum of spec.&lt;path&gt;, following $refs. */
  private static List<String> enumAt(JsonNode schema, String... path) {
    JsonNode node = resolve(schema, schema.at("/properties/spec"));
    for (String key : path) {
      node = resolve(schema, node.path("properties").path(key));
    }
    List<String> values = new ArrayList<>();
    node.path("enum").forEach(value -> values.add(value.asText()));
    return values.stream().sorted().toList();
  }

  private static JsonNode resolve(JsonNode schema, JsonNode node) {
    return node.has("$ref")
        ? resolve(schema, schema.at(node.get("$ref").asText().substring(1)))
        : node;
  }
}
