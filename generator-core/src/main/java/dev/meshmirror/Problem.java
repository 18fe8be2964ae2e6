package dev.meshmirror;

import java.util.Objects;
import java.util.Optional;

/**
 * One mistake in a spec, as a value: where it is (source, line, column, field path), what is wrong,
 * what was expected and, when we can tell, what the user probably meant.
 *
 * <p>Problems are collected, never thrown one by one, so a user sees every mistake of a spec in one
 * run. They are turned into text, exceptions or build failures only at the edge (the facade, the
 * Maven plugin). They are built by name: {@code Problem.at(file, 3, 5, "spec.node.port").says("is
 * 70000").expected("a TCP port")}.
 *
 * @param source the file (or the name given to an in-memory spec)
 * @param line 1-based line, or 0 when the spec has no text (a builder)
 * @param column 1-based column, or 0 when unknown
 * @param path the field, in dotted form such as {@code spec.node.port}; empty for the whole
 *     document
 * @param message what is wrong
 * @param expected what would be accepted there, or empty
 * @param hint advice such as "did you mean 'port'?", or empty
 * @param suggestion the word the user probably meant (a key or an allowed value), when one is close
 * @param severity an error (nothing is generated) or a warning (generated, but worth reading)
 */
public record Problem(
    String source,
    int line,
    int column,
    String path,
    String message,
    String expected,
    String hint,
    Optional<String> suggestion,
    Severity severity) {

  public Problem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(hint, "hint");
    Objects.requireNonNull(suggestion, "suggestion");
    Objects.requireNonNull(severity, "severity");
  }

  /** How serious a problem is. */
  public enum Severity {
    /** The spec cannot be rendered as it is. */
    ERROR,
    /** The spec renders, but something deserves the user's attention (an unverified Istio, say). */
    WARNING
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** Where a problem is; {@link Place#says} completes it. */
  public record Place(String source, int line, int column, String path) {
    /** The problem at this place, with what is wrong. */
    public Problem says(String message) {
      return new Problem(
          source, line, column, path, message, "", "", Optional.empty(), Severity.ERROR);
    }
  }

  /** A problem at a line and column of {@code source}, about the field {@code path}. */
  public static Place at(String source, int line, int column, String path) {
    return new Place(source, line, column, path);
  }

  /** A problem with a whole file, or with a spec that has no text. */
  public static Place in(String source) {
    return new Place(source, 0, 0, "");
  }

  /** The same problem, saying what would be accepted. */
  public Problem expected(String what) {
    return new Problem(source, line, column, path, message, what, hint, suggestion, severity);
  }

  /** The same problem, with advice on what to change. */
  public Problem hint(String advice) {
    return new Problem(source, line, column, path, message, expected, advice, suggestion, severity);
  }

  /** The same problem, suggesting the word the user probably meant: "did you mean 'word'?". */
  public Problem suggesting(String word) {
    return new Problem(
        source,
        line,
        column,
        path,
        message,
        expected,
        "did you mean '" + word + "'?",
        Optional.of(word),
        severity);
  }

  /** The same problem as a warning: the spec still renders. */
  public Problem asWarning() {
    return new Problem(
        source, line, column, path, message, expected, hint, suggestion, Severity.WARNING);
  }

  /**
   * {@code file:line:column: path: message}, then the expectation and the hint on their own lines.
   */
  public String describe() {
    StringBuilder text = new StringBuilder(source);
    if (line > 0) {
      text.append(':').append(line).append(':').append(column);
    }
    text.append(": ");
    if (!path.isEmpty()) {
      text.append(path).append(": ");
    }
    if (severity == Severity.WARNING) {
      text.append("warning: ");
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
