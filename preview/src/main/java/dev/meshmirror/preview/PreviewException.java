package dev.meshmirror.preview;

/**
 * A connector the preview cannot run, as Envoy could not: its Lua filter (a vendor's own, say)
 * fails to load. It reports the user's input, so it carries no stack trace.
 */
public final class PreviewException extends Exception {
  private static final long serialVersionUID = 1L;

  public PreviewException(String message) {
    super(message);
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
