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
  private static final ClassLoader LOADER = Resources.class.getClassLoader();

  private Resources() {}

  /**
   * The bytes of the classpath resource {@code absoluteName} (it starts with a slash). On a module
   * path this module's own resources are encapsulated from class-loader lookups and the templates
   * jar is another module, so the class is asked first and the class loader second.
   */
  public static byte[] bytes(String absoluteName) {
    try (InputStream in = open(absoluteName)) {
      if (in == null) {
        throw new IllegalStateException(absoluteName + " is missing from the meshmirror jars");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + absoluteName, e);
    }
  }

  private static InputStream open(String absoluteName) throws IOException {
    InputStream own = Resources.class.getResourceAsStream(absoluteName);
    return own != null ? own : LOADER.getResourceAsStream(absoluteName.substring(1));
  }

  /** The UTF-8 text of the classpath resource {@code absoluteName}. */
  public static String text(String absoluteName) {
    return new String(bytes(absoluteName), StandardCharsets.UTF_8);
  }
}
