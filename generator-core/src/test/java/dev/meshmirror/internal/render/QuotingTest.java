package dev.meshmirror.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
