package dev.meshmirror.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.meshmirror.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Templates only lay out text. Every value they print goes through a quoting helper (y/yblock for
 * YAML, lua for Lua, sh for shell); their expressions compute and compare nothing (no arithmetic,
 * no string building, no equality, no built-ins: {@code ??} asks whether a value is there, and the
 * view's own {@code boolean} methods answer every other question); and a YAML block's indentation
 * is the one its key needs. The view computes everything else. Built-ins are out for speed as well:
 * the first one a template uses makes FreeMarker create all of them, about 190 classes that every
 * cold run would load.
 */
class TemplateLintTest {
  private static final Path TEMPLATES = TestPaths.REPOSITORY.resolve("templates/src");
  private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{|#\\{");
  private static final Pattern COMMENT = Pattern.compile("<#--.*?-->", Pattern.DOTALL);
  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]*)}|<[#@](?!--)([^>]*)>");
  private static final Pattern STRING = Pattern.compile("\"[^\"]*\"|'[^']*'");
  private static final Pattern COMPUTATION = Pattern.compile("[-+*/%<>]|==|!=|\\?(?!\\?)[a-z_]+");
  private static final Pattern YBLOCK =
      Pattern.compile("^( *)[^ :]+: \\$\\{yblock\\([^,]+, (\\d+)\\)}$");

  @Test
  void everyInterpolationIsQuoted() throws IOException {
    List<String> unquoted = new ArrayList<>();
    forEachLine(
        (where, line) -> unquotedIn(line).forEach(found -> unquoted.add(where + ": " + found)));
    assertEquals(List.of(), unquoted, "interpolations that bypass Quoting");
  }

  @Test
  void expressionsComputeNothing() throws IOException {
    List<String> computing = new ArrayList<>();
    for (Path template : templates()) {
      computationIn(Files.readString(template))
          .forEach(found -> computing.add(TEMPLATES.relativize(template) + ": " + found));
    }
    assertEquals(
        List.of(), computing, "templates that compute or compare; compute it in the view instead");
  }

  @Test
  void yamlBlocksAreIndentedUnderTheirKey() throws IOException {
    List<String> misplaced = new ArrayList<>();
    forEachLine(
        (where, line) ->
            misindentedBlock(line).ifPresent(found -> misplaced.add(where + ": " + found)));
    assertEquals(List.of(), misplaced, "yblock indentation must be its key's column + 2");
  }

  @Test
  void theRulesCatchWhatTheyForbid() {
    assertEquals(1, unquotedIn("  name: ${c.name}").size());
    assertEquals(0, unquotedIn("  name: ${y(c.name)}").size());
    assertEquals(1, computationIn("path: ${y(\"a[\" + (100 + m?index) + \"]\")}").size());
    assertEquals(1, computationIn("<#if c.gateway.type == \"helm\">").size());
    assertEquals(1, computationIn("<#assign step = step + 1>").size());
    assertEquals(1, computationIn("<#if n.consoleUrl?starts_with(\"https://\")>").size());
    assertEquals(1, computationIn("<#if c.overlay.volumes?has_content>").size());
    assertEquals(
        0,
        computationIn("<#-- a - b + c --><#if c.mount?? && !c.x.hasVolumes><@a.b x=c.y/>").size());
    assertEquals(0, computationIn("<#import \"/lib/common.ftl\" as common><@indent by=8>").size());
    assertFalse(misindentedBlock("    inline_string: ${yblock(c.lua.filter, 14)}").isEmpty());
    assertEquals(
        java.util.Optional.empty(),
        misindentedBlock("            inline_string: ${yblock(c.lua.filter, 14)}"));
  }

  static List<String> unquotedIn(String line) {
    List<String> found = new ArrayList<>();
    Matcher matcher = INTERPOLATION.matcher(line);
    while (matcher.find()) {
      String rest = line.substring(matcher.start());
      if (!rest.startsWith("${y(")
          && !rest.startsWith("${yblock(")
          && !rest.startsWith("${lua(")
          && !rest.startsWith("${sh(")) {
        found.add(line.strip());
      }
    }
    return found;
  }

  static List<String> computationIn(String template) {
    List<String> found = new ArrayList<>();
    Matcher expression = EXPRESSION.matcher(COMMENT.matcher(template).replaceAll(""));
    while (expression.find()) {
      String code = expression.group(1) != null ? expression.group(1) : expression.group(2);
      code = STRING.matcher(code).replaceAll("\"\"");
      if (code.endsWith("/")) {
        code = code.substring(0, code.length() - 1); // <@macro .../>
      }
      if (COMPUTATION.matcher(code).find()) {
        found.add(expression.group().strip());
      }
    }
    return found;
  }

  static java.util.Optional<String> misindentedBlock(String line) {
    Matcher block = YBLOCK.matcher(line);
    if (line.contains("yblock(") && !block.matches()) {
      return java.util.Optional.of(
          "not of the form 'key: ${yblock(text, indent)}': " + line.strip());
    }
    if (block.matches() && Integer.parseInt(block.group(2)) != block.group(1).length() + 2) {
      return java.util.Optional.of(line.strip());
    }
    return java.util.Optional.empty();
  }

  private interface LineCheck {
    void check(String where, String line);
  }

  private static void forEachLine(LineCheck check) throws IOException {
    for (Path template : templates()) {
      List<String> lines = Files.readAllLines(template);
      for (int i = 0; i < lines.size(); i++) {
        check.check(TEMPLATES.relativize(template) + ":" + (i + 1), lines.get(i));
      }
    }
  }

  private static List<Path> templates() throws IOException {
    try (Stream<Path> files = Files.walk(TEMPLATES)) {
      List<Path> templates = files.filter(p -> p.toString().endsWith(".ftl")).sorted().toList();
      assertFalse(templates.isEmpty(), "no templates under " + TEMPLATES);
      return templates;
    }
  }
}
