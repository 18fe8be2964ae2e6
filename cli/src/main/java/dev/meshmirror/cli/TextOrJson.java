package dev.meshmirror.cli;

/** The formats of a report: {@code -o text} for people, {@code -o json} for CI. */
enum TextOrJson {
  text,
  json
}
