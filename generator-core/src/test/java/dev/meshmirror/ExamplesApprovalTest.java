package dev.meshmirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.approvaltests.Approvals;
import org.approvaltests.core.Options;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files: each example's output, file by file, against {@code examples/<name>/expected/}, so
 * a reviewer sees the spec and exactly what it produces side by side, and every change of output is
 * a diff in review.
 */
class ExamplesApprovalTest {

  @TestFactory
  Stream<DynamicNode> everyExampleMatchesItsExpectedOutput() {
    return Examples.all().stream()
        .map(
            example -> {
              Manifests manifests = Examples.MESH_MIRROR.render(example.load());
              Stream<DynamicNode> files =
                  manifests.all().stream()
                      .map(
                          manifest ->
                              dynamicTest(
                                  manifest.fileName(),
                                  () ->
                                      Approvals.verify(
                                          manifest.content(), options(example, manifest))));
              DynamicNode noStrays =
                  dynamicTest(
                      "no expected file without output",
                      () -> {
                        List<String> expected;
                        try (Stream<Path> listed = Files.list(example.expected())) {
                          expected =
                              listed
                                  .map(p -> p.getFileName().toString())
                                  .filter(n -> !n.contains(".received."))
                                  .sorted()
                                  .toList();
                        }
                        assertEquals(
                            manifests.fileNames().stream().sorted().toList(),
                            expected,
                            "examples/"
                                + example.name()
                                + "/expected/ must hold exactly the generated files");
                      });
              return dynamicContainer(example.name(), Stream.concat(files, Stream.of(noStrays)));
            });
  }

  private static Options options(Examples example, Manifest manifest) throws IOException {
    Files.createDirectories(example.expected());
    String name = manifest.fileName();
    int dot = name.lastIndexOf('.');
    return ApprovedFile.at(
        example.expected().resolve(name),
        example.expected().resolve(name.substring(0, dot) + ".received" + name.substring(dot)));
  }
}
