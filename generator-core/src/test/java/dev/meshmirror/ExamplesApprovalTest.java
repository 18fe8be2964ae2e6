package dev.meshmirror;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: each example's output, file by file, against {@code examples/<name>/expected/}, so
 * a reviewer sees the spec and exactly what it produces side by side, and every change of output is
 * a diff in review. A failure names the example and the file and shows the unified diff; {@code
 * -Dmeshmirror.approve=true} approves ({@link GoldenFile}).
 */
class ExamplesApprovalTest {

  static Stream<Arguments> everyFileOfEveryExample() {
    return Examples.all().stream()
        .flatMap(
            example ->
                Examples.MESH_MIRROR.render(example.load()).fileNames().stream()
                    .map(file -> Arguments.of(example, file)));
  }

  /**
   * Renders again inside the test, not only in the argument source: a mutation tester attributes to
   * a test only the code the test itself runs.
   */
  @ParameterizedTest(name = "{0}/expected/{1}")
  @MethodSource("everyFileOfEveryExample")
  void matchesItsApprovedFile(Examples example, String file) throws IOException {
    Manifest manifest = MeshMirror.create().render(example.load()).get(file).orElseThrow();
    GoldenFile.verify(example.expected().resolve(file), manifest.content());
  }

  @ParameterizedTest(name = "{0}/expected/ holds only generated files")
  @MethodSource("dev.meshmirror.Examples#all")
  void holdsNoFileTheExampleDoesNotGenerate(Examples example) throws IOException {
    List<String> produced = Examples.MESH_MIRROR.render(example.load()).fileNames();
    Set<String> names = produced.stream().collect(Collectors.toSet());
    GoldenFile.noneOther(example.expected(), names, "");
  }
}
