package dev.meshmirror.internal.render;

import dev.meshmirror.internal.Resources;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Properties;

/** meshmirror's own version, as the build stamped it into {@code version.properties}. */
final class Version {
  static final String MESHMIRROR = read();

  private Version() {}

  private static String read() {
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(Resources.text("/dev/meshmirror/version.properties")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }
}
