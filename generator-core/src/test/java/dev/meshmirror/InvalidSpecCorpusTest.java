package dev.meshmirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.approvaltests.Approvals;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus: every spec under {@code src/test/resources/invalid/} is a realistic mistake
 * or attack, and its {@code .approved.txt} beside it is exactly what a user is told. Each one is
 * refused with at least one problem, and nothing is written.
 */
class InvalidSpecCorpusTest {
  private static final Path CORPUS =
      TestPaths.REPOSITORY.resolve("generator-core/src/test/resources/invalid");
  private static final MeshMirror MESH_MIRROR = MeshMirror.create();

  @TempDir Path temp;

  @TestFactory
  Stream<DynamicTest> everyBadSpecGetsItsApprovedProblems() throws IOException {
    List<Path> specs;
    try (Stream<Path> files = Files.list(CORPUS)) {
      // A spec file, or a folder of specs that are wrong only together (one run of several specs).
      specs =
          files
              .filter(f -> f.toString().matches(".*\\.(yaml|json)$") || Files.isDirectory(f))
              .sorted()
              .toList();
    }
    assertFalse(
        specs.size() < 101, "the corpus holds at least 101 bad specs, found " + specs.size());
    try (Stream<Path> files = Files.list(CORPUS)) {
      List<String> orphans =
          files
              .map(f -> f.getFileName().toString())
              .filter(name -> name.endsWith(".approved.txt"))
              .map(name -> name.replace(".approved.txt", ""))
              .filter(
                  base ->
                      specs.stream()
                          .noneMatch(
                              spec ->
                                  spec.getFileName().toString().equals(base)
                                      || spec.getFileName().toString().startsWith(base + ".")))
              .toList();
      assertEquals(List.of(), orphans, "approved outputs without their spec");
    }
    return specs.stream()
        .map(
            spec ->
                dynamicTest(
                    spec.getFileName().toString(),
                    () -> {
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
                      assertFalse(Files.exists(out), "nothing is written for " + spec);
                      // Shown as a path from generator-core, whatever folder the tests run in.
                      String shown = "src/test/resources/invalid/" + spec.getFileName();
                      String report =
                          refused.problems().stream()
                                  .map(Problem::describe)
                                  .map(line -> line.replace(spec.toString(), shown))
                                  .collect(Collectors.joining("\n"))
                              + "\n";
                      String base =
                          spec.getFileName().toString().replaceFirst("\\.(yaml|json)$", "");
                      Approvals.verify(
                          report,
                          ApprovedFile.at(
                              spec.resolveSibling(base + ".approved.txt"),
                              spec.resolveSibling(base + ".received.txt")));
                    }));
  }
}
