package dev.meshmirror.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every value a template prints goes through a quoting helper: y/yblock (YAML), lua (Lua), sh (shell). */
class TemplateLintTest {
  private static final Path TEMPLATES = Path.of("..", "templates", "src");
  private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{|#\\{");

  @Test
  void everyInterpolationIsQuoted() throws IOException {
    List<String> unquoted = new ArrayList<>();
    List<Path> templates;
    try (Stream<Path> files = Files.walk(TEMPLATES)) {
      templates = files.filter(p -> p.toString().endsWith(".ftl")).sorted().toList();
    }
    assertFalse(templates.isEmpty(), "no templates under " + TEMPLATES.toAbsolutePath());
    for (Path template : templates) {
      List<String> lines = Files.readAllLines(template);
      for (int i = 0; i < lines.size(); i++) {
        Matcher matcher = INTERPOLATION.matcher(lines.get(i));
        while (matcher.find()) {
          String rest = lines.get(i).substring(matcher.start());
          if (!rest.startsWith("${y(") && !rest.startsWith("${yblock(") && !rest.startsWith("${lua(")
              && !rest.startsWith("${sh(")) {
            unquoted.add(TEMPLATES.relativize(template) + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
    }
    assertEquals(List.of(), unquoted, "interpolations that bypass Quoting");
  }
}
