package dev.meshmirror.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshmirror.Problem;
import java.util.List;
import java.util.Locale;

/**
 * Problems for machines ({@code -o json}): one object per problem with its file, line, column,
 * field, severity, message, expectation and hint, so that CI can annotate the spec's lines.
 */
final class ProblemsJson {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ProblemsJson() {}

  /** The problems as a JSON array of objects. */
  static ArrayNode of(List<Problem> problems) {
    ArrayNode array = JSON.createArrayNode();
    for (Problem problem : problems) {
      ObjectNode entry = array.addObject();
      entry.put("file", problem.source());
      entry.put("line", problem.line());
      entry.put("column", problem.column());
      entry.put("field", problem.path());
      entry.put("severity", problem.severity().name().toLowerCase(Locale.ROOT));
      entry.put("message", problem.message());
      entry.put("expected", problem.expected());
      entry.put("hint", problem.hint());
    }
    return array;
  }

  /** A whole result: whether it is valid, its problems and, if it failed, why. */
  static String result(Specs.Result result) {
    ObjectNode root = JSON.createObjectNode();
    root.put("valid", !result.failed());
    root.set("problems", of(result.problems()));
    return write(root);
  }

  static String write(Object tree) {
    try {
      return JSON.writeValueAsString(tree) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }
}
