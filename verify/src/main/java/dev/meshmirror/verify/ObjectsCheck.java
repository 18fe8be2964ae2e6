package dev.meshmirror.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The connector's objects are in the cluster as generated: each exists, and every field meshmirror
 * wrote has the value it wrote (the API server may add defaults, never change what was given).
 */
final class ObjectsCheck {
  static final String NAME = "objects";

  private ObjectsCheck() {}

  static Verdict run(Expectations expected, Cluster cluster) throws ClusterException {
    List<String> missing = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    for (JsonNode object : expected.objects()) {
      String kind = object.path("kind").asText();
      String name = object.at("/metadata/name").asText();
      String namespace = object.at("/metadata/namespace").asText();
      String label = kind + " " + namespace + "/" + name;
      Optional<String> live = cluster.get(resource(object), namespace, name);
      if (live.isEmpty()) {
        missing.add(label);
        continue;
      }
      JsonNode liveObject = Expectations.json(live.get());
      for (String part : List.of("spec", "data")) {
        difference(object.path(part), liveObject.path(part), part)
            .ifPresent(where -> changed.add(label + " (" + where + ")"));
      }
    }
    if (!missing.isEmpty()) {
      return Verdict.fail(
          "cluster",
          NAME,
          "not in the cluster: " + String.join(", ", missing),
          "apply them: kubectl apply -k <the generated folder> (INSTALL.md)");
    }
    if (!changed.isEmpty()) {
      return Verdict.fail(
          "cluster",
          NAME,
          "differ from the generated ones: " + String.join(", ", changed),
          "apply the generated ones again (kubectl apply -k), or generate from the spec that made them");
    }
    return Verdict.pass("cluster", NAME, expected.objects().size() + " objects, each as generated");
  }

  /** The kubectl resource of an object: its kind, qualified by group for Istio's kinds. */
  private static String resource(JsonNode object) {
    String apiVersion = object.path("apiVersion").asText();
    String kind = object.path("kind").asText().toLowerCase(Locale.ROOT);
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? kind : kind + "." + apiVersion.substring(0, slash);
  }

  /** Where {@code live} lacks or changes a value of {@code generated}, if anywhere. */
  static Optional<String> difference(JsonNode generated, JsonNode live, String path) {
    if (generated.isMissingNode()) {
      return Optional.empty();
    }
    if (generated.isObject()) {
      if (!live.isObject()) {
        return Optional.of(path);
      }
      Iterator<Map.Entry<String, JsonNode>> fields = generated.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        Optional<String> inner =
            difference(field.getValue(), live.path(field.getKey()), path + "." + field.getKey());
        if (inner.isPresent()) {
          return inner;
        }
      }
      return Optional.empty();
    }
    if (generated.isArray()) {
      if (!live.isArray() || live.size() != generated.size()) {
        return Optional.of(path);
      }
      for (int i = 0; i < generated.size(); i++) {
        Optional<String> inner = difference(generated.get(i), live.get(i), path + "[" + i + "]");
        if (inner.isPresent()) {
          return inner;
        }
      }
      return Optional.empty();
    }
    return generated.asText().equals(live.asText()) && !live.isMissingNode()
        ? Optional.empty()
        : Optional.of(path);
  }
}
