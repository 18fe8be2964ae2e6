package dev.meshmirror.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import party.iroiro.luajava.luajit.LuaJit;

/** The YAML literal block keeps every text exactly, or falls back to a quoted scalar that does. */
class QuotingTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  @Test
  void blocksRoundTripOrFallBackToQuotes() throws Exception {
    List<String> texts =
        List.of(
            "local x = 1\nreturn x\n",
            "a\n\n  b\n",
            "\n  x = 1",
            "\n  foo\nbar",
            "  indented\n",
            "\tstarts with a tab\n",
            "ends with blank lines\n\n\n",
            "crlf\r\nline\n",
            "trailing spaces   \nend",
            "x\u2028y\n",
            "no newline at the end",
            "---\n...\n# not a comment\n");
    for (String text : texts) {
      String block = Quoting.yamlBlock(text, 4);
      String document = "data:\n  key: " + block + "\nnext: 1\n";
      assertEquals(
          text,
          YAML.readTree(document).at("/data/key").asText(),
          () -> "text " + text.replace("\n", "\\n"));
      assertEquals(1, YAML.readTree(document).at("/next").asInt());
    }
    assertTrue(
        Quoting.yamlBlock("local x = 1\n", 4).startsWith("|"), "plain code stays a readable block");
    assertTrue(
        Quoting.yamlBlock("\n  x = 1", 4).startsWith("\""),
        "a leading blank line falls back to quotes");
  }

  /** Each of these words, run through a real /bin/sh, comes out byte for byte. */
  @Test
  void shellWordsSurviveARealShell() throws Exception {
    List<String> words =
        List.of(
            "~", "~/x", "~-", "~root", "", "-x", "--help", "$x", "${x}", "$(id)", "`id`", "!", "!!",
            "*", "?", "[a]", "*?[", "a b", "a\nb", "'", "\"", "\\", "a'b", "#", "x#y", "&", ";",
            "|", "<", ">", "(", ")", "{a,b}", "%", "=", "a=b", "\t", "é", "中", "--", "-", "plain");
    StringBuilder script = new StringBuilder();
    for (String word : words) {
      script.append("printf '%s\\0' ").append(Quoting.shell(word)).append('\n');
    }
    Process shell =
        new ProcessBuilder("/bin/sh", "-c", script.toString()).redirectErrorStream(true).start();
    String out = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, shell.waitFor(), out);
    assertEquals(words, List.of(out.split("\u0000", -1)).subList(0, words.size()));
  }

  /** Each of these values, as a YAML scalar, is read back by a YAML parser exactly. */
  @Test
  void yamlScalarsSurviveAYamlParser() throws Exception {
    List<String> values =
        List.of(
            "",
            "\u2028",
            "\u2029",
            "\uFEFF",
            "\u0000",
            "\u0085",
            "\r",
            "\r\n",
            "\t",
            "null",
            "~",
            "true",
            "no",
            "0x1F",
            "1e3",
            ": x",
            "- x",
            "#x",
            "'",
            "\"",
            "\\",
            "{a}",
            "[a]",
            "&a",
            "*a",
            "!tag",
            "|",
            ">",
            "%",
            "@",
            "`",
            "é",
            "😀",
            "a\u0007b",
            "\u007f",
            "\u0080",
            "\u009f",
            "\u00a0",
            "\ud7ff",
            "\ue000",
            "\ufffd",
            "\ufffe",
            "\ud800\udc00",
            "x\u007fy");
    for (String value : values) {
      String document = "key: " + Quoting.yaml(value) + "\nnext: 1\n";
      assertEquals(value, YAML.readTree(document).at("/key").asText(), () -> "value " + value);
      assertEquals(1, YAML.readTree(document).at("/next").asInt());
    }
  }

  /**
   * The exact escapes, which the round trips above cannot tell apart from other valid ones: four
   * upper-case hex digits in YAML, three decimal digits per UTF-8 byte in Lua, a code point above
   * U+FFFF kept as is, a lone surrogate escaped, and text a shell or a block takes as it is.
   */
  @Test
  void escapesHaveOneExactForm() {
    assertEquals("\"a\\u0007\\u0080\\uFEFF\\uD800b\"", Quoting.yaml("a\u0007\u0080\ufeff\ud800b"));
    assertEquals("\"\\uDC00\\u2028😀é\"", Quoting.yaml("\udc00\u2028😀é"));
    assertEquals("\"\\007\\195\\169\\240\\159\\152\\128~\"", Quoting.lua("\u0007é😀~"));
    assertEquals("|\n  😀 é\tx\n  y", Quoting.yamlBlock("😀 é\tx\ny\n", 2));
    assertEquals("\"lone \\uD800\\n\"", Quoting.yamlBlock("lone \ud800\n", 2));
    assertEquals("\"x\\u0085\\n\"", Quoting.yamlBlock("x\u0085\n", 2));
    assertEquals("\"\\uD83D\"", Quoting.yamlBlock("\ud83d", 2));
    assertEquals("aZ09_./:=@%+,-", Quoting.shell("aZ09_./:=@%+,-"));
    assertEquals("''", Quoting.shell(""));
    assertEquals("'a b'", Quoting.shell("a b"));
    assertEquals("'a~'", Quoting.shell("a~"));
  }

  /** Each of these values, as a Lua literal, is read back by LuaJIT exactly, byte for byte. */
  @Test
  void luaLiteralsSurviveLuaJit() {
    List<String> values =
        List.of(
            "",
            "]]",
            "]=]",
            "\u0000",
            "\"",
            "\\",
            "'",
            "\n",
            "\r",
            "--[[",
            "é",
            "\u0080\u00ff",
            "😀",
            "a\u0007b",
            "\\0",
            "%s");
    try (LuaJit lua = new LuaJit()) {
      lua.openLibraries();
      for (String value : values) {
        lua.run(
            "read = "
                + Quoting.lua(value)
                + "; length = #read; hex = read:gsub('.', function(c) return"
                + " string.format('%02x', c:byte()) end)");
        assertEquals(hex(value), lua.get("hex").toString(), () -> "value " + value);
      }
    }
  }

  private static String hex(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      out.append(String.format("%02x", b & 0xFF));
    }
    return out.toString();
  }
}
