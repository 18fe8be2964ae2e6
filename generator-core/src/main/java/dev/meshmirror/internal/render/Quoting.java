package dev.meshmirror.internal.render;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one place where values become text inside generated files. Templates never print a value
 * directly: YAML gets {@link #yaml} (or {@link #yamlBlock} for multi-line text), Lua gets {@link
 * #lua}, shell commands get {@link #shell}. Whatever a value holds, it stays one scalar, one Lua
 * literal or one shell word and cannot change the structure around it.
 */
public final class Quoting {
  private static final String SHELL_SAFE_PUNCTUATION = "_./:=@%+,-";
  private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

  private Quoting() {}

  /**
   * A YAML flow scalar for {@code value}: strings always double-quoted with every character that is
   * not plainly printable escaped; numbers in canonical form; booleans as {@code true}/{@code
   * false}.
   */
  public static String yaml(Object value) {
    if (value instanceof String text) {
      return doubleQuoted(text);
    }
    if (value instanceof Boolean flag) {
      return flag.toString();
    }
    if (value instanceof Integer || value instanceof Long) {
      return value.toString();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.stripTrailingZeros().toPlainString();
    }
    if (value instanceof Double number && !number.isNaN() && !number.isInfinite()) {
      return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }
    throw new IllegalArgumentException(
        "no YAML form for " + (value == null ? "null" : value.getClass()));
  }

  private static String doubleQuoted(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (surrogatePairAt(text, i)) {
            out.append(c).append(text.charAt(++i)); // every code point above U+FFFF is printable
          } else if (printable(c)) {
            out.append(c);
          } else {
            hex(out.append("\\u"), c, 4);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /**
   * Whether a high surrogate at {@code i} is followed by a low one: one code point above U+FFFF.
   */
  private static boolean surrogatePairAt(String text, int i) {
    return i + 1 < text.length() && Character.isSurrogatePair(text.charAt(i), text.charAt(i + 1));
  }

  /** {@code value} in {@code digits} upper-case hexadecimal digits. */
  private static void hex(StringBuilder out, int value, int digits) {
    for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
      out.append(HEX_DIGITS[(value >>> shift) & 0xF]);
    }
  }

  /**
   * Multi-line text as a YAML literal block ({@code |}), every line indented by {@code indent}
   * spaces, so code stays readable in review. Text a block cannot hold exactly (a leading space,
   * several trailing line breaks, carriage returns or other characters YAML treats as breaks or
   * does not print) falls back to a double-quoted scalar: the value is never altered.
   */
  public static String yamlBlock(String text, int indent) {
    if (!blockCanHold(text)) {
      return yaml(text);
    }
    String pad = " ".repeat(indent);
    // The final break belongs to the block's chomping ("|" keeps it, "|-" has none), not a line.
    boolean finalBreak = text.endsWith("\n");
    int end = finalBreak ? text.length() - 1 : text.length();
    StringBuilder out = new StringBuilder(text.length() + text.length() / 4 + 8);
    out.append(finalBreak ? "|" : "|-");
    for (int start = 0; start <= end; ) {
      int newline = text.indexOf('\n', start);
      int lineEnd = newline < 0 || newline > end ? end : newline;
      out.append('\n');
      if (lineEnd > start) {
        out.append(pad).append(text, start, lineEnd);
      }
      start = lineEnd + 1;
    }
    return out.toString();
  }

  /**
   * Whether a literal block holds {@code text} exactly: not empty, at most one final break, its
   * first line at the block's indentation, and nothing but printable characters, tabs and breaks.
   */
  private static boolean blockCanHold(String text) {
    if (text.isEmpty() || text.endsWith("\n\n") || !startsAtTheBlockIndent(text)) {
      return false;
    }
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\t' || (c >= 0x20 && c <= 0x7E)) {
        continue; // most of any text: checked without a call
      }
      if (surrogatePairAt(text, i)) {
        i++;
      } else if (!printable(c) || c == 0x85) {
        return false;
      }
    }
    return true;
  }

  /**
   * A block takes its indentation from its first line that holds more than spaces: the text must
   * begin with that line, unindented, or YAML would read the indentation differently.
   */
  private static boolean startsAtTheBlockIndent(String text) {
    return text.charAt(0) != ' ' && text.charAt(0) != '\n' && text.charAt(0) != '\t';
  }

  /**
   * A Lua 5.1 literal for {@code value}: strings in double quotes with every byte outside printable
   * ASCII written as a decimal escape (so the code is pure ASCII and no value can end the string);
   * numbers, booleans and nil; lists as {@code { a, b }} and maps as {@code { ["k"] = v }} with
   * sorted keys.
   */
  public static String lua(Object value) {
    if (value == null) {
      return "nil";
    }
    if (value instanceof String text) {
      StringBuilder out = new StringBuilder("\"");
      for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
        int c = b & 0xFF;
        if (c == '"' || c == '\\') {
          out.append('\\').append((char) c);
        } else if (c >= 0x20 && c <= 0x7E) {
          out.append((char) c);
        } else {
          out.append('\\').append((char) ('0' + c / 100)).append((char) ('0' + c / 10 % 10));
          out.append((char) ('0' + c % 10));
        }
      }
      return out.append('"').toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder out = new StringBuilder("{");
      for (Object item : list) {
        out.append(out.length() == 1 ? " " : ", ").append(lua(item));
      }
      return out.append(list.isEmpty() ? "}" : " }").toString();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((key, item) -> sorted.put(String.valueOf(key), item));
      StringBuilder out = new StringBuilder("{");
      sorted.forEach(
          (key, item) ->
              out.append(out.length() == 1 ? " " : ", ")
                  .append('[')
                  .append(lua(key))
                  .append("] = ")
                  .append(lua(item)));
      return out.append(sorted.isEmpty() ? "}" : " }").toString();
    }
    return yaml(value); // booleans and finite numbers are written the same way in Lua
  }

  /**
   * YAML's printable set within the basic plane, less the line and byte-order marks that some tools
   * treat as breaks; a lone surrogate is not printable. (Every code point above U+FFFF is.)
   */
  private static boolean printable(char c) {
    return (c >= 0x20 && c <= 0x7E)
        || (c >= 0xA0 && c <= 0xD7FF && c != 0x2028 && c != 0x2029)
        || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF);
  }

  /** One POSIX shell word for {@code value}: as is when plainly safe, else single-quoted. */
  public static String shell(Object value) {
    String text = String.valueOf(value);
    if (shellSafe(text)) {
      return text;
    }
    return "'" + text.replace("'", "'\\''") + "'";
  }

  /**
   * Not empty and only characters no shell gives a meaning to in a word: ASCII letters and digits
   * and {@code _./:=@%+,-}.
   */
  private static boolean shellSafe(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean alphanumeric =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alphanumeric && SHELL_SAFE_PUNCTUATION.indexOf(c) < 0) {
        return false;
      }
    }
    return !text.isEmpty();
  }
}
