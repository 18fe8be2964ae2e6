package dev.meshmirror;

import static org.junit.jupiter.api.Assertions.fail;

import dev.meshmirror.internal.output.UnifiedDiff;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Approved files (golden files) that a reviewer reads next to what produced them. A mismatch fails
 * with a unified diff of the approved file against what was produced; run with {@code
 * -Dmeshmirror.approve=true} to approve every difference, which also deletes approved files that
 * nothing produces any more. The approving run passes; {@code git diff} shows what it approved.
 */
public final class GoldenFile {
  private GoldenFile() {}

  /** Whether this run approves what it produces instead of comparing. */
  public static boolean approving() {
    return Boolean.getBoolean("meshmirror.approve");
  }

  /** {@code produced} must equal the approved file {@code approved}. */
  public static void verify(Path approved, String produced) throws IOException {
    String expected =
        Files.isRegularFile(approved) ? Files.readString(approved, StandardCharsets.UTF_8) : null;
    if (produced.equals(expected)) {
      return;
    }
    if (approving()) {
      Files.createDirectories(approved.getParent());
      Files.writeString(approved, produced, StandardCharsets.UTF_8);
      return;
    }
    String name = TestPaths.REPOSITORY.relativize(approved.toAbsolutePath()).toString();
    fail(
        (expected == null
                ? name + " is not approved yet"
                : name + " differs from what was produced")
            + "; approve with -Dmeshmirror.approve=true (README, How it is checked):\n"
            + UnifiedDiff.of(
                "approved/" + name,
                expected == null ? "" : expected,
                "produced/" + name,
                produced));
  }

  /**
   * The folder must hold exactly {@code produced} among the files {@code approvedFiles} selects: an
   * approved file that nothing produces is an error, deleted when approving.
   */
  public static void noneOther(Path folder, Set<String> produced, String suffix)
      throws IOException {
    if (!Files.isDirectory(folder)) {
      return;
    }
    List<Path> strays;
    try (Stream<Path> files = Files.list(folder)) {
      strays =
          files
              .filter(file -> file.getFileName().toString().endsWith(suffix))
              .filter(file -> !produced.contains(file.getFileName().toString()))
              .sorted()
              .toList();
    }
    if (strays.isEmpty()) {
      return;
    }
    if (approving()) {
      for (Path stray : strays) {
        Files.delete(stray);
      }
      return;
    }
    fail(
        "approved files that nothing produces any more: "
            + strays.stream()
                .map(p -> TestPaths.REPOSITORY.relativize(p.toAbsolutePath()).toString())
                .toList()
            + "; approving (-Dmeshmirror.approve=true) deletes them");
  }
}
