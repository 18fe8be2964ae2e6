package dev.meshmirror;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A section of README.md that is generated from the code, between {@code <!-- NAME:start ... -->}
 * and {@code <!-- NAME:end -->}, so that the two cannot drift. Run the tests with {@code
 * -Dmeshmirror.updateReadme=true} to rewrite every such section.
 */
public final class ReadmeSection {
  private static final Path README = TestPaths.REPOSITORY.resolve("README.md");

  private ReadmeSection() {}

  /**
   * Fails unless the section {@code name} holds exactly {@code generated} (rewrites it on request).
   */
  public static void assertGenerated(String name, String startMarker, String generated)
      throws IOException {
    String start = "<!-- " + name + ":start " + startMarker + " -->\n";
    String end = "<!-- " + name + ":end -->";
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int from = readme.indexOf(start);
    int to = readme.indexOf(end);
    if ((Boolean.getBoolean("meshmirror.updateReadme") || GoldenFile.approving())
        && from >= 0
        && to > from) {
      readme = readme.substring(0, from + start.length()) + generated + readme.substring(to);
      Files.writeString(README, readme, StandardCharsets.UTF_8);
      from = readme.indexOf(start);
      to = readme.indexOf(end);
    }
    String current =
        from >= 0 && to > from ? readme.substring(from + start.length(), to) : "(markers missing)";
    assertEquals(
        generated,
        current,
        "README.md section "
            + name
            + " is stale: run the tests with -Dmeshmirror.updateReadme=true");
  }
}
