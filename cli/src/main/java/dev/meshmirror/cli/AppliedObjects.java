package dev.meshmirror.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.meshmirror.Manifests;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A connector's Kubernetes objects, the ones {@code kubectl apply} takes, in apply order: the
 * documents of its {@code all.yaml} as trees, for output formats other than that YAML text.
 */
final class AppliedObjects {
  private static final ObjectMapper YAML = new YAMLMapper();

  private AppliedObjects() {}

  /** The connector's objects, in the order they are applied. */
  static List<ObjectNode> of(Manifests connector) {
    List<ObjectNode> objects = new ArrayList<>();
    String text = connector.get("all.yaml").orElseThrow().content();
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(text)) {
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document instanceof ObjectNode object) {
          objects.add(object);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("meshmirror's own all.yaml always parses", e);
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
