package dev.meshmirror.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import dev.meshmirror.ReferenceData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Istio's EnvoyFilter and TrafficExtension CRD schemas and the istio/gateway chart's values schema
 * (pinned upstream files, never copied into the project: {@link ReferenceData}) as validators, made
 * strict the way {@code kubectl apply} with server-side field validation is: a field the schema
 * does not declare is an error unless the schema preserves unknown fields. CEL rules ({@code
 * x-kubernetes-validations}) cannot run here and are not checked.
 */
final class IstioCrd {
  /**
   * The Istio minors whose EnvoyFilter CRD is pinned; a minor in between uses the newest pinned one
   * below it, and a minor past the newest release uses master's (1.32).
   */
  private static final List<Integer> SAVED = List.of(32, 31, 30, 29, 28, 26, 24, 22, 20);

  private static final Map<Integer, Schema> CACHE = new ConcurrentHashMap<>();

  private IstioCrd() {}

  /** "1.28", the Istio whose saved CRD checks a target minor. */
  static String savedFor(int minor) {
    return "1." + savedMinorFor(minor);
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
    String release = minor == 32 ? "master-1.32" : "release-1." + minor;
    return crdSchema(ReferenceData.file("istio/envoyfilter-crd-" + release + ".yaml"), "v1alpha3");
  }

  /** Schema errors of a TrafficExtension's content, against the CRD of 1.30 or 1.31. */
  static List<String> validateTrafficExtension(int minor, JsonNode extension) {
    ObjectNode body = extension.deepCopy();
    body.remove(List.of("apiVersion", "kind", "metadata"));
    int release = minor >= 31 ? 31 : 30;
    return TRAFFIC_EXTENSION_CACHE
        .computeIfAbsent(
            release,
            r ->
                crdSchema(
                    ReferenceData.file("istio/trafficextension-crd-release-1." + r + ".yaml"),
                    "v1alpha1"))
        .validate(body)
        .stream()
        .map(Object::toString)
        .toList();
  }

  private static final Map<Integer, Schema> TRAFFIC_EXTENSION_CACHE = new ConcurrentHashMap<>();

  private static Schema crdSchema(Path file, String apiVersion) {
    try {
      // Some saved CRDs begin with "---# DO NOT EDIT": a comment glued to the document marker.
      String text = Files.readString(file).replaceFirst("^---#", "---\n#");
      JsonNode crd = new YAMLMapper().readTree(text);
      for (JsonNode version : crd.path("spec").path("versions")) {
        if (version.path("name").asText().equals(apiVersion)) {
          JsonNode schema = strict(version.path("schema").path("openAPIV3Schema").deepCopy());
          return SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30()).getSchema(schema);
        }
      }
      throw new AssertionError(file + " has no " + apiVersion + " schema");
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
   * target: 1.20 for 1.20 to 1.27, 1.28 for 1.28 to 1.30, 1.31 from 1.31 on.
   */
  static List<String> validateGatewayChartValues(int minor, JsonNode values) {
    int release = minor >= 31 ? 31 : minor >= 28 ? 28 : 20;
    Schema schema =
        CHART_CACHE.computeIfAbsent(
            release,
            r -> {
              Path file =
                  ReferenceData.file(
                      "istio/istio-gateway-chart-values.schema-release-1." + r + ".json");
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
