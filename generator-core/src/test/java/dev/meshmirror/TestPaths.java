package dev.meshmirror;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Folders of the repository, found from where the test classes are (never from the working
 * directory): {@code generator-core/target/test-classes} is three levels below the repository.
 */
public final class TestPaths {
  /** The repository's root folder. */
  public static final Path REPOSITORY = repository();

  /** {@code ../shared/reference} beside the repository: data the tests read but never copy. */
  public static final Path REFERENCE = REPOSITORY.resolveSibling("shared").resolve("reference");

  private TestPaths() {}

  private static Path repository() {
    try {
      Path classes =
          Path.of(TestPaths.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path folder = classes; folder != null; folder = folder.getParent()) {
        if (Files.isRegularFile(folder.resolve("README.md"))
            && Files.isDirectory(folder.resolve("templates"))) {
          return folder.toAbsolutePath().normalize();
        }
      }
      throw new IllegalStateException("no repository above " + classes);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
