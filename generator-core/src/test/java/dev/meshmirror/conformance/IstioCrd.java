package dev.meshmirror.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import dev.meshmirror.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Istio's EnvoyFilter CRD schemas (from {@code ../shared/reference/istio/}, never copied into the
 * project) as validators, made strict the way {@code kubectl apply} with server-side field
 * validation is: a field the schema does not declare is an error unless the schema preserves
 * unknown fields. CEL rules ({@code x-kubernetes-validations}) cannot run here and are not checked.
 */
final class IstioCrd {
  static final Path REFERENCE = TestPaths.REFERENCE.resolve("istio");

  /** The Istio minors whose CRD is saved; a minor in between uses the newest saved one below it. */
  private static final List<Integer> SAVED = List.of(28, 26, 24, 22, 20);

  private static final Map<Integer, Schema> CACHE = new ConcurrentHashMap<>();

  private IstioCrd() {}

  static boolean available() {
    return Files.isDirectory(REFERENCE);
  }

  static int savedMinorFor(int minor) {
    return SAVED.stream()
        .filter(saved -> saved <= minor)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no CRD saved for 1." + minor));
  }

  /**
   * Schema errors of an EnvoyFilter's content (apiVersion, kind and metadata are checked apart).
   */
  static List<String> validate(int minor, JsonNode envoyFilter) {
    ObjectNode body = envoyFilter.deepCopy();
    body.remove(List.of("apiVersion", "kind", "metadata"));
    return CACHE.computeIfAbsent(savedMinorFor(minor), IstioCrd::load).validate(body).stream()
        .map(Object::toString)
        .toList();
  }

  private static Schema load(int minor) {
    Path file = REFERENCE.resolve("envoyfilter-crd-release-1." + minor + ".yaml");
    try {
      JsonNode crd = new YAMLMapper().readTree(Files.readString(file));
      for (JsonNode version : crd.path("spec").path("versions")) {
        if (version.path("name").asText().equals("v1alpha3")) {
          JsonNode schema = strict(version.path("schema").path("openAPIV3Schema").deepCopy());
          return SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30()).getSchema(schema);
        }
      }
      throw new AssertionError(file + " has no v1alpha3 schema");
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file, e);
    }
  }

  /** Closes every object schema that declares properties and does not preserve unknown fields. */
  static JsonNode strict(JsonNode schema) {
    if (schema instanceof ObjectNode object) {
      if (object.has("properties")
          && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean()
          && !object.has("additionalProperties")) {
        object.put("additionalProperties", false);
      }
      object.forEach(IstioCrd::strict);
    } else if (schema.isArray()) {
      schema.forEach(IstioCrd::strict);
    }
    return schema;
  }

  /**
   * Schema errors of values for the istio/gateway Helm chart, against the chart's own
   * values.schema.json (the one helm install enforces) of the newest saved release not above the
   * target: 1.20 for 1.20 to 1.27, 1.28 for 1.28.
   */
  static List<String> validateGatewayChartValues(int minor, JsonNode values) {
    int release = minor >= 28 ? 28 : 20;
    Schema schema =
        CHART_CACHE.computeIfAbsent(
            release,
            r -> {
              Path file =
                  REFERENCE.resolve("istio-gateway-chart-values.schema-release-1." + r + ".json");
              try {
                ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(Files.readString(file));
                tree.remove(
                    "$schema"); // "http://json-schema.org/schema#": read as draft 7, as helm does
                return SchemaRegistry.withDefaultDialect(Dialects.getDraft7()).getSchema(tree);
              } catch (IOException e) {
                throw new AssertionError("cannot read " + file, e);
              }
            });
    return schema.validate(values).stream().map(Object::toString).toList();
  }

  private static final Map<Integer, Schema> CHART_CACHE = new ConcurrentHashMap<>();

  static ObjectMapper yaml() {
    return new YAMLMapper();
  }
}
