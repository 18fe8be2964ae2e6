package dev.meshmirror;

import java.util.Objects;

/**
 * One mistake in a spec, as a value: where it is (source, line, column, field path), what is wrong,
 * what was expected and, when we can tell, what the user probably meant.
 *
 * <p>Problems are collected, never thrown one by one, so a user sees every mistake of a spec in one
 * run. They are turned into text, exceptions or build failures only at the edge (the facade, the
 * Maven plugin).
 *
 * @param source the file (or the name given to an in-memory spec)
 * @param line 1-based line, or 0 when the spec has no text (a builder)
 * @param column 1-based column, or 0 when unknown
 * @param path the field, in dotted form such as {@code spec.node.port}; empty for the whole document
 * @param message what is wrong
 * @param expected what would be accepted there, or empty
 * @param hint advice such as "did you mean 'port'?", or empty
 */
public record Problem(
    String source, int line, int column, String path, String message, String expected, String hint) {

  public Problem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    expected = expected == null ? "" : expected;
    hint = hint == null ? "" : hint;
  }

  /** {@code file:line:column: path: message}, then the expectation and the hint on their own lines. */
  public String describe() {
    StringBuilder text = new StringBuilder(source);
    if (line > 0) {
      text.append(':').append(line).append(':').append(column);
    }
    text.append(": ");
    if (!path.isEmpty()) {
      text.append(path).append(": ");
    }
    text.append(message);
    if (!expected.isEmpty()) {
      text.append("\n    expected: ").append(expected);
    }
    if (!hint.isEmpty()) {
      text.append("\n    hint: ").append(hint);
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return describe();
  }
}
