package dev.meshmirror.internal.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The drift check's diff reads like {@code diff -u}: removals before additions, three lines of
 * context, and hunk headers that locate each change (checked by applying the diff back).
 */
class UnifiedDiffTest {
  private static final Pattern HEADER = Pattern.compile("@@ -(\\d+),(\\d+) \\+(\\d+),(\\d+) @@");

  @Test
  void aChangedLineIsItsRemovalThenItsAddition() {
    assertEquals(
        """
        --- committed/a.yaml
        +++ rendered/a.yaml
        @@ -1,6 +1,6 @@
         one
         two
        -three: 9
        +three: 5
         four
         five
         six
        """,
        UnifiedDiff.of(
            "committed/a.yaml",
            "one\ntwo\nthree: 9\nfour\nfive\nsix\n",
            "rendered/a.yaml",
            "one\ntwo\nthree: 5\nfour\nfive\nsix\n"));
  }

  @Test
  void equalTextsHaveNoDiff() {
    assertEquals("", UnifiedDiff.of("a", "x\ny\n", "b", "x\ny\n"));
  }

  @Test
  void randomEditsApplyBackAndListRemovalsFirst() {
    Random random = new Random(12);
    for (int round = 0; round < 2000; round++) {
      List<String> before = randomLines(random);
      List<String> after = new ArrayList<>(before);
      for (int edit = random.nextInt(4); edit >= 0; edit--) {
        int at = random.nextInt(after.size() + 1);
        switch (random.nextInt(3)) {
          case 0 -> after.add(at, "new" + random.nextInt(5));
          case 1 -> {
            if (at < after.size()) {
              after.remove(at);
            }
          }
          default -> {
            if (at < after.size()) {
              after.set(at, "changed" + random.nextInt(5));
            }
          }
        }
      }
      String beforeText = text(before);
      String afterText = text(after);
      String diff = UnifiedDiff.of("a", beforeText, "b", afterText);
      assertEquals(beforeText.equals(afterText), diff.isEmpty(), diff);
      if (!diff.isEmpty()) {
        assertEquals(afterText, apply(beforeText, diff), beforeText + "\n" + diff);
        assertFalse(
            diff.matches("(?s).*\\n\\+[^\\n]*\\n-.*"),
            "an addition is never followed by a removal:\n" + diff);
      }
    }
  }

  private static List<String> randomLines(Random random) {
    List<String> lines = new ArrayList<>();
    for (int i = random.nextInt(20); i >= 0; i--) {
      lines.add("line" + random.nextInt(6));
    }
    return lines;
  }

  private static String text(List<String> lines) {
    return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
  }

  /** Applies a unified diff the way patch does: at each hunk's header position, strictly. */
  private static String apply(String before, String diff) {
    List<String> source = before.isEmpty() ? List.of() : List.of(before.split("\n"));
    List<String> result = new ArrayList<>();
    List<String> lines = List.of(diff.split("\n"));
    int consumed = 0;
    int index = 2;
    while (index < lines.size()) {
      Matcher header = HEADER.matcher(lines.get(index++));
      if (!header.matches()) {
        throw new AssertionError("not a hunk header: " + lines.get(index - 1));
      }
      int beforeStart = Integer.parseInt(header.group(1));
      int beforeCount = Integer.parseInt(header.group(2));
      int hunkStart = beforeCount == 0 ? beforeStart : beforeStart - 1;
      while (consumed < hunkStart) {
        result.add(source.get(consumed++));
      }
      int removedOrKept = 0;
      while (index < lines.size() && !lines.get(index).startsWith("@@")) {
        String line = lines.get(index++);
        char kind = line.charAt(0);
        String content = line.substring(1);
        if (kind != '+') {
          assertEquals(source.get(consumed++), content, "context and removals match the text");
          removedOrKept++;
        }
        if (kind != '-') {
          result.add(content);
        }
      }
      assertEquals(beforeCount, removedOrKept, "the header counts the hunk's lines");
    }
    while (consumed < source.size()) {
      result.add(source.get(consumed++));
    }
    return text(result);
  }
}
