package dev.meshmirror.internal.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.AnnotationKeyword;
import com.networknt.schema.path.NodePath;
import dev.meshmirror.Problem;
import dev.meshmirror.internal.JsonTrees;
import dev.meshmirror.internal.Resources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Layer two of validation, and the one home of defaults: the JSON Schema that ships in the jar (and
 * is published as {@code schema/connector.schema.json}).
 *
 * <p>Schema errors are turned into {@link Problem}s in our own words, with the position of the key
 * or value, the expectation written in the schema ({@code x-expected}) and a suggestion for
 * misspelled keys and enum values. Defaults are the schema's {@code default} values, applied by
 * {@link #withDefaults}, so the documentation an editor shows is exactly what meshmirror does.
 */
public final class SpecSchema {
  public static final String RESOURCE = "/dev/meshmirror/schema/connector.schema.json";

  private static final SpecSchema INSTANCE = load();

  private final JsonNode tree;
  private final Schema schema;

  private SpecSchema(JsonNode tree, Schema schema) {
    this.tree = tree;
    this.schema = schema;
  }

  public static SpecSchema get() {
    return INSTANCE;
  }

  /** The schema document itself. */
  public JsonNode tree() {
    return tree.deepCopy();
  }

  /** What the schema found wrong: the problems, and the values they are about. */
  public record Findings(List<Problem> problems, Set<String> invalidPointers) {}

  /** Every schema violation of the document, in our words and with positions. */
  public Findings validate(SourceTree document) {
    List<Problem> problems = new ArrayList<>();
    Set<String> invalid = new HashSet<>();
    List<Error> errors = schema.validate(document.root());
    Set<String> misspelled = new HashSet<>();
    for (Error error : errors) {
      Problem problem = toProblem(document, error);
      if (error.getKeyword().equals("additionalProperties")) {
        problem
            .suggestion()
            .ifPresent(
                key -> misspelled.add(Pointer.child(pointer(error.getInstanceLocation()), key)));
      }
    }
    Set<String> wrongType = new HashSet<>();
    for (Error error : errors) {
      if (error.getKeyword().equals("type")) {
        wrongType.add(pointer(error.getInstanceLocation()));
      }
    }
    for (Error error : errors) {
      String at = pointer(error.getInstanceLocation());
      if (wrongType.contains(at) && !error.getKeyword().equals("type")) {
        continue; // a value of the wrong type is one mistake, whatever else it also fails
      }
      boolean keyed =
          error.getProperty() != null
              && (error.getKeyword().equals("required")
                  || error.getKeyword().equals("additionalProperties"));
      String about = keyed ? Pointer.child(at, error.getProperty()) : at;
      invalid.add(about);
      // A misspelled key is one mistake: report the unknown key (with its suggestion), not also the
      // required key it was meant to be.
      if (!(error.getKeyword().equals("required") && misspelled.contains(about))) {
        problems.add(toProblem(document, error));
      }
    }
    return new Findings(problems, invalid);
  }

  /** A copy of {@code document} with every absent field that has a schema default filled in. */
  public JsonNode withDefaults(JsonNode document) {
    JsonNode copy = document.deepCopy();
    fillDefaults(tree, copy);
    return copy;
  }

  private void fillDefaults(JsonNode schemaNode, JsonNode instance) {
    JsonNode resolved = resolve(schemaNode);
    if (!(instance instanceof ObjectNode object)) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> properties = resolved.path("properties").fields();
    while (properties.hasNext()) {
      Map.Entry<String, JsonNode> property = properties.next();
      JsonNode propertySchema = property.getValue();
      if (!object.has(property.getKey()) && propertySchema.has("default")) {
        object.set(property.getKey(), propertySchema.get("default").deepCopy());
      }
      if (object.has(property.getKey())) {
        fillDefaults(propertySchema, object.get(property.getKey()));
      }
    }
  }

  private JsonNode resolve(JsonNode schemaNode) {
    JsonNode ref = schemaNode.get("$ref");
    return ref == null ? schemaNode : tree.at(ref.asText().substring(1));
  }

  private Problem toProblem(SourceTree document, Error error) {
    String at = pointer(error.getInstanceLocation());
    JsonNode keywordParent = tree.at(Pointer.parent(schemaPointer(error)));
    String expected = keywordParent.path("x-expected").asText("");
    JsonNode value = error.getInstanceNode();
    String keyword = error.getKeyword();
    return switch (keyword) {
      case "additionalProperties" -> unknownKey(document, at, error.getProperty(), keywordParent);
      case "required" ->
          document
              .at(Pointer.child(at, error.getProperty()))
              .says("is required but missing")
              .expected(expectedFor(keywordParent.path("properties").path(error.getProperty())));
      case "type" ->
          document
              .at(at)
              .says("is " + describe(value))
              .expected(expected.isEmpty() ? a(keywordParent.path("type").asText()) : expected)
              .hint(typeHint(at, value));
      case "enum" ->
          suggest(
              document
                  .at(at)
                  .says(show(value) + " is not one of the allowed values")
                  .expected("one of " + join(keywordParent.path("enum"))),
              value.asText(),
              keywordParent.path("enum"));
      case "const" ->
          document
              .at(at)
              .says(show(value) + " is not allowed here")
              .expected(expected.isEmpty() ? keywordParent.path("const").asText() : expected);
      case "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum" ->
          document
              .at(at)
              .says(show(value) + " is out of range")
              .expected(expected.isEmpty() ? rangeOf(keywordParent) : expected);
      case "pattern", "maxLength", "minLength" ->
          document
              .at(at)
              .says(
                  show(value)
                      + " is not valid"
                      + ("maxLength".equals(keyword)
                          ? " (" + value.asText().length() + " characters)"
                          : ""))
              .expected(expected)
              .hint(patternHint(value.asText(), keywordParent.path("pattern").asText("")));
      case "minProperties", "maxProperties", "minItems", "maxItems" ->
          document
              .at(at)
              .says(
                  "has "
                      + value.size()
                      + (value.isArray() ? " items" : " entries")
                      + "; "
                      + (keyword.startsWith("min") ? "at least " : "at most ")
                      + keywordParent.path(keyword).asText()
                      + (keyword.startsWith("min") ? " needed" : " allowed"))
              .expected(expected);
      case "uniqueItems" ->
          document
              .at(at)
              .says("lists the same value more than once")
              .expected(expected)
              .hint("remove the repeated entries");
      case "propertyNames" ->
          (error.getProperty() == null
                  ? document.at(at).says("has an invalid key")
                  : document
                      .keyAt(Pointer.child(at, error.getProperty()))
                      .says("'" + error.getProperty() + "' is not a valid key"))
              .expected(keywordParent.path("propertyNames").path("x-expected").asText(""));
      default ->
          document.at(at).says(error.getMessage().replaceFirst("^\\S+: ", "")).expected(expected);
    };
  }

  private static Problem unknownKey(
      SourceTree document, String at, String key, JsonNode objectSchema) {
    if (Secrets.looksSecret(key)) {
      return Secrets.problem(document, Pointer.child(at, key));
    }
    JsonNode allowed = objectSchema.path("properties");
    List<String> names = new ArrayList<>();
    allowed.fieldNames().forEachRemaining(names::add);
    Problem problem =
        document
            .keyAt(Pointer.child(at, key))
            .says("unknown key '" + key + "'")
            .expected(names.isEmpty() ? "no keys here" : "one of " + String.join(", ", names));
    return Suggestions.closest(key, names).map(problem::suggesting).orElse(problem);
  }

  private String expectedFor(JsonNode propertySchema) {
    JsonNode resolved = resolve(propertySchema);
    String expected =
        propertySchema.path("x-expected").asText(resolved.path("x-expected").asText(""));
    if (!expected.isEmpty()) {
      return expected;
    }
    if (resolved.has("enum")) {
      return "one of " + join(resolved.get("enum"));
    }
    return resolved.path("description").asText(a(resolved.path("type").asText("value")));
  }

  private static String typeHint(String at, JsonNode value) {
    if (at.endsWith("/version") && value != null && value.isNumber()) {
      return "quote it, as in version: \"1.24\"";
    }
    if (value != null && value.isNull()) {
      return "give a value, or remove the key to take the default";
    }
    return "";
  }

  /**
   * Advice for a value that does not match its pattern: a scheme or a port where a host name goes,
   * a missing leading slash, or, for a name that is almost valid, the nearest one that is
   * (lowercase, '-' for the rest), offered only if it matches the pattern itself.
   */
  private static String patternHint(String value, String pattern) {
    if (value.matches("(?i)[a-z][a-z0-9+.-]*://.*")) {
      return "give the host name alone, without " + value.substring(0, value.indexOf("://") + 3);
    }
    if (value.matches("[^:/]+:[0-9]+")) {
      return "give the host name alone; the port has a field of its own";
    }
    if (pattern.startsWith("^/") && !value.startsWith("/")) {
      return "start it with '/'";
    }
    if (value.endsWith(".")
        && !value.endsWith("..")
        && matches(pattern, value.substring(0, value.length() - 1))) {
      return "remove the trailing dot";
    }
    String nearer =
        value
            .toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^a-z0-9.-]+", "-")
            .replaceAll("^[-.]+|[-.]+$", "");
    return !nearer.isEmpty() && !nearer.equals(value) && matches(pattern, nearer)
        ? "try '" + nearer + "'"
        : "";
  }

  private static boolean matches(String pattern, String value) {
    return !pattern.isEmpty() && java.util.regex.Pattern.compile(pattern).matcher(value).find();
  }

  private static Problem suggest(Problem problem, String value, JsonNode options) {
    List<String> names = new ArrayList<>();
    options.forEach(option -> names.add(option.asText()));
    return Suggestions.closest(value, names).map(problem::suggesting).orElse(problem);
  }

  private static String rangeOf(JsonNode schemaNode) {
    String low =
        schemaNode.has("exclusiveMinimum")
            ? "above " + schemaNode.get("exclusiveMinimum")
            : "at least " + schemaNode.path("minimum");
    String high = schemaNode.has("maximum") ? " and at most " + schemaNode.get("maximum") : "";
    return "a number " + low + high;
  }

  private static String join(JsonNode values) {
    List<String> parts = new ArrayList<>();
    values.forEach(v -> parts.add(v.asText()));
    return String.join(", ", parts);
  }

  private static String show(JsonNode value) {
    if (value == null) {
      return "the value";
    }
    if (value.isTextual() && value.asText().isEmpty()) {
      return "the empty value";
    }
    String text = value.isTextual() ? "'" + visible(value.asText()) + "'" : JsonTrees.write(value);
    return text.length() > 80 ? text.substring(0, 77) + "...'" : text;
  }

  /** Control and invisible characters written as \\uXXXX, so a user sees what is wrong. */
  private static String visible(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == 0xFEFF) {
                out.append(String.format("\\u%04X", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  private static String describe(JsonNode value) {
    if (value == null || value.isNull()) {
      return "empty (null)";
    }
    if (value.isTextual()) {
      return "the string " + show(value);
    }
    if (value.isNumber()) {
      return "the number " + value.asText();
    }
    if (value.isBoolean()) {
      return "the boolean " + value.asText();
    }
    return value.isArray() ? "a list" : "a mapping";
  }

  private static String a(String type) {
    return switch (type) {
      case "object" -> "a mapping";
      case "array" -> "a list";
      case "integer" -> "a whole number";
      case "" -> "a value";
      default -> "a " + type;
    };
  }

  private static String pointer(NodePath path) {
    String pointer = Pointer.ROOT;
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      pointer =
          element instanceof Integer index
              ? Pointer.index(pointer, index)
              : Pointer.child(pointer, String.valueOf(element));
    }
    return pointer;
  }

  private static String schemaPointer(Error error) {
    String location = error.getSchemaLocation().toString();
    int hash = location.indexOf('#');
    return hash < 0 ? "" : location.substring(hash + 1);
  }

  private static SpecSchema load() {
    try {
      return compile(JsonTrees.read(Resources.bytes(RESOURCE)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the connector schema", e);
    }
  }

  /** A schema compiled from a schema document: the shipped one, or a test's altered copy. */
  static SpecSchema compile(JsonNode tree) {
    // x-expected is our annotation: the words shown to a user when a value does not match.
    Dialect dialect =
        Dialect.builder(Dialects.getDraft202012())
            .keyword(new AnnotationKeyword("x-expected"))
            .build();
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(dialect);
    Schema schema = registry.getSchema(SchemaLocation.of(tree.path("$id").asText()), tree);
    schema.initializeValidators();
    return new SpecSchema(tree, schema);
  }
}
