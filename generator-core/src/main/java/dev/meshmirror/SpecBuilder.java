package dev.meshmirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Builds a spec in code, field by field, with the same names as the YAML form. The result goes
 * through exactly the validation a file does ({@link MeshMirror#validate(SpecBuilder)}); problems
 * name the field but carry no line numbers.
 *
 * <pre>{@code
 * SpecBuilder spec = SpecBuilder.connector("wallarm")
 *     .set("spec.istio.version", "1.24")
 *     .set("spec.gateway.type", "helm")
 *     .set("spec.gateway.namespace", "istio-ingress")
 *     .set("spec.gateway.name", "istio-ingressgateway")
 *     .set("spec.transport", "ext-proc")
 *     .set("spec.node.host", "native-processing.wallarm-node.svc.cluster.local")
 *     .set("spec.cloud.region", "us");
 * }</pre>
 */
public final class SpecBuilder {
  private final ObjectNode document = JsonNodeFactory.instance.objectNode();

  private SpecBuilder(String name) {
    document.put("apiVersion", "meshmirror.dev/v1alpha1");
    document.put("kind", "Connector");
    document.putObject("metadata").put("name", name);
  }

  public static SpecBuilder connector(String name) {
    return new SpecBuilder(name);
  }

  /**
   * Sets one field by its dotted path; values are Strings, Numbers, Booleans, Lists or Maps of
   * those. Intermediate mappings are created as needed.
   */
  public SpecBuilder set(String dottedPath, Object value) {
    String[] keys = dottedPath.split("\\.");
    ObjectNode parent = document;
    for (int i = 0; i < keys.length - 1; i++) {
      JsonNode child = parent.get(keys[i]);
      parent = child instanceof ObjectNode object ? object : parent.putObject(keys[i]);
    }
    parent.set(keys[keys.length - 1], toNode(value));
    return this;
  }

  /** The spec document built so far (a copy). */
  JsonNode toDocument() {
    return document.deepCopy();
  }

  private static JsonNode toNode(Object value) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (value == null) {
      return nodes.nullNode();
    }
    if (value instanceof String text) {
      return nodes.textNode(text);
    }
    if (value instanceof Boolean flag) {
      return nodes.booleanNode(flag);
    }
    if (value instanceof Integer || value instanceof Long) {
      return nodes.numberNode(((Number) value).longValue());
    }
    if (value instanceof Number number) {
      return nodes.numberNode(new java.math.BigDecimal(number.toString()));
    }
    if (value instanceof List<?> list) {
      var array = nodes.arrayNode();
      list.forEach(item -> array.add(toNode(item)));
      return array;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = nodes.objectNode();
      map.forEach((key, item) -> object.set(String.valueOf(key), toNode(item)));
      return object;
    }
    throw new IllegalArgumentException("unsupported value type " + value.getClass().getName());
  }
}
