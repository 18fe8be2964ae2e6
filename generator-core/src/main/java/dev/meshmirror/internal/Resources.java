package dev.meshmirror.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one way meshmirror reads what ships inside its jars (the schema, the templates' Lua modules,
 * the version). A missing resource is a broken build of meshmirror, never a user's mistake, so it
 * is an {@link IllegalStateException}.
 */
public final class Resources {
  private Resources() {}

  /** The bytes of the classpath resource {@code absoluteName} (it starts with a slash). */
  public static byte[] bytes(String absoluteName) {
    try (InputStream in = Resources.class.getResourceAsStream(absoluteName)) {
      if (in == null) {
        throw new IllegalStateException(absoluteName + " is missing from the meshmirror jars");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + absoluteName, e);
    }
  }

  /** The UTF-8 text of the classpath resource {@code absoluteName}. */
  public static String text(String absoluteName) {
    return new String(bytes(absoluteName), StandardCharsets.UTF_8);
  }
}
