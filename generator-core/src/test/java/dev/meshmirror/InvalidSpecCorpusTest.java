package dev.meshmirror;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus: every spec under {@code src/test/resources/invalid/} is a realistic mistake
 * or attack, and its {@code .approved.txt} beside it is exactly what a user is told. Each one is
 * refused with at least one problem, and nothing is written. A failure names the spec and shows the
 * diff; {@code -Dmeshmirror.approve=true} approves ({@link GoldenFile}).
 */
class InvalidSpecCorpusTest {
  private static final Path CORPUS =
      TestPaths.REPOSITORY.resolve("generator-core/src/test/resources/invalid");
  private static final MeshMirror MESH_MIRROR = MeshMirror.create();

  @TempDir Path temp;

  /** Each spec file, or folder of specs that are wrong only together (one run of several specs). */
  static List<Path> corpus() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files
          .filter(f -> f.toString().matches(".*\\.(yaml|json)$") || Files.isDirectory(f))
          .sorted()
          .toList();
    }
  }

  private static String base(Path spec) {
    return spec.getFileName().toString().replaceFirst("\\.(yaml|json)$", "");
  }

  @Test
  void theCorpusIsWholeAndEveryApprovedOutputHasItsSpec() throws IOException {
    List<Path> specs = corpus();
    assertFalse(
        specs.size() < 101, "the corpus holds at least 101 bad specs, found " + specs.size());
    Set<String> approved =
        specs.stream().map(spec -> base(spec) + ".approved.txt").collect(Collectors.toSet());
    GoldenFile.noneOther(CORPUS, approved, ".approved.txt");
  }

  @ParameterizedTest(name = "invalid/{0}")
  @MethodSource("corpus")
  void isRefusedWithItsApprovedProblems(Path spec) throws IOException {
    Path out = temp.resolve(spec.getFileName() + "-out");
    InvalidSpecException refused =
        assertThrows(
            InvalidSpecException.class,
            () -> {
              if (Files.isDirectory(spec)) {
                MESH_MIRROR.renderAll(MESH_MIRROR.specFiles(spec));
              } else {
                MESH_MIRROR.generate(spec, out);
              }
            },
            spec + " must be refused");
    assertTrue(!refused.problems().isEmpty(), "at least one problem");
    assertFalse(Files.exists(out), "nothing is written for " + spec);
    // Shown as a path from generator-core, whatever folder the tests run in.
    String shown = "src/test/resources/invalid/" + spec.getFileName();
    String report =
        refused.problems().stream()
                .map(Problem::describe)
                .map(line -> line.replace(spec.toString(), shown))
                .collect(Collectors.joining("\n"))
            + "\n";
    GoldenFile.verify(spec.resolveSibling(base(spec) + ".approved.txt"), report);
  }
}
