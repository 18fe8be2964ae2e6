package dev.meshmirror.cli;

/** Words for a POSIX shell, so that a command meshmirror suggests runs as printed. */
final class Shell {
  private Shell() {}

  /** The word as it is when it needs no quotes, else in single quotes. */
  static String quote(String word) {
    if (!word.isEmpty() && word.matches("[A-Za-z0-9_./:=@%+-]+")) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
