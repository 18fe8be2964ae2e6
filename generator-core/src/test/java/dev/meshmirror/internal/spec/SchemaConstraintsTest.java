package dev.meshmirror.internal.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every value constraint of the schema (ranges, lengths, patterns, item counts, uniqueness, enums)
 * is listed in {@code schema-constraints.tsv} with a value that breaks it, and for each one: the
 * shipped schema refuses that value, and the same schema without that one constraint accepts it. So
 * removing any constraint fails a test, and a new constraint must be listed to pass.
 */
class SchemaConstraintsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> KEYWORDS =
      Set.of(
          "minimum",
          "maximum",
          "exclusiveMinimum",
          "exclusiveMaximum",
          "minLength",
          "maxLength",
          "pattern",
          "minItems",
          "maxItems",
          "uniqueItems",
          "minProperties",
          "maxProperties",
          "enum",
          "const");

  /** One listed constraint. */
  record Constraint(String schemaPointer, String keyword, String where, JsonNode value) {
    String id() {
      return schemaPointer + " " + keyword;
    }
  }

  @Test
  void everyConstraintOfTheSchemaIsListed() throws IOException {
    Set<String> inSchema = new TreeSet<>();
    JsonNode schema = SpecSchema.get().tree();
    collect(schema, "", inSchema);
    Set<String> listed = new TreeSet<>();
    constraints().forEach(constraint -> listed.add(constraint.id()));
    assertEquals(
        inSchema, listed, "schema-constraints.tsv must list exactly the schema's constraints");
  }

  @TestFactory
  Stream<DynamicTest> eachConstraintAloneRefusesItsValue() throws IOException {
    return constraints().stream()
        .map(
            constraint ->
                dynamicTest(
                    constraint.id(),
                    () -> {
                      JsonNode document = document(constraint);
                      String pointer = constraint.where();
                      assertTrue(
                          SpecSchema.get()
                              .validate(tree(document))
                              .invalidPointers()
                              .contains(pointer),
                          "the schema refuses " + constraint.value() + " at " + pointer);
                      ObjectNode altered = SpecSchema.get().tree().deepCopy();
                      JsonNode owner = altered.at(constraint.schemaPointer());
                      assertTrue(
                          owner.has(constraint.keyword()), constraint.id() + " is in the schema");
                      ((ObjectNode) owner).remove(constraint.keyword());
                      assertFalse(
                          SpecSchema.compile(altered)
                              .validate(tree(document))
                              .invalidPointers()
                              .contains(pointer),
                          "without "
                              + constraint.id()
                              + " the value at "
                              + pointer
                              + " passes: the constraint is what refuses it");
                    }));
  }

  /** The schema's value constraints, by the pointer of the schema object that holds them. */
  private static void collect(JsonNode node, String pointer, Set<String> found) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (KEYWORDS.contains(field.getKey()) && !pointer.endsWith("/properties")) {
          found.add(pointer + " " + field.getKey());
        }
        collect(
            field.getValue(),
            pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1"),
            found);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), pointer + "/" + i, found);
      }
    }
  }

  /** A valid spec, with the constraint's value put where it goes (parents created as needed). */
  private static JsonNode document(Constraint constraint) throws IOException {
    ObjectNode document =
        (ObjectNode)
            JSON.readTree(
                """
        {"apiVersion": "meshmirror.dev/v1alpha1", "kind": "Connector", "metadata": {"name": "wallarm"},
         "spec": {"istio": {"version": "1.28"},
                  "gateway": {"type": "helm", "namespace": "istio-ingress", "name": "istio-ingressgateway"},
                  "transport": "lua", "node": {"host": "node.example.com"}}}
        """);
    List<String> keys = Pointer.segments(constraint.where());
    JsonNode parent = document;
    for (int i = 0; i < keys.size() - 1; i++) {
      String key = keys.get(i);
      boolean nextIsIndex = keys.get(i + 1).matches("\\d+");
      if (parent instanceof ObjectNode object) {
        if (!object.has(key)) {
          object.set(key, nextIsIndex ? JSON.createArrayNode() : JSON.createObjectNode());
        }
        parent = object.get(key);
      } else {
        ArrayNode array = (ArrayNode) parent;
        array.add(nextIsIndex ? JSON.createArrayNode() : JSON.createObjectNode());
        parent = array.get(array.size() - 1);
      }
    }
    String last = keys.get(keys.size() - 1);
    if (parent instanceof ObjectNode object) {
      object.set(last, constraint.value());
    } else {
      ((ArrayNode) parent).add(constraint.value());
    }
    return document;
  }

  private static SourceTree tree(JsonNode document) {
    return new SourceTree("constraint.json", document, Map.of(), Map.of());
  }

  private static List<Constraint> constraints() throws IOException {
    List<Constraint> constraints = new ArrayList<>();
    try (InputStream in =
        SchemaConstraintsTest.class.getResourceAsStream("schema-constraints.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] columns = line.split("\t", 4);
        constraints.add(
            new Constraint(columns[0], columns[1], columns[2], JSON.readTree(columns[3])));
      }
    }
    return constraints;
  }
}
