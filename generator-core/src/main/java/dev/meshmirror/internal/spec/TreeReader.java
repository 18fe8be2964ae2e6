package dev.meshmirror.internal.spec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.meshmirror.Problem;
import dev.meshmirror.internal.Utf8;
import dev.meshmirror.internal.spec.SourceTree.Position;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Layer one of validation: turns the bytes of a YAML or JSON spec into a {@link SourceTree}.
 *
 * <p>It builds the tree itself from the token stream, so that it knows where every key and value
 * stood, can report a duplicate key and go on, and can refuse what a plain data file should not
 * hold: anchors and aliases (no alias bombs), tags, several documents, non-UTF-8 bytes, and nesting
 * or sizes far beyond any real spec.
 */
public final class TreeReader {
  /** A real spec is a few KiB; anything this large is a mistake or an attack. */
  public static final int MAX_BYTES = 1 << 20;

  static final int MAX_DEPTH = 32;

  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final StreamReadConstraints LIMITS =
      StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH + 1)
          .maxStringLength(MAX_BYTES)
          .maxNumberLength(100)
          .build();
  private static final JsonFactory JSON =
      JsonFactory.builder().streamReadConstraints(LIMITS).build();
  private static final YAMLFactory YAML = yamlFactory();

  private final String source;
  private final List<Problem> problems = new ArrayList<>();
  private final Map<String, Position> values = new HashMap<>();
  private final Map<String, Position> keys = new HashMap<>();

  private TreeReader(String source) {
    this.source = source;
  }

  /** Reads one spec: its tree, unless nothing usable could be read, and every problem found. */
  public static Outcome<SourceTree> read(String source, byte[] bytes) {
    TreeReader reader = new TreeReader(source);
    SourceTree tree = reader.read(bytes);
    return new Outcome<>(Optional.ofNullable(tree), reader.problems);
  }

  /** The tree, or null after a problem that leaves nothing usable (already recorded). */
  private SourceTree read(byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      problems.add(
          documentProblem(
              Position.NONE,
              "the file is "
                  + bytes.length
                  + " bytes long; a connector spec is at most "
                  + MAX_BYTES,
              "",
              "is this the right file?"));
      return null;
    }
    String text = decode(bytes);
    if (text == null) {
      return null;
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.isBlank() || text.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#"))) {
      problems.add(
          documentProblem(
              new Position(1, 1),
              "the file is empty",
              "a Connector spec (apiVersion, kind, metadata, spec)",
              ""));
      return null;
    }
    boolean json = source.toLowerCase(Locale.ROOT).endsWith(".json");
    try (JsonParser parser = json ? JSON.createParser(text) : YAML.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        problems.add(
            documentProblem(
                position(parser.currentTokenLocation()),
                "the document is " + describe(first) + ", not a mapping",
                "a Connector spec (apiVersion, kind, metadata, spec)",
                ""));
        return null;
      }
      JsonNode root = readValue(parser, Pointer.ROOT, 0);
      if (root == null) {
        return null;
      }
      JsonToken next = parser.nextToken();
      if (next != null) {
        problems.add(
            documentProblem(
                position(parser.currentTokenLocation()),
                "the file holds more than one YAML document",
                "exactly one Connector spec per file",
                "put each connector in a file of its own"));
        return null;
      }
      return new SourceTree(source, root, values, keys);
    } catch (JsonProcessingException e) {
      problems.add(syntaxProblem(e));
      return null;
    } catch (IOException e) {
      // Parsing an in-memory string does no I/O; any IOException here is a parse failure.
      problems.add(documentProblem(Position.NONE, "cannot be read: " + e.getMessage(), "", ""));
      return null;
    }
  }

  private String decode(byte[] bytes) {
    Utf8.Decoded decoded = Utf8.decode(bytes);
    if (decoded.text().isEmpty()) {
      int offset = decoded.badOffset();
      problems.add(
          documentProblem(
              lineAndColumn(bytes, offset),
              String.format(
                  Locale.ROOT,
                  "byte 0x%02X at offset %d is not valid UTF-8",
                  bytes[offset] & 0xFF,
                  offset),
              "a UTF-8 text file",
              "save the spec as UTF-8"));
      return null;
    }
    return decoded.text().get();
  }

  private static Position lineAndColumn(byte[] bytes, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    String prefix = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
    return new Position(line, prefix.codePointCount(0, prefix.length()) + 1);
  }

  /** Reads the value whose first token is current; returns null after a fatal problem. */
  private JsonNode readValue(JsonParser parser, String pointer, int depth) throws IOException {
    Position at = position(parser.currentTokenLocation());
    values.put(pointer, at);
    if (!checkPlainData(parser, pointer, at)) {
      return null;
    }
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
      if (depth >= MAX_DEPTH) {
        problems.add(
            problem(
                at,
                pointer,
                "is nested more than " + MAX_DEPTH + " levels deep",
                "a Connector spec, which is at most a few levels deep",
                ""));
        return null;
      }
      return token == JsonToken.START_OBJECT
          ? readObject(parser, pointer, depth)
          : readArray(parser, pointer, depth);
    }
    try {
      return switch (token) {
        case VALUE_STRING -> NODES.textNode(parser.getText());
        case VALUE_NUMBER_INT -> NODES.numberNode(parser.getBigIntegerValue());
        case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
        case VALUE_TRUE -> NODES.booleanNode(true);
        case VALUE_FALSE -> NODES.booleanNode(false);
        case VALUE_NULL -> NODES.nullNode();
        default -> throw new IllegalStateException("unexpected token " + token);
      };
    } catch (NumberFormatException | ArithmeticException e) {
      // Found by fuzzing: a number such as 1e<50 digits> has no decimal form.
      problems.add(
          problem(
              at,
              pointer,
              "is a number that cannot be read (" + abbreviate(parser.getText()) + ")",
              "a number of ordinary size",
              ""));
      return null;
    }
  }

  private static String abbreviate(String text) {
    return text.length() > 40 ? text.substring(0, 37) + "..." : text;
  }

  private JsonNode readObject(JsonParser parser, String pointer, int depth) throws IOException {
    ObjectNode object = NODES.objectNode();
    Map<String, Position> seen = new HashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      Position keyAt = position(parser.currentTokenLocation());
      String child = Pointer.child(pointer, name);
      parser.nextToken();
      Position first = seen.putIfAbsent(name, keyAt);
      if (first != null) {
        problems.add(
            problem(
                keyAt,
                child,
                "duplicate key '" + name + "' (first at line " + first.line() + ")",
                "each key once",
                "remove one of the two; YAML would silently keep only the last"));
        parser.skipChildren();
        continue;
      }
      keys.put(child, keyAt);
      JsonNode value = readValue(parser, child, depth + 1);
      if (value == null) {
        return null;
      }
      object.set(name, value);
    }
    return object;
  }

  private JsonNode readArray(JsonParser parser, String pointer, int depth) throws IOException {
    ArrayNode array = NODES.arrayNode();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      JsonNode value = readValue(parser, Pointer.index(pointer, array.size()), depth + 1);
      if (value == null) {
        return null;
      }
      array.add(value);
    }
    return array;
  }

  /** Refuses YAML features a plain data file has no use for. */
  private boolean checkPlainData(JsonParser parser, String pointer, Position at)
      throws IOException {
    if (!(parser instanceof YAMLParser yaml)) {
      return true;
    }
    if (yaml.isCurrentAlias()) {
      problems.add(
          problem(
              at,
              pointer,
              "uses the alias *" + yaml.getText(),
              "plain values: anchors and aliases are not supported in a connector spec",
              "write the value out where it is needed"));
      return false;
    }
    if (yaml.getObjectId() != null) {
      problems.add(
          problem(
              at,
              pointer,
              "defines the anchor &" + yaml.getObjectId(),
              "plain values: anchors and aliases are not supported in a connector spec",
              "remove the anchor and write values out where they are needed"));
      return false;
    }
    if (yaml.getTypeId() != null) {
      problems.add(
          problem(
              at,
              pointer,
              "has the YAML tag " + yaml.getTypeId(),
              "plain values without tags",
              "remove the tag; quote the value to make it a string"));
      return false;
    }
    return true;
  }

  private Problem syntaxProblem(JsonProcessingException e) {
    String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    Position at = position(e.getLocation());
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblem() != null) {
      // SnakeYAML says what it found and, apart, what it was doing: show both, at the finding.
      message =
          yaml.getProblem() + (yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")");
      if (yaml.getProblemMark() != null) {
        at =
            new Position(
                yaml.getProblemMark().getLine() + 1, yaml.getProblemMark().getColumn() + 1);
      }
    }
    if (message.contains("Document nesting depth") || message.contains("Nesting Depth")) {
      return documentProblem(
          at, "is nested more than " + MAX_DEPTH + " levels deep", "a Connector spec", "");
    }
    boolean json = source.toLowerCase(Locale.ROOT).endsWith(".json");
    String hint =
        message.contains("\\t") || message.contains("TAB")
            ? "YAML indents with spaces, never tabs"
            : message.contains("quoted scalar")
                ? "a quoted value is opened and never closed: find its opening quote above"
                : json && message.contains("comment")
                    ? "JSON has no comments: remove them, or write the spec in YAML, which has comments"
                    : json
                        ? "look just before this point for a missing comma, quote, brace or bracket"
                        : "look at this line and the one above it: nested keys are indented by the same"
                            + " number of spaces, a key is followed by ': ', and a value holding ': ' or"
                            + " ' #' needs quotes";
    String firstLine =
        message
            .lines()
            .map(String::strip)
            .filter(l -> !l.isEmpty())
            .filter(l -> !l.startsWith("in 'reader'") && !l.startsWith("at [Source"))
            .findFirst()
            .orElse("malformed document");
    return documentProblem(
        at, "is not valid " + (json ? "JSON" : "YAML") + ": " + firstLine, "", hint);
  }

  private Problem documentProblem(Position at, String message, String expected, String hint) {
    return problem(at, Pointer.ROOT, message, expected, hint);
  }

  private Problem problem(
      Position at, String pointer, String message, String expected, String hint) {
    return Problem.at(source, at.line(), at.column(), Pointer.display(pointer))
        .says(message)
        .expected(expected)
        .hint(hint);
  }

  private static Position position(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return Position.NONE;
    }
    return new Position(location.getLineNr(), Math.max(location.getColumnNr(), 1));
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "empty";
    }
    return switch (token) {
      case START_ARRAY -> "a list";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> "not a mapping";
    };
  }

  private static YAMLFactory yamlFactory() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // reported by readObject, with both positions
    options.setMaxAliasesForCollections(10);
    options.setNestingDepthLimit(MAX_DEPTH + 1);
    options.setCodePointLimit(MAX_BYTES);
    return YAMLFactory.builder().loaderOptions(options).streamReadConstraints(LIMITS).build();
  }
}
