package dev.meshmirror.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * JSON text to a Jackson tree and back through Jackson's streaming parser and generator: the same
 * trees and the same compact text as {@code ObjectMapper.readTree} and {@code writeValueAsString},
 * without an {@code ObjectMapper}. Building the first mapper in a JVM loads and initialises about
 * 330 classes of jackson-databind, about 0.2 s of every cold run (a command, a Maven build's fresh
 * plugin realm), to read one small schema and write one annotation. The text nodes it reads print
 * themselves as JSON, because {@code JsonNode.toString()} builds that first mapper too, and the
 * schema validator calls it on every {@code enum} value when it compiles the schema. For JSON that
 * meshmirror itself ships or has already validated: a user's file is read by the spec reader, which
 * says where it is wrong.
 */
public final class JsonTrees {
  private static final JsonFactory JSON = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonTrees() {}

  /** The tree of one JSON document. */
  public static JsonNode read(byte[] json) throws IOException {
    try (JsonParser parser = JSON.createParser(json)) {
      return readDocument(parser);
    }
  }

  /** The tree of one JSON document. */
  public static JsonNode read(String json) throws IOException {
    try (JsonParser parser = JSON.createParser(json)) {
      return readDocument(parser);
    }
  }

  /** {@code tree} as compact JSON. */
  public static String write(JsonNode tree) {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = JSON.createGenerator(text)) {
      write(generator, tree);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON into memory failed", e);
    }
    return text.toString();
  }

  private static JsonNode readDocument(JsonParser parser) throws IOException {
    if (parser.nextToken() == null) {
      throw new IOException("no JSON value");
    }
    JsonNode tree = readValue(parser);
    if (parser.nextToken() != null) {
      throw new IOException("more than one JSON value");
    }
    return tree;
  }

  private static JsonNode readValue(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    return switch (token) {
      case START_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          object.set(name, readValue(parser));
        }
        yield object;
      }
      case START_ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(readValue(parser));
        }
        yield array;
      }
      case VALUE_STRING -> new Text(parser.getText());
      case VALUE_NUMBER_INT ->
          switch (parser.getNumberType()) {
            case INT -> NODES.numberNode(parser.getIntValue());
            case LONG -> NODES.numberNode(parser.getLongValue());
            default -> NODES.numberNode(parser.getBigIntegerValue());
          };
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      default -> throw new IOException("unexpected " + token);
    };
  }

  private static void write(JsonGenerator out, JsonNode node) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        out.writeStartObject();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          out.writeFieldName(field.getKey());
          write(out, field.getValue());
        }
        out.writeEndObject();
      }
      case ARRAY -> {
        out.writeStartArray();
        for (JsonNode item : node) {
          write(out, item);
        }
        out.writeEndArray();
      }
      case STRING -> out.writeString(node.textValue());
      case NUMBER -> writeNumber(out, node);
      case BOOLEAN -> out.writeBoolean(node.booleanValue());
      case NULL -> out.writeNull();
      default -> throw new IllegalArgumentException("no JSON form for " + node.getNodeType());
    }
  }

  private static void writeNumber(JsonGenerator out, JsonNode number) throws IOException {
    switch (number.numberType()) {
      case INT -> out.writeNumber(number.intValue());
      case LONG -> out.writeNumber(number.longValue());
      case BIG_INTEGER -> out.writeNumber(number.bigIntegerValue());
      case FLOAT -> out.writeNumber(number.floatValue());
      case DOUBLE -> out.writeNumber(number.doubleValue());
      case BIG_DECIMAL -> out.writeNumber(number.decimalValue());
    }
  }

  /** A text node whose {@code toString()} is its JSON literal, written without a mapper. */
  private static final class Text extends TextNode {
    private static final long serialVersionUID = 1L;

    Text(String value) {
      super(value);
    }

    @Override
    public String toString() {
      return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(textValue())) + '"';
    }
  }
}
