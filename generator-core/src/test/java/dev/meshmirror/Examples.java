package dev.meshmirror;

import dev.meshmirror.internal.model.Connector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bundled examples under {@code examples/}: each a folder with a spec and its expected output.
 */
public record Examples(String name, Path folder) {
  /**
   * examples/ of the repository, from generator-core (tests) or from the repository root
   * (exec:java).
   */
  public static final Path ROOT = TestPaths.REPOSITORY.resolve("examples");

  public static final MeshMirror MESH_MIRROR = MeshMirror.create();

  public Path spec() {
    return folder.resolve("connector.yaml");
  }

  public Path expected() {
    return folder.resolve("expected");
  }

  public ConnectorSpec load() {
    Validation validation = MESH_MIRROR.validate(spec());
    if (!validation.isValid()) {
      throw new AssertionError("example " + name + " is invalid:\n" + validation.problems());
    }
    return validation.spec().orElseThrow();
  }

  /** The example's internal model. */
  public Connector model() {
    return load().model();
  }

  /** Every example folder that holds a connector.yaml, by name. */
  public static List<Examples> all() {
    try (Stream<Path> folders = Files.list(ROOT)) {
      List<Examples> examples =
          folders
              .filter(folder -> Files.isRegularFile(folder.resolve("connector.yaml")))
              .sorted()
              .map(folder -> new Examples(folder.getFileName().toString(), folder))
              .toList();
      if (examples.isEmpty()) {
        throw new AssertionError("no examples found under " + ROOT);
      }
      return examples;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
