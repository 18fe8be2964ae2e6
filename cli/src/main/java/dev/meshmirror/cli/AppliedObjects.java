package dev.meshmirror.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.meshmirror.Manifest;
import dev.meshmirror.Manifests;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A connector's Kubernetes objects, the ones {@code kubectl apply} takes, in apply order ({@link
 * Manifests#applied()}), as trees, for output formats other than their YAML text.
 */
final class AppliedObjects {
  private static final ObjectMapper YAML = new YAMLMapper();

  private AppliedObjects() {}

  /** The connector's objects, in the order they are applied. */
  static List<ObjectNode> of(Manifests connector) {
    List<ObjectNode> objects = new ArrayList<>();
    for (Manifest object : connector.applied()) {
      try {
        objects.add((ObjectNode) YAML.readTree(object.content()));
      } catch (IOException | ClassCastException e) {
        throw new IllegalStateException(
            "meshmirror's own " + object.fileName() + " is always one object", e);
      }
    }
    return objects;
  }

  /** The objects of every connector as one kubectl-style {@code List}, in JSON. */
  static String jsonList(List<Manifests> connectors) {
    ObjectNode list = ProblemsJson.JSON.createObjectNode();
    list.put("apiVersion", "v1");
    list.put("kind", "List");
    var items = list.putArray("items");
    connectors.forEach(connector -> items.addAll(of(connector)));
    return ProblemsJson.write(list);
  }
}
