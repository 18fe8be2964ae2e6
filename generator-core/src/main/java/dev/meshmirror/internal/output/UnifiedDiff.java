package dev.meshmirror.internal.output;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts, line by line (longest common subsequence), with three lines of
 * context, as {@code diff -u} prints it. Manifests are small, so the quadratic table is fine.
 */
public final class UnifiedDiff {
  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  /** The diff from {@code before} to {@code after}, or an empty string when they are equal. */
  public static String of(String beforeName, String before, String afterName, String after) {
    List<String> a = lines(before);
    List<String> b = lines(after);
    if (a.equals(b)) {
      return "";
    }
    int[][] common = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        common[i][j] =
            a.get(i).equals(b.get(j))
                ? common[i + 1][j + 1] + 1
                : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    List<Edit> edits = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        edits.add(new Edit(' ', a.get(i), i++, j++));
      } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
        edits.add(new Edit('-', a.get(i), i++, j)); // removals first, as diff -u prints them
      } else {
        edits.add(new Edit('+', b.get(j), i, j++));
      }
    }
    StringBuilder out =
        new StringBuilder("--- ")
            .append(beforeName)
            .append("\n+++ ")
            .append(afterName)
            .append('\n');
    int index = 0;
    while (index < edits.size()) {
      if (edits.get(index).kind() == ' ') {
        index++;
        continue;
      }
      int start = Math.max(0, index - CONTEXT);
      int end = index;
      int lastChange = index;
      while (end < edits.size() && end - lastChange <= 2 * CONTEXT) {
        if (edits.get(end).kind() != ' ') {
          lastChange = end;
        }
        end++;
      }
      end = Math.min(edits.size(), lastChange + CONTEXT + 1);
      hunk(out, edits.subList(start, end));
      index = end;
    }
    return out.toString();
  }

  private static void hunk(StringBuilder out, List<Edit> hunk) {
    int beforeStart = hunk.get(0).before();
    int afterStart = hunk.get(0).after();
    long beforeCount = hunk.stream().filter(edit -> edit.kind() != '+').count();
    long afterCount = hunk.stream().filter(edit -> edit.kind() != '-').count();
    out.append("@@ -")
        .append(beforeStart + (beforeCount > 0 ? 1 : 0))
        .append(',')
        .append(beforeCount)
        .append(" +")
        .append(afterStart + (afterCount > 0 ? 1 : 0))
        .append(',')
        .append(afterCount)
        .append(" @@\n");
    hunk.forEach(edit -> out.append(edit.kind()).append(edit.line()).append('\n'));
  }

  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1); // the final line break ends the last line
    }
    return lines;
  }

  private record Edit(char kind, String line, int before, int after) {}
}
