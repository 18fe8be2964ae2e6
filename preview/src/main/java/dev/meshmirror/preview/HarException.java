package dev.meshmirror.preview;

/**
 * A HAR file that cannot be read, located: the file, line and column, and what was expected there.
 * It reports a user's input, so it carries no stack trace.
 */
public final class HarException extends Exception {
  private static final long serialVersionUID = 1L;

  public HarException(String file, long line, long column, String message) {
    super(file + (line > 0 ? ":" + line + ":" + column : "") + ": " + message);
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
