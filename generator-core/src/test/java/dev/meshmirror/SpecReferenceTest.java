package dev.meshmirror;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshmirror.internal.spec.SpecSchema;
import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The spec reference in README.md is generated from the schema, so the two cannot drift. When the
 * schema changes, run this test with {@code -Dmeshmirror.updateReadme=true} to rewrite the table.
 */
class SpecReferenceTest {
  @Test
  void readmeSpecReferenceMatchesTheSchema() throws IOException {
    ReadmeSection.assertGenerated(
        "spec-reference", "(generated from schema/connector.schema.json)", table());
  }

  static String table() {
    JsonNode schema = SpecSchema.get().tree();
    StringBuilder out =
        new StringBuilder(
            "| field | type | default | required | meaning |\n|---|---|---|---|---|\n");
    rows(schema, schema, "", new HashSet<>(), out);
    return out.toString();
  }

  private static void rows(
      JsonNode root, JsonNode node, String path, Set<String> required, StringBuilder out) {
    Iterator<Map.Entry<String, JsonNode>> properties =
        resolve(root, node).path("properties").fields();
    Set<String> requiredHere = new HashSet<>();
    resolve(root, node).path("required").forEach(r -> requiredHere.add(r.asText()));
    while (properties.hasNext()) {
      Map.Entry<String, JsonNode> property = properties.next();
      String field = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
      JsonNode declared = property.getValue();
      JsonNode schema = resolve(root, declared);
      boolean object = schema.has("properties");
      if (!object) {
        out.append("| `")
            .append(field)
            .append("` | ")
            .append(type(schema))
            .append(" | ")
            .append(declared.has("default") ? "`" + declared.get("default") + "`" : "")
            .append(" | ")
            .append(requiredHere.contains(property.getKey()) ? "yes" : "")
            .append(" | ")
            .append(meaning(declared, schema))
            .append(" |\n");
      } else {
        if (declared.has("description") || requiredHere.contains(property.getKey())) {
          out.append("| `")
              .append(field)
              .append("` | mapping | | ")
              .append(requiredHere.contains(property.getKey()) ? "yes" : "")
              .append(" | ")
              .append(meaning(declared, schema))
              .append(" |\n");
        }
        rows(root, declared, field, required, out);
      }
    }
  }

  private static JsonNode resolve(JsonNode root, JsonNode node) {
    return node.has("$ref") ? root.at(node.get("$ref").asText().substring(1)) : node;
  }

  private static String type(JsonNode schema) {
    if (schema.has("const")) {
      return "`" + schema.get("const").asText() + "`";
    }
    if (schema.has("enum")) {
      StringBuilder values = new StringBuilder();
      schema
          .get("enum")
          .forEach(v -> values.append(values.length() == 0 ? "" : " \\| ").append(v.asText()));
      return values.toString();
    }
    if (schema.path("type").asText().equals("object")) {
      return "map of labels";
    }
    if (schema.path("type").asText().equals("array")) {
      return "list of "
          + resolve(SpecSchema.get().tree(), schema.path("items")).path("type").asText();
    }
    return schema.path("type").asText();
  }

  private static String meaning(JsonNode declared, JsonNode schema) {
    String description = declared.path("description").asText(schema.path("description").asText(""));
    String expected = declared.path("x-expected").asText(schema.path("x-expected").asText(""));
    String text =
        expected.isEmpty() ? description : (description + " Expected: " + expected + ".").strip();
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
